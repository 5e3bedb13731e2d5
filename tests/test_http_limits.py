"""Limits only the real server shows: the TestClient hands the app its headers without a
parser in between, so these tests run the app under uvicorn (httptools, its default parser,
which takes headers of any size)."""

import http.client
import json
from email.message import Message
from urllib.parse import urlsplit

import pytest

from suzgec.web.demo import DEMO_SLUG
from suzgec.web.errors import MAX_HEADER_BYTES


def get(base: str, path: str, headers: dict[str, str]) -> tuple[int, Message, bytes]:
    url = urlsplit(base)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
    try:
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        return response.status, response.msg, response.read()
    finally:
        conn.close()


@pytest.fixture
def base(live_app) -> str:
    return live_app.serve(live_app.create(), http="httptools")


@pytest.mark.parametrize("size", [MAX_HEADER_BYTES + 1, 8 * 1024 * 1024])
def test_oversized_headers_get_431_in_turkish(base, size) -> None:
    """An 8 MB header was accepted and handled like any other request."""
    status, headers, body = get(base, "/api/articles", {"X-Dolgu": "a" * size})
    assert status == 431
    assert headers["Content-Type"].startswith("application/json")
    error = json.loads(body)["error"]
    assert error["code"] == "headers_too_large"
    assert "başlık" in error["message"] and str(MAX_HEADER_BYTES) in error["message"]


def test_headers_under_the_limit_still_work(base) -> None:
    # Many cookies, as a browser on a busy news site might send, well under the limit.
    cookie = "; ".join(f"c{i}={'x' * 90}" for i in range(100))
    status, _, body = get(base, "/api/articles", {"Cookie": cookie})
    assert status == 200
    assert DEMO_SLUG in body.decode("utf-8")


def test_pages_get_the_431_as_a_page(base) -> None:
    status, headers, body = get(
        base, f"/haber/{DEMO_SLUG}", {"Accept": "text/html", "X-Dolgu": "a" * 20_000}
    )
    assert status == 431
    assert headers["Content-Type"].startswith("text/html")
    assert "başlıkları çok büyük" in body.decode("utf-8")
