"""Sanctions on commenters (issue 11): store, submission effects, API and moderator pages,
on SQLite and PostgreSQL."""

import re
from datetime import timedelta

import pytest
import sqlalchemy as sa

from suzgec.model import Status
from suzgec.store import Store
from suzgec.store.base import utcnow
from suzgec.store.commenters import SanctionRefused
from suzgec.store.tables import audit_log, events
from suzgec.store.trail import statuses
from suzgec.web import texts
from suzgec.web.demo import DEMO_SLUG

CLEAN = "Haber için teşekkürler, çok faydalı oldu."
EMBED = f"/embed/{DEMO_SLUG}"
HTML = {"Accept": "text/html"}
API = "/api/moderation/commenters"


def field(html: str, name: str) -> str:
    match = re.search(rf'name="{name}" value="([^"]*)"', html)
    assert match, f"no {name} field"
    return match.group(1)


def post(client, text: str, **extra: str):
    page = client.get(EMBED).text
    data = {"csrf": field(page, "csrf"), "author": "Zeynep", "text": text, **extra}
    return client.post(EMBED, data=data, headers=HTML, follow_redirects=False)


def reader_id(client) -> str:
    """The commenter id of the test client's browser (from its signed cookie)."""
    client.get(EMBED)
    found = client.app.state.suzgec.tokens.commenter_of(client.cookies.get("suzgec_kimlik"))
    assert found
    return str(found)


def bearer(client, store: Store, add_moderator) -> dict[str, str]:
    add_moderator(store)
    r = client.post("/api/moderator/token", json={"username": "ayse", "password": "gizli-parola"})
    return {"Authorization": f"Bearer {r.json()['token']}"}


def person_entries(store: Store, commenter_id: str) -> list[tuple[str, str, str | None]]:
    with store.engine.connect() as conn:
        return [
            (r.actor, r.action, r.note)
            for r in conn.execute(
                sa.select(audit_log)
                .where(audit_log.c.subject == f"commenter:{commenter_id}")
                .order_by(audit_log.c.id)
            )
        ]


def sanction_events(store: Store) -> list[dict]:
    with store.engine.connect() as conn:
        return [
            r.payload
            for r in conn.execute(
                sa.select(events)
                .where(events.c.kind == "commenter.sanctioned")
                .order_by(events.c.id)
            )
        ]


def test_sanction_and_lift_are_audited_and_emitted(store: Store) -> None:
    ban = store.sanction("okur-1", "ban", "Sürekli hakaret.", "ayse")
    assert [s.id for s in store.active_sanctions("okur-1")] == [ban.id]
    with pytest.raises(SanctionRefused) as twice:
        store.sanction("okur-1", "ban", "Yine.", "ayse")
    assert twice.value.status == 409
    store.lift("okur-1", ban.id, "mehmet", "İtiraz haklı.")
    assert store.active_sanctions("okur-1") == []
    with pytest.raises(SanctionRefused):
        store.lift("okur-1", ban.id, "mehmet")
    assert person_entries(store, "okur-1") == [
        ("ayse", "sanction_ban", "Sürekli hakaret."),
        ("mehmet", "sanction_lift", "İtiraz haklı."),
    ]
    payloads = sanction_events(store)
    assert [p["action"] for p in payloads] == ["sanction", "lift"]
    assert payloads[0]["sanction"]["kind"] == "ban"
    assert payloads[0]["sanction"]["commenter_id"] == "okur-1"
    assert payloads[1]["sanction"]["lifted_at"] is not None


def test_a_suspension_runs_out_and_bad_input_is_refused(store: Store) -> None:
    then = utcnow() - timedelta(days=3)
    store.sanction("okur-2", "suspend", "Spam.", "ayse", days=2, now=then)
    assert store.active_sanctions("okur-2") == []
    assert store.active_sanctions("okur-2", now=then + timedelta(days=1))
    for kind, reason, days in [("suspend", "x", None), ("sil", "x", None), ("ban", " ", None)]:
        with pytest.raises(SanctionRefused) as refused:
            store.sanction("okur-2", kind, reason, "ayse", days)
        assert refused.value.status == 422
    assert len(store.sanctions_of("okur-2")) == 1


