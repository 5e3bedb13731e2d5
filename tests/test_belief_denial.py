"""A faith called a lie is an attack on beliefs (suzgec.clauses.belief_denial)."""

from __future__ import annotations

import pytest

from suzgec.clauses.belief_denial import denials
from suzgec.comment import Comment
from suzgec.model import Action, Clause
from suzgec.pipeline import Moderator


def _spans(text: str) -> list[str]:
    comment = Comment.of(text)
    return [comment.text[s.start : s.end] for s in denials(comment)]


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Onların dini tamamen yalan.", "dini tamamen yalan"),
        ("Hristiyanlık bir safsatadan ibaret.", "Hristiyanlık bir safsatadan"),
        ("Kur'an uydurma bir kitaptır.", "Kur'an uydurma"),
        ("Bu din tam bir kandırmaca!", "din tam bir kandırmaca"),
        ("Dinleri yalandır, bunu herkes bilir.", "Dinleri yalandır"),
    ],
)
def test_a_faith_called_a_lie_is_found_with_its_span(text: str, span: str) -> None:
    assert _spans(text) == [span]


@pytest.mark.parametrize(
    "text",
    [
        "İslam yalanı yasaklar.",  # the lie is what the faith forbids
        "Dinimizde yalan haramdır.",  # a rule of the faith (locative)
        "Yalan söylemek dinimizde günahtır.",  # the verdict comes first
        "Kuranın yalan olduğunu söyleyenler yanılıyor.",  # what others say, refuted
        "Hristiyanlık bir masal değildir.",  # negated
        "Din adamı yalan söyledi.",  # the object of a verb
        "Dinle beni, bu bir masal.",  # "dinle" is listen, no faith
        "Dinler tarihi dersinde İslam ve Hristiyanlık karşılaştırıldı.",
        "Tevrat okundu. Masal gecesi ise yarın.",  # another sentence
    ],
)
def test_debate_rules_of_faith_and_other_sentences_are_no_denial(text: str) -> None:
    assert _spans(text) == []


def test_the_pipeline_rejects_it_as_an_attack_on_beliefs() -> None:
    decision = Moderator().moderate("Onların dini tamamen yalan, uydurma bir masal.")
    assert decision.action is Action.REJECT
    found = [f for f in decision.findings if f.clause is Clause.BELIEF_ATTACK]
    assert found and found[0].action is Action.REJECT
    assert "dini tamamen yalan" in found[0].message


def test_a_long_run_of_faith_words_gives_one_span_within_the_window() -> None:
    # Thousands of faith words before one verdict: the span covers the last few words only
    # (the window), and the pass stays linear (no rescans of the sentence per word).
    text = "din " * 3000 + "yalan"
    comment = Comment.of(text)
    found = denials(comment)
    assert len(found) == 1
    assert comment.text[found[0].start : found[0].end].split() == ["din"] * 5 + ["yalan"]
