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
from suzgec.classifier.cnn import network_forms
from suzgec.classifier.feedback import fingerprint
from suzgec.classifier.model import DATA_DIR, OPEN, OPEN_VERSION, VERSION, ContentModel
from suzgec.classifier.train import (
    REJECT_PRECISION,
    binary_points,
    count_matrix,
    export,
    lexicon_matrix,
    weight,
)
from suzgec.config import Settings
from suzgec.metrics import GRID, macro_f1, prf_of

# Fewest offensive and clean site rows (out of fold) to move the decision points on; with
# fewer, a precision read off them is noise, and the base model's points stay.
MIN_RECALIBRATE = 30
# How far the new model may fall below the running one and still be installed: on the
# site's held-back decisions not at all; on the dev split of every source, the mean and
# the worst source's macro-F1 at reject by at most DEV_TOLERANCE.
SITE_TOLERANCE = 0.0
DEV_TOLERANCE = 0.005
# What the dev guard (build) allows the binary head alone to lose there: half the install
# tolerance, since the content step (lexicon, identity neutralisation, gated clauses) moved
# further than the head alone in a trial (mean −0.006 where the head alone lost 0.0003).
GUARD_TOLERANCE = DEV_TOLERANCE / 2


def card_path(setting: str) -> Path:
    """The model card a `content_model` setting names ("" default, "open", or a path)."""
    if not setting:
        base = DATA_DIR / VERSION
    elif setting == OPEN:
        base = DATA_DIR / OPEN_VERSION
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


def network_part(model: ContentModel, texts: Sequence[str]) -> tuple[float, np.ndarray]:
    """(the linear logit's share in the binary head, the network's weighted logit per text):
    the binary logit is `share × linear + part` (model._with_cnn). Without a network: 1, 0.
    The site's correction is fit on that sum, so its points hold for the model as served,
    and the linear weights take the correction divided by the share."""
    if model.cnn is None:
        return 1.0, np.zeros(len(texts))
    a = model.cnn_weight
    z = np.array([model.cnn.logit(network_forms(t, F.units(t))) for t in texts])
    return 1.0 - a, a * z


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
    dev: Mapping[str, Sequence[S.Row]] | None = None,
) -> Built:
    """Adapt each head the rows label with both classes (at least adapt.MIN_CLASS_ROWS
    each); recalibrate the binary head's points on the out-of-fold scores.

    With `dev` (the shared dev split), the binary head's prior is made stronger, step by
    step, until the head alone (its points chosen on that split) keeps the mean and the
    worst source's macro-F1 at reject within GUARD_TOLERANCE of the base: the weakest prior
    cross-validation picks fits the site best, and can cost other sources more than the
    install check allows (a Teknofest-like site: OffensEval dev 0.769 → 0.740)."""
    x = matrix(base, [r.text for r in rows])
    share, network = network_part(base, [r.text for r in rows])
    guard = _Guard(base, dev, precision) if dev else None
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
        scale = 1.0
        if head == "offensive_any":
            scale = share
            offset = share * offset + network[idx]
        fit = adapt.adapt_head(xh, y, offset, [rows[i].id for i in idx])
        info: dict[str, Any] = {
            "rows": len(idx),
            "positive": int(y.sum()),
            "prior_strength": fit.lam,
            "cv_logloss": {f"{k:g}": round(v, 4) for k, v in fit.cv_logloss.items()},
        }
        if head == "offensive_any" and guard is not None:
            lam, d, b, info["dev_guard"] = guard.choose(w[:, j], bias[head], xh, y, offset, fit)
            if lam != fit.lam:
                fold = adapt.fold_of([rows[i].id for i in idx], y)
                fit = adapt.Adapted(d, b, lam, adapt.out_of_fold(xh, y, offset, fold, lam), {})
                info["prior_strength"] = lam
        new_w[:, j] += fit.d / scale
        new_bias[head] += fit.b / scale
        heads[head] = info
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


