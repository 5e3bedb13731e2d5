"""Archive re-moderation (`suzgec remoderate`): preview, apply, resume, audit, status rules.

The archive is moderated with an "old" Moderator and re-moderated with a "new" one whose
checks differ, so every flip is known in advance: "aptal" was an insult and is no longer,
"salak" now is one, "incelensin" now goes to review.
"""

from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa

from suzgec.archive import remoderate as archive
from suzgec.archive.engine import InProcess
from suzgec.archive.worker import Task
from suzgec.model import Action, Clause, Signal, Status
from suzgec.pipeline import Moderator
from suzgec.store import REMODERATE_ACTION, Store, remoderated_status
from suzgec.store.tables import audit_log


class WordCheck:
    """A signal of `clause` at every occurrence of `word`."""

    def __init__(self, word: str, clause: Clause, score: float, version: str) -> None:
        self.word, self.clause, self.score, self.version = word, clause, score, version

    def __call__(self, comment: Any) -> list[Signal]:
        at = comment.text.find(self.word)
        if at < 0:
            return []
        return [Signal(self.clause, self.score, at, at + len(self.word), "Test mesajı.")]


class OldCheck(WordCheck):
    def __init__(self) -> None:
        super().__init__("aptal", Clause.INSULT, 0.9, "old-1")


class NewInsult(WordCheck):
    def __init__(self) -> None:
        super().__init__("salak", Clause.INSULT, 0.9, "new-2")


class NewReview(WordCheck):
    def __init__(self) -> None:
        super().__init__("incelensin", Clause.OFFENSIVE, 0.6, "new-2")


OLD = Moderator(checks=[OldCheck()])
NEW = Moderator(checks=[NewInsult(), NewReview()])

# text -> (old action, new action)
ARCHIVE = {
    "aptal bir yorum": ("reject", "approve"),
    "salak bir yorum": ("approve", "reject"),
    "bu incelensin lütfen": ("approve", "review"),
    "güzel bir haber": ("approve", "approve"),
    "aptal ve salak": ("reject", "reject"),  # insult either way: no change
}


def fill(store: Store, copies: int = 1) -> dict[str, list[int]]:
    store.create_article("haber", "Başlık", "Gövde", "Kaynak")
    ids: dict[str, list[int]] = {}
    for _ in range(copies):
        for text in ARCHIVE:
            ids.setdefault(text, []).append(
                store.add_comment("haber", "okur", OLD.moderate(text)).id
            )
    return ids


def run_all(store: Store, moderator: Moderator = NEW, size: int = 2, apply: bool = True) -> int:
    run, _ = archive.open_run(store, moderator, partition_size=size)
    archive.compute(store, run, InProcess(store, moderator))
    if apply:
        archive.apply(store, run)
    return run


def remoderate_entries(store: Store, comment_id: int) -> list[Any]:
    return [e for e in store.audit(comment_id) if e.action == REMODERATE_ACTION]


def test_preview_counts_flips_per_direction_and_clause_and_writes_nothing(store: Store) -> None:
    fill(store, copies=2)
    with store.engine.connect() as conn:
        audit_before = conn.execute(sa.select(sa.func.count()).select_from(audit_log)).scalar()
    run = run_all(store, apply=False)
    p = archive.preview(store, run, examples=1)
    assert p.seen == 10 and p.changed == 6 and p.unchanged == 4 and p.errors == []
    assert p.directions == {"reject→approve": 2, "approve→reject": 2, "approve→review": 2}
    assert p.clauses == {
        "insult": {"reject→approve": 2, "approve→reject": 2},
        "offensive": {"approve→review": 2},
    }
    # untouched comments take the new decision, but a published one is held, not removed
    assert p.reasons == {"status": 4, "held": 2}
    assert p.transitions == {
        "rejected→approved": 2,
        "approved→pending": 4,
    }
    assert [e["excerpt"] for e in p.examples["approve→reject"]] == ["salak bir yorum"]
    assert p.applied == 0 and p.computed == p.partitions == 5
    # nothing applied: statuses, decisions and the audit log are as they were
    with store.engine.connect() as conn:
        assert (
            conn.execute(sa.select(sa.func.count()).select_from(audit_log)).scalar() == audit_before
        )
    assert all(not remoderate_entries(store, i) for i in range(1, 11))
    assert store.get_comment(1).status is Status.REJECTED


