"""The webhook outbox in the database: events fanned out to deliveries, claims, the log.

The Store only keeps the rows; what to send, where and when is the dispatcher's
(suzgec.webhooks), which calls these methods. Every change that can race between
replicas (a fan-out, a claim, a result) is one statement whose condition decides it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from suzgec import messages
from suzgec.errors import SuzgecError
from suzgec.store.base import StoreBase, as_utc
from suzgec.store.tables import events, webhook_deliveries

DELIVERY_STATUSES = ("pending", "delivered", "failed")
# A comment event's transaction may commit a little after its created_at (its `now` is
# taken when the change starts); fan-out looks this far behind the newest event it
# already fanned out, so a late commit is not skipped.
COMMIT_SLACK = timedelta(minutes=5)

_d = webhook_deliveries.c


class DeliveryNotFound(SuzgecError):
    """No webhook delivery with that id."""


class DeliveryConflict(SuzgecError):
    """A delivery that cannot be re-queued (it is not failed)."""


@dataclass(frozen=True, slots=True)
class Event:
    id: int
    kind: str
    payload: dict[str, Any]
    created_at: datetime

    def body(self) -> dict[str, Any]:
        """What a receiver gets: the event's id, kind and time, then its payload."""
        return {
            "id": self.id,
            "kind": self.kind,
            "created_at": self.created_at.isoformat(),
            **self.payload,
        }


@dataclass(frozen=True, slots=True)
class Delivery:
    id: int
    event_id: int
    event_kind: str
    url: str
    status: str
    attempts: int
    next_attempt_at: datetime
    last_status: int | None
    last_error: str | None
    created_at: datetime
    delivered_at: datetime | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "event_id": self.event_id,
            "event": self.event_kind,
            "url": self.url,
            "status": self.status,
            "attempts": self.attempts,
            "next_attempt_at": self.next_attempt_at.isoformat(),
            "last_status": self.last_status,
            "last_error": self.last_error,
            "created_at": self.created_at.isoformat(),
            "delivered_at": self.delivered_at.isoformat() if self.delivered_at else None,
        }


@dataclass(frozen=True, slots=True)
class DeliveryPage:
    items: list[Delivery]
    total: int
    next_cursor: int | None


@dataclass(frozen=True, slots=True)
class Claimed:
    """A delivery this dispatcher holds until `lease_until`, with its event."""

    delivery_id: int
    url: str
    attempts: int  # counting this one
    lease_until: datetime
    event: Event


def _event(row: Any) -> Event:
    return Event(row.id, row.kind, row.payload, as_utc(row.created_at))


def _delivery(row: Any) -> Delivery:
    return Delivery(
        id=row.id,
        event_id=row.event_id,
        event_kind=row.kind,
        url=row.url,
        status=row.status,
        attempts=row.attempts,
        next_attempt_at=as_utc(row.next_attempt_at),
        last_status=row.last_status,
        last_error=row.last_error,
        created_at=as_utc(row.created_at),
        delivered_at=as_utc(row.delivered_at) if row.delivered_at else None,
    )


