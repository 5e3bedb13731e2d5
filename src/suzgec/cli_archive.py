"""CLI commands of the archive: `suzgec remoderate` and `suzgec export --parquet`.

Thin wrappers over suzgec.archive; the settings and the database are opened as for every
other command (suzgec.web.commands), so `--db` and data_dir mean the same everywhere.
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import click

from suzgec import messages
from suzgec.errors import SuzgecError
from suzgec.model import Action, Clause

_config = click.option("--config", type=click.Path(dir_okay=False), help="TOML settings file.")
_db = click.option("--db", "db_url", help="Database URL (overrides database_url).")

_REASONS = {
    "status": "durumu yeni karara göre değişecek",
    "held": "yayımlanmış, reddedilecekti: reddedilmeyecek, moderatör kuyruğuna gidecek",
    "moderator": "bir moderatör karar vermiş: durumu korunacak, not düşülecek",
    "claimed": "bir moderatör inceliyor: durumu korunacak, not düşülecek",
    "version": "başka bir hâli yayında: durumu korunacak, not düşülecek",
    "same": "durumu aynı kalacak (yalnızca karar kaydı yenilenecek)",
    "stale": "okunduktan sonra kararı değişmiş: atlanacak, sonraki çalışma görür",
    "missing": "artık yok: atlanacak",
}
# The same reasons, once applied (the closing line).
_APPLIED = {
    "status": "durumu değişti",
    "held": "moderatör kuyruğuna alındı",
    "moderator": "moderatör kararı korundu",
    "claimed": "incelenirken korundu",
    "version": "başka hâli yayında, korundu",
    "same": "durumu aynı kaldı",
    "stale": "arada değişmiş, atlandı",
    "missing": "artık yok, atlandı",
}
_STATUS = {"pending": "onay bekliyor", "approved": "yayımlandı", "rejected": "reddedildi"}


def _n(value: int) -> str:
    return f"{value:,}".replace(",", ".")  # Turkish groups thousands with dots


def _way(way: str) -> str:
    old, new = way.split("→")
    return f"{messages.DECISION_WORDS[Action(old)]} → {messages.DECISION_WORDS[Action(new)]}"


def _clauses(clauses: dict[str, list[str]]) -> str:
    return ", ".join(
        f"{messages.CLAUSE_NAMES[Clause(c)]}: {_way(f'{old}→{new}')}"
        for c, (old, new) in clauses.items()
    )


def _source(source: str) -> str:
    kind, _, where = source.partition(":")
    return f"Parquet: {where}" if kind == "parquet" else "veritabanı"


def _engine_label(engine: Any) -> str:
    from suzgec.archive.engine import Dask

    if engine is None:
        return "önceden hesaplanmış"
    if not isinstance(engine, Dask):
        return "tek süreç"
    if engine.scheduler:
        return f"Dask kümesi {engine.scheduler}"
    return f"Dask yerel küme, {engine.workers} işçi"


def render(preview: Any, engine: str) -> str:
    """The preview of a run, in Turkish, for the operator's terminal."""
    p = preview
    lines = [
        f"Yeniden denetim #{p.run_id} ({_source(p.source)}; {engine}): {_n(p.seen)} yorum, "
        f"{_n(p.partitions)} bölüm",
        f"  Değişmeyen: {_n(p.unchanged)} · kararı değişen: {_n(p.changed)} · "
        f"işlenemeyen: {_n(len(p.errors))}",
    ]
    if p.errors:
        shown = ", ".join(map(str, p.errors[:10])) + (" …" if len(p.errors) > 10 else "")
        lines.append(f"    işlenemeyen yorumlar (kararları korunur): {shown}")
    if p.directions:
        lines.append("  Karar değişimi (eski → yeni):")
        for way, count in p.directions.most_common():
            same = way.split("→")[0] == way.split("→")[1]
            note = "  (karar aynı, gerekçe değişti)" if same else ""
            lines.append(f"    {_way(way):<20} {_n(count):>9}{note}")
    if p.clauses:
        lines.append("  Madde başına:")
        for clause, counts in sorted(p.clauses.items()):
            ways = ", ".join(f"{_way(w)} {_n(n)}" for w, n in counts.most_common())
            lines.append(f"    {messages.CLAUSE_NAMES[Clause(clause)]} ({clause}): {ways}")
    if p.reasons:
        lines.append("  Uygulanınca:")
        for reason, count in p.reasons.most_common():
            lines.append(f"    {_n(count):>9}  {_REASONS[reason]}")
        for move, count in p.transitions.most_common():
            before, after = move.split("→")
            lines.append(f"    {_n(count):>9}  {_STATUS[before]} → {_STATUS[after]}")
    if p.examples:
        lines.append("  Örnekler:")
        for way, shown in p.examples.items():
            lines.append(f"    {_way(way)}:")
            for e in shown:
                text = " ".join(e["excerpt"].split())
                lines.append(
                    f"      #{e['id']} {e['article']}: “{text}” [{_clauses(e['clauses'])}]"
                )
    return "\n".join(lines)


def _interactive() -> bool:
    """Whether someone can answer the prompt (not a pipe, a cron job or CI)."""
    return sys.stdin.isatty()


def _engine(store: Any, settings: Any, moderator: Any, workers: int, scheduler: str | None):  # type: ignore[no-untyped-def]
    from suzgec.archive.engine import Dask, InProcess

    if scheduler is None and workers <= 1:
        return InProcess(store, moderator)
    url = store.engine.url.render_as_string(hide_password=False)
    return Dask(url, settings, workers=workers, scheduler=scheduler)


