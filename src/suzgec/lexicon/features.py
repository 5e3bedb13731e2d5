"""The lexicon's evidence as model features: the one home for them.

The curated lexicon sees through stems, vowel harmony and "sacred word next to a curse"
patterns that n-grams only approximate. Its per-clause scores are a small dense block next to
the content model's n-grams (+0.01 to +0.016 macro-F1 in 3-fold CV on the training rows, for
content-1.0.0). Weak, context-only hits ("mal", "am" alone) are included: they are evidence,
not verdicts. The artifact records the lexicon VERSION it was trained with; a test fails when
they differ, meaning: retrain.
"""

from __future__ import annotations

from collections.abc import Sequence

from suzgec.comment import Comment
from suzgec.lexicon.matcher import VERSION, lexicon
from suzgec.model import Signal

KEYS = (
    "lex_profanity",
    "lex_insult",
    "lex_offensive",
    "lex_belief_attack",
    "lex_max",
    "lex_hits",
)
# The number of matches, scaled to [0, 1]: three or more count the same.
MAX_HITS = 3.0
_CLAUSE_SLOT = {k: i for i, k in enumerate(KEYS[:4])}


def evidence(
    item: Comment | str, signals: Sequence[Signal] | None = None
) -> tuple[list[float], list[list[tuple[int, int]]]]:
    """The lexicon block, in `KEYS` order: the best score per clause, the best overall, the
    number of matches scaled by MAX_HITS (all in [0, 1]); and, per value, the spans of
    original text it came from, so that explanations can credit them to words.
    `signals`: the lexicon's signals (no score floor) when the caller has them already."""
    if signals is None:
        comment = item if isinstance(item, Comment) else Comment.of(item)
        signals = lexicon().signals(comment)
    values = [0.0] * len(KEYS)
    spans: list[list[tuple[int, int]]] = [[] for _ in KEYS]
    for sig in signals:
        k = _CLAUSE_SLOT.get(f"lex_{sig.clause.value}")
        if k is not None and sig.score > values[k]:
            values[k], spans[k] = sig.score, [(sig.start, sig.end)]
    top = max(range(len(_CLAUSE_SLOT)), key=values.__getitem__)
    values[4], spans[4] = values[top], list(spans[top])
    values[5] = min(float(len(signals)), MAX_HITS) / MAX_HITS
    spans[5] = [(sig.start, sig.end) for sig in signals]
    return values, spans


def vector(item: Comment | str) -> list[float]:
    return evidence(item)[0]


def as_dict(item: Comment | str) -> dict[str, float]:
    """The block by name, for reading: {"lex_insult": 0.95, ...}."""
    return dict(zip(KEYS, vector(item), strict=True))


__all__ = ["KEYS", "VERSION", "as_dict", "evidence", "vector"]
