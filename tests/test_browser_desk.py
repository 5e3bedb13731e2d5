"""Real headless Chromium on the desk: j/k/a/r/u on the queue, a bulk reject with one
note, and no shortcut while typing. Slow: `pytest -m slow tests/test_browser_desk.py`."""

from typing import Any

import pytest

from suzgec.model import Status
from suzgec.web.demo import DEMO_SLUG

pytestmark = pytest.mark.slow


def test_keyboard_and_bulk_on_the_queue(
    live_app: Any, browser: Any, review_moderator: Any, add_moderator: Any
) -> None:
    from playwright.sync_api import expect

    app = live_app.create(moderator=review_moderator)
    store = app.state.suzgec.store
    add_moderator(store)
    base = live_app.serve(app)
    decision = review_moderator.moderate("Bu incelensin lütfen.")
    ids = [store.add_comment(DEMO_SLUG, f"Okur {n}", decision).id for n in range(5)]

    page = browser.new_page()
    page.set_default_timeout(5000)
    page.goto(f"{base}/moderator")
    page.locator("input[name=username]").fill("ayse")
    page.locator("input[name=password]").fill("gizli-parola")
    page.get_by_role("button", name="Giriş").click()
    page.wait_for_url(f"{base}/moderator")
    expect(page.locator("#kisayollar")).to_contain_text("j")  # the legend is shown

    # j j k: the second card is current; a approves it.
    for key in "jjk":
        page.keyboard.press(key)
    expect(page.locator(f"#yorum-{ids[0]}")).to_have_class("card current")
    page.keyboard.press("j")
    page.keyboard.press("a")
    expect(page.locator(".notice")).to_contain_text(f"{ids[1]} numaralı yorum onaylandı.")
    assert store.get_comment(ids[1]).status is Status.APPROVED

    # u takes it back.
    page.keyboard.press("u")
    expect(page.locator(".notice")).to_contain_text("karar geri alındı")
    assert store.get_comment(ids[1]).status is Status.PENDING

    # Typing "r" in a note is text, not a decision; n focuses the note, Escape leaves it.
    page.keyboard.press("j")
    page.keyboard.press("n")
    page.keyboard.type("ret nedeni")
    assert store.get_comment(ids[0]).status is Status.PENDING
    page.keyboard.press("Escape")
    page.keyboard.press("r")
    expect(page.locator(".notice")).to_contain_text(f"{ids[0]} numaralı yorum reddedildi.")
    assert store.audit(ids[0])[-1].note == "ret nedeni"

    # Bulk: select all on the page, one note, reject.
    page.locator("input.select-all").check()
    page.locator("form.bulk input[name=note]").fill("Toplu: reklam")
    page.locator("form.bulk").get_by_role("button", name="Seçilenleri reddet").click()
    expect(page.locator(".bulk-result")).to_contain_text("4 yorum için karar verildi: reddedildi.")
    for cid in ids[1:]:
        assert store.get_comment(cid).status is Status.REJECTED
        assert store.audit(cid)[-1].note == "Toplu: reklam"
    page.close()
