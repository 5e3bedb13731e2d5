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
    def restored(self) -> tuple[tuple[str, float], ...]:
        """Per word (`words`): the diacritic restorer's form and its confidence, in context.
        Two form clauses read it; restoring is the costliest step of either."""
        from suzgec.text.diacritics import default_restorer

        return tuple(default_restorer().restore_words([w.text for w in self.words]))

    @cached_property
    def not_turkish(self) -> tuple[bool, ...]:
        """Per token: not a Turkish word a form fix may touch (suzgec.text.foreign)."""
        return tuple(not_turkish(self.text, self.tokens))
