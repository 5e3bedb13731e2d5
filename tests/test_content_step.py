"""The content step in the default pipeline: lexicon + model merged, belief gate, traps."""

from pathlib import Path
from types import SimpleNamespace

import pytest

from suzgec import Moderator
from suzgec.clauses.content import ContentCheck, names_a_belief
from suzgec.comment import Comment
from suzgec.model import CONTENT_CLAUSES, Clause, Signal


@pytest.fixture(scope="module")
def moderator() -> Moderator:
    return Moderator()


def _rows() -> list[tuple[str, set[str], str]]:
    rows = []
    path = Path(__file__).parent / "cases" / "content_pipeline.tsv"
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        text, clauses, decision = line.split("\t")
        rows.append((text, set(filter(None, clauses.split(","))), decision))
    return rows


@pytest.mark.parametrize(("text", "clauses", "decision"), _rows())
def test_content_table(moderator: Moderator, text: str, clauses: set[str], decision: str) -> None:
    result = moderator.moderate(text)
    found = {str(c) for c in result.clauses if c in CONTENT_CLAUSES}
    assert clauses <= found
    if not clauses:
        assert not found
    assert str(result.action) == decision


class _Lexicon:
    """Stand-in for LexiconCheck: fixed signals, to test the merge rule alone."""

    version = "lexicon-test"
    min_score = 0.5

    def __init__(self, signals: list[Signal]) -> None:
        self.lexicon = SimpleNamespace(signals=lambda comment: signals)


class _Model:
    version = "model-test"

    def __init__(self, signals: list[Signal]) -> None:
        self.signals = signals

    def __call__(self, comment: Comment, lexicon_signals: object = None) -> list[Signal]:
        return self.signals


def _content(lexical: list[Signal], learned: list[Signal]) -> ContentCheck:
    return ContentCheck(_Lexicon(lexical), _Model(learned))  # type: ignore[arg-type]


def test_merge_keeps_lexicon_span_with_the_higher_score() -> None:
    check = _content(
        [Signal(Clause.PROFANITY, 0.85, 4, 6, "lex"), Signal(Clause.INSULT, 0.7, 0, 3, "weak")],
        [Signal(Clause.PROFANITY, 0.9, 0, 20, "model"), Signal(Clause.OFFENSIVE, 0.7, 0, 3, "m")],
    )
    by_clause = {s.clause: s for s in check(Comment.of("sen aq bir şeysin yaa"))}
    assert (by_clause[Clause.PROFANITY].start, by_clause[Clause.PROFANITY].score) == (4, 0.9)
    assert by_clause[Clause.OFFENSIVE].score == 0.7
    # Below reject strength a lexicon match is no verdict, only a model feature.
    assert Clause.INSULT not in by_clause


def test_belief_attack_needs_a_belief_word() -> None:
    check = _content([], [Signal(Clause.BELIEF_ATTACK, 0.9, 0, 3, "m")])
    assert check(Comment.of("sen git gerizekalı")) == []
    assert check(Comment.of("Kuran'a hakaret eden gerizekalı"))[0].clause is Clause.BELIEF_ATTACK


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Kuran'a dokunma", True),
        ("Müslümanlar ve Hristiyanlar", True),
        ("Şiiler bayram yaptı", True),
        ("siktir git", False),  # "şii" squeezed to "şi" must not match "si…"
        ("Ehli beyt sevgisi", True),
        ("Bugün hava güzel", False),
    ],
)
def test_names_a_belief(text: str, names: bool) -> None:
    assert names_a_belief(Comment.of(text)) is names


@pytest.mark.parametrize(
    "text",
    [
        "Yahudiler ve Müslümanlar ortak bir barış mesajı yayımladı.",
        "Suriyeli aileler yeni evlerine taşındı.",
        "Ermeni mimarların yaptığı kilise restore edildi.",
        "Kürt ve Türk gençler birlikte futbol oynadı.",
        "Müslüman ve Hristiyan din adamları barış için dua etti.",
        "Sırp ve Arnavut liderler Brüksel'de görüştü.",
    ],
)
def test_naming_a_people_or_faith_is_not_offensive(moderator: Moderator, text: str) -> None:
    assert not moderator.moderate(text).clauses & CONTENT_CLAUSES


