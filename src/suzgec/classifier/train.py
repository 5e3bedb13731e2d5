"""Train the content model on every shared comment source and write the artifact.

    python -m suzgec.classifier.train --data ../shared/data --cnn \
        --out src/suzgec/classifier/data/content-2.1.0
    python -m suzgec.classifier.train --data ../shared/data --open-data \
        --out build/content-2.0.0-open      # openly licensed sources only, no CNN

Training needs scikit-learn; serving (model.py) needs only numpy. The sources, their label
mapping and the per-source dev split are in `sources.py`. In every head, a source weighs by
the square root of its size, so 28,000 OffensEval tweets do not outvote 8,000 Teknofest ones
three to one. The decision points come from the dev split of every source
(`decision_points`) and are stored in the artifact.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
import time
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import numpy as np
import scipy.sparse as sp

from suzgec.classifier import features as F
from suzgec.classifier import sources as S
from suzgec.classifier.model import REJECT_AT, REVIEW_AT, VERSION, ContentModel, logit
from suzgec.lexicon import features as lexicon_features
from suzgec.metrics import GRID, best_mean_point, f1, prf_of
from suzgec.training import sha256

HEADS = S.HEADS
MIN_DF = 2
# Bias of a head that no training row labels positive: a score of about 0.00005.
UNTRAINED_BIAS = -10.0
# Precision the reject point must reach on the dev rows (every source weighted the same).
REJECT_PRECISION = 0.90


def sample_rows(rows: list[S.Row], n: int, seed: int = 0) -> list[S.Row]:
    rng = random.Random(seed)
    return rng.sample(rows, min(n, len(rows)))


# --- feature matrix ------------------------------------------------------------------------


def count_matrix(texts: Iterable[str]) -> sp.csr_matrix:
    indptr = [0]
    indices: list[int] = []
    values: list[float] = []
    for text in texts:
        c = F.counts(text)
        indices.extend(c.keys())
        values.extend(F.sublinear(v) for v in c.values())
        indptr.append(len(indices))
    return sp.csr_matrix(
        (np.asarray(values, dtype=np.float32), np.asarray(indices, dtype=np.int64), indptr),
        shape=(len(indptr) - 1, F.DIM),
    )


def lexicon_matrix(texts: Iterable[str]) -> sp.csr_matrix:
    return sp.csr_matrix(np.array([lexicon_features.vector(t) for t in texts], dtype=np.float32))


def fit_idf(tf: sp.csr_matrix, min_df: int = MIN_DF) -> np.ndarray:
    """Smoothed IDF as scikit-learn computes it; features seen in fewer than `min_df`
    training texts get 0 (dropped: they are noise and would bloat the artifact)."""
    df = np.bincount(tf.indices, minlength=tf.shape[1])
    n = tf.shape[0]
    idf = np.log((1 + n) / (1 + df)) + 1.0
    idf[df < min_df] = 0.0
    return idf.astype(np.float32)


def weight(tf: sp.csr_matrix, idf: np.ndarray) -> sp.csr_matrix:
    """TF-IDF with each block (words, characters) L2-normalised on its own."""
    x = tf.multiply(idf[None, :]).tocsr()
    x.eliminate_zeros()
    out = []
    for lo, hi in ((0, F.WORD_DIM), (F.WORD_DIM, F.DIM)):
        block = x[:, lo:hi]
        norms = np.sqrt(np.asarray(block.multiply(block).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        out.append(sp.diags(1.0 / norms) @ block)
    return sp.hstack(out, format="csr").astype(np.float32)


# --- training ------------------------------------------------------------------------------

# Each head is the average of two logistic regressions over the same TF-IDF features: a
# plain one and an NB-LR one (features scaled by the naive-Bayes log-count ratio, Wang &
# Manning 2012). Both are linear in x, so their averaged logit is one weight vector: the
# ensemble costs nothing at runtime.
C_LR = 4.0
C_NB = 16.0


# A source's total weight grows with the square root of its rows: between equal weight per
# source and none, and the best mean of the per-source dev macro-F1 of the three
# (docs/models/content.md has the table).
SOURCE_WEIGHT_POWER = 0.5
# UD's clean prose at a quarter of its share: at full share the model learned that short
# plain statements are clean, and Teknofest's (SEXIST, RACIST generalisations are often just
# that) fell from 0.89 to 0.83 macro-F1 at reject; without UD, 7 % of clean UD dev sentences
# were rejected. At a quarter: mean of the four scored sources 0.853, UD dev flagged 4.4 %
# at the F1 point (docs/models/content.md).
SOURCE_FACTOR = {"ud": 0.25}


def source_weights(
    sources: Sequence[str],
    power: float = SOURCE_WEIGHT_POWER,
    factor: Mapping[str, float] | None = None,
) -> np.ndarray:
    """Per-row weight giving each source a total proportional to (its rows) ** `power`
    (0: every source the same; 1: every row the same) times its `factor`, scaled to a mean
    of 1."""
    n = Counter(sources)
    factor = factor or {}
    w = np.array([n[s] ** (power - 1.0) * factor.get(s, 1.0) for s in sources])
    return w * len(w) / w.sum()


def log_count_ratio(x: sp.csr_matrix, y: np.ndarray, alpha: float = 1.0) -> np.ndarray:
    present = (x > 0).astype(np.float32)
    pos = np.asarray(present[y == 1].sum(axis=0)).ravel() + alpha
    neg = np.asarray(present[y == 0].sum(axis=0)).ravel() + alpha
    return np.log((pos / pos.sum()) / (neg / neg.sum())).astype(np.float32)


def fit_head(
    x: sp.csr_matrix, y: np.ndarray, w: np.ndarray | None = None
) -> tuple[np.ndarray, float]:
    """Return (weights, bias) of the averaged LR + NB-LR logit."""
    from sklearn.linear_model import LogisticRegression

    lr = LogisticRegression(C=C_LR, solver="liblinear", max_iter=200, random_state=0)
    lr.fit(x, y, sample_weight=w)
    r = log_count_ratio(x, y)
    nb = LogisticRegression(C=C_NB, solver="liblinear", max_iter=200, random_state=0)
    nb.fit(x.multiply(r[None, :]).tocsr(), y, sample_weight=w)
    coef = 0.5 * (lr.coef_.ravel() + nb.coef_.ravel() * r)
    bias = 0.5 * (float(lr.intercept_[0]) + float(nb.intercept_[0]))
    return coef.astype(np.float32), bias


def train(rows: list[S.Row], *, log: bool = True) -> dict[str, object]:
    """Fit IDF and one head per clause; return the arrays the artifact stores."""
    tf = count_matrix(r.text for r in rows)
    idf = fit_idf(tf)
    # Fit on the active columns only: liblinear's iterations cost O(columns), and 2^21
    # mostly empty hash buckets made even a 300-row fit take seconds per head.
    active = np.flatnonzero(idf)
    lex = lexicon_matrix(r.text for r in rows)
    x = sp.hstack([weight(tf, idf)[:, active], lex], format="csr")
    coefs: dict[str, np.ndarray] = {}
    lex_coefs: dict[str, np.ndarray] = {}
    biases: dict[str, float] = {}
    for head in HEADS:
        idx = [i for i, r in enumerate(rows) if head in r.labels]
        y = np.array([rows[i].labels[head] for i in idx])
        if not y.any() and len(y):
            # No source here labels it (the open-data variant has no religious-hate rows):
            # the head never fires, and the lexicon alone finds the clause.
            coefs[head] = np.zeros(F.DIM, dtype=np.float32)
            lex_coefs[head] = np.zeros(len(lexicon_features.KEYS), dtype=np.float32)
            biases[head] = UNTRAINED_BIAS
            if log:
                print(f"{head}: no positive rows, not trained", file=sys.stderr)
            continue
        if len(set(y.tolist())) < 2:
            raise ValueError(f"head {head!r} needs positive and negative rows; got {Counter(y)}")
        t0 = time.perf_counter()
        weights = source_weights([rows[i].source for i in idx], factor=SOURCE_FACTOR)
        w, biases[head] = fit_head(x[idx], y, weights)
        coefs[head] = np.zeros(F.DIM, dtype=np.float32)
        coefs[head][active] = w[: len(active)]
        lex_coefs[head] = w[len(active) :]
        if log:
            took = time.perf_counter() - t0
            print(
                f"{head}: {len(idx)} rows, {int(y.sum())} positive, {took:.0f} s", file=sys.stderr
            )
    return {"idf": idf, "coef": coefs, "lex_coef": lex_coefs, "bias": biases}


def export(model: dict[str, object], out: Path, meta: dict[str, object]) -> tuple[Path, Path]:
    """Write `<out>.npz` (active feature ids, IDF and per-head weights in float16) and
    `<out>.json` (version, heads, biases, decision points, provenance). Only features with a
    non-zero IDF are stored; everything else scores zero at runtime anyway."""
    idf = model["idf"]
    coefs, biases, lex_coefs = model["coef"], model["bias"], model["lex_coef"]
    assert isinstance(idf, np.ndarray)
    assert isinstance(coefs, dict) and isinstance(biases, dict) and isinstance(lex_coefs, dict)
    active = np.flatnonzero(idf).astype(np.int32)
    weights = np.stack([coefs[h][active] for h in HEADS], axis=1)
    lex_weights = np.stack([lex_coefs[h] for h in HEADS], axis=1).astype(np.float32)
    out.parent.mkdir(parents=True, exist_ok=True)
    npz = out.with_name(out.name + ".npz")
    np.savez_compressed(
        npz,
        ids=active,
        idf=idf[active].astype(np.float16),
        weights=weights.astype(np.float16),
        lex_weights=lex_weights,
    )
    info = {
        "version": meta.get("version", VERSION),
        "heads": list(HEADS),
        "bias": {h: biases[h] for h in HEADS},
        "features": {
            "word_bits": F.WORD_BITS,
            "char_bits": F.CHAR_BITS,
            "char_ngrams": [F.CHAR_MIN, F.CHAR_MAX],
            "hash": "crc32",
        },
        "lexicon": {"version": lexicon_features.VERSION, "features": list(lexicon_features.KEYS)},
        **{k: v for k, v in meta.items() if k != "version"},
        # Checked at load (ContentModel.load): a damaged or swapped npz is refused.
        "npz_sha256": sha256(npz),
    }
    js = out.with_name(out.name + ".json")
    with open(js, "w", encoding="utf-8") as fh:
        json.dump(info, fh, ensure_ascii=False, indent=2)
        fh.write("\n")
    return npz, js


# --- decision points -----------------------------------------------------------------------


def _weighted_precision(y: np.ndarray, pred: np.ndarray, w: np.ndarray) -> float:
    flagged = float(np.sum(w[pred]))
    return float(np.sum(w[pred & (y == 1)])) / flagged if flagged else 1.0


def binary_points(
    p: np.ndarray, y: np.ndarray, sources: Sequence[str], precision: float
) -> tuple[float, float]:
    """(review, reject) thresholds on a raw score: review where the mean of the per-source
    macro-F1 is highest (ties: the better worst source); reject at the lowest threshold at or
    above it whose precision, every source weighted the same, reaches `precision`."""
    src = np.asarray(sources)
    # A source with no offensive rows (UD) has no F1 of its own; it still counts for precision.
    names = sorted(s for s in set(sources) if 0 < y[src == s].sum() < (src == s).sum())
    review, _ = best_mean_point(p, y, src, names)
    w = source_weights(list(sources), power=0.0)
    reject = next(
        (float(t) for t in GRID if t >= review and _weighted_precision(y, p >= t, w) >= precision),
        float(GRID[-1]),
    )
    return review, reject


def clause_points(p: np.ndarray, y: np.ndarray, precision: float) -> tuple[float, float]:
    """(review, reject) of a clause head: its F1 point, and the lowest point at or above it
    with the stated precision."""
    review = float(max(GRID, key=lambda t: f1(y, p >= t)))
    reject = next(
        (float(t) for t in GRID if t >= review and prf_of(y, p >= t)["precision"] >= precision),
        float(GRID[-1]),
    )
    return review, reject


# Share of clean Mayda dev rows (tweets about peoples and faiths) the belief check may flag.
MAX_BELIEF_CLEAN = 0.05


def belief_points(
    belief: np.ndarray, binary: np.ndarray, y: np.ndarray, clean: np.ndarray, precision: float
) -> dict[str, float]:
    """The belief head's review point and the binary head's floor above which a belief
    attack need not be judged offensive overall (model._gate): the pair that finds the most
    religious-hate rows (`y`) while flagging at most MAX_BELIEF_CLEAN of `clean` rows. Its
    reject point: the lowest at or above review with the stated precision."""

    def flags(tb: float, floor: float) -> np.ndarray:
        return (belief >= tb) & (binary >= floor)

    pairs = [
        (float(tb), float(floor))
        for tb in GRID
        for floor in GRID
        if flags(tb, floor)[clean].mean() <= MAX_BELIEF_CLEAN
    ]
    review, floor = max(pairs, key=lambda q: (flags(*q)[y == 1].mean(), q[0]))
    labelled = y >= 0
    reject = next(
        (
            float(t)
            for t in GRID
            if t >= review
            and prf_of(y[labelled], flags(t, floor)[labelled])["precision"] >= precision
        ),
        float(GRID[-1]),
    )
    return {"review": review, "reject": reject, "offensive_floor": floor}


def decision_points(
    base: Path, dev: dict[str, list[S.Row]], precision: float = REJECT_PRECISION
) -> dict[str, dict[str, float]]:
    """Per head, the raw scores where review and reject start, chosen on the dev rows of
    every source; the model maps them onto the policy's scale (review REVIEW_AT, reject
    REJECT_AT). The gated clause heads only share out the binary head's score (see
    model._gate), so only their F1 point matters: their two points keep the policy's spacing.
    belief_attack is chosen on the Mayda rows, the only ones that label religious hate
    (`belief_points`)."""
    model = ContentModel.load(base, calibrated=False)
    rows = [r for rs in dev.values() for r in rs]
    raw = [model.score_all(r.text, gate=False) for r in rows]
    points: dict[str, dict[str, float]] = {}
    y = np.array([r.offensive for r in rows])
    p = np.array([s["offensive_any"] for s in raw])
    review, reject = binary_points(p, y, [r.source for r in rows], precision)
    points["offensive_any"] = {"review": review, "reject": reject}
    spacing = logit(REJECT_AT) - logit(REVIEW_AT)
    mayda = [i for i, r in enumerate(rows) if r.source == "mayda"]
    if mayda:
        points["belief_attack"] = belief_points(
            np.array([raw[i]["belief_attack"] for i in mayda]),
            p[mayda],
            np.array([rows[i].labels.get("belief_attack", -1) for i in mayda]),
            y[mayda] == 0,
            precision,
        )
    for head in HEADS[1:]:
        if head in points:
            continue
        idx = [i for i, r in enumerate(rows) if head in r.labels]
        yy = np.array([rows[i].labels[head] for i in idx])
        pp = np.array([raw[i][head] for i in idx])
        if not yy.any():
            points[head] = {"review": REVIEW_AT, "reject": REJECT_AT}  # untrained: as is
            continue
        review, reject = clause_points(pp, yy, precision)
        if head in S.GATED:
            z = logit(review) + spacing
            reject = 1 / (1 + math.exp(-z))
        points[head] = {"review": review, "reject": round(reject, 6)}
    return points


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--data", type=Path, default=Path("../shared/data"))
    p.add_argument("--out", type=Path, default=Path(f"src/suzgec/classifier/data/{VERSION}"))
    p.add_argument("--sample", type=int, default=0, help="train on N random rows (quick CI run)")
    p.add_argument(
        "--open-data",
        action="store_true",
        help=f"train only on the openly licensed sources ({', '.join(S.OPEN)})",
    )
    p.add_argument("--sources", help="comma-separated sources to train on (default: all)")
    p.add_argument(
        "--cnn",
        action="store_true",
        help="also train the word CNN the binary head is averaged with (needs torch, "
        "suzgec[cnn]; train_cnn.py)",
    )
    p.add_argument(
        "--reject-precision",
        type=float,
        default=REJECT_PRECISION,
        help="precision the reject point must reach on the dev rows (default %(default)s)",
    )
    args = p.parse_args(argv)

    names = tuple(S.BY_NAME) if not args.sources else tuple(args.sources.split(","))
    if args.open_data:
        names = tuple(n for n in names if S.BY_NAME[n].open)
    unknown = set(names) - set(S.BY_NAME)
    if unknown:
        p.error(f"unknown sources: {', '.join(sorted(unknown))}; known: {', '.join(S.BY_NAME)}")
    splits = S.load_splits(args.data, names)
    rows = sample_rows(splits.train, args.sample) if args.sample else splits.train
    t0 = time.perf_counter()
    model = train(rows)
    version = VERSION + ("-open" if args.open_data else "")
    meta: dict[str, object] = {
        "version": version,
        "trained_on": {
            S.BY_NAME[n].file: {
                "sha256": sha256(args.data / S.BY_NAME[n].file),
                "licence": S.BY_NAME[n].licence,
                "train_rows": sum(r.source == n for r in rows),
            }
            for n in names
        },
        "train_rows": len(rows),
        "dev_seed": S.DEV_SEED,
        "c": {"lr": C_LR, "nb_lr": C_NB},
        "source_weight_power": SOURCE_WEIGHT_POWER,
        "source_factor": SOURCE_FACTOR,
        "reject_precision": args.reject_precision,
    }
    if args.cnn:
        from suzgec.classifier import train_cnn

        trained = train_cnn.train(rows, lambda src: source_weights(src, factor=SOURCE_FACTOR))
        path = train_cnn.export(trained, args.out)
        meta["cnn"] = {
            "file": path.name,
            "sha256": sha256(path),
            "weight": train_cnn.ENSEMBLE_WEIGHT,
            **trained["info"],
        }
    export(model, args.out, meta)
    # Chosen on the dev rows of the sources it trains on only (the open variant uses no
    # other data, not even for its thresholds).
    dev = {name: rows for name, rows in splits.dev.items() if name in names}
    meta["decision_points"] = decision_points(args.out, dev, args.reject_precision)
    meta["train_seconds"] = round(time.perf_counter() - t0)
    npz, js = export(model, args.out, meta)
    print(json.dumps({"npz": str(npz), "json": str(js), "bytes": npz.stat().st_size}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
