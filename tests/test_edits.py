"""The author's edit window (issue 11): only the browser that posted, only for a few
minutes, every edit moderated again, the edit history in the audit log, undo intact."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import sqlalchemy as sa

from suzgec import messages
from suzgec.model import Status
from suzgec.store import EDIT_ACTION, EditRefused, Store
from suzgec.store.base import utcnow
from suzgec.store.tables import comments
from suzgec.store.trail import statuses
from suzgec.web import texts
from suzgec.web.demo import DEMO_SLUG

CLEAN = "Haber için teşekkürler, çok faydalı oldu."
BETTER = "Haber için teşekkürler, gerçekten çok faydalı oldu."
REVIEW = "Bu incelensin, haber için teşekkürler."
SHOUTED = "BU HABER ÇOK KÖTÜ"
WINDOW = timedelta(minutes=5)
ME, OTHER = "tarayici-1", "tarayici-2"
SLUG = "deneme"


@pytest.fixture
def posted(store: Store, review_moderator):
    store.create_article(SLUG, "Deneme", "Metin.", "Kaynak")
    return store.add_comment(SLUG, "Zeynep", review_moderator.moderate(CLEAN), commenter_id=ME)


def edit(store: Store, moderator, comment_id: int, text: str, who: str = ME, **kw):
    return store.edit_comment(comment_id, who, moderator.moderate(text), window=WINDOW, **kw)


def refusal(call) -> EditRefused:
    with pytest.raises(EditRefused) as caught:
        call()
    return caught.value


def test_an_edit_is_moderated_again_to_each_status(store: Store, review_moderator, posted) -> None:
    pending = edit(store, review_moderator, posted.id, REVIEW)
    assert (pending.status, pending.text) == (Status.PENDING, REVIEW)
    assert pending.edited_at is not None and pending.to_dict()["edited_at"]
    rejected = edit(store, review_moderator, posted.id, SHOUTED)
    assert rejected.status is Status.REJECTED and rejected.decision.findings
    assert store.auto_rejected_page().items[0].id == posted.id  # the automatic decision now
    # A rejected edit may be fixed within the window, like a new comment.
    published = edit(store, review_moderator, posted.id, BETTER)
    assert published.status is Status.APPROVED and published.text == BETTER
    assert [c.id for c in store.thread_page(SLUG).items] == [posted.id]
    held = edit(store, review_moderator, posted.id, CLEAN, hold="Ön denetimli haber.")
    assert held.status is Status.PENDING  # the same hold rules as a new comment
    assert store.audit(posted.id)[-1].decision["held"] == "Ön denetimli haber."


def test_the_edit_history_is_in_the_audit_log(store: Store, review_moderator, posted) -> None:
    edit(store, review_moderator, posted.id, REVIEW)
    edit(store, review_moderator, posted.id, BETTER)
    trail = store.audit(posted.id)
    assert [e.action for e in trail] == ["approve", EDIT_ACTION, EDIT_ACTION]
    assert [e.note for e in trail[1:]] == [CLEAN, REVIEW]  # each previous text
    assert [e.decision["status"] for e in trail[1:]] == ["pending", "approved"]
    assert trail[1].decision["decision"] == "review" and trail[2].decision["decision"] == "approve"
    assert trail[1].actor == f"commenter:{ME}"
    assert statuses(trail)[-1] is store.get_comment(posted.id).status


def test_only_the_author_edits_and_only_in_the_window(
    store: Store, review_moderator, posted
) -> None:
    assert refusal(lambda: edit(store, review_moderator, posted.id, BETTER, OTHER)).code == (
        "not_your_comment"
    )
    assert refusal(lambda: edit(store, review_moderator, posted.id, BETTER, None)).code == (
        "not_your_comment"
    )
    anonymous = store.add_comment(SLUG, "Ali", review_moderator.moderate(CLEAN))
    assert refusal(lambda: edit(store, review_moderator, anonymous.id, BETTER)).code == (
        "not_your_comment"
    )
    late = utcnow() + WINDOW + timedelta(seconds=1)
    over = refusal(lambda: edit(store, review_moderator, posted.id, BETTER, now=late))
    assert over.code == "edit_window_over" and str(over) == messages.EDIT_WINDOW_OVER.format(
        minutes=5
    )
    off = refusal(
        lambda: store.edit_comment(
            posted.id, ME, review_moderator.moderate(BETTER), window=timedelta(0)
        )
    )
    assert off.code == "edit_off"
    same = refusal(lambda: edit(store, review_moderator, posted.id, "  " + CLEAN + " "))
    assert same.code == "text_unchanged"
    assert store.get_comment(posted.id).text == CLEAN and len(store.audit(posted.id)) == 1


def test_a_moderators_decision_ends_editing_until_undone(
    store: Store, review_moderator, posted
) -> None:
    edit(store, review_moderator, posted.id, REVIEW)
    store.decide(posted.id, "ayse", Status.REJECTED)
    refused = refusal(lambda: edit(store, review_moderator, posted.id, BETTER))
    assert refused.code == "comment_moderated" and "reddedildi" in str(refused)
    store.undo(posted.id, "ayse")
    assert store.get_comment(posted.id).status is Status.PENDING
    assert edit(store, review_moderator, posted.id, BETTER).status is Status.APPROVED
    # A take-down (another helper's feature sets this status): never editable again.
    with store.engine.begin() as conn:
        conn.execute(sa.update(comments).where(comments.c.id == posted.id).values(status="removed"))
    assert refusal(lambda: edit(store, review_moderator, posted.id, CLEAN)).code == (
        "comment_removed"
    )


def test_undo_after_an_edit_replays_the_edited_status(
    store: Store, review_moderator, posted
) -> None:
    edit(store, review_moderator, posted.id, REVIEW)  # approved -> pending
    store.decide(posted.id, "ayse", Status.APPROVED)
    undone = store.undo(posted.id, "ayse")
    assert undone.status is Status.PENDING  # what the edit left, not the first approval
    trail = store.audit(posted.id)
    assert [s.value for s in statuses(trail)] == ["approved", "pending"]
    assert store.pending_page().items[0].text == REVIEW


def test_publishing_an_edit_takes_the_other_version_down(store: Store, review_moderator) -> None:
    store.create_article(SLUG, "Deneme", "Metin.", "Kaynak")
    original = store.add_comment(SLUG, "Ali", review_moderator.moderate(SHOUTED), commenter_id=ME)
    fix = store.add_comment(
        SLUG, "Ali", review_moderator.moderate(CLEAN), resubmission_of=original.id, commenter_id=ME
    )
    assert fix.status is Status.APPROVED
    edit(store, review_moderator, original.id, BETTER)
    assert store.get_comment(fix.id).status is Status.REJECTED  # one version public
    assert [c.id for c in store.thread_page(SLUG).items] == [original.id]


# -- HTTP: PATCH /api/comments/{id} and the widget's form --------------------------------


def test_the_api_edits_with_the_commenter_header(
    make_client, store: Store, review_moderator
) -> None:
    client = make_client(store=store, moderator=review_moderator)
    url = f"/api/articles/{DEMO_SLUG}/comments"
    first = client.post(url, json={"text": CLEAN, "author": "Zeynep"}).json()
    mine = {"X-Suzgec-Kimlik": first["kimlik"]}
    comment_id = first["comment"]["id"]
    r = client.patch(f"/api/comments/{comment_id}", json={"text": REVIEW}, headers=mine)
    assert r.status_code == 200
    assert r.json()["comment"]["status"] == "pending"
    assert r.json()["message"] == texts.EDITED[Status.PENDING]
    assert r.json()["comment"]["edited_at"]
    rejected = client.patch(f"/api/comments/{comment_id}", json={"text": SHOUTED}, headers=mine)
    assert rejected.json()["comment"]["status"] == "rejected"
    assert rejected.json()["comment"]["decision"]["findings"]
    # Another browser's id, or none at all.
    other = client.post(url, json={"text": CLEAN}).json()["kimlik"]
    theirs = client.patch(
        f"/api/comments/{comment_id}", json={"text": BETTER}, headers={"X-Suzgec-Kimlik": other}
    )
    assert theirs.status_code == 403 and theirs.json()["error"]["code"] == "not_your_comment"
    bare = client.patch(f"/api/comments/{comment_id}", json={"text": BETTER})
    assert bare.status_code == 403 and "X-Suzgec-Kimlik" in bare.json()["error"]["message"]
    same = client.patch(f"/api/comments/{comment_id}", json={"text": SHOUTED}, headers=mine)
    assert same.status_code == 422 and same.json()["error"]["code"] == "text_unchanged"
    missing = client.patch("/api/comments/999999", json={"text": BETTER}, headers=mine)
    assert missing.status_code == 404
    audit = store.audit(comment_id)
    assert [e.note for e in audit if e.action == EDIT_ACTION] == [CLEAN, REVIEW]


def test_the_api_refuses_after_the_window(make_client, store: Store, review_moderator) -> None:
    client = make_client(store=store, moderator=review_moderator, edit_window_minutes=0)
    first = client.post(f"/api/articles/{DEMO_SLUG}/comments", json={"text": CLEAN}).json()
    r = client.patch(
        f"/api/comments/{first['comment']['id']}",
        json={"text": BETTER},
        headers={"X-Suzgec-Kimlik": first["kimlik"]},
    )
    assert r.status_code == 409 and r.json()["error"]["code"] == "edit_off"
    assert r.json()["error"]["message"] == messages.EDIT_OFF


EMBED = f"/embed/{DEMO_SLUG}"
HTML = {"Accept": "text/html"}


def _post_comment(client, text: str) -> int:
    token = re.search(r'name="csrf" value="([^"]*)"', client.get(EMBED).text).group(1)  # type: ignore[union-attr]
    r = client.post(
        EMBED,
        data={"csrf": token, "author": "Zeynep", "text": text, "parent_id": ""},
        headers=HTML,
        follow_redirects=False,
    )
    assert r.status_code == 303
    return int(client.app.state.suzgec.store.comment_id_bounds()[1])  # the newest comment


def _edit_form(html: str) -> tuple[str, dict[str, str]]:
    form = re.search(
        r'<form method="post" action="([^"]*)" class="edit-form">(.*?)</form>', html, re.S
    )
    assert form, "no edit form"
    fields = dict(re.findall(r'name="(\w+)" value="([^"]*)"', form.group(2)))
    return form.group(1), fields


def test_the_widget_offers_edit_to_the_author_only(make_client, review_moderator) -> None:
    client = make_client(moderator=review_moderator)
    comment_id = _post_comment(client, CLEAN)
    page = client.get(EMBED).text
    link = f'href="?yorum={comment_id}&amp;duzenle={comment_id}#yorum-{comment_id}"'
    assert link in page and ">Düzenle<" in page
    action, fields = _edit_form(client.get(f"{EMBED}?yorum={comment_id}&duzenle={comment_id}").text)
    assert action == f"{EMBED}/yorum/{comment_id}/duzenle"
    r = client.post(action, data={**fields, "text": BETTER}, headers=HTML, follow_redirects=False)
    assert r.status_code == 303
    assert (
        r.headers["location"]
        == f"{EMBED}?duzenlendi=approved&yorum={comment_id}#yorum-{comment_id}"
    )
    shown = client.get(r.headers["location"]).text
    assert BETTER in shown and "(düzenlendi)" in shown and texts.EDITED[Status.APPROVED] in shown
    # A rejected edit: the reasons, and the form still holds what the reader wrote.
    action, fields = _edit_form(client.get(f"{EMBED}?duzenle={comment_id}").text)
    r = client.post(action, data={**fields, "text": SHOUTED}, headers=HTML)
    assert r.status_code == 200 and texts.EDITED[Status.REJECTED] in r.text
    _, refilled = _edit_form(r.text)
    assert f">{SHOUTED}</textarea>" in r.text and refilled["csrf"]
    # Another browser sees no "Düzenle", and its post is refused with the form kept.
    client.cookies.clear()
    other = client.get(EMBED).text
    assert "Düzenle<" not in other
    token = re.search(r'name="csrf" value="([^"]*)"', other).group(1)  # type: ignore[union-attr]
    r = client.post(action, data={"csrf": token, "text": "Başkasının metni."}, headers=HTML)
    assert r.status_code == 403 and messages.EDIT_NOT_YOURS in r.text
    assert ">Başkasının metni.</textarea>" in r.text


def test_the_widget_lists_the_authors_pending_comment_to_edit(
    make_client, review_moderator
) -> None:
    client = make_client(moderator=review_moderator)
    comment_id = _post_comment(client, REVIEW)
    page = client.get(EMBED).text
    own = page.split('id="yorumlariniz"')[1]
    assert REVIEW in own and "Onay bekliyor" in own and ">Düzenle<" in own
    action, fields = _edit_form(client.get(f"{EMBED}?duzenle={comment_id}").text)
    r = client.post(action, data={**fields, "text": BETTER}, headers=HTML, follow_redirects=False)
    assert r.headers["location"].endswith("#yorum-" + str(comment_id))
    assert client.app.state.suzgec.store.get_comment(comment_id).status is Status.APPROVED


def test_an_edit_is_refused_where_a_new_comment_would_be(
    make_client, store: Store, review_moderator
) -> None:
    client = make_client(store=store, moderator=review_moderator)
    url = f"/api/articles/{DEMO_SLUG}/comments"
    first = client.post(url, json={"text": CLEAN, "author": "Zeynep"}).json()
    mine = {"X-Suzgec-Kimlik": first["kimlik"]}
    comment_id = first["comment"]["id"]
    # A banned author cannot change what they wrote in the window either.
    [posted] = [c for c in store.list_comments(DEMO_SLUG) if c.id == comment_id]
    ban = store.sanction(posted.commenter_id, "ban", "Sürekli hakaret.", "ayse")
    r = client.patch(f"/api/comments/{comment_id}", json={"text": BETTER}, headers=mine)
    assert r.status_code == 403 and "Sürekli hakaret." in r.json()["error"]["message"]
    store.lift(posted.commenter_id, ban.id, "ayse")
    # Nor in a thread closed to comments.
    store.update_article(DEMO_SLUG, "ayse", {"mode": "closed"})
    r = client.patch(f"/api/comments/{comment_id}", json={"text": BETTER}, headers=mine)
    assert r.status_code == 409 and r.json()["error"]["code"] == "comments_closed"
    assert store.get_comment(comment_id).text == CLEAN
