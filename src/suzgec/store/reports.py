"""Reader reports on published comments, the Reported queue, and takedowns.

A browser (its signed commenter id) reports a comment once; the open (not dismissed)
reports are counted on the comment itself (comments.report_count), so the queue sorts
by them without counting rows. Enough open reports hold the comment for a moderator:
it goes back to pending, and so off the page, until someone decides. Every status
change here is an audit entry `trail.statuses` knows how to replay (undo).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from suzgec import messages
from suzgec.model import Status
from suzgec.store.base import StoreBase, as_utc, utcnow
from suzgec.store.comment_events import SYSTEM, emit_status
from suzgec.store.tables import articles, audit_log, comments, reports
from suzgec.store.trail import (
    DISMISS_REPORTS_ACTION,
    REMOVE_ACTION,
    REPORT_HOLD_ACTION,
    SYSTEM_ACTOR,
    Conflict,
    NotFound,
    status_setters,
    statuses,
)

if TYPE_CHECKING:
    from suzgec.store.store import Page, StoredComment

# What a reader may report a comment for (codes; messages.REPORT_REASON_NAMES names them).
REPORT_REASONS = ("insult", "profanity", "hate", "spam", "other")
MAX_REPORT_NOTE = 500  # a short note, not a second comment

# A moderator took a published comment down (-> removed): the same audit action as a
# ban's take-down, so every taken-down comment is found and replayed one way.
TAKEDOWN_ACTION = REMOVE_ACTION
REPORTED_EVENT = "comment.reported"


@dataclass(frozen=True, slots=True)
class ReportOutcome:
    comment_id: int
    counted: bool  # False: this browser had reported the comment already
    report_count: int  # open reports now
    held: bool  # this report sent the comment to the queue


@dataclass(frozen=True, slots=True)
class ReportNote:
    reason: str
    note: str
    created_at: datetime


@dataclass(frozen=True, slots=True)
class ReportedComment:
    """A comment of the Reported queue: its open reports counted by reason, and the notes."""

    comment: StoredComment
    by_reason: dict[str, int]
    notes: list[ReportNote] = field(default_factory=list)
    held: bool = False  # pending because of the reports (hidden from readers)

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.comment.to_dict(),
            "report_count": self.comment.report_count,
            "held_by_reports": self.held,
            "reports": {
                "by_reason": self.by_reason,
                "notes": [
                    {"reason": n.reason, "note": n.note, "created_at": n.created_at.isoformat()}
                    for n in self.notes
                ],
            },
        }


@dataclass(frozen=True, slots=True)
class ReportedPage:
    items: list[ReportedComment]
    total: int
    next_cursor: int | None


def held_by_reports(trail: Sequence[Any]) -> bool:
    """Whether the status a comment's audit trail leaves was set by a report hold."""
    return status_setters(trail)[-1] == REPORT_HOLD_ACTION


