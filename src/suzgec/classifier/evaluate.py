"""Score a content-model artifact on the dev split of every source; print JSON.

    python -m suzgec.classifier.evaluate --data ../shared/data [--model PATH]

Per source, the question the held-out tests ask: is a comment offensive when a content finding
*rejects* it? Reported for the content step the pipeline runs (lexicon + model + belief gate,
through the policy's thresholds) and for the model alone, with the share of comments sent to
review. Belief attacks are measured on Mayda's dev rows (the only religious-hate labels).
The means and the worst source are over the four scored sources (sources.SCORED); the
reference per source is `python -m benchmarks.content_baselines`.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np

from suzgec.classifier import sources as S
from suzgec.classifier.model import (
    CLAUSES,
    REJECT_AT,
    REVIEW_AT,
    ContentModel,
    ContentModelCheck,
    shipped,
)
from suzgec.comment import Comment
from suzgec.config import Settings
from suzgec.metrics import macro_f1, prf_of
from suzgec.model import Action


def _r(x: object) -> float:
    return round(float(x), 4)  # type: ignore[arg-type]


def content_actions(
    texts: list[str], settings: Settings, model: ContentModel | None = None
) -> list[dict[str, Action]]:
    """Per text, the action of each content clause the content step finds (review or
    reject): what the pipeline decides for the content clauses."""
    from suzgec.clauses.content import ContentCheck
    from suzgec.policy import Policy

    check = ContentCheck(model=ContentModelCheck(model) if model else None)
    policy = Policy(settings)
    out = []
    for text in texts:
        found: dict[str, Action] = {}
        for s in check(Comment.of(text)):
            a = policy.action_for(s)
            if a.severity > found.get(str(s.clause), Action.APPROVE).severity:
                found[str(s.clause)] = a
        kept: dict[str, Action] = {c: a for c, a in found.items() if a is not Action.APPROVE}
        out.append(kept)
    return out


def _binary(y: np.ndarray, rejected: np.ndarray, flagged: np.ndarray) -> dict[str, object]:
    at_reject = prf_of(y, rejected)
    return {
        "rows": len(y),
        "offensive": int(y.sum()),
        "macro_f1_at_reject": _r(macro_f1(y, rejected)),
        "macro_f1_at_review": _r(macro_f1(y, flagged)),
        "precision_at_reject": at_reject["precision"],
        "recall_at_reject": at_reject["recall"],
        "review_share": _r(np.mean(flagged & ~rejected)),
        "clean_rejected": _r(np.mean(rejected[y == 0])) if (y == 0).any() else 0.0,
    }


def _summary(per_source: dict[str, dict[str, object]], key: str) -> dict[str, object]:
    scored = {s: float(per_source[s][key]) for s in S.SCORED if s in per_source}  # type: ignore[arg-type]
    if not scored:
        return {}
    worst = min(scored, key=scored.__getitem__)
    return {
        "mean": _r(np.mean(list(scored.values()))),
        "worst": worst,
        "worst_value": scored[worst],
    }


def evaluate(model: ContentModel, splits: S.Splits, settings: Settings) -> dict[str, object]:
    step: dict[str, dict[str, object]] = {}
    alone: dict[str, dict[str, object]] = {}
    decided: dict[str, list[dict[str, Action]]] = {}
    for name, rows in splits.dev.items():
        y = np.array([r.offensive for r in rows])
        acts = content_actions([r.text for r in rows], settings, model)
        decided[name] = acts
        step[name] = _binary(
            y,
            np.array([Action.REJECT in a.values() for a in acts]),
            np.array([bool(a) for a in acts]),
        )
        top = np.array([max(model.scores(r.text).values()) for r in rows])
        # The model's own scale: its decision points sit at REVIEW_AT and REJECT_AT.
        alone[name] = _binary(y, top >= REJECT_AT, top >= REVIEW_AT)
    return {
        "model": model.version,
        "dev_seed": S.DEV_SEED,
        "content_step": {
            "sources": step,
            "at_reject": _summary(step, "macro_f1_at_reject"),
            "at_review": _summary(step, "macro_f1_at_review"),
            "max_review_share": max(float(v["review_share"]) for v in step.values()),  # type: ignore[arg-type]
        },
        "model_alone": {"sources": alone, "at_reject": _summary(alone, "macro_f1_at_reject")},
        "belief_attack": belief(splits, decided),
        "clauses": clauses(splits, decided),
        "speed": speed([r.text for r in splits.dev_rows()[:2000]], model),
    }


def belief(splits: S.Splits, decided: dict[str, list[dict[str, Action]]]) -> dict[str, object]:
    """Mayda dev rows with a religious (`dini`) hate target: how many get a belief_attack
    finding; and how many clean rows do, on Mayda and on every source."""
    rows, acts = splits.dev["mayda"], decided["mayda"]
    dini = np.array([r.labels.get("belief_attack") == 1 for r in rows])
    got = np.array(["belief_attack" in a for a in acts])
    rejected = np.array([a.get("belief_attack") is Action.REJECT for a in acts])
    clean = np.array([not r.offensive for r in rows])
    every_clean = [
        "belief_attack" in a
        for name, rs in splits.dev.items()
        for r, a in zip(rs, decided[name], strict=True)
        if not r.offensive
    ]
    return {
        "mayda_dini_rows": int(dini.sum()),
        "mayda_dini_found": _r(got[dini].mean()),
        "mayda_dini_rejected": _r(rejected[dini].mean()),
        "mayda_clean_flagged": _r(got[clean].mean()),
        "all_sources_clean_flagged": _r(np.mean(every_clean)),
    }


def clauses(splits: S.Splits, decided: dict[str, list[dict[str, Action]]]) -> dict[str, object]:
    """Per clause, on the dev rows that label it: P/R of a finding at review and at reject.
    OffensEval and Teknofest give the clause of an offensive comment; belief: Mayda."""
    out: dict[str, object] = {}
    for clause in CLAUSES:
        head = str(clause)
        y, at_review, at_reject = [], [], []
        for name, rows in splits.dev.items():
            for r, a in zip(rows, decided[name], strict=True):
                if head in r.labels and (head != "belief_attack" or name == "mayda"):
                    y.append(r.labels[head])
                    at_review.append(head in a)
                    at_reject.append(a.get(head) is Action.REJECT)
        yy = np.array(y)
        out[head] = {
            "at_review": prf_of(yy, np.array(at_review)),
            "at_reject": prf_of(yy, np.array(at_reject)),
        }
    return out


def speed(texts: list[str], model: ContentModel) -> dict[str, float]:
    """Single-thread timing of the model check (Comment.of + model + spans) per comment."""
    check = ContentModelCheck(model)
    for t in texts[:50]:
        check(Comment.of(t))
    lat = []
    start = time.perf_counter()
    for t in texts:
        t0 = time.perf_counter()
        check(Comment.of(t))
        lat.append(time.perf_counter() - t0)
    total = time.perf_counter() - start
    ms = np.array(lat) * 1000
    return {
        "comments_per_s": round(len(texts) / total, 1),
        "p50_ms": round(float(np.percentile(ms, 50)), 3),
        "p99_ms": round(float(np.percentile(ms, 99)), 3),
    }


def main(argv: list[str] | None = None, settings: Settings | None = None) -> int:
    """`settings`: thresholds and the content model (`suzgec eval --dev --config`); a
    `--model` given here wins over its `content_model`."""
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--data", type=Path, default=Path("../shared/data"))
    p.add_argument("--model", default=None, help="artifact base path, or “open” (default: shipped)")
    args = p.parse_args(argv)
    settings = settings or Settings()
    splits = S.load_splits(args.data)
    model = shipped(args.model if args.model is not None else settings.content_model)
    print(json.dumps(evaluate(model, splits, settings), ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
