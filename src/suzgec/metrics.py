"""Precision, recall and F1: the one place they are computed (evaluation, trainers, benchmarks),
and the threshold grid the trainers choose decision points on."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

# The thresholds the trainers choose decision points from, on a raw score.
GRID = np.round(np.arange(0.02, 0.985, 0.01), 2)


def prf(tp: int, fp: int, fn: int) -> dict[str, float | int]:
    """Precision, recall, F1 of one class from its counts, plus support and predicted."""
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "support": tp + fn,
        "predicted": tp + fp,
    }


def counts(y: np.ndarray, pred: np.ndarray) -> tuple[int, int, int]:
    """(tp, fp, fn) of class 1, for gold labels `y` (0/1) and boolean predictions."""
    y, pred = np.asarray(y), np.asarray(pred, dtype=bool)
    return (
        int(np.sum(pred & (y == 1))),
        int(np.sum(pred & (y == 0))),
        int(np.sum(~pred & (y == 1))),
    )


def prf_of(y: np.ndarray, pred: np.ndarray) -> dict[str, float | int]:
    return prf(*counts(y, pred))


def f1(y: np.ndarray, pred: np.ndarray) -> float:
    tp, fp, fn = counts(y, pred)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def macro_f1(y: np.ndarray, pred: np.ndarray) -> float:
    """Mean of the F1 of both classes (the OffensEval measure), unrounded."""
    y, pred = np.asarray(y), np.asarray(pred, dtype=bool)
    return (f1(y, pred) + f1(1 - y, ~pred)) / 2


def best_mean_point(
    p: np.ndarray, y: np.ndarray, sources: np.ndarray, names: Sequence[str]
) -> tuple[float, float]:
    """The threshold of GRID where the mean of the per-source macro-F1 (over `names`) is
    highest, ties going to the better worst source, and that mean."""

    def quality(t: float) -> tuple[float, float]:
        per = [macro_f1(y[sources == s], p[sources == s] >= t) for s in names]
        return float(np.mean(per)), min(per)

    best = max(GRID, key=quality)
    return float(best), quality(best)[0]
