"""The reader's widget in real Chromium (issue 8, items 6–8): the result notice in view
after posting at the bottom of a long thread, a thread of more than one page, and a
rejected comment whose content must change being offered no fix.

Slow: `pytest -m slow tests/test_browser_reader.py` (fixtures in conftest.py).
"""

from typing import Any

import pytest

from suzgec.web import texts
from suzgec.web.demo import DEMO_SLUG

pytestmark = pytest.mark.slow

LONG = (
    "Bu konuda yazılanları dikkatle okudum; hasat döneminde üreticilerin yaşadığı sorunlar "
    "her yıl tekrar ediyor ve çözüm için kalıcı adımlar atılması gerekiyor. "
)


@pytest.fixture
def long_thread(live_app: Any, review_moderator: Any) -> str:
    app = live_app.create(moderator=review_moderator, comments_per_page=20)
    state = app.state.suzgec
    for i in range(45):
        state.submit(DEMO_SLUG, f"Okur {i}", f"{i}. yorum. {LONG}")
    return str(live_app.serve(app))


def in_view(page: Any, locator: Any) -> bool:
    box = locator.bounding_box()
    height = page.viewport_size["height"]
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height


def test_the_notice_is_in_view_after_posting_below_a_long_thread(
    long_thread: str, browser: Any
) -> None:
    from playwright.sync_api import expect

    page = browser.new_page(viewport={"width": 1000, "height": 700})
    page.goto(f"{long_thread}/haber/{DEMO_SLUG}")
    widget = page.frame_locator("iframe.suzgec-frame")
    expect(widget.locator("h3.count")).to_have_text("45 yorum")
    text = widget.locator("textarea[name=text]")
    text.scroll_into_view_if_needed()
    assert page.evaluate("window.scrollY") > 3000  # the form is far below the top

    text.fill("Haber için teşekkürler, çok faydalı oldu.")
    expect(widget.locator(".counter .used")).to_have_text("41")
    widget.get_by_role("button", name="Gönder").click()
    notice = widget.locator(".form-status .notice")
    expect(notice).to_contain_text("Yorumunuz yayımlandı.")
    page.wait_for_timeout(300)  # the host page scrolls on the widget's message
    assert in_view(page, notice), notice.bounding_box()

    # Waiting for a moderator: the reader is told so, in view, and the text is not lost.
    widget.locator("textarea[name=text]").fill("Bu incelensin lütfen.")
    widget.get_by_role("button", name="Gönder").click()
    expect(notice).to_contain_text("onayını bekliyor")
    page.wait_for_timeout(300)
    assert in_view(page, notice), notice.bounding_box()

    # Writing again clears the old notice.
    widget.locator("textarea[name=text]").press_sequentially("Yeni")
    expect(widget.locator(".form-status .notice")).to_have_count(0)


def test_a_thread_longer_than_a_page(long_thread: str, browser: Any) -> None:
    from playwright.sync_api import expect

    page = browser.new_page()
    page.goto(f"{long_thread}/embed/{DEMO_SLUG}")
    expect(page.locator(".thread > li.comment")).to_have_count(20)
    expect(page.locator("h3.count")).to_have_text("45 yorum")
    # With JavaScript the next page is appended in place (thread.js); the link itself
    # opens the next page, as without JavaScript.
    page.get_by_role("link", name="Daha fazla yorum").click()
    expect(page.locator(".thread > li.comment")).to_have_count(40)
    expect(page.locator(".thread > li.comment").nth(20)).to_contain_text("20. yorum")
    expect(page.locator(".thread > li.comment").first).to_contain_text("0. yorum")
    page.get_by_role("link", name="Daha fazla yorum").click()
    expect(page.locator(".thread > li.comment")).to_have_count(45)
    expect(page.locator(".thread")).to_contain_text("44. yorum")
    expect(page.get_by_role("link", name="Daha fazla yorum")).to_have_count(0)
    no_js = browser.new_context(java_script_enabled=False).new_page()
    no_js.goto(f"{long_thread}/embed/{DEMO_SLUG}")
    no_js.get_by_role("link", name="Daha fazla yorum").click()
    expect(no_js.locator(".thread > li.comment").first).to_contain_text("20. yorum")
    no_js.get_by_role("link", name="İlk yorumlara dön").click()
    expect(no_js.locator(".thread > li.comment").first).to_contain_text("0. yorum")


def test_no_fix_is_offered_when_the_content_must_change(live_app: Any, browser: Any) -> None:
    """The shipped checks: shouting plus an insult. Fixing the case would not make it
    publishable, so no suggestion is offered; the reader is told to change the content."""
    from playwright.sync_api import expect

    url = live_app.serve(live_app.create())
    page = browser.new_page()
    page.goto(f"{url}/embed/{DEMO_SLUG}")
    shouted = "BU HABER ÇOK KÖTÜ, YAZAN DA APTAL"
    page.locator("textarea[name=text]").fill(shouted)
    page.get_by_role("button", name="Gönder").click()
    expect(page.locator(".result")).to_contain_text(texts.CONTENT_MUST_CHANGE)
    expect(page.locator("form.suggestion")).to_have_count(0)
    expect(page.locator("textarea[name=text]")).to_have_value(shouted)
    # A shouted comment with nothing else wrong still gets its one-click fix.
    page.locator("textarea[name=text]").fill("BU HABER ÇOK ÖNEMLİ")
    page.get_by_role("button", name="Gönder").click()
    page.get_by_role("button", name="Öneriyi kabul et ve gönder").click()
    expect(page.locator(".form-status .notice")).to_contain_text("Yorumunuz yayımlandı.")
