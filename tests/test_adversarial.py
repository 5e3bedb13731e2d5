"""Adversarial comments cost work linear in their length, with bounded memory (issue 10).

These tests assert behaviour and amounts of work (candidates built, text slices, cache
entries), never timings: `python -m benchmarks.adversarial` measures those.
"""

from __future__ import annotations

import pytest

from suzgec.classifier import features
from suzgec.classifier.model import shipped
from suzgec.clauses import belief_denial, content, form
from suzgec.comment import Comment
from suzgec.config import Settings
from suzgec.lexicon import matcher
from suzgec.model import Clause
from suzgec.pipeline import Moderator
from suzgec.text import diacritics, normalize, spelling
from suzgec.text.bounds import LONGEST_WORD
from suzgec.text.diacritics import default_restorer
from suzgec.text.tokenize import Kind, tokenize


def long_word(n: int, letters: str = "abcçdefgğhıijklmnoöprsştuüvyz") -> str:
    """No letter three times in a row and no known word: the spelling check's typo path."""
    return "".join(letters[i % len(letters)] for i in range(n))


@pytest.fixture(scope="module")
def moderator() -> Moderator:
    return Moderator(Settings(max_comment_chars=25_000))


def test_a_20000_letter_word_is_moderated_with_bounded_spelling_candidates(
    moderator: Moderator, monkeypatch: pytest.MonkeyPatch
) -> None:
    built: list[int] = []
    real = spelling._edits1

    def recording(word: str, alphabet: str) -> set[str]:
        built.append(len(word))
        # Unbounded, this is where 20,000 letters ran out of memory: do not build those.
        return real(word, alphabet) if len(word) <= LONGEST_WORD else set()

    monkeypatch.setattr(spelling, "_edits1", recording)
    word = long_word(20_000)
    text = f"Bu yorumda kitapp ve {word} var."
    decision = moderator.moderate(text)
    assert all(0 <= f.start < f.end <= len(text) for f in decision.findings)
    assert built, "the typo search ran for the short typo"
    assert max(built) <= LONGEST_WORD
    # The long word is left alone by the spelling clause (see SpellChecker.check).
    start = text.index(word)
    assert not [f for f in decision.findings if f.clause is Clause.SPELLING and f.end > start], (
        decision.findings
    )


@pytest.mark.parametrize(
    ("word", "fix"),
    [("ç" + "o" * 300 + "k", "çook"), ("ya" + "a" * 100, "yaa"), ("herkez" + "z" * 60, "herkez")],
)
def test_a_stretched_word_longer_than_any_real_word_still_gets_its_fix(word: str, fix: str) -> None:
    text = f"{word} dedi."
    issues = spelling.default_checker().check(text, tokenize(text))
    assert [(i.start, i.end, i.correction) for i in issues] == [(0, len(word), fix)]


def test_per_word_caches_keep_no_word_longer_than_any_real_word(moderator: Moderator) -> None:
    caches = {
        "spelling": spelling.SpellChecker._word,
        "lexicon": matcher._word_hit,
        "one letter": matcher._one_letter,
        "word form": features._word_form,
        "n-grams": features.unit_features,
        "identity": features.is_identity,
        "fold": normalize._fold,
        "restorer's look": diacritics._look,
        "restorer alone": default_restorer()._alone,
        "belief key": content._key,
        "faith denial key": belief_denial._key,
        "word shape": form._shape,
        "model units": shipped()._unit,
    }
    for cache in caches.values():
        cache.cache_clear()  # type: ignore[attr-defined]
    # A second token makes the lexicon ask whether the word may start a dodge run.
    moderator.moderate(long_word(5_000, "abcdefghijklmnoprstuvyz") + " !")
    moderator.moderate(long_word(5_000).capitalize() + " !")
    sizes = {name: cache.cache_info().currsize for name, cache in caches.items()}  # type: ignore[attr-defined]
    assert sizes == dict.fromkeys(caches, 0)


class CountingText(str):
    """A comment's text that counts how often a check cuts a piece out of it."""

    def __init__(self, value: str) -> None:
        self.slices = 0

    def __getitem__(self, key: slice | int) -> str:  # type: ignore[override]
        self.slices += 1
        return str.__getitem__(self, key)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("a." * 2500, id="a.a.a"),
        pytest.param("!" * 5000, id="exclamations"),
        pytest.param("$" * 5000, id="dollars"),
        pytest.param("a " * 2500, id="one-letter words"),
        pytest.param("s.i.k." * 800, id="dotted swearing"),
        pytest.param("$a " * 1600, id="leet and spaces"),
        pytest.param("a*" * 2500, id="stars"),
        pytest.param("ab." * 1600, id="glued words"),
        pytest.param("ab.a " * 1000, id="glued then spaced"),
    ],
)
def test_the_lexicon_walks_dodge_runs_a_bounded_number_of_times(text: str) -> None:
    comment = Comment.of(text)
    counting = CountingText(comment.text)
    matcher.lexicon().signals(Comment(counting, comment.tokens))
    # Once per token, plus once more for the tokens a restarted run covers again.
    assert counting.slices <= 2 * len(comment.tokens)


