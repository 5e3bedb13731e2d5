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

    monkeypatch.setattr(store, "articles_page", broken)
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


# -- web hardening 15, 17: bounds, storable strings, Turkish validation errors -----

MAX_ID = 2**31 - 1  # PostgreSQL INTEGER


def post_raw(client, path: str, body: str, headers: dict[str, str] | None = None):
    """POST a JSON text as given: lone surrogates ("\\ud800") travel as JSON escapes."""
    return client.post(
        path,
        content=body.encode("utf-8"),
        headers={"content-type": "application/json"} | (headers or {}),
    )


def assert_invalid(response, loc: list, kind: str) -> str:
    """A 422 naming the field and the error type; returns the Turkish message."""
    assert_error(response, 422, "invalid_request")
    error = response.json()["error"]
    assert [(d["loc"], d["type"]) for d in error["details"]] == [(loc, kind)], error
    assert (f"“{loc[-1]}”" if len(loc) > 1 else "İstek gövdesi") in error["message"]
    return error["message"]


@pytest.mark.parametrize("bad", [2**70, MAX_ID + 1, 0, -1])
def test_ids_outside_what_the_database_holds_are_refused_alike(
    store, make_client, add_moderator, bad
) -> None:
    """2**70 overflowed SQLite (500), 2**31 overflowed PostgreSQL INTEGER (500)."""
    client = make_client(store=store)
    add_moderator(store)
    auth = token(client)
    r = client.post(COMMENTS, json={"text": CLEAN, "parent_id": bad})
    assert_invalid(r, ["body", "parent_id"], "less_than_equal" if bad > 0 else "greater_than_equal")
    for r in (
        client.post(
            f"/api/moderator/comments/{bad}/decision", json={"status": "approved"}, headers=auth
        ),
        client.get(f"/api/moderator/comments/{bad}/audit", headers=auth),
    ):
        assert_invalid(
            r, ["path", "comment_id"], "less_than_equal" if bad > 0 else "greater_than_equal"
        )
    assert rows(store, comments) == 0


def test_the_largest_id_is_simply_not_found(store, make_client, add_moderator) -> None:
    client = make_client(store=store)
    add_moderator(store)
    auth = token(client)
    assert_error(client.post(COMMENTS, json={"text": CLEAN, "parent_id": MAX_ID}), 409, "conflict")
    r = client.get(f"/api/moderator/comments/{MAX_ID}/audit", headers=auth)
    assert_error(r, 404, "not_found")


def test_moderator_page_bounds_the_comment_id(make_client, add_moderator) -> None:
    client = make_client()
    r = client.post(
        f"/moderator/yorum/{2**70}",
        data={"status": "approved", "csrf": "x"},
        headers={"accept": "text/html"},
    )
    assert r.status_code == 422
    assert "comment_id" in r.text and "2147483647" in r.text


@pytest.mark.parametrize(
    ("path", "body", "loc"),
    [
        (COMMENTS, '{"text": "Merhaba \\ud800 dünya"}', ["body", "text"]),
        (COMMENTS, '{"text": "Merhaba", "author": "\\udfff"}', ["body", "author"]),
        ("/api/moderate", '{"text": "Merhaba \\ud800"}', ["body", "text"]),
        (
            "/api/moderator/token",
            '{"username": "ayse", "password": "\\ud800"}',
            ["body", "password"],
        ),
        ("/api/moderator/token", '{"username": "\\ud800", "password": "x"}', ["body", "username"]),
    ],
)
def test_lone_surrogates_are_a_clear_422(
    store, make_client, add_moderator, path, body, loc
) -> None:
    """ "\\ud800" cannot be encoded as UTF-8: it was a UnicodeEncodeError, a 500."""
    client = make_client(store=store)
    add_moderator(store)
    message = assert_invalid(post_raw(client, path, body), loc, "string_unicode")
    assert "\\ud800" in message and "Unicode" in message
    assert rows(store, comments) == 0


@pytest.mark.parametrize(
    ("method", "path", "body", "loc"),
    [
        ("get", "/api/articles/a%00b", None, ["path", "slug"]),
        ("post", "/api/articles/a%00b/comments", '{"text": "Merhaba"}', ["path", "slug"]),
        (
            "post",
            "/api/moderator/token",
            '{"username": "a\\u0000", "password": "x"}',
            ["body", "username"],
        ),
        (
            "post",
            "/api/articles",
            '{"slug": "yeni", "title": "a\\u0000", "body": "b", "source": "s"}',
            ["body", "title"],
        ),
        (
            "post",
            "/api/moderator/comments/1/decision",
            '{"status": "approved", "note": "\\u0000"}',
            ["body", "note"],
        ),
    ],
)
def test_nul_outside_comments_is_a_clear_422(
    store, make_client, add_moderator, method, path, body, loc
) -> None:
    """PostgreSQL refuses NUL in text (a DataError, 500) where SQLite stores it."""
    client = make_client(store=store)
    add_moderator(store)
    auth = token(client)
    if body is None:
        r = client.get(path, headers=auth)
    else:
        r = post_raw(client, path, body, auth)
    assert "NUL" in assert_invalid(r, loc, "string_nul")


