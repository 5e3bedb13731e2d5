"""HTML pages in-process: article page, widget form flow, escaping, CSRF, moderator pages."""

import re

import pytest

from suzgec import messages
from suzgec.web.demo import DEMO_SLUG, DEMO_TITLE

CLEAN = "Haber için teşekkürler, çok faydalı oldu."
SHOUTED = "BU HABER ÇOK KÖTÜ"
EMBED = f"/embed/{DEMO_SLUG}"
HTML = {"Accept": "text/html"}


def form_token(html: str) -> str:
    match = re.search(r'name="csrf" value="([^"]+)"', html)
    assert match, "no CSRF field in the form"
    return match.group(1)


def submit(client, text: str, author: str = "Zeynep", **extra: str):
    token = form_token(client.get(EMBED).text)
    data = {"csrf": token, "author": author, "text": text, "parent_id": "", **extra}
    return client.post(EMBED, data=data, headers=HTML, follow_redirects=False)


def test_article_page(make_client) -> None:
    html = make_client().get(f"/haber/{DEMO_SLUG}").text
    assert DEMO_TITLE.replace("'", "&#39;") in html
    assert 'class="published"' in html and 'class="updated"' in html
    assert "Kaynak: Süzgeç Demo Haber Servisi" in html
    assert 'class="zoomable"' in html and "/static/demo-cay.svg" in html
    assert "data-share" in html
    assert f'<script src="/static/embed.js" data-article="{DEMO_SLUG}" async></script>' in html


def test_widget_shows_rule_above_form(make_client) -> None:
    html = make_client().get(EMBED).text
    assert html.index(messages.SITE_RULE) < html.index('id="yorum-formu"')


def test_clean_comment_is_published(make_client) -> None:
    client = make_client()
    r = submit(client, CLEAN)
    assert r.status_code == 303
    # Back to the form (where the reader is), with a link to the new comment.
    comment_id = client.app.state.suzgec.store.list_comments(DEMO_SLUG)[0].id
    assert r.headers["location"] == f"{EMBED}?sonuc=approved&yorum={comment_id}#yorum-formu"
    page = client.get(r.headers["location"]).text
    assert "Yorumunuz yayımlandı." in page and CLEAN in page
    assert f'href="?yorum={comment_id}#yorum-{comment_id}"' in page


def test_rejected_comment_shows_reasons_and_one_click_suggestion(make_client) -> None:
    client = make_client()
    r = submit(client, SHOUTED)
    assert r.status_code == 200
    html = r.text
    assert "Yorumunuz şu nedenlerle yayımlanmadı" in html
    assert messages.CAPITALS in html
    assert f'<mark title="Büyük harf">{SHOUTED}</mark>' in html
    suggestion = re.search(r'<form method="post" class="suggestion">(.*?)</form>', html, re.S)
    assert suggestion and 'name="text" value="Bu haber çok kötü"' in suggestion.group(1)
    fields = dict(re.findall(r'name="(\w+)" value="([^"]*)"', suggestion.group(1)))
    accepted = client.post(EMBED, data=fields, headers=HTML, follow_redirects=True)
    assert "Yorumunuz yayımlandı." in accepted.text
    assert "Bu haber çok kötü" in accepted.text
    store = client.app.state.suzgec.store
    assert [c.author for c in store.auto_rejected()] == ["Zeynep"]  # the rejected one is kept


def test_review_tells_the_reader_it_waits(make_client, review_moderator) -> None:
    client = make_client(moderator=review_moderator)
    r = submit(client, "Bu incelensin lütfen.")
    page = client.get(r.headers["location"]).text
    assert "moderatör onayını bekliyor" in page
    thread = page.split('<ol class="thread">')[1].split("</ol>")[0]
    assert "Bu incelensin" not in thread  # not published
    # Only the browser that wrote it sees it, in its own list (to edit it in the window).
    assert "Bu incelensin" in page.split('id="yorumlariniz"')[1]
    client.cookies.clear()
    assert "Bu incelensin" not in client.get(EMBED).text


