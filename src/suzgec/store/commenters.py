"""Commenters (signed browser ids, no accounts): sanctions, their history, what the spam
rules ask about them, and taking down a banned commenter's comments.

Every sanction and every lift is an audit entry about the person ("commenter:<id>") and
an event `commenter.sanctioned` (webhooks), written in the transaction of the change.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from suzgec import messages
from suzgec.errors import SuzgecError
from suzgec.model import Status
from suzgec.store.base import StoreBase, as_utc, utcnow
from suzgec.store.comment_events import emit_status
from suzgec.store.tables import articles, audit_log, comments, reports, sanctions
from suzgec.store.trail import LIFT_ACTION, REMOVE_ACTION

SANCTION_KINDS = ("warn", "premoderate", "suspend", "ban")
SANCTION_ACTIONS = {kind: f"sanction_{kind}" for kind in SANCTION_KINDS}
SANCTIONED_EVENT = "commenter.sanctioned"
MAX_SUSPEND_DAYS = 3650
MAX_REASON_CHARS = 2000
# The statuses a ban can take down: what readers see, and what a moderator may still publish.
TAKEDOWN_STATUSES = (str(Status.APPROVED), str(Status.PENDING))
# The statuses that count as decided for the rejection-rate rule.
DECIDED_STATUSES = (str(Status.APPROVED), str(Status.REJECTED), str(Status.REMOVED))


def subject_of(commenter_id: str) -> str:
    return f"commenter:{commenter_id}"


@dataclass(frozen=True, slots=True)
class Sanction:
    id: int
    commenter_id: str
    kind: str
    reason: str
    actor: str
    created_at: datetime
    expires_at: datetime | None
    lifted_at: datetime | None
    seen_at: datetime | None

    def active(self, now: datetime) -> bool:
        if self.lifted_at is not None:
            return False
        return self.expires_at is None or self.expires_at > now

    def to_dict(self, now: datetime | None = None) -> dict[str, Any]:
        return {
            "id": self.id,
            "commenter_id": self.commenter_id,
            "kind": self.kind,
            "reason": self.reason,
            "actor": self.actor,
            "created_at": self.created_at.isoformat(),
            "expires_at": self.expires_at.isoformat() if self.expires_at else None,
            "lifted_at": self.lifted_at.isoformat() if self.lifted_at else None,
            "seen_at": self.seen_at.isoformat() if self.seen_at else None,
            "active": self.active(now or utcnow()),
        }


@dataclass(frozen=True, slots=True)
class CommenterComment:
    """One of a commenter's comments, as their history lists it."""

    id: int
    article_slug: str
    author: str
    text: str
    status: Status
    created_at: datetime
    report_count: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "article": self.article_slug,
            "author": self.author,
            "text": self.text,
            "status": str(self.status),
            "created_at": self.created_at.isoformat(),
            "report_count": self.report_count,
        }


@dataclass(frozen=True, slots=True)
class FiledReport:
    comment_id: int
    reason: str
    note: str | None
    created_at: datetime
    dismissed: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "comment_id": self.comment_id,
            "reason": self.reason,
            "note": self.note,
            "created_at": self.created_at.isoformat(),
            "dismissed": self.dismissed,
        }


@dataclass(frozen=True, slots=True)
class CommenterHistory:
    commenter_id: str
    comments: list[CommenterComment]
    counts: dict[str, int]  # every comment of theirs, by status (not only those listed)
    reports: list[FiledReport]  # reports they filed
    sanctions: list[Sanction]  # newest first, lifted and expired ones too

    def to_dict(self, now: datetime | None = None) -> dict[str, Any]:
        now = now or utcnow()
        return {
            "commenter_id": self.commenter_id,
            "counts": self.counts,
            "comments": [c.to_dict() for c in self.comments],
            "reports_filed": [r.to_dict() for r in self.reports],
            "sanctions": [s.to_dict(now) for s in self.sanctions],
            "active_sanctions": [s.to_dict(now) for s in self.sanctions if s.active(now)],
        }


def _sanction(row: Any) -> Sanction:
    return Sanction(
        id=row.id,
        commenter_id=row.commenter_id,
        kind=row.kind,
        reason=row.reason,
        actor=row.actor,
        created_at=as_utc(row.created_at),
        expires_at=as_utc(row.expires_at) if row.expires_at else None,
        lifted_at=as_utc(row.lifted_at) if row.lifted_at else None,
        seen_at=as_utc(row.seen_at) if row.seen_at else None,
    )


