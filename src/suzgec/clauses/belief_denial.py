"""Denying a faith's truth: "dinleri yalan", "Hristiyanlık bir safsatadan ibaret".

The rule under every article counts an attack on beliefs as a reason to reject, and calling a
faith itself a lie, a fabrication or a fairy tale is one (issue 7, item 4). The model learnt
belief attacks from Mayda's tweets, which mostly attack believers, not the truth of a faith,
so such comments scored low on every head and were approved.

A faith word followed closely, in the same sentence, by a word that calls it a lie or a tale,
used as the sentence's verdict, is an attack at reject strength. Debate and respectful
mentions stay approved; the rule is narrow on purpose:
- the verdict follows the faith word, at most `WINDOW` words later, in the same sentence;
- it is not negated or the object of a verb ("yalan değildir", "yalan söylemek günahtır",
  "yalan olduğunu söyleyenler"), so a faith that forbids lying is not one called a lie;
- a faith word in the locative ("dinimizde", "İslam'da") states a rule of that faith, not a
  verdict on it.
Word lists live in data/belief_denial.txt; words are compared folded and dotless, as the
content model compares them (s1kt1r-style dodges included).
"""

from __future__ import annotations

from collections import deque
from functools import cache
from importlib import resources

from suzgec.comment import Comment
from suzgec.model import Clause, Signal
from suzgec.text.bounds import word_cache
from suzgec.text.normalize import asciify, fold
from suzgec.text.tokenize import APOSTROPHES, Kind

VERSION = "belief-denial-1"
# Score of a denial: reject strength (content's LEXICON_VERDICT is 0.8).
SCORE = 0.9
# Words from the faith word to the verdict, the verdict included.
WINDOW = 6
_SENTENCE_END = frozenset(".!?;…")
_LOCATIVE = ("da", "de", "ta", "te")
_NO_APOSTROPHES = str.maketrans("", "", APOSTROPHES)


@word_cache(maxsize=1 << 15)
def _key(word: str) -> str:
    # Apostrophes go: "Kur'an" is one word, and "İslam'da" keeps its locative.
    return asciify(fold(word.translate(_NO_APOSTROPHES), keep=2))


@cache
def _lists() -> dict[str, tuple[str, ...]]:
    """Sections of data/belief_denial.txt: `faith` word starts, `verdict` words, `not_after`
    word starts that undo a verdict when they follow it."""
    text = resources.files("suzgec.clauses").joinpath("data/belief_denial.txt")
    sections: dict[str, list[str]] = {}
    current = None
    for line in text.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], [])
        elif current is not None:
            current.append(_key(line))
    return {name: tuple(words) for name, words in sections.items()}


@cache
def _verdicts() -> frozenset[str]:
    return frozenset(_lists()["verdict"])


@cache
def _faiths() -> tuple[frozenset[str], tuple[str, ...]]:
    """(whole words, word starts) that name a faith."""
    words = _lists()["faith"]
    return frozenset(w for w in words if not w.endswith("*")), tuple(
        w[:-1] for w in words if w.endswith("*")
    )


def _names_faith(key: str) -> bool:
    whole, starts = _faiths()
    return (key in whole or key.startswith(starts)) and not key.endswith(_LOCATIVE)


def denials(comment: Comment) -> list[Signal]:
    """A belief_attack signal for each faith word called a lie in its sentence. One pass
    over the tokens: linear in the comment's length, however many faith words it repeats."""
    verdicts = _verdicts()
    # Most comments hold no verdict word at all: one set lookup per word decides that.
    keys = [_key(t.text) if t.kind is Kind.WORD else None for t in comment.tokens]
    if not any(k in verdicts for k in keys):
        return []
    undo = _lists()["not_after"]
    following: dict[int, str] = {}  # token index of a word → the next word's key
    later = ""
    for i in range(len(keys) - 1, -1, -1):
        word = keys[i]
        if word is not None:
            following[i], later = later, word
    out: list[Signal] = []
    faiths: deque[tuple[int, int]] = deque()  # (word number in the sentence, token index)
    number = 0
    for i, tok in enumerate(comment.tokens):
        key = keys[i]
        if key is None:
            if tok.kind is Kind.PUNCT and any(ch in _SENTENCE_END for ch in tok.text):
                faiths.clear()
                number = 0
            continue
        number += 1
        while faiths and number - faiths[0][0] >= WINDOW:
            faiths.popleft()  # too far back for this word or any later one
        if key in verdicts and faiths and not following[i].startswith(undo):
            start = comment.tokens[faiths[0][1]].start
            out.append(Signal(Clause.BELIEF_ATTACK, SCORE, start, tok.end, "", None))
            faiths.clear()
            continue
        if _names_faith(key):
            faiths.append((number, i))
    return out
