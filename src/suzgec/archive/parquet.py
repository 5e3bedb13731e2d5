"""Parquet exports of the comments: one file per range of comment ids, and a manifest.

    DIR/_manifest.json                      {"format": 1, "partitions": [{file, lo, hi, rows}]}
    DIR/comments-0000000001-0000002001.parquet
                                            id, article, text, status, auto_action, decision

`decision` is the stored automatic decision as JSON text. Files are written under a
temporary name and renamed, and the manifest last, so an interrupted export never looks
complete. A re-moderation run reads the manifest's partitions; on a cluster, DIR must be a
path every worker sees (a shared file system).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from suzgec import messages
from suzgec.errors import SuzgecError
from suzgec.store import ArchiveRow, Store

MANIFEST = "_manifest.json"
FORMAT = 1
COLUMNS = ("id", "article", "text", "status", "auto_action", "decision")


def _pyarrow() -> Any:
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError:
        raise SuzgecError(messages.PARQUET_MISSING) from None
    return pyarrow


def id_ranges(bounds: tuple[int, int] | None, size: int) -> Iterator[tuple[int, int]]:
    """[lo, hi) ranges of `size` ids from the smallest id to past the largest."""
    if bounds is None:
        return
    first, last = bounds
    for lo in range(first, last + 1, size):
        yield lo, min(lo + size, last + 1)


def export(store: Store, directory: Path, partition_size: int = 50_000) -> dict[str, Any]:
    """Write every comment to Parquet files under `directory`; returns the manifest."""
    pa = _pyarrow()
    schema = pa.schema(
        [
            ("id", pa.int64()),
            ("article", pa.string()),
            ("text", pa.string()),
            ("status", pa.string()),
            ("auto_action", pa.string()),
            ("decision", pa.string()),
        ]
    )
    directory.mkdir(parents=True, exist_ok=True)
    old = directory / MANIFEST
    if old.exists():  # the files of an earlier export go; nothing else in the folder does
        for part in json.loads(old.read_text(encoding="utf-8"))["partitions"]:
            (directory / part["file"]).unlink(missing_ok=True)
        old.unlink()
    parts = []
    for lo, hi in id_ranges(store.comment_id_bounds(), partition_size):
        rows = store.archive_rows(lo, hi)
        if not rows:
            continue
        table = pa.table(
            {
                "id": [r.id for r in rows],
                "article": [r.article for r in rows],
                "text": [r.text for r in rows],
                "status": [r.status for r in rows],
                "auto_action": [r.auto_action for r in rows],
                "decision": [json.dumps(r.decision, ensure_ascii=False) for r in rows],
            },
            schema=schema,
        )
        name = f"comments-{lo:010d}-{hi:010d}.parquet"
        tmp = directory / f".{name}.tmp"
        pa.parquet.write_table(table, tmp)
        os.replace(tmp, directory / name)
        parts.append({"file": name, "lo": lo, "hi": hi, "rows": len(rows)})
    manifest = {"format": FORMAT, "columns": list(COLUMNS), "partitions": parts}
    tmp = directory / f".{MANIFEST}.tmp"
    tmp.write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    os.replace(tmp, directory / MANIFEST)
    return manifest


def partitions(directory: Path) -> list[tuple[int, int, str]]:
    """(lo, hi, absolute file path) of each file of an export, in id order."""
    path = directory / MANIFEST
    if not path.is_file():
        raise SuzgecError(messages.PARQUET_NO_MANIFEST.format(path=directory))
    manifest = json.loads(path.read_text(encoding="utf-8"))
    root = directory.resolve()
    return [(p["lo"], p["hi"], str(root / p["file"])) for p in manifest["partitions"]]


def read_rows(file: str) -> list[ArchiveRow]:
    pa = _pyarrow()
    table = pa.parquet.read_table(file, columns=list(COLUMNS))
    return [
        ArchiveRow(
            id=r["id"],
            article=r["article"],
            text=r["text"],
            status=r["status"],
            auto_action=r["auto_action"],
            decision=json.loads(r["decision"]),
        )
        for r in table.to_pylist()
    ]
