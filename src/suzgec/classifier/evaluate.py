"""Score a content-model artifact on the dev split; print JSON.

    python -m suzgec.classifier.evaluate --data ../shared/data [--model PATH] [--baseline]

Dev split = the OffensEval rows `train.py` holds out (same seeded rule); belief-attack recall
is measured on the Mayda rows held out from training (`dini` hate rows). `--baseline` also
trains the reference TF-IDF word+char n-grams + LinearSVC on the same training rows
(needs scikit-learn) and reports its dev macro-F1.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np

from suzgec.classifier import train as T
from suzgec.classifier.model import CLAUSES, ContentModel, ContentModelCheck
from suzgec.comment import Comment
from suzgec.config import Settings


def prf(y: np.ndarray, pred: np.ndarray) -> dict[str, float]:
    tp = int(np.sum(pred & (y == 1)))
    fp = int(np.sum(pred & (y == 0)))
    fn = int(np.sum(~pred & (y == 1)))
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "support": tp + fn}


def macro_f1(y: np.ndarray, pred: np.ndarray) -> float:
    return round((prf(y, pred)["f1"] + prf(1 - y, ~pred)["f1"]) / 2, 4)


def baseline_f1(splits: T.Splits) -> float:
    """Reference point: scikit-learn TF-IDF word (1-2) + char_wb (1-5) n-grams, LinearSVC,
    trained on the OffensEval training rows only, raw text."""
    from scipy.sparse import hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.svm import LinearSVC

    rows = [r for r in splits.train if r.source == "offenseval"]
    words = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2)
    chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 5), sublinear_tf=True, min_df=2)
    texts = [r.text for r in rows]
    x = hstack([words.fit_transform(texts), chars.fit_transform(texts)]).tocsr()
    y = np.array([r.labels["offensive_any"] for r in rows])
    svm = LinearSVC(C=0.5).fit(x, y)
    dev = [r.text for r in splits.dev]
    xd = hstack([words.transform(dev), chars.transform(dev)]).tocsr()
    ydev = np.array([r.labels["offensive_any"] for r in splits.dev])
    return macro_f1(ydev, svm.predict(xd).astype(bool))


def evaluate(model: ContentModel, splits: T.Splits, settings: Settings) -> dict[str, object]:
    dev = splits.dev
    scores = [model.score_all(r.text) for r in dev]
    y = np.array([r.labels["offensive_any"] for r in dev])
    p_any = np.array([s["offensive_any"] for s in scores])
    clause_max = np.array([max(s[str(c)] for c in CLAUSES) for s in scores])
    out: dict[str, object] = {
        "model": model.version,
        "dev_rows": len(dev),
        "binary_macro_f1": macro_f1(y, p_any >= 0.5),
        # What the policy sees: a comment is flagged when any clause reaches review.
        "any_clause_macro_f1": macro_f1(y, clause_max >= 0.5),
    }
    clauses: dict[str, object] = {}
    for clause in CLAUSES:
        head = str(clause)
        reject, review = settings.thresholds(head)
        idx = [i for i, r in enumerate(dev) if head in r.labels]
        yy = np.array([dev[i].labels[head] for i in idx])
        pp = np.array([scores[i][head] for i in idx])
        if head == "belief_attack":
            # No OffensEval label: measure on held-out Mayda rows instead.
            ev = splits.mayda_eval
            yy = np.array([r.labels["belief_attack"] for r in ev])
            pp = np.array([model.score_all(r.text)["belief_attack"] for r in ev])
        clauses[head] = {
            "review": {"threshold": review, **prf(yy, pp >= review)},
            "reject": {"threshold": reject, **prf(yy, pp >= reject)},
        }
    out["clauses"] = clauses
    clean = np.array([r.labels["offensive_any"] == 0 for r in dev])
    out["belief_attack_false_flags_on_clean_dev"] = round(
        float(np.mean(np.array([s["belief_attack"] for s in scores])[clean] >= 0.5)), 4
    )
    out["content_step"] = evaluate_content_step(splits, settings)
    out["speed"] = speed([r.text for r in dev], model)
    return out


def evaluate_content_step(splits: T.Splits, settings: Settings) -> dict[str, object]:
    """What the pipeline decides: lexicon + model merged (clauses.content.ContentCheck)
    through the policy's thresholds; a comment counts as flagged at review or above."""
    from suzgec.clauses.content import ContentCheck
    from suzgec.model import Action
    from suzgec.policy import Policy

    check, policy = ContentCheck(), Policy(settings)

    def actions(text: str) -> dict[str, Action]:
        found: dict[str, Action] = {}
        for s in check(Comment.of(text)):
            a = policy.action_for(s)
            if a.severity > found.get(str(s.clause), Action.APPROVE).severity:
                found[str(s.clause)] = a
        return found

    dev = splits.dev
    decided = [actions(r.text) for r in dev]
    y = np.array([r.labels["offensive_any"] for r in dev])
    flagged = np.array([bool(d) for d in decided])
    rejected = np.array([Action.REJECT in d.values() for d in decided])
    clauses: dict[str, object] = {}
    for clause in CLAUSES:
        head = str(clause)
        if head == "belief_attack":
            rows = [r for r in splits.mayda_eval]
            got = [actions(r.text).get(head) for r in rows]
        else:
            idx = [i for i, r in enumerate(dev) if head in r.labels]
            rows = [dev[i] for i in idx]
            got = [decided[i].get(head) for i in idx]
        yy = np.array([r.labels[head] for r in rows])
        clauses[head] = {
            "at_review": prf(yy, np.array([a is not None for a in got])),
            "at_reject": prf(yy, np.array([a is Action.REJECT for a in got])),
        }
    return {
        "version": check.version,
        "binary_macro_f1_flagged": macro_f1(y, flagged),
        "binary_macro_f1_rejected": macro_f1(y, rejected),
        "clean_dev_flagged": round(float(flagged[y == 0].mean()), 4),
        "clean_dev_rejected": round(float(rejected[y == 0].mean()), 4),
        "clauses": clauses,
    }


def speed(texts: list[str], model: ContentModel) -> dict[str, float]:
    """Single-thread timing of the full check (Comment.of + model + spans) per comment."""
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


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--data", type=Path, default=Path("../shared/data"))
    p.add_argument("--model", type=Path, default=None, help="artifact base path (default: shipped)")
    p.add_argument("--baseline", action="store_true", help="also run TF-IDF + LinearSVC")
    args = p.parse_args(argv)
    splits = T.load_splits(args.data)
    model = ContentModel.load(args.model)
    result = evaluate(model, splits, Settings())
    if args.baseline:
        result["baseline_tfidf_linearsvc_macro_f1"] = baseline_f1(splits)
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
