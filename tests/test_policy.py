import pytest

from suzgec.config import Settings
from suzgec.model import Action, Clause, Decision, Finding, Signal
from suzgec.policy import Policy, match_case, suggest


def _signal(clause: Clause, score: float, start: int = 0, end: int = 1, repl: str | None = None):
    return Signal(clause, score, start, end, "m", repl)


@pytest.mark.parametrize(
    ("score", "action"),
    [(0.95, Action.REJECT), (0.8, Action.REJECT), (0.6, Action.REVIEW), (0.2, Action.APPROVE)],
)
def test_thresholds_map_scores_to_actions(score: float, action: Action) -> None:
    policy = Policy(Settings(profanity_reject=0.8, profanity_review=0.5))
    assert policy.action_for(_signal(Clause.PROFANITY, score)) is action


def test_every_finding_kept_and_most_severe_wins() -> None:
    decision = Policy().decide(
        "abc def",
        [
            _signal(Clause.SPELLING, 0.6, 0, 3),
            _signal(Clause.INSULT, 0.99, 4, 7),
            _signal(Clause.OFFENSIVE, 0.1, 4, 7),  # below review: dropped
        ],
        {"x": "1"},
    )
    assert decision.action is Action.REJECT
    assert [f.clause for f in decision.findings] == [Clause.SPELLING, Clause.INSULT]
    assert decision.model_versions == {"x": "1"}
    assert decision.policy_version


def test_no_signal_approves_without_suggestion() -> None:
    decision = Policy().decide("Güzel haber", [])
    assert decision.action is Action.APPROVE
    assert decision.suggestion is None


def _finding(clause: Clause, start: int, end: int, repl: str) -> Finding:
    return Finding(clause, Action.REJECT, 0.9, start, end, "m", repl)


def test_suggestion_combines_capitals_and_word_fixes() -> None:
    text = "COK GUZEL HERKEZ GELSIN"
    findings = [
        _finding(Clause.CAPITALS, 0, len(text), "Cok guzel herkez gelsin"),
        _finding(Clause.TURKISH_CHARS, 0, 3, "ÇOK"),
        _finding(Clause.TURKISH_CHARS, 4, 9, "GÜZEL"),
        _finding(Clause.TURKISH_CHARS, 10, 16, "HERKEZ"),  # overlaps spelling: spelling wins
        _finding(Clause.SPELLING, 10, 16, "herkes"),
    ]
    assert suggest(text, findings) == "Çok güzel herkes gelsin"


def test_suggestion_handles_length_changing_spelling_fixes() -> None:
    text = "birşey olmaz hiç bir zaman"
    findings = [
        _finding(Clause.SPELLING, 0, 6, "bir şey"),
        _finding(Clause.SPELLING, 13, 20, "hiçbir"),
    ]
    assert suggest(text, findings) == "bir şey olmaz hiçbir zaman"


def test_suggestion_keeps_the_first_fix_of_overlapping_spans_and_applies_neighbours() -> None:
    text = "bir iki uc dort"
    findings = [
        _finding(Clause.TURKISH_CHARS, 8, 10, "üç"),
        _finding(Clause.TURKISH_CHARS, 11, 15, "dört"),
        # Spelling outranks Turkish letters; a later overlapping one loses to the first.
        _finding(Clause.SPELLING, 4, 10, "ikiüç"),
        _finding(Clause.SPELLING, 6, 12, "xx"),
        _finding(Clause.SPELLING, 0, 3, "Bir"),  # touches the next span, does not overlap
    ]
    assert suggest(text, findings) == "Bir ikiüç dört"


def test_suggestion_of_a_merged_finding_fixes_every_span() -> None:
    words = ["cok"] * 300
    text = " ".join(words)
    spans = tuple((i * 4, i * 4 + 3) for i in range(300))
    merged = Finding(Clause.TURKISH_CHARS, Action.REVIEW, 0.9, 0, 3, "m", "çok", spans=spans)
    assert suggest(text, [merged]) == " ".join(["çok"] * 300)


def test_no_suggestion_for_content_findings() -> None:
    assert suggest("x", [_finding(Clause.INSULT, 0, 1, "y")]) is None


@pytest.mark.parametrize(
    ("template", "word", "expected"),
    [
        ("çok", "ÇOK", "çok"),
        ("Cok", "Çok", "Çok"),
        ("COK", "çok", "ÇOK"),
        ("sırbistanın", "Sırbistan'ın", "Sırbistan'ın"),
    ],
)
def test_match_case(template: str, word: str, expected: str) -> None:
    assert match_case(template, word) == expected


def test_decision_round_trips_through_dict() -> None:
    decision = Policy().decide("BU NE BÖYLE", [_signal(Clause.CAPITALS, 0.9, 0, 11, "Bu ne böyle")])
    again = Decision.from_dict(decision.text, decision.to_dict())
    assert again == decision


def test_repeated_findings_are_listed_once_with_every_span() -> None:
    """One clause, one message: one line for the reader, every span for the moderator."""
    text = "malesef gittim, malesef döndüm"
    signals = [
        Signal(Clause.SPELLING, 0.9, 0, 7, "Yazım hatası: malesef", "maalesef"),
        Signal(Clause.SPELLING, 0.6, 16, 23, "Yazım hatası: malesef", "maalesef"),
        Signal(Clause.INSULT, 0.9, 8, 14, "Yazım hatası: malesef"),  # another clause: kept apart
    ]
    decision = Policy().decide(text, signals)
    spelling, insult = decision.findings
    assert (spelling.clause, spelling.action, spelling.score) == (Clause.SPELLING, "reject", 0.9)
    assert spelling.spans == ((0, 7), (16, 23))
    assert (spelling.start, spelling.end) == (0, 7)
    assert insult.spans == ((8, 14),)
    assert decision.suggestion == "maalesef gittim, maalesef döndüm"
    assert spelling.to_dict()["spans"] == [[0, 7], [16, 23]]
    assert Decision.from_dict(text, decision.to_dict()) == decision


def test_different_messages_or_fixes_stay_separate_findings() -> None:
    decision = Policy().decide(
        "cok cok",
        [
            Signal(Clause.TURKISH_CHARS, 0.9, 0, 3, "a", "çok"),
            Signal(Clause.TURKISH_CHARS, 0.9, 4, 7, "b", "çok"),
        ],
    )
    assert [f.spans for f in decision.findings] == [((0, 3),), ((4, 7),)]


def test_a_stored_finding_without_spans_reads_as_its_one_span() -> None:
    old = {
        "decision": "reject",
        "findings": [
            {"clause": "insult", "action": "reject", "score": 0.9, "start": 4, "end": 9,
             "message": "Hakaret içeriyor.", "replacement": None},
        ],
    }  # fmt: skip
    (finding,) = Decision.from_dict("sen aptal", old).findings
    assert finding.spans == ((4, 9),)
