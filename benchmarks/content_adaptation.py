"""Adaptation benchmark: a new site's moderator decisions, simulated with a left-out source.

    python -m benchmarks.content_adaptation --data ../shared/data [--base-sample N] \
        [--sources offenseval,hatc] [--ks 250,500,1000,2000,5000] [--svg docs/models/adaptation.svg]

For each scored source S (offenseval, teknofest, mayda, hatc):
- **base without S**: the shipped recipe's binary head (LR + NB-LR over hashed TF-IDF and
  lexicon features, source weights ∝ √rows, UD × 0.25) trained on every other source's
  training rows (`--base-sample N`: a seeded sample of N of them), scored at its F1 point
  chosen on the other sources' dev rows;
- **adapted**: that head corrected by k of S's training rows as "moderator decisions"
  (suzgec.classifier.adapt: MAP logistic regression with the base as prior, the prior's
  strength by 3-fold cross-validation on the k rows), at the F1 point of its out-of-fold
  scores;
- **alone**: TF-IDF + LinearSVC (benchmarks.content_baselines) on the same k rows only;
- **in-domain**: the same SVM on all of S's training rows.
k = 250, 500, 1,000, 2,000, 5,000 (capped at S's training rows), taken as growing prefixes
of one seeded order (a site accumulating decisions). Scored by macro-F1 on S's dev rows
(the per-source dev split of classifier/sources.py). The binary head stands for the model:
the content step's clause scores share out its score. Prints JSON and writes the SVG chart.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

import numpy as np
import scipy.sparse as sp

from benchmarks.content_baselines import Baseline
from suzgec.classifier import adapt
from suzgec.classifier import sources as S
from suzgec.classifier import train as T
from suzgec.classifier.site import _points
from suzgec.metrics import macro_f1

KS = (250, 500, 1000, 2000, 5000)
HEAD = "offensive_any"
SEED = "suzgec-adaptation-1"


def _log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def _space(tf: sp.csr_matrix, lex: sp.csr_matrix, idf: np.ndarray, active: np.ndarray):  # type: ignore[no-untyped-def]
    return sp.hstack([T.weight(tf, idf)[:, active], lex], format="csr")


def run(
    data: Path, names: list[str], ks: tuple[int, ...], base_sample: int = 0
) -> dict[str, object]:
    t0 = time.perf_counter()
    present = tuple(s.name for s in S.SOURCES if (data / s.file).is_file())
    splits = S.load_splits(data, present)
    train = splits.train
    dev_rows = splits.dev_rows()
    _log(f"loaded {len(train)} train, {len(dev_rows)} dev rows")
    tf_train = T.count_matrix(r.text for r in train)
    lex_train = T.lexicon_matrix(r.text for r in train)
    tf_dev = T.count_matrix(r.text for r in dev_rows)
    lex_dev = T.lexicon_matrix(r.text for r in dev_rows)
    _log(f"featurised in {time.perf_counter() - t0:.0f} s")
    y_train = np.array([r.offensive for r in train])
    y_dev = np.array([r.offensive for r in dev_rows])
    src_train = np.array([r.source for r in train])
    src_dev = np.array([r.source for r in dev_rows])
    out: dict[str, object] = {}
    for name in names:
        t = time.perf_counter()
        others = np.flatnonzero(src_train != name)
        if base_sample and base_sample < len(others):
            others = np.array(
                sorted(random.Random(f"{SEED}:{name}").sample(list(others), base_sample))
            )
        idf = T.fit_idf(tf_train[others])
        active = np.flatnonzero(idf)
        x_base = _space(tf_train[others], lex_train[others], idf, active)
        weights = T.source_weights(list(src_train[others]), factor=T.SOURCE_FACTOR)
        w, b = T.fit_head(x_base, y_train[others], weights)
        base_s = time.perf_counter() - t
        x_dev = _space(tf_dev, lex_dev, idf, active)
        z_dev = x_dev @ w + b
        p_dev = 1 / (1 + np.exp(-z_dev))
        # The base's own point: chosen on the other sources' dev rows, as a new site gets it.
        other_dev = src_dev != name
        review, reject = T.binary_points(
            p_dev[other_dev], y_dev[other_dev], list(src_dev[other_dev]), T.REJECT_PRECISION
        )
        mine = src_dev == name
        y_s = y_dev[mine]
        base_f1 = macro_f1(y_s, p_dev[mine] >= review)
        base_f1_reject = macro_f1(y_s, p_dev[mine] >= reject)
        s_rows = [r for r in train if r.source == name]
        s_idx = np.flatnonzero(src_train == name)
        order = list(range(len(s_rows)))
        random.Random(f"{SEED}:{name}:order").shuffle(order)
        in_domain = Baseline().fit(s_rows)
        dev_s = [r for r, m in zip(dev_rows, mine, strict=True) if m]
        in_domain_f1 = macro_f1(y_s, in_domain.predict(dev_s))
        x_s = _space(tf_train[s_idx], lex_train[s_idx], idf, active)
        points = []
        for k in sorted({min(k, len(s_rows)) for k in ks}):
            pick = order[:k]
            xk, yk = x_s[pick], y_train[s_idx][pick]
            offset = xk @ w + b
            tk = time.perf_counter()
            fit = adapt.adapt_head(xk, yk, offset, [s_rows[i].id for i in pick])
            adapt_s = time.perf_counter() - tk
            p_s = 1 / (1 + np.exp(-(z_dev[mine] + x_dev[mine] @ fit.d + fit.b)))
            rv, rj = _points(fit.oof, yk, T.REJECT_PRECISION)
            alone = Baseline().fit([s_rows[i] for i in pick])
            point = {
                "k": k,
                "adapted": round(macro_f1(y_s, p_s >= rv), 4),
                "adapted_at_reject": round(macro_f1(y_s, p_s >= rj), 4),
                "adapted_best_threshold": round(max(macro_f1(y_s, p_s >= g) for g in T.GRID), 4),
                "alone": round(macro_f1(y_s, alone.predict(dev_s)), 4),
                "prior_strength": fit.lam,
                "adapt_s": round(adapt_s, 1),
            }
            points.append(point)
            _log(f"{name} k={k}: {point}")
        gap = in_domain_f1 - base_f1
        out[name] = {
            "base_rows": len(others),
            "base_fit_s": round(base_s),
            "dev_rows": int(mine.sum()),
            "train_rows": len(s_rows),
            "base_without": round(base_f1, 4),
            "base_without_at_reject": round(base_f1_reject, 4),
            "in_domain": round(in_domain_f1, 4),
            "points": points,
            "targets": targets(points, base_f1, in_domain_f1, gap),
        }
        _log(f"{name}: done in {time.perf_counter() - t:.0f} s")
    return {
        "dev_seed": S.DEV_SEED,
        "seed": SEED,
        "base_sample": base_sample or None,
        "sources": out,
        "total_s": round(time.perf_counter() - t0),
    }


def targets(
    points: list[dict[str, float]], base: float, in_domain: float, gap: float
) -> dict[str, object]:
    """Issue 7's adaptation targets for one source."""
    beats = all(p["adapted"] > max(base, p["alone"]) for p in points)
    at = {int(p["k"]): float(p["adapted"]) for p in points}
    half = at.get(1000)
    five = at.get(5000, at[max(at)])
    return {
        "beats_base_and_alone_at_every_k": beats,
        "half_gap_at_1000": None if half is None else bool(half >= base + gap / 2),
        "within_0.02_at_5000": bool(five >= in_domain - 0.02),
    }


