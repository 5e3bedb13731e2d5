"""What every part of the Store shares: the engine, transactions, the event outbox.

The Store is one class made of parts, one module each (comments and articles in
store.py, reports, commenters and sanctions, webhook deliveries); each part is a
subclass of StoreBase, so all of them see the same engine and helpers. What they all
speak, the audit actions, the store's errors and the status replay, is in trail.py.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from weakref import WeakKeyDictionary

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


@dataclass
class _Pin:
    """The connection StoreBase.pinned lends to every store call in its block."""

    engine: Engine
    conn: Connection
    in_tx: bool = False  # a _tx block is open on it: a nested one joins it


# Per thread (and per asyncio task): the web server runs each request in its own thread.
_PINNED: ContextVar[_Pin | None] = ContextVar("suzgec_store_pinned", default=None)


# SQLite lets one writer in at a time. Threads of one process that find the file locked
# wait in SQLite's busy handler, which sleeps in growing steps (up to 100 ms) instead
# of waking when the lock is free: under load, p99 reached 1.5-2 s. A lock per engine
# queues them here instead; other processes on the same file still meet the busy handler.
SQLITE_BUSY_SECONDS = 15  # SQLite's busy timeout, and the longest wait for that lock
_SQLITE_WRITERS: WeakKeyDictionary[Engine, threading.RLock] = WeakKeyDictionary()
_WRITERS_GUARD = threading.Lock()


@contextmanager
def _writer(engine: Engine) -> Iterator[None]:
    """Hold this process's SQLite write lock for the block (nothing on other databases)."""
    if engine.dialect.name != "sqlite":
        yield
        return
    with _WRITERS_GUARD:
        lock = _SQLITE_WRITERS.setdefault(engine, threading.RLock())
    # Bounded like SQLite's own wait: a file locked by another process for long must
    # not queue this process's writers one full timeout after another.
    if not lock.acquire(timeout=SQLITE_BUSY_SECONDS):
        raise sa.exc.OperationalError(None, None, sqlite3.OperationalError("database is locked"))
    try:
        yield
    finally:
        lock.release()


class StoreBase:
    engine: Engine

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def pinned(self) -> Iterator[None]:
        """Run every store call in this block on one connection.

        A submission makes half a dozen small reads and one write; on PostgreSQL each
        call of its own costs a pool checkout with a liveness ping and a rollback on
        return, two round trips more than its query. Reads still see what is committed
        when they run, and each write block still commits on its own."""
        if self._pin() is not None:
            yield
            return
        with self.engine.connect() as conn:
            token = _PINNED.set(_Pin(self.engine, conn))
            try:
                yield
            finally:
                _PINNED.reset(token)

    def _pin(self) -> _Pin | None:
        pin = _PINNED.get()
        return pin if pin is not None and pin.engine is self.engine else None

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        """A connection for reads: the pinned one, or one from the pool."""
        pin = self._pin()
        if pin is None:
            with self.engine.connect() as conn:
                yield conn
        else:
            yield pin.conn

    @contextmanager
    def _tx(self) -> Iterator[Connection]:
        """A transaction that commits when the block ends, or rolls back on an error."""
        pin = self._pin()
        if pin is None:
            # The connection first, then the write lock, as in a pinned block: a thread
            # that held the lock while it waited for a connection deadlocked with pinned
            # threads that held every connection while they waited for the lock.
            with self.engine.connect() as conn, _writer(self.engine), conn.begin():
                yield conn
            return
        if pin.in_tx:
            yield pin.conn
            return
        if pin.conn.in_transaction():
            # Reads before this block began a transaction of their own (SQLAlchemy's
            # autobegin): end it, so that this block commits alone.
            pin.conn.commit()
        pin.in_tx = True
        try:
            with _writer(self.engine), pin.conn.begin():
                yield pin.conn
        finally:
            pin.in_tx = False

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