def test_apply_sets_statuses_by_the_rules_and_audits_each_change(store: Store) -> None:
    ids = fill(store)
    run_all(store)
    was_insult = store.get_comment(ids["aptal bir yorum"][0])
    assert was_insult.status is Status.APPROVED  # reject → approve: published now
    assert was_insult.decision.action is Action.APPROVE
    held = store.get_comment(ids["salak bir yorum"][0])
    assert held.status is Status.PENDING  # published, now rejected: to the queue
    assert held.decision.action is Action.REJECT
    assert store.get_comment(ids["bu incelensin lütfen"][0]).status is Status.PENDING
    for text in ("güzel bir haber", "aptal ve salak"):
        assert not remoderate_entries(store, ids[text][0])
    (entry,) = remoderate_entries(store, held.id)
    assert entry.actor == "system"
    assert entry.decision["decision"] == "reject" and entry.decision["status"] == "pending"
    assert entry.decision["model_versions"] == {"NewInsult": "new-2", "NewReview": "new-2"}
    assert entry.note == (
        "Yeniden denetim: otomatik karar onay → ret. Yayımlanmış yorum yeni kararla "
        "reddedilecekti; reddedilmedi, yayından alınıp moderatör kuyruğuna kondu."
    )
    (entry,) = remoderate_entries(store, was_insult.id)
    assert (
        entry.note == "Yeniden denetim: otomatik karar ret → onay. Durum: reddedildi → yayımlandı."
    )
    # the stored automatic decision is the new one: the same run again changes nothing
    again = run_all(store)
    assert archive.preview(store, again).changed == 0


def test_moderator_decisions_and_claims_keep_their_status(store: Store) -> None:
    ids = fill(store)
    insult = ids["aptal bir yorum"][0]
    # a moderator published it, then changed their mind: rejected, as automatically
    store.decide(insult, "ayse", Status.APPROVED, overturn=True)
    store.decide(insult, "ayse", Status.REJECTED, overturn=True)
    salak = ids["salak bir yorum"][0]
    review = ids["bu incelensin lütfen"][0]
    run_all(store)
    assert store.get_comment(insult).status is Status.REJECTED  # the moderator's, kept
    (entry,) = remoderate_entries(store, insult)
    assert entry.note.endswith("Bir moderatör karar verdiği için durum değişmedi (reddedildi).")
    assert store.get_comment(insult).decision.action is Action.APPROVE  # decision renewed
    assert store.get_comment(salak).status is Status.PENDING
    # now the queue holds `salak` and `review`; a moderator claims them, then a new model
    # approves everything: the claimed comments stay where the moderator is looking
    store.claim_page("mehmet")
    lenient = Moderator(checks=[WordCheck("hiçbiri", Clause.INSULT, 0.9, "lenient-3")])
    run_all(store, lenient)
    for comment_id in (salak, review):
        assert store.get_comment(comment_id).status is Status.PENDING
        assert remoderate_entries(store, comment_id)[-1].note.endswith(
            "Bir moderatör yorumu incelerken geldi; durum değişmedi (onay bekliyor)."
        )


def test_interrupted_compute_and_apply_resume_without_redoing(store: Store) -> None:
    ids = fill(store, copies=2)

    class Interrupted(Exception):
        pass

    class Flaky(InProcess):
        """Computes `budget` partitions, then breaks (a killed worker, a Ctrl-C)."""

        def __init__(self, budget: int) -> None:
            super().__init__(store, NEW)
            self.budget, self.seen = budget, []

        def map(self, tasks: Any) -> Any:
            for task, result in super().map(tasks):
                if len(self.seen) == self.budget:
                    raise Interrupted
                self.seen.append(task.number)
                yield task, result

    run, resumed = archive.open_run(store, NEW, partition_size=2)
    assert not resumed
    first = Flaky(budget=2)
    with pytest.raises(Interrupted):
        archive.compute(store, run, first)
    # the same command again: the same run, and only the partitions not computed yet
    again, resumed = archive.open_run(store, NEW, partition_size=2)
    assert (again, resumed) == (run, True)
    second = Flaky(budget=99)
    assert archive.compute(store, run, second) == 3
    assert sorted(first.seen + second.seen) == [0, 1, 2, 3, 4]
    # apply breaks after the first partition; its writes are whole, and the rest resume
    assert store.apply_remoderation_partition(run, 0) is not None
    assert store.apply_remoderation_partition(run, 0) is None  # never twice
    archive.apply(store, run)
    assert archive.preview(store, run).applied == 5
    changed = [i for t, (old, new) in ARCHIVE.items() if old != new for i in ids[t]]
    for comment_id in changed:
        assert len(remoderate_entries(store, comment_id)) == 1
    # a finished run is not resumed: the next command starts afresh and finds nothing
    fresh, resumed = archive.open_run(store, NEW, partition_size=2)
    assert fresh != run and not resumed


