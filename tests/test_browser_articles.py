"""Article lists and modes in real Chromium (issue 11): count.js fills the count spans of
a news site's page from one request, and an article closed to comments shows its thread
with no form.

Slow: `pytest -m slow tests/test_browser_articles.py` (fixtures in conftest.py).
"""

from typing import Any

import pytest

from suzgec.web import texts

pytestmark = pytest.mark.slow

SITE = "http://gazete.example"


def test_count_js_fills_the_spans_of_a_news_site(live_app: Any, browser: Any) -> None:
    from playwright.sync_api import expect

    app = live_app.create(demo_article=False, allowed_origins=SITE)
    state = app.state.suzgec
    for slug in ("bir", "iki"):
        state.store.create_article(slug, slug.title(), "Metin.", "AA")
    for text in ("Güzel bir haber olmuş, teşekkürler.", "Bunu da okudum, faydalı."):
        state.submit("bir", "Okur", text)
    base = live_app.serve(app)
    host_page = f"""<!doctype html><html lang="tr"><body>
      <p>Bir: <span data-suzgec-count="bir">…</span></p>
      <p>Yine bir: <span data-suzgec-count="bir">…</span></p>
      <p>İki: <span data-suzgec-count="iki">…</span></p>
      <p>Yok: <span data-suzgec-count="olmayan">…</span></p>
      <script src="{base}/static/count.js" async></script></body></html>"""
    page = browser.new_page()
    asked: list[str] = []
    page.on("request", lambda r: asked.append(r.url) if "/api/counts" in r.url else None)
    # The news site is another origin; Playwright serves its page.
    page.route(
        f"{SITE}/**",
        lambda route: route.fulfill(status=200, content_type="text/html", body=host_page),
    )
    page.goto(f"{SITE}/haberler")
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
    assert widget.locator("form").count() == 0
    assert widget.locator("textarea").count() == 0
    assert widget.get_by_role("link", name="Yanıtla").count() == 0