def test_article_dates_are_kept_in_utc_on_both_databases(store, make_client, add_moderator) -> None:
    """SQLite kept the wall time and dropped the offset; PostgreSQL converted."""
    client = make_client(store=store)
    add_moderator(store)
    auth = token(client)
    article = {"slug": "saatli", "title": "T", "body": "B", "source": "S"}
    when = {"published_at": "2024-05-01T12:00:00+03:00"}
    r = client.post("/api/articles", json=article | when, headers=auth)
    assert r.status_code == 201, r.text
    assert r.json()["article"]["published_at"] == "2024-05-01T09:00:00+00:00"
    late = {"slug": "gec", "published_at": "9999-12-31T23:59:59-05:00"}
    r = client.post("/api/articles", json=article | late, headers=auth)
    assert "UTC" in assert_invalid(r, ["body", "published_at"], "datetime_utc_range")


ENGLISH = ("Input should", "Field required", "String should", "Expecting", "valid")


@pytest.mark.parametrize(
    ("path", "body", "loc", "kind", "says"),
    [
        (COMMENTS, {"text": 42}, ["body", "text"], "string_type", "metin"),
        (COMMENTS, {"author": "Ali"}, ["body", "text"], "missing", "zorunlu"),
        (
            COMMENTS,
            {"text": CLEAN, "parent_id": "bir"},
            ["body", "parent_id"],
            "int_parsing",
            "tam sayı",
        ),
        (COMMENTS, [], ["body"], "model_attributes_type", "JSON nesnesi"),
        ("/api/moderate", None, ["body"], "missing", "JSON nesnesi"),
        (
            "/api/moderator/comments/1/decision",
            {"status": "belki"},
            ["body", "status"],
            "literal_error",
            "'approved' ya da 'rejected'",
        ),
        (
            "/api/articles",
            {"slug": "Büyük Harf", "title": "T", "body": "B", "source": "S"},
            ["body", "slug"],
            "string_pattern_mismatch",
            "kalıba",
        ),
        (
            "/api/articles",
            {"slug": "a", "title": "", "body": "B", "source": "S"},
            ["body", "title"],
            "string_too_short",
            "en az 1 karakter",
        ),
        (
            "/api/articles",
            {"slug": "a", "title": "T", "body": "B", "source": "S", "published_at": "dün"},
            ["body", "published_at"],
            "datetime_from_date_parsing",
            "ISO 8601",
        ),
    ],
)
def test_validation_errors_are_turkish_and_name_the_field(
    make_client, add_moderator, path, body, loc, kind, says
) -> None:
    client = make_client()
    add_moderator(client.app.state.suzgec.store)
    r = client.post(path, json=body, headers=token(client))
    message = assert_invalid(r, loc, kind)
    assert says in message
    assert not any(word in message for word in ENGLISH), message
    assert r.json()["error"]["details"][0]["message"] in message


def test_query_parameters_are_bounded_and_named(make_client, add_moderator) -> None:
    """Query parameters are named as parameters, with the bound to respect."""
    client = make_client()
    add_moderator(client.app.state.suzgec.store)
    r = client.get("/api/moderator/queue?limit=-1", headers=token(client))
    assert "“limit” parametresi en az 1" in assert_invalid(
        r, ["query", "limit"], "greater_than_equal"
    )


def test_json_errors_say_where_and_what_in_turkish(make_client) -> None:
    client = make_client()
    r = post_raw(client, COMMENTS, '{"text": "yar')
    assert_error(r, 400, "invalid_json")
    message = r.json()["error"]["message"]
    assert "10. karakterde" in message and "tırnak" in message  # the quote opening "yar
    assert not any(word in message for word in ENGLISH), message


def test_deeply_nested_json_is_not_called_bad_utf8(make_client) -> None:
    """30,000 nested arrays hit the parser's recursion limit; the answer said "UTF-8"."""
    client = make_client()
    r = post_raw(client, COMMENTS, "[" * 30_000 + "]" * 30_000)
    assert_error(r, 400, "json_too_deep")
    message = r.json()["error"]["message"]
    assert "iç içe" in message and "UTF-8" not in message
    r = client.post(
        COMMENTS, content=b'{"text": "\xff"}', headers={"content-type": "application/json"}
    )
    assert "UTF-8" in r.json()["error"]["message"]


def test_api_docs_page_needs_nothing_from_outside(make_client) -> None:
    """/api/docs was FastAPI's page: Swagger UI from a CDN, started by an inline script,
    both blocked by our CSP (tests/test_browser_docs.py renders it in Chromium)."""
    import re

    client = make_client()
    r = client.get("/api/docs")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    html = r.text
    assert "http://" not in html and "https://" not in html and "//cdn" not in html
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S)
    assert len(scripts) == 2 and all(
        'src="/' in attrs and not body.strip() for attrs, body in scripts
    )
    for url in re.findall(r'(?:src|href)="(/[^"]+)"', html):
        assert client.get(url).status_code == 200, url
    assert (
        r.headers["content-security-policy"] == client.get("/").headers["content-security-policy"]
    )
