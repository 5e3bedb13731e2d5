"""Store on SQLite and PostgreSQL: migrations, statuses, audit trail, transactions."""

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from suzgec.model import Action, Status
from suzgec.pipeline import Moderator
from suzgec.store import Conflict, NotFound, Store
from suzgec.store.tables import audit_log, comments

CLEAN = "Haber için teşekkürler, çok faydalı oldu."
SHOUTED = "BU HABER ÇOK KÖTÜ"


@pytest.fixture
def article(store: Store):
    return store.create_article("deneme", "Deneme haberi", "Metin.", "Kaynak", "/static/x.svg")


def count(store: Store, table: sa.Table) -> int:
    with store.engine.connect() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()


def test_migrations_are_numbered_and_idempotent(store: Store) -> None:
    assert store.current_revision() == "0005"
    store.migrate()  # a second run changes nothing
    names = set(sa.inspect(store.engine).get_table_names())
    assert {"articles", "comments", "moderators", "audit_log", "alembic_version"} <= names


def test_articles(store: Store, article) -> None:
    assert store.get_article("deneme").title == "Deneme haberi"
    assert store.get_article("deneme").published_at.tzinfo is not None
    assert [a.slug for a in store.list_articles()] == ["deneme"]
    with pytest.raises(Conflict):
        store.create_article("deneme", "Başka", "Metin.", "Kaynak")
    with pytest.raises(NotFound):
        store.get_article("yok")


def test_statuses_follow_the_automatic_decision(store: Store, article, review_moderator) -> None:
    approved = store.add_comment("deneme", "Ali", review_moderator.moderate(CLEAN))
    rejected = store.add_comment("deneme", "Ali", review_moderator.moderate(SHOUTED))
    pending = store.add_comment("deneme", "Ali", review_moderator.moderate("Bu incelensin lütfen."))
    assert (approved.status, rejected.status, pending.status) == (
        Status.APPROVED,
        Status.REJECTED,
        Status.PENDING,
    )
    # Rejected comments are kept, with the whole decision, so a moderator can overturn.
    again = store.get_comment(rejected.id)
    assert again.decision.action is Action.REJECT
    assert again.decision.suggestion == "Bu haber çok kötü"
    assert again.decision.findings[0].clause == "capitals"
    assert [c.id for c in store.list_comments("deneme")] == [approved.id]
    assert [c.id for c in store.pending()] == [pending.id]
    assert [c.id for c in store.auto_rejected()] == [rejected.id]
    entries = store.audit()
    assert [(e.actor, e.action) for e in entries] == [
        ("system", "approve"),
        ("system", "reject"),
        ("system", "review"),
    ]
    assert entries[1].decision["model_versions"]


def test_moderator_decisions_are_audited(store: Store, article) -> None:
    rejected = store.add_comment("deneme", "Ali", Moderator().moderate(SHOUTED))
    store.decide(rejected.id, "ayse", Status.APPROVED, "Büyük harf değil, kısaltma.", overturn=True)
    assert store.get_comment(rejected.id).status is Status.APPROVED
    assert store.auto_rejected() == []
    trail = store.audit(rejected.id)
    assert [(e.actor, e.action, e.note) for e in trail] == [
        ("system", "reject", None),
        ("ayse", "overturn_approve", "Büyük harf değil, kısaltma."),
    ]
    assert trail[1].decision == trail[0].decision  # the snapshot explains what was overturned
    with pytest.raises(NotFound):
        store.decide(9999, "ayse", Status.APPROVED)
    with pytest.raises(Conflict):
        store.decide(rejected.id, "ayse", Status.PENDING)


def test_audit_log_is_append_only(store: Store, article) -> None:
    store.add_comment("deneme", "Ali", Moderator().moderate(CLEAN))
    for statement in (sa.update(audit_log).values(actor="x"), sa.delete(audit_log)):
        with pytest.raises(sa.exc.DBAPIError), store.engine.begin() as conn:
            conn.execute(statement)
    assert count(store, audit_log) == 1


