"""The real training code on the real shared data (slow; CI runs them in its slow step).

The small form artifacts must rebuild byte for byte from ../shared/data; the content model
trains on a sample and must already separate offensive from clean dev comments.
"""

import json
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
PACKAGE = Path(__file__).resolve().parents[1] / "src" / "suzgec"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not (DATA / "text").is_dir(), reason=f"shared data not at {DATA}"),
]


def test_spelling_lexicon_rebuilds_identically(tmp_path: Path) -> None:
    from suzgec.training import spelling_lexicon

    spelling_lexicon.main(
        ["--data", str(DATA), "--out", str(tmp_path), "--card", str(tmp_path / "card.md")]
    )
    for name in ("spelling_lexicon.tsv.gz", "spelling_proper.txt.gz", "spelling_suffixes.txt"):
        assert (tmp_path / name).read_bytes() == (PACKAGE / "text" / "data" / name).read_bytes()


def test_diacritics_model_rebuilds_identically(tmp_path: Path) -> None:
    from suzgec.training import diacritics

    out = tmp_path / "diacritics.json.gz"
    diacritics.main(["--data", str(DATA), "--out", str(out), "--no-card"])
    assert out.read_bytes() == (PACKAGE / "text" / "data" / "diacritics.json.gz").read_bytes()


def test_content_model_trains_on_a_real_sample(tmp_path: Path) -> None:
    import numpy as np

    from suzgec.classifier import sources, train
    from suzgec.classifier.model import ContentModel
    from suzgec.metrics import macro_f1

    out = tmp_path / "content-sample"
    assert train.main(["--data", str(DATA), "--sample", "3000", "--out", str(out)]) == 0
    model = ContentModel.load(out)
    meta = json.loads(out.with_name(out.name + ".json").read_text(encoding="utf-8"))
    assert set(meta["decision_points"]) == set(sources.HEADS)
    for name, rows in sources.load_splits(DATA).dev.items():
        rows = rows[:300]
        y = np.array([r.offensive for r in rows])
        pred = np.array([model.score_all(r.text)["offensive_any"] >= 0.5 for r in rows])
        if y.any():
            assert macro_f1(y, pred) > 0.6, name
        else:  # UD: clean prose only
            assert pred.mean() < 0.2, name


def test_cli_eval_dev_reports_the_content_step() -> None:
    from click.testing import CliRunner

    from suzgec.cli import main

    result = CliRunner().invoke(main, ["eval", "--dev", str(DATA)])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    step = report["content_step"]
    assert set(step["sources"]) >= {"offenseval", "teknofest", "mayda", "hatc"}
    assert step["at_reject"]["mean"] > 0.8
    assert step["max_review_share"] <= 0.10
    assert report["belief_attack"]["mayda_dini_found"] > 0.7
