"""The dispatcher: fans new events out to deliveries, POSTs the due ones, retries.

One step: create the missing delivery rows, then claim due deliveries one at a time
(a claim is a lease: no other dispatcher sends that delivery until it ends) and POST
each. A 2xx answer delivers it; anything else, a timeout or a network error, schedules
the next attempt after an exponential backoff, until the last attempt marks it failed.
Delivery is at least once: a dispatcher that dies after the receiver got a POST but
before the result was written sends it again when the lease ends; receivers drop
repeats by X-Suzgec-Delivery.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable
from datetime import datetime, timedelta

import httpx

from suzgec import __version__, messages
from suzgec.store import Store
from suzgec.store.base import utcnow
from suzgec.store.webhooks import Claimed
from suzgec.webhooks.config import WebhookConfig
from suzgec.webhooks.signing import signature_header

log = logging.getLogger(__name__)

BACKOFF_BASE = timedelta(seconds=30)
BACKOFF_CAP = timedelta(hours=1)
# A claim outlives the POST's timeout by this much, so it never ends mid-request.
LEASE_MARGIN = timedelta(seconds=30)
# Pruning old events is housekeeping: a while after start, then hourly.
PRUNE_FIRST = timedelta(minutes=5)
PRUNE_EVERY = timedelta(hours=1)
POLL_SECONDS = 1.0
BATCH = 50  # deliveries per step at most, so a backlog does not starve the stop signal


def backoff(
    attempts: int, base: timedelta = BACKOFF_BASE, cap: timedelta = BACKOFF_CAP
) -> timedelta:
    """The wait after the `attempts`-th failed attempt: base, 2×base, 4×base, … ≤ cap."""
    doublings = min(max(0, attempts - 1), 40)  # past the cap long before; no overflow
    return min(cap, base * (2**doublings))


class Dispatcher:
    def __init__(
        self,
        store: Store,
        config: WebhookConfig,
        *,
        clock: Callable[[], datetime] = utcnow,
        client: httpx.Client | None = None,
        base: timedelta = BACKOFF_BASE,
        cap: timedelta = BACKOFF_CAP,
    ) -> None:
        self.store = store
        self.config = config
        self.clock = clock
        self.base = base
        self.cap = cap
        self.lease = timedelta(seconds=config.timeout) + LEASE_MARGIN
        # A URL without any delivery yet gets the events from now on, not the backlog.
        self.started = clock()
        self._next_prune = self.started + PRUNE_FIRST
        self._own_client = client is None
        self.client = client or httpx.Client(
            timeout=config.timeout,
            follow_redirects=False,
            headers={"user-agent": f"Suzgec-Webhooks/{__version__}"},
        )

    def close(self) -> None:
        if self._own_client:
            self.client.close()

    def step(self) -> int:
        """Fan out, then attempt up to BATCH due deliveries; returns how many."""
        self._prune()
        if not self.config.enabled:
            return 0
        self.store.fan_out(list(self.config.urls), self.config.kinds, self.started, self.clock())
        attempted = 0
        while attempted < BATCH:
            claimed = self.store.claim_delivery(self.clock(), self.lease)
            if claimed is None:
                break
            self._attempt(claimed)
            attempted += 1
        return attempted

    def _prune(self) -> None:
        now = self.clock()
        if self.config.retention_days and now >= self._next_prune:
            self._next_prune = now + PRUNE_EVERY
            gone = self.store.prune_events(now - timedelta(days=self.config.retention_days))
            if gone:
                log.info(
                    "webhooks: %s events older than %s days pruned",
                    gone,
                    self.config.retention_days,
                )

    def _attempt(self, claimed: Claimed) -> None:
        event = claimed.event
        body = json.dumps(event.body(), ensure_ascii=False, separators=(",", ":")).encode()
        timestamp = int(self.clock().timestamp())
        headers = {
            "content-type": "application/json; charset=utf-8",
            "x-suzgec-event": event.kind,
            "x-suzgec-delivery": str(claimed.delivery_id),
            "x-suzgec-signature": signature_header(self.config.secret, timestamp, body),
        }
        status: int | None = None
        error: str | None = None
        try:
            response = self.client.post(claimed.url, content=body, headers=headers)
            status = response.status_code
            if 300 <= status < 400:
                error = messages.WEBHOOK_REDIRECT.format(status=status)
            elif not 200 <= status < 300:
                error = messages.WEBHOOK_HTTP_ERROR.format(status=status)
        except httpx.TimeoutException:
            error = messages.WEBHOOK_TIMEOUT.format(seconds=f"{self.config.timeout:g}")
        except httpx.HTTPError as exc:
            detail = str(exc)[:200] or type(exc).__name__
            error = messages.WEBHOOK_NETWORK.format(kind=type(exc).__name__, detail=detail)
        now = self.clock()
        delivered = error is None
        retry_at = None
        if not delivered and claimed.attempts < self.config.max_attempts:
            retry_at = now + backoff(claimed.attempts, self.base, self.cap)
        kept = self.store.finish_delivery(
            claimed, now, delivered=delivered, http_status=status, error=error, retry_at=retry_at
        )
        if not kept:  # the lease ran out and another dispatcher took the delivery over
            log.warning(
                "webhooks: delivery %s was taken over before its result", claimed.delivery_id
            )
        elif delivered:
            log.info("webhooks: delivery %s (%s) delivered", claimed.delivery_id, event.kind)
        else:
            log.warning(
                "webhooks: delivery %s attempt %s failed: %s%s",
                claimed.delivery_id,
                claimed.attempts,
                error,
                "" if retry_at else " (no attempts left)",
            )

    def run(self, stop: threading.Event, poll: float = POLL_SECONDS) -> None:
        """Step until `stop` is set; a step that fails (the database away) is logged and
        the next one tries again."""
        while not stop.is_set():
            try:
                busy = self.step() >= BATCH
            except Exception:
                log.exception("webhooks: dispatcher step failed; trying again")
                busy = False
            if not busy:
                stop.wait(poll)


class DispatcherThread:
    """The dispatcher in a background thread of `suzgec serve`, stopped cleanly: the
    POST in flight finishes (at most the timeout), then the thread ends."""

    def __init__(self, dispatcher: Dispatcher, poll: float = POLL_SECONDS) -> None:
        self.dispatcher = dispatcher
        self._stop = threading.Event()
        self._thread = threading.Thread(
            target=dispatcher.run, args=(self._stop, poll), name="suzgec-webhooks", daemon=True
        )

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=self.dispatcher.config.timeout + 5)
        self.dispatcher.close()