def test_identity_words_lose_their_own_push_but_not_what_is_said_of_them() -> None:
    from suzgec.classifier.model import shipped

    model = shipped()
    try:
        model.neutral_identity = False
        raw = model.score_all("Yahudi cemaati bayramı kutladı.")["offensive_any"]
        model.neutral_identity = True
        neutral = model.score_all("Yahudi cemaati bayramı kutladı.")["offensive_any"]
        hostile = model.score_all("Pis Suriyeliler defolsun gitsin")["offensive_any"]
    finally:
        model.neutral_identity = True
    assert neutral < raw
    assert hostile > 0.9


@pytest.mark.parametrize(
    ("text", "clause", "message", "spans"),
    [
        (
            "s1kt1r git a.q",
            Clause.PROFANITY,
            "“s1kt1r” ve “a.q” küfür sayılır; yorumu bu sözler olmadan yazın.",
            ((0, 6), (11, 14)),
        ),
        (
            "Bu adam tam bir şerefsiz",
            Clause.INSULT,
            "“şerefsiz” hakaret sayılır; yorumu bu söz olmadan yazın.",
            ((16, 24),),
        ),
        (  # the same word twice (in any case) is named once; its every span is kept
            "Aptal, sen de aptalsın, APTAL",
            Clause.INSULT,
            "“Aptal” ve “aptalsın” hakaret sayılır; yorumu bu sözler olmadan yazın.",
            ((0, 5), (14, 22), (24, 29)),
        ),
    ],
)
def test_content_messages_name_the_words_once(
    moderator: Moderator, text: str, clause: Clause, message: str, spans: tuple
) -> None:
    decision = moderator.moderate(text)
    (finding,) = [f for f in decision.findings if f.clause is clause]
    assert finding.message == message
    assert finding.spans == spans


def test_many_words_make_one_short_line(moderator: Moderator) -> None:
    text = "salak mısın aptal mısın gerizekalı mısın dangalak mısın budala mısın şerefsiz misin"
    (finding,) = [f for f in moderator.moderate(text).findings if f.clause is Clause.INSULT]
    assert len(finding.spans) == 6
    assert finding.message == (
        "“salak”, “aptal”, “gerizekalı”, “dangalak”, “budala” ve 1 söz daha hakaret sayılır; "
        "yorumu bu sözler olmadan yazın."
    )


def test_no_two_findings_share_a_clause_and_a_message(moderator: Moderator) -> None:
    for text, _, _ in _rows():
        findings = moderator.moderate(text).findings
        keys = [(f.clause, f.message) for f in findings]
        assert len(keys) == len(set(keys)), text
        for f in findings:
            assert all(0 <= a < b <= len(text) for a, b in f.spans), text


def test_a_model_span_is_named_by_its_kind_not_quoted() -> None:
    """The model's top word may be innocent (the group named in "Kürtlerin hepsi hain")."""
    text = "bu yorum baştan sona kötü niyetli"
    check = _content(
        [],
        [
            Signal(Clause.OFFENSIVE, 0.9, 0, len(text), "m"),  # no word stood out
            Signal(Clause.INSULT, 0.9, 21, 33, "m"),
        ],
    )
    by_clause = {s.clause: s.message for s in check(Comment.of(text))}
    assert by_clause[Clause.OFFENSIVE] == (
        "Yorumun geneli aşağılayıcı söz veya ima içeriyor; yorumu saygılı bir dille yeniden yazın."
    )
    assert by_clause[Clause.INSULT] == (
        "Yorum hakaret içeriyor; işaretli bölümü saygılı bir dille yeniden yazın."
    )
