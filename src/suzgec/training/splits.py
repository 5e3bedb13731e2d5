"""Which UD rows build the form models and which measure them: one rule, shared by the
trainers in this package and by `benchmarks/`.

The treebanks' own `split` column decides, with one addition. BOUN ships only its train
file here (its dev and test files are held back by the project), yet it is the genre
nearest to news-comment prose (essays, biographies, news, instructions, popular culture).
So a tenth of BOUN's train rows is kept out of every model as our own BOUN dev split:
stratified by genre (the `sent_id` prefixes ess_, bio_, news_, ins_, pop_) and chosen by
a fixed hash of the id, so every run and every trainer picks the same rows.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable

BOUN = "UD_Turkish-BOUN"
BOUN_DEV_SHARE = 0.1


def _genre(sent_id: str) -> str:
    """ "boun:news_1234" → "news"."""
    return sent_id.split(":", 1)[-1].split("_", 1)[0]


def boun_dev_ids(rows: Iterable[tuple[str, str]]) -> frozenset[str]:
    """The BOUN rows held out as dev, from (treebank, sent_id) pairs of the whole file."""
    by_genre: defaultdict[str, list[str]] = defaultdict(list)
    for treebank, sent_id in rows:
        if treebank == BOUN:
            by_genre[_genre(sent_id)].append(sent_id)
    dev: set[str] = set()
    for ids in by_genre.values():
        ids.sort(key=lambda s: hashlib.sha256(s.encode("utf-8")).hexdigest())
        dev.update(ids[: round(len(ids) * BOUN_DEV_SHARE)])
    return frozenset(dev)


def split_of(split: str, sent_id: str, boun_dev: frozenset[str]) -> str:
    """The split a row counts in: its own, except the BOUN rows held out as dev."""
    return "dev" if sent_id in boun_dev else split
