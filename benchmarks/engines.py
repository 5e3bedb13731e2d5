"""Which distributed engine for archive re-moderation: Dask, Ray or Spark, measured.

    python -m benchmarks.engines [--engine dask] [--data ../shared/data] [--comments 6000]

Each engine runs the same job in its local mode with 2 worker processes: partitions of
real comments (OffensEval-TR tweets) mapped to a function that moderates them with a
Moderator built once per worker process, results gathered on the driver. Reports, per
engine: the seconds to start (cluster up, workers ready), the seconds to the first result
(includes each worker loading the models), and comments/s over the partitions after the
first. An engine that is not installed is reported as such. Prints JSON.

This is the measurement behind docs/decisions/0006-archive-remoderation-engine.md; the
installed size is measured beside it with `pip install --target DIR ENGINE; du -sh DIR`.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.throughput import comments
from benchmarks.ud import DEFAULT_DATA

WORKERS = 2
PARTITION = 250

_moderator: Any = None
# Run as `python -m`, this file is __main__, whose functions are pickled by value: each task
# would then build a Moderator of its own. The engines get the importable module's copy.


def moderate_partition(texts: list[str]) -> int:
    """Moderate one partition; the Moderator is built once per worker process."""
    global _moderator
    if _moderator is None:
        from suzgec.pipeline import Moderator

        _moderator = Moderator()
    return sum(_moderator.moderate(t).action == "reject" for t in texts)


def _task() -> Callable[[list[str]], int]:
    from benchmarks.engines import moderate_partition as task

    return task


def _timed(
    start: Callable[[], Any],
    run: Callable[[Any, list[list[str]]], list[float]],
    stop: Callable[[Any], None],
    parts: list[list[str]],
) -> dict[str, Any]:
    t0 = time.perf_counter()
    handle = start()
    started = time.perf_counter() - t0
    done_at = run(handle, parts)  # seconds from submitting to each partition's result
    stop(handle)
    first = min(done_at)
    rest = len(parts) - 1
    after_first = max(done_at) - first
    return {
        "start_s": round(started, 2),
        "first_result_s": round(first, 2),
        "comments_per_s": round(rest * len(parts[0]) / after_first, 1) if after_first else None,
        "total_s": round(time.perf_counter() - t0, 2),
    }


def _dask(parts: list[list[str]]) -> dict[str, Any]:
    from distributed import Client, LocalCluster, as_completed

    def start() -> Any:
        cluster = LocalCluster(
            n_workers=WORKERS, threads_per_worker=1, processes=True, dashboard_address=None
        )
        return Client(cluster), cluster

    def run(handle: Any, parts: list[list[str]]) -> list[float]:
        client, _ = handle
        t = time.perf_counter()
        futures = client.map(_task(), parts, pure=False)
        return [time.perf_counter() - t for _ in as_completed(futures)]

    def stop(handle: Any) -> None:
        handle[0].close()
        handle[1].close()

    return _timed(start, run, stop, parts)


def _ray(parts: list[list[str]]) -> dict[str, Any]:
    import ray

    def start() -> Any:
        ray.init(num_cpus=WORKERS, include_dashboard=False, log_to_driver=False)
        return ray.remote(_task())

    def run(remote: Any, parts: list[list[str]]) -> list[float]:
        t = time.perf_counter()
        pending = [remote.remote(p) for p in parts]
        out = []
        while pending:
            done, pending = ray.wait(pending, num_returns=1)
            ray.get(done)
            out.append(time.perf_counter() - t)
        return out

    return _timed(start, run, lambda _: ray.shutdown(), parts)


def _spark(parts: list[list[str]]) -> dict[str, Any]:
    from pyspark.sql import SparkSession

    def start() -> Any:
        return (
            SparkSession.builder.master(f"local[{WORKERS}]")
            .config("spark.ui.enabled", "false")
            .config("spark.python.worker.reuse", "true")
            .getOrCreate()
        )

    def run(spark: Any, parts: list[list[str]]) -> list[float]:
        # Spark hands back a whole stage at once: time the first partition alone, then
        # the rest, so "first result" and the throughput mean the same as for the others.
        sc = spark.sparkContext
        t = time.perf_counter()
        sc.parallelize(parts[:1], 1).map(_task()).collect()
        first = time.perf_counter() - t
        sc.parallelize(parts[1:], len(parts) - 1).map(_task()).collect()
        return [first, time.perf_counter() - t]

    return _timed(start, run, lambda spark: spark.stop(), parts)


ENGINES: dict[str, Callable[[list[list[str]]], dict[str, Any]]] = {
    "dask": _dask,
    "ray": _ray,
    "spark": _spark,
}
MODULES = {"dask": "distributed", "ray": "ray", "spark": "pyspark"}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--engine", choices=sorted(ENGINES), action="append")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--comments", type=int, default=6000)
    args = parser.parse_args(argv)
    texts = comments(args.data, args.comments)
    parts = [texts[i : i + PARTITION] for i in range(0, len(texts), PARTITION)]
    report: dict[str, Any] = {"workers": WORKERS, "comments": len(texts), "partition": PARTITION}
    t = time.perf_counter()
    moderate_partition(parts[0])
    load = time.perf_counter() - t
    t = time.perf_counter()
    for part in parts[1:]:
        moderate_partition(part)
    report["in_process"] = {
        "first_result_s": round(load, 2),
        "comments_per_s": round((len(parts) - 1) * PARTITION / (time.perf_counter() - t), 1),
    }
    for name in args.engine or sorted(ENGINES):
        try:
            __import__(MODULES[name])
        except ImportError:
            report[name] = "not installed"
            continue
        report[name] = ENGINES[name](parts)
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