def test_hostile_markup_is_escaped_everywhere(make_client, add_moderator) -> None:
    from conftest import ReviewCheck
    from suzgec.pipeline import Moderator

    # Only the review check: the approved/queued outcome must not depend on the clauses.
    client = make_client(moderator=Moderator(checks=[ReviewCheck()]))
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)> incelensin'
    submit(client, hostile, author="<b>kötü</b>")
    submit(client, '<script>alert("y")</script> güzel haber')
    page = client.get(EMBED).text
    assert "<script>alert" not in page and "&lt;script&gt;alert(&#34;y&#34;)" in page
    assert "<b>kötü</b>" not in page
    store = client.app.state.suzgec.store
    add_moderator(store)
    login(client)
    queue = client.get("/moderator").text
    assert "<script>alert" not in queue and "<img src=x" not in queue
    assert "&lt;img src=x onerror=alert(1)&gt;" in queue
    assert "&lt;b&gt;kötü&lt;/b&gt;" in queue


def test_forms_need_csrf_and_valid_utf8(make_client) -> None:
    client = make_client()
    store = client.app.state.suzgec.store
    r = client.post(EMBED, data={"text": CLEAN, "csrf": "sahte"}, headers=HTML)
    assert r.status_code == 403
    other = client.post(
        "/embed/baska", data={"text": CLEAN, "csrf": form_token(client.get(EMBED).text)}
    )
    assert other.status_code in (403, 404)
    r = client.post(
        EMBED,
        content=b"text=%FF%FE&csrf=x",
        headers={**HTML, "content-type": "application/x-www-form-urlencoded"},
    )
    assert r.status_code == 400
    assert store.list_comments(DEMO_SLUG) == []


def test_invalid_comment_keeps_the_form(make_client) -> None:
    client = make_client()
    r = client.post(
        EMBED,
        data={"text": "   ", "author": "Ali", "csrf": form_token(client.get(EMBED).text)},
        headers=HTML,
    )
    assert r.status_code == 422 and "Yorum boş olamaz." in r.text


def test_rate_limited_form(make_client) -> None:
    client = make_client(rate_limit_per_minute=1, rate_limit_burst=1)
    assert submit(client, CLEAN).status_code == 303
    r = submit(client, CLEAN)
    assert r.status_code == 429 and "Çok sık yorum" in r.text


def test_reply_form(make_client) -> None:
    client = make_client()
    first = submit(client, CLEAN)
    parent_id = re.search(r"yorum=(\d+)", first.headers["location"]).group(1)  # type: ignore[union-attr]
    page = client.get(f"{EMBED}?yanit={parent_id}").text
    assert f'name="parent_id" value="{parent_id}"' in page
    # Another text: the same text again from one browser is held as a repeat (spam rule).
    submit(client, "Katılıyorum, bence de çok faydalı bir haber.", parent_id=parent_id)
    html = client.get(EMBED).text
    assert re.search(r'class="replies">\s*<li class="comment"', html)


def test_frame_policy(make_client) -> None:
    client = make_client(allowed_origins="https://gazete.example")
    embed = client.get(EMBED).headers["content-security-policy"]
    assert "frame-ancestors 'self' https://gazete.example" in embed
    page = client.get("/moderator/giris").headers["content-security-policy"]
    assert "frame-ancestors 'self'" in page and "gazete" not in page


def test_html_errors_are_pages(make_client) -> None:
    r = make_client().get("/haber/yok", headers=HTML)
    assert r.status_code == 404 and "<h1>Hata 404</h1>" in r.text


def login(client, username: str = "ayse", password: str = "gizli-parola"):
    token = form_token(client.get("/moderator/giris").text)
    return client.post(
        "/moderator/giris",
        data={"csrf": token, "username": username, "password": password},
        headers=HTML,
        follow_redirects=False,
    )


