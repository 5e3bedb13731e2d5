"""Archive re-moderation on Dask in local mode: comments/s with 1 and 2 workers, and the
time to the preview, on synthetic-from-real comments.

    python -m benchmarks.remoderate [--data ../shared/data] [--comments 40000] [--workers 1,2]

The archive is made from real comments (the offensive/ sets and UD Turkish sentences of the
shared data), sampled and perturbed (capitals, letters without their Turkish marks,
repeated letters, words swapped or borrowed from another comment) so no two are alike, and
stored in a SQLite file with a decision from a policy that approved everything: every
comment the shipped models flag is a flip. For each worker count a fresh copy of that file
goes through the whole command: plan, compute on Dask's local cluster (started inside the
measured time), preview; the apply is timed on the last copy.

It measures `--comments` comments, and reports the extrapolation to 1,000,000 separately
(`extrapolated_1m_*`): the computation is per partition and independent, so the time grows
with the number of comments; the fixed start-up is counted once. Prints JSON.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from benchmarks.ud import DEFAULT_DATA

ASCII = str.maketrans("çğıöşüÇĞİÖŞÜ", "cgiosuCGIOSU")
SOURCES = (
    "offensive/offenseval_tr_2020.train.jsonl",
    "offensive/teknofest2023.train.jsonl",
    "offensive/mayda_hate_2021.train.jsonl",
    "offensive/hatc_instagram.train.jsonl",
)


def real_texts(data: Path) -> list[str]:
    from benchmarks.ud import sentences

    texts = []
    for name in SOURCES:
        with open(data / name, encoding="utf-8") as fh:
            texts.extend(json.loads(line)["text"] for line in fh if line.strip())
    texts.extend(text for _, text in sentences(data, split=None))
    return [t for t in texts if t.strip()]


def perturb(text: str, other: str, rng: random.Random) -> str:
    """One of the changes readers make, so a sampled comment is not a copy."""
    words = text.split()
    kind = rng.randrange(6)
    if kind == 0 and words:
        words[rng.randrange(len(words))] = words[rng.randrange(len(words))].upper()
    elif kind == 1:
        return text.translate(ASCII)
    elif kind == 2 and words:
        i = rng.randrange(len(words))
        word = words[i]
        if word:
            j = rng.randrange(len(word))
            words[i] = word[: j + 1] + word[j] * rng.randint(1, 3) + word[j + 1 :]
    elif kind == 3 and len(words) > 1:
        i = rng.randrange(len(words) - 1)
        words[i], words[i + 1] = words[i + 1], words[i]
    elif kind == 4:
        borrowed = other.split()
        if borrowed:
            words.append(rng.choice(borrowed))
    else:
        words.append(str(rng.randint(1, 99)))
    return " ".join(words)


def make_archive(path: Path, data: Path, n: int, seed: int = 7) -> None:
    from suzgec.model import Action, Decision
    from suzgec.policy import POLICY_VERSION
    from suzgec.store import Store
    from suzgec.store.tables import audit_log, comments

    rng = random.Random(seed)
    pool = real_texts(data)
    store = Store(f"sqlite:///{path}")
    store.migrate()
    article = store.create_article("arsiv", "Arşiv", "Gövde", "Kaynak")
    now = time.time()
    batch: list[dict[str, Any]] = []

    def flush() -> None:
        with store.engine.begin() as conn:
            first = conn.execute(sa.select(sa.func.coalesce(sa.func.max(comments.c.id), 0)))
            base = int(first.scalar_one())
            conn.execute(sa.insert(comments), batch)
            conn.execute(
                sa.insert(audit_log),
                [
                    {
                        "comment_id": base + i + 1,
                        "actor": "system",
                        "action": "approve",
                        "note": None,
                        "decision": row["decision"],
                        "created_at": row["created_at"],
                    }
                    for i, row in enumerate(batch)
                ],
            )
        batch.clear()

    from datetime import UTC, datetime

    created = datetime.fromtimestamp(now, UTC)
    for _ in range(n):
        text = perturb(rng.choice(pool), rng.choice(pool), rng)[:2000]
        lax = Decision(text, Action.APPROVE, (), None, POLICY_VERSION, {"none": "0"})
        batch.append(
            {
                "article_id": article.id,
                "author": "okur",
                "text": text,
                "created_at": created,
                "status": "approved",
                "auto_action": "approve",
                "decision": lax.to_dict(),
            }
        )
        if len(batch) == 5000:
            flush()
    if batch:
        flush()
    store.close()


def measure(db: Path, workers: int, apply: bool) -> dict[str, Any]:
    from suzgec.archive import remoderate as archive
    from suzgec.archive.engine import Dask
    from suzgec.config import Settings
    from suzgec.pipeline import Moderator
    from suzgec.store import Store

    url = f"sqlite:///{db}"
    t0 = time.perf_counter()
    store = Store(url)
    settings = Settings()
    moderator = Moderator(settings)  # the driver's, for the run's versions
    run, _ = archive.open_run(store, moderator)
    t_engine = time.perf_counter()
    engine = Dask(url, settings, workers=workers)
    started = time.perf_counter() - t_engine
    first: list[float] = []
    t_compute = time.perf_counter()
    archive.compute(
        store, run, engine, lambda *_: first.append(time.perf_counter()) if not first else None
    )
    computed = time.perf_counter()
    engine.close()
    p = archive.preview(store, run)
    to_preview = time.perf_counter() - t0
    out: dict[str, Any] = {
        "workers": workers,
        "comments": p.seen,
        "changed": p.changed,
        "directions": dict(p.directions),
        "engine_start_s": round(started, 2),
        "compute_s": round(computed - t_compute, 1),
        "comments_per_s": round(p.seen / (computed - t_compute), 1),
        # after the first partition: the workers have loaded their models
        "steady_comments_per_s": round(
            (p.seen - archive.PARTITION_SIZE) / (computed - first[0]), 1
        ),
        "time_to_preview_s": round(to_preview, 1),
    }
    fixed = to_preview - (computed - t_compute)
    out["extrapolated_1m_time_to_preview_s"] = round(fixed + 1_000_000 / out["comments_per_s"])
    if apply:
        t = time.perf_counter()
        done = archive.apply(store, run)
        secs = time.perf_counter() - t
        out["apply_s"] = round(secs, 1)
        out["applied"] = dict(done)
        out["applied_per_s"] = round(sum(done.values()) / secs, 1)
    store.close()
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--comments", type=int, default=40_000)
    parser.add_argument("--workers", default="1,2")
    args = parser.parse_args(argv)
    counts = [int(w) for w in args.workers.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "archive.db"
        t = time.perf_counter()
        make_archive(source, args.data, args.comments)
        report: dict[str, Any] = {
            "comments": args.comments,
            "archive_build_s": round(time.perf_counter() - t, 1),
            "runs": [],
        }
        for i, workers in enumerate(counts):
            copy = Path(tmp) / f"run-{workers}.db"
            shutil.copy(source, copy)
            report["runs"].append(measure(copy, workers, apply=i == len(counts) - 1))
    print(json.dumps(report, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
