"""The labelled comment sources in `shared/data/offensive`, their label mapping and splits.

Each source's labels are mapped onto the model's five heads on purpose, one table per source
(also in docs/models/content.md). A head a row gives no evidence for is left out of the row's
`labels`, and that head does not train on it:

| source | label | offensive_any | profanity | insult | offensive | belief_attack |
|---|---|---|---|---|---|---|
| offenseval | NOT | 0 | 0 | 0 | 0 | 0 |
| offenseval | OFF/prof (untargeted swearing) | 1 | 1 | 0 | 0 | – |
| offenseval | OFF/ind (at a person) | 1 | 0 | 1 | 0 | – |
| offenseval | OFF/grp, OFF/oth (at a group, an organisation) | 1 | 0 | 0 | 1 | – |
| teknofest, teamgzg | OTHER | 0 | 0 | 0 | 0 | 0 |
| teknofest, teamgzg | PROFANITY / INSULT | 1 | 1 / 0 | 0 / 1 | 0 | – |
| teknofest, teamgzg | SEXIST, RACIST (group-directed; RACIST mixes religion) | 1 | 0 | 0 | 1 | – |
| mayda | none | 0 | 0 | 0 | 0 | 0 |
| mayda | hate with `dini` (religious) target | 1 | – | – | 1 if another target too | 1 |
| mayda | hate at etnik / siyasi / cinsiyetçi only | 1 | – | – | 1 | 0 |
| mayda | offensive | 1 | – | – | – | 0 |
| hatc, kaggle, toygar | 0 | 0 | 0 | 0 | 0 | 0 |
| hatc, kaggle, toygar | 1 (abusive / incivil / offensive: no clause given) | 1 | – | – | – | – |
| ud | every sentence (edited prose: news, novels, Wikipedia, flight queries) | 0 | 0 | 0 | 0 | 0 |

Teknofest rows whose class contradicts their own `offensive` flag (~1 %) are dropped. Toygar is
a compilation of OffensEval, Mayda and Kaggle plus tweets its authors mined: only the rows whose
text is in no other set are used (13,195, nearly all offensive), and it has no dev split.
UD Turkish (the form clauses' corpus, Tourism left out for its capitals) is the one source of
a news site's own register: without it the pooled model rejected 7 % of these clean sentences.
It keeps the treebanks' own train/dev split, as the form clauses do.

Dev split: per source, stratified by label, rows ordered by a seeded hash of their id (or,
without ids, of their text); the first `dev_fraction` of each stratum is dev. No training row
of any source may share its normalised text with a dev row of any source (compilations and
re-posts carry the same tweet under several sources).
"""

from __future__ import annotations

import csv
import hashlib
import json
import sys
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from suzgec.classifier import features as F

HEADS = ("offensive_any", "profanity", "insult", "offensive", "belief_attack")
CLAUSE_HEADS = HEADS[1:]
GATED = ("profanity", "insult", "offensive")
DEV_SEED = "suzgec-dev-2"


@dataclass
class Row:
    source: str
    id: str
    text: str
    # Head name → 0/1; a head missing from the dict does not train on this row.
    labels: dict[str, int] = field(default_factory=dict)
    stratum: str = ""

    @property
    def offensive(self) -> int:
        return self.labels["offensive_any"]


def _clean() -> dict[str, int]:
    """A comment that offends nobody breaks no clause."""
    return dict.fromkeys(HEADS, 0)


def _clause(clause: str | None) -> dict[str, int]:
    """An offensive comment whose clause is known; belief unknown (left out)."""
    labels = {"offensive_any": 1}
    if clause is not None:
        labels.update({h: int(h == clause) for h in GATED})
    return labels


OFFENSEVAL_CLAUSE = {"prof": "profanity", "ind": "insult", "grp": "offensive", "oth": "offensive"}
TEKNOFEST_CLAUSE = {
    "PROFANITY": "profanity",
    "INSULT": "insult",
    "SEXIST": "offensive",
    "RACIST": "offensive",
}


def _offenseval(d: Mapping[str, object], n: int) -> Row | None:
    off = d["label"] == "OFF"
    target = str(d.get("target"))
    labels = _clause(OFFENSEVAL_CLAUSE.get(target)) if off else _clean()
    return Row("offenseval", str(d["id"]), str(d["text"]), labels, f"{d['label']}/{target}")


