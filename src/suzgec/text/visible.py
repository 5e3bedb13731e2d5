"""What a reader can see of a comment, and text that cannot be stored at all.

A comment of zero-width spaces, bidi controls or word joiners looks empty on the page, so it
is refused like an empty one. A lone surrogate (half of a UTF-16 pair, e.g. from a broken
copy of an emoji) is no Unicode text: it cannot be encoded as UTF-8 for the database, the
page or the API answer.
"""

from __future__ import annotations

import re
import unicodedata

# Control characters, format characters (zero-width space and joiners, bidi controls, word
# joiner, soft hyphen, tags) and separators render as nothing or as white space.
_INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp"})
# Characters of other categories that render blank: Hangul fillers and the blank Braille cell
# (favourites for "empty" names), the combining grapheme joiner, variation selectors.
_BLANK = frozenset(
    "\u115f\u1160\u3164\uffa0\u2800\u034f"
    + "".join(map(chr, range(0xFE00, 0xFE10)))
    + "".join(map(chr, range(0xE0100, 0xE01F0)))
)
_SURROGATE = re.compile("[\ud800-\udfff]")


def has_visible(text: str) -> bool:
    """Whether any character of `text` shows on the page."""
    return any(
        ch not in _BLANK and unicodedata.category(ch) not in _INVISIBLE_CATEGORIES for ch in text
    )


def lone_surrogate(text: str) -> int | None:
    """Index of the first lone surrogate in `text`, or None."""
    found = _SURROGATE.search(text)
    return found.start() if found else None
