"""Per-article comment modes, article edit and archive (issue 11), on SQLite and PostgreSQL:
closed and archived threads take no comments (widget and API), pre-moderated ones send
every comment to the queue, PATCH /api/articles/{slug} validates in Turkish and audits."""

import re

import pytest

from suzgec.model import Status
from suzgec.store.articles import ARTICLE_ARCHIVE, ARTICLE_EDIT, ARTICLE_MODE, ARTICLE_UNARCHIVE
from suzgec.web import texts

SLUG = "ekonomi-haberi"
EMBED = f"/embed/{SLUG}"
HTML = {"Accept": "text/html"}
CLEAN = "Haber için teşekkürler, çok faydalı oldu."


@pytest.fixture
def client(make_client, store, add_moderator):
    c = make_client(store=store, demo_article=False)
    store.create_article(SLUG, "Faiz kararı açıklandı", "Metin.\n\nİkinci paragraf.", "AA")
    add_moderator(store)
    return c


def auth(client) -> dict[str, str]:
    r = client.post("/api/moderator/token", json={"username": "ayse", "password": "gizli-parola"})
    assert r.status_code == 200, r.text
    return {"Authorization": f"Bearer {r.json()['token']}"}


def field(html: str, name: str) -> str:
    match = re.search(rf'name="{name}" value="([^"]*)"', html)
    assert match, f"no {name} field"
    return match.group(1)


def widget_post(client, html: str, text: str = CLEAN):
    data = {"csrf": field(html, "csrf"), "author": "Zeynep", "text": text, "parent_id": ""}
    return client.post(EMBED, data=data, headers=HTML, follow_redirects=False)


def patch(client, body: dict, slug: str = SLUG, headers=None):
    return client.patch(f"/api/articles/{slug}", json=body, headers=headers or auth(client))


def article_audit(store) -> list:
    return [e for e in store.audit() if e.subject == f"article:{SLUG}"]


def test_a_closed_article_shows_its_thread_without_a_form(client, store) -> None:
    client.post(f"/api/articles/{SLUG}/comments", json={"text": CLEAN, "author": "Ali"})
    open_page = client.get(EMBED).text  # a reader opened the form before it closed
    assert 'id="yorum-formu" class="comment-form"' in open_page
    assert patch(client, {"mode": "closed"}).json()["article"]["mode"] == "closed"

    page = client.get(EMBED).text
    assert CLEAN in page  # the thread stays readable
    assert texts.COMMENTS_CLOSED in page
    assert "comment-form" not in page and 'name="text"' not in page and "Yanıtla" not in page

    written = "Kapanmadan hemen önce yazdığım uzun yorum."
    refused = widget_post(client, open_page, written)
    assert refused.status_code == 409
    assert texts.COMMENTS_CLOSED in refused.text
    assert written in refused.text  # shown back to the reader, not lost
    r = client.post(f"/api/articles/{SLUG}/comments", json={"text": "API'den de denedim."})
    assert r.status_code == 409
    assert r.json()["error"] == {"code": "comments_closed", "message": texts.COMMENTS_CLOSED}
    assert store.thread_page(SLUG).total == 1 and store.pending() == []


def test_a_premoderated_article_sends_every_comment_to_the_queue(client, store) -> None:
    patch(client, {"mode": "premoderated"})
    r = client.post(f"/api/articles/{SLUG}/comments", json={"text": CLEAN})
    assert r.status_code == 201
    assert r.json()["comment"]["status"] == "pending"
    assert r.json()["message"] == texts.PUBLISHED[Status.PENDING]
    held = store.get_comment(r.json()["comment"]["id"])
    assert held.decision.action == "approve"  # the automatic decision would publish it
    assert [(e.action, e.note) for e in store.audit(held.id)][-1] == (
        "hold",
        texts.PREMODERATED_HOLD,
    )

    page = client.get(EMBED).text
    assert texts.PREMODERATED_NOTE in page and "comment-form" in page
    done = widget_post(client, page)
    assert done.status_code == 303 and "sonuc=pending" in done.headers["location"]
    notice = client.get(done.headers["location"]).text
    assert texts.PUBLISHED[Status.PENDING] in notice
    assert store.thread_page(SLUG).total == 0 and len(store.pending()) == 2

    patch(client, {"mode": "open"})
    r = client.post(f"/api/articles/{SLUG}/comments", json={"text": "Şimdi açık, yayımlanır."})
    assert r.json()["comment"]["status"] == "approved"


