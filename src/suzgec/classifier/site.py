"""A site's own content model: the base model corrected by the site's human decisions.

`build` adapts the base model's heads to the site's labelled rows (adapt.py: the base
model is the prior, its strength chosen by cross-validation) and moves the binary head's
decision points so that the stated reject precision holds on the site's comments.
`compare` measures the running model and the new one on a held-back slice of the site's
decisions and on the dev split of every shared source; `verdict` says whether the new one
may be installed. `write` stores the versioned artifact with its model card.

Nothing here knows where the decisions come from (the CLI reads them from the store).
"""

from __future__ import annotations

import json
import re
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp

from suzgec import messages
from suzgec.classifier import adapt
from suzgec.classifier import features as F
from suzgec.classifier import sources as S
from suzgec.classifier.feedback import fingerprint
from suzgec.classifier.model import DATA_DIR, OPEN, VERSION, ContentModel
from suzgec.classifier.train import (
    GRID,
    REJECT_PRECISION,
    count_matrix,
    export,
    lexicon_matrix,
    weight,
)
from suzgec.config import Settings
from suzgec.metrics import macro_f1, prf_of

# Fewest offensive and clean site rows (out of fold) to move the decision points on; with
# fewer, a precision read off them is noise, and the base model's points stay.
MIN_RECALIBRATE = 30
# How far the new model may fall below the running one and still be installed: on the
# site's held-back decisions not at all; on the dev split of every source, the mean and
# the worst source's macro-F1 at reject by at most DEV_TOLERANCE.
SITE_TOLERANCE = 0.0
DEV_TOLERANCE = 0.005


def card_path(setting: str) -> Path:
    """The model card a `content_model` setting names ("" default, "open", or a path)."""
    if not setting:
        base = DATA_DIR / VERSION
    elif setting == OPEN:
        base = DATA_DIR / f"{VERSION}-open"
    else:
        base = Path(setting)
        base = base.with_suffix("") if base.suffix in (".npz", ".json") else base
    return base.with_name(base.name + ".json")


def read_card(setting: str) -> dict[str, Any]:
    with open(card_path(setting), encoding="utf-8") as fh:
        card = json.load(fh)
    assert isinstance(card, dict)
    return card


def base_setting(running: str) -> str:
    """The model to adapt: the running one, or the base of a running site model (so the
    site's decisions are not counted twice)."""
    site = read_card(running).get("site")
    if isinstance(site, dict) and "base_setting" in site:
        return str(site["base_setting"])
    return running


# --- the base model's feature space --------------------------------------------------------


def matrix(model: ContentModel, texts: Sequence[str]) -> sp.csr_matrix:
    """Texts as the model sees them: TF-IDF over the model's own features (its ids and
    IDF, each block L2-normalised), then the lexicon features; one column per weight row."""
    tf = count_matrix(texts)
    idf = np.zeros(F.DIM, dtype=np.float32)
    idf[model.ids] = model.idf
    x = weight(tf, idf)[:, model.ids]
    return sp.hstack([x, lexicon_matrix(texts)], format="csr")


def weights(model: ContentModel) -> np.ndarray:
    """(columns of `matrix`, heads): the model's weights, lexicon rows last."""
    return np.vstack([model.weights, model.lex_weights]).astype(np.float64)


# --- building ------------------------------------------------------------------------------


@dataclass
class Built:
    weights: np.ndarray  # as `weights(model)`
    bias: dict[str, float]
    points: dict[str, dict[str, float]]
    heads: dict[str, dict[str, Any]]  # per adapted head: rows, lam, cv log loss
    recalibrated: bool
    oof_precision: float | None  # binary head, at the new reject point, out of fold
    notes: list[str] = field(default_factory=list)


def _points(p: np.ndarray, y: np.ndarray, precision: float) -> tuple[float, float]:
    """Review at the best macro-F1, reject at the lowest point at or above it whose
    precision reaches `precision` (the highest point when none does)."""
    review = float(max(GRID, key=lambda t: macro_f1(y, p >= t)))
    reject = next(
        (float(t) for t in GRID if t >= review and prf_of(y, p >= t)["precision"] >= precision),
        float(GRID[-1]),
    )
    return review, reject


