"""What one worker does with one partition: read its comments, moderate them again, and
return only the comments whose decision changes.

`compute_task` is the function an engine ships to its worker processes (on this machine or
on a cluster's machines): it reads the partition itself, from the database by URL or from
its Parquet file, so the driver never moves comment text. Each worker process builds its
Moderator and its database connection once and keeps them for every later partition.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from suzgec.config import Settings
from suzgec.model import Action, Clause, Decision
from suzgec.pipeline import Moderator
from suzgec.store import ArchiveRow, Store, decision_fingerprint

log = logging.getLogger(__name__)

# Characters of a comment kept with its change, for the preview's examples.
EXCERPT = 160


@dataclass(frozen=True, slots=True)
class Task:
    """One partition: comment ids lo <= id < hi, in `file` (Parquet) or in the database."""

    number: int
    lo: int
    hi: int
    file: str | None = None


def _verdict(decision: Decision) -> tuple[Action, frozenset[tuple[Clause, Action]]]:
    """What a change is measured on: the action and each clause's action. Scores and
    model versions alone moving is no change (the stored decision still explains it)."""
    return decision.action, frozenset((f.clause, f.action) for f in decision.findings)


def clause_actions(decision: Decision) -> dict[str, Action]:
    """The most severe action each clause of the decision has."""
    out: dict[str, Action] = {}
    for f in decision.findings:
        if f.clause not in out or f.action.severity > out[f.clause].severity:
            out[f.clause] = f.action
    return out


def compute_rows(moderator: Moderator, rows: list[ArchiveRow]) -> dict[str, Any]:
    """{"seen", "errors": [ids], "changes": [...]} for one partition's comments.

    A change carries what the apply needs (the new decision, a fingerprint of the old one)
    and what the preview shows (directions per clause, a short excerpt).
    """
    errors: list[int] = []
    changes: list[dict[str, Any]] = []
    for row in rows:
        try:
            new = moderator.moderate(row.text)
        except Exception as exc:
            # One comment must not stop an archive of millions: it is counted and named
            # by id (never by text), and keeps its decision.
            log.warning("comment %s could not be re-moderated: %s", row.id, type(exc).__name__)
            errors.append(row.id)
            continue
        if new.hold is not None:
            # A check failed on it (the pipeline held it): a held decision is a failure to
            # re-moderate, not a new verdict, so the comment keeps the one it has.
            errors.append(row.id)
            continue
        old = Decision.from_dict(row.text, row.decision)
        if _verdict(old) == _verdict(new):
            continue
        before, after = clause_actions(old), clause_actions(new)
        clauses = {
            str(c): [str(before.get(c, Action.APPROVE)), str(after.get(c, Action.APPROVE))]
            for c in sorted(set(before) | set(after))
            if before.get(c) != after.get(c)
        }
        changes.append(
            {
                "id": row.id,
                "article": row.article,
                "excerpt": row.text[:EXCERPT],
                "old": decision_fingerprint(row.decision),
                "old_action": row.auto_action,
                "status": row.status,
                "clauses": clauses,
                "decision": new.to_dict(),
            }
        )
    return {"seen": len(rows), "errors": errors, "changes": changes}


def read_rows(task: Task, store: Store | None) -> list[ArchiveRow]:
    """The partition's comments, from its Parquet file or else from the database."""
    if task.file is not None:
        from suzgec.archive.parquet import read_rows as read_parquet

        return read_parquet(task.file)
    assert store is not None, "a database partition needs the store"
    return store.archive_rows(task.lo, task.hi)


# Per worker process: built by the first partition, kept for the next ones.
_moderator: tuple[Settings, Moderator] | None = None
_stores: dict[str, Store] = {}


def compute_task(task: Task, db_url: str, settings: Settings) -> dict[str, Any]:
    """An engine's unit of work: one partition, read and re-moderated in this process."""
    global _moderator
    if _moderator is None or _moderator[0] != settings:
        _moderator = (settings, Moderator(settings))
    store = _stores.get(db_url)
    if store is None and task.file is None:
        store = _stores[db_url] = Store(db_url)
    return compute_rows(_moderator[1], read_rows(task, store))
