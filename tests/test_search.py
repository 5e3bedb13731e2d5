"""The desk's search: each filter, counts, Turkish casing, sorts, claims with filters.
On SQLite and PostgreSQL."""

from datetime import UTC, datetime, timedelta

import pytest

from suzgec.model import Action, Clause, Decision, Finding, Status
from suzgec.store import Store
from suzgec.store.search import CommentFilter, fold

T0 = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


def decision(text: str, action: Action, *findings: tuple[Clause, float]) -> Decision:
    return Decision(
        text=text,
        action=action,
        findings=tuple(
            Finding(clause=c, action=action, score=s, start=0, end=1, message="m", spans=((0, 1),))
            for c, s in findings
        ),
        suggestion=None,
        policy_version="test",
    )


@pytest.fixture
def desk(store: Store) -> dict[str, int]:
    store.create_article("ekonomi", "Ekonomi", "Metin.", "Kaynak")
    store.create_article("spor", "Spor", "Metin.", "Kaynak")
    rows = {
        "ist": (
            "ekonomi",
            "Ayşe",
            "İSTANBUL'da kira çok arttı",
            Action.REVIEW,
            [(Clause.INSULT, 0.6)],
        ),
        "isp": ("spor", "IŞIK", "Isparta maçı güzeldi", Action.REVIEW, [(Clause.PROFANITY, 0.9)]),
        "pct": ("spor", "Çağrı", "Yüzde 50_indirim %100 doğru", Action.REVIEW, []),
        "rej": (
            "ekonomi",
            "Şule",
            "istanbul trafiği berbat",
            Action.REJECT,
            [(Clause.INSULT, 0.95)],
        ),
        "ok": ("ekonomi", "Ömer", "Güzel haber", Action.APPROVE, []),
    }
    ids = {}
    for n, (key, (slug, author, text, action, found)) in enumerate(rows.items()):
        ids[key] = store.add_comment(
            slug, author, decision(text, action, *found), now=T0 + timedelta(days=n)
        ).id
    return ids


def found(store: Store, **kw) -> list[int]:
    page = store.search_comments(CommentFilter(**kw), limit=100)
    assert page.total == len(page.items)
    return [c.id for c in page.items]


def test_fold_is_turkish() -> None:
    assert fold("İSTANBUL") == "istanbul" and fold("IŞIK") == "ışık" and fold("ÇĞÖŞÜ") == "çğöşü"


def test_text_matches_with_turkish_casing(store: Store, desk) -> None:
    assert found(store, text="istanbul") == [desk["ist"], desk["rej"]]
    assert found(store, text="İstanbul") == [desk["ist"], desk["rej"]]
    # Turkish casing: I is the capital of ı, not of i.
    assert found(store, text="ısparta") == [desk["isp"]]
    assert found(store, text="isparta") == []
    assert found(store, text="KİRA") == [desk["ist"]]


def test_like_wildcards_are_literal(store: Store, desk) -> None:
    assert found(store, text="%100") == [desk["pct"]]
    assert found(store, text="50_i") == [desk["pct"]]
    assert found(store, text="0_0") == []
    assert found(store, text="%") == [desk["pct"]]


def test_author_article_clause_status(store: Store, desk) -> None:
    assert found(store, author="ışık") == [desk["isp"]]
    assert found(store, author="şu") == [desk["rej"]]
    assert found(store, article="spor") == [desk["isp"], desk["pct"]]
    assert found(store, clause="insult") == [desk["ist"], desk["rej"]]
    assert found(store, clause="insult", article="spor") == []
    assert found(store, statuses=("rejected",)) == [desk["rej"]]
    assert found(store, statuses=("pending",), clause="profanity") == [desk["isp"]]


def test_date_range(store: Store, desk) -> None:
    day = T0 + timedelta(days=1)
    assert found(store, since=day, until=day + timedelta(days=2)) == [desk["isp"], desk["pct"]]
    assert found(store, until=T0 + timedelta(hours=1)) == [desk["ist"]]


def test_automatic_or_human_decision(store: Store, desk) -> None:
    store.decide(desk["ist"], "ayse", Status.APPROVED)
    store.decide(desk["isp"], "ayse", Status.REJECTED)
    store.undo(desk["isp"], "ayse")  # taken back: automatic again
    assert found(store, decided_by="human") == [desk["ist"]]
    assert desk["ist"] not in found(store, decided_by="auto")
    assert desk["isp"] in found(store, decided_by="auto")


def test_sorts_and_paging(store: Store, desk) -> None:
    assert found(store, sort="newest")[:2] == [desk["ok"], desk["rej"]]
    assert found(store, sort="score")[:3] == [desk["rej"], desk["isp"], desk["ist"]]
    from suzgec.store.tables import comments

    with store._tx() as conn:
        conn.execute(comments.update().where(comments.c.id == desk["pct"]).values(report_count=3))
        conn.execute(comments.update().where(comments.c.id == desk["ok"]).values(report_count=1))
    assert found(store, sort="reported")[:2] == [desk["pct"], desk["ok"]]
    # Keyset paging through a keyed sort gives every match once, in order.
    seen, cursor = [], None
    while True:
        page = store.search_comments(CommentFilter(sort="score"), cursor=cursor, limit=2)
        assert page.total == 5
        seen += [c.id for c in page.items]
        cursor = page.next_cursor
        if cursor is None:
            break
    assert seen == found(store, sort="score")


def test_claims_with_filters_and_sorts_never_overlap(store: Store, desk) -> None:
    by_score = CommentFilter(sort="score")
    ayse = store.claim_matching("ayse", by_score, limit=1)
    assert [c.id for c in ayse.items] == [desk["isp"]]  # the highest pending score
    assert ayse.total == 3 and ayse.next_cursor is not None
    mehmet = store.claim_matching("mehmet", by_score, limit=5)
    assert [c.id for c in mehmet.items] == [desk["ist"], desk["pct"]]
    # A filter that matches only ayşe's claim gives mehmet nothing.
    assert store.claim_matching("mehmet", CommentFilter(clause="profanity")).items == []
    again = store.claim_matching("ayse", CommentFilter(text="ısparta"))
    assert [c.id for c in again.items] == [desk["isp"]] and again.total == 1
    # The filtered claim blocks a decision by another moderator.
    with pytest.raises(Exception, match="ayse"):
        store.decide(desk["isp"], "mehmet", Status.APPROVED)