def build(
    base: ContentModel,
    base_points: Mapping[str, Mapping[str, float]],
    rows: Sequence[S.Row],
    precision: float = REJECT_PRECISION,
) -> Built:
    """Adapt each head the rows label with both classes (at least adapt.MIN_CLASS_ROWS
    each); recalibrate the binary head's points on the out-of-fold scores."""
    x = matrix(base, [r.text for r in rows])
    w = weights(base)
    bias = {h: float(b) for h, b in zip(base.heads, base.bias, strict=True)}
    new_w = w.copy()
    new_bias = dict(bias)
    heads: dict[str, dict[str, Any]] = {}
    notes: list[str] = []
    oof_binary: tuple[np.ndarray, np.ndarray] | None = None
    for j, head in enumerate(base.heads):
        idx = [i for i, r in enumerate(rows) if head in r.labels]
        y = np.array([rows[i].labels[head] for i in idx], dtype=float)
        if min(int(y.sum()), len(y) - int(y.sum())) < adapt.MIN_CLASS_ROWS:
            notes.append(messages.SITE_HEAD_KEPT.format(head=head, min=adapt.MIN_CLASS_ROWS))
            continue
        xh = x[idx]
        offset = xh @ w[:, j] + bias[head]
        fit = adapt.adapt_head(xh, y, offset, [rows[i].id for i in idx])
        new_w[:, j] += fit.d
        new_bias[head] += fit.b
        heads[head] = {
            "rows": len(idx),
            "positive": int(y.sum()),
            "prior_strength": fit.lam,
            "cv_logloss": {f"{k:g}": round(v, 4) for k, v in fit.cv_logloss.items()},
        }
        if head == "offensive_any":
            oof_binary = (fit.oof, y)
    points = {h: dict(v) for h, v in base_points.items()}
    recalibrated = False
    oof_precision = None
    if oof_binary is not None:
        p, y = oof_binary
        if min(int(y.sum()), len(y) - int(y.sum())) >= MIN_RECALIBRATE:
            review, reject = _points(p, y, precision)
            points["offensive_any"] = {"review": review, "reject": reject}
            recalibrated = True
            oof_precision = float(prf_of(y, p >= reject)["precision"])
    if not recalibrated:
        notes.append(messages.SITE_POINTS_KEPT.format(min=MIN_RECALIBRATE))
    return Built(new_w, new_bias, points, heads, recalibrated, oof_precision, notes)


def export_built(
    base: ContentModel, built: Built, out: Path, meta: dict[str, Any]
) -> tuple[Path, Path]:
    """Write the artifact in the base model's format (train.export): same ids and IDF."""
    idf = np.zeros(F.DIM, dtype=np.float32)
    idf[base.ids] = base.idf
    n = len(base.ids)
    coef = {}
    lex = {}
    for j, head in enumerate(base.heads):
        full = np.zeros(F.DIM, dtype=np.float32)
        full[base.ids] = built.weights[:n, j]
        coef[head] = full
        lex[head] = built.weights[n:, j].astype(np.float32)
    model = {"idf": idf, "coef": coef, "lex_coef": lex, "bias": built.bias}
    return export(model, out, {**meta, "decision_points": built.points})


# --- comparing -----------------------------------------------------------------------------


def at_reject(
    model: ContentModel, rows: Sequence[S.Row], settings: Settings
) -> dict[str, float | int]:
    """Macro-F1, precision and recall of "a content finding rejects", as the content step
    decides with these settings (classifier.evaluate.content_actions)."""
    from suzgec.classifier.evaluate import content_actions
    from suzgec.model import Action

    y = np.array([r.offensive for r in rows])
    acts = content_actions([r.text for r in rows], settings, model)
    rejected = np.array([Action.REJECT in a.values() for a in acts], dtype=bool)
    got = prf_of(y, rejected)
    return {
        "rows": len(rows),
        "offensive": int(y.sum()),
        "macro_f1": round(macro_f1(y, rejected), 4) if len(rows) else 0.0,
        "precision": got["precision"],
        "recall": got["recall"],
    }


def dev_report(
    model: ContentModel, dev: Mapping[str, Sequence[S.Row]], settings: Settings
) -> dict[str, Any]:
    per = {name: at_reject(model, rows, settings) for name, rows in dev.items()}
    scored = {n: float(per[n]["macro_f1"]) for n in S.SCORED if n in per}
    scored = scored or {n: float(v["macro_f1"]) for n, v in per.items() if v["offensive"]}
    worst = min(scored, key=scored.__getitem__) if scored else None
    return {
        "sources": per,
        "mean": round(float(np.mean(list(scored.values()))), 4) if scored else 0.0,
        "worst": worst,
        "worst_value": scored[worst] if worst else 0.0,
    }


def compare(
    running: ContentModel,
    new: ContentModel,
    held: Sequence[S.Row],
    dev: Mapping[str, Sequence[S.Row]],
    settings: Settings,
) -> dict[str, Any]:
    return {
        "site_held_back": {
            "running": at_reject(running, held, settings),
            "new": at_reject(new, held, settings),
        },
        "all_source_dev": {
            "running": dev_report(running, dev, settings),
            "new": dev_report(new, dev, settings),
        },
    }


