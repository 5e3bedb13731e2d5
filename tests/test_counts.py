"""GET /api/counts (issue 11), on SQLite and PostgreSQL: published comments per slug,
0 for an unknown one, cacheable, callable from allowed sites (CORS)."""

import pytest

from suzgec.web import texts

SITE = "https://gazete.example"


@pytest.fixture
def client(make_client, store, review_moderator):
    c = make_client(
        store=store, moderator=review_moderator, demo_article=False, allowed_origins=SITE
    )
    for slug in ("bir", "iki"):
        store.create_article(slug, slug.title(), "Metin.", "AA")
    return c


def comment(client, slug: str, text: str) -> str:
    r = client.post(f"/api/articles/{slug}/comments", json={"text": text})
    assert r.status_code == 201, r.text
    return str(r.json()["comment"]["status"])


def test_counts_are_published_comments_only(client, store) -> None:
    assert comment(client, "bir", "Güzel bir haber olmuş, teşekkürler.") == "approved"
    assert comment(client, "bir", "Bunu da okudum, faydalı.") == "approved"
    assert comment(client, "bir", "Bu incelensin lütfen.") == "pending"
    assert comment(client, "bir", "BU HABER ÇOK KÖTÜ") == "rejected"
    assert comment(client, "iki", "Bu incelensin lütfen.") == "pending"
    r = client.get("/api/counts?slug=bir&slug=iki&slug=olmayan&slug=bir")
    assert r.status_code == 200
    assert r.json() == {"bir": 2, "iki": 0, "olmayan": 0}
    assert r.headers["cache-control"] == "public, max-age=60"


def test_counts_ask_for_one_to_fifty_slugs(client) -> None:
    r = client.get("/api/counts")
    assert r.status_code == 422 and r.json()["error"]["message"] == texts.COUNTS_NO_SLUG
    fifty = "&".join(f"slug=h{i}" for i in range(50))
    assert client.get(f"/api/counts?{fifty}").json() == {f"h{i}": 0 for i in range(50)}
    r = client.get(f"/api/counts?{fifty}&slug=fazla")
    assert r.status_code == 422
    assert r.json()["error"]["message"] == texts.COUNTS_TOO_MANY.format(limit=50)
    assert client.get("/api/counts?slug=" + "a" * 300).json() == {"a" * 300: 0}


def test_counts_answer_allowed_sites_only(client) -> None:
    allowed = client.get("/api/counts?slug=bir", headers={"Origin": SITE})
    assert allowed.headers["access-control-allow-origin"] == SITE
    other = client.get("/api/counts?slug=bir", headers={"Origin": "https://kotu.example"})
    assert "access-control-allow-origin" not in other.headers


def test_count_js_is_served(client) -> None:
    r = client.get("/static/count.js")
    assert r.status_code == 200 and "data-suzgec-count" in r.text and "/api/counts?" in r.text