def test_moderator_pages(make_client, review_moderator, add_moderator) -> None:
    client = make_client(moderator=review_moderator)
    store = client.app.state.suzgec.store
    add_moderator(store)
    assert client.get("/moderator", follow_redirects=False).headers["location"] == (
        "/moderator/giris"
    )
    assert login(client, password="yanlis").status_code == 401
    assert login(client).headers["location"] == "/moderator"
    submit(client, "Bu incelensin lütfen.")
    submit(client, SHOUTED)
    queue = client.get("/moderator").text
    assert '<mark title="Aşağılayıcı söz veya ima">incelensin</mark>' in queue
    queued = store.pending()[0]
    token = form_token(queue)
    r = client.post(f"/moderator/yorum/{queued.id}", data={"status": "approved"}, headers=HTML)
    assert r.status_code == 403  # no CSRF token
    r = client.post(
        f"/moderator/yorum/{queued.id}",
        data={"status": "approved", "note": "Uygun.", "csrf": token, "next": "https://x.example"},
        follow_redirects=False,
    )
    assert r.headers["location"] == f"/moderator?tamam={queued.id}"
    assert [(e.actor, e.note) for e in store.audit(queued.id)][-1] == ("ayse", "Uygun.")
    rejected_page = client.get("/moderator/reddedilenler").text
    assert SHOUTED in rejected_page and "kararı boz" in rejected_page
    dashboard = client.get("/moderator/panel").text
    assert dashboard.count("<svg") == 2 and "Büyük harf" in dashboard
    client.post("/moderator/cikis", data={"csrf": token})
    assert client.get("/moderator", follow_redirects=False).status_code == 303


@pytest.mark.parametrize("path", ["/static/embed.js", "/static/site.css", "/static/demo-cay.svg"])
def test_static_files(make_client, path: str) -> None:
    assert make_client().get(path).status_code == 200


def undo_form(html: str) -> tuple[str, dict[str, str]] | None:
    """The notice's "Geri al" form: its action and fields, or None when none is offered."""
    form = re.search(r'<form method="post" action="([^"]+)" class="undo">(.*?)</form>', html, re.S)
    if form is None:
        return None
    return form.group(1), dict(re.findall(r'name="(\w+)" value="([^"]*)"', form.group(2)))


def queue_one(make_client, review_moderator, add_moderator):
    client = make_client(moderator=review_moderator)
    store = client.app.state.suzgec.store
    add_moderator(store)
    add_moderator(store, "mehmet")
    login(client)
    submit(client, "Bu incelensin lütfen.")
    return client, store, store.pending()[0]


def decide_on(client, comment_id: int, status: str, note: str = ""):
    token = form_token(client.get("/moderator").text)
    data = {"status": status, "note": note, "csrf": token, "next": "/moderator"}
    return client.post(f"/moderator/yorum/{comment_id}", data=data, headers=HTML)


def test_notice_names_the_decision_and_undo_restores_the_comment(
    make_client, review_moderator, add_moderator
) -> None:
    client, store, queued = queue_one(make_client, review_moderator, add_moderator)
    page = decide_on(client, queued.id, "rejected", "reddediyorum").text
    assert f"{queued.id} numaralı yorum reddedildi." in page
    assert "Kararınızı 5 dakika içinde" in page
    assert f'id="yorum-{queued.id}"' not in page  # decided: out of the queue
    undo = undo_form(page)
    assert undo is not None and undo[0] == f"/moderator/yorum/{queued.id}/geri-al"
    undone = client.post(undo[0], data=undo[1], headers=HTML)
    assert undone.url.path == "/moderator"
    assert f"{queued.id} numaralı yorumdaki karar geri alındı" in undone.text
    assert "yeniden: Onay bekliyor." in undone.text
    assert f'id="yorum-{queued.id}"' in undone.text  # back in the queue
    assert undo_form(undone.text) is None  # an undo is not itself undone
    trail = store.audit(queued.id)
    assert [(e.actor, e.action) for e in trail] == [
        ("system", "review"),
        ("ayse", "reject"),
        ("ayse", "undo"),
    ]
    assert "ret" in (trail[2].note or "")
    again = client.post(undo[0], data=undo[1], headers=HTML)
    assert again.status_code == 409
    assert messages.UNDO_NOTHING.format(comment_id=queued.id) in again.text
    assert 'class="error"' in again.text and "<h1>Onay kuyruğu" in again.text


