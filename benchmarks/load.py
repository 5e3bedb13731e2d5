"""Bounded load test of comment submission over loopback: prints JSON.

    python benchmarks/load.py [--requests 3000] [--concurrency 32] [--seconds 20]
                              [--backend sqlite --backend postgresql]
                              [--workers 1 --workers 2] [--limiter off --limiter on]

For each backend, worker count and limiter it starts `suzgec serve --workers W` in a
subprocess on 127.0.0.1 (fresh SQLite file, or a fresh PostgreSQL schema dropped
afterwards; access log off), then an async client posts up to N submissions with C in
flight, stopping after T seconds whatever is left. `--limiter off` runs with
rate_limit_per_minute = 0; `on` keeps the database rate limiter on with a limit too high
to refuse anything, so the difference is what the shared limiter costs (every request
comes from 127.0.0.1: one bucket row, the worst case for contention; `--addresses 32`
spreads the raw client over 32 loopback addresses, 32 clients with a bucket each).
Reported: submissions/s over the run and latency p50/p99, plus CPU milliseconds per
submission in the server (all its processes) and in the client: on a shared or small
machine the client competes with the server for the same cores, so the server's CPU cost
is the number that carries over to a real deployment.
Texts mix clean, shouted (rejected with a suggestion) and long comments.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

PG_URL = os.environ.get("SUZGEC_BENCH_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
SLUG = "rize-cay-hasadi-ikinci-surgun"
NEVER_REFUSE = 100_000_000  # per minute and burst: the limiter runs but never says no
TEXTS = [
    "Haber için teşekkürler, çok faydalı oldu.",
    "BU HABER ÇOK KÖTÜ",
    "Çay üreticilerinin emeği karşılığını bulmalı; alım fiyatı maliyetlerin gerisinde kalıyor.",
    "Rize'de yaşayan biri olarak söyleyeyim, işçi bulmak gerçekten zorlaştı. " * 4,
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def database(backend: str, workdir: Path) -> Iterator[str]:
    if backend == "sqlite":
        yield f"sqlite:///{workdir / 'load.db'}"
        return
    import sqlalchemy as sa

    schema = f"suzgec_load_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield f"{PG_URL}?options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def cpu_seconds(pid: int) -> float | None:
    """User+system CPU time of a process and its live children (Linux /proc: uvicorn's
    worker processes), to report cost per submission independently of what else the
    machine is running."""
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
        with open(f"/proc/{pid}/task/{pid}/children", encoding="utf-8") as fh:
            children = [int(c) for c in fh.read().split()]
    except (OSError, ValueError, IndexError):
        return None
    own = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return own + sum(cpu_seconds(child) or 0.0 for child in children)


@contextmanager
def server(
    db_url: str, workdir: Path, workers: int = 1, per_minute: int = 0
) -> Iterator[tuple[str, int]]:
    port = free_port()
    env = {
        **os.environ,
        "SUZGEC_RATE_LIMIT_PER_MINUTE": str(per_minute),
        "SUZGEC_RATE_LIMIT_BURST": str(max(1, per_minute)),
        "SUZGEC_SECRET_KEY": "load-test",
    }
    cmd = [
        sys.executable,
        "-c",
        "from suzgec.cli import main; main()",
        "serve",
        "--port",
        str(port),
        "--db",
        db_url,
        "--log-level",
        "warning",
        "--workers",
        str(workers),
    ]
    log = open(workdir / "server.log", "w", encoding="utf-8")
    proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{base}/api/articles", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                log.flush()
                raise RuntimeError((workdir / "server.log").read_text(encoding="utf-8")[-2000:])
            time.sleep(0.2)
        yield base, proc.pid
    finally:
        proc.terminate()
        proc.wait(timeout=15)
        log.close()


class RawClient:
    """A minimal HTTP/1.1 keep-alive client on asyncio streams, one connection per worker.

    httpx costs the client several times the server's CPU per request; on a small
    machine where both share the cores, this lighter client lets the server's own
    throughput show. Only what the benchmark needs: POST JSON, Content-Length replies.
    """

    def __init__(self, base: str, source: str | None = None) -> None:
        hostport = base.split("://", 1)[1]
        self.host, port = hostport.split(":")
        self.port = int(port)
        self.source = source  # a loopback address to connect from: another client to the server
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def post(self, path: str, body: bytes) -> int:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(
                self.host, self.port, local_addr=(self.source, 0) if self.source else None
            )
        assert self.reader is not None
        head = (
            f"POST {path} HTTP/1.1\r\nHost: {self.host}\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\n\r\n"
        ).encode()
        self.writer.write(head + body)
        status_line = await self.reader.readline()
        length = 0
        while (line := await self.reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
        await self.reader.readexactly(length)
        return int(status_line.split()[1])

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()


async def run_load(
    base: str,
    requests: int,
    concurrency: int,
    seconds: float,
    client_kind: str = "httpx",
    addresses: int = 1,
) -> dict[str, Any]:
    latencies: list[float] = []
    statuses: Counter[int] = Counter()
    errors: Counter[str] = Counter()
    path = f"/api/articles/{SLUG}/comments"
    counter = iter(range(requests))
    deadline = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)

    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as client:

        async def worker(n: int) -> None:
            # Connecting from 127.0.0.2, .3, ... makes each address a client of its own,
            # with its own rate-limit bucket (Linux routes all of 127/8 to loopback).
            source = f"127.0.0.{2 + n % addresses}" if addresses > 1 else None
            raw = RawClient(base, source) if client_kind == "raw" else None
            try:
                for i in counter:
                    if time.perf_counter() > deadline:
                        return
                    body = {"text": TEXTS[i % len(TEXTS)], "author": f"Okur {i % 50}"}
                    started = time.perf_counter()
                    try:
                        if raw is not None:
                            status = await raw.post(path, json.dumps(body).encode())
                        else:
                            status = (await client.post(path, json=body)).status_code
                    except (httpx.HTTPError, OSError, asyncio.IncompleteReadError) as exc:
                        errors[type(exc).__name__] += 1
                        raw = RawClient(base, source) if raw is not None else None
                        continue
                    statuses[status] += 1
                    latencies.append(time.perf_counter() - started)
            finally:
                if raw is not None:
                    await raw.close()

        started = time.perf_counter()
        await asyncio.gather(*(worker(n) for n in range(concurrency)))
        elapsed = time.perf_counter() - started
    ok = statuses.get(201, 0)
    cuts = statistics.quantiles(latencies, n=100) if len(latencies) >= 2 else [0.0] * 99
    return {
        "client": client_kind,
        "submissions": ok,
        "other_statuses": {str(k): v for k, v in statuses.items() if k != 201},
        "transport_errors": dict(errors),
        "seconds": round(elapsed, 2),
        "submissions_per_s": round(ok / elapsed, 1) if elapsed else 0.0,
        "p50_ms": round(cuts[49] * 1000, 1),
        "p99_ms": round(cuts[98] * 1000, 1),
    }


def measure(
    backend: str, client_kind: str, workers: int, limiter: str, args: argparse.Namespace
) -> dict[str, Any]:
    """One fresh database and server, a warm-up, then the timed run."""
    per_minute = NEVER_REFUSE if limiter == "on" else 0
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        try:
            with (
                database(backend, workdir) as url,
                server(url, workdir, workers, per_minute) as (base, pid),
            ):
                asyncio.run(run_load(base, 50, 4, 10, client_kind))  # warm-up, not counted
                load_before = round(os.getloadavg()[0], 2)
                cpu_before = cpu_seconds(pid)
                client_before = time.process_time()
                result = asyncio.run(
                    run_load(
                        base,
                        args.requests,
                        args.concurrency,
                        args.seconds,
                        client_kind,
                        args.addresses,
                    )
                )
                cpu_after = cpu_seconds(pid)
                client_cpu = time.process_time() - client_before
        except Exception as exc:
            return {"client": client_kind, "error": f"{type(exc).__name__}: {str(exc)[-300:]}"}
    result["load_1min_before"] = load_before
    if result["submissions"]:
        result["client_cpu_ms_per_submission"] = round(client_cpu * 1000 / result["submissions"], 2)
        if cpu_before is not None and cpu_after is not None:
            server_ms = (cpu_after - cpu_before) * 1000 / result["submissions"]
            result["server_cpu_ms_per_submission"] = round(server_ms, 2)
            # What one server process could take on a core of its own.
            result["server_capacity_per_core_per_s"] = round(1000 / server_ms)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--backend", action="append", choices=["sqlite", "postgresql"])
    parser.add_argument(
        "--workers",
        action="append",
        type=int,
        help="server processes (`suzgec serve --workers`); repeat for several runs "
        "(default: 1 and 2)",
    )
    parser.add_argument(
        "--limiter",
        action="append",
        choices=["off", "on"],
        help="rate_limit_per_minute 0 (off) or the database limiter on but never refusing "
        "(default: both)",
    )
    parser.add_argument(
        "--client",
        action="append",
        choices=["httpx", "raw"],
        help="httpx (default) and/or raw: a minimal asyncio client that leaves the CPU to "
        "the server",
    )
    parser.add_argument(
        "--addresses",
        type=int,
        default=1,
        help="raw client only: connect from this many loopback addresses (127.0.0.2, ...), "
        "each a client with its own rate-limit bucket (default 1: one client, one bucket)",
    )
    args = parser.parse_args()
    if args.addresses > 1 and (args.client or ["httpx"]) != ["raw"]:
        parser.error("--addresses needs --client raw")
    load_at_start = [round(x, 2) for x in os.getloadavg()]
    results = []
    for backend in args.backend or ["sqlite", "postgresql"]:
        for client_kind in args.client or ["httpx"]:
            # Limiter off and on side by side in time: the machine's load drifts.
            for workers in args.workers or [1, 2]:
                for limiter in args.limiter or ["off", "on"]:
                    result = measure(backend, client_kind, workers, limiter, args)
                    run = {"backend": backend, "workers": workers, "limiter": limiter}
                    results.append({**run, **result})
    print(
        json.dumps(
            {
                "benchmark": "load",
                "requests": args.requests,
                "concurrency": args.concurrency,
                "client_addresses": args.addresses,
                "max_seconds": args.seconds,
                "cpus": os.cpu_count(),
                "load_average_at_start": load_at_start,
                "load_average_at_end": [round(x, 2) for x in os.getloadavg()],
                "python": platform.python_version(),
                "results": results,
            },
            ensure_ascii=False,
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
