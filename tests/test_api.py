"""The JSON API in-process: the submit flow, moderator endpoints, one error shape."""

import pytest
import sqlalchemy as sa

from suzgec.store import Store
from suzgec.store.tables import audit_log, comments
from suzgec.web.demo import DEMO_SLUG

CLEAN = "Haber için teşekkürler, çok faydalı oldu."
SHOUTED = "BU HABER ÇOK KÖTÜ"
COMMENTS = f"/api/articles/{DEMO_SLUG}/comments"


def rows(store: Store, table: sa.Table) -> int:
    with store.engine.connect() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()


def assert_error(response, status: int, code: str) -> None:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"}
    assert body["error"]["code"] == code
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]


def token(client, username: str = "ayse", password: str = "gizli-parola") -> dict[str, str]:
    r = client.post("/api/moderator/token", json={"username": username, "password": password})
    assert r.status_code == 200, r.text
    return {"Authorization": f"Bearer {r.json()['token']}"}


def test_submit_flow_and_moderation(store, make_client, review_moderator, add_moderator) -> None:
    """The whole loop, on SQLite and PostgreSQL."""
    client = make_client(store=store, moderator=review_moderator)
    ok = client.post(COMMENTS, json={"text": CLEAN, "author": "Ali"})
    assert ok.status_code == 201
    assert ok.json()["comment"]["status"] == "approved"
    bad = client.post(COMMENTS, json={"text": SHOUTED})
    body = bad.json()["comment"]
    assert body["status"] == "rejected" and body["author"] == "Okur"
    assert body["decision"]["suggestion"] == "Bu haber çok kötü"
    finding = body["decision"]["findings"][0]
    assert (finding["clause"], finding["start"], finding["end"]) == ("capitals", 0, len(SHOUTED))
    queued = client.post(COMMENTS, json={"text": "Bu incelensin lütfen."}).json()["comment"]
    assert queued["status"] == "pending"
    published = client.get(COMMENTS).json()["comments"]
    assert [c["text"] for c in published] == [CLEAN]
    assert "decision" not in published[0]

    add_moderator(store)
    auth = token(client)
    queue = client.get("/api/moderator/queue", headers=auth).json()["comments"]
    assert [c["id"] for c in queue] == [queued["id"]]
    assert queue[0]["decision"]["findings"][0]["start"] == 3
    r = client.post(
        f"/api/moderator/comments/{queued['id']}/decision",
        json={"status": "approved", "note": "Sorun yok."},
        headers=auth,
    )
    assert r.json()["comment"]["status"] == "approved"
    rejected = client.get("/api/moderator/rejected", headers=auth).json()["comments"]
    assert [c["id"] for c in rejected] == [body["id"]]
    client.post(
        f"/api/moderator/comments/{body['id']}/decision",
        json={"status": "approved", "overturn": True},
        headers=auth,
    )
    texts = [c["text"] for c in client.get(COMMENTS).json()["comments"]]
    assert texts == [CLEAN, SHOUTED, "Bu incelensin lütfen."]
    trail = client.get(f"/api/moderator/comments/{queued['id']}/audit", headers=auth).json()
    assert [(e["actor"], e["action"]) for e in trail["entries"]] == [
        ("system", "review"),
        ("ayse", "approve"),
    ]
    stats = client.get("/api/moderator/stats?days=3", headers=auth).json()
    assert sum(stats["per_decision"][stats["days"][-1]].values()) == 3


def test_moderate_does_not_store(make_client) -> None:
    client = make_client()
    r = client.post("/api/moderate", json={"text": SHOUTED})
    assert r.status_code == 200
    assert r.json()["decision"] == "reject"
    assert r.json()["suggestion"] == "Bu haber çok kötü"
    assert rows(client.app.state.suzgec.store, comments) == 0


def test_replies(make_client) -> None:
    client = make_client()
    parent = client.post(COMMENTS, json={"text": CLEAN}).json()["comment"]
    reply = client.post(COMMENTS, json={"text": CLEAN, "parent_id": parent["id"]})
    assert reply.json()["comment"]["parent_id"] == parent["id"]
    assert_error(client.post(COMMENTS, json={"text": CLEAN, "parent_id": 999}), 409, "conflict")