def _commented(row: Any) -> CommenterComment:
    return CommenterComment(
        id=row.id,
        article_slug=row.article_slug,
        author=row.author,
        text=row.text,
        status=Status(row.status),
        created_at=as_utc(row.created_at),
        report_count=row.report_count,
    )


def _live(now: datetime) -> sa.ColumnElement[bool]:
    return sa.and_(
        sanctions.c.lifted_at.is_(None),
        sa.or_(sanctions.c.expires_at.is_(None), sanctions.c.expires_at > now),
    )


class SanctionRefused(SuzgecError):
    """A sanction or lift that cannot be made as asked (the message says why, in Turkish);
    `status` is the HTTP status the web layer answers it with."""

    def __init__(self, message: str, status: int = 409) -> None:
        super().__init__(message)
        self.status = status


# A commenter's comments as the commenter page and the take-down preview list them.
_COMMENTER_COMMENTS = sa.select(
    comments.c.id,
    articles.c.slug.label("article_slug"),
    comments.c.author,
    comments.c.text,
    comments.c.status,
    comments.c.created_at,
    comments.c.report_count,
).join(articles, comments.c.article_id == articles.c.id)


class CommenterStore(StoreBase):
    # -- sanctions --------------------------------------------------------------

    def sanction(
        self,
        commenter_id: str,
        kind: str,
        reason: str,
        actor: str,
        days: int | None = None,
        now: datetime | None = None,
    ) -> Sanction:
        """Sanction a commenter: warn, premoderate, suspend (for `days`) or ban.

        A second live sanction of the same kind (other than a warning) is refused: lift
        the first to change it. Raises SanctionRefused with a Turkish reason.
        """
        now = now or utcnow()
        reason = (reason or "").strip()
        if kind not in SANCTION_KINDS:
            raise SanctionRefused(messages.SANCTION_BAD_KIND, 422)
        if not reason:
            raise SanctionRefused(messages.SANCTION_NO_REASON, 422)
        if len(reason) > MAX_REASON_CHARS:
            raise SanctionRefused(
                messages.SANCTION_REASON_TOO_LONG.format(limit=MAX_REASON_CHARS), 422
            )
        expires = None
        if kind == "suspend":
            if days is None or not 1 <= days <= MAX_SUSPEND_DAYS:
                raise SanctionRefused(
                    messages.SANCTION_BAD_DAYS.format(limit=MAX_SUSPEND_DAYS), 422
                )
            expires = now + timedelta(days=days)
        with self._tx() as conn:
            if kind != "warn":
                same = conn.execute(
                    sa.select(sanctions.c.id).where(
                        sanctions.c.commenter_id == commenter_id,
                        sanctions.c.kind == kind,
                        _live(now),
                    )
                ).first()
                if same is not None:
                    raise SanctionRefused(
                        messages.SANCTION_ALREADY.format(kind=messages.SANCTION_NAMES[kind])
                    )
            new_id = conn.execute(
                sa.insert(sanctions).values(
                    commenter_id=commenter_id,
                    kind=kind,
                    reason=reason,
                    actor=actor,
                    created_at=now,
                    expires_at=expires,
                )
            ).inserted_primary_key[0]  # type: ignore[index]
            self._audit_person(
                conn, subject_of(commenter_id), actor, SANCTION_ACTIONS[kind], reason, now
            )
            row = conn.execute(sa.select(sanctions).where(sanctions.c.id == new_id)).one()
            made = _sanction(row)
            self._emit(conn, SANCTIONED_EVENT, _event(made, "sanction"), now)
        return made

    def lift(
        self,
        commenter_id: str,
        sanction_id: int,
        actor: str,
        note: str | None = None,
        now: datetime | None = None,
    ) -> Sanction:
        """End a live sanction now; audited (the note, or what was lifted) and an event."""
        now = now or utcnow()
        with self._tx() as conn:
            row = conn.execute(
                sa.select(sanctions).where(
                    sanctions.c.id == sanction_id, sanctions.c.commenter_id == commenter_id
                )
            ).first()
            if row is None:
                raise SanctionRefused(messages.SANCTION_NOT_FOUND.format(id=sanction_id), 404)
            if not _sanction(row).active(now):
                raise SanctionRefused(messages.SANCTION_NOT_ACTIVE.format(id=sanction_id))
            changed = conn.execute(
                sa.update(sanctions)
                .where(sanctions.c.id == sanction_id, sanctions.c.lifted_at.is_(None))
                .values(lifted_at=now)
            )
            if changed.rowcount != 1:  # lifted by someone else a moment ago
                raise SanctionRefused(messages.SANCTION_NOT_ACTIVE.format(id=sanction_id))
            text = (note or "").strip()[:MAX_REASON_CHARS] or messages.SANCTION_LIFT_NOTE.format(
                kind=messages.SANCTION_NAMES[row.kind], id=sanction_id
            )
            self._audit_person(conn, subject_of(commenter_id), actor, LIFT_ACTION, text, now)
            lifted = _sanction(
                conn.execute(sa.select(sanctions).where(sanctions.c.id == sanction_id)).one()
            )
            self._emit(conn, SANCTIONED_EVENT, _event(lifted, "lift"), now)
        return lifted

    def sanctions_of(self, commenter_id: str) -> list[Sanction]:
        """Every sanction of a commenter, newest first."""
        query = (
            sa.select(sanctions)
            .where(sanctions.c.commenter_id == commenter_id)
            .order_by(sanctions.c.id.desc())
        )
        with self._read() as conn:
            return [_sanction(r) for r in conn.execute(query)]

    def active_sanctions(self, commenter_id: str, now: datetime | None = None) -> list[Sanction]:
        """The live sanctions of a commenter (not lifted, not run out), newest first."""
        now = now or utcnow()
        query = (
            sa.select(sanctions)
            .where(sanctions.c.commenter_id == commenter_id, _live(now))
            .order_by(sanctions.c.id.desc())
        )
        with self._read() as conn:
            return [_sanction(r) for r in conn.execute(query)]

    def take_unseen_warnings(
        self, commenter_id: str, now: datetime | None = None
    ) -> list[Sanction]:
        """The live warnings the commenter has not been shown yet, marked seen now: the
        widget shows each warning once."""
        now = now or utcnow()
        unseen = sa.and_(
            sanctions.c.commenter_id == commenter_id,
            sanctions.c.kind == "warn",
            sanctions.c.seen_at.is_(None),
            _live(now),
        )
        with self._tx() as conn:
            rows = [_sanction(r) for r in conn.execute(sa.select(sanctions).where(unseen))]
            if not rows:
                return []
            # Only the rows read: two widget loads at once show a warning at most twice,
            # never mark one seen that neither showed.
            conn.execute(
                sa.update(sanctions)
                .where(sanctions.c.id.in_([r.id for r in rows]), sanctions.c.seen_at.is_(None))
                .values(seen_at=now)
            )
        return sorted(rows, key=lambda s: s.id)

    # -- history ------------------------------------------------------------------

    def commenter_history(self, commenter_id: str, limit: int = 200) -> CommenterHistory:
        """A commenter's comments (newest first, up to `limit`) with their statuses, the
        count of all of them by status, the reports they filed and their sanctions."""
        query = (
            _COMMENTER_COMMENTS.where(comments.c.commenter_id == commenter_id)
            .order_by(comments.c.id.desc())
            .limit(limit)
        )
        with self._read() as conn:
            listed = [_commented(r) for r in conn.execute(query)]
            counts = {
                str(status): int(n)
                for status, n in conn.execute(
                    sa.select(comments.c.status, sa.func.count())
                    .where(comments.c.commenter_id == commenter_id)
                    .group_by(comments.c.status)
                )
            }
            filed = [
                FiledReport(
                    r.comment_id, r.reason, r.note, as_utc(r.created_at), r.dismissed_at is not None
                )
                for r in conn.execute(
                    sa.select(reports)
                    .where(reports.c.reporter == commenter_id)
                    .order_by(reports.c.id.desc())
                )
            ]
        return CommenterHistory(
            commenter_id=commenter_id,
            comments=listed,
            counts={str(s): counts.get(str(s), 0) for s in Status},
            reports=filed,
            sanctions=self.sanctions_of(commenter_id),
        )

    # -- what the spam rules ask ------------------------------------------------

    def repeats_text(
        self, text_hash: str, commenter_id: str | None, address_hash: str | None, since: datetime
    ) -> bool:
        """Has the same text come since `since` from this commenter or this address?

        Rejected comments do not count: a reader who fixes the case or spelling of a
        rejected comment sends the same text (the hash ignores case) and is no spammer."""
        same_person = [
            column == value
            for column, value in (
                (comments.c.commenter_id, commenter_id),
                (comments.c.address_hash, address_hash),
            )
            if value
        ]
        if not same_person:
            return False
        query = sa.select(
            sa.exists().where(
                comments.c.text_hash == text_hash,
                comments.c.created_at >= since,
                comments.c.status != str(Status.REJECTED),
                sa.or_(*same_person),
            )
        )
        with self._read() as conn:
            return bool(conn.execute(query).scalar())

    def comment_count(self, commenter_id: str) -> int:
        """How many comments this commenter has posted (any status)."""
        query = sa.select(sa.func.count()).where(comments.c.commenter_id == commenter_id)
        with self._read() as conn:
            return int(conn.execute(query).scalar_one())

    def recent_decided(self, commenter_id: str, last: int) -> list[Status]:
        """The statuses of the commenter's `last` decided comments (published, rejected or
        taken down), newest first; pending ones are not decided yet."""
        query = (
            sa.select(comments.c.status)
            .where(
                comments.c.commenter_id == commenter_id,
                comments.c.status.in_(DECIDED_STATUSES),
            )
            .order_by(comments.c.id.desc())
            .limit(last)
        )
        with self._read() as conn:
            return [Status(s) for s in conn.execute(query).scalars()]

    # -- taking a commenter's comments down ---------------------------------------

    def takedown_preview(self, commenter_id: str) -> list[CommenterComment]:
        """What `take_down_comments` would take down: the commenter's published and
        pending comments, newest first."""
        query = _COMMENTER_COMMENTS.where(
            comments.c.commenter_id == commenter_id,
            comments.c.status.in_(TAKEDOWN_STATUSES),
        ).order_by(comments.c.id.desc())
        with self._read() as conn:
            return [_commented(r) for r in conn.execute(query)]

    def take_down_comments(
        self,
        commenter_id: str,
        ids: Sequence[int],
        actor: str,
        reason: str,
        now: datetime | None = None,
    ) -> list[int]:
        """Take down the previewed comments `ids` of a commenter: status removed, one
        audit entry "remove" each (the reason as its note). Only those still theirs and
        still published or pending change; a comment posted after the preview is left
        for a new preview. Returns the ids taken down."""
        now = now or utcnow()
        reason = (reason or "").strip()[:MAX_REASON_CHARS] or messages.TAKEDOWN_DEFAULT_REASON
        wanted = sorted({int(i) for i in ids})
        if not wanted:
            return []
        with self._tx() as conn:
            return _remove(conn, commenter_id, wanted, actor, reason, now)