class _Guard:
    """The binary head alone on the shared dev split: per-source macro-F1 at reject, its
    points chosen there (train.binary_points)."""

    def __init__(
        self, base: ContentModel, dev: Mapping[str, Sequence[S.Row]], precision: float
    ) -> None:
        rows = [r for rs in dev.values() for r in rs]
        self.x = matrix(base, [r.text for r in rows])
        self.share, self.network = network_part(base, [r.text for r in rows])
        self.y = np.array([r.offensive for r in rows])
        self.src = np.array([r.source for r in rows])
        scored = [n for n in S.SCORED if n in dev]
        self.names = scored or [n for n, rs in dev.items() if any(r.offensive for r in rs)]
        self.precision = precision

    def quality(self, w: np.ndarray, b: float) -> tuple[float, float]:
        p = 1 / (1 + np.exp(-(self.share * (self.x @ w + b) + self.network)))
        _, reject = binary_points(p, self.y, list(self.src), self.precision)
        per = [macro_f1(self.y[self.src == n], p[self.src == n] >= reject) for n in self.names]
        return float(np.mean(per)), float(min(per))

    def choose(
        self,
        w: np.ndarray,
        b: float,
        x: sp.csr_matrix,
        y: np.ndarray,
        offset: np.ndarray,
        fit: adapt.Adapted,
    ) -> tuple[float, np.ndarray, float, dict[str, Any]]:
        """(lam, d, b, what was measured): the cross-validated fit, or the first stronger
        prior that keeps the dev split within GUARD_TOLERANCE (else the strongest tried)."""
        ref = self.quality(w, b)
        tried = []
        candidates = [
            fit.lam,
            *[lam for lam in (*adapt.LAMBDAS, *adapt.GUARD_LAMBDAS) if lam > fit.lam],
        ]
        for lam in candidates:
            d, db = (fit.d, fit.b) if lam == fit.lam else adapt.fit_correction(x, y, offset, lam)
            # d and db correct the served logit; the linear head takes them / share.
            mean, worst = self.quality(w + d / self.share, b + db / self.share)
            tried.append({"prior_strength": lam, "mean": round(mean, 4), "worst": round(worst, 4)})
            if mean >= ref[0] - GUARD_TOLERANCE and worst >= ref[1] - GUARD_TOLERANCE:
                break
        info = {"base": {"mean": round(ref[0], 4), "worst": round(ref[1], 4)}, "tried": tried}
        return lam, d, db, info


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


def dev_points(
    raw: ContentModel,
    dev: Mapping[str, Sequence[S.Row]],
    points: Mapping[str, Mapping[str, float]],
    precision: float,
) -> dict[str, dict[str, float]]:
    """`points` with the binary head's review and reject re-chosen on the shared dev split,
    as the base model's were (train.binary_points). The site's own points encode the
    site's share of offensive comments: at the points of a site where 70 % of comments are
    offensive, any model "loses" on tweets where 20 % are. What the shared dev split checks
    is that the site's corrections of the weights do no harm elsewhere."""
    rows = [r for rs in dev.values() for r in rs]
    out = {h: dict(v) for h, v in points.items()}
    if not rows:
        return out
    p = np.array([raw.score_all(r.text, gate=False)["offensive_any"] for r in rows])
    y = np.array([r.offensive for r in rows])
    review, reject = binary_points(p, y, [r.source for r in rows], precision)
    out["offensive_any"] = {"review": review, "reject": reject}
    return out


def compare(
    running: ContentModel,
    new: ContentModel,
    held: Sequence[S.Row],
    dev: Mapping[str, Sequence[S.Row]],
    settings: Settings,
    new_on_dev: ContentModel | None = None,
) -> dict[str, Any]:
    """`new_on_dev`: the new model as measured on the shared dev split (its binary points
    chosen there, `dev_points`); default `new`."""
    return {
        "site_held_back": {
            "running": at_reject(running, held, settings),
            "new": at_reject(new, held, settings),
        },
        "all_source_dev": {
            "running": dev_report(running, dev, settings),
            "new": dev_report(new_on_dev or new, dev, settings),
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
    built = build(base, points, train_rows, precision, dev)
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
    meta["decision_points"] = built.points
    with tempfile.TemporaryDirectory() as tmp:
        staged = Path(tmp) / version
        export_built(base, built, staged, meta)
        new = ContentModel.load(staged)
        raw = ContentModel.load(staged, calibrated=False)
        on_dev = Path(tmp) / "on-dev"
        export_built(
            base,
            Built(**{**built.__dict__, "points": dev_points(raw, dev, built.points, precision)}),
            on_dev,
            meta,
        )
        report = compare(running, new, held, dev, settings, ContentModel.load(on_dev))
        binary = new.knots is not None
        if binary and held:
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