def test_failed_writes_leave_nothing(store: Store, article) -> None:
    decision = Moderator().moderate(CLEAN)
    with pytest.raises(NotFound):
        store.add_comment("yok", "Ali", decision)
    with pytest.raises(Conflict):
        store.add_comment("deneme", "Ali", decision, parent_id=12345)
    assert count(store, comments) == 0
    assert count(store, audit_log) == 0


def test_replies_need_a_published_parent_of_the_same_article(store: Store, article) -> None:
    moderator = Moderator()
    parent = store.add_comment("deneme", "Ali", moderator.moderate(CLEAN))
    reply = store.add_comment("deneme", "Ayşe", moderator.moderate(CLEAN), parent_id=parent.id)
    assert store.list_comments("deneme")[1].parent_id == parent.id
    hidden = store.add_comment("deneme", "Can", moderator.moderate(SHOUTED))
    with pytest.raises(Conflict):
        store.add_comment("deneme", "Ayşe", moderator.moderate(CLEAN), parent_id=hidden.id)
    store.create_article("baska", "Başka", "Metin.", "Kaynak")
    with pytest.raises(Conflict):
        store.add_comment("baska", "Ayşe", moderator.moderate(CLEAN), parent_id=reply.id)


def test_queue_is_in_arrival_order(store: Store, article, review_moderator) -> None:
    # Arrival (id) order, not the timestamp: replicas' clocks may differ a little, and
    # the id is what the queue's cursor pages by.
    now = datetime.now(UTC)
    decision = review_moderator.moderate("Bu incelensin.")
    first = store.add_comment("deneme", "A", decision, now=now)
    second = store.add_comment("deneme", "B", decision, now=now - timedelta(hours=1))
    assert [c.id for c in store.pending()] == [first.id, second.id]


def test_stats_count_decisions_and_clauses_per_day(store: Store, article) -> None:
    moderator = Moderator()
    now = datetime.now(UTC)
    store.add_comment("deneme", "A", moderator.moderate(CLEAN), now=now)
    store.add_comment("deneme", "B", moderator.moderate(SHOUTED), now=now)
    store.add_comment("deneme", "C", moderator.moderate(SHOUTED), now=now - timedelta(days=1))
    store.add_comment("deneme", "D", moderator.moderate(SHOUTED), now=now - timedelta(days=30))
    stats = store.stats(days=7, today=now.date())
    today, yesterday = stats["days"][-1], stats["days"][-2]
    assert stats["per_decision"][today] == {"approve": 1, "reject": 1}
    assert stats["per_decision"][yesterday] == {"reject": 1}
    assert stats["per_clause"][today] == {"capitals": 1}
    assert sum(sum(d.values()) for d in stats["per_decision"].values()) == 3
    assert stats["by_status"] == {"pending": 0, "approved": 1, "rejected": 3, "removed": 0}


def test_moderators(store: Store) -> None:
    store.add_moderator("ayse", "hash")
    account = store.get_moderator("ayse")
    assert account is not None and account.password_hash == "hash"
    assert store.get_moderator("yok") is None
    with pytest.raises(Conflict):
        store.add_moderator("ayse", "x")
    store.set_password("ayse", "yeni")
    assert store.get_moderator("ayse").password_hash == "yeni"  # type: ignore[union-attr]


def test_sqlite_file_is_created_with_parent_dirs(tmp_path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'a' / 'b' / 'x.db'}")
    store.migrate()
    assert (tmp_path / "a" / "b" / "x.db").exists()
    store.close()


