"""A tokenizer that keeps offsets into the original text.

Tokens are what every clause looks at; their `start`/`end` are what findings
point at, so a highlighted span is always exactly what the commenter wrote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from suzgec.text.normalize import ZERO_WIDTH


class Kind(StrEnum):
    WORD = "word"
    NUMBER = "number"
    URL = "url"
    EMAIL = "email"
    MENTION = "mention"
    HASHTAG = "hashtag"
    EMOJI = "emoji"
    PUNCT = "punct"


APOSTROPHES = "'’‘`´"
_ZW = re.escape(ZERO_WIDTH)
# A word: letters (any script), may hold digits or invisible characters inside
# (leetspeak "s1kt1r", "s\u200bik"), and may carry an apostrophe suffix ("İstanbul'dan").
_LETTER = rf"(?:[^\W\d_]|[{_ZW}])"
_INNER = rf"(?:[^\W_]|[{_ZW}])"
_WORD = (
    rf"{_LETTER}{_INNER}*(?:[{APOSTROPHES}][^\W\d_]+)*"  # starts with a letter
    rf"|\d+{_LETTER}{_INNER}*"  # or digits then letters: "3G", "1sik"
)
# An e-mail's local part is at most 64 characters (RFC 5321). The cap keeps tokenizing linear:
# unbounded, every "." of "a.a.a.a…" restarted a scan to the end of the run looking for "@".
_EMAIL_LOCAL = r"[\w.+-]{1,64}+"
_TOKEN = re.compile(
    rf"""
    (?P<url>(?:https?://|www\.)[^\s<>"]+[^\s<>".,;:!?)\]'])
  | (?P<email>{_EMAIL_LOCAL}@[\w-]+(?:\.[\w-]+)+)
  | (?P<mention>@\w+)
  | (?P<hashtag>\#\w+)
  | (?P<number>\d+(?:[.,:/]\d+)*(?:[{APOSTROPHES}][^\W\d_]+)?(?![^\W\d_]))
  | (?P<word>{_WORD})
  | (?P<emoji>[\U0001F000-\U0001FAFF\u2600-\u27BF\uFE0F]+)
  | (?P<punct>[^\s])
    """,
    re.VERBOSE,
)


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int
    kind: Kind

    @property
    def is_word(self) -> bool:
        return self.kind is Kind.WORD

    @property
    def stem(self) -> str:
        """The part before an apostrophe suffix: "İstanbul'dan" → "İstanbul"."""
        return stem_of(self.text)

    @property
    def suffix(self) -> str:
        """The apostrophe suffix without the apostrophe: "İstanbul'dan" → "dan"."""
        stem = self.stem
        return self.text[len(stem) + 1 :] if len(stem) < len(self.text) else ""


def stem_of(word: str) -> str:
    """The part of a word before an apostrophe suffix: "İstanbul'dan" → "İstanbul"."""
    for i, ch in enumerate(word):
        if ch in APOSTROPHES:
            return word[:i]
    return word


# Group name → Kind by a dict lookup: calling the enum per token was a third of tokenizing.
_KIND_OF = {kind.value: kind for kind in Kind}


def tokenize(text: str) -> list[Token]:
    kinds = _KIND_OF
    return [
        Token(m.group(), m.start(), m.end(), kinds[m.lastgroup or "punct"])
        for m in _TOKEN.finditer(text)
    ]
