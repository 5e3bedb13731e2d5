"""Value types shared by every layer: clauses, actions, findings, decisions.

They are frozen so a decision can be passed around (to storage, JSON, templates)
without anyone changing what the moderator actually decided.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any


class Clause(StrEnum):
    """The seven clauses of the site's comment rule; the values are stable ids."""

    INSULT = "insult"
    PROFANITY = "profanity"
    OFFENSIVE = "offensive"
    BELIEF_ATTACK = "belief_attack"
    SPELLING = "spelling"
    TURKISH_CHARS = "turkish_chars"
    CAPITALS = "capitals"

    @property
    def is_form(self) -> bool:
        return self in FORM_CLAUSES


FORM_CLAUSES = frozenset({Clause.SPELLING, Clause.TURKISH_CHARS, Clause.CAPITALS})
CONTENT_CLAUSES = frozenset(
    {Clause.INSULT, Clause.PROFANITY, Clause.OFFENSIVE, Clause.BELIEF_ATTACK}
)


class Action(StrEnum):
    """What happens to a comment. Ordered by severity (see `severity`)."""

    APPROVE = "approve"
    REVIEW = "review"
    REJECT = "reject"

    @property
    def severity(self) -> int:
        return _SEVERITY[self]


_SEVERITY = {Action.APPROVE: 0, Action.REVIEW: 1, Action.REJECT: 2}


class Status(StrEnum):
    """Publication state of a stored comment."""

    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    # Published, then taken down by a moderator (a report, a ban): no longer shown.
    REMOVED = "removed"


@dataclass(frozen=True, slots=True)
class Signal:
    """What a clause check reports before the policy weighs it.

    `score` is the check's confidence in [0, 1] that the span breaks the clause;
    the policy turns it into an action with per-clause thresholds.
    `start`/`end` index the original comment text (Python str offsets).
    """

    clause: Clause
    score: float
    start: int
    end: int
    message: str
    replacement: str | None = None


Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Finding:
    """A signal the policy kept, with the action it leads to.

    `spans` lists every place the finding covers, in order: the policy lists a clause's
    repeated message once ("“aptal” hakaret sayılır" for both "aptal"s), so one finding
    may point at several words. `start`/`end` are its first span, for readers of one span.
    """

    clause: Clause
    action: Action
    score: float
    start: int
    end: int
    message: str
    replacement: str | None = None
    spans: tuple[Span, ...] = ()

    def __post_init__(self) -> None:
        if not self.spans:
            object.__setattr__(self, "spans", ((self.start, self.end),))

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["clause"] = str(self.clause)
        data["action"] = str(self.action)
        data["score"] = round(self.score, 4)
        data["spans"] = [list(span) for span in self.spans]
        return data


@dataclass(frozen=True, slots=True)
class Decision:
    """The verdict on one comment, with every finding and what made it."""

    text: str
    action: Action
    findings: tuple[Finding, ...]
    suggestion: str | None
    policy_version: str
    model_versions: dict[str, str] = field(default_factory=dict)
    # What the suggested text itself gets when moderated: approve, or review (then it
    # is published only after a moderator looks). A suggestion that would be rejected
    # again is never offered.
    suggestion_action: Action | None = None
    # Set when a clause check failed on this comment (fail closed): why it is held for a
    # moderator (messages.SYSTEM_HOLD). The findings are then only those of the checks that
    # ran, so the action is at least review, never approve.
    hold: str | None = None

    @property
    def clauses(self) -> frozenset[Clause]:
        return frozenset(f.clause for f in self.findings)

    def to_dict(self) -> dict[str, Any]:
        return {
            "decision": str(self.action),
            "findings": [f.to_dict() for f in self.findings],
            "suggestion": self.suggestion,
            "suggestion_action": str(self.suggestion_action) if self.suggestion_action else None,
            "policy_version": self.policy_version,
            "model_versions": dict(self.model_versions),
            "hold": self.hold,
        }

    @classmethod
    def from_dict(cls, text: str, data: dict[str, Any]) -> Decision:
        findings = tuple(
            Finding(
                clause=Clause(f["clause"]),
                action=Action(f["action"]),
                score=float(f["score"]),
                start=int(f["start"]),
                end=int(f["end"]),
                message=str(f["message"]),
                replacement=f.get("replacement"),
                # stored before findings had several spans: the one span is start/end
                spans=tuple((int(a), int(b)) for a, b in f.get("spans", ())),
            )
            for f in data["findings"]
        )
        return cls(
            text=text,
            action=Action(data["decision"]),
            findings=findings,
            suggestion=data.get("suggestion"),
            policy_version=str(data.get("policy_version", "")),
            model_versions=dict(data.get("model_versions", {})),
            suggestion_action=Action(data["suggestion_action"])
            if data.get("suggestion_action")
            else None,
            hold=data.get("hold"),
        )
