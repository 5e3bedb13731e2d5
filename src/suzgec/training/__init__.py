"""Training code for Süzgeç's shipped models; needs the shared data, never imported at runtime."""

from __future__ import annotations

import hashlib
from pathlib import Path


def sha256(path: Path) -> str:
    """Hex digest of a data file, read in 1 MiB blocks; model cards record it per input."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
