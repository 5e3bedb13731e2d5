"""Per-client token buckets: in the database (shared by every server process, kept
across restarts; the default) or in this process's memory (`rate_limit_store = "memory"`)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import timedelta
from typing import Protocol

from suzgec.store import Store


class Limiter(Protocol):
    @property
    def enabled(self) -> bool: ...

    def retry_after(self, key: str) -> float: ...


class _Budget:
    """What both limiters share: `per_minute` tokens a minute, at most `burst` at once."""

    def __init__(self, per_minute: int, burst: int) -> None:
        self.rate = per_minute / 60.0
        self.capacity = float(max(1, burst))

    @property
    def enabled(self) -> bool:
        return self.rate > 0  # per_minute == 0 turns the limit off

    def allow(self, key: str) -> bool:
        return self.retry_after(key) == 0.0

    def retry_after(self, key: str) -> float:
        raise NotImplementedError


class RateLimiter(_Budget):
    """`allow(key)` spends one token of `key`'s bucket; buckets refill continuously.

    `per_minute == 0` turns the limit off. The table is pruned when it grows, dropping
    buckets that have refilled anyway, so a flood of addresses cannot grow it forever.
    """

    MAX_KEYS = 10_000

    def __init__(
        self, per_minute: int, burst: int, clock: Callable[[], float] = time.monotonic
    ) -> None:
        super().__init__(per_minute, burst)
        self.clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def retry_after(self, key: str) -> float:
        """Spend a token and return 0.0, or return the seconds until one is available."""
        if not self.enabled:
            return 0.0
        now = self.clock()
        with self._lock:
            tokens, last = self._buckets.get(key, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - last) * self.rate)
            if tokens >= 1.0:
                self._buckets[key] = (tokens - 1.0, now)
                if len(self._buckets) > self.MAX_KEYS:
                    self._prune(now)
                return 0.0
            self._buckets[key] = (tokens, now)
            return (1.0 - tokens) / self.rate

    def _prune(self, now: float) -> None:
        full = [
            k
            for k, (tokens, last) in self._buckets.items()
            if tokens + (now - last) * self.rate >= self.capacity
        ]
        for k in full:
            del self._buckets[k]


class StoreRateLimiter(_Budget):
    """The same token bucket, kept in the database's `rate_buckets` table.

    Two processes behind one load balancer then give a client one budget, not two, and a
    restart does not hand out a fresh one. Buckets untouched for an hour are pruned now
    and then (they have refilled by then anyway).
    """

    PRUNE_EVERY = 1000  # spends between prunes

    def __init__(self, store: Store, per_minute: int, burst: int, prefix: str = "") -> None:
        super().__init__(per_minute, burst)
        self.store = store
        self.prefix = prefix
        self._spends = 0

    def retry_after(self, key: str) -> float:
        if not self.enabled:
            return 0.0
        self._spends += 1
        if self._spends % self.PRUNE_EVERY == 0:
            self.store.prune_buckets(timedelta(hours=1))
        return self.store.spend_token(self.prefix + key, self.rate, self.capacity)