def test_a_decision_changed_since_reading_is_left_alone(store: Store) -> None:
    ids = fill(store)
    slow = run_all(store, apply=False)  # computed, then waits for the operator
    run_all(store, size=3)  # another run (other partitions) applies first
    done = archive.apply(store, slow)
    assert done == {"stale": 3}
    for text in ("aptal bir yorum", "salak bir yorum", "bu incelensin lütfen"):
        assert len(remoderate_entries(store, ids[text][0])) == 1


def test_resuming_with_other_models_is_refused(store: Store) -> None:
    fill(store)
    run = run_all(store, apply=False)
    other = Moderator(checks=[OldCheck(), NewReview()])
    with pytest.raises(Exception, match="başka bir politika ya da modelle"):
        archive.open_run(store, other, partition_size=2, run_id=run)


def test_undo_after_remoderation_returns_to_the_status_it_left(store: Store) -> None:
    ids = fill(store)
    run_all(store)
    held = ids["salak bir yorum"][0]  # published, held for review by the new decision
    store.decide(held, "ayse", Status.APPROVED)
    assert store.undo(held, "ayse").status is Status.PENDING


def test_a_failing_check_counts_the_comment_and_keeps_its_decision(store: Store) -> None:
    class Broken:
        version = "broken-1"

        def __call__(self, comment: Any) -> list[Signal]:
            if "salak" in comment.text:
                raise RuntimeError("model exploded")
            return []

    ids = fill(store)
    run = run_all(store, Moderator(checks=[Broken()]), apply=False)
    p = archive.preview(store, run)
    assert sorted(p.errors) == sorted(ids["salak bir yorum"] + ids["aptal ve salak"])
    archive.apply(store, run)
    assert store.get_comment(ids["salak bir yorum"][0]).decision.action is Action.APPROVE
    assert not remoderate_entries(store, ids["salak bir yorum"][0])


def test_parquet_export_is_read_like_the_database(store: Store, tmp_path: Any) -> None:
    from suzgec.archive import parquet

    fill(store, copies=3)
    manifest = parquet.export(store, tmp_path / "export", partition_size=4)
    assert [(p["lo"], p["hi"], p["rows"]) for p in manifest["partitions"]] == [
        (1, 5, 4),
        (5, 9, 4),
        (9, 13, 4),
        (13, 16, 3),
    ]
    files = parquet.partitions(tmp_path / "export")
    rows = parquet.read_rows(files[0][2])
    assert rows == store.archive_rows(1, 5)
    run, _ = archive.open_run(store, NEW, parquet_dir=tmp_path / "export")
    archive.compute(store, run, InProcess(store, NEW))
    from_files = archive.preview(store, run)
    db_run = run_all(store, apply=False)
    from_db = archive.preview(store, db_run)
    assert from_files.directions == from_db.directions and from_files.changed == 9
    assert from_files.source.startswith("parquet:")
    archive.apply(store, run)
    assert archive.apply(store, db_run) == {"stale": 9}  # the files' run came first
    assert archive.preview(store, run_all(store, apply=False)).changed == 0


@pytest.mark.parametrize(
    ("status", "old", "new", "later", "claimed", "published", "expected"),
    [
        ("approved", "approve", "reject", set(), False, False, ("pending", "held")),
        ("approved", "approve", "review", set(), False, False, ("pending", "status")),
        ("rejected", "reject", "approve", set(), False, False, ("approved", "status")),
        ("pending", "review", "reject", set(), False, False, ("rejected", "status")),
        ("pending", "review", "approve", set(), True, False, ("pending", "claimed")),
        ("rejected", "reject", "approve", set(), False, True, ("rejected", "version")),
        (
            "approved",
            "reject",
            "approve",
            {"overturn_approve"},
            False,
            False,
            ("approved", "moderator"),
        ),
        ("rejected", "review", "approve", {"reject"}, False, False, ("rejected", "moderator")),
        (
            "pending",
            "review",
            "reject",
            {"approve", "undo"},
            False,
            False,
            ("pending", "moderator"),
        ),
        ("rejected", "approve", "approve", {"supersede"}, False, False, ("rejected", "version")),
        ("rejected", "reject", "reject", set(), False, False, ("rejected", "same")),
        # held by an earlier run: a moderator still decides, unless it is fine again
        ("pending", "reject", "reject", set(), False, False, ("pending", "held")),
        ("pending", "reject", "approve", set(), False, False, ("approved", "status")),
    ],
)
def test_status_rules(
    status: str,
    old: str,
    new: str,
    later: set[str],
    claimed: bool,
    published: bool,
    expected: tuple[str, str],
) -> None:
    got = remoderated_status(
        Status(status),
        Action(old),
        Action(new),
        later=later,
        claimed=claimed,
        other_version_published=published,
    )
    assert (str(got[0]), got[1]) == expected


