"""A locked SQLite file: a write that cannot get the lock is a clear 503, not a 500, and
reads go on meanwhile (issue 10). Writers of one process queue for the file among
themselves instead of in SQLite's busy handler."""

import sqlite3
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
import sqlalchemy as sa

from suzgec.pipeline import Moderator
from suzgec.store import Store, base
from suzgec.web import texts
from suzgec.web.demo import DEMO_SLUG

COMMENTS = f"/api/articles/{DEMO_SLUG}/comments"


def test_a_write_that_cannot_get_the_lock_is_a_503_and_reads_go_on(tmp_path, make_client) -> None:
    path = tmp_path / "locked.db"
    # A short busy timeout stands for a lock held longer than the server waits.
    engine = sa.create_engine(f"sqlite:///{path}", connect_args={"timeout": 0.2})
    store = Store(engine)
    store.migrate()
    client = make_client(store=store)
    assert client.post(COMMENTS, json={"text": "Haber için teşekkürler."}).status_code == 201

    holder = sqlite3.connect(path)
    holder.execute("BEGIN IMMEDIATE")  # another process's long write
    try:
        r = client.post(COMMENTS, json={"text": "Bu da güzel bir haber olmuş."})
        assert r.status_code == 503, r.text
        assert r.json()["error"]["code"] == "database_busy"
        assert r.headers["retry-after"] == "2"
        assert r.json()["error"]["message"] == texts.DB_BUSY.format(seconds=2)
        assert client.get(COMMENTS).status_code == 200  # WAL: readers are not blocked
    finally:
        holder.rollback()
        holder.close()
    texts_now = [c["text"] for c in client.get(COMMENTS).json()["comments"]]
    assert texts_now == ["Haber için teşekkürler."]  # the refused one left nothing behind
    assert client.post(COMMENTS, json={"text": "Bu da güzel bir haber olmuş."}).status_code == 201


def test_writers_of_one_process_queue_for_the_file(tmp_path) -> None:
    # No busy timeout at all: two of this process's writers meeting in SQLite would fail
    # at once with "database is locked"; queued in the process, every write gets in.
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'w.db'}", connect_args={"timeout": 0})
    store = Store(engine)
    store.migrate()
    store.create_article("deneme", "Deneme haberi", "Metin.", "Kaynak")
    decision = Moderator().moderate("Haber için teşekkürler, çok faydalı oldu.")

    def write(n: int) -> int:
        return store.add_comment("deneme", f"Okur {n}", decision).id

    with ThreadPoolExecutor(8) as pool:
        ids = list(pool.map(write, range(400)))
    assert len(set(ids)) == 400
    assert store.status_counts(["deneme"])["deneme"] == {"approved": 400}


def test_a_writer_waits_for_the_process_lock_no_longer_than_sqlite_would(
    tmp_path, monkeypatch, make_client
) -> None:
    monkeypatch.setattr(base, "SQLITE_BUSY_SECONDS", 0.2)
    store = Store(f"sqlite:///{tmp_path / 'held.db'}")
    store.migrate()
    client = make_client(store=store)
    holding, done = threading.Event(), threading.Event()

    def hold() -> None:
        with store._tx():  # a write of this process that takes long
            holding.set()
            done.wait(10)

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        assert holding.wait(5)
        with pytest.raises(sa.exc.OperationalError):
            store.create_article("baska", "Başka", "Metin.", "Kaynak")
        r = client.post(COMMENTS, json={"text": "Bu da güzel bir haber olmuş."})
        assert r.status_code == 503, r.text
        assert r.json()["error"]["code"] == "database_busy"
    finally:
        done.set()
        holder.join()
    assert client.post(COMMENTS, json={"text": "Bu da güzel bir haber olmuş."}).status_code == 201


def test_pinned_submissions_and_lone_writes_share_a_small_pool_without_deadlock(
    tmp_path, make_client
) -> None:
    # Two connections for many threads: a lone write (the rate limiter's) that took the
    # process's write lock before its connection waited for one forever, while pinned
    # submissions held both connections and waited for the lock.
    engine = sa.create_engine(
        f"sqlite:///{tmp_path / 'pool.db'}", pool_size=2, max_overflow=0, pool_timeout=10
    )
    store = Store(engine)
    store.migrate()
    state = make_client(store=store).app.state.suzgec
    decision_text = "Haber için teşekkürler, çok faydalı oldu."

    def work(n: int) -> None:
        if n % 2:
            store.spend_token(f"okur-{n % 4}", 1000.0, 1000.0)
        else:
            state.submit(DEMO_SLUG, "Okur", f"{decision_text} {n}", commenter_id=f"c{n}")

    with ThreadPoolExecutor(8) as pool:
        list(pool.map(work, range(200)))
    assert sum(store.status_counts([DEMO_SLUG])[DEMO_SLUG].values()) == 100
