"""The content trainer's parts on small made-up data: label mapping, split, weights, decision
points and the calibration that puts them on the policy's scale."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from suzgec.classifier import sources as S
from suzgec.classifier import train as T
from suzgec.classifier.model import REJECT_AT, REVIEW_AT, calibrate


def _write(path: Path, rows: list[dict[str, object]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")


@pytest.mark.parametrize(
    ("source", "record", "labels"),
    [
        (
            "offenseval",
            {"id": "1", "text": "x", "label": "NOT", "target": "non"},
            dict.fromkeys(S.HEADS, 0),
        ),
        (
            "offenseval",
            {"id": "2", "text": "x", "label": "OFF", "target": "ind"},
            {"offensive_any": 1, "profanity": 0, "insult": 1, "offensive": 0},
        ),
        (
            "offenseval",
            {"id": "3", "text": "x", "label": "OFF", "target": None},
            {"offensive_any": 1},
        ),
        (
            "teknofest",
            {"id": "4", "text": "x", "label": "RACIST", "offensive": True},
            {"offensive_any": 1, "profanity": 0, "insult": 0, "offensive": 1},
        ),
        ("teknofest", {"id": "5", "text": "x", "label": "OTHER", "offensive": True}, None),
        (
            "mayda",
            {"id": "6", "text": "x", "label": "hate", "targets": ["dini"]},
            {"offensive_any": 1, "belief_attack": 1},
        ),
        (
            "mayda",
            {"id": "7", "text": "x", "label": "hate", "targets": ["dini", "etnik"]},
            {"offensive_any": 1, "belief_attack": 1, "offensive": 1},
        ),
        ("hatc", {"text": "x", "label": 1}, {"offensive_any": 1}),
        ("kaggle", {"text": "x", "label": 0}, dict.fromkeys(S.HEADS, 0)),
    ],
)
def test_label_mapping(
    source: str, record: dict[str, object], labels: dict[str, int] | None
) -> None:
    row = S.BY_NAME[source].read(record, 0)
    if labels is None:
        assert row is None  # a row that contradicts its own flag is dropped
    else:
        assert row is not None and row.labels == labels


def test_rows_without_ids_split_by_text_not_by_position() -> None:
    read = S.BY_NAME["hatc"].read
    a, b = read({"text": "aynı yorum", "label": 0}, 3), read({"text": "aynı yorum", "label": 0}, 9)
    assert a is not None and b is not None and a.id == b.id


def test_split_is_stratified_and_keeps_dev_text_out_of_training(tmp_path: Path) -> None:
    offenseval = [
        {
            "id": str(i),
            "text": f"yorum numara {i}",
            "label": "OFF" if i % 5 == 0 else "NOT",
            "target": "ind" if i % 5 == 0 else "non",
        }
        for i in range(200)
    ]
    _write(tmp_path / S.BY_NAME["offenseval"].file, offenseval)
    splits = S.load_splits(tmp_path, ("offenseval",))
    dev = splits.dev["offenseval"]
    assert len(dev) == 20 and sum(r.offensive for r in dev) == 4
    dev_text = dev[0].text
    # The same text under another source (a compilation) must not train.
    _write(
        tmp_path / S.BY_NAME["toygar"].file,
        [{"text": dev_text, "label": 1}, {"text": "yeni", "label": 1}],
    )
    splits = S.load_splits(tmp_path, ("offenseval", "toygar"))
    assert dev_text not in {r.text for r in splits.train}
    assert "yeni" in {r.text for r in splits.train}


def test_missing_file_of_a_chosen_source_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="offenseval"):
        S.load_splits(tmp_path, ("offenseval",))


def test_source_weights() -> None:
    names = ["a"] * 90 + ["b"] * 10
    equal = T.source_weights(names, power=0.0)
    assert equal[:90].sum() == pytest.approx(equal[90:].sum())
    root = T.source_weights(names, power=0.5)
    assert root[:90].sum() / root[90:].sum() == pytest.approx(3.0)
    assert root.mean() == pytest.approx(1.0)
    quarter = T.source_weights(names, power=0.0, factor={"b": 0.25})
    assert quarter[90:].sum() / quarter[:90].sum() == pytest.approx(0.25)


def test_calibration_puts_the_decision_points_on_the_policy_scale() -> None:
    knots = np.array([[math.log(0.3 / 0.7), math.log(0.6 / 0.4)]])
    z = np.array([[math.log(p / (1 - p))] for p in (0.05, 0.3, 0.45, 0.6, 0.9)])
    out = [1 / (1 + math.exp(-float(calibrate(row, knots)[0]))) for row in z]
    assert out[1] == pytest.approx(REVIEW_AT)
    assert out[3] == pytest.approx(REJECT_AT)
    assert out == sorted(out)  # monotone
    assert out[0] < REVIEW_AT < out[2] < REJECT_AT < out[4]


def test_binary_points_review_at_the_f1_point_reject_at_the_precision() -> None:
    rng = np.random.default_rng(0)
    y = np.r_[np.ones(300), np.zeros(700)].astype(int)
    p = np.clip(np.where(y == 1, rng.normal(0.7, 0.15, 1000), rng.normal(0.3, 0.15, 1000)), 0, 1)
    review, reject = T.binary_points(p, y, ["s"] * 1000, precision=0.95)
    assert 0.4 < review < 0.6
    assert reject >= review
    assert y[p >= reject].mean() >= 0.95
    assert y[p >= reject - 0.01].mean() < 0.95 or reject == review


def test_belief_points_respect_the_clean_budget() -> None:
    rng = np.random.default_rng(1)
    y = np.r_[np.ones(100), np.zeros(900)].astype(int)
    belief = np.where(y == 1, rng.uniform(0.2, 1, 1000), rng.uniform(0, 0.5, 1000))
    binary = np.where(y == 1, rng.uniform(0.1, 1, 1000), rng.uniform(0, 0.6, 1000))
    pts = T.belief_points(belief, binary, y, y == 0, precision=0.9)
    flagged = (belief >= pts["review"]) & (binary >= pts["offensive_floor"])
    assert flagged[y == 0].mean() <= T.MAX_BELIEF_CLEAN
    assert flagged[y == 1].mean() > 0.5
    assert pts["reject"] >= pts["review"]


def test_the_classifier_never_imports_the_clauses() -> None:
    # Dependencies point one way: lexicon <- classifier <- clauses.
    code = (
        "import sys, suzgec.classifier.model, suzgec.classifier.train; "
        "print([m for m in sys.modules if m.startswith('suzgec.clauses')])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