def _id(d: Mapping[str, object], text: str) -> str:
    """The row's own id, or a hash of its text where the set has none (line numbers would
    tie the split to file order; equal texts land on the same side)."""
    if "id" in d:
        return str(d["id"])
    return "text:" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _teknofest_like(source: str) -> Callable[[Mapping[str, object], int], Row | None]:
    def read(d: Mapping[str, object], n: int) -> Row | None:
        label = str(d["label"])
        clause = TEKNOFEST_CLAUSE.get(label)
        flag = d.get("offensive")
        if flag is not None and bool(flag) != (clause is not None):
            return None  # the row contradicts itself
        labels = _clause(clause) if clause else _clean()
        return Row(source, _id(d, str(d["text"])), str(d["text"]), labels, label)

    return read


def _mayda(d: Mapping[str, object], n: int) -> Row | None:
    targets = [str(t) for t in d.get("targets") or []]  # type: ignore[attr-defined]
    label = str(d["label"])
    dini = label == "hate" and "dini" in targets
    if label == "none":
        labels = _clean()
    else:
        labels = {"offensive_any": 1, "belief_attack": int(dini)}
        if label == "hate" and set(targets) - {"dini"}:
            labels["offensive"] = 1
    stratum = f"{label}/{'dini' if dini else '-'}"
    return Row("mayda", str(d["id"]), str(d["text"]), labels, stratum)


def _binary(source: str) -> Callable[[Mapping[str, object], int], Row | None]:
    def read(d: Mapping[str, object], n: int) -> Row | None:
        off = int(d["label"]) == 1  # type: ignore[call-overload]
        labels = {"offensive_any": 1} if off else _clean()
        return Row(source, _id(d, str(d["text"])), str(d["text"]), labels, str(int(off)))

    return read


def _ud(d: Mapping[str, object], n: int) -> Row | None:
    if d["treebank"] == "UD_Turkish-Tourism":
        return None  # written in capitals: a form-clause case, not a content one
    return Row("ud", str(d["sent_id"]), str(d["text"]), _clean(), str(d["split"]))


@dataclass(frozen=True)
class Source:
    name: str
    file: str  # under the data folder
    licence: str  # exactly as shared/data/README.md states it
    open: bool  # openly licensed: may train the redistributable variant
    # Share of each stratum held out as dev; None: the set's own split (stratum "dev").
    dev_fraction: float | None
    read: Callable[[Mapping[str, object], int], Row | None]
    genre: str


# Dev fractions: about 1,000 rows or more per source, so a dev macro-F1 reads to ±0.02; Mayda
# gives a quarter for its rare religious-hate rows (about 170 of them).
SOURCES: tuple[Source, ...] = (
    Source(
        "offenseval",
        "offensive/offenseval_tr_2020.train.jsonl",
        "CC-BY",
        True,
        0.10,
        _offenseval,
        "tweets",
    ),
    Source(
        "teknofest",
        "offensive/teknofest2023.train.jsonl",
        "none stated",
        False,
        0.15,
        _teknofest_like("teknofest"),
        "tweets",
    ),
    Source(
        "mayda",
        "offensive/mayda_hate_2021.train.jsonl",
        "none stated",
        False,
        0.25,
        _mayda,
        "tweets",
    ),
    Source(
        "hatc",
        "offensive/hatc_instagram.train.jsonl",
        "none stated",
        False,
        0.10,
        _binary("hatc"),
        "Instagram comments",
    ),
    Source(
        "kaggle",
        "offensive/kaggle_incivil_2020.jsonl",
        "none stated",
        False,
        0.20,
        _binary("kaggle"),
        "tweets",
    ),
    Source(
        "teamgzg",
        "offensive/teamgzg.jsonl",
        "Apache-2.0",
        True,
        0.0,
        _teknofest_like("teamgzg"),
        "tweets",
    ),
    Source(
        "toygar",
        "offensive/toygar_lingda_2022.jsonl",
        "MIT",
        True,
        0.0,
        _binary("toygar"),
        "tweets",
    ),
    Source(
        "ud",
        "text/ud_turkish.train.tsv",
        "CC BY-SA 4.0",
        True,
        None,
        _ud,
        "edited prose (news, fiction, Wikipedia, queries)",
    ),
)
BY_NAME = {s.name: s for s in SOURCES}
# Sources whose held-out test sets the project is scored on; the others are measured too.
SCORED = ("offenseval", "teknofest", "mayda", "hatc")
OPEN = tuple(s.name for s in SOURCES if s.open)


