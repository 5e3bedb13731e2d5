"""The comment as every clause check sees it: cleaned NFC text plus its tokens, computed once."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from suzgec.text.foreign import not_turkish
from suzgec.text.normalize import clean
from suzgec.text.tokenize import Token, tokenize


@dataclass(frozen=True)
class Comment:
    text: str
    tokens: tuple[Token, ...]

    @classmethod
    def of(cls, text: str) -> Comment:
        """Drop control and bidi characters, normalise to NFC (composed ç, ş, â …) and tokenize;
        offsets index `text`, which is what gets stored."""
        text = clean(text)
        return cls(text, tuple(tokenize(text)))

    @cached_property
    def words(self) -> tuple[Token, ...]:
        return tuple(t for t in self.tokens if t.is_word)

    @cached_property
    def not_turkish(self) -> tuple[bool, ...]:
        """Per token: not a Turkish word a form fix may touch (suzgec.text.foreign)."""
        return tuple(not_turkish(self.text, self.tokens))
