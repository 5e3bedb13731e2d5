"""Scores of the pipeline on labelled comments: per-clause precision/recall/F1 and
the confusion of decisions.

Input records are {"text": ..., "labels": [clause ids that apply]} with an
optional expected "decision"; without one, a comment with labels is expected to
be rejected and one without to be approved.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

from suzgec.metrics import prf
from suzgec.model import Action, Clause
from suzgec.pipeline import Moderator


def evaluate(records: Iterable[Mapping[str, Any]], moderator: Moderator) -> dict[str, Any]:
    counts: dict[Clause, Counter[str]] = {c: Counter() for c in Clause}
    confusion: Counter[tuple[str, str]] = Counter()
    n = 0
    for record in records:
        labels = {Clause(label) for label in record.get("labels", [])}
        decision = moderator.moderate(record["text"])
        predicted = decision.clauses
        for clause in Clause:
            if clause in predicted and clause in labels:
                counts[clause]["tp"] += 1
            elif clause in predicted:
                counts[clause]["fp"] += 1
            elif clause in labels:
                counts[clause]["fn"] += 1
        expected = record.get("decision") or (Action.REJECT if labels else Action.APPROVE)
        confusion[(str(expected), str(decision.action))] += 1
        n += 1
    actions = [str(a) for a in Action]
    return {
        "comments": n,
        "clauses": {str(c): prf(counts[c]["tp"], counts[c]["fp"], counts[c]["fn"]) for c in Clause},
        "decisions": {
            "rows_expected_columns_predicted": actions,
            "matrix": {e: {p: confusion[(e, p)] for p in actions} for e in actions},
        },
    }
