"""The audit log page and its export: filters, paging, CSV and JSONL that parse back.
On SQLite and PostgreSQL."""

import csv
import io
import json

from desk_helpers import HTML, bearer, page_login
from suzgec.model import Status
from suzgec.store import Store
from suzgec.store.audit_search import AuditFilter
from suzgec.web.demo import DEMO_SLUG, seed_demo


def seeded(store: Store, review_moderator) -> list[int]:
    seed_demo(store)  # the web app seeds it too; seeding twice adds nothing
    decision = review_moderator.moderate('Bu incelensin; virgül, "tırnak" ve\nsatır.')
    ids = [store.add_comment(DEMO_SLUG, "Ali", decision).id for _ in range(3)]
    store.decide(ids[0], "ayse", Status.APPROVED, 'Not: "tırnaklı", virgüllü\nçok satırlı')
    store.decide(ids[1], "mehmet", Status.REJECTED, "Hakaret")
    store.create_account("ayse", "zeynep", "x" * 20)
    return ids


def test_store_filters_and_batches(store: Store, review_moderator, add_moderator) -> None:
    ids = seeded(store, review_moderator)
    assert [e.action for e in store.audit_page(AuditFilter(actor="mehmet")).items] == ["reject"]
    assert store.audit_page(AuditFilter(comment_id=ids[0])).total == 2
    people = store.audit_page(AuditFilter(subject="moderator:")).items
    assert [(e.subject, e.action, e.comment_id) for e in people] == [
        ("moderator:zeynep", "account_add", None)
    ]
    # Newest first on a page, with a cursor; the export is oldest first, in batches.
    first = store.audit_page(AuditFilter(), limit=2)
    assert first.total == 6 and first.next_cursor is not None
    assert first.items[0].id > first.items[1].id
    rest = store.audit_page(AuditFilter(), before=first.next_cursor, limit=10)
    streamed = [e.id for e in store.iter_audit(AuditFilter(), batch=2)]
    assert streamed == sorted(e.id for e in first.items + rest.items)


def test_page_and_exports(store: Store, make_client, review_moderator, add_moderator) -> None:
    client = make_client(store=store, moderator=review_moderator)
    add_moderator(store)
    ids = seeded(store, review_moderator)
    assert client.get("/moderator/denetim", headers=HTML, follow_redirects=False).status_code == 303
    page_login(client)
    page = client.get("/moderator/denetim", params={"actor": "ayse"}, headers=HTML).text
    assert "2 eşleşme" in page and "account_add" in page and "moderator:zeynep" in page
    assert "Hakaret" not in page
    bad = client.get("/moderator/denetim", params={"since": "dün", "comment_id": "x1"}).text
    assert "“dün” bir tarih değil" in bad and "Yorum numarası bir sayı olmalı" in bad

    r = client.get("/moderator/denetim.csv", params={"comment_id": str(ids[0])})
    assert r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert [row["action"] for row in rows] == ["review", "approve"]
    assert (
        rows[1]["note"] == 'Not: "tırnaklı", virgüllü\nçok satırlı' and rows[1]["actor"] == "ayse"
    )

    r = client.get("/moderator/denetim.jsonl", params={"subject": "moderator:"})
    lines = [json.loads(line) for line in r.text.splitlines()]
    assert [(x["subject"], x["actor"]) for x in lines] == [("moderator:zeynep", "ayse")]


def test_api_audit(store: Store, make_client, review_moderator, add_moderator) -> None:
    client = make_client(store=store, moderator=review_moderator)
    add_moderator(store)
    ids = seeded(store, review_moderator)
    auth = bearer(client)
    page = client.get("/api/moderation/audit", params={"action": "reject"}, headers=auth).json()
    assert page["total"] == 1 and page["entries"][0]["comment_id"] == ids[1]
    jsonl = client.get(
        "/api/moderation/audit", params={"format": "jsonl", "actor": "mehmet"}, headers=auth
    )
    assert [json.loads(x)["note"] for x in jsonl.text.splitlines()] == ["Hakaret"]
    exported = client.get("/api/moderation/audit", params={"format": "csv"}, headers=auth)
    assert len(list(csv.DictReader(io.StringIO(exported.text)))) == page["total"] + 5
    r = client.get("/api/moderation/audit", params={"until": "31.02.2025"}, headers=auth)
    assert r.status_code == 422 and "bir tarih değil" in r.json()["error"]["message"]
    assert client.get("/api/moderation/audit").status_code == 401
