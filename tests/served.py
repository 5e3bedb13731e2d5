"""`suzgec serve` as real subprocesses, for the tests that need what an in-process app hides:
a process killed with SIGKILL, several server processes on one database.

Each server is configured only by SUZGEC_* variables, as an operator would run it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

import suzgec
from conftest import PG_URL, free_port
from conftest import pg_schema as fresh_schema


class Served:
    """One `suzgec serve` process on a loopback port; its output goes to a log file."""

    def __init__(
        self, workdir: Path, name: str, args: tuple[str, ...] = (), **settings: object
    ) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log_path = workdir / f"{name}.log"
        env = {k: v for k, v in os.environ.items() if not k.startswith("SUZGEC_")}
        env.update({f"SUZGEC_{k.upper()}": str(v) for k, v in settings.items()})
        env["SUZGEC_PORT"] = str(self.port)
        # The package under test, wherever the working directory is.
        env["PYTHONPATH"] = os.pathsep.join(
            [str(Path(suzgec.__file__).parents[1]), env.get("PYTHONPATH", "")]
        )
        cmd = [sys.executable, "-c", "from suzgec.cli import main; main()", "serve"]
        with open(self.log_path, "w", encoding="utf-8") as log:
            self.proc = subprocess.Popen(
                [*cmd, "--log-level", "warning", *args],
                cwd=workdir,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8")

    def wait_ready(self, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while True:
            try:
                if httpx.get(f"{self.base}/api/articles", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.stop()
                pytest.fail(f"suzgec serve on port {self.port} did not start:\n{self.log()}")
            time.sleep(0.2)

    def children(self) -> list[int]:
        """Process ids of the server's worker processes (Linux /proc)."""
        pid = self.proc.pid
        with open(f"/proc/{pid}/task/{pid}/children", encoding="utf-8") as fh:
            pids = [int(p) for p in fh.read().split()]
        workers = []
        for child in pids:
            with open(f"/proc/{child}/cmdline", "rb") as fh:
                if b"spawn_main" in fh.read():
                    workers.append(child)
        return workers

    def kill(self) -> None:
        """kill -9: no shutdown handler, no flush, no rollback in the process."""
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=15)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()


@contextmanager
def servers() -> Iterator[list[Served]]:
    """A list to put started servers in; every one is stopped at the end, whatever happened."""
    started: list[Served] = []
    try:
        yield started
    finally:
        for server in started:
            server.stop()


@contextmanager
def pg_schema() -> Iterator[str]:
    """A fresh, empty PostgreSQL schema for server processes (their URL), dropped after."""
    with fresh_schema() as schema:
        yield f"{PG_URL}?options=-csearch_path%3D{schema}"