def refusals(report: Mapping[str, Any]) -> list[str]:
    """Why the new model may not be installed, in Turkish; empty: it may."""
    why = []
    site = report["site_held_back"]
    old, new = float(site["running"]["macro_f1"]), float(site["new"]["macro_f1"])
    if new < old - SITE_TOLERANCE:
        why.append(messages.SITE_WORSE_ON_SITE.format(old=old, new=new, rows=site["new"]["rows"]))
    dev = report["all_source_dev"]
    old, new = float(dev["running"]["mean"]), float(dev["new"]["mean"])
    if new < old - DEV_TOLERANCE:
        why.append(messages.SITE_WORSE_ON_DEV.format(old=old, new=new, tol=DEV_TOLERANCE))
    old, new = float(dev["running"]["worst_value"]), float(dev["new"]["worst_value"])
    if new < old - DEV_TOLERANCE:
        why.append(
            messages.SITE_WORSE_WORST.format(
                old=old, new=new, tol=DEV_TOLERANCE, source=dev["new"]["worst"]
            )
        )
    return why


# --- versions and files --------------------------------------------------------------------

_SITE_N = re.compile(r"\+site\.(\d+)$")


def next_version(base_version: str, folder: Path, running_version: str = "") -> str:
    """`<base>+site.<n>`: n one above any site model in `folder` and the running one."""
    seen = [0]
    for card in folder.glob("*+site.*.json") if folder.is_dir() else ():
        m = _SITE_N.search(card.name[: -len(".json")])
        if m:
            seen.append(int(m.group(1)))
    m = _SITE_N.search(running_version)
    if m:
        seen.append(int(m.group(1)))
    return f"{base_version.split('+')[0]}+site.{max(seen) + 1}"


@dataclass
class Outcome:
    version: str
    report: dict[str, Any]
    refused: list[str]
    card: dict[str, Any]
    path: Path | None  # the artifact's base path, when written


def make(
    *,
    running_setting: str,
    train_rows: Sequence[S.Row],
    held: Sequence[S.Row],
    dev: Mapping[str, Sequence[S.Row]],
    settings: Settings,
    out_dir: Path,
    precision: float = REJECT_PRECISION,
    decided: tuple[datetime, datetime] | None = None,
) -> Outcome:
    """Build, compare and, unless refused, write `<out_dir>/<version>.npz|json`."""
    base_name = base_setting(running_setting)
    base_card = read_card(base_name)
    base = ContentModel.load(card_path(base_name).with_suffix(""), calibrated=False)
    running = ContentModel.load(card_path(running_setting).with_suffix(""))
    points = base_card.get("decision_points") or {}
    built = build(base, points, train_rows, precision)
    version = next_version(str(base_card.get("version", VERSION)), out_dir, running.version)
    card: dict[str, Any] = {
        "version": version,
        "site": {
            "base_version": base_card.get("version", VERSION),
            "base_setting": base_name,
            "base_npz_sha256": base_card.get("npz_sha256"),
            "rows": len(train_rows) + len(held),
            "train_rows": len(train_rows),
            "held_back_rows": len(held),
            "offensive_rows": sum(r.offensive for r in [*train_rows, *held]),
            "labels_sha256_16": fingerprint([*train_rows, *held]),
            "first_decision": decided[0].isoformat() if decided else None,
            "last_decision": decided[1].isoformat() if decided else None,
            "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "method": "MAP logistic correction of the base heads (classifier/adapt.py)",
            "heads": built.heads,
            "recalibrated": built.recalibrated,
            "reject_precision": precision,
            "reject_precision_out_of_fold": built.oof_precision,
            "notes": built.notes,
        },
    }
    keep = ("heads", "bias", "features", "lexicon", "npz_sha256", "decision_points", "version")
    inherited = {k: v for k, v in base_card.items() if k not in keep and k != "site"}
    meta = {**inherited, **card, "base_card": {"trained_on": base_card.get("trained_on")}}
    meta.pop("trained_on", None)
    with tempfile.TemporaryDirectory() as tmp:
        staged = Path(tmp) / version
        export_built(base, built, staged, meta)
        new = ContentModel.load(staged)
        report = compare(running, new, held, dev, settings)
        binary = new.knots is not None
        if binary and held:
            raw = ContentModel.load(staged, calibrated=False)
            y = np.array([r.offensive for r in held])
            p = np.array([raw.score_all(r.text, gate=False)["offensive_any"] for r in held])
            reject = built.points["offensive_any"]["reject"]
            report["site_held_back"]["new_binary_precision_at_reject"] = prf_of(y, p >= reject)[
                "precision"
            ]
        refused = refusals(report)
        meta["site"]["comparison"] = report
        path = None
        if not refused:
            out_dir.mkdir(parents=True, exist_ok=True)
            path = out_dir / version
            export_built(base, built, path, meta)
            ContentModel.load(path)  # the written artifact verifies (npz_sha256)
    return Outcome(version, report, refused, meta, path)
