"""The CNN's forward pass in numpy only (what serving would run), checked against torch's
logits on dev, and timed on one thread over 2,000 dev comments (as evaluate.speed times the
shipped model check). Usage: OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 python np_forward.py TAG"""

from __future__ import annotations

import json
import sys
import time
from functools import lru_cache

import numpy as np

from common import OUT, cache
from suzgec.classifier import features as F

PAD_ID_WIDTH = 64


class NumpyCNN:
    def __init__(self, path):
        z = np.load(path)
        self.emb = z["emb"].astype(np.float32)
        self.widths = [int(k) for k in z["widths"]]
        self.wb, self.cb = (1 << int(z["bits"][0])), (1 << int(z["bits"][1]))
        self.maxlen = int(z["maxlen"])
        # torch Conv1d weight (F, d, k) → (k*d, F) so a window row [x_i; …; x_{i+k-1}] @ it.
        self.conv = [(z[f"conv{k}_w"].transpose(2, 1, 0).reshape(-1, z[f"conv{k}_w"].shape[0]),
                      z[f"conv{k}_b"]) for k in self.widths]
        self.hid_w, self.hid_b = z["hid_w"].T.copy(), z["hid_b"]
        self.out_w, self.out_b = z["out_w"].ravel(), float(z["out_b"][0])
        self.d = self.emb.shape[1]
        self.vec = lru_cache(maxsize=1 << 16)(self._vec)

    def _vec(self, form: str) -> np.ndarray:
        wb, cb = self.wb, self.cb
        ids = [i & (wb - 1) if i < F.WORD_DIM else wb + (i & (cb - 1))
               for i in F.unit_features(form)][:PAD_ID_WIDTH]
        return self.emb[ids].mean(axis=0)

    def logit_forms(self, forms: list[str]) -> float:
        forms = forms[: self.maxlen]
        n = max(len(forms), 1)
        kmax = max(self.widths)
        x = np.zeros((max(n, kmax), self.d), dtype=np.float32)
        for i, f in enumerate(forms):
            x[i] = self.vec(f)
        pooled = []
        for k, (w, b) in zip(self.widths, self.conv):
            m = max(n - k + 1, 1)
            win = np.lib.stride_tricks.sliding_window_view(x, (k, self.d))[:m, 0].reshape(m, -1)
            pooled.append(np.maximum((win @ w).max(axis=0) + b, 0.0))
        h = np.maximum(np.concatenate(pooled) @ self.hid_w + self.hid_b, 0.0)
        return float(h @ self.out_w + self.out_b)

    def logit(self, text: str) -> float:
        return self.logit_forms([u.form for u in F.units(text)])


def main() -> None:
    tag = sys.argv[1] if len(sys.argv) > 1 else "a"
    path = OUT / f"cnn_{tag}.npz"
    net = NumpyCNN(path)
    data = cache()
    texts = data["dev"]["text"]
    z_torch = np.load(OUT / f"z_cnn_{tag}.npz")["dev"]
    z_np = np.array([net.logit(t) for t in texts[:3000]])
    # Torch ran the same weights in float32 from a float16-rounded table? No: torch used the
    # float32 table; the artifact stores float16, so small differences are expected.
    diff = np.abs(z_np - z_torch[:3000])
    sample = texts[:2000]
    for t in sample[:50]:
        net.logit(t)
    net.vec.cache_clear()
    t0 = time.perf_counter()
    lat = []
    for t in sample:
        a = time.perf_counter()
        net.logit(t)
        lat.append(time.perf_counter() - a)
    total = time.perf_counter() - t0
    # Forward only (normalisation excluded), warm word cache.
    forms = [[u.form for u in F.units(t)] for t in sample]
    t1 = time.perf_counter()
    for fs in forms:
        net.logit_forms(fs)
    fwd = time.perf_counter() - t1
    ms = np.array(lat) * 1000
    out = {
        "tag": tag,
        "max_abs_logit_diff_vs_torch": round(float(diff.max()), 4),
        "decision_flips_at_0": int(np.sum((z_np > 0) != (z_torch[:3000] > 0))),
        "comments_per_s_with_units_cold_cache": round(len(sample) / total, 1),
        "p50_ms": round(float(np.percentile(ms, 50)), 3),
        "p99_ms": round(float(np.percentile(ms, 99)), 3),
        "comments_per_s_forward_only_warm_cache": round(len(sample) / fwd, 1),
        "artifact_bytes": path.stat().st_size,
        "params": int(net.emb.size + sum(w.size + b.size for w, b in net.conv)
                      + net.hid_w.size + net.hid_b.size + net.out_w.size + 1),
    }
    print(json.dumps(out, indent=1))
    (OUT / f"speed_{tag}.json").write_text(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
