"""Queue claims, one decision per comment, explicit overturns, migrations under a lock
(issue 10). On SQLite and PostgreSQL."""

import subprocess
import sys
import threading
from datetime import UTC, datetime, timedelta

import pytest

from suzgec.model import Status
from suzgec.store import Conflict, Store

CLEAN = "Haber için teşekkürler, çok faydalı oldu."


@pytest.fixture
def queued(store: Store, review_moderator) -> list[int]:
    store.create_article("deneme", "Deneme haberi", "Metin.", "Kaynak")
    decision = review_moderator.moderate("Bu incelensin.")
    return [store.add_comment("deneme", "Ali", decision).id for _ in range(6)]


def test_two_moderators_never_get_the_same_comment(store: Store, queued) -> None:
    ayse = store.claim_page("ayse", limit=4)
    mehmet = store.claim_page("mehmet", limit=4)
    assert [c.id for c in ayse.items] == queued[:4]
    assert [c.id for c in mehmet.items] == queued[4:]
    assert ayse.total == mehmet.total == 6
    # Reopening the queue gives a moderator their own claims back.
    assert [c.id for c in store.claim_page("ayse", limit=4).items] == queued[:4]
    # A claim that ran out is free again.
    later = datetime.now(UTC) + timedelta(minutes=11)
    taken = store.claim_page("mehmet", limit=10, minutes=10, now=later)
    assert [c.id for c in taken.items] == queued


def test_claims_made_at_the_same_moment_do_not_overlap(store: Store, queued) -> None:
    results: dict[str, list[int]] = {}
    start = threading.Barrier(3)

    def claim(name: str) -> None:
        start.wait()
        results[name] = [c.id for c in store.claim_page(name, limit=2).items]

    threads = [threading.Thread(target=claim, args=(n,)) for n in ("a", "b", "c")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    claimed = [i for ids in results.values() for i in ids]
    assert sorted(claimed) == sorted(set(claimed)) and len(claimed) == 6


def test_a_comment_is_decided_once_unless_overturned(store: Store, queued) -> None:
    first = queued[0]
    store.claim_page("ayse", limit=1)
    with pytest.raises(Conflict, match="“ayse” adlı moderatörün kuyruğunda"):
        store.decide(first, "mehmet", Status.APPROVED)
    store.decide(first, "ayse", Status.APPROVED)
    with pytest.raises(Conflict, match="zaten karara bağlanmış"):
        store.decide(first, "ayse", Status.REJECTED)  # a stale page, a double click
    with pytest.raises(Conflict, match="zaten karara bağlanmış"):
        store.decide(first, "mehmet", Status.APPROVED, overturn=True)  # nothing to change
    store.decide(first, "mehmet", Status.REJECTED, "Sonradan fark ettim.", overturn=True)
    trail = [(e.actor, e.action) for e in store.audit(first)]
    assert trail == [("system", "review"), ("ayse", "approve"), ("mehmet", "overturn_reject")]
    assert store.get_comment(first).status is Status.REJECTED


def test_two_decisions_racing_on_one_comment_leave_one(store: Store, queued) -> None:
    target = queued[1]
    outcomes: list[str] = []
    start = threading.Barrier(4)

    def decide(name: str) -> None:
        start.wait()
        try:
            store.decide(target, name, Status.APPROVED)
            outcomes.append("ok")
        except Conflict:
            outcomes.append("conflict")

    threads = [threading.Thread(target=decide, args=(f"m{i}",)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["conflict"] * 3 + ["ok"]
    assert len(store.audit(target)) == 2  # the system's entry and one human decision


def test_replicas_migrating_at_once_all_start(bare_store: Store) -> None:
    """Five processes run the migrations on one fresh database at the same moment."""
    url = bare_store.engine.url.render_as_string(hide_password=False)
    options = bare_store.engine.dialect.name == "postgresql" and dict(bare_store.engine.url.query)
    search_path = ""
    if bare_store.engine.dialect.name == "postgresql":
        # The fixture's schema is chosen by a connect option; pass it on.
        with bare_store.engine.connect() as conn:
            search_path = conn.exec_driver_sql("SHOW search_path").scalar_one()
    del options
    code = (
        "import sys, sqlalchemy as sa\n"
        "from suzgec.store import Store\n"
        "url, path = sys.argv[1], sys.argv[2]\n"
        "args = {'options': f'-csearch_path={path}'} if path else {}\n"
        "engine = sa.create_engine(url, connect_args=args) if path else url\n"
        "Store(engine).migrate()\n"
    )
    procs = [
        subprocess.Popen([sys.executable, "-c", code, url, search_path], stderr=subprocess.PIPE)
        for _ in range(5)
    ]
    errors = [p.communicate(timeout=120)[1].decode() for p in procs]
    assert [p.returncode for p in procs] == [0] * 5, errors
    assert bare_store.current_revision() == "0005"
