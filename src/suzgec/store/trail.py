"""The audit trail's vocabulary: its actions, the store's errors, and the replay that turns a
comment's trail into the statuses it went through.

Every part of the Store (store.py, edits, reports, commenters, …) writes or reads these, so
they live here, below all of them, and no part imports another part to find them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from suzgec.errors import SuzgecError
from suzgec.model import Action, Status


class NotFound(SuzgecError):
    """An article, comment or moderator that does not exist."""


class Conflict(SuzgecError):
    """A write that clashes with what is stored (duplicate slug or username, bad parent)."""


class KeyTaken(SuzgecError):
    """Another request stored its comment under this idempotency key first (a race);
    `Store.key_use` now returns what it stored, and nothing of this one was stored."""


SYSTEM_ACTOR = "system"

# The automatic decision decides the first status; a moderator changes it later.
STATUS_FOR_ACTION = {
    Action.APPROVE: Status.APPROVED,
    Action.REVIEW: Status.PENDING,
    Action.REJECT: Status.REJECTED,
}
# A moderator's decision on a pending comment, and on one already decided (an overturn,
# which has to be asked for: deciding a decided comment by accident is refused).
MODERATOR_STATUS = {
    "approve": Status.APPROVED,
    "reject": Status.REJECTED,
    "overturn_approve": Status.APPROVED,
    "overturn_reject": Status.REJECTED,
}
# A moderator taking back their own latest decision (Store.undo).
UNDO_ACTION = "undo"
# A comment the automatic decision would publish, held for the queue (pre-moderated
# article, sanction, spam rule); the note says why.
HOLD_ACTION = "hold"
# A version taken down because another version of it was published.
SUPERSEDED = "supersede"
# A new automatic decision from archive re-moderation (`suzgec remoderate`).
REMODERATE_ACTION = "remoderate"
# A reader's edit of their own comment, moderated again.
EDIT_ACTION = "edit"
# A comment taken down after publication (a report, a ban, an erasure), and a sanction lifted.
REMOVE_ACTION = "remove"
LIFT_ACTION = "sanction_lift"
# Enough reports: published → pending; the reports dismissed: a report hold → published.
REPORT_HOLD_ACTION = "report_hold"
DISMISS_REPORTS_ACTION = "dismiss_reports"


@dataclass(frozen=True, slots=True)
class AuditEntry:
    id: int
    comment_id: int | None  # None for an entry about a person (see `subject`)
    actor: str
    action: str
    note: str | None
    decision: dict[str, Any] | None
    created_at: datetime
    subject: str | None = None  # "commenter:…" or "moderator:…"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "comment_id": self.comment_id,
            "subject": self.subject,
            "actor": self.actor,
            "action": self.action,
            "note": self.note,
            "decision": self.decision,
            "created_at": self.created_at.isoformat(),
        }


def statuses(entries: Sequence[Any]) -> list[Status]:
    """Replay a comment's audit trail: the statuses it went through, as a stack.

    The automatic decision sets the first; a moderator's decision pushes one; an undo
    pops back to the status before the decision it undid.
    """
    return _replay(entries)[0]


def status_setters(entries: Sequence[Any]) -> list[str]:
    """The audit action that set each status `statuses` replays, in the same order."""
    return _replay(entries)[1]


def _replay(entries: Sequence[Any]) -> tuple[list[Status], list[str]]:
    first = entries[0].action
    stack = [Status.PENDING if first == HOLD_ACTION else STATUS_FOR_ACTION[Action(first)]]
    setters = [first]
    for entry in entries[1:]:
        if entry.action == UNDO_ACTION:
            stack.pop()
            setters.pop()
            continue
        if entry.action == SUPERSEDED:
            stack.append(Status.REJECTED)
        elif entry.action == REMOVE_ACTION:  # taken down (a report, a ban, an erasure)
            stack.append(Status.REMOVED)
        elif entry.action in (REMODERATE_ACTION, EDIT_ACTION):  # the status it left
            stack.append(Status(entry.decision["status"]))
        elif entry.action == REPORT_HOLD_ACTION:
            stack.append(Status.PENDING)
        elif entry.action == DISMISS_REPORTS_ACTION:  # a report hold ends; else no change
            held = setters[-1] == REPORT_HOLD_ACTION
            stack.append(Status.APPROVED if held else stack[-1])
        else:
            stack.append(MODERATOR_STATUS[entry.action])
        setters.append(entry.action)
    return stack, setters
