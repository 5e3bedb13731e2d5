"""Webhooks: events for every status change, signed POSTs to a real receiver on loopback,
retries with backoff, failure after the last attempt, the retry command, two dispatchers
at once, the delivery log (page and API), and the real `suzgec serve` delivering."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from suzgec.cli import main
from suzgec.config import Settings
from suzgec.errors import ConfigError
from suzgec.model import Status
from suzgec.pipeline import Moderator
from suzgec.store import Store, decision_fingerprint
from suzgec.store.tables import webhook_deliveries
from suzgec.webhooks import Dispatcher, WebhookConfig, backoff, verify

CLEAN = "Haber için teşekkürler, çok faydalı oldu."
SHOUTED = "BU HABER ÇOK KÖTÜ"
REVIEW = "Bu incelensin lütfen."
SECRET = "alici-sirri"


class Receiver:
    """An HTTP server on 127.0.0.1:0 that records every POST and answers as planned:
    `plan` holds status codes, or ("sleep", seconds) to answer late; then 200."""

    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self.plan: list[Any] = []
        self.lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["content-length"]))
                with receiver.lock:
                    receiver.requests.append(
                        {
                            "path": self.path,
                            "headers": {k.lower(): v for k, v in self.headers.items()},
                            "body": body,
                        }
                    )
                    step = receiver.plan.pop(0) if receiver.plan else 200
                if isinstance(step, tuple):
                    time.sleep(step[1])
                    step = 200
                self.send_response(step)
                self.send_header("content-length", "0")
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_port}/kanca"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def bodies(self) -> list[dict[str, Any]]:
        return [json.loads(r["body"]) for r in self.requests]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    r = Receiver()
    yield r
    r.close()


class Clock:
    def __init__(self) -> None:
        # Starts at the real time: the CLI (retry) stamps its changes with it.
        self.now = datetime.now(UTC).replace(microsecond=0)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def config(url: str, **overrides: Any) -> WebhookConfig:
    settings = Settings(webhook_urls=url, webhook_secret=SECRET, webhook_max_attempts=3)
    return WebhookConfig.from_settings(replace(settings, **overrides))


@pytest.fixture
def article(store: Store) -> str:
    store.create_article("deneme", "Deneme haberi", "Metin.", "Kaynak")
    return "deneme"


def store_url(store: Store) -> str:
    """The URL the CLI needs for this test store (on PostgreSQL, its private schema)."""
    if store.dialect == "sqlite":
        return store.engine.url.render_as_string(hide_password=False)
    from conftest import PG_URL

    with store.engine.connect() as conn:
        schema = conn.execute(sa.text("select current_schema()")).scalar_one()
    return f"{PG_URL}?options=-csearch_path%3D{schema}"


def kinds(store: Store) -> list[tuple[str, int, str, str]]:
    return [
        (e.kind, e.payload["comment"]["id"], e.payload["action"], e.payload["actor"]["name"])
        for e in store.events_after(0)
    ]


def test_every_status_change_writes_its_event(
    store: Store, article: str, review_moderator: Moderator
) -> None:
    m = review_moderator
    published = store.add_comment(article, "Ali", m.moderate(CLEAN), commenter_id="k1")
    rejected = store.add_comment(article, "Can", m.moderate(SHOUTED))
    pending = store.add_comment(article, "Ece", m.moderate(REVIEW))
    held = store.add_comment(article, "Efe", m.moderate(CLEAN), hold="Ön denetimli haber.")
    assert kinds(store) == [
        ("comment.published", published.id, "approve", "system"),
        ("comment.rejected", rejected.id, "reject", "system"),
        ("comment.pending", pending.id, "review", "system"),
        ("comment.pending", held.id, "hold", "system"),
    ]
    first = store.events_after(0)[1]
    assert first.payload["comment"] == {
        "id": rejected.id,
        "article": article,
        "parent_id": None,
        "author": "Can",
        "text": SHOUTED,
        "status": "rejected",
        "decision": {"action": "reject", "clauses": ["capitals"]},
    }
    assert first.payload["actor"] == {"kind": "system", "name": "system"}
    seen = len(store.events_after(0))

    store.decide(pending.id, "ayse", Status.APPROVED)
    store.undo(pending.id, "ayse")
    # A corrected version of the rejected one is published; then a moderator overturns
    # the original, which takes the correction down: a rejection too.
    fixed = store.add_comment(article, "Can", m.moderate(CLEAN), resubmission_of=rejected.id)
    store.decide(rejected.id, "ayse", Status.APPROVED, overturn=True)
    new = store.events_after(0)[seen:]
    ayse = {"kind": "moderator", "name": "ayse"}
    system = {"kind": "system", "name": "system"}
    assert [
        (e.kind, e.payload["comment"]["id"], e.payload["action"], e.payload["actor"]) for e in new
    ] == [
        ("comment.published", pending.id, "approve", ayse),
        ("comment.pending", pending.id, "undo", ayse),
        ("comment.published", fixed.id, "approve", system),
        ("comment.rejected", fixed.id, "supersede", ayse),
        ("comment.published", rejected.id, "overturn_approve", ayse),
    ]
    assert new[0].payload["comment"]["status"] == "approved"


def test_reports_takedowns_bans_and_edits_write_their_events(
    store: Store, article: str, review_moderator: Moderator
) -> None:
    m = review_moderator
    reported = store.add_comment(article, "Ali", m.moderate(CLEAN))
    banned = store.add_comment(article, "Trol", m.moderate(CLEAN), commenter_id="trol")
    edited = store.add_comment(article, "Ece", m.moderate(CLEAN), commenter_id="ece")
    seen = len(store.events_after(0))
    store.report(reported.id, "okur-1", "insult", threshold=1)  # held by the report
    store.dismiss_reports(reported.id, "ayse")  # published again
    store.take_down(reported.id, "ayse", "Hakaret.")
    store.sanction("trol", "ban", "Sürekli hakaret.", "ayse")
    store.take_down_comments("trol", [banned.id], "ayse", "Engellendi.")
    store.edit_comment(edited.id, "ece", m.moderate(REVIEW), window=timedelta(minutes=5))
    new = [
        (e.kind, e.payload.get("comment", {}).get("id"), e.payload.get("action"))
        for e in store.events_after(0)[seen:]
        if e.kind.startswith("comment.") and e.kind != "comment.reported"
    ]
    assert new == [
        ("comment.pending", reported.id, "report_hold"),
        ("comment.published", reported.id, "dismiss_reports"),
        ("comment.removed", reported.id, "remove"),
        ("comment.removed", banned.id, "remove"),
        ("comment.pending", edited.id, "edit"),
    ]
    last = store.events_after(0)[-1].payload
    assert last["actor"] == {"kind": "commenter", "name": "commenter:ece"}


def test_remoderation_apply_writes_an_event_for_a_changed_status(
    store: Store, article: str, review_moderator: Moderator
) -> None:
    pending = store.add_comment(article, "Ece", review_moderator.moderate(REVIEW))
    same = store.add_comment(article, "Ali", review_moderator.moderate(CLEAN))
    without_review = Moderator(checks=review_moderator.checks[:1])  # capitals only
    old = {c.id: c.decision.to_dict() for c in (pending, same)}
    changes = [
        {
            "id": i,
            "old": decision_fingerprint(old[i]),
            "decision": without_review.moderate(t).to_dict(),
        }
        for i, t in ((pending.id, REVIEW), (same.id, CLEAN))
    ]
    run = store.start_remoderation_run("fp", "database", {}, [(pending.id, same.id, None)])
    store.save_remoderation_partition(run, 0, {}, changes)
    seen = len(store.events_after(0))
    store.apply_remoderation_partition(run, 0)
    # only the comment whose status changed: pending -> published
    assert kinds(store)[seen:] == [("comment.published", pending.id, "remoderate", "system")]


def test_a_delivery_is_signed_and_carries_the_event(
    store: Store, article: str, review_moderator: Moderator, receiver: Receiver
) -> None:
    clock = Clock()
    dispatcher = Dispatcher(store, config(receiver.url), clock=clock)
    comment = store.add_comment(article, "Ali", review_moderator.moderate(CLEAN), now=clock())
    assert dispatcher.step() == 1
    (request,) = receiver.requests
    headers = {k.lower(): v for k, v in request["headers"].items()}
    event = store.events_after(0)[0]
    delivery = store.deliveries_page().items[0]
    assert headers["x-suzgec-event"] == "comment.published"
    assert headers["x-suzgec-delivery"] == str(delivery.id)
    assert headers["content-type"].startswith("application/json")
    # What a receiver does (the operator guide's example): HMAC over "<t>.<body>".
    fields = dict(part.split("=", 1) for part in headers["x-suzgec-signature"].split(","))
    assert fields["t"] == str(int(clock().timestamp()))
    expected = hmac.new(
        SECRET.encode(), fields["t"].encode() + b"." + request["body"], hashlib.sha256
    ).hexdigest()
    assert hmac.compare_digest(fields["v1"], expected)
    assert verify(SECRET, headers["x-suzgec-signature"], request["body"], int(fields["t"]))
    assert not verify("baska-sir", headers["x-suzgec-signature"], request["body"], int(fields["t"]))
    assert not verify(
        SECRET, headers["x-suzgec-signature"], request["body"] + b" ", int(fields["t"])
    )
    body = json.loads(request["body"])
    assert body["id"] == event.id and body["kind"] == "comment.published"
    assert body["comment"]["id"] == comment.id and body["comment"]["text"] == CLEAN
    assert (delivery.status, delivery.attempts, delivery.last_status) == ("delivered", 1, 200)
    assert delivery.delivered_at == clock()
    assert dispatcher.step() == 0  # never sent twice
    assert len(receiver.requests) == 1


def test_500s_and_timeouts_are_retried_with_backoff_then_delivered(
    store: Store, article: str, review_moderator: Moderator, receiver: Receiver
) -> None:
    clock = Clock()
    dispatcher = Dispatcher(
        store,
        config(receiver.url, webhook_max_attempts=4, webhook_timeout_seconds=0.3),
        clock=clock,
    )
    store.add_comment(article, "Ali", review_moderator.moderate(CLEAN), now=clock())
    receiver.plan = [500, ("sleep", 1.0), 503]
    assert dispatcher.step() == 1
    first = store.deliveries_page().items[0]
    assert (first.status, first.attempts, first.last_status) == ("pending", 1, 500)
    assert first.last_error == "Alıcı 500 döndü."
    assert first.next_attempt_at == clock() + timedelta(seconds=30)
    clock.advance(seconds=29)
    assert dispatcher.step() == 0  # not due yet
    clock.advance(seconds=1)
    assert dispatcher.step() == 1  # the receiver answers too late
    second = store.deliveries_page().items[0]
    assert (second.status, second.attempts, second.last_status) == ("pending", 2, None)
    assert second.last_error == "Alıcı 0.3 saniyede yanıt vermedi."
    assert second.next_attempt_at == clock() + timedelta(seconds=60)
    clock.advance(seconds=60)
    assert dispatcher.step() == 1
    assert store.deliveries_page().items[0].next_attempt_at == clock() + timedelta(seconds=120)
    clock.advance(seconds=120)
    assert dispatcher.step() == 1
    done = store.deliveries_page().items[0]
    assert (done.status, done.attempts, done.last_status, done.last_error) == (
        "delivered",
        4,
        200,
        None,
    )
    assert len(receiver.requests) == 4
    # the same event, the same delivery id, every time
    assert len({r["body"] for r in receiver.requests}) == 1
    assert len({r["headers"]["x-suzgec-delivery"] for r in receiver.requests}) == 1


def test_backoff_doubles_up_to_the_cap() -> None:
    assert [backoff(n).total_seconds() for n in (1, 2, 3, 4)] == [30, 60, 120, 240]
    assert backoff(50) == timedelta(hours=1)


def test_failed_after_the_last_attempt_and_the_retry_command_queues_it_again(
    store: Store, article: str, review_moderator: Moderator, receiver: Receiver
) -> None:
    clock = Clock()
    dispatcher = Dispatcher(store, config(receiver.url), clock=clock)  # 3 attempts
    store.add_comment(article, "Ali", review_moderator.moderate(CLEAN), now=clock())
    receiver.plan = [500, 500, 500]
    for _ in range(3):
        assert dispatcher.step() == 1
        clock.advance(hours=2)
    assert dispatcher.step() == 0
    failed = store.deliveries_page().items[0]
    assert (failed.status, failed.attempts, failed.last_status) == ("failed", 3, 500)
    assert store.deliveries_page("failed").total == 1
    assert store.deliveries_page("pending").total == 0

    url = store_url(store)
    runner = CliRunner()
    result = runner.invoke(main, ["webhooks", "retry", str(failed.id), "--db", url])
    assert result.exit_code == 0, result.output
    assert f"{failed.id} numaralı teslim yeniden kuyrukta" in result.output
    again = store.delivery(failed.id)
    assert (again.status, again.attempts) == ("pending", 0)
    refused = runner.invoke(main, ["webhooks", "retry", str(failed.id), "--db", url])
    assert refused.exit_code == 1
    assert "yalnızca başarısız bir teslim yeniden kuyruğa alınır" in refused.output
    missing = runner.invoke(main, ["webhooks", "retry", "999999", "--db", url])
    assert missing.exit_code == 1 and "999999 numaralı webhook teslimi yok" in missing.output
    assert dispatcher.step() == 1
    assert store.delivery(failed.id).status == "delivered"


def test_a_new_url_gets_events_from_when_it_is_configured_and_kinds_filter(
    store: Store, article: str, review_moderator: Moderator, receiver: Receiver
) -> None:
    clock = Clock()
    store.add_comment(article, "Eski", review_moderator.moderate(CLEAN), now=clock())
    clock.advance(minutes=1)
    dispatcher = Dispatcher(
        store, config(receiver.url, webhook_events="comment.rejected"), clock=clock
    )
    store.add_comment(article, "Ali", review_moderator.moderate(CLEAN), now=clock())
    store.add_comment(article, "Can", review_moderator.moderate(SHOUTED), now=clock())
    assert dispatcher.step() == 1
    assert [(b["kind"], b["comment"]["author"]) for b in receiver.bodies()] == [
        ("comment.rejected", "Can")
    ]


def test_old_events_and_their_deliveries_are_pruned(
    store: Store, article: str, review_moderator: Moderator, receiver: Receiver
) -> None:
    clock = Clock()
    dispatcher = Dispatcher(store, config(receiver.url), clock=clock)
    store.add_comment(article, "Ali", review_moderator.moderate(CLEAN), now=clock())
    dispatcher.step()
    clock.advance(days=31)
    store.add_comment(article, "Can", review_moderator.moderate(CLEAN), now=clock())
    dispatcher.step()  # prunes the 31-day-old event, delivers the new one
    assert [e.payload["comment"]["author"] for e in store.events_after(0)] == ["Can"]
    assert [d.status for d in store.deliveries_page().items] == ["delivered"]
    assert store.deliveries_page().total == 1


def test_settings_are_checked_with_turkish_reasons() -> None:
    with pytest.raises(ConfigError, match="webhook_secret boş"):
        WebhookConfig.from_settings(Settings(webhook_urls="https://alici.example/kanca"))
    with pytest.raises(ConfigError, match="http\\(s\\) adresi değil"):
        WebhookConfig.from_settings(Settings(webhook_urls="ftp://x", webhook_secret="s"))
    with pytest.raises(ConfigError, match="bilinen bir olay değil"):
        WebhookConfig.from_settings(
            Settings(webhook_urls="http://x/", webhook_secret="s", webhook_events="comment.okundu")
        )
    off = WebhookConfig.from_settings(Settings())
    assert not off.enabled and off.kinds is None


def test_the_server_refuses_to_start_without_a_secret(tmp_path: Any) -> None:
    from suzgec.web import create_app

    settings = Settings(
        database_url=f"sqlite:///{tmp_path / 'x.db'}", webhook_urls="http://127.0.0.1:9/k"
    )
    with pytest.raises(ConfigError, match="webhook_secret"):
        create_app(settings)
    result = CliRunner().invoke(
        main,
        ["webhooks", "run", "--db", f"sqlite:///{tmp_path / 'x.db'}"],
        env={"SUZGEC_WEBHOOK_URLS": "http://127.0.0.1:9/k"},
    )
    assert result.exit_code == 1 and "webhook_secret boş" in result.output


def test_two_dispatchers_at_once_deliver_each_event_exactly_once(receiver: Receiver) -> None:
    from conftest import PG_URL, pg_schema

    with pg_schema() as schema:
        engines = [
            sa.create_engine(PG_URL, connect_args={"options": f"-csearch_path={schema}"})
            for _ in range(2)
        ]
        stores = [Store(e) for e in engines]
        try:
            stores[0].migrate()
            stores[0].create_article("deneme", "Deneme", "Metin.", "Kaynak")
            moderator = Moderator(checks=[])
            cfg = config(receiver.url)
            dispatchers = [Dispatcher(s, cfg) for s in stores]
            for n in range(60):
                stores[0].add_comment("deneme", f"Okur {n}", moderator.moderate(f"Yorum {n}."))
            barrier = threading.Barrier(2)
            done = [0, 0]

            def work(i: int) -> None:
                barrier.wait()
                while True:
                    sent = dispatchers[i].step()
                    done[i] += sent
                    if sent == 0:
                        return

            threads = [threading.Thread(target=work, args=(i,)) for i in range(2)]
            for t in threads:
                t.start()
            for t in threads:
                t.join(timeout=60)
            delivery_ids = [r["headers"]["x-suzgec-delivery"] for r in receiver.requests]
            assert len(delivery_ids) == 60 == len(set(delivery_ids))
            assert sorted(b["id"] for b in receiver.bodies()) == [
                e.id for e in stores[0].events_after(0)
            ]
            assert sum(done) == 60
            with engines[0].connect() as conn:
                rows = conn.execute(
                    sa.select(webhook_deliveries.c.status, webhook_deliveries.c.attempts)
                ).all()
            assert len(rows) == 60 and set(rows) == {("delivered", 1)}
            for d in dispatchers:
                d.close()
        finally:
            for s in stores:
                s.close()


def test_the_delivery_log_page_and_api(
    store: Store, make_client: Any, add_moderator: Any, receiver: Receiver
) -> None:
    store.create_article("deneme", "Deneme", "Metin.", "Kaynak")
    clock = Clock()
    dispatcher = Dispatcher(store, config(receiver.url, webhook_max_attempts=1), clock=clock)
    moderator = Moderator(checks=[])
    receiver.plan = [500]
    for n in range(3):
        store.add_comment("deneme", f"Okur {n}", moderator.moderate(f"Yorum {n}."), now=clock())
    assert dispatcher.step() == 3
    add_moderator(store)
    client = make_client(store=store, demo_article=False)

    assert client.get("/api/moderation/webhooks/deliveries").status_code == 401
    token = client.post(
        "/api/moderator/token", json={"username": "ayse", "password": "gizli-parola"}
    ).json()["token"]
    auth = {"authorization": f"Bearer {token}"}
    listed = client.get("/api/moderation/webhooks/deliveries?limit=2", headers=auth).json()
    assert listed["total"] == 3 and len(listed["items"]) == 2
    newest = listed["items"][0]
    assert newest["event"] == "comment.published" and newest["url"] == receiver.url
    assert listed["next_cursor"] == listed["items"][1]["id"]
    rest = client.get(
        f"/api/moderation/webhooks/deliveries?before={listed['next_cursor']}", headers=auth
    ).json()
    assert len(rest["items"]) == 1 and rest["next_cursor"] is None
    failed = client.get("/api/moderation/webhooks/deliveries?status=failed", headers=auth).json()
    assert failed["total"] == 1
    assert failed["items"][0]["last_status"] == 500
    assert failed["items"][0]["last_error"] == "Alıcı 500 döndü."
    bad = client.get("/api/moderation/webhooks/deliveries?status=okundu", headers=auth)
    assert bad.status_code == 422

    assert client.get("/moderator/webhooklar", follow_redirects=False).status_code == 303
    page = client.get("/moderator/giris")
    csrf = page.text.split('name="csrf" value="')[1].split('"')[0]
    client.post(
        "/moderator/giris", data={"csrf": csrf, "username": "ayse", "password": "gizli-parola"}
    )
    html = client.get("/moderator/webhooklar").text
    assert "Webhook teslimleri <small>(3)</small>" in html
    assert html.count('<tr class="delivery-') == 3
    assert "Alıcı 500 döndü." in html and "Başarısız" in html
    assert "Webhook adresi ayarlanmamış" in html  # this app has no webhook_urls
    only = client.get("/moderator/webhooklar?durum=failed").text
    assert only.count('<tr class="delivery-failed"') == 1
    assert '<tr class="delivery-delivered"' not in only
    wrong = client.get("/moderator/webhooklar?durum=okundu")
    assert wrong.status_code == 400
    assert "“okundu” bir teslim durumu değil" in wrong.text
    assert wrong.text.count('<tr class="delivery-') == 3


@pytest.mark.slow
def test_suzgec_serve_delivers_to_a_receiver(tmp_path: Any, receiver: Receiver) -> None:
    import httpx

    from served import Served, servers

    with servers() as started:
        server = Served(
            tmp_path,
            "webhooks",
            database_url=f"sqlite:///{tmp_path / 'serve.db'}",
            secret_key="serve-test",
            rate_limit_per_minute=0,
            webhook_urls=receiver.url,
            webhook_secret=SECRET,
        )
        started.append(server)
        server.wait_ready()
        slug = httpx.get(f"{server.base}/api/articles").json()["articles"][0]["slug"]
        posted = httpx.post(
            f"{server.base}/api/articles/{slug}/comments", json={"text": CLEAN, "author": "Ali"}
        )
        assert posted.status_code == 201, posted.text
        deadline = time.monotonic() + 30
        while not receiver.requests and time.monotonic() < deadline:
            time.sleep(0.1)
        assert receiver.requests, server.log()
        request = receiver.requests[0]
        assert verify(
            SECRET,
            request["headers"]["x-suzgec-signature"],
            request["body"],
            int(time.time()),
        )
        body = json.loads(request["body"])
        assert body["kind"] == "comment.published"
        assert body["comment"]["id"] == posted.json()["comment"]["id"]
        # SIGTERM: the lifespan stops the dispatcher and the process ends (uvicorn
        # re-raises the signal after its shutdown, hence -15), with nothing raised.
        server.stop()
        assert server.proc.wait(timeout=20) in (0, -15), server.log()
        assert "Traceback" not in server.log()