def test_approve_notice_on_the_rejections_page(make_client, add_moderator) -> None:
    client = make_client()
    store = client.app.state.suzgec.store
    add_moderator(store)
    login(client)
    submit(client, SHOUTED)
    rejected = store.auto_rejected()[0]
    token = form_token(client.get("/moderator/reddedilenler").text)
    data = {"status": "approved", "csrf": token, "next": "/moderator/reddedilenler"}
    data["overturn"] = "1"  # what the page's form sends: overturning the automatic rejection
    page = client.post(f"/moderator/yorum/{rejected.id}", data=data, headers=HTML)
    assert page.url.path == "/moderator/reddedilenler"
    assert f"{rejected.id} numaralı yorum onaylandı (otomatik karar bozuldu)." in page.text
    undo = undo_form(page.text)
    assert undo is not None and undo[1]["next"] == "/moderator/reddedilenler"
    back = client.post(undo[0], data=undo[1], headers=HTML)
    assert back.url.path == "/moderator/reddedilenler" and SHOUTED in back.text
    assert store.get_comment(rejected.id).status == "rejected"


def test_only_the_decider_may_undo_and_only_for_a_while(
    make_client, review_moderator, add_moderator, monkeypatch
) -> None:
    from datetime import UTC, datetime, timedelta

    client, store, queued = queue_one(make_client, review_moderator, add_moderator)
    page = decide_on(client, queued.id, "approved").text
    undo = undo_form(page)
    assert undo is not None
    client.post("/moderator/cikis", data={"csrf": undo[1]["csrf"]})
    login(client, "mehmet")
    seen = client.get(f"/moderator?tamam={queued.id}").text
    assert f"{queued.id} numaralı yorum onaylandı." in seen and undo_form(seen) is None
    token = form_token(seen)
    refused = client.post(undo[0], data={**undo[1], "csrf": token}, headers=HTML)
    assert refused.status_code == 409 and "Bu kararı “ayse” verdi" in refused.text
    assert store.get_comment(queued.id).status == "approved"

    client.post("/moderator/cikis", data={"csrf": token})
    login(client)
    later = datetime.now(UTC) + timedelta(minutes=6)
    monkeypatch.setattr("suzgec.store.store.utcnow", lambda: later)
    monkeypatch.setattr("suzgec.web.ui.utcnow", lambda: later)
    stale = client.get(f"/moderator?tamam={queued.id}").text
    assert undo_form(stale) is None
    token = form_token(stale)
    late = client.post(undo[0], data={**undo[1], "csrf": token}, headers=HTML)
    assert late.status_code == 409 and "5 dakikadan eski" in late.text
    assert [e.action for e in store.audit(queued.id)] == ["review", "approve"]


def test_queue_card_reads_in_turkish(make_client, review_moderator, add_moderator) -> None:
    from markupsafe import escape

    client, _store, queued = queue_one(make_client, review_moderator, add_moderator)
    queue = client.get("/moderator").text
    card = re.search(rf'<article class="card" id="yorum-{queued.id}".*?</article>', queue, re.S)
    assert card
    assert f'class="article">{escape(DEMO_TITLE)}</a>' in card.group(0)
    shown = re.sub(r"<[^>]+>", " ", card.group(0))  # the card's text, without markup
    assert "Moderatör incelemesine gönderildi · güven: %60" in shown
    assert "review" not in shown and "0.60" not in shown and DEMO_SLUG not in shown


def _greenish(color: str) -> bool:
    import colorsys

    r, g, b = (int(color[i : i + 2], 16) / 255 for i in (1, 3, 5))
    hue, _light, saturation = colorsys.rgb_to_hls(r, g, b)
    return 75 <= hue * 360 <= 165 and saturation > 0.25