def read_jsonl(path: Path) -> Iterator[dict[str, object]]:
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def read_tsv(path: Path) -> Iterator[dict[str, object]]:
    """A UD-style TSV: quotes are literal text (see shared/data/README.md)."""
    csv.field_size_limit(sys.maxsize)
    with open(path, encoding="utf-8", newline="") as fh:
        yield from csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)


def load(data: Path, source: Source) -> list[Row]:
    rows = []
    read = read_tsv if source.file.endswith(".tsv") else read_jsonl
    for n, d in enumerate(read(data / source.file)):
        row = source.read(d, n)
        if row is not None and row.text.strip():
            rows.append(row)
    return rows


def _rank(seed: str, row: Row) -> str:
    return hashlib.sha256(f"{seed}:{row.source}:{row.id}".encode()).hexdigest()


def carve(rows: list[Row], seed: str, fraction: float) -> tuple[list[Row], list[Row]]:
    """Deterministic stratified split: within each stratum, rows ordered by a seeded hash of
    their id; the first `fraction` go to the held-out side. Independent of file order."""
    by_stratum: dict[str, list[Row]] = defaultdict(list)
    for r in rows:
        by_stratum[r.stratum].append(r)
    held: set[int] = set()
    for members in by_stratum.values():
        members.sort(key=lambda r: _rank(seed, r))
        held.update(id(r) for r in members[: round(len(members) * fraction)])
    return [r for r in rows if id(r) not in held], [r for r in rows if id(r) in held]


@dataclass
class Splits:
    train: list[Row]
    dev: dict[str, list[Row]]  # source name → its dev rows

    def dev_rows(self) -> list[Row]:
        return [r for rows in self.dev.values() for r in rows]

    def train_of(self, source: str) -> list[Row]:
        return [r for r in self.train if r.source == source]


def load_splits(data: Path, names: tuple[str, ...] | None = None, seed: str = DEV_SEED) -> Splits:
    """Train rows of the sources `names` (default: all) and the dev rows of every source.
    Dev rows are carved from every source present even when `names` leaves it out of
    training, so a variant trained on fewer sources is measured on the same rows and never
    trains on them. A file missing under `data` is an error for a source in `names`; another
    source's missing file only leaves it out."""
    train: list[Row] = []
    dev: dict[str, list[Row]] = {}
    loaded: dict[str, list[Row]] = {}
    for s in SOURCES:
        if (data / s.file).is_file():
            loaded[s.name] = load(data, s)
        elif names is None or s.name in names:
            raise FileNotFoundError(f"{data / s.file}: source {s.name!r} not found")
    for s in SOURCES:
        if s.name not in loaded:
            continue
        if s.dev_fraction is None:
            tr = [r for r in loaded[s.name] if r.stratum != "dev"]
            dv = [r for r in loaded[s.name] if r.stratum == "dev"]
        else:
            tr, dv = carve(loaded[s.name], seed, s.dev_fraction)
        if dv:
            dev[s.name] = dv
        if names is None or s.name in names:
            train.extend(tr)
    # One comparison key per row, made once: normalising 140,000 texts is most of the load.
    key = {id(r): F.dedup_key(r.text) for rows in loaded.values() for r in rows}
    held = {key[id(r)] for rows in dev.values() for r in rows}
    # Toygar re-exports OffensEval, Mayda and Kaggle: keep only the tweets it adds.
    elsewhere = {key[id(r)] for name, rows in loaded.items() if name != "toygar" for r in rows}
    kept = [
        r
        for r in train
        if key[id(r)] not in held and not (r.source == "toygar" and key[id(r)] in elsewhere)
    ]
    return Splits(kept, dev)
