"""The moderation pipeline: an explicit, ordered list of clause checks and a policy.

A check is any callable `(Comment) -> list[Signal]` with a `version` attribute;
the content step is pluggable by passing another list.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from suzgec import messages
from suzgec.comment import Comment
from suzgec.config import Settings
from suzgec.errors import InvalidComment
from suzgec.model import Decision, Signal
from suzgec.policy import Policy
from suzgec.text.normalize import strip_controls


class Check(Protocol):
    version: str

    def __call__(self, comment: Comment) -> list[Signal]: ...


def default_checks(settings: Settings | None = None) -> list[Check]:
    """Form clauses first (cheap), then content. Imported here so a custom list
    never loads the shipped models."""
    from suzgec.classifier.model import ContentModelCheck, shipped
    from suzgec.clauses.content import ContentCheck
    from suzgec.clauses.form import form_checks

    name = settings.content_model if settings else ""
    return [*form_checks(), ContentCheck(model=ContentModelCheck(shipped(name)))]


class Moderator:
    def __init__(
        self,
        settings: Settings | None = None,
        checks: Sequence[Check] | None = None,
        policy: Policy | None = None,
    ) -> None:
        self.settings = settings or Settings()
        self.checks = list(checks) if checks is not None else default_checks(self.settings)
        self.policy = policy or Policy(self.settings)
        self.model_versions = {type(c).__name__: c.version for c in self.checks}

    def validate(self, text: object) -> str:
        """Raise InvalidComment for input that cannot be moderated; never truncate."""
        if not isinstance(text, str):
            raise InvalidComment(messages.NOT_TEXT)
        if not strip_controls(text).strip():  # NUL or bidi characters alone are empty too
            raise InvalidComment(messages.EMPTY_COMMENT)
        if len(text) > self.settings.max_comment_chars:
            raise InvalidComment(
                messages.TOO_LONG.format(limit=self.settings.max_comment_chars, length=len(text))
            )
        return text

    def moderate(self, text: object) -> Decision:
        comment = Comment.of(self.validate(text))
        signals: list[Signal] = []
        for check in self.checks:
            signals.extend(check(comment))
        return self.policy.decide(comment.text, signals, self.model_versions)


_default: Moderator | None = None


def moderate(text: str) -> Decision:
    """Moderate one comment with default settings (the shared Moderator is built once)."""
    global _default
    if _default is None:
        _default = Moderator()
    return _default.moderate(text)
