"""A locked SQLite file: a write that cannot get the lock is a clear 503, not a 500, and
reads go on meanwhile (issue 10)."""

import sqlite3

import sqlalchemy as sa

from suzgec.store import Store
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
