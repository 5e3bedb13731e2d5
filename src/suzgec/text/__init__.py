"""Turkish text primitives: casing, normalisation, tokens, diacritics, spelling."""
