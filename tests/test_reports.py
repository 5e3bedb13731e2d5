"""Reader reports, the Reported queue and takedowns: store, API and widget, on SQLite
and PostgreSQL."""

import re

import pytest
import sqlalchemy as sa

from suzgec import messages
from suzgec.errors import ConfigError
from suzgec.model import Status
from suzgec.store import Conflict, NotFound, Store, decision_fingerprint
from suzgec.store.tables import events, reports
from suzgec.web import texts

CLEAN = "Haber için teşekkürler, çok faydalı oldu."
REPLY = "Katılıyorum, güzel bir yorum."
REVIEW = "Bu incelensin lütfen."
SHOUTED = "BU HABER ÇOK KÖTÜ"
SLUG = "deneme"
HTML = {"Accept": "text/html"}


@pytest.fixture
def posted(store: Store, review_moderator):
    """add(text, commenter=None, parent=None) -> a stored comment of the article."""
    store.create_article(SLUG, "Deneme haberi", "Metin.", "Kaynak")

    def add(text: str = CLEAN, commenter: str | None = None, parent: int | None = None):
        decision = review_moderator.moderate(text)
        return store.add_comment(SLUG, "Ali", decision, parent, commenter_id=commenter)

    return add


def event_kinds(store: Store) -> list[str]:
    with store.engine.connect() as conn:
        return [r.kind for r in conn.execute(sa.select(events).order_by(events.c.id))]


def actions(store: Store, comment_id: int) -> list[str]:
    return [e.action for e in store.audit(comment_id)]


# -- store ----------------------------------------------------------------------


def test_one_browser_counts_once(store: Store, posted) -> None:
    comment = posted()
    first = store.report(comment.id, "tarayici-a", "insult", "  Kaba.  ")
    again = store.report(comment.id, "tarayici-a", "spam")
    other = store.report(comment.id, "tarayici-b", "spam")
    assert (first.counted, first.report_count) == (True, 1)
    assert (again.counted, again.report_count) == (False, 1)
    assert (other.counted, other.report_count) == (True, 2)
    assert store.get_comment(comment.id).report_count == 2
    reported = [k for k in event_kinds(store) if k == "comment.reported"]
    assert reported == ["comment.reported", "comment.reported"]
    with store.engine.connect() as conn:
        rows = conn.execute(sa.select(reports.c.reason, reports.c.note)).all()
    assert sorted(rows) == [("insult", "Kaba."), ("spam", None)]


def test_threshold_holds_and_hides(store: Store, posted) -> None:
    comment = posted()
    store.report(comment.id, "a", "insult", threshold=2)
    assert store.get_comment(comment.id).status is Status.APPROVED
    held = store.report(comment.id, "b", "hate", "Dine saldırıyor.", threshold=2)
    assert held.held and store.get_comment(comment.id).status is Status.PENDING
    assert store.thread_page(SLUG).items == []  # no longer shown
    assert [c.id for c in store.pending()] == [comment.id]  # in the moderation queue
    trail = store.audit(comment.id)
    assert (trail[-1].action, trail[-1].note) == (
        "report_hold",
        messages.REPORT_HOLD_NOTE.format(count=2),
    )
    with pytest.raises(Conflict, match="moderatör incelemesinde"):
        store.report(comment.id, "c", "spam", threshold=2)
    page = store.reported_page()
    [item] = page.items
    assert (page.total, item.held, item.by_reason) == (1, True, {"insult": 1, "hate": 1})
    assert [(n.reason, n.note) for n in item.notes] == [("hate", "Dine saldırıyor.")]


