"""What one rate-limit spend costs where shared state could live: SQLite, PostgreSQL, Redis.

    python -m benchmarks.shared_state [--spends 3000] [--threads 1 --threads 8]
                                      [--keys 1 --keys 1000]

SQLite and PostgreSQL run the app's own `Store.spend_token` (a fresh file, a fresh schema
dropped afterwards). Redis runs the same token bucket as one Lua script (EVALSHA: read,
refill, spend, write, atomically), which is how it would be done there; redis-py is used
by this benchmark only, the app has no Redis code. `--threads` spend at once from that
many threads; `--keys` spreads the spends over that many buckets (1: every request from
one client, the hottest row). Prints JSON: spends/s, the latency p50/p99 of one spend and
the CPU it costs the app's process (this one).
Needs `pip install redis` and a Redis server (SUZGEC_BENCH_REDIS_URL, default
redis://127.0.0.1:6379/15; the benchmark's keys are deleted afterwards).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

PG_URL = os.environ.get("SUZGEC_BENCH_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
REDIS_URL = os.environ.get("SUZGEC_BENCH_REDIS_URL", "redis://127.0.0.1:6379/15")
RATE = 1e6  # tokens a second, and the capacity: the buckets never run dry
# The token bucket of Store.spend_token, in Redis: KEYS[1] the bucket, ARGV rate and
# capacity. Redis's own clock (TIME) plays the role of the database's row timestamp.
BUCKET_LUA = """
local now = redis.call('TIME')
now = tonumber(now[1]) + tonumber(now[2]) / 1e6
local rate, capacity = tonumber(ARGV[1]), tonumber(ARGV[2])
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or capacity
local at = tonumber(state[2]) or now
tokens = math.min(capacity, tokens + math.max(0, now - at) * rate)
local wait = 0
if tokens >= 1 then tokens = tokens - 1 else wait = (1 - tokens) / rate end
redis.call('HSET', KEYS[1], 'tokens', tokens, 'at', now)
redis.call('EXPIRE', KEYS[1], 3600)
return tostring(wait)
"""

Spend = Callable[[str], float]


@contextmanager
def sqlite_spend() -> Iterator[Spend]:
    from suzgec.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        store = Store(f"sqlite:///{Path(tmp) / 'state.db'}")
        store.migrate()
        try:
            yield lambda key: store.spend_token(key, RATE, RATE)
        finally:
            store.close()


@contextmanager
def postgresql_spend() -> Iterator[Spend]:
    import sqlalchemy as sa

    from suzgec.store import Store

    schema = f"suzgec_state_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    store = Store(f"{PG_URL}?options=-csearch_path%3D{schema}")
    try:
        store.migrate()
        yield lambda key: store.spend_token(key, RATE, RATE)
    finally:
        store.close()
        with admin.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@contextmanager
def redis_spend() -> Iterator[Spend]:
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    script = client.register_script(BUCKET_LUA)
    prefix = f"suzgec-bench:{uuid.uuid4().hex[:8]}:"
    try:
        yield lambda key: float(script(keys=[prefix + key], args=[RATE, RATE]))
    finally:
        for key in client.scan_iter(match=prefix + "*"):
            client.delete(key)
        client.close()


BACKENDS = {"sqlite": sqlite_spend, "postgresql": postgresql_spend, "redis": redis_spend}


def run(spend: Spend, spends: int, threads: int, keys: int) -> dict[str, Any]:
    for i in range(min(keys, 200)):  # warm-up: connections open, first rows written
        spend(f"submit:10.0.{i // 250}.{i % 250}")
    latencies: list[float] = []
    lock = threading.Lock()
    per_thread = spends // threads

    def worker(n: int) -> None:
        mine = []
        for i in range(per_thread):
            k = (n * per_thread + i) % keys
            started = time.perf_counter()
            spend(f"submit:10.0.{k // 250}.{k % 250}")
            mine.append(time.perf_counter() - started)
        with lock:
            latencies.extend(mine)

    pool = [threading.Thread(target=worker, args=(n,)) for n in range(threads)]
    cpu = time.process_time()
    started = time.perf_counter()
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - cpu
    cuts = statistics.quantiles(latencies, n=100)
    return {
        "threads": threads,
        "keys": keys,
        "spends": len(latencies),
        "spends_per_s": round(len(latencies) / elapsed),
        "p50_us": round(cuts[49] * 1e6),
        "p99_us": round(cuts[98] * 1e6),
        # What a spend costs the app's process, whatever else the machine is doing.
        "app_cpu_us_per_spend": round(cpu * 1e6 / len(latencies)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--spends", type=int, default=3000)
    parser.add_argument("--threads", type=int, action="append")
    parser.add_argument("--keys", type=int, action="append")
    parser.add_argument("--backend", action="append", choices=list(BACKENDS))
    args = parser.parse_args()
    load_at_start = [round(x, 2) for x in os.getloadavg()]
    results = []
    for backend in args.backend or list(BACKENDS):
        with BACKENDS[backend]() as spend:
            for keys in args.keys or [1, 1000]:
                for threads in args.threads or [1, 8]:
                    results.append({"backend": backend, **run(spend, args.spends, threads, keys)})
    print(
        json.dumps(
            {
                "benchmark": "shared_state",
                "cpus": os.cpu_count(),
                "load_average_at_start": load_at_start,
                "load_average_at_end": [round(x, 2) for x in os.getloadavg()],
                "results": results,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
