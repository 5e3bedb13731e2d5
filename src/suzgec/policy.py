"""Thresholds turn check signals into findings and findings into one decision.

Every finding is kept (the commenter sees all reasons at once); the decision is
the most severe action among them. Findings of one clause with the same message are
listed once, with every span (the reader sees one line per reason, the moderator every
place). Form findings that carry a replacement are combined into one suggested text the
commenter can accept.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping

from suzgec.config import Settings
from suzgec.model import Action, Clause, Decision, Finding, Signal
from suzgec.text.casing import is_upper_word, tr_lower, tr_upper

POLICY_VERSION = "policy-1.1"
# A word fix scored below its review threshold decides nothing, but once the comment gets a
# suggestion anyway it belongs there: the restorer's "kısıtlanacaktı" is right far more often
# than the ASCII "kisitlanacakti", even when the speller does not know the word and the
# letter-by-letter confidence is low (benchmarks/form.py, suggested text).
SUGGEST_FLOOR = 0.0
_WORD_FIXES = frozenset({Clause.TURKISH_CHARS, Clause.SPELLING})


class Policy:
    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()

    def action_for(self, signal: Signal) -> Action:
        reject, review = self.settings.thresholds(signal.clause)
        if signal.score >= reject:
            return Action.REJECT
        if signal.score >= review:
            return Action.REVIEW
        return Action.APPROVE

    def decide(
        self,
        text: str,
        signals: Iterable[Signal],
        model_versions: Mapping[str, str] | None = None,
    ) -> Decision:
        findings = []
        quiet_fixes = []
        for s in signals:
            action = self.action_for(s)
            if action is not Action.APPROVE:
                findings.append(
                    Finding(s.clause, action, s.score, s.start, s.end, s.message, s.replacement)
                )
            elif s.clause in _WORD_FIXES and s.replacement is not None and s.score >= SUGGEST_FLOOR:
                quiet_fixes.append(s)
        findings = merge_repeats(findings)
        action = max((f.action for f in findings), key=lambda a: a.severity, default=Action.APPROVE)
        return Decision(
            text=text,
            action=action,
            findings=tuple(findings),
            suggestion=suggest(text, findings, quiet_fixes),
            policy_version=POLICY_VERSION,
            model_versions=dict(model_versions or {}),
        )


def merge_repeats(findings: Iterable[Finding]) -> list[Finding]:
    """One finding per clause, message and replacement, holding every span, the most severe
    action and the highest score; sorted by first span. A reader's list then never says the
    same thing twice ("Küfür" for both "s1kt1r" and "a.q"), and no span is lost."""
    groups: dict[tuple[Clause, str, str | None], list[Finding]] = {}
    for f in findings:
        groups.setdefault((f.clause, f.message, f.replacement), []).append(f)
    merged = []
    for (clause, message, replacement), same in groups.items():
        if len(same) == 1:
            merged.append(same[0])
            continue
        spans = tuple(sorted({span for f in same for span in f.spans}))
        merged.append(
            Finding(
                clause,
                max((f.action for f in same), key=lambda a: a.severity),
                max(f.score for f in same),
                spans[0][0],
                spans[0][1],
                message,
                replacement,
                spans,
            )
        )
    merged.sort(key=lambda f: (f.start, f.end, f.clause))
    return merged


def match_case(template: str, word: str) -> str:
    """Give a fixer's `word` the casing of `template`, the text it replaces after re-casing.

    A fixer that saw shouted text returns shouted words ("ÇOK"); once the capitals
    fix has re-cased the comment, they must follow it ("çok", "Çok").
    """
    if len(template) > 1 and is_upper_word(template):
        return tr_upper(word)
    if len(word) > 1 and is_upper_word(word):
        word = tr_lower(word)
    if template[:1].isupper():
        return tr_upper(word[:1]) + word[1:]
    return word


def suggest(
    text: str, findings: Iterable[Finding], quiet_fixes: Iterable[Signal] = ()
) -> str | None:
    """The comment with every available form fix applied, or None if there is none.

    The capitals fix re-cases the whole text without changing its length, so the
    word-level fixes (Turkish letters, spelling) still land on their spans; their
    casing follows the re-cased text. Where a spelling fix and a Turkish-letter
    fix cover the same word, spelling wins: it already knows the right letters.
    `quiet_fixes` (form signals below review) join a suggestion that a finding opened.
    """
    form = [f for f in findings if f.clause.is_form and f.replacement is not None]
    if not form:
        return None
    form += [
        Finding(s.clause, Action.APPROVE, s.score, s.start, s.end, s.message, s.replacement)
        for s in quiet_fixes
    ]
    base = text
    for f in form:
        if f.clause is Clause.CAPITALS and f.replacement and len(f.replacement) == len(text):
            base = f.replacement
    priority = {Clause.SPELLING: 0, Clause.TURKISH_CHARS: 1}
    # (start, end, replacement) per span: a merged finding fixes the word everywhere.
    words = [
        (f.clause, start, end, f.replacement)
        for f in form
        if f.clause is not Clause.CAPITALS and f.replacement is not None
        for start, end in f.spans
    ]
    # Accepted edits never overlap, so a candidate need only be checked against its two
    # neighbours in start order (bisect): linear-logarithmic in the number of findings,
    # where checking every accepted edit was quadratic on a comment of many short words.
    starts: list[int] = []
    edits: dict[int, tuple[int, str]] = {}  # start -> (end, replacement)
    for _, start, end, replacement in sorted(words, key=lambda w: (priority[w[0]], w[1])):
        i = bisect.bisect_right(starts, start)
        if i > 0 and edits[starts[i - 1]][0] > start:
            continue
        if i < len(starts) and starts[i] < end:
            continue
        if start in edits:  # an empty span at an accepted start
            continue
        starts.insert(i, start)
        edits[start] = (end, replacement)
    pieces, at = [], 0
    for start in starts:
        end, replacement = edits[start]
        pieces += [base[at:start], match_case(base[start:end], replacement)]
        at = end
    pieces.append(base[at:])
    out = "".join(pieces)
    return out if out != text else None