# --- chart ---------------------------------------------------------------------------------

_W, _H, _PAD = 330, 230, 40
_COLOURS = {"adapted": "#1f6feb", "alone": "#d1242f", "base": "#6e7781", "in_domain": "#1a7f37"}


def svg(result: dict[str, object]) -> str:
    """Four panels (one per source): macro-F1 on S's dev rows against k (log scale)."""
    sources = result["sources"]
    assert isinstance(sources, dict)
    names = list(sources)
    cols = 2
    rows = (len(names) + 1) // 2
    width, height = cols * _W, rows * _H + 30
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="11">',
        '<rect width="100%" height="100%" fill="white"/>',
    ]
    for n, name in enumerate(names):
        src = sources[name]
        ox, oy = (n % cols) * _W, (n // cols) * _H
        pts = src["points"]
        ks = [p["k"] for p in pts]
        values = [p["adapted"] for p in pts] + [p["alone"] for p in pts]
        values += [src["base_without"], src["in_domain"]]
        lo = max(0.0, np.floor(min(values) * 20) / 20)
        hi = min(1.0, np.ceil(max(values) * 20) / 20)
        hi = hi if hi > lo else lo + 0.05
        x0, x1 = ox + _PAD, ox + _W - 10
        y0, y1 = oy + _H - 30, oy + 25
        lk0, lk1 = np.log(min(ks)), np.log(max(max(ks), min(ks) + 1))

        def X(
            k: float, x0: float = x0, x1: float = x1, lk0: float = lk0, lk1: float = lk1
        ) -> float:
            return x0 + (np.log(k) - lk0) / (lk1 - lk0) * (x1 - x0) if lk1 > lk0 else x0

        def Y(v: float, y0: float = y0, y1: float = y1, lo: float = lo, hi: float = hi) -> float:
            return y0 - (v - lo) / (hi - lo) * (y0 - y1)

        parts.append(
            f'<text x="{ox + _W / 2}" y="{oy + 15}" text-anchor="middle" '
            f'font-weight="bold">{name}</text>'
        )
        parts.append(f'<line x1="{x0}" y1="{y0}" x2="{x1}" y2="{y0}" stroke="black"/>')
        parts.append(f'<line x1="{x0}" y1="{y0}" x2="{x0}" y2="{y1}" stroke="black"/>')
        for k in ks:
            parts.append(f'<text x="{X(k):.1f}" y="{y0 + 14}" text-anchor="middle">{k}</text>')
        for v in np.arange(lo, hi + 1e-9, 0.05):
            parts.append(f'<text x="{x0 - 4}" y="{Y(v) + 4:.1f}" text-anchor="end">{v:.2f}</text>')
            parts.append(
                f'<line x1="{x0}" y1="{Y(v):.1f}" x2="{x1}" y2="{Y(v):.1f}" stroke="#eaeef2"/>'
            )
        for key, value, dash in (
            ("base", src["base_without"], "4 3"),
            ("in_domain", src["in_domain"], "2 2"),
        ):
            parts.append(
                f'<line x1="{x0}" y1="{Y(value):.1f}" x2="{x1}" y2="{Y(value):.1f}" '
                f'stroke="{_COLOURS[key]}" stroke-dasharray="{dash}" stroke-width="1.5"/>'
            )
        for key in ("adapted", "alone"):
            line = " ".join(f"{X(p['k']):.1f},{Y(p[key]):.1f}" for p in pts)
            parts.append(
                f'<polyline points="{line}" fill="none" stroke="{_COLOURS[key]}" stroke-width="2"/>'
            )
            for p in pts:
                parts.append(
                    f'<circle cx="{X(p["k"]):.1f}" cy="{Y(p[key]):.1f}" r="2.5" '
                    f'fill="{_COLOURS[key]}"/>'
                )
    legend = (
        ("adapted", "adapted (base + k decisions)"),
        ("alone", "the k rows alone (SVM)"),
        ("base", "base without S"),
        ("in_domain", "in-domain SVM, all of S"),
    )
    y = rows * _H + 15
    for i, (key, label) in enumerate(legend):
        x = 10 + i * (width - 20) / len(legend)
        parts.append(
            f'<line x1="{x}" y1="{y}" x2="{x + 18}" y2="{y}" stroke="{_COLOURS[key]}" '
            'stroke-width="2"/>'
        )
        parts.append(f'<text x="{x + 22}" y="{y + 4}">{label}</text>')
    parts.append(
        f'<text x="{width - 10}" y="{height - 2}" text-anchor="end" fill="#6e7781">'
        "macro-F1 on the source's dev rows against k (log scale)</text>"
    )
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--data", type=Path, default=Path("../shared/data"))
    p.add_argument("--sources", default=",".join(S.SCORED))
    p.add_argument("--ks", default=",".join(map(str, KS)))
    p.add_argument("--base-sample", type=int, default=0, help="train each base on N rows")
    p.add_argument("--svg", type=Path, default=Path("docs/models/adaptation.svg"))
    p.add_argument("--json", type=Path, default=None, help="also write the JSON here")
    args = p.parse_args(argv)
    names = [n for n in args.sources.split(",") if n]
    unknown = sorted(set(names) - set(S.SCORED))
    if unknown:
        p.error(f"unknown or unscored sources: {', '.join(unknown)}")
    ks = tuple(int(k) for k in args.ks.split(","))
    result = run(args.data, names, ks, args.base_sample)
    result["command"] = "python -m benchmarks.content_adaptation " + " ".join(argv or sys.argv[1:])
    text = json.dumps(result, ensure_ascii=False, indent=2)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    args.svg.parent.mkdir(parents=True, exist_ok=True)
    args.svg.write_text(svg(result), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
