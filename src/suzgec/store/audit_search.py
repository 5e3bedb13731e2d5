"""The audit log as the desk's audit page reads it: filtered, paged, and streamed out.

Newest first on the page (keyset by id); oldest first in an export, fetched in batches
by id, so an export of any size never sits in memory or holds one long read open.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from suzgec.store.base import StoreBase, as_utc
from suzgec.store.tables import audit_log
from suzgec.store.trail import AuditEntry

EXPORT_BATCH = 500


@dataclass(frozen=True, slots=True)
class AuditFilter:
    actor: str = ""
    action: str = ""
    comment_id: int | None = None
    subject: str = ""  # a prefix: "moderator:" finds every entry about an account
    since: datetime | None = None
    until: datetime | None = None

    def where(self) -> Any:
        parts: list[Any] = []
        if self.actor:
            parts.append(audit_log.c.actor == self.actor)
        if self.action:
            parts.append(audit_log.c.action == self.action)
        if self.comment_id is not None:
            parts.append(audit_log.c.comment_id == self.comment_id)
        if self.subject:
            escaped = self.subject.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            parts.append(audit_log.c.subject.like(f"{escaped}%", escape="\\"))
        if self.since is not None:
            parts.append(audit_log.c.created_at >= self.since)
        if self.until is not None:
            parts.append(audit_log.c.created_at < self.until)
        return sa.and_(sa.true(), *parts)


@dataclass(frozen=True, slots=True)
class AuditPage:
    items: list[AuditEntry]
    total: int
    next_cursor: int | None


def _entry(row: Any) -> AuditEntry:
    return AuditEntry(
        id=row.id,
        comment_id=row.comment_id,
        actor=row.actor,
        action=row.action,
        note=row.note,
        decision=row.decision,
        created_at=as_utc(row.created_at),
        subject=row.subject,
    )


class AuditSearchStore(StoreBase):
    def audit_page(
        self, filters: AuditFilter, before: int | None = None, limit: int = 100
    ) -> AuditPage:
        """Entries matching `filters`, newest first, older than the entry `before`."""
        where = filters.where()
        query = sa.select(audit_log).where(where).order_by(audit_log.c.id.desc())
        if before is not None:
            query = query.where(audit_log.c.id < before)
        with self._read() as conn:
            rows = conn.execute(query.limit(limit + 1)).all()
            total = conn.execute(
                sa.select(sa.func.count()).select_from(audit_log).where(where)
            ).scalar_one()
        more = len(rows) > limit
        rows = rows[:limit]
        return AuditPage([_entry(r) for r in rows], int(total), rows[-1].id if more else None)

    def audit_actions(self) -> list[str]:
        """The actions the log holds (for the page's choice of action)."""
        query = sa.select(audit_log.c.action).distinct().order_by(audit_log.c.action)
        with self._read() as conn:
            return [r.action for r in conn.execute(query)]

    def iter_audit(self, filters: AuditFilter, batch: int = EXPORT_BATCH) -> Iterator[Any]:
        """Every matching entry, oldest first, read `batch` at a time."""
        where = filters.where()
        last = 0
        while True:
            query = (
                sa.select(audit_log)
                .where(where, audit_log.c.id > last)
                .order_by(audit_log.c.id)
                .limit(batch)
            )
            with self._read() as conn:
                rows = conn.execute(query).all()
            for row in rows:
                yield _entry(row)
            if len(rows) < batch:
                return
            last = rows[-1].id
