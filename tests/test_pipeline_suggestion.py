"""A suggestion is offered only if the suggested text would itself pass (issue 8, item 6)."""

from suzgec.clauses.form import CapitalsCheck
from suzgec.model import Action, Clause, Signal
from suzgec.pipeline import Moderator


class WordCheck:
    """A test content check: `word` anywhere is an insult of the given score."""

    version = "word-test-1"

    def __init__(self, word: str, score: float) -> None:
        self.word, self.score = word, score

    def __call__(self, comment):
        at = comment.text.casefold().find(self.word)
        if at < 0:
            return []
        return [Signal(Clause.INSULT, self.score, at, at + len(self.word), "Test: hakaret.")]


def test_a_fix_that_passes_is_offered_as_approved() -> None:
    decision = Moderator(checks=[CapitalsCheck()]).moderate("BU HABER ÇOK KÖTÜ")
    assert decision.action is Action.REJECT
    assert decision.suggestion == "Bu haber çok kötü"
    assert decision.suggestion_action is Action.APPROVE


def test_a_fix_that_leaves_a_rejected_content_finding_is_not_offered() -> None:
    moderator = Moderator(checks=[CapitalsCheck(), WordCheck("aptal", 0.9)])
    decision = moderator.moderate("BU HABERİ YAZAN APTAL")
    assert {f.clause for f in decision.findings} == {Clause.CAPITALS, Clause.INSULT}
    assert decision.suggestion is None and decision.suggestion_action is None
    # The same fix, where the content finding is only review-level, is offered and says so.
    moderator = Moderator(checks=[CapitalsCheck(), WordCheck("aptal", 0.6)])
    decision = moderator.moderate("BU HABERİ YAZAN APTAL")
    assert decision.suggestion == "Bu haberi yazan aptal"
    assert decision.suggestion_action is Action.REVIEW


def test_a_fix_only_the_fixed_text_reveals_is_not_offered() -> None:
    # The shouted text hides the word from a case-sensitive check; the fix shows it.
    class LowerOnly(WordCheck):
        def __call__(self, comment):
            at = comment.text.find(self.word)
            if at < 0:
                return []
            return [Signal(Clause.BELIEF_ATTACK, 0.9, at, at + len(self.word), "Test.")]

    moderator = Moderator(checks=[CapitalsCheck(), LowerOnly("saçmalık", 0.9)])
    decision = moderator.moderate("İNANÇLARI SAÇMALIK")
    assert decision.findings and all(f.clause is Clause.CAPITALS for f in decision.findings)
    assert decision.suggestion is None


def test_the_decision_round_trips_with_the_suggestion_action() -> None:
    from suzgec.model import Decision

    decision = Moderator(checks=[CapitalsCheck()]).moderate("BU HABER ÇOK KÖTÜ")
    again = Decision.from_dict(decision.text, decision.to_dict())
    assert again.suggestion_action is Action.APPROVE and again == decision
