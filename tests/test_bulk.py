"""Bulk decisions: one note for many, a refusal per comment in Turkish, never a 500.
On SQLite and PostgreSQL, through the store, the API and the queue page."""

from urllib.parse import urlencode

from desk_helpers import HTML, bearer, page_login
from suzgec.model import Status
from suzgec.store import Store
from suzgec.store.search import CommentFilter
from suzgec.web.demo import DEMO_SLUG

FORM = {**HTML, "Content-Type": "application/x-www-form-urlencoded"}


def queue(store: Store, review_moderator, n: int = 4) -> list[int]:
    decision = review_moderator.moderate("Bu incelensin lütfen.")
    return [store.add_comment(DEMO_SLUG, "Ali", decision).id for _ in range(n)]


def test_api_bulk_reject_with_one_note_and_refusals(
    store: Store, make_client, review_moderator, add_moderator
) -> None:
    client = make_client(store=store, moderator=review_moderator)
    add_moderator(store)
    add_moderator(store, "mehmet")
    ids = queue(store, review_moderator)
    store.decide(ids[0], "mehmet", Status.APPROVED)  # decided already
    store.claim_matching("mehmet", CommentFilter(), limit=1)  # ids[1] is his now
    r = client.post(
        "/api/moderation/bulk",
        json={"ids": [*ids, 999999], "action": "reject", "note": "Hepsi reklam."},
        headers=bearer(client),
    )
    assert r.status_code == 200, r.text
    body = r.json()
    results = {x["id"]: x for x in body["results"]}
    assert results[ids[0]]["ok"] is False and "zaten" in results[ids[0]]["error"]
    assert results[ids[1]]["ok"] is False and "mehmet" in results[ids[1]]["error"]  # claimed
    assert results[999999]["ok"] is False and "bulunamadı" in results[999999]["error"]
    assert results[ids[2]] == {"id": ids[2], "ok": True, "status": "rejected", "error": None}
    assert body["done"] == 2 and body["refused"] == 3
    for cid in ids[2:]:
        assert store.get_comment(cid).status is Status.REJECTED
        last = store.audit(cid)[-1]
        assert (last.actor, last.action, last.note) == ("ayse", "reject", "Hepsi reklam.")
    assert store.get_comment(ids[1]).status is Status.PENDING


def test_api_bulk_validates(store: Store, make_client, add_moderator) -> None:
    client = make_client(store=store)
    add_moderator(store)
    auth = bearer(client)
    assert (
        client.post(
            "/api/moderation/bulk", json={"ids": [], "action": "reject"}, headers=auth
        ).status_code
        == 422
    )
    assert (
        client.post(
            "/api/moderation/bulk", json={"ids": [1], "action": "sil"}, headers=auth
        ).status_code
        == 422
    )
    assert (
        client.post("/api/moderation/bulk", json={"ids": [1], "action": "reject"}).status_code
        == 401
    )


def test_bulk_form_on_the_queue(store: Store, make_client, review_moderator, add_moderator) -> None:
    client = make_client(store=store, moderator=review_moderator)
    add_moderator(store)
    ids = queue(store, review_moderator, 3)
    csrf = page_login(client)
    page = client.get("/moderator", headers=HTML).text
    assert 'id="toplu"' in page and "Sayfadakilerin tümünü seç" in page
    assert page.count('form="toplu" class="select"') == 3
    store.decide(ids[2], "ayse", Status.APPROVED)
    data = [("csrf", csrf), ("next", "/moderator"), ("note", "Toplu ret"), ("action", "reject")]
    data += [("ids", str(i)) for i in ids]
    r = client.post("/moderator/toplu", content=urlencode(data), headers=FORM)
    assert r.status_code == 200
    assert "2 yorum için karar verildi: reddedildi." in r.text
    assert "1 yorum için karar verilemedi:" in r.text and f"{ids[2]}:" in r.text
    assert [store.get_comment(i).status for i in ids] == [Status.REJECTED] * 2 + [Status.APPROVED]
    assert store.audit(ids[0])[-1].note == "Toplu ret"
    # Nothing selected: a Turkish message, nothing decided, the page again.
    none = client.post("/moderator/toplu", data={"csrf": csrf, "action": "approve"}, headers=HTML)
    assert none.status_code == 422 and "Hiç yorum seçmediniz" in none.text
