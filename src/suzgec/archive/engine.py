"""Where the partitions are computed: in this process, or on Dask.

Dask runs the same code on a local cluster of worker processes (`workers=N`) and on an
existing cluster (`scheduler="tcp://HOST:8786"`): the driver submits one task per
partition and takes the results as they finish, whichever it is, so the local cluster that
CI starts exercises the path a real cluster takes. Why Dask and not Ray or Spark:
docs/decisions/0006-archive-remoderation-engine.md.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from typing import Any, Protocol

from suzgec import messages
from suzgec.archive.worker import Task, compute_rows, compute_task, read_rows
from suzgec.config import Settings
from suzgec.errors import SuzgecError
from suzgec.pipeline import Moderator
from suzgec.store import Store


class Engine(Protocol):
    name: str

    def map(self, tasks: Sequence[Task]) -> Iterator[tuple[Task, dict[str, Any]]]:
        """Compute every task; yield (task, result) as each finishes, in any order."""
        ...

    def close(self) -> None: ...


class InProcess:
    """One partition after the other in this process, with the driver's store."""

    name = "in-process"

    def __init__(self, store: Store, moderator: Moderator) -> None:
        self.store, self.moderator = store, moderator

    def map(self, tasks: Sequence[Task]) -> Iterator[tuple[Task, dict[str, Any]]]:
        for task in tasks:
            yield task, compute_rows(self.moderator, read_rows(task, self.store))

    def close(self) -> None:
        pass


class Dask:
    """Dask's distributed scheduler: a local cluster of `workers` processes (one thread
    each: moderation is pure Python, so threads would share one core), or the cluster
    whose scheduler listens at `scheduler`."""

    def __init__(
        self,
        db_url: str,
        settings: Settings,
        workers: int = 2,
        scheduler: str | None = None,
        connect_timeout: float = 10.0,
    ) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise SuzgecError(messages.ENGINE_MISSING) from None
        self.db_url, self.settings = db_url, settings
        self.workers, self.scheduler = workers, scheduler
        self.cluster: Any = None
        if scheduler:
            self.name = f"Dask ({scheduler})"
            try:
                self.client = Client(scheduler, timeout=connect_timeout)
            except (OSError, TimeoutError) as exc:
                raise SuzgecError(
                    messages.SCHEDULER_UNREACHABLE.format(
                        address=scheduler, reason=type(exc).__name__
                    )
                ) from None
        else:
            self.name = f"Dask (local, {workers} workers)"
            self.cluster = LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                # No dashboard, and the scheduler's own HTTP routes on a free loopback
                # port: two runs on one machine must not fight over 8787.
                dashboard_address="127.0.0.1:0",
                scheduler_kwargs={"dashboard": False},
                silence_logs=logging.WARNING,
            )
            self.client = Client(self.cluster)

    def map(self, tasks: Sequence[Task]) -> Iterator[tuple[Task, dict[str, Any]]]:
        from distributed import as_completed

        if not tasks:
            return
        # pure=False: a task is a read of the database, not a value Dask may cache.
        futures = self.client.map(
            compute_task,
            list(tasks),
            db_url=self.db_url,
            settings=self.settings,
            pure=False,
        )
        pending = {f.key: (f, t) for f, t in zip(futures, tasks, strict=True)}
        done = as_completed(futures)
        # Only `pending` refers to the futures not taken yet: a worker keeps a result for as
        # long as the client refers to its future, so holding them all kept every partition's
        # changes in the workers' memory until the end (1 M comments: 3.2 GB in one worker).
        del futures
        try:
            for future in done:
                _, task = pending.pop(future.key)
                result = future.result()
                future.release()
                yield task, result
        finally:
            # Stopped early (Ctrl-C, an error): drop the rest.
            self.client.cancel([f for f, _ in pending.values()])

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()
