"""The token buckets behind the shared rate limits (Store.spend_token), on both databases."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
import sqlalchemy as sa

from suzgec.store.store import utcnow
from suzgec.store.tables import rate_buckets

SLOW = 1 / 60  # one token a minute: nothing refills while a test runs


def _age(store, key: str, seconds: float) -> None:  # type: ignore[no-untyped-def]
    """Move the bucket's last touch into the past, as if `seconds` had gone by."""
    with store.engine.begin() as conn:
        conn.execute(
            sa.update(rate_buckets)
            .where(rate_buckets.c.key == key)
            .values(updated_at=utcnow() - timedelta(seconds=seconds))
        )


def _tokens(store, key: str) -> float:  # type: ignore[no-untyped-def]
    with store.engine.connect() as conn:
        return float(
            conn.execute(sa.select(rate_buckets.c.tokens).where(rate_buckets.c.key == key)).scalar()
        )


def test_a_bucket_spends_its_capacity_then_says_how_long_to_wait(store) -> None:
    assert [store.spend_token("k", SLOW, 3) for _ in range(3)] == [0.0, 0.0, 0.0]
    wait = store.spend_token("k", SLOW, 3)
    assert 55 < wait <= 60  # a whole token at one a minute
    assert _tokens(store, "k") == pytest.approx(0.0, abs=0.01)  # a refusal spends nothing
    assert store.spend_token("other", SLOW, 3) == 0.0  # buckets are per key


def test_a_bucket_refills_with_time_up_to_its_capacity(store) -> None:
    for _ in range(3):
        store.spend_token("k", SLOW, 3)
    _age(store, "k", 90)  # 1.5 tokens back
    assert store.spend_token("k", SLOW, 3) == 0.0
    assert _tokens(store, "k") == pytest.approx(0.5, abs=0.02)
    wait = store.spend_token("k", SLOW, 3)
    assert 25 < wait <= 30  # half a token to go
    _age(store, "k", 3600)  # a long pause refills to the capacity, no further
    assert store.spend_token("k", SLOW, 3) == 0.0
    assert _tokens(store, "k") == pytest.approx(2.0, abs=0.02)


def test_concurrent_spends_never_exceed_the_capacity(store) -> None:
    results: list[float] = []
    lock = threading.Lock()

    def spend() -> None:
        for _ in range(5):
            wait = store.spend_token("hot", SLOW, 10)
            with lock:
                results.append(wait)

    threads = [threading.Thread(target=spend) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 30
    assert results.count(0.0) == 10
