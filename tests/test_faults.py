"""A server killed with SIGKILL in the middle of a stream of submissions loses nothing it
acknowledged and stores nothing twice, on SQLite and on PostgreSQL (issue 10).

The real `suzgec serve` runs in a subprocess: only a real process can be killed without
its shutdown handlers, and only a restart on the same database shows what survived.
"""

from __future__ import annotations

import sqlite3
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa

from served import Served, pg_schema, servers
from suzgec.web.demo import DEMO_SLUG

pytestmark = pytest.mark.slow

SUBMIT = f"/api/articles/{DEMO_SLUG}/comments"
CLIENTS = 8  # submissions in flight at once
PER_CLIENT = 400  # the loop's bound: no client sends more than this
KILL_AFTER = 120  # acknowledged submissions before the kill
SETTINGS = {"rate_limit_per_minute": 0, "secret_key": "fault-test"}


@contextmanager
def database(backend: str, tmp_path: Path) -> Iterator[str]:
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'faults.db'}"
    else:
        with pg_schema() as url:
            yield url


class Stream:
    """CLIENTS threads posting comments, each text unique, until the server goes away.

    `sent` holds every text a request was started for, `acked` those answered 201.
    """

    def __init__(self, base: str) -> None:
        self.base = base
        self.run = uuid.uuid4().hex[:8]
        self.sent: list[str] = []
        self.acked: list[str] = []
        self.other: list[str] = []
        self.lock = threading.Lock()
        self.threads = [threading.Thread(target=self._client, args=(n,)) for n in range(CLIENTS)]

    def _client(self, n: int) -> None:
        with httpx.Client(base_url=self.base, timeout=30) as client:
            for i in range(PER_CLIENT):
                text = f"Çay hasadı haberi için teşekkürler, okur kaydı {self.run} {n}-{i}."
                with self.lock:
                    self.sent.append(text)
                try:
                    r = client.post(SUBMIT, json={"text": text, "author": f"Okur {n}"})
                except httpx.HTTPError:
                    return  # the server is gone
                with self.lock:
                    if r.status_code == 201:
                        self.acked.append(text)
                    else:
                        self.other.append(f"{r.status_code} {r.text[:200]}")

    def start(self) -> None:
        for t in self.threads:
            t.start()

    def wait_for(self, acked: int, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while len(self.acked) < acked:
            assert time.monotonic() < deadline, f"only {len(self.acked)} acknowledged"
            time.sleep(0.005)

    def join(self) -> None:
        for t in self.threads:
            t.join(timeout=60)
        assert not any(t.is_alive() for t in self.threads)


def stored_counts(url: str, run: str) -> tuple[dict[str, int], dict[int, int]]:
    """This run's comments: text -> rows with that text; comment id -> its system audit
    entries (the automatic decision, written in the same transaction as the comment)."""
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            texts = conn.execute(
                sa.text("SELECT text, count(*) FROM comments WHERE text LIKE :run GROUP BY text"),
                {"run": f"%kaydı {run} %"},
            ).all()
            audits = conn.execute(
                sa.text(
                    "SELECT c.id, count(a.id) FROM comments c"
                    " LEFT JOIN audit_log a ON a.comment_id = c.id AND a.actor = 'system'"
                    " WHERE c.text LIKE :run GROUP BY c.id"
                ),
                {"run": f"%kaydı {run} %"},
            ).all()
    finally:
        engine.dispose()
    return {t: int(n) for t, n in texts}, {int(i): int(n) for i, n in audits}


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_kill_9_mid_stream_loses_no_acknowledged_comment(backend: str, tmp_path: Path) -> None:
    with database(backend, tmp_path) as url, servers() as started:
        first = Served(tmp_path, "first", database_url=url, **SETTINGS)
        started.append(first)
        first.wait_ready()
        stream = Stream(first.base)
        stream.start()
        stream.wait_for(KILL_AFTER)
        first.kill()
        stream.join()
        assert not stream.other, f"answers other than 201: {stream.other[:3]}"
        # Killed mid-stream: every client had a request out that never got its answer.
        unanswered = set(stream.sent) - set(stream.acked)
        assert len(unanswered) >= 1
        assert len(stream.sent) < CLIENTS * PER_CLIENT  # the kill, not the bound, ended it

        again = Served(tmp_path, "again", database_url=url, **SETTINGS)
        started.append(again)
        again.wait_ready()
        after = httpx.post(f"{again.base}{SUBMIT}", json={"text": "Yeniden açıldı, teşekkürler."})
        assert after.status_code == 201, after.text

        counts, audits = stored_counts(url, stream.run)
        missing = [t for t in stream.acked if counts.get(t) != 1]
        assert not missing, f"{len(missing)} acknowledged comments not stored exactly once"
        assert set(counts) <= set(stream.sent)
        assert max(counts.values()) == 1, "a comment stored twice"
        # A request in flight at the kill is stored whole or not at all.
        assert set(audits.values()) == {1}
        again.stop()
    if backend == "sqlite":
        with sqlite3.connect(tmp_path / "faults.db") as conn:
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
