"""Migration 0005 (the newsroom schema) upgrades a populated 0004 database without losing
a row, keeps the audit log append-only, and allows only a one-time redaction."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.config import Config

from suzgec.model import Status
from suzgec.store.store import MIGRATIONS

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


def _populate_0004(engine: sa.Engine) -> dict[str, int]:
    """Rows in every table a deployed 0004 database holds, written as 0004 knows them."""
    decision = _decision("Yorum.").to_dict()
    meta = sa.MetaData()
    meta.reflect(engine)
    t = meta.tables
    with engine.begin() as conn:
        conn.execute(
            t["articles"].insert(),
            [
                {
                    "slug": f"haber-{i}",
                    "title": f"Haber {i}",
                    "body": "Metin.",
                    "source": "Kaynak",
                    "image": None,
                    "published_at": NOW,
                    "updated_at": NOW,
                }
                for i in range(3)
            ],
        )
        ids = [r.id for r in conn.execute(sa.select(t["articles"].c.id))]
        for n in range(12):
            status = ("approved", "pending", "rejected")[n % 3]
            cid = conn.execute(
                t["comments"].insert().returning(t["comments"].c.id),
                {
                    "article_id": ids[n % 3],
                    "author": f"Okur {n}",
                    "text": f"Yorum {n}",
                    "created_at": NOW,
                    "status": status,
                    "auto_action": {"approved": "approve", "pending": "review"}.get(
                        status, "reject"
                    ),
                    "decision": decision,
                },
            ).scalar_one()
            conn.execute(
                t["audit_log"].insert(),
                {
                    "comment_id": cid,
                    "actor": "system",
                    "action": "approve",
                    "note": None,
                    "decision": decision,
                    "created_at": NOW,
                },
            )
        conn.execute(
            t["moderators"].insert(),
            {"username": "ayse", "password_hash": "x", "created_at": NOW},
        )
    with engine.connect() as conn:
        return {
            name: conn.execute(sa.select(sa.func.count()).select_from(t[name])).scalar_one()
            for name in ("articles", "comments", "audit_log", "moderators")
        }


def _counts(engine: sa.Engine, names: list[str]) -> dict[str, int]:
    with engine.connect() as conn:
        return {
            name: conn.execute(sa.text(f"SELECT count(*) FROM {name}")).scalar_one()
            for name in names
        }


def test_0005_upgrades_a_populated_database_without_losing_a_row(bare_store) -> None:
    bare_store.migrate("0004")
    before = _populate_0004(bare_store.engine)
    bare_store.migrate()
    assert bare_store.current_revision() == "0005"
    assert _counts(bare_store.engine, list(before)) == before
    # Old rows read back through today's Store, with the new columns' defaults.
    article = bare_store.get_article("haber-1")
    assert article.title == "Haber 1"
    comments = [
        c
        for i in range(3)
        for status in (Status.APPROVED, Status.PENDING, Status.REJECTED)
        for c in bare_store.list_comments(f"haber-{i}", status)
    ]
    assert len(comments) == 12
    assert {c.report_count for c in comments} == {0}
    assert {c.commenter_id for c in comments} == {None}
    assert sorted(c.text for c in comments) == sorted(f"Yorum {n}" for n in range(12))
    with bare_store.engine.connect() as conn:
        modes = set(conn.execute(sa.text("SELECT mode FROM articles")).scalars())
        roles = set(conn.execute(sa.text("SELECT role FROM moderators")).scalars())
    assert (modes, roles) == ({"open"}, {"moderator"})
    # The audit trail of an old comment is still whole, and new writes work beside it.
    first = comments[0]
    assert [e.action for e in bare_store.audit(first.id)] == ["approve"]
    bare_store.add_comment("haber-0", "Yeni", _decision("Yeni yorum."), commenter_id="abc")
    assert _counts(bare_store.engine, ["comments"]) == {"comments": 13}


def _decision(text: str):  # type: ignore[no-untyped-def]
    from suzgec.model import Action, Decision

    return Decision(
        text=text, action=Action.APPROVE, findings=(), suggestion=None, policy_version="test"
    )


def test_held_comment_is_pending_and_its_audit_says_why(store) -> None:
    store.create_article("h", "Haber", "Metin.", "Kaynak")
    held = store.add_comment("h", "Okur", _decision("Güzel haber."), hold="Ön onaylı haber.")
    assert held.status is Status.PENDING
    (entry,) = store.audit(held.id)
    assert (entry.action, entry.note) == ("hold", "Ön onaylı haber.")
    # A moderator's approval and its undo replay through the hold.
    store.decide(held.id, "ayse", Status.APPROVED)
    undone = store.undo(held.id, "ayse")
    assert undone.status is Status.PENDING


def _audit_id(store) -> int:  # type: ignore[no-untyped-def]
    store.create_article("a", "Haber", "Metin.", "Kaynak")
    comment = store.add_comment("a", "Okur", _decision("Bir yorum."))
    return store.audit(comment.id)[0].id


def test_the_audit_log_refuses_changes_but_one_redaction(store) -> None:
    entry = _audit_id(store)
    engine = store.engine
    for statement in (
        "UPDATE audit_log SET note = 'başka' WHERE id = :id",
        "UPDATE audit_log SET actor = 'biri', redacted_at = CURRENT_TIMESTAMP, note = NULL, "
        "decision = NULL WHERE id = :id",
        "DELETE FROM audit_log WHERE id = :id",
    ):
        with pytest.raises(sa.exc.DatabaseError, match="append-only"):
            with engine.begin() as conn:
                conn.execute(sa.text(statement), {"id": entry})
    redact = (
        "UPDATE audit_log SET note = NULL, decision = NULL, redacted_at = CURRENT_TIMESTAMP "
        "WHERE id = :id"
    )
    with engine.begin() as conn:
        conn.execute(sa.text(redact), {"id": entry})
        row = conn.execute(
            sa.text("SELECT note, decision, redacted_at, actor FROM audit_log WHERE id = :id"),
            {"id": entry},
        ).one()
    assert (row.note, row.decision, row.actor) == (None, None, "system")
    assert row.redacted_at is not None
    with pytest.raises(sa.exc.DatabaseError, match="append-only"):  # once only
        with engine.begin() as conn:
            conn.execute(sa.text(redact), {"id": entry})


def test_0005_downgrades_and_upgrades_again(bare_store) -> None:
    bare_store.migrate("0004")
    before = _populate_0004(bare_store.engine)
    bare_store.migrate()
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with bare_store.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0004")
    assert bare_store.current_revision() == "0004"
    assert _counts(bare_store.engine, list(before)) == before
    assert "reports" not in sa.inspect(bare_store.engine).get_table_names()
    with pytest.raises(sa.exc.DatabaseError, match="append-only"):  # the 0001 guard is back
        with bare_store.engine.begin() as conn:
            conn.execute(sa.text("UPDATE audit_log SET note = 'x'"))
    bare_store.migrate()
    assert bare_store.current_revision() == "0005"