def test_patch_is_for_moderators_and_refuses_bad_input_in_turkish(client, store) -> None:
    assert client.patch(f"/api/articles/{SLUG}", json={"mode": "closed"}).status_code == 401
    headers = auth(client)
    cases = [
        ({}, texts.ARTICLE_NOTHING_TO_CHANGE),
        ({"mode": "kapali"}, "şunlardan biri olmalı"),
        ({"title": "   "}, texts.ARTICLE_TITLE_EMPTY),
        ({"title": None}, "“title” alanı zorunlu"),
        ({"title": "x" * 301}, "title"),
        ({"body": ""}, texts.ARTICLE_BODY_EMPTY),
        ({"url": "ftp://gazete.example/1"}, "http:// ya da https://"),
        ({"image": "https://baska.example/a.jpg"}, "baska.example"),
        ({"archived": "belki"}, "true ya da false"),
        ({"arsivle": True}, "tanınmıyor"),
    ]
    for body, expected in cases:
        r = patch(client, body, headers=headers)
        assert r.status_code == 422, (body, r.text)
        assert expected in r.json()["error"]["message"], (body, r.json())
    assert patch(client, {"mode": "closed"}, slug="yok-boyle", headers=headers).status_code == 404
    assert store.get_article(SLUG).mode == "open"
    assert article_audit(store) == []


def test_patch_edits_and_every_change_is_audited(client, store) -> None:
    before = store.get_article(SLUG)
    headers = auth(client)
    r = patch(
        client,
        {"title": " Faiz   kararı: yeni ", "url": "https://gazete.example/faiz", "mode": "closed"},
        headers=headers,
    )
    assert r.status_code == 200, r.text
    got = r.json()["article"]
    assert (got["title"], got["url"], got["mode"]) == (
        "Faiz kararı: yeni",
        "https://gazete.example/faiz",
        "closed",
    )
    after = store.get_article(SLUG)
    assert after.updated_at > before.updated_at and after.body == before.body
    entries = article_audit(store)
    assert [(e.action, e.actor, e.comment_id) for e in entries] == [
        (ARTICLE_EDIT, "ayse", None),
        (ARTICLE_MODE, "ayse", None),
    ]
    assert "başlık" in (entries[0].note or "") and "adres" in (entries[0].note or "")
    assert entries[1].note == "Yorum düzeni: Yoruma açık → Yoruma kapalı."

    # The same values again change nothing, and nothing is audited; null clears the URL.
    patch(client, {"title": "Faiz kararı: yeni", "mode": "closed"}, headers=headers)
    assert len(article_audit(store)) == 2
    assert patch(client, {"url": None}, headers=headers).json()["article"]["url"] is None
    assert len(article_audit(store)) == 3