def _remove(
    conn: Connection, commenter_id: str, ids: list[int], actor: str, reason: str, now: datetime
) -> list[int]:
    mine = sa.and_(
        comments.c.id.in_(ids),
        comments.c.commenter_id == commenter_id,
        comments.c.status.in_(TAKEDOWN_STATUSES),
    )
    found = [r.id for r in conn.execute(sa.select(comments.c.id).where(mine).with_for_update())]
    if not found:
        return []
    conn.execute(
        sa.update(comments)
        .where(comments.c.id.in_(found), comments.c.status.in_(TAKEDOWN_STATUSES))
        .values(status=str(Status.REMOVED), claimed_by=None, claimed_until=None)
    )
    conn.execute(
        sa.insert(audit_log),
        [
            {
                "comment_id": comment_id,
                "actor": actor,
                "action": REMOVE_ACTION,
                "note": reason,
                "decision": None,
                "created_at": now,
                "subject": None,
                "redacted_at": None,
            }
            for comment_id in found
        ],
    )
    for comment_id in found:
        emit_status(conn, comment_id, Status.REMOVED, REMOVE_ACTION, actor, now)
    return found


def _event(sanction: Sanction, action: str) -> dict[str, Any]:
    """The webhook payload: what happened to whom; the reason, as moderators wrote it."""
    return {
        "action": action,  # "sanction" or "lift"
        "sanction": sanction.to_dict(),
    }
