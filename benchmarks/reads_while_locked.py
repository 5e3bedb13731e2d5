"""Reads while writes wait: latency of reading a thread while another process holds the
SQLite write lock (issue 10). Prints JSON.

    python -m benchmarks.reads_while_locked [--hold 8] [--writers 8]

Starts `suzgec serve` on a fresh SQLite file (as benchmarks/load.py does), posts one comment,
then reads the article's comments for a baseline. Then another connection takes the write
lock (`BEGIN IMMEDIATE`) and keeps it for `--hold` seconds while `--writers` submissions
wait for it (the server gives a write up to 15 s) and one client keeps reading. Reported:
read latency p50 / p99 / max before and during the lock, how many reads were served, and
each waiting submission's status and latency. Reads must stay fast: submissions run off
the event loop, and WAL lets readers read past a writer.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import statistics
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx

from benchmarks.load import SLUG, database, server

PATH = f"/api/articles/{SLUG}/comments"


def _summary(latencies: list[float]) -> dict[str, Any]:
    ms = sorted(x * 1000 for x in latencies)
    if not ms:
        return {"reads": 0}
    return {
        "reads": len(ms),
        "p50_ms": round(statistics.median(ms), 1),
        "p99_ms": round(ms[min(len(ms) - 1, int(len(ms) * 0.99))], 1),
        "max_ms": round(ms[-1], 1),
    }


def _read_for(client: httpx.Client, seconds: float) -> tuple[list[float], int]:
    latencies, failed = [], 0
    until = time.perf_counter() + seconds
    while time.perf_counter() < until:
        t = time.perf_counter()
        ok = client.get(PATH).status_code == 200
        latencies.append(time.perf_counter() - t)
        failed += not ok
    return latencies, failed


def run(hold: float, writers: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        with database("sqlite", workdir) as url, server(url, workdir) as (base, _pid):
            db_file = url.removeprefix("sqlite:///")
            with httpx.Client(base_url=base, timeout=30) as client:
                first = client.post(PATH, json={"text": "Haber için teşekkürler."})
                baseline, _ = _read_for(client, 2.0)

                holder = sqlite3.connect(db_file, timeout=5)
                holder.execute("BEGIN IMMEDIATE")  # another process's long write
                writes: list[tuple[int, float]] = []

                def write(n: int) -> None:
                    with httpx.Client(base_url=base, timeout=30) as own:
                        t = time.perf_counter()
                        r = own.post(PATH, json={"text": f"Bekleyen yorum {n}, teşekkürler."})
                        writes.append((r.status_code, time.perf_counter() - t))

                threads = [threading.Thread(target=write, args=(n,)) for n in range(writers)]
                for th in threads:
                    th.start()
                time.sleep(0.2)  # the submissions are waiting for the lock by now
                during, failed = _read_for(client, hold)
                holder.rollback()
                holder.close()
                for th in threads:
                    th.join()
    return {
        "benchmark": "reads_while_locked",
        "first_post_status": first.status_code,
        "hold_seconds": hold,
        "reads_before": _summary(baseline),
        "reads_during_lock": {**_summary(during), "not_200": failed},
        "waiting_submissions": [
            {"status": status, "seconds": round(secs, 2)} for status, secs in sorted(writes)
        ],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hold", type=float, default=8.0, help="seconds the lock is held")
    parser.add_argument("--writers", type=int, default=8, help="submissions waiting for it")
    args = parser.parse_args()
    print(json.dumps(run(args.hold, args.writers), ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
