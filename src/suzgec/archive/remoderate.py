"""Re-moderate stored comments after a policy or model change: plan, compute, preview, apply.

A run is planned as partitions of comment ids (ranges of ids in the database, or the files
of a Parquet export) and kept in the database (tables remoderation_runs, _partitions):

1. compute: an engine moderates each partition again with the current Moderator; each
   result (only the comments whose decision changes) is saved as it arrives;
2. preview: the saved results counted: decisions that flip per direction and per clause,
   what would happen to each comment's status, examples;
3. apply, on confirmation: one transaction per partition writes the new decisions, the
   statuses and one audit entry per comment (action "remoderate", actor "system", the new
   decision with its model versions), and marks the partition applied.

Interrupted anywhere, the same command resumes the same run (same source, policy, model
versions and thresholds): partitions computed are not computed again, partitions applied
are not applied again. What a new decision does to a comment's status is
`suzgec.store.remoderated_status`; comments posted after the run was planned are not in it
(they were moderated by the current Moderator when they came in).
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from suzgec import messages
from suzgec.archive import parquet
from suzgec.archive.engine import Engine
from suzgec.archive.worker import Task
from suzgec.errors import SuzgecError
from suzgec.model import Clause
from suzgec.pipeline import Moderator
from suzgec.policy import POLICY_VERSION
from suzgec.store import Store

# Comment ids per partition: one engine task and one apply transaction. Big enough that
# a task's overhead (a query, a round trip to the scheduler) is small next to moderating
# it (a few seconds), small enough that an interruption loses little.
PARTITION_SIZE = 2000
# Examples kept per direction and partition; the preview shows the first few of the run.
KEPT_EXAMPLES = 10
DATABASE = "database"


def versions(moderator: Moderator) -> dict[str, Any]:
    """Everything that decides: the policy, each check's model version, the thresholds."""
    settings = moderator.settings
    return {
        "policy": POLICY_VERSION,
        "models": dict(moderator.model_versions),
        "thresholds": {str(c): list(settings.thresholds(c)) for c in Clause},
        "max_comment_chars": settings.max_comment_chars,
    }


def fingerprint(source: str, versions: dict[str, Any], partition_size: int) -> str:
    key = json.dumps([source, versions, partition_size], sort_keys=True)
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def plan(
    store: Store, parquet_dir: Path | None, partition_size: int
) -> tuple[str, list[tuple[int, int, str | None]]]:
    """The source's name and its partitions: an export's files, or ranges of ids."""
    if parquet_dir is not None:
        files = parquet.partitions(parquet_dir)
        return f"parquet:{parquet_dir.resolve()}", [(lo, hi, f) for lo, hi, f in files]
    ranges = parquet.id_ranges(store.comment_id_bounds(), partition_size)
    return DATABASE, [(lo, hi, None) for lo, hi in ranges]


def open_run(
    store: Store,
    moderator: Moderator,
    parquet_dir: Path | None = None,
    partition_size: int = PARTITION_SIZE,
    run_id: int | None = None,
) -> tuple[int, bool]:
    """(run id, resumed): the run `run_id`, else the latest unfinished run of the same
    source and decisions, else a new one."""
    source, partitions = plan(store, parquet_dir, partition_size)
    made_by = versions(moderator)
    key = fingerprint(source, made_by, partition_size)
    if run_id is not None:
        if store.remoderation_run(run_id).fingerprint != key:
            raise SuzgecError(messages.REMODERATE_VERSIONS_CHANGED.format(run=run_id))
        return run_id, True
    found = store.find_remoderation_run(key)
    if found is not None:
        return found, True
    return store.start_remoderation_run(key, source, made_by, partitions), False


Progress = Callable[[int, dict[str, Any]], None]


def compute(store: Store, run_id: int, engine: Engine, progress: Progress | None = None) -> int:
    """Compute the partitions not computed yet; returns how many were computed now."""
    run = store.remoderation_run(run_id)
    tasks = [Task(p.number, p.lo, p.hi, p.file) for p in run.partitions if not p.computed]
    done = 0
    for task, result in engine.map(tasks):
        if store.save_remoderation_partition(
            run_id, task.number, summarise(store, result), result["changes"]
        ):
            done += 1
        if progress is not None:
            progress(task.hi - task.lo, result)
    return done


def direction(change: dict[str, Any]) -> str:
    return f"{change['old_action']}→{change['decision']['decision']}"


