"""Normalisation that people use to dodge filters, undone word by word.

Spans must point into the text the commenter wrote, so nothing here is applied to
the whole comment except `clean` (control characters out, then NFC; done once when a
comment enters the pipeline, and the cleaned text is what gets stored).
Tokens keep their offsets; `fold` turns one token into the form lexicons and
models compare against.
"""

from __future__ import annotations

import re
import unicodedata

from suzgec.text.bounds import word_cache
from suzgec.text.casing import tr_lower

# Invisible characters that split a word for a filter but not for a reader.
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_DROP_ZERO_WIDTH = str.maketrans("", "", ZERO_WIDTH)

# Letters from other scripts that look like Latin ones (Cyrillic, Greek) and
# digits/symbols used as letters ("s1kt1r", "@pt@l", "$erefsiz").
HOMOGLYPHS = str.maketrans(
    {
        "а": "a",
        "е": "e",
        "о": "o",
        "р": "p",
        "с": "c",
        "у": "y",
        "х": "x",
        "к": "k",
        "м": "m",
        "т": "t",
        "н": "h",
        "в": "b",
        "і": "i",
        "ј": "j",
        "ѕ": "s",
        "ԛ": "q",
        "ο": "o",
        "α": "a",
        "ε": "e",
        "ι": "i",
        "κ": "k",
        "ν": "v",
        "τ": "t",
        "ρ": "p",
        "Α": "A",
        "Β": "B",
        "Ε": "E",
        "Ι": "I",
        "Κ": "K",
        "Μ": "M",
        "Ν": "N",
        "Ο": "O",
        "Ρ": "P",
        "Τ": "T",
        "Χ": "X",
        "А": "A",
        "В": "B",
        "Е": "E",
        "К": "K",
        "М": "M",
        "Н": "H",
        "О": "O",
        "Р": "P",
        "С": "C",
        "Т": "T",
        "Х": "X",
    }
)
LEET = str.maketrans(
    {"1": "i", "3": "e", "4": "a", "0": "o", "5": "s", "7": "t", "@": "a", "$": "s", "!": "i"}
)

# Zero-width characters dropped and look-alikes mapped in one pass (what `fold` does first).
_UNMASK = {**HOMOGLYPHS, **_DROP_ZERO_WIDTH}

_RUNS3 = re.compile(r"(.)\1{2,}")
_RUNS2 = re.compile(r"(.)\1+")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


# Characters no reader needs and some abuse: C0/C1 controls (NUL, BEL, ESC …) and the bidi
# embedding, override, isolate and mark characters, which reorder what follows them on the page
# ("\u202eredoM" shows as "Moder", and reverses the timestamp beside it too).
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_CONTROL = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI}]")
# The same, less tab, newline and carriage return: ordinary layout in a comment.
_CONTROL_IN_TEXT = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{_BIDI}]")


def strip_controls(text: str) -> str:
    """Drop control and bidi characters, keeping tabs and line breaks. Zero-width characters
    stay: they join emoji and scripts, and `fold` sees through them when they split a word."""
    return _CONTROL_IN_TEXT.sub("", text)


def first_control(text: str) -> str | None:
    """The first control or bidi character in `text` (tabs and line breaks included), if any."""
    found = _CONTROL.search(text)
    return found.group() if found else None


def clean(text: str) -> str:
    """The comment as stored and moderated: control characters out, then NFC (in this order,
    so a removed character cannot keep a letter and its accent from composing)."""
    return nfc(strip_controls(text))


def strip_invisible(text: str) -> str:
    return text.translate(_DROP_ZERO_WIDTH)


def squeeze(word: str, keep: int = 1) -> str:
    """Collapse letter runs: keep=1 "çoook"→"çok"; keep=2 "çoooook"→"çook" (Turkish has
    real double letters: saat, dikkat, tabii, so keep=2 is the safe default for spelling)."""
    if keep == 1:
        return _RUNS2.sub(r"\1", word)
    return _RUNS3.sub(r"\1\1", word)


def fold(word: str, *, leet: bool = True, keep: int = 1) -> str:
    """The comparison form of a token: invisible characters dropped, look-alike letters
    mapped to Latin, Turkish lower case, leetspeak undone, letter runs squeezed."""
    return _fold(leet, keep, word)


@word_cache(maxsize=1 << 16)
def _fold(leet: bool, keep: int, word: str) -> str:
    """Cached: the lexicon, the content model and the belief check fold the same words."""
    out = word.translate(_UNMASK)
    # `isalpha()` first: it settles the common all-letters word without a Python loop.
    if leet and (out.isalpha() or any(ch.isalpha() for ch in out)):
        out = out.translate(LEET)
    return squeeze(tr_lower(out), keep)


# The seven Turkish letters people drop, and their ASCII look-alikes.
_ASCIIFY = str.maketrans("çğıöşüÇĞİÖŞÜ", "cgiosuCGIOSU")
TURKISH_LETTERS = frozenset("çğıöşüÇĞİÖŞÜ")


def asciify(text: str) -> str:
    """Drop Turkish letters to ASCII look-alikes: "Çok güzel" → "Cok guzel".

    Length is kept, so offsets stay valid between a text and its asciified form.
    Circumflex letters (â î û) are a different matter and are left alone.
    """
    return text.translate(_ASCIIFY)
