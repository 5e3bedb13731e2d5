"""The desk's day in real Chromium (issue 11): a reader reports a comment, a moderator
finds it in the Reported queue and takes it down, then bans its author with the keyboard,
and the author's next comment is refused with the ban message, the text kept in the form.

Bulk reject with one note: tests/test_browser_desk.py. An article closed to comments shows
no form: tests/test_browser_articles.py. Slow: `pytest -m slow tests/test_browser_newsroom.py`.
"""

from typing import Any

import pytest

from suzgec.model import Status
from suzgec.web import texts
from suzgec.web.demo import DEMO_SLUG

pytestmark = pytest.mark.slow

FIRST = "Bu haberi yazan da okuyan da aynı kafada, hepsi bir işe yaramaz."
NEXT = "Engellense de yine yazacağım, kimse beni durduramaz."
BAN_REASON = "Okurlara defalarca hakaret."


def test_report_takedown_keyboard_ban_and_the_refusal(
    live_app: Any, browser: Any, review_moderator: Any, add_moderator: Any
) -> None:
    from playwright.sync_api import expect

    app = live_app.create(moderator=review_moderator, report_threshold=1)
    store = app.state.suzgec.store
    add_moderator(store)
    base = live_app.serve(app)

    # The author posts through the widget: their browser gets its signed id.
    author = browser.new_context().new_page()
    author.set_default_timeout(5000)
    author.goto(f"{base}/embed/{DEMO_SLUG}")
    author.locator("input[name=author]").fill("Trol")
    author.locator("textarea[name=text]").fill(FIRST)
    author.get_by_role("button", name="Gönder").click()
    expect(author.locator(".form-status .notice")).to_contain_text("Yorumunuz yayımlandı.")
    [posted] = store.list_comments(DEMO_SLUG)
    assert posted.commenter_id

    # Another reader reports it from their own browser; at the threshold it is hidden.
    reader = browser.new_context().new_page()
    reader.set_default_timeout(5000)
    reader.goto(f"{base}/embed/{DEMO_SLUG}")
    item = reader.locator(f"#yorum-{posted.id}")
    item.locator("summary", has_text="Şikayet et").click()
    item.get_by_label("Hakaret").check()
    item.get_by_role("button", name="Şikayeti gönder").click()
    expect(reader.locator(".report-notice")).to_have_text(texts.REPORT_RECEIVED)
    assert store.get_comment(posted.id).status is Status.PENDING

    # The moderator finds it in the Reported queue and takes it down with a reason.
    desk = browser.new_context().new_page()
    desk.set_default_timeout(5000)
    desk.goto(f"{base}/moderator/giris")
    desk.locator("input[name=username]").fill("ayse")
    desk.locator("input[name=password]").fill("gizli-parola")
    desk.get_by_role("button", name="Giriş").click()
    desk.get_by_role("link", name="Şikayetler").click()
    card = desk.locator(f"#yorum-{posted.id}")
    expect(card.locator(".comment-text")).to_have_text(FIRST)
    expect(card.locator(".report-count")).to_have_text("1 şikayet")
    card.get_by_label("Kaldırma nedeni").fill("Okurları aşağılıyor.")
    card.get_by_role("button", name="Kaldır").click()
    expect(desk.locator(".notice")).to_contain_text(f"{posted.id}")
    assert store.get_comment(posted.id).status is Status.REMOVED

    # From the notice to the author's page, then the ban from the keyboard alone:
    # b picks a ban and the reason, Ctrl+Enter applies it.
    desk.locator(".notice a.commenter").click()
    expect(desk.locator("form.sanction-form")).to_be_visible()
    desk.locator("body").focus()
    desk.keyboard.press("b")
    expect(desk.locator("input[name=kind][value=ban]")).to_be_checked()
    expect(desk.locator("textarea[name=reason]")).to_be_focused()
    desk.keyboard.type(BAN_REASON)
    desk.keyboard.press("Control+Enter")
    expect(desk.locator(".sanction-ban")).to_contain_text(BAN_REASON)
    [ban] = store.active_sanctions(posted.commenter_id)
    assert (ban.kind, ban.actor) == ("ban", "ayse")

    # The author's widget: the removal is shown to them, and their next comment is
    # refused with the ban's message while what they wrote stays in the form.
    author.goto(f"{base}/embed/{DEMO_SLUG}")
    expect(author.locator(".removed-notice.own")).to_contain_text("Okurları aşağılıyor.")
    author.locator("textarea[name=text]").fill(NEXT)
    author.get_by_role("button", name="Gönder").click()
    error = author.locator(".form-status .error")
    expect(error).to_contain_text("engelledi")
    expect(error).to_contain_text(BAN_REASON)
    expect(author.locator("textarea[name=text]")).to_have_value(NEXT)
    assert [c.id for c in store.commenter_history(posted.commenter_id).comments] == [posted.id]
