"""Retention and privacy requests (issue 11): purge, export, erase; the audit log's one
allowed update (redaction) really clears, and every other update is still refused."""

import json
from datetime import timedelta

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from suzgec.cli import main
from suzgec.model import Status
from suzgec.pipeline import Moderator
from suzgec.store import Store
from suzgec.store.base import utcnow
from suzgec.store.tables import audit_log, comments, reports
from suzgec.web.demo import seed_demo

SHOUTED = "BU HABER ÇOK KÖTÜ"
CLEAN = "Haber için teşekkürler, çok faydalı oldu."


@pytest.fixture
def moderator():
    return Moderator()


def add(store: Store, moderator, text: str, who: str, days_ago: float = 0, address="adres"):
    from suzgec.web.demo import DEMO_SLUG

    seed_demo(store)
    return store.add_comment(
        DEMO_SLUG,
        "Zeynep Yılmaz",
        moderator.moderate(text),
        now=utcnow() - timedelta(days=days_ago),
        commenter_id=who,
        address_hash=address,
        text_hash="h-" + text[:10],
    )


def row(store: Store, comment_id: int):
    with store.engine.connect() as conn:
        return conn.execute(sa.select(comments).where(comments.c.id == comment_id)).one()


def audit_rows(store: Store, comment_id: int):
    with store.engine.connect() as conn:
        return conn.execute(sa.select(audit_log).where(audit_log.c.comment_id == comment_id)).all()


def test_purge_blanks_old_rejections_and_clears_old_addresses(store: Store, moderator) -> None:
    old_rejected = add(store, moderator, SHOUTED, "a", days_ago=100)
    new_rejected = add(store, moderator, SHOUTED + " YİNE", "a", days_ago=1)
    old_published = add(store, moderator, CLEAN, "a", days_ago=100)
    assert old_rejected.status is Status.REJECTED and old_published.status is Status.APPROVED
    done = store.purge(rejected_days=90, address_days=30)
    assert done.comments_blanked == 1 and done.audit_redacted == 1
    assert done.addresses_cleared == 1  # the old published one; the old rejected was blanked
    gone = row(store, old_rejected.id)
    assert (gone.text, gone.author, gone.commenter_id, gone.address_hash) == ("", "", None, None)
    assert gone.decision["findings"] and gone.decision["findings"][0]["message"] == ""
    assert gone.decision["suggestion"] is None
    [entry] = audit_rows(store, old_rejected.id)
    assert entry.redacted_at is not None and entry.note is None and entry.decision is None
    assert entry.action == "reject" and entry.actor == "system"  # who did what stays
    assert row(store, new_rejected.id).text == new_rejected.text
    kept = row(store, old_published.id)
    assert kept.text == CLEAN and kept.address_hash is None
    assert row(store, new_rejected.id).address_hash == "adres"
    stats = store.stats(days=200)
    assert sum(d.get("capitals", 0) for d in stats["per_clause"].values()) == 2
    again = store.purge(rejected_days=90, address_days=30)
    assert again.to_dict() == {"comments_blanked": 0, "audit_redacted": 0, "addresses_cleared": 0}
    assert store.purge(0, 0).to_dict()["comments_blanked"] == 0


def test_the_audit_log_allows_only_redaction(store: Store, moderator) -> None:
    comment = add(store, moderator, CLEAN, "a")
    [entry] = audit_rows(store, comment.id)
    where = audit_log.c.id == entry.id
    for values in (
        {"note": "değişti"},
        {"actor": "biri"},
        {"redacted_at": utcnow(), "note": "kalıyor"},
        {"redacted_at": utcnow(), "action": "reject", "note": None, "decision": sa.null()},
    ):
        with pytest.raises(sa.exc.DatabaseError), store.engine.begin() as conn:
            conn.execute(sa.update(audit_log).where(where).values(**values))
    with store.engine.begin() as conn:
        conn.execute(
            sa.update(audit_log)
            .where(where)
            .values(redacted_at=utcnow(), note=None, decision=sa.null())
        )
    with pytest.raises(sa.exc.DatabaseError), store.engine.begin() as conn:  # only once
        conn.execute(
            sa.update(audit_log)
            .where(where)
            .values(redacted_at=utcnow(), note=None, decision=sa.null())
        )
    with pytest.raises(sa.exc.DatabaseError), store.engine.begin() as conn:
        conn.execute(sa.delete(audit_log).where(where))