@pytest.mark.parametrize(
    ("text", "dodge"),
    [
        pytest.param("a." * 400 + "s.i.k.t.i.r", "s.i.k.t.i.r", id="after dotted letters"),
        pytest.param("a " * 400 + "s i k t i r", "s i k t i r", id="after spaced letters"),
        pytest.param("!" * 3000 + " s.i.k.t.i.r", "s.i.k.t.i.r", id="after exclamations"),
        pytest.param("ab." * 500 + " a.q", "a.q", id="after glued words"),
    ],
)
def test_a_dodge_after_thousands_of_decoys_is_still_found(text: str, dodge: str) -> None:
    start = text.rindex(dodge)
    signals = matcher.lexicon().signals(Comment.of(text))
    assert [(s.clause, s.start, s.end) for s in signals] == [
        (Clause.PROFANITY, start, start + len(dodge))
    ]


class Probe(str):
    """A string that logs the length of every piece sliced from it or built onto it."""

    def __new__(cls, value: str, log: list[int]) -> Probe:
        probe = super().__new__(cls, value)
        probe.log = log
        return probe

    def __init__(self, value: str, log: list[int]) -> None:
        self.log = log

    def __getitem__(self, key: slice | int) -> str:  # type: ignore[override]
        piece = str.__getitem__(self, key)
        self.log.append(len(piece))
        return piece

    def __add__(self, other: str) -> str:
        joined = str.__add__(self, other)
        self.log.append(len(joined))
        return joined


def test_the_letter_model_reads_a_bounded_window_around_each_letter(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    restorer = default_restorer()
    monkeypatch.setattr(restorer, "_stem", lambda key: "")
    key_pieces: list[int] = []
    contexts: list[int] = []
    left = " " * restorer._pad_left
    restorer._char_choice(
        Probe(long_word(5_000, "cgiosu"), key_pieces), Probe(left, contexts), " " * 8
    )
    assert key_pieces and max(key_pieces) <= restorer._pad_right
    assert contexts and max(contexts) <= len(left) + restorer._pad_left


def test_the_stem_search_tries_no_stem_longer_than_a_known_word() -> None:
    restorer = default_restorer()
    pieces: list[int] = []
    restorer._stem(Probe(long_word(5_000, "abcdefghijklmnoprstuvyz"), pieces))
    longest = max(map(len, restorer._words))
    # Each try cuts a stem and its rest: at most one try per letter of the longest word.
    assert 0 < len(pieces) <= 2 * longest


def test_an_email_address_has_at_most_64_characters_before_the_at_sign() -> None:
    # The RFC 5321 limit bounds how far the tokenizer looks for an "@" from each position:
    # unbounded, "a.a.a.a…" scanned to its end from every dot (quadratic in its length).
    assert [t.kind for t in tokenize("a" * 64 + "@ornek.com")] == [Kind.EMAIL]
    assert Kind.EMAIL not in {t.kind for t in tokenize("a" * 65 + "@ornek.com")}


class CountingSpans(list[tuple[int, int]]):
    """Lexicon spans that count how often the model reads through them."""

    reads = 0

    def __iter__(self):  # type: ignore[no-untyped-def]
        CountingSpans.reads += 1
        return super().__iter__()


def test_the_model_credits_lexicon_matches_to_words_in_one_pass_per_feature(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from suzgec.classifier import model as content_model
    from suzgec.lexicon import features as lexicon_features

    real = lexicon_features.evidence

    def counting(*args, **kwargs):  # type: ignore[no-untyped-def]
        values, spans = real(*args, **kwargs)
        return values, [CountingSpans(s) for s in spans]

    monkeypatch.setattr(content_model.lexicon_features, "evidence", counting)
    monkeypatch.setattr(CountingSpans, "reads", 0)
    text = "siktir kelime " * 350  # hundreds of matches among hundreds of other words
    model = content_model.shipped()
    scored = model.explain(text)
    pushes = scored.pushes["profanity"]
    assert len(pushes) == 700
    # Every word of the text gets its share, read from each span list once (it was once
    # per word: quadratic).
    assert CountingSpans.reads <= len(lexicon_features.KEYS)
    assert pushes[0::2].min() > pushes[1::2].max()


def test_a_word_longer_than_any_real_word_is_left_as_written_by_the_restorer() -> None:
    word = long_word(5_000, "cgiosuae")
    assert default_restorer().restore_words(["cok", word]) == [
        ("çok", pytest.approx(1, abs=0.01)),
        (word, 1.0),
    ]


def test_a_form_longer_than_any_word_has_a_bounded_number_of_model_features() -> None:
    short, long = long_word(LONGEST_WORD, "abcdefgh"), long_word(20_000, "abcdefgh")
    assert len(features.unit_features(long)) <= len(features.unit_features(short))
    # Its own word feature and its first letters' n-grams are kept.
    assert features.unit_features(long)[0] != features.unit_features(short)[0]
    assert set(features.unit_features(long)) - set(features.unit_features(short)) == {
        features.unit_features(long)[0]
    }
