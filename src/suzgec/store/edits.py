"""The author's edit window: a reader edits their own comment for a few minutes.

Every edit is moderated again by the caller (the same pipeline as a new comment); the
store keeps the new text, decision and status, and writes an audit entry "edit" whose
note is the previous text (the edit history) and whose decision is the new snapshot
with the status it left (so `trail.statuses` can replay it, as undo needs).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from suzgec import messages
from suzgec.errors import SuzgecError
from suzgec.model import Decision, Status
from suzgec.store.base import StoreBase, as_utc, utcnow
from suzgec.store.comment_events import emit_status
from suzgec.store.tables import audit_log, comments
from suzgec.store.trail import (
    EDIT_ACTION,
    MODERATOR_STATUS,
    STATUS_FOR_ACTION,
    SUPERSEDED,
    SYSTEM_ACTOR,
    UNDO_ACTION,
    NotFound,
)

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from suzgec.store.store import StoredComment

# Statuses a reader's edit may start from; a removed comment was taken down by a desk.
_EDITABLE = frozenset({Status.APPROVED, Status.PENDING, Status.REJECTED})


class EditRefused(SuzgecError):
    """An edit the store will not make; `code` says which refusal, the text says why."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def commenter_actor(commenter_id: str) -> str:
    """The audit actor of a reader's own action."""
    return f"commenter:{commenter_id}"


def moderated(actions: Sequence[str]) -> bool:
    """Whether a moderator's decision stands in a comment's trail (actions oldest first):
    a decision not undone, or a take-down because another version was published. The
    first entry is the automatic decision ("approve" too), never a moderator's."""
    actions = actions[1:]
    if SUPERSEDED in actions:
        return True
    decided = sum(1 for a in actions if a in MODERATOR_STATUS)
    return decided > sum(1 for a in actions if a == UNDO_ACTION)


def edit_refusal(
    *,
    owner: str | None,
    commenter_id: str | None,
    created_at: datetime,
    status: Status,
    window: timedelta,
    now: datetime,
    by_moderator: bool = False,
) -> EditRefused | None:
    """Why `commenter_id` may not edit a comment now, or None if they may."""
    minutes = int(window.total_seconds() // 60)
    if minutes <= 0:
        return EditRefused("edit_off", messages.EDIT_OFF)
    if owner is None or commenter_id is None or owner != commenter_id:
        return EditRefused("not_your_comment", messages.EDIT_NOT_YOURS)
    if status is Status.REMOVED:
        return EditRefused("comment_removed", messages.EDIT_REMOVED)
    if by_moderator or status not in _EDITABLE:
        return EditRefused(
            "comment_moderated",
            messages.EDIT_MODERATED.format(status=messages.STATUS_WORDS[status]),
        )
    if now >= as_utc(created_at) + window:
        return EditRefused("edit_window_over", messages.EDIT_WINDOW_OVER.format(minutes=minutes))
    return None


class EditStore(StoreBase):
    if TYPE_CHECKING:  # defined by Store (suzgec.store.store), which this is a part of
        get_comment: Callable[[int], StoredComment]
        get_article: Callable[[str], Any]
        _comment_query: Callable[[], sa.Select[Any]]
        _comment: Callable[[Any], StoredComment]
        _supersede: Callable[[Connection, int, int, str, datetime], list[int]]

    def edit_comment(
        self,
        comment_id: int,
        commenter_id: str | None,
        decision: Decision,
        *,
        window: timedelta,
        hold: str | None = None,
        text_hash: str | None = None,
        now: datetime | None = None,
    ) -> StoredComment:
        """Replace the text of a reader's own comment with a newly moderated one.

        Refused (EditRefused) when the window is off or over, the comment is not
        `commenter_id`'s, a moderator has decided it or it was taken down, or the text
        did not change. `hold` sends an edit the decision would publish to the queue (as
        for a new comment). Publishing an edit takes the comment's other versions down.
        """
        now = now or utcnow()
        with self._tx() as conn:
            # Touch the row first: the write lock is held while the trail is read, so an
            # edit and a moderator's decision cannot interleave.
            touched = conn.execute(
                sa.update(comments)
                .where(comments.c.id == comment_id)
                .values(status=comments.c.status)
            )
            if touched.rowcount == 0:
                raise NotFound(f"{comment_id} numaralı yorum bulunamadı.")
            row = conn.execute(
                sa.select(
                    comments.c.commenter_id,
                    comments.c.created_at,
                    comments.c.status,
                    comments.c.text,
                    comments.c.resubmission_of,
                ).where(comments.c.id == comment_id)
            ).one()
            actions = list(
                conn.execute(
                    sa.select(audit_log.c.action)
                    .where(audit_log.c.comment_id == comment_id)
                    .order_by(audit_log.c.id)
                ).scalars()
            )
            refusal = edit_refusal(
                owner=row.commenter_id,
                commenter_id=commenter_id,
                created_at=row.created_at,
                status=Status(row.status),
                window=window,
                now=now,
                by_moderator=moderated(actions),
            )
            if refusal is not None:
                raise refusal
            if decision.text.strip() == row.text.strip():  # spaces around it are no edit
                raise EditRefused("text_unchanged", messages.EDIT_UNCHANGED)
            assert commenter_id is not None  # edit_refusal checked it
            status = STATUS_FOR_ACTION[decision.action]
            if hold is not None and status is Status.APPROVED:
                status = Status.PENDING
            else:
                hold = None
            snapshot = decision.to_dict()
            conn.execute(
                sa.update(comments)
                .where(comments.c.id == comment_id)
                .values(
                    text=decision.text,
                    decision=snapshot,
                    auto_action=str(decision.action),
                    status=str(status),
                    edited_at=now,
                    text_hash=text_hash,
                    # a claim was on the old text: the queue offers the new one afresh
                    claimed_by=None,
                    claimed_until=None,
                )
            )
            trail: dict[str, Any] = {**snapshot, "status": str(status)}
            if hold is not None:
                trail["held"] = hold  # why it was held (Decision.hold is a failed check)
            conn.execute(
                sa.insert(audit_log).values(
                    comment_id=comment_id,
                    actor=commenter_actor(commenter_id),
                    action=EDIT_ACTION,
                    note=row.text,  # the previous text: the edit history
                    decision=trail,
                    created_at=now,
                )
            )
            emit_status(conn, comment_id, status, EDIT_ACTION, commenter_actor(commenter_id), now)
            if status is Status.APPROVED:
                # One version of a comment is public at a time (see Store.add_comment).
                self._supersede(
                    conn, comment_id, row.resubmission_of or comment_id, SYSTEM_ACTOR, now
                )
        return self.get_comment(comment_id)

    def own_recent(
        self,
        article_slug: str,
        commenter_id: str,
        since: datetime,
        statuses: Sequence[Status] = (Status.PENDING, Status.REJECTED),
    ) -> list[StoredComment]:
        """One commenter's comments on one article posted since `since`, with one of
        `statuses`, oldest first: what the widget shows only to the browser that wrote them."""
        article_id = self.get_article(article_slug).id
        query = (
            self._comment_query()
            .where(
                comments.c.article_id == article_id,
                comments.c.commenter_id == commenter_id,
                comments.c.created_at >= since,
                comments.c.status.in_([str(s) for s in statuses]),
            )
            .order_by(comments.c.id)
        )
        with self._read() as conn:
            return [self._comment(r) for r in conn.execute(query)]
