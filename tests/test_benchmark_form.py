"""The per-treebank form benchmark's scoring and error injection (benchmarks/form.py)."""

from __future__ import annotations

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the benchmarks package

from benchmarks.form import (
    aligned_words,
    half_asciified,
    inject_apostrophe,
    inject_joined_mi,
    inject_split_deki,
)
from benchmarks.ud import UDSentence


def _sentence(text: str, tokens: list[tuple[str, str]]) -> UDSentence:
    located, pos = [], 0
    for token, upos in tokens:
        start = text.index(token, pos)
        located.append((start, start + len(token), token, upos))
        pos = start + len(token)
    return UDSentence("test", "test:1", text, tuple(located))


def test_a_split_or_joined_word_costs_only_itself() -> None:
    assert aligned_words("Bu ya da şu", "Bu yada şu") == (4, 2)
    assert aligned_words("çok güzel", "çok güzel") == (2, 2)


def test_partly_asciified_drops_letters_from_half_the_words_that_have_them() -> None:
    s = _sentence("Çok güzel bir gün geçirdik", [])
    out = half_asciified(s)
    lost = sum(a != b for a, b in zip(s.text.split(), out.split(), strict=True))
    assert lost == 2 and out == half_asciified(s)  # fixed per sentence


def test_injected_errors_are_the_realistic_ones() -> None:
    rng = random.Random(1)
    s = _sentence("Bu evdeki kedi Ankara'dan geldi mi", [
        ("Bu", "DET"), ("evdeki", "ADJ"), ("kedi", "NOUN"), ("Ankara'dan", "PROPN"),
        ("geldi", "VERB"), ("mi", "AUX"),
    ])  # fmt: skip
    for inject, error in (
        (inject_split_deki, "evde ki"),
        (inject_apostrophe, "Ankaradan"),
        (inject_joined_mi, "geldimi"),
    ):
        got = inject(s, rng)
        assert got is not None
        text, start, end = got
        assert text[start:end] == error
        assert text[:start] == s.text[:start]  # only the error changes the sentence