def summarise(store: Store, result: dict[str, Any]) -> dict[str, Any]:
    """A partition's counts for the preview, with what applying would do to each status
    as the database stands now (applying decides again, under lock)."""
    changes = result["changes"]
    directions: Counter[str] = Counter()
    clauses: dict[str, Counter[str]] = {}
    reasons: Counter[str] = Counter()
    transitions: Counter[str] = Counter()
    examples: dict[str, list[dict[str, Any]]] = {}
    for change, (after, reason) in zip(changes, store.remoderation_outcomes(changes), strict=True):
        way = direction(change)
        directions[way] += 1
        for clause, (old, new) in change["clauses"].items():
            clauses.setdefault(clause, Counter())[f"{old}→{new}"] += 1
        reasons[reason] += 1
        if after != change["status"]:
            transitions[f"{change['status']}→{after}"] += 1
        shown = examples.setdefault(way, [])
        if len(shown) < KEPT_EXAMPLES:
            shown.append(
                {
                    "id": change["id"],
                    "article": change["article"],
                    "excerpt": change["excerpt"],
                    "clauses": change["clauses"],
                    "status": change["status"],
                    "status_after": after,
                    "reason": reason,
                }
            )
    return {
        "seen": result["seen"],
        "changed": len(changes),
        "errors": result["errors"],
        "directions": dict(directions),
        "clauses": {c: dict(n) for c, n in clauses.items()},
        "reasons": dict(reasons),
        "transitions": dict(transitions),
        "examples": examples,
    }


@dataclass
class Preview:
    """What a run would change (or changed, for the partitions applied)."""

    run_id: int
    source: str
    versions: dict[str, Any]
    partitions: int
    computed: int
    applied: int
    seen: int = 0
    changed: int = 0
    errors: list[int] = field(default_factory=list)
    directions: Counter[str] = field(default_factory=Counter)
    clauses: dict[str, Counter[str]] = field(default_factory=dict)
    reasons: Counter[str] = field(default_factory=Counter)
    transitions: Counter[str] = field(default_factory=Counter)
    examples: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    outcome: Counter[str] = field(default_factory=Counter)  # what was applied, by reason

    @property
    def unchanged(self) -> int:
        return self.seen - self.changed - len(self.errors)

    def to_dict(self) -> dict[str, Any]:
        return {
            "run": self.run_id,
            "source": self.source,
            "versions": self.versions,
            "partitions": {
                "total": self.partitions,
                "computed": self.computed,
                "applied": self.applied,
            },
            "comments": self.seen,
            "unchanged": self.unchanged,
            "changed": self.changed,
            "errors": self.errors,
            "directions": dict(self.directions),
            "clauses": {c: dict(n) for c, n in sorted(self.clauses.items())},
            "status_reasons": dict(self.reasons),
            "status_transitions": dict(self.transitions),
            "examples": self.examples,
            "applied": dict(self.outcome),
        }


def preview(store: Store, run_id: int, examples: int = 3) -> Preview:
    """The run's saved partition results, counted together (first `examples` per direction)."""
    run = store.remoderation_run(run_id)
    out = Preview(
        run.id,
        run.source,
        run.versions,
        partitions=len(run.partitions),
        computed=sum(p.computed for p in run.partitions),
        applied=sum(p.applied for p in run.partitions),
    )
    for part in run.partitions:
        if part.outcome:
            out.outcome.update(part.outcome)
        s = part.summary
        if s is None:
            continue
        out.seen += s["seen"]
        out.changed += s["changed"]
        out.errors.extend(s["errors"])
        out.directions.update(s["directions"])
        for clause, counts in s["clauses"].items():
            out.clauses.setdefault(clause, Counter()).update(counts)
        out.reasons.update(s["reasons"])
        out.transitions.update(s["transitions"])
        for way, shown in s["examples"].items():
            kept = out.examples.setdefault(way, [])
            kept.extend(shown[: max(0, examples - len(kept))])
    return out


def apply(store: Store, run_id: int, progress: Progress | None = None) -> Counter[str]:
    """Apply every computed partition not applied yet, one transaction each; returns the
    changes applied now, by reason. The run is marked applied once all partitions are."""
    run = store.remoderation_run(run_id)
    counts: Counter[str] = Counter()
    for part in run.partitions:
        if part.applied or not part.computed:
            continue
        done = store.apply_remoderation_partition(run_id, part.number)
        if done is not None:
            counts.update(done)
        if progress is not None:
            progress(part.hi - part.lo, done or {})
    store.finish_remoderation_run(run_id)
    return counts
