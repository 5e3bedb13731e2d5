"""A reader reports a comment through the real widget, in headless Chromium (slow)."""

from typing import Any

import pytest

from suzgec.model import Status
from suzgec.web import texts
from suzgec.web.demo import DEMO_SLUG

pytestmark = pytest.mark.slow

CLEAN = "Haber için teşekkürler, çok faydalı oldu."


def test_reader_reports_a_comment(live_app: Any, review_moderator: Any, browser: Any) -> None:
    from playwright.sync_api import expect

    app = live_app.create(moderator=review_moderator, report_threshold=1)
    store = app.state.suzgec.store
    comment = store.add_comment(DEMO_SLUG, "Ali", review_moderator.moderate(CLEAN))
    server = live_app.serve(app)

    page = browser.new_page()
    page.goto(f"{server}/haber/{DEMO_SLUG}")
    widget = page.frame_locator("iframe.suzgec-frame")
    item = widget.locator(f"#yorum-{comment.id}")
    expect(item.locator(".comment-text")).to_have_text(CLEAN)
    item.locator("summary", has_text="Şikayet et").click()  # opens inline, no reload
    item.get_by_label("Küfür").check()
    item.get_by_label("Not (isteğe bağlı)").fill("Argo var.")
    item.get_by_role("button", name="Şikayeti gönder").click()

    # At the threshold the comment is hidden and waits for a moderator.
    expect(widget.locator(".report-notice")).to_have_text(texts.REPORT_RECEIVED)
    expect(widget.locator(f"#yorum-{comment.id}")).to_have_count(0)
    held = store.get_comment(comment.id)
    assert (held.status, held.report_count) == (Status.PENDING, 1)
    [reported] = store.reported_page().items
    assert reported.by_reason == {"profanity": 1}
    assert [n.note for n in reported.notes] == ["Argo var."]
