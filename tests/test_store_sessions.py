"""Store: server-side sessions, single-use form tokens, paged lists, resubmitted versions.

Every test runs on SQLite and PostgreSQL (the `store` fixture).
"""

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from suzgec.model import Status
from suzgec.store import SUPERSEDED, Conflict, NotFound, Store
from suzgec.store.tables import comments, sessions

CLEAN = "Haber için teşekkürler, çok faydalı oldu."


@pytest.fixture
def article(store: Store):
    return store.create_article("deneme", "Deneme haberi", "Metin.", "Kaynak")


def test_sessions_end_on_logout_password_change_and_disable(store: Store) -> None:
    store.add_moderator("ayse", "hash")
    cookie = store.open_session("ayse", "cookie", 12)
    api = store.open_session("ayse", "api", 12)
    assert store.session_user(cookie, "cookie") == "ayse"
    assert store.session_user(cookie, "api") is None  # a cookie is not a bearer token
    assert store.session_user("made-up", "cookie") is None
    with store.engine.connect() as conn:  # only a hash is kept, never the token
        assert cookie not in {r.token_hash for r in conn.execute(sa.select(sessions))}

    store.close_session(cookie)
    assert store.session_user(cookie, "cookie") is None
    assert store.session_user(api, "api") == "ayse"

    assert store.set_password("ayse", "new-hash") == 1  # the API token ends too
    assert store.session_user(api, "api") is None

    again = store.open_session("ayse", "cookie", 12)
    assert store.set_disabled("ayse") == 1
    assert store.session_user(again, "cookie") is None
    assert store.get_moderator("ayse").disabled  # type: ignore[union-attr]
    fresh = store.open_session("ayse", "cookie", 12)
    assert store.session_user(fresh, "cookie") is None  # a disabled account has no logins
    store.set_disabled("ayse", False)
    assert store.session_user(fresh, "cookie") == "ayse"
    with pytest.raises(NotFound):
        store.set_password("yok", "x")


def test_sessions_expire(store: Store) -> None:
    store.add_moderator("ayse", "hash")
    token = store.open_session("ayse", "cookie", 12)
    with store.engine.begin() as conn:
        conn.execute(
            sa.update(sessions).values(expires_at=datetime.now(UTC) - timedelta(seconds=1))
        )
    assert store.session_user(token, "cookie") is None


def test_form_tokens_are_spent_once(store: Store) -> None:
    assert store.spend_form_token("n1", 3600)
    assert not store.spend_form_token("n1", 3600)
    assert store.spend_form_token("n2", 3600)


def test_thread_pages_hold_whole_threads_and_an_exact_count(
    store: Store, article, review_moderator
) -> None:
    clean = review_moderator.moderate(CLEAN)
    tops = [store.add_comment("deneme", f"Okur {i}", clean) for i in range(5)]
    reply = store.add_comment("deneme", "Yanıt", clean, parent_id=tops[0].id)
    deep = store.add_comment("deneme", "Derin", clean, parent_id=reply.id)
    store.add_comment("deneme", "Bekleyen", review_moderator.moderate("Bu incelensin."))

    first = store.thread_page("deneme", limit=2)
    assert [c.id for c in first.items] == [tops[0].id, reply.id, deep.id, tops[1].id]
    assert first.total == 7 and first.next_cursor == tops[1].id
    second = store.thread_page("deneme", after=first.next_cursor, limit=2)
    assert [c.id for c in second.items] == [tops[2].id, tops[3].id]
    last = store.thread_page("deneme", after=second.next_cursor, limit=2)
    assert [c.id for c in last.items] == [tops[4].id] and last.next_cursor is None

    # Taking the thread's top comment down keeps its replies on the page.
    store.decide(tops[0].id, "ayse", Status.REJECTED, overturn=True)
    page = store.thread_page("deneme", limit=10)
    assert [c.id for c in page.items] == [t.id for t in tops[1:]] + [reply.id, deep.id]
    assert page.total == 6
    with pytest.raises(NotFound):
        store.thread_page("yok")


def test_queue_and_rejections_page_by_cursor(store: Store, article, review_moderator) -> None:
    queued = [
        store.add_comment("deneme", "A", review_moderator.moderate("Bu incelensin."))
        for _ in range(5)
    ]
    page = store.pending_page(limit=2)
    assert [c.id for c in page.items] == [q.id for q in queued[:2]] and page.total == 5
    rest = store.pending_page(after=page.next_cursor, limit=10)
    assert [c.id for c in rest.items] == [q.id for q in queued[2:]] and rest.next_cursor is None

    shouted = review_moderator.moderate("BU HABER ÇOK KÖTÜ")
    rejected = [store.add_comment("deneme", "B", shouted) for _ in range(3)]
    newest = store.auto_rejected_page(limit=2)
    assert [c.id for c in newest.items] == [rejected[2].id, rejected[1].id]
    assert newest.total == 3
    older = store.auto_rejected_page(before=newest.next_cursor, limit=2)
    assert [c.id for c in older.items] == [rejected[0].id]


def statuses(store: Store, *ids: int) -> list[Status]:
    return [store.get_comment(i).status for i in ids]