def test_dismiss_restores_a_held_comment(store: Store, posted) -> None:
    comment = posted()
    for reporter in ("a", "b"):
        store.report(comment.id, reporter, "spam", threshold=2)
    restored = store.dismiss_reports(comment.id, "ayse", "Spam değil.")
    assert restored.status is Status.APPROVED and restored.report_count == 0
    assert [c.id for c in store.thread_page(SLUG).items] == [comment.id]
    assert store.reported_page().items == []
    entry = store.audit(comment.id)[-1]
    assert (entry.action, entry.actor) == ("dismiss_reports", "ayse")
    assert entry.note == messages.REPORTS_DISMISSED_NOTE.format(count=2) + " Spam değil."
    with store.engine.connect() as conn:
        assert conn.execute(sa.select(reports.c.dismissed_at.is_not(None))).scalars().all() == [
            True,
            True,
        ]
    with pytest.raises(Conflict, match="açık şikayeti yok"):
        store.dismiss_reports(comment.id, "ayse")
    # The same browsers stay counted once; new reports count from 0 and may hold again.
    assert not store.report(comment.id, "a", "spam", threshold=2).counted
    store.report(comment.id, "c", "spam", threshold=2)
    assert store.report(comment.id, "d", "spam", threshold=2).held


def test_dismiss_keeps_a_published_comment_published(store: Store, posted) -> None:
    comment = posted()
    store.report(comment.id, "a", "other")
    assert store.dismiss_reports(comment.id, "ayse").status is Status.APPROVED
    assert actions(store, comment.id) == ["approve", "dismiss_reports"]


def test_an_approved_hold_is_not_overruled_and_undo_replays_it(store: Store, posted) -> None:
    comment = posted()
    store.report(comment.id, "a", "insult", threshold=1)
    store.decide(comment.id, "ayse", Status.APPROVED)
    later = store.report(comment.id, "b", "insult", threshold=1)
    assert later.counted and not later.held
    assert store.get_comment(comment.id).status is Status.APPROVED
    # Undo goes back to the status the report hold set.
    assert store.undo(comment.id, "ayse").status is Status.PENDING


def test_takedown_statuses_and_audit(store: Store, posted) -> None:
    published = posted()
    removed = store.take_down(published.id, "ayse", "  Kişisel saldırı.  ")
    assert removed.status is Status.REMOVED
    entry = store.audit(published.id)[-1]
    assert (entry.action, entry.actor, entry.note) == ("remove", "ayse", "Kişisel saldırı.")
    assert store.thread_page(SLUG).items == []
    with pytest.raises(Conflict, match="kaldırıldı, yayında değil"):
        store.take_down(published.id, "ayse", "Yine.")
    with pytest.raises(Conflict, match="yayında değil"):
        store.report(published.id, "a", "spam")

    queued = posted(REVIEW)
    with pytest.raises(Conflict, match="onay kuyruğunda"):
        store.take_down(queued.id, "ayse", "Neden.")
    rejected = posted(SHOUTED)
    with pytest.raises(Conflict, match="reddedildi, yayında değil"):
        store.take_down(rejected.id, "ayse", "Neden.")
    with pytest.raises(Conflict, match="nedenini yazın"):
        store.take_down(posted().id, "ayse", "   ")
    with pytest.raises(NotFound):
        store.take_down(999_999, "ayse", "Neden.")
    with pytest.raises(NotFound):
        store.report(999_999, "a", "spam")

    held = posted()
    store.report(held.id, "a", "spam", threshold=1)
    assert store.take_down(held.id, "ayse", "Spam.").status is Status.REMOVED
    assert actions(store, held.id) == ["approve", "report_hold", "remove"]
    assert store.reported_page().items == []  # decided: off the Reported queue


def test_published_page_lists_an_articles_published_comments(store: Store, posted) -> None:
    first, _queued, second = posted(), posted(REVIEW), posted(REPLY)
    page = store.published_page(SLUG)
    assert [c.id for c in page.items] == [second.id, first.id] and page.total == 2
    with pytest.raises(NotFound):
        store.published_page("yok")