@pytest.mark.parametrize(
    ("method", "path", "kwargs", "status", "code"),
    [
        ("post", COMMENTS, {"json": {"text": ""}}, 422, "invalid_comment"),
        ("post", COMMENTS, {"json": {"text": "   \n "}}, 422, "invalid_comment"),
        ("post", COMMENTS, {"json": {"text": "ç" * 5001}}, 422, "invalid_comment"),
        ("post", COMMENTS, {"json": {"text": "a" * 100_000}}, 413, "request_too_large"),
        ("post", COMMENTS, {"json": {"text": 42}}, 422, "invalid_request"),
        ("post", COMMENTS, {"json": {"author": "x"}}, 422, "invalid_request"),
        ("post", COMMENTS, {"json": {"text": "ok", "author": "x" * 81}}, 422, "invalid_comment"),
        (
            "post",
            COMMENTS,
            {"content": b'{"text": "yar', "headers": {"content-type": "application/json"}},
            400,
            "invalid_json",
        ),
        (
            "post",
            COMMENTS,
            {"content": b'{"text": "\xff\xfe"}', "headers": {"content-type": "application/json"}},
            400,
            "bad_request",
        ),
        ("post", "/api/articles/yok/comments", {"json": {"text": CLEAN}}, 404, "not_found"),
        ("get", "/api/articles/yok", {}, 404, "not_found"),
        ("get", "/api/articles/yok/comments", {}, 404, "not_found"),
        ("get", "/api/yok", {}, 404, "not_found"),
        ("put", COMMENTS, {"json": {"text": CLEAN}}, 405, "method_not_allowed"),
        ("delete", "/api/moderate", {}, 405, "method_not_allowed"),
        ("get", "/api/moderator/queue", {}, 401, "unauthorized"),
        (
            "get",
            "/api/moderator/queue",
            {"headers": {"Authorization": "Bearer sahte"}},
            401,
            "unauthorized",
        ),
        ("post", "/api/articles", {"json": {"slug": "x"}}, 401, "unauthorized"),
    ],
)
def test_errors_have_one_shape_and_write_nothing(make_client, method, path, kwargs, status, code):
    client = make_client()
    store = client.app.state.suzgec.store
    assert_error(getattr(client, method)(path, **kwargs), status, code)
    assert rows(store, comments) == 0
    assert rows(store, audit_log) == 0


def test_body_limit_by_streaming_too(make_client) -> None:
    client = make_client(max_request_bytes=1000)

    def chunks():
        yield b'{"text": "'
        for _ in range(10):
            yield b"a" * 500
        yield b'"}'

    r = client.post(COMMENTS, content=chunks(), headers={"content-type": "application/json"})
    assert_error(r, 413, "request_too_large")


def test_rate_limit_per_client(make_client) -> None:
    client = make_client(rate_limit_per_minute=60, rate_limit_burst=2)
    for _ in range(2):
        assert client.post(COMMENTS, json={"text": CLEAN}).status_code == 201
    r = client.post(COMMENTS, json={"text": CLEAN})
    assert_error(r, 429, "rate_limited")
    assert int(r.headers["retry-after"]) >= 1
    assert_error(client.post("/api/moderate", json={"text": CLEAN}), 429, "rate_limited")
    assert rows(client.app.state.suzgec.store, comments) == 2


def test_login_and_articles(make_client, add_moderator) -> None:
    client = make_client()
    store = client.app.state.suzgec.store
    add_moderator(store)
    r = client.post("/api/moderator/token", json={"username": "ayse", "password": "yanlis"})
    assert_error(r, 401, "unauthorized")
    r = client.post("/api/moderator/token", json={"username": "kimse", "password": "x"})
    assert_error(r, 401, "unauthorized")
    auth = token(client)
    article = {"slug": "yeni-haber", "title": "Yeni", "body": "Metin.", "source": "Ajans"}
    assert client.post("/api/articles", json=article, headers=auth).status_code == 201
    assert_error(client.post("/api/articles", json=article, headers=auth), 409, "conflict")
    bad = {**article, "slug": "Büyük Harf"}
    assert_error(client.post("/api/articles", json=bad, headers=auth), 422, "invalid_request")
    slugs = {a["slug"] for a in client.get("/api/articles").json()["articles"]}
    assert slugs == {"yeni-haber", DEMO_SLUG}
    assert client.get("/api/articles/yeni-haber").json()["article"]["title"] == "Yeni"