def test_cli_db_upgrade_and_moderator_add(tmp_path) -> None:
    from click.testing import CliRunner

    from suzgec.cli import main

    url = f"sqlite:///{tmp_path / 'cli.db'}"
    runner = CliRunner()
    result = runner.invoke(main, ["db", "upgrade", "--db", url])
    assert result.exit_code == 0 and "0005" in result.output
    add = ["moderator", "add", "ayse", "--password-stdin", "--db", url]
    result = runner.invoke(main, add, input="uzun-bir-parola\n")
    assert result.exit_code == 0, result.output
    account = Store(url).get_moderator("ayse")
    assert account is not None and account.password_hash.startswith("$argon2")
    assert runner.invoke(main, add, input="uzun-bir-parola\n").exit_code == 1  # exists
    short = runner.invoke(
        main, ["moderator", "add", "ali", "--password-stdin", "--db", url], input="kisa\n"
    )
    assert short.exit_code == 1 and "8" in short.output


def test_undo_restores_the_status_before_the_latest_decision(
    store: Store, article, review_moderator
) -> None:
    queued = store.add_comment("deneme", "Ali", review_moderator.moderate("Bu incelensin."))
    store.decide(queued.id, "ayse", Status.REJECTED, "reddediyorum")
    assert store.undo(queued.id, "ayse").status is Status.PENDING
    assert [c.id for c in store.pending()] == [queued.id]
    trail = store.audit(queued.id)
    assert [(e.actor, e.action) for e in trail] == [
        ("system", "review"),
        ("ayse", "reject"),
        ("ayse", "undo"),
    ]
    assert trail[2].note == (
        f"Geri alınan karar: ret (denetim kaydı {trail[1].id}). "
        "Yorumun durumu yeniden: onay bekliyor."
    )
    assert trail[2].decision == trail[0].decision
    # Only the latest decision, once: an undo is not itself undone.
    with pytest.raises(Conflict, match="yalnızca son karar"):
        store.undo(queued.id, "ayse")
    # The trail is replayed: after a new decision, undo goes back to pending again.
    store.decide(queued.id, "ayse", Status.APPROVED)
    assert store.undo(queued.id, "ayse").status is Status.PENDING


def test_undo_of_an_overturn_and_of_two_decisions(store: Store, article) -> None:
    rejected = store.add_comment("deneme", "Ali", Moderator().moderate(SHOUTED))
    store.decide(rejected.id, "ayse", Status.APPROVED, overturn=True)
    assert store.undo(rejected.id, "ayse").status is Status.REJECTED
    assert [c.id for c in store.auto_rejected()] == [rejected.id]
    store.decide(rejected.id, "ayse", Status.APPROVED, overturn=True)
    store.decide(rejected.id, "ayse", Status.REJECTED, overturn=True)
    assert store.undo(rejected.id, "ayse").status is Status.APPROVED  # the one before the latest


def test_undo_is_refused_with_a_reason(store: Store, article, review_moderator) -> None:
    queued = store.add_comment("deneme", "Ali", review_moderator.moderate("Bu incelensin."))
    with pytest.raises(Conflict, match="geri alınacak bir moderatör kararı yok"):
        store.undo(queued.id, "ayse")  # only the automatic decision so far
    store.decide(queued.id, "ayse", Status.APPROVED)
    with pytest.raises(Conflict, match="“ayse” verdi"):
        store.undo(queued.id, "mehmet")
    with pytest.raises(Conflict, match="5 dakikadan eski"):
        store.undo(queued.id, "ayse", now=datetime.now(UTC) + timedelta(minutes=6))
    with pytest.raises(NotFound):
        store.undo(9999, "ayse")
    # Refusals write nothing and change nothing.
    assert store.get_comment(queued.id).status is Status.APPROVED
    assert [e.action for e in store.audit(queued.id)] == ["review", "approve"]
    within = datetime.now(UTC) + timedelta(minutes=4)
    assert store.undo(queued.id, "ayse", now=within).status is Status.PENDING


def test_article_titles(store: Store, article) -> None:
    store.create_article("baska", "Başka haber", "Metin.", "Kaynak")
    assert store.article_titles(["deneme", "baska", "yok"]) == {
        "deneme": "Deneme haberi",
        "baska": "Başka haber",
    }
    assert store.article_titles([]) == {}