def test_reported_queue_most_reported_first_and_paged(store: Store, posted) -> None:
    once, thrice, twice = posted(), posted(), posted()
    for n, comment in ((1, once), (3, thrice), (2, twice)):
        for i in range(n):
            store.report(comment.id, f"r{i}", "spam", threshold=10)
    first = store.reported_page(limit=2)
    assert [r.comment.id for r in first.items] == [thrice.id, twice.id]
    assert first.total == 3 and first.next_cursor == twice.id
    rest = store.reported_page(after=first.next_cursor, limit=2)
    assert [r.comment.id for r in rest.items] == [once.id] and rest.next_cursor is None


def test_remoderation_leaves_a_removed_comment_removed(store: Store, posted) -> None:
    comment = posted()
    store.take_down(comment.id, "ayse", "Kaldırıldı.")
    stored = store.get_comment(comment.id).decision.to_dict()
    change = {"id": comment.id, "old": decision_fingerprint(stored), "decision": stored}
    assert store.remoderation_outcomes([change]) == [("removed", "moderator")]


# -- the widget ---------------------------------------------------------------------


def form_token(html: str) -> str:
    match = re.search(r'name="csrf" value="([^"]+)"', html)
    assert match
    return match.group(1)


def kimlik(html: str) -> str:
    match = re.search(r'name="kimlik" value="([^"]+)"', html)
    assert match
    return match.group(1)


def widget_post(client, text: str, parent: int | None = None):
    page = client.get(f"/embed/{SLUG}").text
    data = {"csrf": form_token(page), "author": "Zeynep", "text": text}
    data["parent_id"] = str(parent or "")
    r = client.post(f"/embed/{SLUG}", data=data, headers=HTML, follow_redirects=False)
    assert r.status_code == 303, r.text
    return int(r.headers["location"].split("yorum=")[1].split("#")[0])


def widget_report(client, comment_id: int, reason: str = "insult", note: str = ""):
    page = client.get(f"/embed/{SLUG}").text
    data = {"csrf": form_token(page), "kimlik": kimlik(page), "reason": reason, "note": note}
    action = f"/embed/{SLUG}/yorum/{comment_id}/sikayet?yorum={comment_id}"
    assert f'action="{action}"' in page.replace("&amp;", "&")
    return client.post(action, data=data, headers=HTML, follow_redirects=False)


@pytest.fixture
def app_on(store: Store, make_client, review_moderator):
    """new_client(**settings) -> a client of one app on `store`; each later call is
    another browser (its own cookies) of the same app."""
    from fastapi.testclient import TestClient

    store.create_article(SLUG, "Deneme haberi", "Metin.", "Kaynak")
    made: list = []

    def new_client(**settings):
        if not made:
            made.append(make_client(store=store, moderator=review_moderator, **settings))
            return made[0]
        client = TestClient(made[0].app)
        client.__enter__()
        made.append(client)
        return client

    yield new_client
    for client in made[1:]:
        client.__exit__(None, None, None)


def test_widget_report_form_counts_once_per_browser(store: Store, app_on) -> None:
    client = app_on()
    comment_id = widget_post(client, CLEAN)
    page = client.get(f"/embed/{SLUG}").text
    assert "<summary>Şikayet et</summary>" in page
    assert 'value="hate"' in page and "Nefret veya inanç saldırısı" in page
    r = widget_report(client, comment_id, "spam", "Reklam.")
    assert r.status_code == 303
    assert r.headers["location"] == (
        f"/embed/{SLUG}?sikayet=alindi&yorum={comment_id}#yorum-{comment_id}"
    )
    shown = client.get(r.headers["location"]).text
    assert texts.REPORT_RECEIVED in shown
    again = widget_report(client, comment_id, "insult")
    assert "sikayet=zaten" in again.headers["location"]
    assert texts.REPORT_ALREADY in client.get(again.headers["location"]).text
    assert store.get_comment(comment_id).report_count == 1


