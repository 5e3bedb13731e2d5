"""What every part of the Store shares: the engine, transactions, the event outbox.

The Store is one class made of parts, one module each (comments and articles in
store.py, reports, commenters and sanctions, webhook deliveries); each part is a
subclass of StoreBase, so all of them see the same engine and helpers. What they all
speak, the audit actions, the store's errors and the status replay, is in trail.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from suzgec.store.tables import audit_log, events

_INSERT_EVENT = sa.insert(events)
_INSERT_AUDIT = sa.insert(audit_log)


def utcnow() -> datetime:
    return datetime.now(UTC)


def as_utc(value: datetime) -> datetime:
    """SQLite hands back naive datetimes; every value the store writes is UTC."""
    return value if value.tzinfo else value.replace(tzinfo=UTC)


class StoreBase:
    engine: Engine

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def _tx(self) -> Iterator[Connection]:
        with self.engine.begin() as conn:
            yield conn

    @staticmethod
    def _emit(conn: Connection, kind: str, payload: dict[str, Any], now: datetime) -> None:
        """Write an event (webhooks carry them) in the transaction of the change itself."""
        conn.execute(_INSERT_EVENT, {"kind": kind, "payload": payload, "created_at": now})

    @staticmethod
    def _audit_person(
        conn: Connection, subject: str, actor: str, action: str, note: str | None, now: datetime
    ) -> None:
        """An audit entry about a person (a commenter, an account), not a comment."""
        conn.execute(
            _INSERT_AUDIT,
            {
                "comment_id": None,
                "subject": subject,
                "actor": actor,
                "action": action,
                "note": note,
                "decision": None,
                "created_at": now,
            },
        )
