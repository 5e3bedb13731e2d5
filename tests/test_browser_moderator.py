"""Real headless Chromium on the moderator queue (Enter, decisions, undo) and the article photo.

Slow: run with `pytest -m slow tests/test_browser_moderator.py`. Needs `playwright` and a
Chromium at $SUZGEC_TEST_CHROMIUM (default /usr/bin/chromium); skipped otherwise.
"""

import re
from typing import Any

import pytest

from suzgec.model import Status
from suzgec.web.demo import DEMO_SLUG

pytestmark = pytest.mark.slow

ZOOMED = re.compile(r"\bzoomed\b")


@pytest.fixture
def server(live_app: Any, review_moderator: Any, add_moderator: Any) -> tuple[str, Any]:
    app = live_app.create(moderator=review_moderator)
    store = app.state.suzgec.store
    add_moderator(store)
    return str(live_app.serve(app)), store


def log_in(page: Any, base: str) -> None:
    page.goto(f"{base}/moderator")
    page.locator("input[name=username]").fill("ayse")
    page.locator("input[name=password]").fill("gizli-parola")
    page.get_by_role("button", name="Giriş").click()
    page.wait_for_url(f"{base}/moderator")


def human_entries(store: Any, comment_id: int) -> list[tuple[str, str, str | None]]:
    return [(e.actor, e.action, e.note) for e in store.audit(comment_id)[1:]]


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_enter_in_the_note_never_decides(
    server: tuple[str, Any], browser: Any, review_moderator: Any, javascript: bool
) -> None:
    from playwright.sync_api import expect

    base, store = server
    decision = review_moderator.moderate("Bu incelensin lütfen.")
    first = store.add_comment(DEMO_SLUG, "Ali", decision)
    second = store.add_comment(DEMO_SLUG, "Veli", decision)
    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()
    page.set_default_timeout(5000)
    log_in(page, base)
    posts: list[str] = []
    page.on("request", lambda r: posts.append(r.url) if r.method == "POST" else None)

    card = page.locator(f"#yorum-{first.id}")
    note = card.locator("input[name=note]")
    note.fill("reddediyorum")
    note.press("Enter")
    page.wait_for_timeout(300)  # room for a submission to start, had Enter sent one
    assert posts == []
    expect(note).to_have_value("reddediyorum")  # same page, the note still typed
    assert store.get_comment(first.id).status is Status.PENDING
    assert human_entries(store, first.id) == []

    # The buttons still decide, and the notice names the decision.
    card.get_by_role("button", name="Reddet").click()
    expect(page.locator(".notice")).to_contain_text(f"{first.id} numaralı yorum reddedildi.")
    expect(page.locator(".notice")).to_contain_text("5 dakika içinde")
    expect(page.locator(f"#yorum-{first.id}")).to_have_count(0)
    # Exactly one human entry: a late submission from Enter would show here too.
    assert human_entries(store, first.id) == [("ayse", "reject", "reddediyorum")]

    # "Geri al" puts the comment back in the queue, written to the audit log.
    page.locator(".notice").get_by_role("button", name="Geri al").click()
    expect(page.locator(".notice")).to_contain_text("karar geri alındı")
    expect(page.locator(f"#yorum-{first.id}")).to_have_count(1)
    expect(page.locator(".notice").get_by_role("button", name="Geri al")).to_have_count(0)
    assert store.get_comment(first.id).status is Status.PENDING
    assert [(a, action) for a, action, _ in human_entries(store, first.id)] == [
        ("ayse", "reject"),
        ("ayse", "undo"),
    ]

    page.locator(f"#yorum-{second.id}").get_by_role("button", name="Onayla").click()
    expect(page.locator(".notice")).to_contain_text(f"{second.id} numaralı yorum onaylandı.")
    assert store.get_comment(second.id).status is Status.APPROVED
    context.close()


def test_escape_closes_the_zoomed_photo(server: tuple[str, Any], browser: Any) -> None:
    from playwright.sync_api import expect

    base, _store = server
    page = browser.new_page()
    page.goto(f"{base}/haber/{DEMO_SLUG}")
    photo = page.locator("img.zoomable")
    photo.click()
    expect(photo).to_have_class(ZOOMED)
    page.keyboard.press("Escape")
    expect(photo).not_to_have_class(ZOOMED)
    # Escape closes it wherever the focus is, not only on the photo.
    photo.click()
    expect(photo).to_have_class(ZOOMED)
    page.evaluate("document.activeElement.blur()")
    page.keyboard.press("Escape")
    expect(photo).not_to_have_class(ZOOMED)
    photo.click()  # and the photo still zooms again afterwards
    expect(photo).to_have_class(ZOOMED)