def test_widget_report_refusals_keep_what_was_written(store: Store, app_on) -> None:
    client = app_on()
    comment_id = widget_post(client, CLEAN)
    r = widget_report(client, comment_id, "", "Notum burada.")
    assert r.status_code == 422
    assert texts.REPORT_REASON_MISSING in r.text
    assert '<details class="report" open>' in r.text and 'value="Notum burada."' in r.text
    queued = store.add_comment(SLUG, "Ali", client.app.state.suzgec.moderator.moderate(REVIEW))
    page = client.get(f"/embed/{SLUG}").text
    data = {"csrf": form_token(page), "kimlik": kimlik(page), "reason": "spam"}
    r = client.post(f"/embed/{SLUG}/yorum/{queued.id}/sikayet", data=data, headers=HTML)
    assert r.status_code == 409 and "moderatör incelemesinde" in r.text
    r = client.post(f"/embed/{SLUG}/yorum/{comment_id}/sikayet", data=data, headers=HTML)
    assert r.status_code == 409 and texts.REPORT_FORM_USED in r.text  # the token is single-use
    assert store.get_comment(comment_id).report_count == 0


def test_enough_reports_hide_the_comment_in_the_widget(store: Store, app_on) -> None:
    client = app_on(report_threshold=1)
    comment_id = widget_post(client, CLEAN)
    r = widget_report(client, comment_id)
    page = client.get(r.headers["location"]).text
    assert texts.REPORT_RECEIVED in page
    client.cookies.clear()  # another reader: the author's own browser still lists it
    page = client.get(f"/embed/{SLUG}").text
    assert CLEAN not in page
    assert store.get_comment(comment_id).status is Status.PENDING


def test_the_author_sees_the_removal_and_others_a_placeholder(store: Store, app_on) -> None:
    author, replier, stranger = app_on(), app_on(), app_on()
    removed_id = widget_post(author, CLEAN)
    reply_id = widget_post(replier, REPLY, parent=removed_id)
    lone_id = widget_post(author, "İkinci yorumum da burada dursun.")
    store.take_down(removed_id, "ayse", "Kişisel saldırı içeriyor.")
    store.take_down(lone_id, "ayse", "Konu dışı.")

    own = author.get(f"/embed/{SLUG}").text
    assert texts.REMOVED_OWN.format(reason="Kişisel saldırı içeriyor.") in own
    assert texts.REMOVED_OWN.format(reason="Konu dışı.") in own
    assert CLEAN not in own and "İkinci yorumum" not in own

    for client in (replier, stranger):
        page = client.get(f"/embed/{SLUG}").text
        assert texts.REMOVED_PLACEHOLDER in page and REPLY in page
        assert "Kişisel saldırı" not in page and CLEAN not in page
        assert "Konu dışı" not in page and f'id="yorum-{lone_id}"' not in page
        # The reply stays under the placeholder of the comment it answered.
        block = re.search(
            rf'<li class="comment removed" id="yorum-{removed_id}">(.*?)</ol>', page, re.S
        )
        assert block and f'id="yorum-{reply_id}"' in block.group(1)
    assert "1 yorum" in stranger.get(f"/embed/{SLUG}").text  # only the published reply


# -- the JSON API -------------------------------------------------------------------


def token(client, username: str = "ayse") -> dict[str, str]:
    r = client.post("/api/moderator/token", json={"username": username, "password": "gizli-parola"})
    assert r.status_code == 200, r.text
    return {"Authorization": f"Bearer {r.json()['token']}"}


