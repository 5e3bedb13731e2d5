"""Re-moderation on Dask in local mode: two worker processes, the code path of a cluster.

The workers get only the database URL (or the Parquet files) and the settings, read their
partitions themselves and moderate with the shipped models, as a cluster's workers would.
The stored decisions are fabricated (a policy that saw nothing), so the shipped models'
verdicts are the flips.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest

from suzgec.archive import remoderate as archive
from suzgec.config import Settings
from suzgec.model import Status
from suzgec.pipeline import Moderator
from suzgec.store import REMODERATE_ACTION, Store

pytestmark = pytest.mark.slow
pytest.importorskip("distributed")

PROFANE = ["siktir git", "aptal herif", "amk ya", "orospu çocuğu"]
CLEAN = ["Güzel bir haber olmuş.", "Teşekkürler, emeğinize sağlık.", "Bence de öyle."]


def fill(store: Store, rounds: int = 6) -> tuple[list[int], list[int]]:
    store.create_article("haber", "Başlık", "Gövde", "Kaynak")
    lax = Moderator(checks=[])  # approves everything: what the archive was moderated with
    profane, clean = [], []
    for n in range(rounds):
        for text in PROFANE:
            profane.append(store.add_comment("haber", "okur", lax.moderate(f"{text} {n}")).id)
        for text in CLEAN:
            clean.append(store.add_comment("haber", "okur", lax.moderate(text)).id)
    return profane, clean


def _worked() -> bool:
    """Run on each worker: has it built a Moderator, i.e. computed a partition?"""
    from suzgec.archive import worker

    return worker._moderator is not None


def test_two_local_workers_read_the_database_and_the_parquet_files(tmp_path: Any) -> None:
    from suzgec.archive import parquet
    from suzgec.archive.engine import Dask

    url = f"sqlite:///{tmp_path / 'archive.db'}"
    store = Store(url)
    store.migrate()
    profane, clean = fill(store)
    settings = Settings()
    moderator = Moderator(settings)
    engine = Dask(url, settings, workers=2)
    try:
        run, _ = archive.open_run(store, moderator, partition_size=4)
        assert archive.compute(store, run, engine) == 11
        assert list(engine.client.run(_worked).values()) == [True, True]
        p = archive.preview(store, run)
        assert p.seen == len(profane) + len(clean)
        assert p.changed == len(profane) and p.directions == {"approve→reject": len(profane)}
        assert p.clauses["profanity"]["approve→reject"] >= len(PROFANE)
        # the same archive from a Parquet export, on the same cluster: the same flips
        parquet.export(store, tmp_path / "export", partition_size=10)
        from_files, _ = archive.open_run(store, moderator, parquet_dir=tmp_path / "export")
        archive.compute(store, from_files, engine)
        q = archive.preview(store, from_files)
        assert (q.changed, q.directions, q.clauses) == (p.changed, p.directions, p.clauses)
    finally:
        engine.close()
    archive.apply(store, run)
    for comment_id in profane:
        comment = store.get_comment(comment_id)
        assert comment.status is Status.PENDING  # published: held for a moderator
        (entry,) = [e for e in store.audit(comment_id) if e.action == REMODERATE_ACTION]
        assert entry.decision["model_versions"] == moderator.model_versions
    assert all(store.get_comment(i).status is Status.APPROVED for i in clean)
    store.close()


def _results_held(dask_worker: Any) -> int:
    """Run on each worker: how many task results it keeps in memory."""
    return len(dask_worker.data)


def test_a_result_taken_by_the_driver_is_not_kept_on_the_workers(tmp_path: Any) -> None:
    from suzgec.archive.engine import Dask
    from suzgec.archive.worker import Task

    url = f"sqlite:///{tmp_path / 'archive.db'}"
    store = Store(url)
    store.migrate()
    fill(store)
    store.close()
    engine = Dask(url, Settings(), workers=2)
    try:
        tasks = [Task(n, 1 + 4 * n, 5 + 4 * n, None) for n in range(11)]
        results = engine.map(tasks)
        taken = [next(results) for _ in tasks]
        assert sorted(t.number for t, _ in taken) == list(range(11))
        # Every result is with the driver, and the generator is not closed yet: a worker
        # that still held them would grow with the archive. Releases reach the workers
        # through the scheduler, so the last one may take a moment.
        deadline = time.monotonic() + 10
        while (held := sum(engine.client.run(_results_held).values())) and (
            time.monotonic() < deadline
        ):
            time.sleep(0.1)
        assert held == 0
        results.close()
    finally:
        engine.close()


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh PostgreSQL schema, named in the URL itself (workers get only the URL)."""
    from served import pg_schema

    with pg_schema() as url:
        yield url


def test_cli_with_two_workers_on_postgresql(pg_url: str) -> None:
    from click.testing import CliRunner

    from suzgec.cli import main

    store = Store(pg_url)
    store.migrate()
    profane, _ = fill(store, rounds=3)
    store.close()
    runner = CliRunner()
    args = ["remoderate", "--db", pg_url, "--workers", "2", "--partition-size", "5", "-q"]
    result = runner.invoke(main, [*args, "--apply"])
    assert result.exit_code == 0, result.output
    assert "Dask yerel küme, 2 işçi" in result.output
    assert f"kararı değişen: {len(profane)}" in result.output
    store = Store(pg_url)
    assert all(store.get_comment(i).status is Status.PENDING for i in profane)
    store.close()


def test_an_unreachable_scheduler_is_one_clear_error(tmp_path: Any) -> None:
    from conftest import free_port
    from suzgec.archive.engine import Dask
    from suzgec.errors import SuzgecError

    address = f"tcp://127.0.0.1:{free_port()}"  # nothing listens there
    with pytest.raises(SuzgecError, match="Dask zamanlayıcısına bağlanılamadı") as caught:
        Dask(f"sqlite:///{tmp_path / 'x.db'}", Settings(), scheduler=address, connect_timeout=1)
    assert address in str(caught.value)
