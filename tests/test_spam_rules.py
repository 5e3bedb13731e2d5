"""Spam rules (issue 11): each holds a comment the automatic decision would publish,
with a Turkish reason in the audit log, on SQLite and PostgreSQL."""

from datetime import timedelta

from suzgec.config import Settings
from suzgec.model import Status
from suzgec.store import Store
from suzgec.store.base import utcnow
from suzgec.text.links import has_link
from suzgec.web.demo import DEMO_SLUG

CLEAN = "Haber için teşekkürler, çok faydalı oldu."


def send(client, text: str, who: str | None = "okur", address: str | None = "adres"):
    return client.app.state.suzgec.submit(
        DEMO_SLUG, "Zeynep", text, commenter_id=who, address_hash=address
    )


def hold_note(store: Store, comment_id: int) -> str | None:
    entry = store.audit(comment_id)[0]
    return entry.note if entry.action == "hold" else None


def test_links_are_found_in_their_usual_shapes() -> None:
    for text in ["bkz. https://ornek.com/a", "www.ornek.net", "ornek.com'a bakın", "x.com.tr/y"]:
        assert has_link(text), text
    for text in ["Geldi.ama gitti", "Saat 12.30'da", "ali@ornek.com yazdı", CLEAN]:
        assert not has_link(text), text


def test_a_comment_with_a_link_is_held(make_client, store: Store) -> None:
    client = make_client(store=store)
    held = send(client, "Ayrıntılar ornek.com adresinde var.")
    assert held.status is Status.PENDING
    assert "bağlantı" in (hold_note(store, held.id) or "")
    off = make_client(store=store, spam_hold_links=False)
    assert send(off, "Ayrıntılar başka.com adresinde var.", who="b").status is Status.APPROVED


def test_a_repeat_from_the_same_browser_or_address_is_held(make_client, store: Store) -> None:
    client = make_client(store=store)
    assert send(client, CLEAN, who="a", address="x").status is Status.APPROVED
    same_browser = send(client, "haber için TEŞEKKÜRLER,  çok faydalı oldu.", who="a", address="y")
    assert same_browser.status is Status.PENDING
    assert "Aynı metin son 24 saat" in (hold_note(store, same_browser.id) or "")
    assert send(client, CLEAN, who="b", address="x").status is Status.PENDING  # same address
    assert send(client, CLEAN, who="c", address="z").status is Status.APPROVED  # someone else
    off = make_client(store=store, spam_repeat_hours=0)
    assert send(off, CLEAN, who="a", address="x").status is Status.APPROVED


def test_an_old_or_rejected_text_is_no_repeat(make_client, store: Store) -> None:
    client = make_client(store=store)
    state = client.app.state.suzgec
    from suzgec.web.state import text_hash

    old = utcnow() - timedelta(hours=25)
    decision = state.moderator.moderate(CLEAN)
    store.add_comment(
        DEMO_SLUG, "Z", decision, now=old, commenter_id="a", text_hash=text_hash(CLEAN)
    )
    assert send(client, CLEAN, who="a").status is Status.APPROVED
    shouted = send(client, "BU HABER ÇOK KÖTÜ", who="d")
    assert shouted.status is Status.REJECTED
    assert send(client, "Bu haber çok kötü", who="d").status is Status.APPROVED


def test_a_new_commenters_first_comments_go_to_the_queue(make_client, store: Store) -> None:
    assert Settings().spam_new_commenter_comments == 0  # off by default
    client = make_client(store=store, spam_new_commenter_comments=2)
    first = send(client, "Birinci yorumum bu.")
    second = send(client, "İkinci yorumum bu.")
    third = send(client, "Üçüncü yorumum bu.")
    assert [first.status, second.status, third.status] == [
        Status.PENDING,
        Status.PENDING,
        Status.APPROVED,
    ]
    assert "ilk 2 yorumundan 2. yorum" in (hold_note(store, second.id) or "")
    assert send(client, "Kimliği olmayan bir okur.", who=None).status is Status.APPROVED


def test_a_high_recent_rejection_rate_holds(make_client, store: Store) -> None:
    client = make_client(store=store, spam_repeat_hours=0)
    for i in range(2):
        assert send(client, f"BU HABER ÇOK KÖTÜ {'VE YANLIŞ' * i}").status is Status.REJECTED
    # two decided comments: below the minimum of three, the rule does not apply yet
    assert send(client, "Birinci düzgün yorumum.").status is Status.APPROVED
    held = send(client, "İkinci düzgün yorumum.")  # 2 of the last 3 rejected: 67 % > 50 %
    assert held.status is Status.PENDING
    assert "son 3 yorumundan 2 tanesi reddedildi" in (hold_note(store, held.id) or "")
    off = make_client(store=store, spam_repeat_hours=0, spam_rejection_rate=0.0)
    assert send(off, "Üçüncü düzgün yorumum.").status is Status.APPROVED
