"""The `suzgec` command: thin wrappers over importable functions."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import BinaryIO

import click

from suzgec import messages
from suzgec.config import load_settings
from suzgec.errors import SuzgecError
from suzgec.model import Action, Decision

_COLOURS = {Action.APPROVE: "green", Action.REVIEW: "yellow", Action.REJECT: "red"}


def _settings(config: str | None):  # type: ignore[no-untyped-def]
    try:
        return load_settings(config)
    except SuzgecError as exc:
        raise click.ClickException(str(exc)) from None


@click.group()
@click.version_option(package_name="suzgec")
def main() -> None:
    """Süzgeç: Türkçe haber sitesi yorumları için moderasyon."""


def render(decision: Decision) -> str:
    """A readable verdict: the decision, each reason with its span marked, the suggestion."""
    head = click.style(
        messages.ACTION_NAMES[decision.action], fg=_COLOURS[decision.action], bold=True
    )
    lines = [head]
    text = decision.text
    for f in decision.findings:
        lines.append(
            f"  - {messages.CLAUSE_NAMES[f.clause]} ({f.clause}, {f.action}, {f.score:.2f}): "
            f"{f.message}"
        )
        for start, end in f.spans:  # a merged finding marks each of its places
            marked = text[:start] + "[" + text[start:end] + "]" + text[end:]
            if len(marked) > 160:  # show the neighbourhood of long comments only
                lo = max(0, start - 60)
                marked = "…" + marked[lo : end + 62] + "…"
            lines.append(f"    {marked}")
    if decision.suggestion:
        lines.append(f"Önerilen metin: {decision.suggestion}")
    return "\n".join(lines)


@main.command()
@click.argument("text")
@click.option("--json", "as_json", is_flag=True, help="Print the Decision as JSON.")
@click.option("--config", type=click.Path(dir_okay=False), help="TOML settings file.")
def check(text: str, as_json: bool, config: str | None) -> None:
    """Moderate one comment and print the verdict."""
    from suzgec.pipeline import Moderator

    try:
        decision = Moderator(_settings(config)).moderate(text)
    except SuzgecError as exc:
        raise click.ClickException(str(exc)) from None
    if as_json:
        click.echo(json.dumps(decision.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(render(decision))


class _ByteCounter:
    """Wraps a binary file so the progress bar can follow bytes read."""

    def __init__(self, fh: BinaryIO, bar) -> None:  # type: ignore[no-untyped-def]
        self.fh, self.bar = fh, bar

    def __iter__(self):  # type: ignore[no-untyped-def]
        for line in self.fh:
            self.bar.update(len(line))
            yield line


@main.command()
@click.argument("source", default="-", type=click.Path(allow_dash=True, dir_okay=False))
@click.option("-o", "--output", default="-", type=click.Path(allow_dash=True, dir_okay=False))
@click.option(
    "-j", "--jobs", default=1, show_default=True, help="Worker processes (0 = all cores)."
)
@click.option("--config", type=click.Path(dir_okay=False), help="TOML settings file.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@click.option(
    "--resume",
    is_flag=True,
    help="Continue an interrupted run: keep the output file's whole lines, skip as many "
    "input lines, append the rest (a torn last line is redone).",
)
def moderate(
    source: str, output: str, jobs: int, config: str | None, quiet: bool, resume: bool
) -> None:
    """Moderate a JSONL file ({"id", "text"} per line) into JSONL decisions, in order.

    A bad line becomes an output line with an "error"; a line a check could not
    moderate is held for review (its decision has a "hold" reason). The run goes on
    and the exit status is 1 if any line failed or was held (lines of the earlier run
    too, with --resume).
    """
    from tqdm import tqdm

    from suzgec.batch import Done, failed_line, moderate_stream, resume_output

    if resume and output == "-":
        raise click.UsageError(messages.RESUME_NEEDS_OUTPUT)
    settings = _settings(config)
    jobs = jobs if jobs > 0 else (os.cpu_count() or 1)
    try:
        done = resume_output(Path(output)) if resume else Done()
    except SuzgecError as exc:
        raise click.ClickException(str(exc)) from None
    inp: BinaryIO = sys.stdin.buffer if source == "-" else open(source, "rb")
    out = sys.stdout if output == "-" else open(output, "a" if resume else "w", encoding="utf-8")
    bar = None
    lines = inp
    if source != "-" and not quiet:
        bar = tqdm(total=Path(source).stat().st_size, unit="B", unit_scale=True, file=sys.stderr)
        lines = _ByteCounter(inp, bar)  # type: ignore[assignment]
    failed: list[int] = list(done.failed)
    held: list[int] = []
    total = done.lines
    try:
        for record in moderate_stream(lines, settings, jobs, skip=done.lines):
            total += 1
            line = failed_line(record)
            if line is not None:
                failed.append(line)
            elif record.get("hold"):
                held.append(total)
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    except SuzgecError as exc:  # a model file that cannot be loaded: one line, no traceback
        raise click.ClickException(str(exc)) from None
    finally:
        if bar is not None:
            bar.close()
        if inp is not sys.stdin.buffer:
            inp.close()
        if out is not sys.stdout:
            out.close()
        else:
            out.flush()
    if held:
        click.echo(messages.LINES_HELD.format(n=len(held), total=total, lines=_few(held)), err=True)
    if failed:
        click.echo(f"{len(failed)}/{total} satır işlenemedi: {_few(failed)}", err=True)
    if failed or held:
        sys.exit(1)


def _few(line_numbers: list[int]) -> str:
    return ", ".join(map(str, line_numbers[:20])) + (" …" if len(line_numbers) > 20 else "")


@main.command(name="eval")
@click.argument("source", required=False, type=click.Path(exists=True, dir_okay=False))
@click.option("--config", type=click.Path(dir_okay=False), help="TOML settings file.")
@click.option(
    "--dev",
    "data",
    type=click.Path(file_okay=False, path_type=Path),
    help="Instead of SOURCE: the content clauses on the dev split of every source carved "
    "from this shared data folder, per source; needs suzgec[train].",
)
def eval_(source: str | None, config: str | None, data: Path | None) -> None:
    """Score labelled JSONL ({"text", "labels": [clause ids], "decision"?}); prints JSON."""
    from suzgec.evaluation import evaluate
    from suzgec.pipeline import Moderator

    if data is not None:
        try:
            from suzgec.classifier import evaluate as content_eval
        except ImportError as exc:
            raise click.ClickException(f"{exc.name} missing: pip install 'suzgec[train]'") from None
        try:
            content_eval.main(["--data", str(data)], _settings(config))
        except SuzgecError as exc:
            raise click.ClickException(str(exc)) from None
        return
    if source is None:
        raise click.UsageError("give a labelled JSONL file, or --dev DATA")

    def records():  # type: ignore[no-untyped-def]
        with open(source, encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if line.strip():
                    try:
                        yield json.loads(line)
                    except json.JSONDecodeError as exc:
                        raise click.ClickException(
                            f"{source}:{n}: invalid JSON ({exc.msg})"
                        ) from None

    try:
        report = evaluate(records(), Moderator(_settings(config)))
    except SuzgecError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(json.dumps(report, ensure_ascii=False, indent=2))


@main.command()
@click.option(
    "--data",
    default="../shared/data",
    show_default=True,
    type=click.Path(file_okay=False, exists=True),
    help="The shared data folder.",
)
@click.option(
    "--out",
    help="Artifact base path (default: the package's data folder); with --feedback, the "
    "folder of the site model (default: <data_dir>/models).",
)
@click.option("--open-data", is_flag=True, help="Only the openly licensed sources.")
@click.option("--sources", help="Comma-separated sources to train on (default: all).")
@click.option("--reject-precision", type=float, help="Dev precision of the reject point.")
@click.option("--sample", type=int, help="Train on N random rows (a quick check).")
@click.option(
    "--cnn", is_flag=True, help="Also train the word CNN of the binary head (needs suzgec[cnn])."
)
@click.option(
    "--feedback",
    "feedback_db",
    is_flag=False,
    flag_value="",
    default=None,
    metavar="[DB_URL]",
    help="Learn from the site's human decisions in this database (alone: the database of "
    "--config): adapt the running model, compare, write a versioned site model "
    "(docs/models/content.md, “Learning from the desk”).",
)
@click.option("--install", is_flag=True, help="With --feedback: install without asking.")
@click.option("--config", type=click.Path(dir_okay=False), help="TOML settings file.")
def train(
    data: str,
    out: str | None,
    open_data: bool,
    sources: str | None,
    reject_precision: float | None,
    sample: int | None,
    cnn: bool,
    feedback_db: str | None,
    install: bool,
    config: str | None,
) -> None:
    """Train the content model from the shared data (needs suzgec[train])."""
    try:
        from suzgec.classifier import train as trainer
    except ImportError as exc:
        raise click.ClickException(f"{exc.name} missing: pip install 'suzgec[train]'") from None
    if feedback_db is not None:
        from suzgec.cli_feedback import run as learn_from_desk

        learn_from_desk(
            db_url=feedback_db,
            config=config,
            data=Path(data),
            out=out,
            reject_precision=reject_precision,
            install=install,
        )
        return
    argv = ["--data", data]
    for flag, value in (
        ("--out", out),
        ("--sources", sources),
        ("--reject-precision", reject_precision),
        ("--sample", sample),
    ):
        if value is not None:
            argv += [flag, str(value)]
    if open_data:
        argv.append("--open-data")
    if cnn:
        argv.append("--cnn")
    try:
        trainer.main(argv)
    except FileNotFoundError as exc:
        raise click.ClickException(str(exc)) from None


from suzgec.web.commands import db, moderator, serve  # noqa: E402

main.add_command(serve)
main.add_command(moderator)
main.add_command(db)

from suzgec.cli_archive import export, remoderate  # noqa: E402

main.add_command(remoderate)
main.add_command(export)

from suzgec.cli_webhooks import webhooks  # noqa: E402

main.add_command(webhooks)
from suzgec.cli_privacy import privacy  # noqa: E402

main.add_command(privacy)
