"""Turkish casing. `str.lower()` maps I→i and İ→i̇ (i + combining dot): wrong here.

Turkish pairs are I↔ı and İ↔i; every other letter follows Unicode.
"""

from __future__ import annotations

_LOWER = str.maketrans({"I": "ı", "İ": "i"})
_UPPER = str.maketrans({"i": "İ", "ı": "I"})


def tr_lower(text: str) -> str:
    """Lower-case with Turkish rules: "KIRK İĞNE" → "kırk iğne"."""
    return text.translate(_LOWER).lower()


def tr_upper(text: str) -> str:
    """Upper-case with Turkish rules: "kırk iğne" → "KIRK İĞNE"."""
    return text.translate(_UPPER).upper()


def tr_capitalize(word: str) -> str:
    """First letter upper, rest lower, Turkish rules: "istanbul" → "İstanbul"."""
    if not word:
        return word
    return tr_upper(word[0]) + tr_lower(word[1:])


def is_upper_word(word: str) -> bool:
    """True when the word has letters and all of them are upper case."""
    has_letter = False
    for ch in word:
        if ch.isalpha():
            has_letter = True
            if not ch.isupper():
                return False
    return has_letter
