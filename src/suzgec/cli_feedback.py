"""`suzgec train --feedback`: the glue between the site's store and the classifier.

Reads the site's human decisions (Store.human_decisions), turns them into labelled rows
(classifier.feedback), builds and compares a site model (classifier.site) and, when it is
not worse and the operator confirms, installs it by pointing the `content_model` setting of
the config file at it. The classifier never imports the store; this module joins them.
"""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

import click

from suzgec import messages
from suzgec.config import CONFIG_ENV, ENV_PREFIX, load_settings

# Fewest labelled site rows worth a model: below this the held-back slice is a handful.
MIN_ROWS = 50
MODELS_DIR = "models"  # under data_dir


def _toml_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def set_content_model(config: Path, value: str) -> None:
    """Point `content_model` in the TOML file at `value`: its line replaced, or one added
    (every setting is a top-level key, so a line at the end is one too)."""
    text = config.read_text(encoding="utf-8") if config.exists() else ""
    line = f"content_model = {_toml_string(value)}"
    pattern = re.compile(r"^[ \t]*content_model[ \t]*=.*$", re.MULTILINE)
    if pattern.search(text):
        text = pattern.sub(lambda _: line, text, count=1)
    else:
        text = text + ("" if not text or text.endswith("\n") else "\n") + line + "\n"
    tmp = config.with_name(config.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(config)


def run(
    *,
    db_url: str,
    config: str | None,
    data: Path,
    out: str | None,
    reject_precision: float | None,
    install: bool,
) -> None:
    from suzgec.classifier import feedback
    from suzgec.classifier import site as site_model
    from suzgec.classifier import sources as S
    from suzgec.classifier.model import ContentModel
    from suzgec.classifier.train import REJECT_PRECISION
    from suzgec.web.commands import _settings, _store

    settings = _settings(config, db_url or None)
    store = _store(settings)
    try:
        records = store.human_decisions()
    finally:
        store.close()
    rows = feedback.rows_of(records)
    if len(rows) < MIN_ROWS:
        raise click.ClickException(
            messages.SITE_NO_DECISIONS.format(found=len(records), min=MIN_ROWS)
        )
    train_rows, held = feedback.hold_back(rows)
    present = tuple(s.name for s in S.SOURCES if (data / s.file).is_file())
    dev = S.load_splits(data, present).dev if present else {}
    out_dir = Path(out) if out else Path(settings.data_dir) / MODELS_DIR
    dates = sorted(r["decided_at"] for r in records)
    outcome = site_model.make(
        running_setting=settings.content_model,
        train_rows=train_rows,
        held=held,
        dev=dev,
        settings=settings,
        out_dir=out_dir.resolve(),
        precision=reject_precision or REJECT_PRECISION,
        decided=(dates[0], dates[-1]),
    )
    summary = {
        "version": outcome.version,
        "site_rows": len(rows),
        "train_rows": len(train_rows),
        "held_back_rows": len(held),
        "comparison": outcome.report,
        "site": {k: outcome.card["site"][k] for k in ("heads", "recalibrated", "notes")},
        "artifact": str(outcome.path) if outcome.path else None,
    }
    click.echo(json.dumps(summary, ensure_ascii=False, indent=2, default=str))
    if outcome.refused:
        for why in outcome.refused:
            click.echo(why, err=True)
        click.echo(messages.SITE_REFUSED_HINT, err=True)
        sys.exit(1)
    assert outcome.path is not None
    ContentModel.load(outcome.path)  # verifies the npz against its card once more
    path = str(outcome.path)
    if not install:
        interactive = sys.stdin.isatty() and sys.stdout.isatty()
        install = interactive and click.confirm(
            messages.SITE_CONFIRM.format(version=outcome.version), default=False
        )
    if not install:
        click.echo(messages.SITE_NOT_INSTALLED.format(path=path), err=True)
        return
    config_file = config or os.environ.get(CONFIG_ENV)
    if not config_file:
        raise click.ClickException(messages.SITE_NO_CONFIG.format(path=path))
    old = settings.content_model
    set_content_model(Path(config_file), path)
    if os.environ.get(ENV_PREFIX + "CONTENT_MODEL") not in (None, path):
        click.echo(messages.SITE_ENV_OVERRIDES.format(path=path), err=True)
    elif load_settings(config_file).content_model != path:  # the file reads back as written
        raise click.ClickException(messages.SITE_NO_CONFIG.format(path=path))
    click.echo(messages.SITE_INSTALLED.format(config=config_file, path=path, old=old))
