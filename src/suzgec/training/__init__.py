"""Training code for Süzgeç's shipped models; needs the shared data, never imported at runtime."""
