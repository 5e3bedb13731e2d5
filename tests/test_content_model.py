"""The shipped content model on real Turkish sentences, and the trainer end to end."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from suzgec.classifier import features as F
from suzgec.classifier.model import CLAUSES, OPEN_VERSION, VERSION, ContentModel, ContentModelCheck
from suzgec.comment import Comment
from suzgec.lexicon import features as lexicon_features
from suzgec.model import Clause


@pytest.fixture(scope="module")
def model() -> ContentModel:
    return ContentModel.load()


# Clear swearing and insults, including the spellings people use to dodge filters.
OFFENSIVE = [
    "Siktir git buradan",
    "Bu adam tam bir şerefsiz",
    "Orospu çocuğu seni",
    "Ne kadar aptal bir insansın sen",
    "amk ne biçim maç bu",
    "a.q bu ne ya",  # separator between letters
    "s1kt1r git",  # leetspeak
    "Gerizekalı mısın nesin",
    "Sen bir salaksın",
    "o.ç herif",
]

# Clean comments, with the Scunthorpe traps and religious or ethnic vocabulary.
CLEAN = [
    "Amasya'da bugün hava çok güzeldi.",
    "Müzede eski bir sikke sergileniyor.",
    "Ambargo kararı ekonomiyi etkiledi.",
    "Amcam yarın köye gidecek.",
    "Son günlerde biraz sıkıntı yaşıyoruz.",
    "Dinler tarihi dersi çok ilgi çekiciydi.",
    "Haberde terörist kelimesinin kullanılması tartışma yarattı.",
    "Kosova'daki Ortodoks manastırları korunmalı.",
    "Allah kimseyi savaşla sınamasın.",
    "Papa'nın barış çağrısı umut verdi.",
    "Maç çok güzeldi, tebrikler.",
    "Sırp ve Arnavut liderler görüştü.",
    "Bravo NATO",
]


@pytest.mark.parametrize("text", OFFENSIVE)
def test_offensive_scores_high(model: ContentModel, text: str) -> None:
    scores = model.scores(text)
    assert max(scores.values()) >= 0.5, scores


@pytest.mark.parametrize("text", CLEAN)
def test_clean_scores_low(model: ContentModel, text: str) -> None:
    scores = model.scores(text)
    assert max(scores.values()) < 0.5, scores


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Maç güzeldi ama hakem tam bir şerefsiz", "şerefsiz"),
        ("bu ne biçim iş a.q", "a.q"),
        ("s1kt1r git buradan", "s1kt1r"),
    ],
)
def test_signal_span_points_at_the_word(text: str, word: str) -> None:
    signals = ContentModelCheck()(Comment.of(text))
    assert signals
    top = max(signals, key=lambda s: s.score)
    assert text[top.start : top.end] == word
    assert top.message


def test_check_reports_clauses_with_turkish_messages() -> None:
    signals = ContentModelCheck()(Comment.of("Siktir git buradan"))
    assert {s.clause for s in signals} <= set(CLAUSES)
    assert all(0.0 <= s.score <= 1.0 for s in signals)
    messages = {s.clause: s.message for s in signals}
    if Clause.PROFANITY in messages:
        assert messages[Clause.PROFANITY] == "Küfür içeriyor."


def test_clean_comment_gives_no_signal() -> None:
    assert ContentModelCheck()(Comment.of("Belediye yeni bir park yapıyor.")) == []


def test_version_is_in_the_artifact(model: ContentModel) -> None:
    assert model.version == VERSION


def test_artifact_matches_the_lexicon_it_was_trained_with(model: ContentModel) -> None:
    # The lexicon's scores are model features: when the lexicon changes, retrain
    # (python -m suzgec.classifier.train, see docs/models/content.md).
    assert model.lexicon_version == lexicon_features.VERSION


def test_folding_joins_spellings() -> None:
    forms = [u.form for u in F.units("@USER a.q Şerefsiiiz $erefsiz URL")]
    assert forms == ["@user", "aq", "serefsiz", "serefsiz", "url"]


@pytest.mark.parametrize("text", ["Siktir git amk", "allahını sikeyim gavur", "Amasya güzel"])
def test_lexicon_block_is_the_same_from_given_signals(text: str) -> None:
    # The content step hands the model the lexicon signals it already has; the block built
    # from them must be the one the trainer computed from the text alone.
    from suzgec.lexicon import features as lexicon_features
    from suzgec.lexicon.matcher import lexicon

    comment = Comment.of(text)
    given = lexicon_features.evidence(comment, lexicon().signals(comment))[0]
    assert given == lexicon_features.vector(text)
    assert all(0.0 <= v <= 1.0 for v in given)


# --- the real trainer on a small generated data set --------------------------------------

_CLEAN_WORDS = "bugün hava maç takım güzel şehir yol park kitap okul haber ekonomi".split()
_SWEARS = "siktir amk orospu".split()
_INSULTS = "aptal salak gerizekalı".split()


def _write(path: Path, rows: list[dict[str, object]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def _sentence(rng: random.Random, extra: str = "") -> str:
    words = rng.sample(_CLEAN_WORDS, 4) + ([extra] if extra else [])
    rng.shuffle(words)
    return " ".join(words)


def test_training_on_a_small_sample(tmp_path: Path) -> None:
    from suzgec.classifier import sources, train

    rng = random.Random(7)
    offenseval = []
    for i in range(240):
        kind = i % 4
        if kind == 0:
            row = {"label": "OFF", "target": "prof", "text": _sentence(rng, rng.choice(_SWEARS))}
        elif kind == 1:
            row = {"label": "OFF", "target": "ind", "text": _sentence(rng, rng.choice(_INSULTS))}
        elif kind == 2:
            row = {"label": "OFF", "target": "grp", "text": _sentence(rng, "hepsi kahrolsun")}
        else:
            row = {"label": "NOT", "target": "non", "text": _sentence(rng)}
        offenseval.append({"id": str(i), **row})
    _write(tmp_path / sources.BY_NAME["offenseval"].file, offenseval)
    _write(
        tmp_path / sources.BY_NAME["teamgzg"].file,
        [{"text": _sentence(rng, "siktir"), "label": "PROFANITY"} for _ in range(10)],
    )
    _write(
        tmp_path / sources.BY_NAME["mayda"].file,
        [
            {
                "id": f"Row{i}",
                "text": _sentence(rng, "dinsiz kafir" if i % 2 else "cami"),
                "label": "hate" if i % 2 else "none",
                "targets": ["dini"] if i % 2 else [],
                "keyword": "x",
            }
            for i in range(80)
        ],
    )
    out = tmp_path / "model" / "content-test"
    args = ["--data", str(tmp_path), "--out", str(out), "--sources", "offenseval,teamgzg,mayda"]
    assert train.main(args) == 0

    trained = ContentModel.load(out)
    swear = trained.scores("bugün maç siktir")
    clean = trained.scores("bugün maç güzel")
    assert swear[Clause.PROFANITY] > clean[Clause.PROFANITY]
    assert trained.score_all("yol dinsiz kafir")["belief_attack"] > clean[Clause.BELIEF_ATTACK]


def test_the_open_variant_is_selectable_and_a_wrong_path_is_a_clear_error() -> None:
    from suzgec.config import Settings
    from suzgec.errors import ConfigError
    from suzgec.pipeline import Moderator

    decision = Moderator(Settings(content_model="open")).moderate("Siktir git buradan")
    assert decision.model_versions["ContentCheck"].split("+")[1] == OPEN_VERSION
    assert "profanity" in {str(f.clause) for f in decision.findings}
    with pytest.raises(ConfigError, match="bulunamadı"):
        Moderator(Settings(content_model="/yok/boyle-bir-model"))
