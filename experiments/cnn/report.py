"""Per-source dev macro-F1 of the binary head: shipped, TF-IDF refit without hold, CNN, and
their logit averages. Two threshold protocols: the best single global threshold on DEV (the
card's "What was tried" protocol, optimistic) and the threshold (and ensemble weight) chosen
on the hold part of TRAIN (honest). Usage: python report.py TAG [TAG...]"""

from __future__ import annotations

import json
import sys

import numpy as np

from common import OUT, best_threshold, cache, per_source, sigmoid, summary

WEIGHTS = np.round(np.arange(0.0, 1.001, 0.05), 2)


def choose_weight(y, za, zb, src):
    """Weight a of zb in (1-a)·za + a·zb and its threshold, best hold mean (ties: worst)."""
    best = None
    for a in WEIGHTS:
        p = sigmoid((1 - a) * za + a * zb)
        t = best_threshold(y, p, src)
        v = list(per_source(y, p, src, t).values())
        key = (float(np.mean(v)), min(v))
        if best is None or key > best[0]:
            best = (key, float(a), t)
    return best[1], best[2]


def row(name, zdev, t_hold, dev, note=""):
    p = sigmoid(zdev)
    y, src = dev["y"], dev["source"]
    t_dev = best_threshold(y, p, src)
    ud = src == "ud"
    out = {"model": name, "note": note,
           "dev_best_t": t_dev, "at_dev_best": summary(per_source(y, p, src, t_dev)),
           "ud_flagged_at_dev_best": round(float(np.mean(p[ud] >= t_dev)), 4)}
    if t_hold is not None:
        out["hold_t"] = t_hold
        out["at_hold_t"] = summary(per_source(y, p, src, t_hold))
        out["ud_flagged_at_hold_t"] = round(float(np.mean(p[ud] >= t_hold)), 4)
    return out


def main() -> None:
    data = cache()
    hold, dev = data["hold"], data["dev"]
    yh, sh = hold["y"], hold["source"]
    rows = [row("shipped content-2.0.0", dev["z_shipped"],
                best_threshold(yh, sigmoid(hold["z_shipped"]), sh), dev,
                "hold_t biased: the shipped model trained on the hold rows")]
    raw = np.load(OUT / "z_shipped_raw.npz")["dev"]
    rows.append(row("shipped, no identity neutralisation", raw, None, dev,
                    "the raw linear head the card's What-was-tried table measured"))
    has_mh = "z_tfidf_mh" in dev
    if has_mh:
        rows.append(row("tfidf refit w/o hold", dev["z_tfidf_mh"],
                        best_threshold(yh, sigmoid(hold["z_tfidf_mh"]), sh), dev))
    for tag in sys.argv[1:] or ["a"]:
        # "b+b1+b2": the mean logit of several CNN runs (seeds).
        parts = [np.load(OUT / f"z_cnn_{t}.npz") for t in tag.split("+")]
        z = {k: np.mean([q[k] for q in parts], axis=0) for k in ("hold", "dev")}
        rows.append(row(f"cnn_{tag}", z["dev"], best_threshold(yh, sigmoid(z["hold"]), sh), dev))
        if has_mh:
            a, t = choose_weight(yh, hold["z_tfidf_mh"], z["hold"], sh)
            rows.append(row(f"ens shipped+cnn_{tag} (a={a})", (1 - a) * dev["z_shipped"] + a * z["dev"],
                            t, dev, "a and hold_t chosen on hold with the refit tfidf"))
            rows.append(row(f"ens shipped-raw+cnn_{tag} (a={a})", (1 - a) * raw + a * z["dev"],
                            t, dev))
            rows.append(row(f"ens tfidf_mh+cnn_{tag} (a={a})",
                            (1 - a) * dev["z_tfidf_mh"] + a * z["dev"], t, dev))
        for a in (0.3, 0.5):
            rows.append(row(f"ens shipped+cnn_{tag} fixed a={a}",
                            (1 - a) * dev["z_shipped"] + a * z["dev"], None, dev, "dev-best t only"))
    print(json.dumps(rows, indent=1))
    for r in rows:
        line = f"{r['model']:<40} dev-best t={r['dev_best_t']:.2f} {fmt(r['at_dev_best'])}"
        if "at_hold_t" in r:
            line += f" | hold t={r['hold_t']:.2f} {fmt(r['at_hold_t'])}"
        print(line, file=sys.stderr)


def fmt(s):
    return " ".join(f"{s[k]:.3f}" for k in ("offenseval", "teknofest", "mayda", "hatc", "mean")) + f" worst {s['worst']}"


if __name__ == "__main__":
    main()