def test_cors_only_for_allowed_origins(make_client) -> None:
    client = make_client(allowed_origins="https://gazete.example, https://haber.example/")
    ok = client.get("/api/articles", headers={"Origin": "https://haber.example"})
    assert ok.headers["access-control-allow-origin"] == "https://haber.example"
    other = client.get("/api/articles", headers={"Origin": "https://kotu.example"})
    assert "access-control-allow-origin" not in other.headers


def test_openapi_lists_the_endpoints(make_client) -> None:
    schema = make_client().get("/api/openapi.json").json()
    assert {"/api/moderate", "/api/articles/{slug}/comments", "/api/moderator/queue"} <= set(
        schema["paths"]
    )
    assert not any(p.startswith("/embed") for p in schema["paths"])


def test_unexpected_errors_keep_the_shape_and_the_text_out_of_logs(
    make_client, monkeypatch, caplog
) -> None:
    from fastapi.testclient import TestClient

    client = make_client()
    store = client.app.state.suzgec.store

    def broken(*args, **kwargs):
        raise RuntimeError(" ".join(["gizli", "yorum", "metni"]))

    monkeypatch.setattr(store, "list_articles", broken)
    quiet = TestClient(client.app, raise_server_exceptions=False)
    assert_error(quiet.get("/api/articles"), 500, "internal")
    assert "gizli yorum metni" not in caplog.text
    assert "RuntimeError" in caplog.text


def test_head_on_pages(make_client) -> None:
    client = make_client()
    assert client.head(f"/haber/{DEMO_SLUG}").status_code == 200
    assert client.head(f"/embed/{DEMO_SLUG}").status_code == 200


def test_moderator_undoes_their_latest_decision(make_client, review_moderator, add_moderator):
    client = make_client(moderator=review_moderator)
    store = client.app.state.suzgec.store
    add_moderator(store)
    add_moderator(store, "mehmet")
    queued = client.post(COMMENTS, json={"text": "Bu incelensin lütfen."}).json()["comment"]
    decision = f"/api/moderator/comments/{queued['id']}/decision"
    undo = f"/api/moderator/comments/{queued['id']}/undo"
    auth = token(client)
    client.post(decision, json={"status": "rejected"}, headers=auth)
    other = client.post(undo, headers=token(client, "mehmet"))
    assert_error(other, 409, "conflict")
    assert "“ayse” verdi" in other.json()["error"]["message"]
    r = client.post(undo, headers=auth)
    assert r.status_code == 200 and r.json()["comment"]["status"] == "pending"
    assert_error(client.post(undo, headers=auth), 409, "conflict")  # only once
    trail = client.get(f"/api/moderator/comments/{queued['id']}/audit", headers=auth).json()
    assert [(e["actor"], e["action"]) for e in trail["entries"]][-1] == ("ayse", "undo")
    assert_error(client.post(undo), 401, "unauthorized")


def test_image_hosts_go_into_the_csp(make_client) -> None:
    page, embed = f"/haber/{DEMO_SLUG}", f"/embed/{DEMO_SLUG}"
    for path in (page, embed):
        csp = make_client().get(path).headers["content-security-policy"]
        assert "img-src 'self' data:;" in csp
    client = make_client(image_hosts="https://cdn.gazete.example, http://Foto.example:8080/")
    for path in (page, embed):
        csp = client.get(path).headers["content-security-policy"]
        assert "img-src 'self' data: https://cdn.gazete.example http://foto.example:8080;" in csp


@pytest.mark.parametrize(
    "value", ["cdn.gazete.example", "https://cdn.gazete.example/foto", "https://*.example", "a;b"]
)
def test_image_hosts_must_be_origins(make_client, value: str) -> None:
    from suzgec.errors import ConfigError

    with pytest.raises(ConfigError, match="image_hosts"):
        make_client(image_hosts=value)


NOT_HTTP = "http:// ya da https://"


def not_listed(origin: str) -> str:
    """The refusal names the photo's site and the setting that would allow it."""
    return f"{origin} adresinden geliyor ama bu site image_hosts ayarında yok"


