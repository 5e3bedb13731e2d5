"""In-domain TF-IDF + LinearSVC baseline for `offensive_any`, per comment source. Prints JSON.

    python -m benchmarks.content_baselines --data ../shared/data [--sources a,b]

Features: word 1–2-grams plus `char_wb` 1–5-grams (TF-IDF, sublinear tf, min_df=2) on the raw
text, hstacked; classifier `LinearSVC(C=0.5)`, decision at `decision_function >= 0`. Split and
labels: `suzgec.classifier.sources.load_splits` (the per-source dev split).

- `in_domain`: per source with dev rows, an SVM trained on that source's training rows alone,
  scored on that source's dev rows;
- `pooled`: one SVM trained on every training row of every source, scored on each source's
  dev rows.

Each source reports macro-F1 (mean of the F1 of class 1 and of class 0), precision and recall
of class 1, dev rows and dev positives; `mean_scored` is the plain mean of macro-F1 over the
scored sources (offenseval, teknofest, mayda, hatc) measured. This is the reference the content
model must beat on each source.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np
from scipy.sparse import hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.svm import LinearSVC

from suzgec.classifier import sources as S
from suzgec.metrics import macro_f1

HEAD = "offensive_any"


class Baseline:
    """Word and character TF-IDF, hstacked, into a linear SVM."""

    def __init__(self) -> None:
        self.word = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2)
        self.char = TfidfVectorizer(
            analyzer="char_wb", ngram_range=(1, 5), sublinear_tf=True, min_df=2
        )
        self.svm = LinearSVC(C=0.5)

    def fit(self, rows: list[S.Row]) -> Baseline:
        texts = [r.text for r in rows]
        x = hstack([self.word.fit_transform(texts), self.char.fit_transform(texts)]).tocsr()
        self.svm.fit(x, np.array([r.labels[HEAD] for r in rows]))
        return self

    def predict(self, rows: list[S.Row]) -> np.ndarray:
        texts = [r.text for r in rows]
        x = hstack([self.word.transform(texts), self.char.transform(texts)]).tocsr()
        return self.svm.decision_function(x) >= 0


def score(model: Baseline, rows: list[S.Row]) -> dict[str, float | int]:
    y = np.array([r.labels[HEAD] for r in rows], dtype=bool)
    pred = model.predict(rows)
    tp = int(np.sum(pred & y))
    return {
        "dev_rows": len(rows),
        "dev_positives": int(y.sum()),
        "macro_f1": round(macro_f1(y, pred), 4),
        "precision": round(tp / int(pred.sum()), 4) if pred.any() else 0.0,
        "recall": round(tp / int(y.sum()), 4) if y.any() else 0.0,
    }


def mean_scored(block: dict[str, dict[str, float | int]]) -> float | None:
    f1s = [float(block[name]["macro_f1"]) for name in S.SCORED if name in block]
    return round(float(np.mean(f1s)), 4) if f1s else None


def run(data: Path, names: list[str] | None = None) -> dict[str, object]:
    start = time.perf_counter()
    splits = S.load_splits(data)
    load_s = time.perf_counter() - start
    names = [n for n in splits.dev if names is None or n in names]
    in_domain: dict[str, dict[str, float | int]] = {}
    for name in names:
        train = splits.train_of(name)
        t = time.perf_counter()
        model = Baseline().fit(train)
        in_domain[name] = {
            "train_rows": len(train),
            **score(model, splits.dev[name]),
            "fit_s": round(time.perf_counter() - t, 1),
        }
    t = time.perf_counter()
    pooled_model = Baseline().fit(splits.train)
    pooled_fit_s = time.perf_counter() - t
    pooled = {name: score(pooled_model, splits.dev[name]) for name in names}
    return {
        "head": HEAD,
        "features": "word tfidf 1-2 + char_wb tfidf 1-5, sublinear_tf, min_df=2",
        "classifier": "LinearSVC(C=0.5), decision_function >= 0",
        "dev_seed": S.DEV_SEED,
        "in_domain": {"sources": in_domain, "mean_scored": mean_scored(in_domain)},
        "pooled": {
            "train_rows": len(splits.train),
            "fit_s": round(pooled_fit_s, 1),
            "sources": pooled,
            "mean_scored": mean_scored(pooled),
        },
        "load_s": round(load_s, 1),
        "total_s": round(time.perf_counter() - start, 1),
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--data", type=Path, default=Path("../shared/data"))
    p.add_argument("--sources", default=None, help="comma-separated source names (default: all)")
    args = p.parse_args(argv)
    names = None
    if args.sources:
        names = [n.strip() for n in args.sources.split(",") if n.strip()]
        unknown = sorted(set(names) - set(S.BY_NAME))
        if unknown:
            p.error(f"unknown sources: {', '.join(unknown)}")
    print(json.dumps(run(args.data, names), ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
