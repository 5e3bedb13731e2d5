"""End to end: the default pipeline on real Turkish sentences, traps included."""

from pathlib import Path

import pytest

from suzgec import InvalidComment, Moderator, Settings
from suzgec.clauses.form import form_checks


@pytest.fixture(scope="module")
def form() -> Moderator:
    return Moderator(checks=form_checks())


def _rows() -> list[tuple[str, set[str], str, str | None]]:
    rows = []
    path = Path(__file__).parent / "cases" / "form_pipeline.tsv"
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        text, clauses, decision, suggestion = line.split("\t")
        rows.append((text, set(filter(None, clauses.split(","))), decision, suggestion or None))
    return rows


@pytest.mark.parametrize(("text", "clauses", "decision", "suggestion"), _rows())
def test_form_table(
    form: Moderator, text: str, clauses: set[str], decision: str, suggestion: str | None
) -> None:
    result = form.moderate(text)
    assert {str(c) for c in result.clauses} == clauses
    assert str(result.action) == decision
    assert result.suggestion == suggestion
    for f in result.findings:
        assert 0 <= f.start < f.end <= len(text)


def test_spans_point_at_the_words(form: Moderator) -> None:
    text = "Bu haber cok önemli"
    (finding,) = form.moderate(text).findings
    assert text[finding.start : finding.end] == "cok"
    assert finding.replacement == "çok"


@pytest.mark.parametrize("bad", ["", "   \n", 42, None, "x" * 5001])
def test_invalid_input_is_a_clear_error(form: Moderator, bad: object) -> None:
    with pytest.raises(InvalidComment):
        form.moderate(bad)


def test_limit_comes_from_settings() -> None:
    moderator = Moderator(Settings(max_comment_chars=10), checks=[])
    assert moderator.moderate("x" * 10).action == "approve"
    with pytest.raises(InvalidComment, match="10"):
        moderator.moderate("x" * 11)


@pytest.mark.parametrize(
    "text",
    [
        "Sen gittin de aylarca yas tuttu.",  # yas (mourning) beside yaş (age)
        "Geceleyin belanı arama, haydi nerden geldinse bas git oraya.",  # bas beside baş
        "Bu su içilir mi?",  # su beside şu
        "Bel kaslarını kuvvetlendirmek için her gün yüzüyordu.",  # kas beside kaş
    ],
)
def test_real_words_that_may_lack_letters_never_reject(form: Moderator, text: str) -> None:
    """A word that is correct as written is only a guess for turkish_chars: review at most."""
    assert form.moderate(text).action != "reject"


def test_one_clearly_asciified_word_is_enough_evidence(form: Moderator) -> None:
    decision = form.moderate("Bu su cok soğuk")  # "cok" is no word: su → şu is now likely too
    assert decision.action == "reject"
    assert decision.suggestion is not None and "çok" in decision.suggestion


def test_control_characters_are_removed_before_the_checks(form: Moderator) -> None:
    """The decision's text is the cleaned one and spans index it; a removed NUL between "c" and
    its cedilla no longer keeps them from composing into "ç"."""
    result = form.moderate("Bu haber\u202e cok\x1b önemli, c\x00\u0327ok\ttabii.\r\n")
    assert result.text == "Bu haber cok önemli, çok\ttabii.\r\n"
    (finding,) = result.findings
    assert result.text[finding.start : finding.end] == "cok"
    assert result.suggestion == "Bu haber çok önemli, çok\ttabii.\r\n"


def test_a_repeated_misspelling_is_one_finding_fixed_everywhere(form: Moderator) -> None:
    text = "Malesef gittim, malesef döndüm. herkez herkez güldü"
    result = form.moderate(text)
    assert [(f.clause, f.spans) for f in result.findings] == [
        ("spelling", ((0, 7),)),  # "Malesef": another message than "malesef"
        ("spelling", ((16, 23),)),
        ("spelling", ((32, 38), (39, 45))),
    ]
    assert result.suggestion == "Maalesef gittim, maalesef döndüm. herkes herkes güldü"
