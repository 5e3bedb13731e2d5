"""Retention and data-protection requests (KVKK): purging old rejected comments and
address hashes, and a commenter's export and erasure.

The audit log stays append-only: the only change the database allows on it is setting
`redacted_at` once while clearing `note` and `decision` (migration 0005). So a redacted
entry still says who did what to which comment, and when, but no longer quotes anyone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from suzgec import messages
from suzgec.model import Status
from suzgec.store.base import StoreBase, as_utc, utcnow
from suzgec.store.commenters import REMOVE_ACTION, subject_of
from suzgec.store.tables import articles, audit_log, comments, reports, sanctions

PRIVACY_ACTOR = "system"
# Sanction kinds an erasure keeps while they are live: a ban (or a suspension) that
# ends because its subject asked would be no ban. Their reason is replaced; the rest of
# the commenter's sanctions go.
KEPT_WHILE_LIVE = ("ban", "suspend")


@dataclass(frozen=True, slots=True)
class PurgeResult:
    comments_blanked: int
    audit_redacted: int
    addresses_cleared: int

    def to_dict(self) -> dict[str, int]:
        return {
            "comments_blanked": self.comments_blanked,
            "audit_redacted": self.audit_redacted,
            "addresses_cleared": self.addresses_cleared,
        }


@dataclass(frozen=True, slots=True)
class EraseResult:
    comments_erased: int
    comments_removed: int  # of those, the ones that were published or pending
    audit_redacted: int
    reports_deleted: int
    sanctions_deleted: int
    sanctions_kept: int

    def to_dict(self) -> dict[str, int]:
        return {
            "comments_erased": self.comments_erased,
            "comments_removed": self.comments_removed,
            "audit_redacted": self.audit_redacted,
            "reports_deleted": self.reports_deleted,
            "sanctions_deleted": self.sanctions_deleted,
            "sanctions_kept": self.sanctions_kept,
        }


def reduced_decision(decision: dict[str, Any]) -> dict[str, Any]:
    """What the dashboard needs of a stored decision (the action, and each finding's
    clause, action and score), without anything that quotes the comment: the finding
    messages and spans, the suggested text."""
    return {
        "decision": decision.get("decision"),
        "findings": [
            {
                "clause": f["clause"],
                "action": f["action"],
                "score": f["score"],
                "start": 0,
                "end": 0,
                "message": "",
                "spans": [],
            }
            for f in decision.get("findings", [])
        ],
        "suggestion": None,
        "suggestion_action": None,
        "policy_version": decision.get("policy_version", ""),
        "model_versions": decision.get("model_versions", {}),
        "hold": decision.get("hold"),
    }


def _redact(conn: Connection, where: sa.ColumnElement[bool], now: datetime) -> int:
    """Redact the audit entries matching `where` that are not redacted yet."""
    return int(
        conn.execute(
            sa.update(audit_log)
            .where(where, audit_log.c.redacted_at.is_(None))
            .values(redacted_at=now, note=None, decision=sa.null())
        ).rowcount
    )


def _blank(conn: Connection, ids: list[int], **extra: Any) -> None:
    """Clear what a comment says and who wrote it; keep the dashboard's counts."""
    for row in conn.execute(
        sa.select(comments.c.id, comments.c.decision).where(comments.c.id.in_(ids))
    ):
        conn.execute(
            sa.update(comments)
            .where(comments.c.id == row.id)
            .values(
                text="",
                author="",
                text_hash=None,
                address_hash=None,
                commenter_id=None,
                decision=reduced_decision(row.decision),
                **extra,
            )
        )


