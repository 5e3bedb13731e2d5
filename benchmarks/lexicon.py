"""The content lexicon on shared offensive-language data.

    python -m benchmarks.lexicon [--data ../shared/data] [--limit N]

Prints JSON:
* offenseval: precision/recall/F1 of "any content signal >= 0.5" against label OFF on the
  OffensEval 2020 Turkish training set, the flag rate on NOT rows, and recall per target type;
* mayda_dini: on Mayda et al. rows whose targets include `dini` (religious), the share that get a
  belief_attack signal, and the share that get any content signal;
* coverage: the share of entries in each shared swear-word list that the matcher flags (>= 0.5);
  these lists hold context-only words (allah, am, ana) on purpose, so 100 % is not the goal;
* speed: comments/s of the lexicon check alone and of Comment.of + check, on one core.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from suzgec.comment import Comment
from suzgec.lexicon.matcher import VERSION, LexiconCheck, lexicon
from suzgec.metrics import prf
from suzgec.model import Clause

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
THRESHOLD = 0.5
# File name of each shared list inside lexicons/<name>/.
LISTS = {
    "ooguz_karaliste": "karaliste.txt",
    "ldnoobw_tr": "tr",
    "d35k_swears": "swears.txt",
}


def read_jsonl(path: Path, limit: int | None = None) -> Iterator[dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if limit is not None and i >= limit:
                return
            if line.strip():
                yield json.loads(line)


def offenseval(data: Path, check: LexiconCheck, limit: int | None) -> dict[str, Any]:
    tp = fp = fn = tn = 0
    by_target: Counter[str] = Counter()
    hit_target: Counter[str] = Counter()
    for row in read_jsonl(data / "offensive" / "offenseval_tr_2020.train.jsonl", limit):
        flagged = any(s.score >= THRESHOLD for s in check(Comment.of(row["text"])))
        off = row["label"] == "OFF"
        by_target[row.get("target", "")] += 1
        hit_target[row.get("target", "")] += flagged
        if off and flagged:
            tp += 1
        elif off:
            fn += 1
        elif flagged:
            fp += 1
        else:
            tn += 1
    return {
        "rows": tp + fp + fn + tn,
        **prf(tp, fp, fn),
        "flag_rate_not": round(fp / (fp + tn), 4) if fp + tn else 0.0,
        "flag_rate_by_target": {t: round(hit_target[t] / n, 4) for t, n in by_target.items()},
    }


def mayda_dini(data: Path, check: LexiconCheck) -> dict[str, Any]:
    n = belief = anything = 0
    for row in read_jsonl(data / "offensive" / "mayda_hate_2021.train.jsonl"):
        if "dini" not in row.get("targets", []):
            continue
        n += 1
        signals = [s for s in check(Comment.of(row["text"])) if s.score >= THRESHOLD]
        belief += any(s.clause is Clause.BELIEF_ATTACK for s in signals)
        anything += bool(signals)
    return {
        "rows": n,
        "belief_attack_recall": round(belief / n, 4) if n else 0.0,
        "any_content_recall": round(anything / n, 4) if n else 0.0,
    }


def read_list(path: Path) -> list[str]:
    with open(path, encoding="utf-8") as fh:
        return [line.strip() for line in fh if line.strip()]


def coverage(data: Path, check: LexiconCheck) -> dict[str, Any]:
    """Share of each shared list's entries that get a content signal >= 0.5 on their own."""
    out: dict[str, Any] = {}
    for name, filename in LISTS.items():
        path = data / "lexicons" / name / filename
        if not path.exists():
            continue
        words = read_list(path)
        caught = sum(any(s.score >= THRESHOLD for s in check(Comment.of(w))) for w in words)
        out[name] = {"entries": len(words), "caught": round(caught / len(words), 4)}
    return out


def speed(data: Path, check: LexiconCheck, n: int = 20000) -> dict[str, float]:
    texts = [
        row["text"] for row in read_jsonl(data / "offensive" / "offenseval_tr_2020.train.jsonl", n)
    ]
    comments = [Comment.of(t) for t in texts]
    for c in comments[:2000]:  # warm the per-word cache the way a running server has it
        check(c)
    t0 = time.perf_counter()
    for c in comments:
        check(c)
    check_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    for t in texts:
        check(Comment.of(t))
    full_s = time.perf_counter() - t0
    return {
        "comments": len(texts),
        "check_comments_per_s": round(len(texts) / check_s),
        "check_ms_per_comment": round(1000 * check_s / len(texts), 4),
        "with_tokenize_comments_per_s": round(len(texts) / full_s),
    }


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args(argv)
    check = LexiconCheck()
    lex = lexicon()
    result = {
        "version": VERSION,
        "lexicon_entries": len(lex.entries),
        "threshold": THRESHOLD,
        "offenseval": offenseval(args.data, check, args.limit),
        "mayda_dini": mayda_dini(args.data, check),
        "coverage": coverage(args.data, check),
        "speed": speed(args.data, check),
    }
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return result


if __name__ == "__main__":
    main()
