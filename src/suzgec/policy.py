"""Thresholds turn check signals into findings and findings into one decision.

Every finding is kept (the commenter sees all reasons at once); the decision is
the most severe action among them. Form findings that carry a replacement are
combined into one suggested text the commenter can accept.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from suzgec.config import Settings
from suzgec.model import Action, Clause, Decision, Finding, Signal
from suzgec.text.casing import is_upper_word, tr_lower, tr_upper

POLICY_VERSION = "policy-1.0"


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
        for s in signals:
            action = self.action_for(s)
            if action is not Action.APPROVE:
                findings.append(
                    Finding(s.clause, action, s.score, s.start, s.end, s.message, s.replacement)
                )
        findings.sort(key=lambda f: (f.start, f.end, f.clause))
        action = max((f.action for f in findings), key=lambda a: a.severity, default=Action.APPROVE)
        return Decision(
            text=text,
            action=action,
            findings=tuple(findings),
            suggestion=suggest(text, findings),
            policy_version=POLICY_VERSION,
            model_versions=dict(model_versions or {}),
        )


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


def suggest(text: str, findings: Iterable[Finding]) -> str | None:
    """The comment with every available form fix applied, or None if there is none.

    The capitals fix re-cases the whole text without changing its length, so the
    word-level fixes (Turkish letters, spelling) still land on their spans; their
    casing follows the re-cased text. Where a spelling fix and a Turkish-letter
    fix cover the same word, spelling wins: it already knows the right letters.
    """
    form = [f for f in findings if f.clause.is_form and f.replacement is not None]
    if not form:
        return None
    base = text
    for f in form:
        if f.clause is Clause.CAPITALS and f.replacement and len(f.replacement) == len(text):
            base = f.replacement
    priority = {Clause.SPELLING: 0, Clause.TURKISH_CHARS: 1}
    edits: list[Finding] = []
    for f in sorted(
        (f for f in form if f.clause is not Clause.CAPITALS),
        key=lambda f: (priority[f.clause], f.start),
    ):
        if all(f.end <= e.start or f.start >= e.end for e in edits):
            edits.append(f)
    out = base
    for f in sorted(edits, key=lambda f: f.start, reverse=True):
        assert f.replacement is not None
        out = out[: f.start] + match_case(base[f.start : f.end], f.replacement) + out[f.end :]
    return out if out != text else None