def test_cli_previews_then_applies_only_with_apply(tmp_path: Any) -> None:
    from click.testing import CliRunner

    from suzgec.cli import main

    url = f"sqlite:///{tmp_path / 'cli.db'}"
    store = Store(url)
    store.migrate()
    store.create_article("haber", "Başlık", "Gövde", "Kaynak")
    # stored as approved by a policy that saw nothing; the shipped models reject it
    lax = Moderator(checks=[])
    comment = store.add_comment("haber", "okur", lax.moderate("siktir git aptal herif"))
    store.close()
    runner = CliRunner()
    result = runner.invoke(main, ["remoderate", "--db", url, "-q"])
    assert result.exit_code == 0, result.output
    assert "kararı değişen: 1" in result.output and "onay → ret" in result.output
    assert "(veritabanı; tek süreç)" in result.output
    assert "Hiçbir şey uygulanmadı" in result.output
    store = Store(url)
    assert store.get_comment(comment.id).status is Status.APPROVED
    result = runner.invoke(main, ["remoderate", "--db", url, "-q", "--apply"])
    assert result.exit_code == 0, result.output
    assert "sürdürülüyor" in result.output  # the same run, computed once
    assert store.get_comment(comment.id).status is Status.PENDING
    store.close()


def test_cli_asks_before_applying(tmp_path: Any, monkeypatch: Any) -> None:
    from click.testing import CliRunner

    from suzgec import cli_archive
    from suzgec.cli import main

    url = f"sqlite:///{tmp_path / 'ask.db'}"
    store = Store(url)
    store.migrate()
    store.create_article("haber", "Başlık", "Gövde", "Kaynak")
    comment = store.add_comment("haber", "okur", Moderator(checks=[]).moderate("siktir git"))
    monkeypatch.setattr(cli_archive, "_interactive", lambda: True)
    runner = CliRunner()
    result = runner.invoke(main, ["remoderate", "--db", url, "-q"], input="h\n")
    assert "uygulansın mı? (e/h)" in result.output and "Uygulanmadı" in result.output
    assert store.get_comment(comment.id).status is Status.APPROVED
    result = runner.invoke(main, ["remoderate", "--db", url, "-q"], input="evet\n")
    assert result.exit_code == 0, result.output
    assert "uygulandı: 1 yorum (1 moderatör kuyruğuna alındı)" in result.output
    assert store.get_comment(comment.id).status is Status.PENDING
    store.close()


def test_the_worker_reads_its_partition_itself(tmp_path: Any) -> None:
    """compute_task (what an engine ships) opens the database by URL in its process."""
    from suzgec.archive.worker import compute_task
    from suzgec.config import Settings

    url = f"sqlite:///{tmp_path / 'w.db'}"
    store = Store(url)
    store.migrate()
    store.create_article("haber", "Başlık", "Gövde", "Kaynak")
    lax = Moderator(checks=[])
    store.add_comment("haber", "okur", lax.moderate("siktir git"))
    store.add_comment("haber", "okur", lax.moderate("Güzel bir haber olmuş."))
    result = compute_task(Task(0, 1, 3), url, Settings())
    assert result["seen"] == 2 and [c["id"] for c in result["changes"]] == [1]
    assert result["changes"][0]["clauses"]["profanity"] == ["approve", "reject"]
    store.close()


def test_the_archive_imports_the_store_but_not_the_web() -> None:
    import subprocess
    import sys

    code = (
        "import sys, suzgec.archive.remoderate, suzgec.archive.engine, suzgec.archive.parquet; "
        "print([m for m in sys.modules if m.startswith(('suzgec.web', 'fastapi', 'suzgec.cli'))])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_migration_0004_makes_the_tables_the_code_declares(store: Store) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from suzgec.store.tables import metadata

    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    ours = [d for d in diff if "remoderation" in repr(d)]
    assert ours == []
