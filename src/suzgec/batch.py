"""Batch moderation of JSONL: one output record per input line, in order, in bounded memory.

Each input line is decoded on its own, so one broken line (bad UTF-8, bad JSON,
no text) becomes one error record and the rest of the file still goes through. A clause
check that raises holds its line for review (a decision with "hold", see the pipeline);
anything else that goes wrong on a line becomes that line's error record.
An interrupted run resumes: the output's whole lines stand for the input lines
already done (`resume_output`, then `moderate_stream(..., skip=n)`).
"""

from __future__ import annotations

import json
import logging
import multiprocessing
import os
import threading
import traceback
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from suzgec import messages
from suzgec.config import Settings
from suzgec.errors import SuzgecError
from suzgec.pipeline import Moderator

log = logging.getLogger(__name__)

# Lines handed to the worker pool at a time: big enough to keep both cores busy,
# small enough that memory stays flat on a file of any size.
BATCH_LINES = 2000

_worker: Moderator | None = None
_worker_error: SuzgecError | None = None


class ResumeError(SuzgecError):
    """An output file that --resume cannot continue (not this input's, not an output)."""


@dataclass(frozen=True, slots=True)
class Done:
    """What an interrupted run left in its output: whole lines, and the failed ones."""

    lines: int = 0
    failed: list[int] = field(default_factory=list)  # input line numbers


def _init_worker(settings: Settings) -> None:
    global _worker, _worker_error
    _exit_with_parent()  # first: loading the model takes a while
    try:
        _worker = Moderator(settings)
    except SuzgecError as exc:
        # Raised from a pool initializer, this would kill the worker and the pool would start
        # another, forever; kept, it is raised by the first task, in the parent (a model file
        # that cannot be loaded stops the run with its one-line message).
        _worker_error = exc


def _exit_with_parent() -> None:
    """End this worker the moment its parent process ends, however it ends.

    A worker notices a dead parent only when it next talks to the pool, after the
    chunk in hand: seconds of orphaned work, or more. `parent_process().join()` waits
    on the sentinel every spawned child gets, a pipe the parent holds open (a process
    handle on Windows), so it wakes when the parent is gone, SIGKILL included, and at
    once if it is gone already. Linux's PR_SET_PDEATHSIG would be Linux-only, need
    ctypes, and fire when the *thread* that started the worker ends, not the process.
    """
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        parent.join()
        os._exit(1)  # no cleanup: there is nobody left to hand results to

    threading.Thread(target=watch, name="suzgec-parent-watch", daemon=True).start()


def moderate_line(moderator: Moderator, raw: bytes, line_no: int) -> dict[str, Any]:
    """One JSONL line in, one record out; never raises for bad input."""
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return {"line": line_no, "error": f"satır geçerli UTF-8 değil (bayt {exc.start})"}
    if not line.strip():
        return {"line": line_no, "error": "boş satır"}
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return {"line": line_no, "error": f"geçersiz JSON: {exc.msg} (sütun {exc.colno})"}
    if not isinstance(record, dict):
        return {"line": line_no, "error": "her satır bir JSON nesnesi olmalı"}
    if "text" not in record:
        return {"line": line_no, "id": record.get("id"), "error": "'text' alanı yok"}
    text = record.pop("text")
    try:
        decision = moderator.moderate(text)
    except SuzgecError as exc:
        return {"line": line_no, "id": record.get("id"), "error": str(exc)}
    except Exception as exc:  # a bug past the checks: this line fails, the run goes on
        # Type and frames only: the message may quote the comment.
        frames = "".join(traceback.format_tb(exc.__traceback__)).rstrip()
        log.error("line %d: %s while moderating\n%s", line_no, type(exc).__name__, frames)
        error = messages.LINE_FAILED.format(kind=type(exc).__name__)
        return {"line": line_no, "id": record.get("id"), "error": error}
    out = {"id": record.pop("id", None), **decision.to_dict()}
    for key, value in record.items():  # pass other fields through (labels, metadata)
        out.setdefault(key, value)
    return out


def _work(item: tuple[int, bytes]) -> dict[str, Any]:
    if _worker_error is not None:
        raise _worker_error
    assert _worker is not None
    line_no, raw = item
    return moderate_line(_worker, raw, line_no)


def failed_line(record: dict[str, Any]) -> int | None:
    """The input line number of an error record; None for a decision (whose passed-through
    fields may include one called "error")."""
    if "error" in record and "decision" not in record:
        return int(record["line"])
    return None


def resume_output(path: Path) -> Done:
    """Get an interrupted run's output ready to be appended to, and say what it holds.

    Records are written whole and in order, so the lines that end in a newline are
    the first input lines, done; a last line without one was torn by the interruption
    and is cut off here, to be redone. A missing file is a run not started yet.
    """
    if not path.exists():
        return Done()
    lines, failed = 0, []
    whole = 0  # bytes of the whole lines
    with path.open("r+b") as fh:
        for raw in fh:
            if not raw.endswith(b"\n"):
                break
            try:
                record = json.loads(raw)
            except ValueError:
                record = None
            if not isinstance(record, dict):
                raise ResumeError(messages.RESUME_NOT_OUTPUT.format(path=path, line=lines + 1))
            lines += 1
            whole += len(raw)
            if (line := failed_line(record)) is not None:
                failed.append(line)
        if fh.seek(0, os.SEEK_END) != whole:
            fh.truncate(whole)
    return Done(lines, failed)


def _numbered(lines: Iterable[bytes], skip: int) -> Iterator[tuple[int, bytes]]:
    numbered = enumerate(lines, 1)
    skipped = sum(1 for _ in islice(numbered, skip))  # counted, never held in memory
    if skipped < skip:
        raise ResumeError(messages.RESUME_INPUT_SHORT.format(done=skip, lines=skipped))
    return ((n, raw.rstrip(b"\r\n")) for n, raw in numbered)


def moderate_stream(
    lines: Iterable[bytes], settings: Settings | None = None, jobs: int = 1, skip: int = 0
) -> Iterator[dict[str, Any]]:
    """Moderate JSONL lines (bytes, as read from a binary file): one record per line.

    `skip` lines are passed over first (a resumed run); records keep their line numbers.
    """
    settings = settings or Settings()
    items = _numbered(lines, skip)  # before the workers start: a mismatch fails fast
    if jobs <= 1:
        moderator = Moderator(settings)
        for n, raw in items:
            yield moderate_line(moderator, raw, n)
        return
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(jobs, initializer=_init_worker, initargs=(settings,)) as pool:
        chunk = max(1, BATCH_LINES // (jobs * 4))
        batch = list(islice(items, BATCH_LINES))
        pending = pool.map_async(_work, batch, chunksize=chunk) if batch else None
        while pending is not None:
            batch = list(islice(items, BATCH_LINES))  # read ahead while workers run
            following = pool.map_async(_work, batch, chunksize=chunk) if batch else None
            yield from pending.get()
            pending = following
