"""The content step: lexicon matches and the trained model, merged per clause.

The lexicon is precise about *where* (the exact, possibly dodged, swear word); the model
is better at *whether* (it weighs the whole comment, lexicon features included). A lexicon
match takes part in the verdict only at reject strength (LEXICON_VERDICT): weaker matches
("gavur", "mal" alone) flagged many clean tweets for review when merged at full strength, so
they stay model features only. Per clause the merged score is the higher of the two, and the
lexicon's spans are kept where it found any; otherwise the model's span stands. An attack
on beliefs must name one: without a belief word the belief score is dropped (the other
clauses still see the comment).

Messages name what was found: every distinct lexicon word of a clause in one message, which
each of its signals carries, so the policy lists them as one finding with every span. A
model span gets a message naming the kind of content (its top word may be innocent), for the
marked span or, where no word stood out, the whole comment.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from importlib import resources

from suzgec import messages
from suzgec.classifier.model import REJECT_AT, ContentModelCheck
from suzgec.clauses.belief_denial import VERSION as DENIAL_VERSION
from suzgec.clauses.belief_denial import denials
from suzgec.comment import Comment
from suzgec.lexicon.matcher import LexiconCheck
from suzgec.model import Clause, Signal
from suzgec.text.bounds import word_cache
from suzgec.text.casing import tr_lower
from suzgec.text.normalize import asciify, fold, strip_invisible
from suzgec.text.tokenize import stem_of

# A lexicon match this strong is a verdict of its own; below, only a model feature.
LEXICON_VERDICT = REJECT_AT
# A quoted span longer than this is cut ("…"): the message is one line in a list.
MAX_QUOTE = 40


@cache
def belief_terms() -> tuple[str, ...]:
    """Word starts that name a belief (see data/belief_terms.txt), folded to ASCII."""
    text = resources.files("suzgec.clauses").joinpath("data/belief_terms.txt").read_text("utf-8")
    terms = (line.strip() for line in text.splitlines())
    return tuple(sorted({asciify(fold(t, keep=2)) for t in terms if t and not t.startswith("#")}))


@word_cache(maxsize=1 << 15)
def _key(text: str) -> str:
    """A word token's stem (before an apostrophe suffix), folded to ASCII; by token text."""
    return asciify(fold(stem_of(text), keep=2))


@cache
def _belief_phrases() -> tuple[str, ...]:
    return tuple(t for t in belief_terms() if " " in t)


def names_a_belief(comment: Comment) -> bool:
    terms = belief_terms()
    words = [_key(w.text) for w in comment.words]
    if any(w.startswith(terms) for w in words):
        return True
    joined = " ".join(words)
    return any(t in joined for t in _belief_phrases())


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
        self.version = f"{self.lexicon.version}+{self.model.version}+{DENIAL_VERSION}"

    def __call__(self, comment: Comment) -> list[Signal]:
        # The lexicon runs once: its weak matches are model features, its strong ones spans.
        every = self.lexicon.lexicon.signals(comment)
        # A faith called a lie is a verdict too, with its span (clauses/belief_denial.py).
        lexical = [s for s in every if s.score >= self.lexicon_verdict] + denials(comment)
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
        return explain(comment, merged, found)


def quote(comment: Comment, start: int, end: int) -> str:
    """The span as the reader wrote it, on one line, invisible characters left out."""
    text = " ".join(strip_invisible(comment.text[start:end]).split())
    return text if len(text) <= MAX_QUOTE else text[: MAX_QUOTE - 1].rstrip() + "…"


def explain(comment: Comment, signals: list[Signal], lexical: set[Clause]) -> list[Signal]:
    """Give each signal a message that names what it found (see the module docstring)."""
    words: dict[Clause, dict[str, str]] = {}  # distinct words by clause, first spelling kept
    for s in signals:
        if s.clause in lexical:
            word = quote(comment, s.start, s.end)
            words.setdefault(s.clause, {}).setdefault(tr_lower(word), word)
    out = []
    for s in signals:
        if s.clause in lexical:
            message = messages.content_words(s.clause, list(words[s.clause].values()))
        else:
            whole = (s.start, s.end) == (0, len(comment.text)) and len(comment.words) > 1
            message = messages.content_model(s.clause, whole)
        out.append(replace(s, message=message))
    return out
