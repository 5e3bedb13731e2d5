"""Throughput of the full default pipeline on real comments, one process (one core).

    python -m benchmarks.throughput [--data ../shared/data] [--limit 5000] [--warm 0]

Runs in a fresh process; the texts are OffensEval-TR tweets (real reader-style comments).
By default every word cache starts empty (the worst case: a server that just started).
`--warm N` first moderates N *other* tweets, as a server that has been running would have.
Prints JSON: comments/s (by wall and by CPU time), the p50/p99 latency per comment, and the
models' load time.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from benchmarks.ud import DEFAULT_DATA


def comments(data: Path, limit: int) -> list[str]:
    out = []
    with open(data / "offensive" / "offenseval_tr_2020.train.jsonl", encoding="utf-8") as fh:
        for line in fh:
            out.append(json.loads(line)["text"])
            if len(out) >= limit:
                break
    return out


def run(data: Path, limit: int, warm: int = 0) -> dict:
    everything = comments(data, limit + warm)
    texts, warm_up = everything[:limit], everything[limit:]
    t0 = time.perf_counter()
    from suzgec.pipeline import Moderator

    moderator = Moderator()
    moderator.moderate("ısınma")  # load every lazy model before timing
    from suzgec.text.dictionary import default_dictionary

    default_dictionary().available  # noqa: B018 (loads Hunspell, as a server does at start-up)
    load_s = time.perf_counter() - t0
    for text in warm_up:
        moderator.moderate(text)
    latencies = []
    t0, cpu0 = time.perf_counter(), time.process_time()
    for text in texts:
        t = time.perf_counter()
        moderator.moderate(text)
        latencies.append(time.perf_counter() - t)
    secs = time.perf_counter() - t0
    # CPU time as well: on a machine other jobs share, wall time says more about them.
    cpu_secs = time.process_time() - cpu0
    latencies.sort()
    return {
        "comments": len(texts),
        "warmed_on_other_comments": len(warm_up),
        "mean_chars": round(sum(map(len, texts)) / len(texts), 1),
        "comments_per_s": round(len(texts) / secs, 1),
        "comments_per_cpu_s": round(len(texts) / cpu_secs, 1),
        "p50_ms": round(latencies[len(latencies) // 2] * 1000, 3),
        "p99_ms": round(latencies[int(len(latencies) * 0.99)] * 1000, 3),
        "load_s": round(load_s, 2),
        "model_versions": moderator.model_versions,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=5000)
    parser.add_argument("--warm", type=int, default=0)
    args = parser.parse_args()
    print(json.dumps(run(args.data, args.limit, args.warm), ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
