"""Batch moderation of JSONL: one output record per input line, in order, in bounded memory.

Each input line is decoded on its own, so one broken line (bad UTF-8, bad JSON,
no text) becomes one error record and the rest of the file still goes through. A clause
check that raises holds its line for review (a decision with "hold", see the pipeline);
anything else that goes wrong on a line becomes that line's error record.
"""

from __future__ import annotations

import json
import logging
import multiprocessing
import traceback
from collections.abc import Iterable, Iterator
from itertools import islice
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


def _init_worker(settings: Settings) -> None:
    global _worker, _worker_error
    try:
        _worker = Moderator(settings)
    except SuzgecError as exc:
        # Raised from a pool initializer, this would kill the worker and the pool would start
        # another, forever; kept, it is raised by the first task, in the parent (a model file
        # that cannot be loaded stops the run with its one-line message).
        _worker_error = exc


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


def _numbered(lines: Iterable[bytes]) -> Iterator[tuple[int, bytes]]:
    for n, raw in enumerate(lines, 1):
        yield n, raw.rstrip(b"\r\n")


def moderate_stream(
    lines: Iterable[bytes], settings: Settings | None = None, jobs: int = 1
) -> Iterator[dict[str, Any]]:
    """Moderate JSONL lines (bytes, as read from a binary file): one record per line."""
    settings = settings or Settings()
    items = _numbered(lines)
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