class WebhookStore(StoreBase):
    def events_after(self, after: int = 0, limit: int = 1000) -> list[Event]:
        """Stored events with an id above `after`, oldest first."""
        query = sa.select(events).where(events.c.id > after).order_by(events.c.id).limit(limit)
        with self._read() as conn:
            return [_event(r) for r in conn.execute(query)]

    def fan_out(
        self,
        urls: list[str],
        kinds: frozenset[str] | None,
        since: datetime,
        now: datetime,
        limit: int = 500,
    ) -> int:
        """Create the missing delivery rows (one per event and URL) of new events.

        New means: not yet fanned out to that URL, created at or after `since` for a URL
        that has no delivery yet (a URL gets events from when it is configured), and no
        earlier than COMMIT_SLACK before the newest event it has already. `kinds` None:
        every kind. The unique (event, URL) pair lets two replicas fan out at once.
        Returns the number of rows created.
        """
        made = 0
        insert = (postgresql.insert if self.dialect == "postgresql" else sqlite.insert)(
            webhook_deliveries
        ).on_conflict_do_nothing(index_elements=["event_id", "url"])
        with self._tx() as conn:
            for url in urls:
                newest = conn.execute(
                    sa.select(events.c.created_at)
                    .select_from(webhook_deliveries.join(events, events.c.id == _d.event_id))
                    .where(_d.url == url)
                    .order_by(_d.event_id.desc())
                    .limit(1)
                ).scalar()
                start = since if newest is None else as_utc(newest) - COMMIT_SLACK
                done = sa.exists().where(_d.event_id == events.c.id, _d.url == url)
                query = (
                    sa.select(events.c.id)
                    .where(events.c.created_at >= start, ~done)
                    .order_by(events.c.id)
                    .limit(limit)
                )
                if kinds is not None:
                    query = query.where(events.c.kind.in_(sorted(kinds)))
                ids = list(conn.execute(query).scalars())
                if not ids:
                    continue
                result = conn.execute(
                    insert,
                    [
                        {
                            "event_id": event_id,
                            "url": url,
                            "status": "pending",
                            "attempts": 0,
                            "next_attempt_at": now,
                            "created_at": now,
                        }
                        for event_id in ids
                    ],
                )
                made += max(result.rowcount, 0)
        return made

    def claim_delivery(self, now: datetime, lease: timedelta) -> Claimed | None:
        """Take the oldest due delivery for one attempt, until `now + lease`, or None.

        On PostgreSQL the row is picked with FOR UPDATE SKIP LOCKED, so dispatchers in
        several replicas take different rows; on SQLite the one UPDATE holds the write
        lock, and its condition (still pending, still due) makes a second claim miss.
        The attempt is counted here, so a dispatcher that dies while sending still uses
        one of the delivery's attempts; another takes it up once the lease ends.
        """
        due = sa.and_(_d.status == "pending", _d.next_attempt_at <= now)
        pick = (
            sa.select(_d.id)
            .where(due)
            .order_by(_d.next_attempt_at, _d.id)
            .limit(1)
            .with_for_update(skip_locked=True)
            .scalar_subquery()
        )
        until = now + lease
        with self._tx() as conn:
            row = conn.execute(
                sa.update(webhook_deliveries)
                .where(_d.id == pick, due)
                .values(attempts=_d.attempts + 1, next_attempt_at=until)
                .returning(_d.id, _d.url, _d.attempts, _d.event_id)
            ).first()
            if row is None:
                return None
            event = conn.execute(sa.select(events).where(events.c.id == row.event_id)).one()
        return Claimed(row.id, row.url, row.attempts, until, _event(event))

    def finish_delivery(
        self,
        claimed: Claimed,
        now: datetime,
        *,
        delivered: bool,
        http_status: int | None,
        error: str | None,
        retry_at: datetime | None,
    ) -> bool:
        """Record one attempt's result: delivered, or pending again at `retry_at`, or
        failed (`retry_at` None). Only while the claim is ours (the lease unchanged):
        False if another dispatcher took the delivery over in the meantime."""
        if delivered:
            values: dict[str, Any] = {"status": "delivered", "delivered_at": now}
        elif retry_at is None:
            values = {"status": "failed"}
        else:
            values = {"status": "pending", "next_attempt_at": retry_at}
        values.update(last_status=http_status, last_error=error)
        with self._tx() as conn:
            result = conn.execute(
                sa.update(webhook_deliveries)
                .where(
                    _d.id == claimed.delivery_id,
                    _d.status == "pending",
                    _d.attempts == claimed.attempts,
                    _d.next_attempt_at == claimed.lease_until,
                )
                .values(**values)
            )
        return result.rowcount == 1

    def retry_delivery(self, delivery_id: int, now: datetime) -> Delivery:
        """Queue a failed delivery again, due now, with all its attempts back."""
        with self._tx() as conn:
            status = conn.execute(
                sa.select(_d.status).where(_d.id == delivery_id).with_for_update()
            ).scalar()
            if status is None:
                raise DeliveryNotFound(messages.WEBHOOK_NO_DELIVERY.format(id=delivery_id))
            if status != "failed":
                raise DeliveryConflict(
                    messages.WEBHOOK_NOT_FAILED.format(
                        id=delivery_id, status=messages.WEBHOOK_STATUS_WORDS[status]
                    )
                )
            conn.execute(
                sa.update(webhook_deliveries)
                .where(_d.id == delivery_id, _d.status == "failed")
                .values(status="pending", attempts=0, next_attempt_at=now)
            )
        return self.delivery(delivery_id)

    def _delivery_query(self) -> sa.Select[Any]:
        return sa.select(webhook_deliveries, events.c.kind).join(events, events.c.id == _d.event_id)

    def delivery(self, delivery_id: int) -> Delivery:
        with self._read() as conn:
            row = conn.execute(self._delivery_query().where(_d.id == delivery_id)).first()
        if row is None:
            raise DeliveryNotFound(messages.WEBHOOK_NO_DELIVERY.format(id=delivery_id))
        return _delivery(row)

    def deliveries_page(
        self, status: str | None = None, before: int | None = None, limit: int = 50
    ) -> DeliveryPage:
        """The delivery log, newest first, optionally of one status, with the exact total."""
        where = sa.true() if status is None else _d.status == status
        query = self._delivery_query().where(where).order_by(_d.id.desc()).limit(limit + 1)
        if before is not None:
            query = query.where(_d.id < before)
        with self._read() as conn:
            items = [_delivery(r) for r in conn.execute(query)]
            total = conn.execute(
                sa.select(sa.func.count()).select_from(webhook_deliveries).where(where)
            ).scalar_one()
        more = len(items) > limit
        items = items[:limit]
        return DeliveryPage(items, int(total), items[-1].id if more else None)

    def prune_events(self, before: datetime) -> int:
        """Delete events created before `before`, with their deliveries; returns how many."""
        old = sa.select(events.c.id).where(events.c.created_at < before)
        with self._tx() as conn:
            conn.execute(sa.delete(webhook_deliveries).where(_d.event_id.in_(old)))
            result = conn.execute(sa.delete(events).where(events.c.created_at < before))
        return max(result.rowcount, 0)