class ReportStore(StoreBase):
    if TYPE_CHECKING:  # defined by Store, which this part is a base of

        def _comment_query(self) -> sa.Select[Any]: ...
        def _comment(self, row: Any) -> StoredComment: ...
        def get_comment(self, comment_id: int) -> StoredComment: ...
        def _page(
            self, where: sa.ColumnElement[bool], cursor: int | None, limit: int, newest: bool
        ) -> Page: ...
        def get_article(self, slug: str) -> Any: ...

    # -- readers ---------------------------------------------------------------

    def report(
        self,
        comment_id: int,
        reporter: str,
        reason: str,
        note: str | None = None,
        threshold: int = 3,
        now: datetime | None = None,
    ) -> ReportOutcome:
        """A reader's report on a published comment, counted once per browser.

        The report, the count on the comment, the `comment.reported` event and, when the
        open reports reach `threshold`, the hold (pending, audited) happen in one
        transaction. A comment is held by reports once until its reports are dismissed:
        a moderator who approves a held comment is not overruled by the next report.
        """
        if reason not in REPORT_REASONS:
            raise ValueError(f"unknown report reason {reason!r}")
        now = now or utcnow()
        note = (note or "").strip()[:MAX_REPORT_NOTE] or None
        with self._tx() as conn:
            row = self._lock(conn, comment_id)
            again = conn.execute(
                sa.select(reports.c.id).where(
                    reports.c.comment_id == comment_id, reports.c.reporter == reporter
                )
            ).first()
            if again is not None:  # the same browser: accepted, not counted
                return ReportOutcome(comment_id, False, row.report_count, False)
            status = Status(row.status)
            if status is Status.PENDING:
                raise Conflict(messages.REPORT_UNDER_REVIEW.format(comment_id=comment_id))
            if status is not Status.APPROVED:
                raise Conflict(messages.REPORT_NOT_PUBLISHED.format(comment_id=comment_id))
            insert = postgresql.insert if self.dialect == "postgresql" else sqlite.insert
            added = conn.execute(
                insert(reports)
                .values(
                    comment_id=comment_id,
                    reporter=reporter,
                    reason=reason,
                    note=note,
                    created_at=now,
                    dismissed_at=None,
                )
                .on_conflict_do_nothing(index_elements=["comment_id", "reporter"])
                .returning(reports.c.id)  # rowcount is not reliable with RETURNING on PostgreSQL
            ).scalar()
            if added is None:  # cannot happen under the row lock; harmless if it does
                return ReportOutcome(comment_id, False, row.report_count, False)
            count = int(row.report_count) + 1
            values: dict[str, Any] = {"report_count": count}
            held = count >= threshold and not self._held_since_dismissal(conn, comment_id)
            if held:
                values.update(status=str(Status.PENDING), claimed_by=None, claimed_until=None)
            conn.execute(sa.update(comments).where(comments.c.id == comment_id).values(**values))
            if held:
                conn.execute(
                    sa.insert(audit_log).values(
                        comment_id=comment_id,
                        actor=SYSTEM_ACTOR,
                        action=REPORT_HOLD_ACTION,
                        note=messages.REPORT_HOLD_NOTE.format(count=count),
                        decision=row.decision,
                        created_at=now,
                    )
                )
                emit_status(conn, comment_id, Status.PENDING, REPORT_HOLD_ACTION, SYSTEM, now)
            # No reporter id in the event: receivers learn what was reported, not by whom.
            self._emit(
                conn,
                REPORTED_EVENT,
                {
                    "comment_id": comment_id,
                    "article": row.article_slug,
                    "reason": reason,
                    "report_count": count,
                    "held": held,
                },
                now,
            )
        return ReportOutcome(comment_id, True, count, held)

    @staticmethod
    def _lock(conn: Connection, comment_id: int) -> Any:
        """The comment's row, write-locked for the rest of the transaction.

        Touching the row first holds its lock on both databases (on SQLite, the one write
        lock), so two reports, or a report and a moderator's action, take turns."""
        touched = conn.execute(
            sa.update(comments).where(comments.c.id == comment_id).values(status=comments.c.status)
        )
        if touched.rowcount == 0:
            raise NotFound(f"{comment_id} numaralı yorum bulunamadı.")
        return conn.execute(
            sa.select(
                comments.c.status,
                comments.c.report_count,
                comments.c.decision,
                comments.c.claimed_by,
                comments.c.claimed_until,
                articles.c.slug.label("article_slug"),
            )
            .join(articles, comments.c.article_id == articles.c.id)
            .where(comments.c.id == comment_id)
        ).one()

    @staticmethod
    def _trail(conn: Connection, comment_id: int) -> list[Any]:
        return list(
            conn.execute(
                sa.select(audit_log.c.action, audit_log.c.decision)
                .where(audit_log.c.comment_id == comment_id)
                .order_by(audit_log.c.id)
            )
        )

    @staticmethod
    def _held_since_dismissal(conn: Connection, comment_id: int) -> bool:
        last = conn.execute(
            sa.select(audit_log.c.action)
            .where(
                audit_log.c.comment_id == comment_id,
                audit_log.c.action.in_([REPORT_HOLD_ACTION, DISMISS_REPORTS_ACTION]),
            )
            .order_by(audit_log.c.id.desc())
            .limit(1)
        ).scalar()
        return last == REPORT_HOLD_ACTION

    # -- the Reported queue ------------------------------------------------------

    def reported_page(self, after: int | None = None, limit: int = 50) -> ReportedPage:
        """Comments with open reports, still published or held: most reported first (the
        oldest first among equals); `after` is the last comment of the previous page."""
        where = sa.and_(
            comments.c.report_count > 0,
            comments.c.status.in_([str(Status.APPROVED), str(Status.PENDING)]),
        )
        query = (
            self._comment_query()
            .where(where)
            .order_by(comments.c.report_count.desc(), comments.c.id)
            .limit(limit + 1)
        )
        with self._read() as conn:
            if after is not None:
                count = conn.execute(
                    sa.select(comments.c.report_count).where(comments.c.id == after)
                ).scalar()
                if count is not None:  # keyset: strictly after the cursor in the same order
                    query = query.where(
                        sa.or_(
                            comments.c.report_count < count,
                            sa.and_(comments.c.report_count == count, comments.c.id > after),
                        )
                    )
            found = [self._comment(r) for r in conn.execute(query)]
            total = conn.execute(sa.select(sa.func.count()).where(where)).scalar_one()
            more = len(found) > limit
            found = found[:limit]
            ids = [c.id for c in found]
            by_reason: dict[int, Counter[str]] = {i: Counter() for i in ids}
            notes: dict[int, list[ReportNote]] = {i: [] for i in ids}
            open_reports = (
                sa.select(
                    reports.c.comment_id, reports.c.reason, reports.c.note, reports.c.created_at
                )
                .where(reports.c.comment_id.in_(ids), reports.c.dismissed_at.is_(None))
                .order_by(reports.c.id)
            )
            for comment_id, reason, note, created in conn.execute(open_reports):
                by_reason[comment_id][reason] += 1
                if note:
                    notes[comment_id].append(ReportNote(reason, note, as_utc(created)))
            held = {
                c.id: c.status is Status.PENDING and held_by_reports(self._trail(conn, c.id))
                for c in found
            }
        items = [ReportedComment(c, dict(by_reason[c.id]), notes[c.id], held[c.id]) for c in found]
        return ReportedPage(items, int(total), found[-1].id if more else None)

    def dismiss_reports(
        self, comment_id: int, actor: str, note: str | None = None, now: datetime | None = None
    ) -> StoredComment:
        """Dismiss a comment's open reports: they keep their rows (dismissed_at), the count
        goes back to 0, and a comment the reports held is published again."""
        now = now or utcnow()
        with self._tx() as conn:
            row = self._lock(conn, comment_id)
            status = Status(row.status)
            if row.report_count == 0:
                raise Conflict(messages.REPORTS_NONE_OPEN.format(comment_id=comment_id))
            if status not in (Status.APPROVED, Status.PENDING):
                raise Conflict(
                    messages.REPORTS_NOT_SHOWN.format(
                        comment_id=comment_id, status=messages.STATUS_WORDS[status]
                    )
                )
            self._check_claim(row, actor, now)
            trail = self._trail(conn, comment_id)
            after = statuses([*trail, _Entry(DISMISS_REPORTS_ACTION)])[-1]
            dismissed = conn.execute(
                sa.update(reports)
                .where(reports.c.comment_id == comment_id, reports.c.dismissed_at.is_(None))
                .values(dismissed_at=now)
            ).rowcount
            values: dict[str, Any] = {"report_count": 0}
            if after is not status:
                values.update(status=str(after), claimed_by=None, claimed_until=None)
            conn.execute(sa.update(comments).where(comments.c.id == comment_id).values(**values))
            text = messages.REPORTS_DISMISSED_NOTE.format(count=dismissed)
            note = (note or "").strip()
            conn.execute(
                sa.insert(audit_log).values(
                    comment_id=comment_id,
                    actor=actor,
                    action=DISMISS_REPORTS_ACTION,
                    note=f"{text} {note}" if note else text,
                    decision=row.decision,
                    created_at=now,
                )
            )
            if after is not status:
                emit_status(conn, comment_id, after, DISMISS_REPORTS_ACTION, actor, now)
        return self.get_comment(comment_id)

    # -- takedowns -------------------------------------------------------------

    def published_page(self, article_slug: str, before: int | None = None, limit: int = 50) -> Page:
        """One article's published comments, newest first (what a moderator may take down)."""
        article_id = self.get_article(article_slug).id
        where = sa.and_(
            comments.c.article_id == article_id, comments.c.status == str(Status.APPROVED)
        )
        return self._page(where, before, limit, newest=True)

    def take_down(
        self, comment_id: int, actor: str, reason: str, now: datetime | None = None
    ) -> StoredComment:
        """Take down a published comment (or one its reports hold): status removed, the
        reason audited (the author is shown it). Anything else is refused (Conflict)."""
        reason = reason.strip()
        if not reason:
            raise Conflict(messages.TAKEDOWN_NEEDS_REASON)
        now = now or utcnow()
        with self._tx() as conn:
            row = self._lock(conn, comment_id)
            status = Status(row.status)
            if status is Status.PENDING:
                if not held_by_reports(self._trail(conn, comment_id)):
                    raise Conflict(messages.TAKEDOWN_IN_QUEUE.format(comment_id=comment_id))
                self._check_claim(row, actor, now)
            elif status is not Status.APPROVED:
                raise Conflict(
                    messages.TAKEDOWN_NOT_PUBLISHED.format(
                        comment_id=comment_id, status=messages.STATUS_WORDS[status]
                    )
                )
            conn.execute(
                sa.update(comments)
                .where(comments.c.id == comment_id)
                .values(status=str(Status.REMOVED), claimed_by=None, claimed_until=None)
            )
            conn.execute(
                sa.insert(audit_log).values(
                    comment_id=comment_id,
                    actor=actor,
                    action=TAKEDOWN_ACTION,
                    note=reason,
                    decision=row.decision,
                    created_at=now,
                )
            )
            emit_status(conn, comment_id, Status.REMOVED, TAKEDOWN_ACTION, actor, now)
        return self.get_comment(comment_id)

    @staticmethod
    def _check_claim(row: Any, actor: str, now: datetime) -> None:
        """A held comment may sit in another moderator's claimed queue page: theirs."""
        claimed = row.claimed_until is not None and as_utc(row.claimed_until) > now
        if claimed and row.claimed_by != actor:
            raise Conflict(messages.CLAIMED_BY.format(actor=row.claimed_by))

    # -- what the widget shows in place of removed comments --------------------------

    def removed_in_article(self, article_slug: str, viewer: str | None) -> list[StoredComment]:
        """Removed comments of an article the widget may show a line for: the viewer's own
        (they see why), and any with a published reply (a placeholder keeps the replies'
        context). Their text is for the widget to leave out."""
        article_id = self.get_article(article_slug).id
        child = comments.alias("child")
        has_reply = (
            sa.select(child.c.id)
            .where(child.c.parent_id == comments.c.id, child.c.status == str(Status.APPROVED))
            .exists()
        )
        wanted = (
            has_reply if viewer is None else sa.or_(comments.c.commenter_id == viewer, has_reply)
        )
        query = (
            self._comment_query()
            .where(
                comments.c.article_id == article_id,
                comments.c.status == str(Status.REMOVED),
                wanted,
            )
            .order_by(comments.c.id)
        )
        with self._read() as conn:
            return [self._comment(r) for r in conn.execute(query)]

    def takedown_reasons(self, comment_ids: Sequence[int]) -> dict[int, str]:
        """comment id -> the reason of its latest takedown."""
        if not comment_ids:
            return {}
        query = (
            sa.select(audit_log.c.comment_id, audit_log.c.note)
            .where(
                audit_log.c.comment_id.in_(list(comment_ids)),
                audit_log.c.action == TAKEDOWN_ACTION,
            )
            .order_by(audit_log.c.id)
        )
        with self._read() as conn:
            return {cid: note or "" for cid, note in conn.execute(query)}


@dataclass(frozen=True, slots=True)
class _Entry:
    """An audit entry about to be written, to replay the trail with it."""

    action: str
    decision: dict[str, Any] | None = None
