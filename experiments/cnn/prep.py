"""Load splits once, carve the train-hold part, normalise every text with the project's
`features.units`, score hold + dev with the shipped model's binary head (raw, uncalibrated,
identity-neutralised as served). Writes out/cache.pkl."""

from __future__ import annotations

import pickle
import time

import numpy as np

from common import OUT, logit, splits_with_hold
from suzgec.classifier import features as F
from suzgec.classifier.model import ContentModel


def pack(rows):
    return {
        "source": np.array([r.source for r in rows]),
        "y": np.array([r.offensive for r in rows], dtype=np.int8),
        "forms": [[u.form for u in F.units(r.text)] for r in rows],
        "text": [r.text for r in rows],
    }


def main() -> None:
    t0 = time.perf_counter()
    fit, hold, splits = splits_with_hold()
    dev = splits.dev_rows()
    print(f"loaded {len(fit)} fit / {len(hold)} hold / {len(dev)} dev in {time.perf_counter()-t0:.0f}s", flush=True)
    data = {"fit": pack(fit), "hold": pack(hold), "dev": pack(dev)}
    model = ContentModel.load(calibrated=False)  # the shipped content-2.0.0
    for part in ("hold", "dev"):
        p = np.array([model.score_all(t, gate=False)["offensive_any"] for t in data[part]["text"]])
        data[part]["z_shipped"] = logit(p)
    OUT.mkdir(exist_ok=True)
    with open(OUT / "cache.pkl", "wb") as fh:
        pickle.dump(data, fh)
    print(f"done in {time.perf_counter()-t0:.0f}s", flush=True)


if __name__ == "__main__":
    main()
