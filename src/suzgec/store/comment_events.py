"""The outbox events of a comment's status: comment.pending, .published, .rejected.

Written by the Store in the transaction that sets the status (see StoreBase._emit), so
a receiver hears of every status a comment really took, and of none that was rolled
back. The payload is what a receiver needs without calling back: the comment, the
decision that explains it, and who acted.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from suzgec.model import Status
from suzgec.store.base import StoreBase
from suzgec.store.tables import articles, comments

SYSTEM = "system"
COMMENT_EVENTS = {
    Status.PENDING: "comment.pending",
    Status.APPROVED: "comment.published",
    Status.REJECTED: "comment.rejected",
    Status.REMOVED: "comment.removed",  # a take-down: after reports, a ban, an erasure
}

_COMMENT = (
    sa.select(
        comments.c.id,
        comments.c.parent_id,
        comments.c.author,
        comments.c.text,
        comments.c.decision,
        articles.c.slug,
    )
    .join(articles, articles.c.id == comments.c.article_id)
    .where(comments.c.id == sa.bindparam("comment_id"))
)


def _actor_kind(actor: str) -> str:
    if actor == SYSTEM:
        return "system"
    return "commenter" if actor.startswith("commenter:") else "moderator"  # an author's edit


def comment_payload(
    *,
    comment_id: int,
    article: str,
    parent_id: int | None,
    author: str,
    text: str,
    status: Status,
    decision: dict[str, Any],
    action: str,
    actor: str,
) -> dict[str, Any]:
    """`action` is the audit action that set the status (approve, hold, undo, …);
    `decision` the stored automatic decision (its action and the clauses it found)."""
    clauses = sorted({f["clause"] for f in decision.get("findings", [])})
    return {
        "comment": {
            "id": comment_id,
            "article": article,
            "parent_id": parent_id,
            "author": author,
            "text": text,
            "status": str(status),
            "decision": {"action": decision.get("decision"), "clauses": clauses},
        },
        "action": action,
        "actor": {"kind": _actor_kind(actor), "name": actor},
    }


def emit_status(
    conn: Connection, comment_id: int, status: Status, action: str, actor: str, now: datetime
) -> None:
    """The event of a status a comment just took, read back in the same transaction.

    Off the submission path (decisions, undo, take-downs, re-moderation): one SELECT
    more there is nothing next to what a moderator does."""
    kind = COMMENT_EVENTS.get(status)
    if kind is None:
        return
    row = conn.execute(_COMMENT, {"comment_id": comment_id}).one()
    payload = comment_payload(
        comment_id=row.id,
        article=row.slug,
        parent_id=row.parent_id,
        author=row.author,
        text=row.text,
        status=status,
        decision=row.decision,
        action=action,
        actor=actor,
    )
    StoreBase._emit(conn, kind, payload, now)
