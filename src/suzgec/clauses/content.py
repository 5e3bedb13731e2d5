"""The content step: lexicon matches and the trained model, merged per clause.

The lexicon is precise about *where* (the exact, possibly dodged, swear word); the model
is better at *whether* (it weighs the whole comment, lexicon features included). A lexicon
match takes part in the verdict only at reject strength (LEXICON_VERDICT): weaker matches
("gavur", "mal" alone) flagged many clean tweets for review when merged at full strength, so
they stay model features only. Per clause the merged score is the higher of the two, and the
lexicon's spans are kept where it found any; otherwise the model's span stands. An attack
on beliefs must name one: without a belief word the belief score is dropped (the other
clauses still see the comment).
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache, lru_cache
from importlib import resources

from suzgec.classifier.model import REJECT_AT, ContentModelCheck
from suzgec.comment import Comment
from suzgec.lexicon.matcher import LexiconCheck
from suzgec.model import Clause, Signal
from suzgec.text.normalize import asciify, fold

# A lexicon match this strong is a verdict of its own; below, only a model feature.
LEXICON_VERDICT = REJECT_AT


@cache
def belief_terms() -> tuple[str, ...]:
    """Word starts that name a belief (see data/belief_terms.txt), folded to ASCII."""
    text = resources.files("suzgec.clauses").joinpath("data/belief_terms.txt").read_text("utf-8")
    terms = (line.strip() for line in text.splitlines())
    return tuple(sorted({asciify(fold(t, keep=2)) for t in terms if t and not t.startswith("#")}))


@lru_cache(maxsize=1 << 15)
def _key(word: str) -> str:
    return asciify(fold(word, keep=2))


def names_a_belief(comment: Comment) -> bool:
    terms = belief_terms()
    words = [_key(w.stem) for w in comment.words]
    return any(w.startswith(terms) for w in words) or any(
        " " in t and t in " ".join(words) for t in terms
    )


class ContentCheck:
    def __init__(
        self,
        lexicon: LexiconCheck | None = None,
        model: ContentModelCheck | None = None,
        lexicon_verdict: float = LEXICON_VERDICT,
    ) -> None:
        self.lexicon = lexicon or LexiconCheck()
        self.model = model or ContentModelCheck()
        self.lexicon_verdict = lexicon_verdict
        self.version = f"{self.lexicon.version}+{self.model.version}"

    def __call__(self, comment: Comment) -> list[Signal]:
        # The lexicon runs once: its weak matches are model features, its strong ones spans.
        every = self.lexicon.lexicon.signals(comment)
        lexical = [s for s in every if s.score >= self.lexicon_verdict]
        learned = {s.clause: s for s in self.model(comment, lexicon_signals=every)}
        merged = [
            replace(s, score=max(s.score, learned[s.clause].score)) if s.clause in learned else s
            for s in lexical
        ]
        found = {s.clause for s in lexical}
        merged.extend(s for clause, s in learned.items() if clause not in found)
        if not names_a_belief(comment):
            # Swearing or an insult that names no belief is not an attack on beliefs.
            merged = [s for s in merged if s.clause is not Clause.BELIEF_ATTACK]
        return merged
