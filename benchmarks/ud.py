"""UD Turkish sentences for the form benchmarks: train rows build models, dev rows measure.

`sentences` gives the treebanks' own split (column `split`); `dev_by_treebank` adds the BOUN
rows held out from training (`suzgec.training.splits`) and groups by treebank. The Tourism
treebank is left out of measurement because it is written almost entirely in capitals.
"""

from __future__ import annotations

import csv
import sys
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from suzgec.training.splits import boun_dev_ids, split_of

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def sentences(data: Path = DEFAULT_DATA, split: str | None = "dev") -> Iterator[tuple[str, str]]:
    """(sent_id, text) of one split (None: every split), Tourism excluded."""
    csv.field_size_limit(sys.maxsize)
    path = data / "text" / "ud_turkish.train.tsv"
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            if split in (None, row["split"]) and row["treebank"] != "UD_Turkish-Tourism":
                yield row["sent_id"], row["text"]


@dataclass(frozen=True, slots=True)
class UDSentence:
    """A measured sentence and its UD tokens as (start, end, token, upos), offsets into text."""

    treebank: str  # short name: "atis", "boun", ...
    sent_id: str
    text: str
    tokens: tuple[tuple[int, int, str, str], ...]


def dev_by_treebank(data: Path = DEFAULT_DATA) -> dict[str, list[UDSentence]]:
    """Dev sentences per treebank (`suzgec.training.splits`: the treebanks' dev rows and
    the BOUN rows held out from training), Tourism excluded (all capitals).

    A dev sentence whose text also occurs among the train rows is left out (Kenet reuses
    dictionary examples): the models have seen it, so it would flatter them."""
    csv.field_size_limit(sys.maxsize)
    with open(data / "text" / "ud_turkish.train.tsv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    boun_dev = boun_dev_ids((r["treebank"], r["sent_id"]) for r in rows)
    dev, train_texts = [], set()
    for r in rows:
        if split_of(r["split"], r["sent_id"], boun_dev) == "dev":
            if r["treebank"] != "UD_Turkish-Tourism":
                dev.append(r)
        else:
            train_texts.add(r["text"].strip())
    dev = [r for r in dev if r["text"].strip() not in train_texts]
    ids = {r["sent_id"] for r in dev}
    tokens: defaultdict[str, list[tuple[str, str]]] = defaultdict(list)
    with open(data / "text" / "ud_turkish.train.tokens.tsv", encoding="utf-8", newline="") as fh:
        for t in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            if t["sent_id"] in ids:
                tokens[t["sent_id"]].append((t["token"], t["upos"]))
    out: dict[str, list[UDSentence]] = defaultdict(list)
    for r in dev:
        name = r["treebank"].removeprefix("UD_Turkish-").lower()
        text = r["text"]
        located, pos = [], 0
        for token, upos in tokens[r["sent_id"]]:
            start = text.find(token, pos)
            if start < 0:  # a token the text spells otherwise: stop locating here
                break
            located.append((start, start + len(token), token, upos))
            pos = start + len(token)
        out[name].append(UDSentence(name, r["sent_id"], text, tuple(located)))
    return dict(sorted(out.items()))
