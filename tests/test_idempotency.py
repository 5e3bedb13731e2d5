"""Idempotency-Key on comment submission: a retry stores nothing new, on SQLite and PostgreSQL."""

import threading
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Any

import pytest
import sqlalchemy as sa

from suzgec.store import IDEMPOTENCY_TTL, IdempotencyKey, KeyTaken, Store
from suzgec.store.store import utcnow
from suzgec.store.tables import audit_log, comments, idempotency_keys
from suzgec.web.demo import DEMO_SLUG

COMMENTS = f"/api/articles/{DEMO_SLUG}/comments"
CLEAN = "Haber için teşekkürler, çok faydalı oldu."
SHOUTED = "BU HABER ÇOK KÖTÜ"


def rows(store: Store, table: sa.Table) -> int:
    with store.engine.connect() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()


def key() -> dict[str, str]:
    return {"Idempotency-Key": str(uuid.uuid4())}


def post(client, headers: dict[str, str], text: str = CLEAN, **fields):  # type: ignore[no-untyped-def]
    return client.post(COMMENTS, json={"text": text, **fields}, headers=headers)


def test_a_retry_returns_the_first_comment_and_stores_nothing(store, make_client) -> None:
    client = make_client(store=store)
    before, audited = rows(store, comments), rows(store, audit_log)
    headers = key()
    first = post(client, headers, author="Ali")
    assert first.status_code == 201 and "Idempotent-Replayed" not in first.headers
    again = post(client, headers, author="Ali")
    assert again.status_code == 200 and again.headers["Idempotent-Replayed"] == "true"
    assert again.json() == first.json()  # the same comment, the same answer
    assert rows(store, comments) == before + 1
    assert rows(store, audit_log) == audited + 1  # one automatic decision, not two
    # Without a key, or with a new one, the same text is a new comment (as before).
    assert (
        post(client, key(), author="Ali").json()["comment"]["id"] != first.json()["comment"]["id"]
    )
    assert post(client, {}, author="Ali").status_code == 201
    assert rows(store, comments) == before + 3


def test_a_replayed_rejection_carries_a_working_resubmit_token(store, make_client) -> None:
    client = make_client(store=store)
    headers = key()
    first = post(client, headers, SHOUTED).json()
    again = post(client, headers, SHOUTED).json()
    assert again["comment"] == first["comment"] and again["comment"]["status"] == "rejected"
    fixed = post(client, key(), "Bu haber çok kötü", resubmit_token=again["resubmit_token"])
    assert fixed.json()["comment"]["resubmission_of"] == first["comment"]["id"]


def test_the_same_key_with_another_request_is_refused(store, make_client) -> None:
    client = make_client(store=store)
    headers = key()
    first = post(client, headers, author="Ali")
    before = rows(store, comments)
    reply = {"parent_id": first.json()["comment"]["id"]}
    for changed in ({"text": "Başka bir yorum."}, {"author": "Veli"}, reply):
        r = client.post(COMMENTS, json={"text": CLEAN, "author": "Ali", **changed}, headers=headers)
        assert r.status_code == 422, r.text
        error = r.json()["error"]
        assert error["code"] == "idempotency_key_reused"
        assert "Idempotency-Key" in error["message"] and "yeni bir anahtar" in error["message"]
    assert rows(store, comments) == before


@pytest.mark.parametrize(
    "bad", ["kisa", "16 karakter ama bosluklu", "ü".encode() * 10, "x" * 201, '""']
)
def test_a_malformed_key_is_refused(make_client, bad: str | bytes) -> None:
    client = make_client()
    r = client.post(COMMENTS, json={"text": CLEAN}, headers={"Idempotency-Key": bad})
    assert r.status_code == 422
    error = r.json()["error"]
    assert error["code"] == "invalid_idempotency_key" and "UUID" in error["message"]


def test_a_quoted_key_is_the_same_key(make_client) -> None:
    """The IETF draft sends the key as a structured-field string, in double quotes."""
    client = make_client()
    value = str(uuid.uuid4())
    first = post(client, {"Idempotency-Key": f'"{value}"'})
    again = post(client, {"Idempotency-Key": value})
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["comment"]["id"] == first.json()["comment"]["id"]


def test_a_retry_does_not_spend_the_rate_limit(make_client) -> None:
    client = make_client(rate_limit_per_minute=1, rate_limit_burst=1)
    headers = key()
    assert post(client, headers).status_code == 201
    for _ in range(3):
        assert post(client, headers).status_code == 200
    refused = post(client, key())
    assert refused.status_code == 429 and "Retry-After" in refused.headers


def test_keys_expire(store, make_client) -> None:
    client = make_client(store=store)
    headers = key()
    first = post(client, headers).json()["comment"]["id"]
    with store.engine.begin() as conn:  # a day has passed
        conn.execute(sa.update(idempotency_keys).values(expires_at=utcnow() - timedelta(seconds=1)))
    assert store.key_use(headers["Idempotency-Key"]) is None
    again = post(client, headers)
    assert again.status_code == 201 and again.json()["comment"]["id"] != first
    use = store.key_use(headers["Idempotency-Key"])
    assert use is not None and use.comment_id == again.json()["comment"]["id"]
    assert rows(store, idempotency_keys) == 1  # the expired row made way


