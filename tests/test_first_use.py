"""Threads created on first use of the widget (issue 11), on SQLite and PostgreSQL: only
for a URL on an allowed site, asked from that site; another site cannot create threads;
two first loads at once create one article."""

import html
import threading
from urllib.parse import urlencode

import pytest

from suzgec.store.articles import ARTICLE_CREATE
from suzgec.web import texts

SITE = "https://gazete.example"
STORY = f"{SITE}/ekonomi/faiz-karari"
TITLE = "Merkez Bankası faiz kararını açıkladı"


def embed(client, slug: str = "faiz-karari", title=TITLE, url=STORY, **headers: str):
    params = {k: v for k, v in (("baslik", title), ("adres", url)) if v is not None}
    return client.get(
        f"/embed/{slug}?{urlencode(params)}", headers={"Accept": "text/html", **headers}
    )


@pytest.fixture
def client(make_client, store):
    return make_client(
        store=store, demo_article=False, allowed_origins=f"{SITE},http://yerel.example:8080"
    )


def test_the_first_load_from_an_allowed_site_creates_the_article(client, store) -> None:
    r = embed(client, referer=f"{SITE}/")
    assert r.status_code == 200, r.text
    assert "comment-form" in r.text and TITLE in r.text
    article = store.get_article("faiz-karari")
    assert (article.title, article.url, article.source, article.mode, article.body) == (
        TITLE,
        STORY,
        "gazete.example",
        "open",
        "",
    )
    created = [e for e in store.audit() if e.action == ARTICLE_CREATE]
    assert [(e.subject, e.actor, e.note) for e in created] == [
        ("article:faiz-karari", "system", STORY)
    ]
    # Later loads find it; a changed title on the page does not rename it.
    assert embed(client, title="Başka başlık", referer=f"{SITE}/").status_code == 200
    assert store.get_article("faiz-karari").title == TITLE
    assert len([e for e in store.audit() if e.action == ARTICLE_CREATE]) == 1
    # Without Origin or Referer (a privacy setting strips it) the URL check still holds.
    assert embed(client, slug="ikinci-haber").status_code == 200
    # Another port is another site, unless allowed; the allowed one works.
    ok = embed(
        client,
        slug="yerel",
        url="http://yerel.example:8080/h/1",
        origin="http://yerel.example:8080",
    )
    assert ok.status_code == 200


@pytest.mark.parametrize(
    ("params", "headers", "reason"),
    [
        # Another site names its own URL.
        ({"url": "https://kotu.example/haber"}, {}, texts.FIRST_USE_BAD_URL),
        # Another site names an allowed site's URL: its Referer or Origin gives it away.
        ({}, {"referer": "https://kotu.example/sayfa"}, texts.FIRST_USE_OTHER_SITE),
        ({}, {"origin": "https://kotu.example"}, texts.FIRST_USE_OTHER_SITE),
        ({}, {"origin": "null"}, texts.FIRST_USE_OTHER_SITE),
        ({"url": "https://gazete.example.kotu.example/x"}, {}, texts.FIRST_USE_BAD_URL),
        ({"url": "http://gazete.example/x"}, {}, texts.FIRST_USE_BAD_URL),  # not https
        ({"url": "https://gazete.example:8443/x"}, {}, texts.FIRST_USE_BAD_URL),
        ({"url": "/ekonomi/faiz"}, {}, texts.FIRST_USE_BAD_URL),
        ({"url": None}, {}, texts.FIRST_USE_BAD_URL),
        ({"title": None}, {}, "data-title zorunlu"),
        ({"title": "   "}, {}, "data-title zorunlu"),
        ({"title": "x" * 301}, {}, "data-title zorunlu"),
        ({"title": "Başlık\u202e ters"}, {}, "data-title zorunlu"),
        ({"slug": "Buyuk_Harf"}, {}, texts.FIRST_USE_BAD_SLUG),
    ],
)
def test_nobody_else_creates_threads(client, store, params, headers, reason) -> None:
    args = {"slug": "faiz-karari", "title": TITLE, "url": STORY, **params}
    r = embed(client, args.pop("slug"), **args, **headers)
    assert r.status_code == 404
    assert reason in html.unescape(r.text)
    assert store.count_articles() == 0
    assert [e for e in store.audit() if e.action == ARTICLE_CREATE] == []


def test_it_can_be_turned_off_and_does_nothing_without_allowed_origins(make_client, store) -> None:
    off = make_client(
        store=store, demo_article=False, allowed_origins=SITE, create_articles_on_first_use=False
    )
    r = embed(off, referer=f"{SITE}/")
    assert r.status_code == 404 and texts.FIRST_USE_REFUSED.split(":")[0] not in r.text
    none = make_client(store=store, demo_article=False, allowed_origins="")
    assert embed(none, url="http://testserver/haber").status_code == 404
    assert store.count_articles() == 0


def test_two_first_loads_at_once_create_one_article(store) -> None:
    barrier = threading.Barrier(8)
    results: list = []
    errors: list = []

    def load() -> None:
        try:
            barrier.wait()
            results.append(
                store.create_article_on_first_use("yarisan", TITLE, STORY, "gazete.example")
            )
        except Exception as exc:  # pragma: no cover - the assertion below shows it
            errors.append(exc)

    threads = [threading.Thread(target=load) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(created for _, created in results) == [False] * 7 + [True]
    assert len({article.id for article, _ in results}) == 1
    assert store.count_articles() == 1
    assert len([e for e in store.audit() if e.action == ARTICLE_CREATE]) == 1


def test_two_first_loads_through_the_widget_create_one_article(client, store) -> None:
    barrier = threading.Barrier(4)
    codes: list[int] = []

    def load() -> None:
        barrier.wait()
        codes.append(embed(client, slug="ayni-anda", referer=f"{SITE}/").status_code)

    threads = [threading.Thread(target=load) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert codes == [200] * 4
    assert store.count_articles() == 1
