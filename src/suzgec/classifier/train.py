"""Train the content model from the shared data and write the artifact (.npz + .json).

    python -m suzgec.classifier.train --data ../shared/data \
        --out src/suzgec/classifier/data/content-1.0.0

Training needs scikit-learn; serving (model.py) needs only numpy. The dev split and the
held-out Mayda rows are carved here by a rule on row ids, so `evaluate` reproduces them.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import random
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import scipy.sparse as sp

from suzgec.classifier import features as F

VERSION = "content-1.0.0"
HEADS = ("offensive_any", "profanity", "insult", "offensive", "belief_attack")
CLAUSE_HEADS = HEADS[1:]
DEV_SEED = "suzgec-dev-1"
DEV_FRACTION = 0.10
MAYDA_EVAL_FRACTION = 0.30
MIN_DF = 2

OFFENSEVAL = "offensive/offenseval_tr_2020.train.jsonl"
TEAMGZG = "offensive/teamgzg.jsonl"
MAYDA = "offensive/mayda_hate_2021.train.jsonl"

# OffensEval target → our clause. `grp` (offence at a group) and `oth` (at an organisation,
# event…) are neither swearing nor a personal insult: they are the "offensive sentence or
# allusion" clause. Rows with OFF but no target are offensive without a known clause.
OFFENSEVAL_CLAUSE = {"prof": "profanity", "ind": "insult", "grp": "offensive", "oth": "offensive"}
# Teknofest-style labels (teamgzg): RACIST/SEXIST are group-directed → offensive.
TEKNOFEST_CLAUSE = {
    "PROFANITY": "profanity",
    "INSULT": "insult",
    "SEXIST": "offensive",
    "RACIST": "offensive",
}


@dataclass
class Row:
    source: str
    id: str
    text: str
    # Head name → 0/1; a head missing from the dict does not train on this row.
    labels: dict[str, int] = field(default_factory=dict)
    stratum: str = ""


def read_jsonl(path: Path) -> Iterator[dict[str, object]]:
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def _rank(seed: str, key: str) -> str:
    return hashlib.sha256(f"{seed}:{key}".encode("utf-8")).hexdigest()


def carve(rows: list[Row], seed: str, fraction: float) -> tuple[list[Row], list[Row]]:
    """Deterministic stratified split: within each stratum, rows ordered by a seeded hash of
    their id; the first `fraction` go to the held-out side. Independent of file order."""
    by_stratum: dict[str, list[Row]] = defaultdict(list)
    for r in rows:
        by_stratum[r.stratum].append(r)
    held: set[int] = set()
    for members in by_stratum.values():
        members.sort(key=lambda r: _rank(seed, f"{r.source}:{r.id}"))
        take = round(len(members) * fraction)
        held.update(id(r) for r in members[:take])
    return [r for r in rows if id(r) not in held], [r for r in rows if id(r) in held]


def load_offenseval(data: Path) -> list[Row]:
    rows = []
    for d in read_jsonl(data / OFFENSEVAL):
        off = d["label"] == "OFF"
        target = str(d.get("target"))
        clause = OFFENSEVAL_CLAUSE.get(target) if off else None
        labels = {"offensive_any": int(off)}
        # OFF rows without a target give no clause signal either way.
        if not off or clause:
            for head in ("profanity", "insult", "offensive"):
                labels[head] = int(head == clause)
        rows.append(Row("offenseval", str(d["id"]), str(d["text"]), labels, f"{d['label']}/{target}"))
    return rows


def load_teamgzg(data: Path) -> list[Row]:
    rows = []
    for i, d in enumerate(read_jsonl(data / TEAMGZG)):
        clause = TEKNOFEST_CLAUSE.get(str(d["label"]))
        labels = {"offensive_any": int(clause is not None)}
        for head in ("profanity", "insult", "offensive"):
            labels[head] = int(head == clause)
        rows.append(Row("teamgzg", str(i), str(d["text"]), labels, str(d["label"])))
    return rows


def load_mayda(data: Path) -> list[Row]:
    """Mayda et al. 2021: `dini` (religious) hate → belief_attack; `none` rows are clean
    comments about religions and peoples, the negatives that keep the head honest."""
    rows = []
    for d in read_jsonl(data / MAYDA):
        targets = list(d.get("targets") or [])  # type: ignore[call-overload]
        label = str(d["label"])
        dini = label == "hate" and "dini" in targets
        labels = {"belief_attack": int(dini)}
        stratum = f"{label}/{'dini' if dini else '-'}"
        rows.append(Row("mayda", str(d["id"]), str(d["text"]), labels, stratum))
    return rows


@dataclass
class Splits:
    train: list[Row]
    dev: list[Row]  # OffensEval dev: binary + clause metrics
    mayda_eval: list[Row]  # held-out Mayda rows: belief_attack recall and false flags


def load_splits(data: Path, *, use_mayda: bool = True) -> Splits:
    oe_train, oe_dev = carve(load_offenseval(data), DEV_SEED, DEV_FRACTION)
    mayda_train, mayda_eval = carve(load_mayda(data), DEV_SEED, MAYDA_EVAL_FRACTION)
    extra = load_teamgzg(data) + (mayda_train if use_mayda else [])
    # No held-out text may reach training through another set (compilations re-post tweets).
    held = {F.dedup_key(r.text) for r in oe_dev + mayda_eval}
    train = [r for r in oe_train + extra if F.dedup_key(r.text) not in held]
    return Splits(train, oe_dev, mayda_eval)


def sample_rows(rows: list[Row], n: int, seed: int = 0) -> list[Row]:
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

# Regularisation per head, chosen on the dev split (docs/models/content.md).
C_BY_HEAD = {
    "offensive_any": 4.0,
    "profanity": 4.0,
    "insult": 4.0,
    "offensive": 4.0,
    "belief_attack": 4.0,
}


def fit_head(x: sp.csr_matrix, y: np.ndarray, c: float) -> tuple[np.ndarray, float]:
    from sklearn.linear_model import LogisticRegression

    clf = LogisticRegression(C=c, solver="liblinear", max_iter=200)
    clf.fit(x, y)
    return clf.coef_.ravel().astype(np.float32), float(clf.intercept_[0])


def train(rows: list[Row], *, log: bool = True) -> dict[str, object]:
    """Fit IDF and one logistic-regression head per clause; return the artifact arrays."""
    tf = count_matrix(r.text for r in rows)
    idf = fit_idf(tf)
    x = weight(tf, idf)
    coefs: dict[str, np.ndarray] = {}
    biases: dict[str, float] = {}
    for head in HEADS:
        idx = [i for i, r in enumerate(rows) if head in r.labels]
        y = np.array([rows[i].labels[head] for i in idx])
        if len(set(y.tolist())) < 2:
            raise ValueError(f"head {head!r} needs positive and negative rows; got {Counter(y)}")
        coefs[head], biases[head] = fit_head(x[idx], y, C_BY_HEAD[head])
        if log:
            print(f"{head}: {len(idx)} rows, {int(y.sum())} positive", file=sys.stderr)
    return {"idf": idf, "coef": coefs, "bias": biases}


def export(model: dict[str, object], out: Path, meta: dict[str, object]) -> tuple[Path, Path]:
    """Write `<out>.npz` (active feature ids, IDF and per-head weights in float16) and
    `<out>.json` (version, heads, biases, provenance). Only features with a non-zero IDF are
    stored; everything else scores zero at runtime anyway."""
    idf = model["idf"]
    assert isinstance(idf, np.ndarray)
    coefs = model["coef"]
    biases = model["bias"]
    assert isinstance(coefs, dict) and isinstance(biases, dict)
    active = np.flatnonzero(idf).astype(np.int32)
    weights = np.stack([coefs[h][active] for h in HEADS], axis=1)
    out.parent.mkdir(parents=True, exist_ok=True)
    npz = out.with_suffix(".npz")
    np.savez_compressed(
        npz,
        ids=active,
        idf=idf[active].astype(np.float16),
        weights=weights.astype(np.float16),
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
        **{k: v for k, v in meta.items() if k != "version"},
    }
    js = out.with_suffix(".json")
    with open(js, "w", encoding="utf-8") as fh:
        json.dump(info, fh, ensure_ascii=False, indent=2)
        fh.write("\n")
    return npz, js


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--data", type=Path, default=Path("../shared/data"))
    p.add_argument("--out", type=Path, default=Path(f"src/suzgec/classifier/data/{VERSION}"))
    p.add_argument("--sample", type=int, default=0, help="train on N random rows (quick CI run)")
    p.add_argument("--no-mayda", action="store_true", help="leave Mayda (no licence) out")
    args = p.parse_args(argv)

    splits = load_splits(args.data, use_mayda=not args.no_mayda)
    rows = sample_rows(splits.train, args.sample) if args.sample else splits.train
    model = train(rows)
    files = [OFFENSEVAL, TEAMGZG] + ([] if args.no_mayda else [MAYDA])
    meta: dict[str, object] = {
        "version": VERSION,
        "trained_on": {f: sha256(args.data / f) for f in files},
        "train_rows": len(rows),
        "dev_seed": DEV_SEED,
        "c": C_BY_HEAD,
    }
    npz, js = export(model, args.out, meta)
    print(json.dumps({"npz": str(npz), "json": str(js), "bytes": npz.stat().st_size}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())


__all__ = ["HEADS", "VERSION", "Row", "Splits", "load_splits", "train", "export", "math"]