@pytest.mark.parametrize(
    ("image", "problem"),
    [
        ("https://cdn.gazete.example/foto/1.jpg", None),
        ("HTTPS://CDN.gazete.example:443/a.jpg", None),
        ("http://foto.example:8080/b.png", None),
        ("/static/demo-cay.svg", None),
        ("javascript:alert(1)", NOT_HTTP),
        ("data:image/png;base64,iVBORw0KGgo=", NOT_HTTP),
        ("foto.jpg", NOT_HTTP),
        ("//kotu.example/x.jpg", NOT_HTTP),
        ("/\\kotu.example/x.jpg", NOT_HTTP),
        ("https://cdn.gazete.example@kotu.example/x.jpg", NOT_HTTP),
        ("https://cdn.gazete.example:99999/x.jpg", NOT_HTTP),
        ("https://cdn.gazete.example/a b.jpg", NOT_HTTP),
        ("https://kotu.example/x.jpg", not_listed("https://kotu.example")),
        # the CSP source https://cdn.gazete.example does not allow plain http
        ("http://cdn.gazete.example/x.jpg", not_listed("http://cdn.gazete.example")),
        ("http://foto.example/b.png", not_listed("http://foto.example")),  # another port
    ],
)
def test_article_photos_must_be_shown_by_the_csp(
    make_client, add_moderator, image: str, problem: str | None
) -> None:
    client = make_client(image_hosts="https://cdn.gazete.example, http://foto.example:8080")
    add_moderator(client.app.state.suzgec.store)
    article = {"slug": "fotolu", "title": "Fotolu", "body": "Metin.", "source": "Ajans"}
    r = client.post("/api/articles", json={**article, "image": image}, headers=token(client))
    if problem is None:
        assert r.status_code == 201, r.text
        assert client.get("/api/articles/fotolu").json()["article"]["image"] == image
        return
    assert_error(r, 422, "invalid_image")
    assert problem in r.json()["error"]["message"]
    assert_error(client.get("/api/articles/fotolu"), 404, "not_found")


# Control and bidi characters: a NUL, BEL or ESC is noise; a bidi override (U+202E) reverses
# what follows it on the page, the timestamp beside an author's name included.
def test_control_and_bidi_characters_are_removed_before_moderation(make_client) -> None:
    """Stored text, decision text and every span agree once the characters are gone; newlines,
    tabs and the zero-width character the lexicon sees through stay."""
    client = make_client()
    sent = "Haber\x00 \u202ecok\x07 güzel\x1b.\n\tSen ap\u200btal\u2066sın\u2069!"
    kept = "Haber cok güzel.\n\tSen ap\u200btalsın!"
    body = client.post(COMMENTS, json={"text": sent, "author": "Ali"}).json()["comment"]
    assert body["text"] == kept
    findings = body["decision"]["findings"]
    quoted = {f["clause"]: kept[f["start"] : f["end"]] for f in findings}
    assert quoted["turkish_chars"] == "cok"
    assert quoted["insult"] == "ap\u200btalsın"
    assert all(0 <= f["start"] < f["end"] <= len(kept) for f in findings)
    checked = client.post("/api/moderate", json={"text": sent}).json()
    assert [(f["start"], f["end"]) for f in checked["findings"]] == [
        (f["start"], f["end"]) for f in findings
    ]


def test_comment_of_only_control_characters_is_empty(make_client) -> None:
    r = make_client().post(COMMENTS, json={"text": "\x00\u202e\x07 "})
    assert_error(r, 422, "invalid_comment")
    assert r.json()["error"]["message"] == "Yorum boş olamaz."


@pytest.mark.parametrize(
    ("author", "code"),
    [
        ("\u202eredoM", "U+202E"),
        ("Ali\x00", "U+0000"),
        ("Ay\x1bşe", "U+001B"),
        ("Ali\u2067Veli", "U+2067"),
        ("Ali\nVeli", "U+000A"),
    ],
)
def test_author_with_control_or_bidi_characters_is_refused(
    make_client, review_moderator, author: str, code: str
) -> None:
    client = make_client(moderator=review_moderator)
    r = client.post(COMMENTS, json={"text": CLEAN, "author": author})
    assert_error(r, 422, "invalid_comment")
    message = r.json()["error"]["message"]
    assert code in message and message.startswith("Ad ")
    assert client.get(COMMENTS).json()["comments"] == []
    ok = client.post(COMMENTS, json={"text": CLEAN, "author": "Ayşe Yılmaz"})
    assert ok.status_code == 201 and ok.json()["comment"]["author"] == "Ayşe Yılmaz"
