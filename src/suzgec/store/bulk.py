"""Bulk decisions of the moderator desk: many comments, one note, one outcome each.

One transaction per comment (Store.decide): a refusal (decided already, claimed by
another moderator, gone) is that comment's outcome and never undoes the others.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from suzgec.errors import SuzgecError
from suzgec.model import Status
from suzgec.store.base import StoreBase

MAX_BULK = 200  # more than a page of the queue (50), far less than a runaway client


@dataclass(frozen=True, slots=True)
class BulkOutcome:
    comment_id: int
    done: bool
    status: Status | None = None  # the status after, when done
    reason: str | None = None  # why not, in Turkish

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.comment_id,
            "ok": self.done,
            "status": str(self.status) if self.status else None,
            "error": self.reason,
        }


class BulkStore(StoreBase):
    if TYPE_CHECKING:  # Store defines it

        def decide(
            self,
            comment_id: int,
            actor: str,
            status: Status,
            note: str | None = None,
            *,
            overturn: bool = False,
        ) -> Any: ...

    def decide_many(
        self, ids: Sequence[int], actor: str, status: Status, note: str | None = None
    ) -> list[BulkOutcome]:
        """Approve or reject each pending comment of `ids` (in order, each id once)."""
        outcomes: list[BulkOutcome] = []
        for comment_id in dict.fromkeys(ids):
            try:
                comment = self.decide(comment_id, actor, status, note)
            except SuzgecError as exc:  # NotFound, Conflict: said per comment
                outcomes.append(BulkOutcome(comment_id, False, reason=str(exc)))
            else:
                outcomes.append(BulkOutcome(comment_id, True, status=comment.status))
        return outcomes