def test_a_ban_refuses_the_widget_with_the_reason_and_keeps_the_text(
    make_client, store: Store
) -> None:
    client = make_client(store=store)
    who = reader_id(client)
    store.sanction(who, "ban", "Okurlara hakaret etti.", "ayse")
    r = post(client, "Yeni bir yorum yazıyorum, kimse okumayacak.")
    assert r.status_code == 403
    assert "Okurlara hakaret etti." in r.text and "engelledi" in r.text
    assert "Yeni bir yorum yazıyorum, kimse okumayacak.</textarea>" in r.text
    assert store.commenter_history(who).comments == []  # nothing was stored


def test_a_suspension_names_its_end_in_turkish(make_client, store: Store) -> None:
    client = make_client(store=store)
    who = reader_id(client)
    made = store.sanction(who, "suspend", "Tartışmayı zehirledi.", "ayse", days=3)
    r = post(client, "Bir yorum daha.")
    assert r.status_code == 403
    from suzgec.web.commenter_rules import turkish_date

    until = turkish_date(made.expires_at)
    assert until in r.text and re.search(
        r"\d+ (Ocak|Şubat|Mart|Nisan|Mayıs|Haziran|Temmuz|Ağustos|Eylül|Ekim|Kasım|Aralık) \d{4}",
        until,
    )
    assert "Tartışmayı zehirledi." in r.text


def test_a_ban_refuses_the_api_with_403_when_the_browser_id_is_sent(
    make_client, store: Store
) -> None:
    client = make_client(store=store)
    tokens = client.app.state.suzgec.tokens
    kimlik = tokens.commenter_token("api-okur")
    store.sanction("api-okur", "ban", "Spam hesap.", "ayse")
    r = client.post(
        f"/api/articles/{DEMO_SLUG}/comments",
        json={"text": CLEAN},
        headers={"X-Suzgec-Kimlik": kimlik},
    )
    assert r.status_code == 403
    assert r.json()["error"]["code"] == "commenter_banned"
    assert "Spam hesap." in r.json()["error"]["message"]
    other = client.post(f"/api/articles/{DEMO_SLUG}/comments", json={"text": CLEAN})
    assert other.status_code == 201  # no id sent: nobody's ban applies


def test_premoderation_holds_with_the_reason(make_client, store: Store) -> None:
    client = make_client(store=store)
    who = reader_id(client)
    store.sanction(who, "premoderate", "Yeni gelen, izlensin.", "ayse")
    r = post(client, CLEAN)
    assert r.status_code == 303 and "sonuc=pending" in r.headers["location"]
    held = store.commenter_history(who).comments[0]
    assert held.status is Status.PENDING
    entry = store.audit(held.id)[0]
    assert entry.action == "hold" and "Yeni gelen, izlensin." in (entry.note or "")


def test_a_warning_is_shown_once_and_the_comment_goes_on(make_client, store: Store) -> None:
    client = make_client(store=store)
    who = reader_id(client)
    store.sanction(who, "warn", "Üslubunuza dikkat edin.", "ayse")
    first = client.get(EMBED).text
    assert "Üslubunuza dikkat edin." in first
    assert "Üslubunuza dikkat edin." not in client.get(EMBED).text
    assert store.sanctions_of(who)[0].seen_at is not None
    r = post(client, CLEAN)
    assert "sonuc=approved" in r.headers["location"]


def test_ban_takedown_preview_then_confirm(make_client, store: Store, add_moderator) -> None:
    client = make_client(store=store)
    auth = bearer(client, store, add_moderator)
    who = reader_id(client)
    post(client, CLEAN)
    post(client, "İkinci yorumum da burada duruyor.")
    r = client.post(f"{API}/{who}/takedown", json={"ids": [1]}, headers=auth)
    assert r.status_code == 409  # no ban yet
    r = client.post(f"{API}/{who}/sanctions", json={"kind": "ban", "reason": "Trol."}, headers=auth)
    assert r.status_code == 201 and r.json()["sanction"]["active"]
    preview = client.get(f"{API}/{who}/takedown", headers=auth).json()
    assert preview["count"] == 2
    assert all(c["status"] == "approved" for c in preview["comments"])
    assert store.list_comments(DEMO_SLUG) != []  # a preview changes nothing
    ids = [c["id"] for c in preview["comments"]]
    done = client.post(
        f"{API}/{who}/takedown", json={"ids": ids, "reason": "Trol temizliği."}, headers=auth
    ).json()
    assert sorted(done["removed"]) == sorted(ids)
    for comment_id in ids:
        assert store.get_comment(comment_id).status is Status.REMOVED
        trail = store.audit(comment_id)
        assert (trail[-1].action, trail[-1].note) == ("remove", "Trol temizliği.")
        assert statuses(trail)[-1] is Status.REMOVED
    assert store.list_comments(DEMO_SLUG) == []
    history = client.get(f"{API}/{who}", headers=auth).json()
    assert history["counts"]["removed"] == 2
    assert [s["kind"] for s in history["active_sanctions"]] == ["ban"]
    sid = history["active_sanctions"][0]["id"]
    lifted = client.delete(f"{API}/{who}/sanctions/{sid}", headers=auth)
    assert lifted.status_code == 200 and not lifted.json()["sanction"]["active"]
    assert client.delete(f"{API}/{who}/sanctions/{sid}", headers=auth).status_code == 409
    assert client.get(f"{API}/{who}").status_code == 401


