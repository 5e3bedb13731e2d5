from pathlib import Path

import pytest

from suzgec.clauses.form import CapitalsCheck, is_acronym
from suzgec.comment import Comment


def _rows() -> list[tuple[str, bool, str]]:
    path = Path(__file__).parent / "cases" / "capitals.tsv"
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        text, flagged, replacement = [*line.split("\t"), ""][:3]
        rows.append((text, flagged == "yes", replacement))
    return rows


@pytest.mark.parametrize(("text", "flagged", "replacement"), _rows())
def test_capitals_table(text: str, flagged: bool, replacement: str) -> None:
    signals = CapitalsCheck()(Comment.of(text))
    assert bool(signals) is flagged
    if flagged:
        (signal,) = signals
        assert (signal.start, signal.end) == (0, len(text))
        assert signal.replacement == replacement
        assert len(signal.replacement) == len(text)


def test_fully_shouted_sentence_rejects_single_word_only_reviews() -> None:
    assert CapitalsCheck()(Comment.of("BU NE REZALET BÖYLE"))[0].score >= 0.8
    assert CapitalsCheck()(Comment.of("REZALET!"))[0].score < 0.8


@pytest.mark.parametrize("word", ["NATO", "TBMM", "ABD", "KFOR", "NATO'ya", "BDDK", "İBB"])
def test_acronyms(word: str) -> None:
    assert is_acronym(word)


@pytest.mark.parametrize("word", ["HABER", "Bravo", "KÖTÜ", "ÇOK"])
def test_not_acronyms(word: str) -> None:
    assert not is_acronym(word)
