"""Paired bootstrap (1,000 resamples of each source's dev rows) of the gain in per-source
macro-F1 and in the mean of the four, at fixed thresholds: model B minus model A.
Usage: python bootstrap.py TAGS  (e.g. b+b1+b2); prints JSON."""

from __future__ import annotations

import json
import sys

import numpy as np

from common import OUT, best_threshold, cache, sigmoid
from report import choose_weight
from suzgec.classifier import sources as S
from suzgec.metrics import macro_f1


def boot(y, pa, pb, src, n=1000, seed=0):
    rng = np.random.default_rng(seed)
    gains = {s: [] for s in S.SCORED}
    for _ in range(n):
        for s in S.SCORED:
            idx = np.flatnonzero(src == s)
            b = rng.choice(idx, len(idx))
            gains[s].append(macro_f1(y[b], pb[b]) - macro_f1(y[b], pa[b]))
    g = {s: np.array(v) for s, v in gains.items()}
    g["mean"] = np.mean([g[s] for s in S.SCORED], axis=0)
    return {k: {"gain": round(float(np.mean(v)), 4), "ci95": [round(float(np.percentile(v, 2.5)), 4),
                round(float(np.percentile(v, 97.5)), 4)]} for k, v in g.items()}


def main() -> None:
    tag = sys.argv[1] if len(sys.argv) > 1 else "b"
    c = cache()
    hold, dev = c["hold"], c["dev"]
    parts = [np.load(OUT / f"z_cnn_{t}.npz") for t in tag.split("+")]
    z = {k: np.mean([q[k] for q in parts], axis=0) for k in ("hold", "dev")}
    y, src = dev["y"], dev["source"]
    a, t = choose_weight(hold["y"], hold["z_tfidf_mh"], z["hold"], hold["source"])
    ta = best_threshold(hold["y"], sigmoid(hold["z_tfidf_mh"]), hold["source"])
    honest = boot(y, sigmoid(dev["z_tfidf_mh"]) >= ta,
                  sigmoid((1 - a) * dev["z_tfidf_mh"] + a * z["dev"]) >= t, src)
    ps = sigmoid(dev["z_shipped"])
    pe = sigmoid((1 - a) * dev["z_shipped"] + a * z["dev"])
    optimistic = boot(y, ps >= best_threshold(y, ps, src), pe >= best_threshold(y, pe, src), src)
    out = {"tag": tag, "a": a,
           "hold_protocol: ens(tfidf_mh+cnn) - tfidf_mh": honest,
           "dev_best_protocol: ens(shipped+cnn) - shipped": optimistic}
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
