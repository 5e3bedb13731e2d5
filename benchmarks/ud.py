"""UD Turkish sentences for the form benchmarks: train rows build models, dev rows measure.

The split is the treebanks' own (column `split`); the Tourism treebank is left out of
measurement because it is written almost entirely in capitals.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterator
from pathlib import Path

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def sentences(data: Path = DEFAULT_DATA, split: str | None = "dev") -> Iterator[tuple[str, str]]:
    """(sent_id, text) of one split (None: every split), Tourism excluded."""
    csv.field_size_limit(sys.maxsize)
    path = data / "text" / "ud_turkish.train.tsv"
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            if split in (None, row["split"]) and row["treebank"] != "UD_Turkish-Tourism":
                yield row["sent_id"], row["text"]