def test_api_report_counts_once_per_browser_and_refuses(store: Store, app_on) -> None:
    client = app_on()
    comment = store.add_comment(SLUG, "Ali", client.app.state.suzgec.moderator.moderate(CLEAN))
    url = f"/api/comments/{comment.id}/reports"
    first = client.post(url, json={"reason": "insult", "note": "Kaba."})
    assert first.status_code == 201 and first.json()["counted"] is True
    browser = {"X-Suzgec-Kimlik": first.json()["kimlik"]}
    client.cookies.clear()  # the header alone names the browser
    again = client.post(url, json={"reason": "spam"}, headers=browser)
    assert again.status_code == 200
    assert again.json()["counted"] is False and again.json()["message"] == texts.REPORT_ALREADY
    assert store.get_comment(comment.id).report_count == 1
    bad = client.post(url, json={"reason": "kötü"})
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "invalid_request"
    long_note = client.post(url, json={"reason": "spam", "note": "x" * 501})
    assert long_note.status_code == 422
    assert client.post("/api/comments/999999/reports", json={"reason": "spam"}).status_code == 404
    queued = store.add_comment(SLUG, "Ali", client.app.state.suzgec.moderator.moderate(REVIEW))
    r = client.post(f"/api/comments/{queued.id}/reports", json={"reason": "spam"})
    assert r.status_code == 409 and "moderatör incelemesinde" in r.json()["error"]["message"]


def test_api_reports_are_rate_limited_on_their_own_budget(store: Store, app_on) -> None:
    client = app_on(rate_limit_per_minute=1, rate_limit_burst=1)
    comment = store.add_comment(SLUG, "Ali", client.app.state.suzgec.moderator.moderate(CLEAN))
    url = f"/api/comments/{comment.id}/reports"
    assert client.post(url, json={"reason": "spam"}).status_code == 201
    limited = client.post(url, json={"reason": "spam"})
    assert limited.status_code == 429 and "şikayet" in limited.json()["error"]["message"]
    # Comments spend another budget: reporting did not use it up.
    posted = client.post(f"/api/articles/{SLUG}/comments", json={"text": REPLY})
    assert posted.status_code == 201


def test_api_moderation_reported_dismiss_and_takedown(store: Store, app_on, add_moderator) -> None:
    client = app_on(report_threshold=2)
    add_moderator(store)
    moderate = client.app.state.suzgec.moderator.moderate
    held = store.add_comment(SLUG, "Ali", moderate(CLEAN))
    noisy = store.add_comment(SLUG, "Veli", moderate(REPLY))
    for reporter in ("a", "b"):
        store.report(held.id, reporter, "insult", "Hakaret var.", threshold=2)
    store.report(noisy.id, "a", "spam", threshold=2)
    assert client.get("/api/moderation/reported").status_code == 401
    auth = token(client)
    listed = client.get("/api/moderation/reported", headers=auth).json()
    assert [c["id"] for c in listed["comments"]] == [held.id, noisy.id]
    top = listed["comments"][0]
    assert (top["report_count"], top["held_by_reports"], top["status"]) == (2, True, "pending")
    assert top["reports"]["by_reason"] == {"insult": 2}
    assert [n["note"] for n in top["reports"]["notes"]] == ["Hakaret var.", "Hakaret var."]

    url = f"/api/moderation/comments/{noisy.id}/dismiss-reports"
    r = client.post(url, json={"note": "Sorun yok."}, headers=auth)
    assert r.status_code == 200 and r.json()["comment"]["status"] == "approved"
    assert client.post(url, json={}, headers=auth).status_code == 409

    published = client.get(f"/api/moderation/articles/{SLUG}/published", headers=auth).json()
    assert [c["id"] for c in published["comments"]] == [noisy.id]
    assert client.get("/api/moderation/articles/yok/published", headers=auth).status_code == 404

    takedown = f"/api/moderation/comments/{held.id}/takedown"
    assert client.post(takedown, json={"reason": " "}, headers=auth).status_code == 422
    assert client.post(takedown, json={}, headers=auth).status_code == 422
    r = client.post(takedown, json={"reason": "Hakaret."}, headers=auth)
    assert r.status_code == 200 and r.json()["comment"]["status"] == "removed"
    again = client.post(takedown, json={"reason": "Hakaret."}, headers=auth)
    assert again.status_code == 409 and again.json()["error"]["code"] == "conflict"
    trail = client.get(f"/api/moderator/comments/{held.id}/audit", headers=auth).json()
    assert [(e["action"], e["note"]) for e in trail["entries"]][-1] == ("remove", "Hakaret.")
    assert client.get("/api/moderation/reported", headers=auth).json()["total"] == 0