class PrivacyStore(StoreBase):
    def purge(
        self,
        rejected_days: int,
        address_days: int,
        now: datetime | None = None,
        batch: int = 500,
    ) -> PurgeResult:
        """Blank rejected comments older than `rejected_days` (text, author, browser id,
        the quoting parts of the decision; their audit notes and decisions redacted) and
        clear address hashes older than `address_days`. 0 keeps them. Idempotent: a
        blanked comment has no text and is not counted again. Works in batches so a
        first purge of a large archive does not hold one long transaction."""
        now = now or utcnow()
        blanked = redacted = cleared = 0
        if rejected_days > 0:
            cutoff = now - timedelta(days=rejected_days)
            old = sa.and_(
                # a taken-down comment is as unpublished as a rejected one
                comments.c.status.in_((str(Status.REJECTED), str(Status.REMOVED))),
                comments.c.created_at < cutoff,
                comments.c.text != "",
            )
            while True:
                with self._tx() as conn:
                    ids = [
                        r.id
                        for r in conn.execute(
                            sa.select(comments.c.id).where(old).order_by(comments.c.id).limit(batch)
                        )
                    ]
                    if not ids:
                        break
                    _blank(conn, ids)
                    redacted += _redact(conn, audit_log.c.comment_id.in_(ids), now)
                    blanked += len(ids)
        if address_days > 0:
            cutoff = now - timedelta(days=address_days)
            with self._tx() as conn:
                cleared = int(
                    conn.execute(
                        sa.update(comments)
                        .where(comments.c.address_hash.is_not(None), comments.c.created_at < cutoff)
                        .values(address_hash=None)
                    ).rowcount
                )
        return PurgeResult(blanked, redacted, cleared)

    def export_commenter(self, commenter_id: str, now: datetime | None = None) -> dict[str, Any]:
        """Everything held about a commenter, as one JSON-ready document: their comments
        (with the automatic decision), the reports they filed, their sanctions, and the
        audit entries about them or their comments."""
        now = now or utcnow()
        with self._read() as conn:
            rows = conn.execute(
                sa.select(comments, articles.c.slug.label("article_slug"))
                .join(articles, comments.c.article_id == articles.c.id)
                .where(comments.c.commenter_id == commenter_id)
                .order_by(comments.c.id)
            ).all()
            ids = [r.id for r in rows]
            filed = conn.execute(
                sa.select(reports).where(reports.c.reporter == commenter_id).order_by(reports.c.id)
            ).all()
            held = conn.execute(
                sa.select(sanctions)
                .where(sanctions.c.commenter_id == commenter_id)
                .order_by(sanctions.c.id)
            ).all()
            about = sa.or_(
                audit_log.c.subject == subject_of(commenter_id),
                audit_log.c.comment_id.in_(ids) if ids else sa.false(),
            )
            entries = conn.execute(sa.select(audit_log).where(about).order_by(audit_log.c.id)).all()
        return {
            "commenter_id": commenter_id,
            "exported_at": now.isoformat(),
            "comments": [
                {
                    "id": r.id,
                    "article": r.article_slug,
                    "parent_id": r.parent_id,
                    "author": r.author,
                    "text": r.text,
                    "status": r.status,
                    "created_at": as_utc(r.created_at).isoformat(),
                    "edited_at": as_utc(r.edited_at).isoformat() if r.edited_at else None,
                    # a keyed hash of the address it came from, never the address itself
                    "address_hash": r.address_hash,
                    "decision": r.decision,
                }
                for r in rows
            ],
            "reports_filed": [
                {
                    "comment_id": r.comment_id,
                    "reason": r.reason,
                    "note": r.note,
                    "created_at": as_utc(r.created_at).isoformat(),
                    "dismissed_at": as_utc(r.dismissed_at).isoformat() if r.dismissed_at else None,
                }
                for r in filed
            ],
            "sanctions": [
                {
                    "id": r.id,
                    "kind": r.kind,
                    "reason": r.reason,
                    "actor": r.actor,
                    "created_at": as_utc(r.created_at).isoformat(),
                    "expires_at": as_utc(r.expires_at).isoformat() if r.expires_at else None,
                    "lifted_at": as_utc(r.lifted_at).isoformat() if r.lifted_at else None,
                }
                for r in held
            ],
            "audit": [
                {
                    "id": r.id,
                    "comment_id": r.comment_id,
                    "subject": r.subject,
                    "actor": r.actor,
                    "action": r.action,
                    "note": r.note,
                    "decision": r.decision,
                    "created_at": as_utc(r.created_at).isoformat(),
                    "redacted_at": as_utc(r.redacted_at).isoformat() if r.redacted_at else None,
                }
                for r in entries
            ],
        }

    def erase_commenter(
        self, commenter_id: str, actor: str = PRIVACY_ACTOR, now: datetime | None = None
    ) -> EraseResult:
        """Erase what is held about a commenter, in one transaction.

        Their comments are blanked (as the purge does) and those published or pending
        are taken down (status removed, audit "remove"); every audit entry about them or
        their comments is redacted; the reports they filed are deleted (the open ones no
        longer count on the reported comment). Live bans and suspensions stay, with the
        reason replaced (a ban that ends on request would be no ban); every other
        sanction is deleted.
        """
        now = now or utcnow()
        live = sa.and_(
            sanctions.c.lifted_at.is_(None),
            sa.or_(sanctions.c.expires_at.is_(None), sanctions.c.expires_at > now),
        )
        theirs = sanctions.c.commenter_id == commenter_id
        keep = sa.and_(theirs, sanctions.c.kind.in_(KEPT_WHILE_LIVE), live)
        with self._tx() as conn:
            rows = conn.execute(
                sa.select(comments.c.id, comments.c.status)
                .where(comments.c.commenter_id == commenter_id)
                .with_for_update()
            ).all()
            ids = [r.id for r in rows]
            shown = [r.id for r in rows if r.status in (Status.APPROVED, Status.PENDING)]
            redacted = 0
            if ids:
                redacted += _redact(conn, audit_log.c.comment_id.in_(ids), now)
            redacted += _redact(conn, audit_log.c.subject == subject_of(commenter_id), now)
            if shown:
                conn.execute(
                    sa.update(comments)
                    .where(comments.c.id.in_(shown))
                    .values(status=str(Status.REMOVED), claimed_by=None, claimed_until=None)
                )
                conn.execute(
                    sa.insert(audit_log),
                    [
                        {
                            "comment_id": i,
                            "actor": actor,
                            "action": REMOVE_ACTION,
                            "note": messages.ERASED_NOTE,
                            "decision": None,
                            "created_at": now,
                            "subject": None,
                            "redacted_at": None,
                        }
                        for i in shown
                    ],
                )
            if ids:
                _blank(conn, ids)
            open_reports = conn.execute(
                sa.select(reports.c.comment_id, sa.func.count())
                .where(reports.c.reporter == commenter_id, reports.c.dismissed_at.is_(None))
                .group_by(reports.c.comment_id)
            ).all()
            for comment_id, n in open_reports:
                conn.execute(
                    sa.update(comments)
                    .where(comments.c.id == comment_id)
                    .values(report_count=sa.func.max(comments.c.report_count - n, 0))
                    if self.dialect == "sqlite"
                    else sa.update(comments)
                    .where(comments.c.id == comment_id)
                    .values(report_count=sa.func.greatest(comments.c.report_count - n, 0))
                )
            deleted_reports = conn.execute(
                sa.delete(reports).where(reports.c.reporter == commenter_id)
            ).rowcount
            kept = conn.execute(
                sa.update(sanctions).where(keep).values(reason=messages.ERASED_SANCTION_REASON)
            ).rowcount
            deleted_sanctions = conn.execute(
                sa.delete(sanctions).where(theirs, sa.not_(keep))
            ).rowcount
        return EraseResult(
            comments_erased=len(ids),
            comments_removed=len(shown),
            audit_redacted=redacted,
            reports_deleted=int(deleted_reports),
            sanctions_deleted=int(deleted_sanctions),
            sanctions_kept=int(kept),
        )