def test_expired_keys_are_pruned(store: Store, review_moderator) -> None:
    store.create_article("deneme", "Deneme", "Metin.", "Kaynak")
    decision = review_moderator.moderate(CLEAN)
    old = utcnow() - IDEMPOTENCY_TTL - timedelta(minutes=1)
    for n in range(3):
        store.add_comment(
            "deneme", "A", decision, now=old, idempotency=IdempotencyKey(f"eski-{n}", "x")
        )
    store._next_key_prune = 0.0  # the once-a-minute pruning is due
    store.add_comment("deneme", "A", decision, idempotency=IdempotencyKey("yeni", "x"))
    with store.engine.connect() as conn:
        left = conn.execute(sa.select(idempotency_keys.c.key_hash)).scalars().all()
    assert len(left) == 1 and store.key_use("yeni") is not None
    assert rows(store, comments) == 4  # pruning keys never touches comments


def at_once(*calls: Callable[[], Any]) -> list[Any]:
    """Run the calls in threads released together: their results (or exceptions), in order."""
    start = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def run(i: int) -> None:
        start.wait()
        try:
            results[i] = calls[i]()
        except Exception as exc:
            results[i] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return results


def test_two_identical_writes_at_once_store_one_comment(store: Store, review_moderator) -> None:
    """The key's primary key decides the race; the losers store nothing (no comment, no
    audit entry) and find the winner's comment under the key."""
    store.create_article("deneme", "Deneme", "Metin.", "Kaynak")
    decision = review_moderator.moderate(CLEAN)
    for n in range(5):
        idempotency = IdempotencyKey(f"yaris-{n}-0123456789", "parmak-izi")
        write = partial(store.add_comment, "deneme", "A", decision, idempotency=idempotency)
        results = at_once(*[write] * 4)
        stored = [r for r in results if not isinstance(r, KeyTaken)]
        assert len(stored) == 1 and not isinstance(stored[0], Exception), results
        use = store.key_use(idempotency.key)
        assert use is not None and use.comment_id == stored[0].id
    assert rows(store, comments) == rows(store, audit_log) == 5


def test_concurrent_retries_on_two_replicas_get_one_comment(store, make_client) -> None:
    """Two app instances on one database, the same request sent to both at once."""
    replicas = [make_client(store=store), make_client(store=store)]
    before = rows(store, comments)
    for _ in range(5):
        headers = key()
        answers = at_once(*[partial(post, client, headers) for client in replicas])
        assert sorted(a.status_code for a in answers) == [200, 201]
        assert len({a.json()["comment"]["id"] for a in answers}) == 1
    assert rows(store, comments) == before + 5


def test_the_loser_of_a_race_answers_with_the_winners_comment(
    store, make_client, monkeypatch
) -> None:
    """The look-up before moderating found nothing (the other request had not committed
    yet), so the insert is what meets the key: a replay, not a 500 or a second comment."""
    client = make_client(store=store)
    headers = key()
    first = post(client, headers)
    real = store.key_use
    calls: list[str] = []

    def not_yet_then_real(k: str, now=None):  # type: ignore[no-untyped-def]
        calls.append(k)
        return None if len(calls) == 1 else real(k, now)

    monkeypatch.setattr(store, "key_use", not_yet_then_real)
    before = rows(store, comments)
    again = post(client, headers)
    assert len(calls) == 2  # the look-up, then the winner's row after the failed insert
    assert again.status_code == 200 and again.headers["Idempotent-Replayed"] == "true"
    assert again.json()["comment"]["id"] == first.json()["comment"]["id"]
    assert rows(store, comments) == before


def test_migration_0003_adds_the_key_table_and_goes_back(bare_store: Store) -> None:
    from alembic import command
    from alembic.config import Config

    from suzgec.store.store import MIGRATIONS

    bare_store.migrate("0002")
    with bare_store.engine.begin() as conn:  # as 0002 knows articles (the Store is newer)
        conn.execute(
            sa.text(
                "INSERT INTO articles (slug, title, body, source, published_at, updated_at) "
                "VALUES ('eski', 'Eski', 'Metin.', 'Kaynak', :now, :now)"
            ),
            {"now": datetime.now(UTC)},
        )
    bare_store.migrate("0003")
    assert bare_store.current_revision() == "0003"
    assert "idempotency_keys" in sa.inspect(bare_store.engine).get_table_names()
    with bare_store.engine.connect() as conn:
        title = conn.execute(sa.text("SELECT title FROM articles WHERE slug = 'eski'")).scalar()
    assert title == "Eski"
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with bare_store.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0002")
    assert bare_store.current_revision() == "0002"
    assert "idempotency_keys" not in sa.inspect(bare_store.engine).get_table_names()
    bare_store.migrate("0003")
    assert bare_store.current_revision() == "0003"