def test_dashboard_dates_and_colours(make_client, add_moderator) -> None:
    from datetime import UTC, datetime

    from suzgec.model import Clause

    client = make_client(dashboard_days=7)  # a week: every day gets its label
    add_moderator(client.app.state.suzgec.store)
    login(client)
    submit(client, SHOUTED)
    html = client.get("/moderator/panel").text
    today = datetime.now(UTC).date()
    assert f">{today:%d.%m}</text>" in html  # Turkish day order under the bars
    assert f">{today:%m-%d}</text>" not in html
    assert f"<title>{today:%d.%m.%Y} · Büyük harf: 1</title>" in html
    decisions, clauses = re.findall(r"<svg.*?</svg>", html, re.S)
    legend = r'<rect x="\d+" y="\d+" width="12" height="12" fill="(#[0-9a-f]{6})"/>'
    approve = re.findall(legend, decisions)[0]
    fills = re.findall(legend, clauses)
    assert len(fills) == len(Clause) == len(set(fills))  # every clause its own colour
    assert _greenish(approve)
    assert not any(_greenish(f) for f in fills), fills  # none looks like "approved"


@pytest.mark.parametrize(
    ("peak", "ticks"),
    [
        (1, [0, 1]),
        (5, [0, 1, 2, 3, 4, 5]),
        (7, [0, 2, 4, 6, 8]),
        (13, [0, 5, 10, 15]),
        (100, [0, 20, 40, 60, 80, 100]),
        (130, [0, 50, 100, 150]),
    ],
)
def test_chart_y_axis_has_round_ticks(peak: int, ticks: list[int]) -> None:
    from suzgec.web.charts import stacked_bars

    day = "2025-03-14"
    svg = str(stacked_bars([day], {day: {"a": peak}}, ["a"], {"a": "A"}, "Deneme"))
    labels = re.findall(r'y="([\d.]+)" text-anchor="end" font-size="11">(\d+)</text>', svg)
    assert [int(n) for _y, n in labels] == ticks
    bar_top = float(re.search(r'<rect x="[\d.]+" y="([\d.]+)"', svg).group(1))  # type: ignore[union-attr]
    zero_y, top_y = (float(labels[i][0]) - 4 for i in (0, -1))  # labels sit 4 px below
    height_ratio = (zero_y - bar_top) / (zero_y - top_y)
    assert height_ratio == pytest.approx(peak / ticks[-1], abs=0.01)  # bars match the axis


def test_favicon(make_client) -> None:
    from xml.etree import ElementTree

    client = make_client()
    r = client.get("/favicon.ico")
    assert r.status_code == 200 and r.headers["content-type"].startswith("image/svg+xml")
    assert ElementTree.fromstring(r.content).tag == "{http://www.w3.org/2000/svg}svg"
    assert client.get("/static/favicon.svg").content == r.content
    link = '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">'
    for page in (f"/haber/{DEMO_SLUG}", EMBED, "/moderator/giris"):
        assert link in client.get(page).text, page


@pytest.mark.parametrize("tamam", ["abc", "²", "99999999999999999999", "12345"])
def test_a_bad_or_unknown_comment_number_shows_no_notice(
    make_client, add_moderator, tamam: str
) -> None:
    client = make_client()
    add_moderator(client.app.state.suzgec.store)
    login(client)
    r = client.get("/moderator", params={"tamam": tamam})
    assert r.status_code == 200 and 'class="notice"' not in r.text


@pytest.mark.parametrize("field", ["username", "password"])
def test_a_nul_in_a_login_field_is_a_clear_400(store, make_client, field) -> None:
    # On PostgreSQL this used to be a 500: it cannot store or compare NUL.
    client = make_client(store=store)
    token = form_token(client.get("/moderator/giris").text)
    data = {"csrf": token, "username": "ayse", "password": "gizli-parola", field: "a\x00b"}
    r = client.post("/moderator/giris", data=data, headers=HTML)
    assert r.status_code == 400 and "Form eksik ya da hatalı" in r.text
