"""The shipped recipe's binary head (TF-IDF + lexicon features, LR + NB-LR averaged, √rows
source weights, UD × 0.25), refit on TRAIN minus the hold part, so that the ensemble weight
and thresholds can be chosen on rows neither model saw. Reuses suzgec.classifier.train's
functions; scores through ContentModel (identity neutralisation as served).
Adds z_tfidf_mh to out/cache.pkl's hold and dev parts."""

from __future__ import annotations

import pickle
import time

import numpy as np
import scipy.sparse as sp

from common import OUT, logit, splits_with_hold
from suzgec.classifier import sources as S
from suzgec.classifier import train as T
from suzgec.classifier.model import ContentModel


def main() -> None:
    t0 = time.perf_counter()
    fit, hold, splits = splits_with_hold()
    rows = [r for r in fit if "offensive_any" in r.labels]
    tf = T.count_matrix(r.text for r in rows)
    idf = T.fit_idf(tf)
    active = np.flatnonzero(idf)
    lex = T.lexicon_matrix(r.text for r in rows)
    x = sp.hstack([T.weight(tf, idf)[:, active], lex], format="csr")
    print(f"featurised {len(rows)} rows in {time.perf_counter()-t0:.0f}s", flush=True)
    y = np.array([r.offensive for r in rows])
    w = T.source_weights([r.source for r in rows], factor=T.SOURCE_FACTOR)
    t1 = time.perf_counter()
    coef, bias = T.fit_head(x, y, w)
    fit_s = time.perf_counter() - t1
    print(f"fit in {fit_s:.0f}s", flush=True)
    full = np.zeros(idf.shape[0], dtype=np.float32)
    full[active] = coef[: len(active)]
    lexc = coef[len(active):]
    # Only offensive_any is read; the other heads carry the same weights to fill the artifact.
    model = {"idf": idf, "coef": {h: full for h in S.HEADS},
             "lex_coef": {h: lexc for h in S.HEADS}, "bias": {h: bias for h in S.HEADS}}
    base = OUT / "tfidf_mh"
    T.export(model, base, {"version": "tfidf-minus-hold"})
    m = ContentModel.load(base, calibrated=False)
    with open(OUT / "cache.pkl", "rb") as fh:
        data = pickle.load(fh)
    for part in ("hold", "dev"):
        p = np.array([m.score_all(t, gate=False)["offensive_any"] for t in data[part]["text"]])
        data[part]["z_tfidf_mh"] = logit(p)
    with open(OUT / "cache.pkl", "wb") as fh:
        pickle.dump(data, fh)
    print(f"done in {time.perf_counter()-t0:.0f}s (fit {fit_s:.0f}s)", flush=True)


if __name__ == "__main__":
    main()