def test_one_version_of_a_resubmitted_comment_is_public(
    store: Store, article, review_moderator
) -> None:
    original = store.add_comment("deneme", "Ali", review_moderator.moderate("BU HABER ÇOK KÖTÜ"))
    fix = store.add_comment(
        "deneme", "Ali", review_moderator.moderate("Bu haber çok kötü"), resubmission_of=original.id
    )
    assert fix.status is Status.APPROVED and fix.resubmission_of == original.id
    assert store.versions(original) == [fix.id] and store.versions(fix) == [original.id]

    # A moderator overturns the rejection: the original is published, the fix comes down.
    store.decide(original.id, "ayse", Status.APPROVED, overturn=True)
    assert statuses(store, original.id, fix.id) == [Status.APPROVED, Status.REJECTED]
    entry = store.audit(fix.id)[-1]
    assert entry.action == SUPERSEDED and str(original.id) in (entry.note or "")

    # And back: approving the fix takes the original down.
    store.decide(fix.id, "ayse", Status.APPROVED, overturn=True)
    assert statuses(store, original.id, fix.id) == [Status.REJECTED, Status.APPROVED]


def test_a_second_fix_links_to_the_first_version(store: Store, article, review_moderator) -> None:
    shouted = review_moderator.moderate("BU HABER ÇOK KÖTÜ")
    original = store.add_comment("deneme", "Ali", shouted)
    first_fix = store.add_comment("deneme", "Ali", shouted, resubmission_of=original.id)
    second_fix = store.add_comment(
        "deneme", "Ali", review_moderator.moderate(CLEAN), resubmission_of=first_fix.id
    )
    assert second_fix.resubmission_of == original.id
    store.decide(original.id, "ayse", Status.APPROVED, overturn=True)
    assert statuses(store, original.id, first_fix.id, second_fix.id) == [
        Status.APPROVED,
        Status.REJECTED,
        Status.REJECTED,
    ]


def test_only_a_rejected_comment_of_the_article_can_be_corrected(
    store: Store, article, review_moderator
) -> None:
    published = store.add_comment("deneme", "Ali", review_moderator.moderate(CLEAN))
    with pytest.raises(Conflict):
        store.add_comment(
            "deneme", "Ali", review_moderator.moderate(CLEAN), resubmission_of=published.id
        )
    store.create_article("baska", "Başka", "Metin.", "Kaynak")
    rejected = store.add_comment("baska", "Ali", review_moderator.moderate("BU HABER ÇOK KÖTÜ"))
    with pytest.raises(Conflict):
        store.add_comment(
            "deneme", "Ali", review_moderator.moderate(CLEAN), resubmission_of=rejected.id
        )


def test_migration_0002_keeps_comments_and_fills_thread_roots(bare_store: Store) -> None:
    bare_store.migrate("0001")
    now = datetime.now(UTC)
    decision = {"decision": "approve", "findings": [], "suggestion": None}
    row = {"created_at": now, "status": "approved", "auto_action": "approve", "decision": decision}
    with bare_store.engine.begin() as conn:
        conn.execute(
            sa.text(
                "INSERT INTO articles (slug, title, body, source, published_at, updated_at) "
                "VALUES ('eski', 'Eski', 'Metin.', 'Kaynak', :t, :t)"
            ),
            {"t": now},
        )
        old = sa.table(
            "comments",
            *(sa.column(c) for c in ("id", "article_id", "parent_id", "author", "text")),
            *(sa.column(c) for c in ("created_at", "status", "auto_action")),
            sa.column("decision", sa.JSON),
        )
        for cid, parent in ((1, None), (2, 1), (3, 2), (4, None)):
            values = {"id": cid, "article_id": 1, "parent_id": parent, "author": "A"}
            conn.execute(sa.insert(old).values(text=CLEAN, **values, **row))
    bare_store.migrate()
    with bare_store.engine.connect() as conn:
        roots = dict(conn.execute(sa.select(comments.c.id, comments.c.root_id)).all())
    assert roots == {1: None, 2: 1, 3: 1, 4: None}
    assert [c.id for c in bare_store.thread_page("eski").items] == [1, 2, 3, 4]


def test_articles_page_newest_first_with_a_total(store: Store) -> None:
    base = datetime(2026, 1, 1, tzinfo=UTC)
    for i in range(5):
        # Two share a publication time: the id breaks the tie, so no article is skipped.
        when = base + timedelta(hours=min(i, 3))
        store.create_article(f"haber-{i}", f"Haber {i}", "Metin.", "Kaynak", published_at=when)
    seen: list[str] = []
    cursor = None
    while True:
        items, total, cursor = store.articles_page(before=cursor, limit=2)
        assert total == 5
        seen += [a.slug for a in items]
        if cursor is None:
            break
    assert seen == ["haber-4", "haber-3", "haber-2", "haber-1", "haber-0"]


def test_logins_expired_a_day_ago_are_forgotten(store: Store) -> None:
    store.add_moderator("ayse", "hash")
    old = store.open_session("ayse", "cookie", 12)
    with store.engine.begin() as conn:
        conn.execute(sa.update(sessions).values(expires_at=datetime.now(UTC) - timedelta(days=2)))
    store.open_session("ayse", "api", 12)
    with store.engine.connect() as conn:
        kinds = [r.kind for r in conn.execute(sa.select(sessions))]
    assert kinds == ["api"] and store.session_user(old, "cookie") is None
