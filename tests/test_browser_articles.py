"""Article lists and modes in real Chromium (issue 11): count.js fills the count spans of
a news site's page from one request, and an article closed to comments shows its thread
with no form.

Slow: `pytest -m slow tests/test_browser_articles.py` (fixtures in conftest.py).
"""

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from suzgec.web import texts

pytestmark = pytest.mark.slow


@contextmanager
def news_site(pages: dict[str, str]) -> Iterator[str]:
    """A news site's own server on loopback (its origin, not Süzgeç's). A real server, not
    a routed page: Chromium lets only a loopback page call a loopback server."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = pages.get(self.path, "").encode()
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_count_js_fills_the_spans_of_a_news_site(live_app: Any, browser: Any) -> None:
    from playwright.sync_api import expect

    pages: dict[str, str] = {}
    with news_site(pages) as site:
        app = live_app.create(demo_article=False, allowed_origins=site)
        state = app.state.suzgec
        for slug in ("bir", "iki"):
            state.store.create_article(slug, slug.title(), "Metin.", "AA")
        for text in ("Güzel bir haber olmuş, teşekkürler.", "Bunu da okudum, faydalı."):
            state.submit("bir", "Okur", text)
        base = live_app.serve(app)
        pages["/haberler"] = f"""<!doctype html><html lang="tr"><meta charset="utf-8"><body>
          <p>Bir: <span data-suzgec-count="bir">…</span></p>
          <p>Yine bir: <span data-suzgec-count="bir">…</span></p>
          <p>İki: <span data-suzgec-count="iki">…</span></p>
          <p>Yok: <span data-suzgec-count="olmayan">…</span></p>
          <script src="{base}/static/count.js" async></script></body></html>"""
        page = browser.new_page()
        asked: list[str] = []
        page.on("request", lambda r: asked.append(r.url) if "/api/counts" in r.url else None)
        page.goto(f"{site}/haberler")
        spans = page.locator("[data-suzgec-count]")
        expect(spans.nth(0)).to_have_text("2 yorum")
        expect(spans.nth(1)).to_have_text("2 yorum")
        expect(spans.nth(2)).to_have_text("Yorum yok")
        expect(spans.nth(3)).to_have_text("Yorum yok")
        assert len(asked) == 1  # one request for every span on the page


def test_an_article_closed_to_comments_shows_no_form(live_app: Any, browser: Any) -> None:
    from playwright.sync_api import expect

    from suzgec.web.demo import DEMO_SLUG

    app = live_app.create()
    state = app.state.suzgec
    state.submit(DEMO_SLUG, "Okur", "Güzel bir haber olmuş, teşekkürler.")
    state.store.update_article(DEMO_SLUG, "ayse", {"mode": "closed"})
    base = live_app.serve(app)
    page = browser.new_page()
    page.goto(f"{base}/haber/{DEMO_SLUG}")
    widget = page.frame_locator("iframe.suzgec-frame")
    expect(widget.locator(".closed-note")).to_have_text(texts.COMMENTS_CLOSED)
    expect(widget.locator("h3.count")).to_have_text("1 yorum")
    expect(widget.locator(".comment-text")).to_have_text("Güzel bir haber olmuş, teşekkürler.")
    assert widget.locator("form.comment-form").count() == 0  # reports stay possible
    assert widget.locator("textarea").count() == 0
    assert widget.get_by_role("link", name="Yanıtla", exact=True).count() == 0