# -- the moderator's pages ------------------------------------------------------------


def login(client) -> None:
    page = client.get("/moderator/giris").text
    data = {"csrf": form_token(page), "username": "ayse", "password": "gizli-parola"}
    assert client.post("/moderator/giris", data=data, follow_redirects=False).status_code == 303


def test_reported_page_dismiss_and_takedown(store: Store, app_on, add_moderator) -> None:
    client = app_on()
    add_moderator(store)
    moderate = client.app.state.suzgec.moderator.moderate
    kept = store.add_comment(SLUG, "Ali", moderate(CLEAN))
    gone = store.add_comment(SLUG, "Veli", moderate(REPLY))
    store.report(kept.id, "a", "spam")
    store.report(gone.id, "a", "hate", "İnanca saldırı.")
    assert client.get("/moderator/sikayetler", follow_redirects=False).status_code == 303
    login(client)
    page = client.get("/moderator/sikayetler").text
    assert 'href="/moderator/sikayetler" aria-current="page"' in page
    assert "Nefret veya inanç saldırısı: 1" in page and "İnanca saldırı." in page
    csrf = form_token(page)

    back = {"csrf": csrf, "next": "/moderator/sikayetler"}
    r = client.post(
        f"/moderator/yorum/{kept.id}/sikayetleri-yoksay", data=back, follow_redirects=False
    )
    assert r.headers["location"] == f"/moderator/sikayetler?tamam={kept.id}"
    assert texts.REPORTS_DISMISSED.format(id=kept.id) in client.get(r.headers["location"]).text

    url = f"/moderator/yorum/{gone.id}/kaldir"
    r = client.post(url, data={**back, "reason": "  "})
    assert r.status_code == 422 and texts.TAKEDOWN_REASON_MISSING in r.text
    r = client.post(url, data={**back, "reason": "İnanca saldırı."}, follow_redirects=False)
    assert r.status_code == 303
    assert store.get_comment(gone.id).status is Status.REMOVED
    again = client.post(url, data={**back, "reason": "Bir daha."})
    assert again.status_code == 409 and "yayında değil" in again.text
    assert client.post(url, data={"reason": "CSRF yok."}).status_code == 403


def test_published_page_takes_a_comment_down(store: Store, app_on, add_moderator) -> None:
    client = app_on()
    add_moderator(store)
    comment = store.add_comment(SLUG, "Ali", client.app.state.suzgec.moderator.moderate(CLEAN))
    login(client)
    r = client.get(f"/moderator/yayimlananlar?haber={SLUG}", follow_redirects=False)
    assert r.headers["location"] == f"/moderator/haber/{SLUG}/yayimlananlar"
    page = client.get(r.headers["location"]).text
    assert CLEAN in page and "Kaldır" in page
    here = f"/moderator/haber/{SLUG}/yayimlananlar"
    data = {"csrf": form_token(page), "next": here, "reason": "Konu dışı."}
    r = client.post(f"/moderator/yorum/{comment.id}/kaldir", data=data, follow_redirects=False)
    assert r.headers["location"] == f"{here}?tamam={comment.id}"
    after = client.get(r.headers["location"]).text
    assert texts.TAKEN_DOWN.format(id=comment.id) in after
    assert f'id="yorum-{comment.id}"' not in after
    assert client.get("/moderator/haber/yok/yayimlananlar").status_code == 404
    assert "<li>Kaldırıldı: <strong>1</strong></li>" in client.get("/moderator/panel").text


def test_report_threshold_must_be_at_least_one(make_client) -> None:
    with pytest.raises(ConfigError, match="report_threshold"):
        make_client(report_threshold=0)