def test_an_archived_article_leaves_the_lists_and_takes_no_comments(client, store) -> None:
    store.create_article("diger-haber", "Başka haber", "Metin.", "AA")
    r = patch(client, {"archived": True})
    assert r.json()["article"]["archived"] is True
    assert r.json()["article"]["archived_at"] is not None

    listed = client.get("/api/articles").json()
    assert [a["slug"] for a in listed["articles"]] == ["diger-haber"] and listed["total"] == 1
    only = client.get("/api/articles?archived=true").json()
    assert [a["slug"] for a in only["articles"]] == [SLUG]
    index = client.get("/").text
    assert "Başka haber" in index and "Faiz kararı" not in index

    page = client.get(EMBED).text
    assert texts.COMMENTS_ARCHIVED in page and "comment-form" not in page
    r = client.post(f"/api/articles/{SLUG}/comments", json={"text": CLEAN})
    assert r.status_code == 409 and r.json()["error"]["message"] == texts.COMMENTS_ARCHIVED
    assert client.get(f"/api/articles/{SLUG}").status_code == 200  # still readable

    patch(client, {"archived": False})
    assert client.post(f"/api/articles/{SLUG}/comments", json={"text": CLEAN}).status_code == 201
    assert [e.action for e in article_audit(store)] == [ARTICLE_ARCHIVE, ARTICLE_UNARCHIVE]


def login(client) -> str:
    token = field(client.get("/moderator/giris").text, "csrf")
    r = client.post(
        "/moderator/giris",
        data={"csrf": token, "username": "ayse", "password": "gizli-parola"},
        follow_redirects=False,
    )
    assert r.status_code == 303
    return field(client.get("/moderator/haberler").text, "csrf")


def test_the_moderator_articles_pages(client, store) -> None:
    assert client.get("/moderator/haberler", follow_redirects=False).status_code == 303
    csrf = login(client)
    client.post(f"/api/articles/{SLUG}/comments", json={"text": CLEAN})
    client.post(f"/api/articles/{SLUG}/comments", json={"text": "İkinci güzel yorum, teşekkürler."})
    listed = client.get("/moderator/haberler").text
    row = re.search(rf'<tr class="article-row" data-slug="{SLUG}">(.*?)</tr>', listed, re.S)
    assert row, listed
    assert "Yoruma açık" in row.group(1)
    assert '<td class="published-count">2</td>' in row.group(1)

    edit = f"/moderator/haberler/{SLUG}"
    form = {
        "csrf": csrf,
        "title": "Faiz kararı",
        "source": "AA",
        "url": "",
        "image": "",
        "body": "Metin.",
        "mode": "premoderated",
    }
    assert client.post(edit, data={**form, "csrf": "sahte"}, headers=HTML).status_code == 403
    bad = client.post(edit, data={**form, "title": " ", "body": "Yeni uzun metnim"}, headers=HTML)
    assert bad.status_code == 422
    assert texts.ARTICLE_TITLE_EMPTY in bad.text and "Yeni uzun metnim" in bad.text
    assert store.get_article(SLUG).mode == "open"
    done = client.post(edit, data=form, follow_redirects=False)
    assert done.headers["location"] == f"{edit}?tamam=kaydedildi"
    assert store.get_article(SLUG).mode == "premoderated"
    assert texts.ARTICLE_SAVED in client.get(done.headers["location"]).text

    archived = client.post(edit, data={"csrf": csrf, "archived": "1"}, follow_redirects=False)
    assert archived.headers["location"] == f"{edit}?tamam=arsivlendi"
    assert store.get_article(SLUG).archived_at is not None
    assert f'data-slug="{SLUG}"' not in client.get("/moderator/haberler").text
    assert f'data-slug="{SLUG}"' in client.get("/moderator/haberler?arsiv=evet").text
    assert f'data-slug="{SLUG}"' in client.get("/moderator/haberler?arsiv=tumu").text
    only_pre = client.get("/moderator/haberler?arsiv=tumu&duzen=premoderated").text
    assert f'data-slug="{SLUG}"' in only_pre
    assert f'data-slug="{SLUG}"' not in client.get("/moderator/haberler?arsiv=tumu&duzen=open").text
    client.post(edit, data={"csrf": csrf, "archived": "0"})
    assert store.get_article(SLUG).archived_at is None
    actions = [e.action for e in article_audit(store)]
    assert actions == [ARTICLE_EDIT, ARTICLE_MODE, ARTICLE_ARCHIVE, ARTICLE_UNARCHIVE]
    assert all(e.actor == "ayse" for e in article_audit(store))
