"""The moderation pipeline: an explicit, ordered list of clause checks and a policy.

A check is any callable `(Comment) -> list[Signal]` with a `version` attribute;
the content step is pluggable by passing another list. A check that raises never lets a
comment through: the comment is held for a moderator (fail closed, see `Moderator._decide`).
"""

from __future__ import annotations

import logging
import time
import traceback
from collections import deque
from collections.abc import Sequence
from dataclasses import replace
from typing import Protocol

from suzgec import messages
from suzgec.comment import Comment
from suzgec.config import Settings
from suzgec.errors import InvalidComment
from suzgec.model import Action, Decision, Signal
from suzgec.policy import Policy
from suzgec.text.normalize import strip_controls
from suzgec.text.visible import has_visible, lone_surrogate

log = logging.getLogger(__name__)

# Check failures remembered for `recent_failures` (the web's /readyz); bounded, so a check
# failing on every comment of a busy site costs no memory.
FAILURES_KEPT = 1000


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
        self._failures: deque[float] = deque(maxlen=FAILURES_KEPT)

    def validate(self, text: object) -> str:
        """Raise InvalidComment for input that cannot be moderated; never truncate."""
        if not isinstance(text, str):
            raise InvalidComment(messages.NOT_TEXT)
        if (at := lone_surrogate(text)) is not None:
            raise InvalidComment(messages.BROKEN_CHARACTER.format(position=at + 1))
        # Blank, or only NUL, bidi and zero-width characters: nothing a reader would see.
        if not has_visible(strip_controls(text)):
            raise InvalidComment(messages.EMPTY_COMMENT)
        if len(text) > self.settings.max_comment_chars:
            raise InvalidComment(
                messages.TOO_LONG.format(limit=self.settings.max_comment_chars, length=len(text))
            )
        return text

    # A fix can reveal the next fix (a restored letter makes a word the speller then
    # knows); two rounds settle every case we have seen without looping on odd input.
    SUGGESTION_ROUNDS = 2

    def moderate(self, text: object) -> Decision:
        decision = self._decide(self.validate(text))
        if decision.suggestion is None:
            return decision
        return self._check_suggestion(decision)

    def _decide(self, text: str) -> Decision:
        comment = Comment.of(text)
        signals: list[Signal] = []
        failed = False
        for check in self.checks:
            try:
                # Collected first, so a check failing halfway adds none of its signals.
                signals.extend(list(check(comment)))
            except Exception as exc:  # any bug or bad data in one check: hold, never approve
                self._check_failed(check, exc)
                failed = True
        decision = self.policy.decide(comment.text, signals, self.model_versions)
        return held(decision) if failed else decision

    def _check_failed(self, check: Check, exc: Exception) -> None:
        """Log which check failed and where, but never the comment: the exception's message
        may quote it (a KeyError on a word), so only its type and the frames are written."""
        self._failures.append(time.monotonic())
        frames = "".join(traceback.format_tb(exc.__traceback__))
        log.error(
            "check %s raised %s; the comment is held for a moderator\n%s",
            getattr(check, "__name__", type(check).__name__),
            type(exc).__name__,
            frames.rstrip(),
        )

    def recent_failures(self, seconds: float) -> int:
        """How many check failures (held comments) this Moderator saw in the last `seconds`."""
        since = time.monotonic() - seconds
        return sum(1 for at in list(self._failures) if at >= since)

    def _check_suggestion(self, decision: Decision) -> Decision:
        """Offer the suggested text only if it would not be rejected itself.

        Accepting a suggestion must never publish a violation: the fixed text is
        moderated like any comment, and where a content finding remains (a form fix
        cannot change what was said) nothing is offered.
        """
        suggestion = decision.suggestion
        for _ in range(self.SUGGESTION_ROUNDS):
            if suggestion is None or suggestion == decision.text:
                break
            again = self._decide(suggestion)
            if any(not f.clause.is_form for f in again.findings if f.action is Action.REJECT):
                break
            if again.action is not Action.REJECT:
                return replace(decision, suggestion=suggestion, suggestion_action=again.action)
            suggestion = again.suggestion
        return replace(decision, suggestion=None, suggestion_action=None)


def held(decision: Decision) -> Decision:
    """The decision when a check could not run: at least review (a stricter verdict of the
    checks that did run stands), marked as a system hold for the moderator."""
    action = max(decision.action, Action.REVIEW, key=lambda a: a.severity)
    return replace(decision, action=action, hold=messages.SYSTEM_HOLD)


_default: Moderator | None = None


def moderate(text: str) -> Decision:
    """Moderate one comment with default settings (the shared Moderator is built once)."""
    global _default
    if _default is None:
        _default = Moderator()
    return _default.moderate(text)