def test_export_holds_everything_about_a_commenter(store: Store, moderator) -> None:
    mine = add(store, moderator, CLEAN, "okur-7")
    other = add(store, moderator, "Başka bir okurun yorumu.", "okur-8")
    with store.engine.begin() as conn:
        conn.execute(
            sa.insert(reports).values(
                comment_id=other.id, reporter="okur-7", reason="spam", created_at=utcnow()
            )
        )
    store.sanction("okur-7", "warn", "Dikkat.", "ayse")
    doc = store.export_commenter("okur-7")
    json.dumps(doc, ensure_ascii=False)  # a JSON document
    assert [c["id"] for c in doc["comments"]] == [mine.id]
    assert doc["comments"][0]["text"] == CLEAN and doc["comments"][0]["address_hash"] == "adres"
    assert [r["comment_id"] for r in doc["reports_filed"]] == [other.id]
    assert [s["kind"] for s in doc["sanctions"]] == ["warn"]
    actions = {(e["comment_id"], e["subject"], e["action"]) for e in doc["audit"]}
    assert (mine.id, None, "approve") in actions
    assert (None, "commenter:okur-7", "sanction_warn") in actions
    assert all(e["comment_id"] != other.id for e in doc["audit"])


def test_erase_blanks_removes_redacts_and_keeps_a_live_ban(store: Store, moderator) -> None:
    published = add(store, moderator, CLEAN, "okur-9")
    rejected = add(store, moderator, SHOUTED, "okur-9")
    other = add(store, moderator, "Başka bir okurun yorumu.", "okur-10")
    with store.engine.begin() as conn:
        conn.execute(
            sa.insert(reports).values(
                comment_id=other.id, reporter="okur-9", reason="spam", created_at=utcnow()
            )
        )
        conn.execute(sa.update(comments).where(comments.c.id == other.id).values(report_count=1))
    store.sanction("okur-9", "warn", "Okur Zeynep'e hakaret.", "ayse")
    ban = store.sanction("okur-9", "ban", "Zeynep Yılmaz adıyla trollük.", "ayse")
    done = store.erase_commenter("okur-9")
    assert done.to_dict() == {
        "comments_erased": 2,
        "comments_removed": 1,
        "audit_redacted": 4,  # two comments' decisions, two sanctions' notes
        "reports_deleted": 1,
        "sanctions_deleted": 1,
        "sanctions_kept": 1,
    }
    assert store.get_comment(published.id).status is Status.REMOVED
    assert store.get_comment(rejected.id).status is Status.REJECTED
    for c in (published, rejected):
        r = row(store, c.id)
        assert (r.text, r.author, r.commenter_id, r.address_hash, r.text_hash) == (
            "",
            "",
            None,
            None,
            None,
        )
    trail = store.audit(published.id)
    assert trail[0].note is None and trail[0].decision is None
    assert trail[-1].action == "remove"
    assert row(store, other.id).report_count == 0
    [kept] = store.active_sanctions("okur-9")
    assert kept.id == ban.id and "Zeynep" not in kept.reason
    doc = json.dumps(store.export_commenter("okur-9"), ensure_ascii=False)
    assert "Zeynep" not in doc and CLEAN not in doc


def test_the_privacy_commands(tmp_path, moderator) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    store = Store(url)
    store.migrate()
    add(store, moderator, SHOUTED, "okur-c", days_ago=10)
    add(store, moderator, CLEAN, "okur-c")
    store.close()
    runner = CliRunner()
    r = runner.invoke(main, ["privacy", "purge", "--db", url, "--rejected-days", "5"])
    assert r.exit_code == 0, r.output
    assert "1 yorum silindi" in r.output
    r = runner.invoke(main, ["privacy", "export", "okur-c", "--db", url])
    # the blanked comment no longer names its commenter
    assert r.exit_code == 0 and [c["text"] for c in json.loads(r.output)["comments"]] == [CLEAN]
    r = runner.invoke(main, ["privacy", "erase", "okur-c", "--db", url], input="h\n")
    assert r.exit_code == 1 and "Sürdürülsün mü?" in r.output
    assert CLEAN in runner.invoke(main, ["privacy", "export", "okur-c", "--db", url]).output
    r = runner.invoke(main, ["privacy", "erase", "okur-c", "--db", url, "--yes"])
    assert r.exit_code == 0 and "1 yorum silindi (1 tanesi" in r.output
    r = runner.invoke(main, ["privacy", "export", "okur-c", "--db", url])
    assert json.loads(r.output)["comments"] == []
    r = runner.invoke(main, ["privacy", "export", "kötü id", "--db", url])
    assert r.exit_code == 2 and "yorumcu kimliği" in r.output