def test_the_api_validates_sanctions(make_client, store: Store, add_moderator) -> None:
    client = make_client(store=store)
    auth = bearer(client, store, add_moderator)
    bad = [
        {"kind": "suspend", "reason": "Spam."},
        {"kind": "sil", "reason": "Spam."},
        {"kind": "ban", "reason": ""},
        {"kind": "suspend", "reason": "Spam.", "days": 0},
    ]
    for body in bad:
        r = client.post(f"{API}/okur/sanctions", json=body, headers=auth)
        assert r.status_code == 422, body
    assert client.get(f"{API}/k%C3%B6t%C3%BC", headers=auth).status_code == 422
    assert store.sanctions_of("okur") == []


def test_the_commenter_page_from_the_queue_card(
    make_client, store: Store, add_moderator, review_moderator
) -> None:
    client = make_client(store=store, moderator=review_moderator)
    who = reader_id(client)
    post(client, "Bu incelensin lütfen.")
    add_moderator(store)
    login = client.get("/moderator/giris").text
    client.post(
        "/moderator/giris",
        data={"csrf": field(login, "csrf"), "username": "ayse", "password": "gizli-parola"},
    )
    queue = client.get("/moderator").text
    assert f'href="/moderator/yorumcu/{who}"' in queue
    page = client.get(f"/moderator/yorumcu/{who}").text
    assert "Bu incelensin lütfen." in page and "Süren yaptırım yok." in page
    csrf = field(page, "csrf")
    # bad input re-renders the form with what the moderator wrote
    r = client.post(
        f"/moderator/yorumcu/{who}/yaptirim",
        data={"csrf": csrf, "kind": "suspend", "reason": "Israrla spam.", "days": "abc"},
    )
    assert r.status_code == 422 and "Israrla spam.</textarea>" in r.text
    r = client.post(
        f"/moderator/yorumcu/{who}/yaptirim",
        data={"csrf": csrf, "kind": "ban", "reason": "Israrla spam.", "takedown": "1"},
        follow_redirects=False,
    )
    assert r.headers["location"] == f"/moderator/yorumcu/{who}/kaldir"
    preview = client.get(r.headers["location"]).text
    assert "1 yorum</strong> yayından kaldırılacak" in preview
    assert "Bu incelensin lütfen." in preview
    done = client.post(
        f"/moderator/yorumcu/{who}/kaldir",
        data={"csrf": csrf, "ids": field(preview, "ids"), "reason": ""},
    )
    assert "1 yorum yayından kaldırıldı." in done.text
    assert store.pending() == []
    sid = store.active_sanctions(who)[0].id
    lifted = client.post(f"/moderator/yorumcu/{who}/yaptirim/{sid}/kaldir", data={"csrf": csrf})
    assert texts.SANCTION_LIFTED in lifted.text and store.active_sanctions(who) == []
    assert client.get("/moderator/yorumcu/x%20y").status_code == 404


def test_a_comment_without_a_commenter_has_no_link(
    make_client, store: Store, add_moderator, review_moderator
) -> None:
    client = make_client(store=store, moderator=review_moderator)
    client.app.state.suzgec.submit(DEMO_SLUG, "Okur", "Bu incelensin lütfen.")
    add_moderator(store)
    login = client.get("/moderator/giris").text
    client.post(
        "/moderator/giris",
        data={"csrf": field(login, "csrf"), "username": "ayse", "password": "gizli-parola"},
    )
    assert "/moderator/yorumcu/" not in client.get("/moderator").text
