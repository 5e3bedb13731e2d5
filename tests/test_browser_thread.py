"""The reader thread in real Chromium (issue 11): a deep link on the host page opens the
widget on the right page and highlights the comment, in any order; "Daha fazla yorum"
appends in place; the author edits a comment within the window.

Slow: `pytest -m slow tests/test_browser_thread.py` (fixtures in conftest.py).
"""

from typing import Any

import pytest

from suzgec.model import Status
from suzgec.web import texts
from suzgec.web.demo import DEMO_SLUG

pytestmark = pytest.mark.slow

CLEAN = "Haber için teşekkürler, çok faydalı oldu."


def test_a_deep_link_opens_its_page_and_the_author_edits(
    live_app: Any, browser: Any, review_moderator: Any
) -> None:
    from playwright.sync_api import expect

    app = live_app.create(moderator=review_moderator, comments_per_page=3)
    state = app.state.suzgec
    tops = [state.submit(DEMO_SLUG, f"Okur {i}", f"{i}. yorum. {CLEAN}") for i in range(10)]
    reply = state.submit(DEMO_SLUG, "Yanıtlayan", f"Yanıt. {CLEAN}", tops[1].id)
    base = live_app.serve(app)

    page = browser.new_page(viewport={"width": 1000, "height": 700})
    page.goto(f"{base}/haber/{DEMO_SLUG}#yorum-{reply.id}")
    widget = page.frame_locator("iframe.suzgec-frame")
    linked = widget.locator(f"li#yorum-{reply.id}")
    expect(linked).to_have_class("comment linked")
    expect(widget.locator("li.comment")).to_have_count(4)  # tops 1–3 and the reply

    # Newest first, the same comment: its thread is on the last page of that order.
    widget.get_by_role("link", name="En yeni").click()
    expect(widget.locator(f"li#yorum-{reply.id}")).to_have_class("comment linked")
    expect(widget.locator("ol.thread > li.comment").first).to_have_id(f"yorum-{tops[1].id}")
    page.wait_for_timeout(300)  # the host page scrolls on the widget's message
    box = widget.locator(f"li#yorum-{reply.id}").bounding_box()
    assert box is not None and 0 <= box["y"] <= 700, box

    # "Daha fazla yorum" from the first page appends the next page in place.
    page.goto(f"{base}/haber/{DEMO_SLUG}")
    expect(widget.locator("ol.thread > li.comment")).to_have_count(3)
    widget.get_by_role("link", name=texts.MORE_COMMENTS).click()
    expect(widget.locator("ol.thread > li.comment")).to_have_count(6)
    assert widget.locator("h3.count").inner_text() == "11 yorum"

    # The author edits their new comment within the window.
    widget.locator("textarea[name=text]").last.fill(CLEAN)
    widget.get_by_role("button", name="Gönder").click()
    expect(widget.locator(".form-status .notice")).to_contain_text("Yorumunuz yayımlandı.")
    widget.get_by_role("link", name="Yorumunuzu görün").click()
    own = widget.locator("li.comment.linked")
    own.get_by_role("link", name=texts.EDIT_LINK).click()
    edit = widget.locator("form.edit-form textarea[name=text]")
    expect(edit).to_have_value(CLEAN)
    edit.fill("Haber için teşekkürler, gerçekten çok faydalı oldu.")
    widget.get_by_role("button", name=texts.EDIT_SAVE).click()
    edited = widget.locator("li.comment.linked")
    expect(edited.locator(".comment-text")).to_have_text(
        "Haber için teşekkürler, gerçekten çok faydalı oldu."
    )
    expect(edited.locator(".edited")).to_have_text(texts.EDITED_MARK)
    expect(edited.locator(".edit-notice")).to_have_text(texts.EDITED[Status.APPROVED])
