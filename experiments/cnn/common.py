"""Shared pieces of the CNN experiment: splits (dev + a held-out part of TRAIN), metrics.

Everything reuses the project's own code: `suzgec.classifier.sources` for sources, labels and
the dev split, `suzgec.classifier.features` for normalisation, `suzgec.metrics.macro_f1`.
"""

from __future__ import annotations

import pickle
from pathlib import Path

import numpy as np

from suzgec.classifier import sources as S
from suzgec.metrics import macro_f1

DATA = Path("/work/shared/data")
OUT = Path(__file__).parent / "out"
HOLD_SEED = "cnn-hold-1"
HOLD_FRACTION = 0.10
GRID = np.round(np.arange(0.02, 0.985, 0.01), 2)


def splits_with_hold() -> tuple[list[S.Row], list[S.Row], S.Splits]:
    """(train minus hold, hold, splits): hold = a seeded, stratified 10 % of every source's
    TRAIN rows (the same carve as sources.py, another seed). Dev is untouched."""
    splits = S.load_splits(DATA)
    fit: list[S.Row] = []
    hold: list[S.Row] = []
    for name in S.BY_NAME:
        rows = splits.train_of(name)
        if not rows:
            continue
        a, b = S.carve(rows, HOLD_SEED, HOLD_FRACTION)
        fit.extend(a)
        hold.extend(b)
    return fit, hold, splits


def cache() -> dict:
    with open(OUT / "cache.pkl", "rb") as fh:
        return pickle.load(fh)


def per_source(y: np.ndarray, p: np.ndarray, src: np.ndarray, t: float) -> dict[str, float]:
    return {s: float(macro_f1(y[src == s], p[src == s] >= t)) for s in S.SCORED}


def best_threshold(y: np.ndarray, p: np.ndarray, src: np.ndarray) -> float:
    """One global threshold on a probability: the best mean macro-F1 of the four scored
    sources (ties: the better worst source), as train.binary_points chooses review."""
    def q(t: float) -> tuple[float, float]:
        v = list(per_source(y, p, src, t).values())
        return float(np.mean(v)), min(v)

    return float(max(GRID, key=q))


def summary(scores: dict[str, float]) -> dict[str, object]:
    worst = min(scores, key=scores.__getitem__)
    return {**{k: round(v, 4) for k, v in scores.items()},
            "mean": round(float(np.mean(list(scores.values()))), 4),
            "worst": f"{worst} {scores[worst]:.4f}"}


def sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-z))


def logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, 1e-7, 1 - 1e-7)
    return np.log(p / (1 - p))
