"""A banned commenter in real Chromium (issue 11): their next comment through the widget
is refused with the ban message naming the reason, and what they wrote stays in the form.

Slow: `pytest -m slow tests/test_browser_sanctions.py` (fixtures in conftest.py).
"""

from typing import Any

import pytest

from suzgec.web.demo import DEMO_SLUG

pytestmark = pytest.mark.slow


def test_a_banned_commenters_next_comment_is_refused(live_app: Any, browser: Any) -> None:
    from playwright.sync_api import expect

    app = live_app.create()
    state = app.state.suzgec
    url = live_app.serve(app)
    page = browser.new_page()
    page.goto(f"{url}/embed/{DEMO_SLUG}")
    page.locator("input[name=author]").fill("Trol")
    page.locator("textarea[name=text]").fill("Haber için teşekkürler, çok faydalı oldu.")
    page.get_by_role("button", name="Gönder").click()
    expect(page.locator(".form-status .notice")).to_contain_text("Yorumunuz yayımlandı.")
    [posted] = state.store.list_comments(DEMO_SLUG)
    assert posted.commenter_id
    state.store.sanction(posted.commenter_id, "ban", "Okurlara sürekli hakaret.", "ayse")

    text = "Bu sefer de yazacağım, engel beni durdurmaz."
    page.locator("textarea[name=text]").fill(text)
    page.get_by_role("button", name="Gönder").click()
    error = page.locator(".form-status .error")
    expect(error).to_contain_text("engelledi")
    expect(error).to_contain_text("Okurlara sürekli hakaret.")
    expect(page.locator("textarea[name=text]")).to_have_value(text)
    expect(page.locator("input[name=author]")).to_have_value("Trol")
    assert len(state.store.commenter_history(posted.commenter_id).comments) == 1