@click.command()
@_config
@_db
@click.option(
    "--parquet",
    "parquet_dir",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    help="Read the comments from this Parquet export (suzgec export --parquet) instead of "
    "the database; the new decisions are still applied to the database.",
)
@click.option(
    "-w",
    "--workers",
    default=1,
    show_default=True,
    help="Worker processes on this machine: 1 computes in this process, 2 or more on a "
    "local Dask cluster (0 = all cores).",
)
@click.option(
    "--scheduler",
    help="Address of a running Dask scheduler (tcp://HOST:8786): its workers compute. They "
    "need this suzgec version installed (suzgec[archive]) and must reach the database "
    "or the Parquet folder.",
)
@click.option(
    "--partition-size",
    default=2000,
    show_default=True,
    help="Comment ids per partition (a database source): one task, and one transaction "
    "when applied.",
)
@click.option(
    "--run",
    "run_id",
    type=int,
    help="Continue this run (default: the latest "
    "unfinished run of the same source, policy and models, else a new one).",
)
@click.option("--apply", "apply_", is_flag=True, help="Apply the changes without asking.")
@click.option("--examples", default=3, show_default=True, help="Examples per direction.")
@click.option("--json", "as_json", is_flag=True, help="Print the preview as JSON.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
def remoderate(
    config: str | None,
    db_url: str | None,
    parquet_dir: Path | None,
    workers: int,
    scheduler: str | None,
    partition_size: int,
    run_id: int | None,
    apply_: bool,
    examples: int,
    as_json: bool,
    quiet: bool,
) -> None:
    """Re-moderate stored comments with the current policy and models.

    Computes the new decisions, shows a preview (decisions that would flip, per direction
    and per clause, what happens to each status, examples) and applies them only when
    confirmed: with --apply, or at the prompt. Applying goes partition by partition, one
    transaction each, with an audit entry ("remoderate") per changed comment. A published
    comment that would now be rejected goes to the moderation queue instead; comments a
    moderator decided keep their status and get an audit note.

    Interrupted, the same command continues the same run: nothing is computed or applied
    twice.
    """
    from tqdm import tqdm

    from suzgec.archive import remoderate as archive
    from suzgec.pipeline import Moderator
    from suzgec.web.commands import _settings, _store

    settings = _settings(config, db_url)
    store = _store(settings)
    workers = workers if workers > 0 else (os.cpu_count() or 1)
    try:
        moderator = Moderator(settings)
        run, resumed = archive.open_run(store, moderator, parquet_dir, partition_size, run_id)
        if resumed and not as_json:
            click.echo(f"{run} numaralı yeniden denetim sürdürülüyor.", err=True)
        state = store.remoderation_run(run)
        left = [p for p in state.partitions if not p.computed]
        engine = _engine(store, settings, moderator, workers, scheduler) if left else None
        name = _engine_label(engine)
        try:
            if engine is not None:
                with tqdm(
                    total=sum(p.hi - p.lo for p in left),
                    unit="id",
                    disable=quiet,
                    file=sys.stderr,
                ) as bar:
                    archive.compute(store, run, engine, lambda ids, _: bar.update(ids))
        finally:
            if engine is not None:
                engine.close()
        preview = archive.preview(store, run, examples)
        if as_json:
            import json

            click.echo(json.dumps(preview.to_dict(), ensure_ascii=False, indent=2))
        else:
            click.echo(render(preview, name))
        pending = preview.applied < preview.partitions
        if not pending:
            click.echo("Bu çalışma zaten uygulanmış.", err=True)
            return
        if preview.changed and not apply_:
            if not _interactive():
                click.echo(
                    f"Hiçbir şey uygulanmadı. Uygulamak için: aynı komut --apply ile "
                    f"(ya da --run {run} --apply).",
                    err=True,
                )
                return
            answer = click.prompt(
                "Bu değişiklikler uygulansın mı? (e/h)", default="h", show_default=False, err=True
            )
            if answer.strip().casefold() not in ("e", "evet"):
                click.echo(f"Uygulanmadı; sonra: --run {run} --apply.", err=True)
                return
        with tqdm(
            total=sum(p.hi - p.lo for p in state.partitions),
            unit="id",
            disable=quiet or not preview.changed,
            file=sys.stderr,
        ) as bar:
            done = archive.apply(store, run, lambda ids, _: bar.update(ids))
        click.echo(_applied(done, run), err=True)
    except SuzgecError as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        store.close()


def _applied(done: Counter[str], run: int) -> str:
    if not done:
        return f"Yeniden denetim #{run} tamam: değişen karar yok."
    parts = ", ".join(f"{_n(n)} {_APPLIED[r]}" for r, n in done.most_common())
    return f"Yeniden denetim #{run} uygulandı: {_n(sum(done.values()))} yorum ({parts})."


@click.command()
@click.option(
    "--parquet",
    "directory",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to write the Parquet files and their _manifest.json to.",
)
@click.option(
    "--partition-size",
    default=10_000,
    show_default=True,
    help="Comment ids per file (a partition of `suzgec remoderate --parquet`).",
)
@_config
@_db
def export(directory: Path, partition_size: int, config: str | None, db_url: str | None) -> None:
    """Export the stored comments to Parquet: one file per range of ids, with id, article,
    text, status, automatic action and decision (JSON)."""
    from suzgec.archive import parquet
    from suzgec.web.commands import _settings, _store

    store = _store(_settings(config, db_url))
    try:
        manifest = parquet.export(store, directory, partition_size)
    except SuzgecError as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        store.close()
    rows = sum(p["rows"] for p in manifest["partitions"])
    click.echo(f"{_n(rows)} yorum {len(manifest['partitions'])} dosyaya yazıldı: {directory}")
