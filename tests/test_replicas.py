"""Two `suzgec serve` processes on one PostgreSQL database behave as one service (issue 10):
they start together on an empty database (their migrations race), a client alternating
between them gets one rate-limit budget and one login budget, moderators on different
servers get different comments and each comment one decision, and a logout on one server
ends the token on the other.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections import Counter
from pathlib import Path
from typing import Any

import httpx
import pytest
import sqlalchemy as sa

import suzgec
from served import Served, pg_schema, servers
from suzgec.store import Store
from suzgec.web import texts
from suzgec.web.demo import DEMO_SLUG

BURST = 4  # submissions a client has, refilled at 1 a minute: none come back during the test
LOGIN_BUDGET = 6
SETTINGS = {
    "secret_key": "replica-test",
    "rate_limit_per_minute": 1,
    "rate_limit_burst": BURST,
    "login_attempts_per_minute": LOGIN_BUDGET,
}
PASSWORD = "gizli-parola"
QUEUED = 40
PAGE = 15


def add_moderator(url: str, name: str) -> None:
    """The operator's way: `suzgec moderator add NAME --password-stdin --db URL`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SUZGEC_")}
    env["PYTHONPATH"] = os.pathsep.join(
        [str(Path(suzgec.__file__).parents[1]), env.get("PYTHONPATH", "")]
    )
    cmd = [sys.executable, "-c", "from suzgec.cli import main; main()"]
    done = subprocess.run(
        [*cmd, "moderator", "add", name, "--password-stdin", "--db", url],
        input=PASSWORD + "\n",
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def at_once(*calls: Any) -> list[Any]:
    """Run the calls in threads released at the same moment; their results in order."""
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def run(i: int) -> None:
        barrier.wait()
        results[i] = calls[i]()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return results


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def login(base: str, name: str, password: str = PASSWORD) -> httpx.Response:
    return httpx.post(
        f"{base}/api/moderator/token", json={"username": name, "password": password}, timeout=30
    )


def human_audit(url: str) -> dict[int, list[str]]:
    """comment id -> the moderators' audit actions on it, oldest first."""
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(
                sa.text(
                    "SELECT comment_id, action FROM audit_log "
                    "WHERE actor <> 'system' AND comment_id IS NOT NULL ORDER BY id"
                )
            ).all()
    finally:
        engine.dispose()
    out: dict[int, list[str]] = {}
    for comment_id, action in rows:
        out.setdefault(int(comment_id), []).append(str(action))
    return out


def test_seeding_the_demo_after_another_server_did(store: Store, monkeypatch) -> None:
    """Replicas starting together both count no article, then both insert the demo: the
    second one used to fail to start ("… adresli bir haber zaten var.")."""
    from suzgec.web.demo import seed_demo

    assert seed_demo(store) is True
    monkeypatch.setattr(store, "count_articles", lambda: 0)  # counted before the other's insert
    assert seed_demo(store) is False
    assert [a.slug for a in store.list_articles()] == [DEMO_SLUG]


@pytest.mark.slow
def test_two_servers_on_one_postgresql_are_one_service(tmp_path: Path, review_moderator) -> None:
    with pg_schema() as url, servers() as started:
        # Started at the same moment on an empty schema: both migrate, both seed the demo.
        a = Served(tmp_path, "a", database_url=url, **SETTINGS)
        b = Served(tmp_path, "b", database_url=url, **SETTINGS)
        started += [a, b]
        a.wait_ready()
        b.wait_ready()
        assert httpx.get(f"{b.base}/api/articles").json()["articles"][0]["slug"] == DEMO_SLUG
        assert len(httpx.get(f"{a.base}/api/articles").json()["articles"]) == 1

        # One submission budget for a client, whichever server it reaches.
        # (Texts differ: the same text again from one address is held as a repeat.)
        statuses = [
            httpx.post(
                f"{server.base}/api/articles/{DEMO_SLUG}/comments",
                json={"text": f"Emeğinize sağlık, güzel bir haber ({n}. kez okudum)."},
                timeout=30,
            ).status_code
            for n, server in enumerate([a, b] * BURST)
        ]
        assert statuses == [201] * BURST + [429] * BURST

        add_moderator(url, "ayse")
        add_moderator(url, "mehmet")
        # One login budget too (per client address here: all of it is loopback).
        answers = [login(a.base, "ayse"), login(b.base, "mehmet"), login(a.base, "ayse")]
        assert [r.status_code for r in answers] == [200, 200, 200]
        ayse, mehmet, ayse_again = (r.json()["token"] for r in answers)
        wrong = [
            login(server, "ayse", "yanlis-parola").status_code
            for server in [b.base, a.base] * (LOGIN_BUDGET - 2)
        ]
        left = LOGIN_BUDGET - len(answers)
        assert wrong == [401] * left + [429] * (len(wrong) - left)

        # The queue: claims made at the same moment on two servers do not overlap.
        store = Store(url)
        decision = review_moderator.moderate("Bu yorum incelensin.")
        queued = [store.add_comment(DEMO_SLUG, "Okur", decision).id for _ in range(QUEUED)]
        store.close()
        pages = at_once(
            lambda: httpx.get(
                f"{a.base}/api/moderator/queue?limit={PAGE}", headers=bearer(ayse), timeout=30
            ),
            lambda: httpx.get(
                f"{b.base}/api/moderator/queue?limit={PAGE}", headers=bearer(mehmet), timeout=30
            ),
        )
        mine, theirs = ({c["id"] for c in p.json()["comments"]} for p in pages)
        assert len(mine) == len(theirs) == PAGE
        assert not mine & theirs
        assert pages[0].json()["total"] == pages[1].json()["total"] == QUEUED

        # Both decide every comment at the same moment (claimed by either, or by nobody).
        def decide(server: Served, token: str, cid: int, status: str) -> httpx.Response:
            return httpx.post(
                f"{server.base}/api/moderator/comments/{cid}/decision",
                json={"status": status},
                headers=bearer(token),
                timeout=30,
            )

        winners: dict[int, str] = {}
        for cid in queued:
            by_ayse, by_mehmet = at_once(
                lambda cid=cid: decide(a, ayse, cid, "approved"),
                lambda cid=cid: decide(b, mehmet, cid, "rejected"),
            )
            assert sorted([by_ayse.status_code, by_mehmet.status_code]) == [200, 409], cid
            loser = by_mehmet if by_ayse.status_code == 200 else by_ayse
            assert loser.json()["error"]["code"] == "conflict"
            assert "moderatörün kuyruğunda" in loser.json()["error"]["message"] or (
                "zaten karara bağlanmış" in loser.json()["error"]["message"]
            )
            winners[cid] = "ayse" if by_ayse.status_code == 200 else "mehmet"
        # Claims decide who wins; nobody's comments went to one or the other.
        assert all(winners[cid] == "ayse" for cid in mine)
        assert all(winners[cid] == "mehmet" for cid in theirs)
        audit = human_audit(url)
        assert {cid: len(audit.get(cid, [])) for cid in queued} == dict.fromkeys(queued, 1)

        # An explicit overturn is the one way to a second human entry.
        target = sorted(mine)[0]
        again = decide(b, mehmet, target, "rejected")
        assert again.status_code == 409
        overturn = httpx.post(
            f"{b.base}/api/moderator/comments/{target}/decision",
            json={"status": "rejected", "overturn": True},
            headers=bearer(mehmet),
            timeout=30,
        )
        assert overturn.status_code == 200, overturn.text
        assert overturn.json()["comment"]["status"] == "rejected"
        audit = human_audit(url)
        assert audit[target] == ["approve", "overturn_reject"]
        assert Counter(len(audit[cid]) for cid in queued) == {1: QUEUED - 1, 2: 1}

        # A logout on one server ends the token on the other at once.
        assert httpx.get(f"{b.base}/api/moderator/stats", headers=bearer(ayse_again)).is_success
        out = httpx.post(f"{a.base}/api/moderator/logout", headers=bearer(ayse_again))
        assert out.status_code == 204
        after = httpx.get(f"{b.base}/api/moderator/stats", headers=bearer(ayse_again))
        assert after.status_code == 401
        assert after.json()["error"]["message"] == texts.UNAUTHORIZED
        # The other login of the same moderator is untouched.
        assert httpx.get(f"{b.base}/api/moderator/stats", headers=bearer(ayse)).is_success


def cpu_ticks(pid: int) -> int:
    with open(f"/proc/{pid}/stat", encoding="utf-8") as fh:
        fields = fh.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


@pytest.mark.slow
def test_serve_with_two_workers(tmp_path: Path) -> None:
    """`suzgec serve --workers 2`: two processes on one port and one SQLite file, one
    submission budget between them."""
    with servers() as started:
        server = Served(tmp_path, "workers", ("--workers", "2"), **SETTINGS)
        started.append(server)
        server.wait_ready()
        workers = server.children()
        assert len(workers) == 2
        before = [cpu_ticks(pid) for pid in workers]
        # A new connection per request, so the kernel hands them to either process.
        for _ in range(60):
            httpx.get(f"{server.base}/api/articles/{DEMO_SLUG}", timeout=30)
        assert all(cpu_ticks(pid) > t for pid, t in zip(workers, before, strict=True))
        statuses = [
            httpx.post(
                f"{server.base}/api/articles/{DEMO_SLUG}/comments",
                json={"text": "Emeğinize sağlık, güzel bir haber."},
                timeout=30,
            ).status_code
            for _ in range(3 * BURST)
        ]
        assert statuses == [201] * BURST + [429] * (2 * BURST)
        assert (tmp_path / "suzgec-data" / "suzgec.db").exists()


def test_workers_refuse_an_in_memory_database() -> None:
    from click.testing import CliRunner

    from suzgec.cli import main

    result = CliRunner().invoke(
        main, ["serve", "--db", "sqlite:///:memory:", "--workers", "2", "--port", "1"]
    )
    assert result.exit_code != 0
    assert "bellekteki bir SQLite veritabanını süreçler paylaşamaz" in result.output
