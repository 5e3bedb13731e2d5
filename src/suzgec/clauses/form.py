"""Form clauses: capitals, missing Turkish characters, spelling.

Each check is a plain callable `(Comment) -> list[Signal]` with a `version`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from suzgec import messages
from suzgec.comment import Comment
from suzgec.model import Clause, Signal
from suzgec.text.bounds import word_cache
from suzgec.text.casing import is_upper_word, tr_capitalize, tr_lower, tr_upper
from suzgec.text.normalize import TURKISH_LETTERS
from suzgec.text.spelling import TYPO_STRONG
from suzgec.text.tokenize import Token

_VOWELS = frozenset("aeıioöuüAEIİOÖUÜâîûÂÎÛ")
_SENTENCE_END = re.compile(r"[.!?…]\s*$")


@cache
def acronyms() -> frozenset[str]:
    text = resources.files("suzgec.clauses").joinpath("data/acronyms.txt").read_text("utf-8")
    return frozenset(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


@lru_cache(maxsize=1 << 14)
def is_acronym(word: str) -> bool:
    """Known acronyms (NATO, TBMM) and vowel-less capital runs (CHP, TBMM, BDDK)."""
    stem = word
    for mark in "'’":
        stem = stem.split(mark, 1)[0]
    if stem in acronyms() or tr_upper(stem) in acronyms():
        return True
    return 2 <= len(stem) <= 5 and is_upper_word(stem) and not any(c in _VOWELS for c in stem)


class CapitalsCheck:
    """A comment written (mostly) in capital letters.

    Counted over words of two or more letters that are not acronyms: a few
    capitalised words are emphasis, most of them is shouting. Tokens that are not Turkish
    words (code, addresses, foreign words: `suzgec.text.foreign`) neither count nor change:
    "SELECT … WHERE" is code, and Turkish rules would lower "WINDOWS" to "wındows".
    """

    version = "capitals-1.1"

    def __init__(self, proper_nouns: frozenset[str] | None = None) -> None:
        self.proper_nouns = proper_nouns if proper_nouns is not None else _proper_nouns()

    def __call__(self, comment: Comment) -> list[Signal]:
        shouted = [w for w in comment.words if is_upper_word(w.text)]
        if not shouted:  # the common case: nothing in capitals at all
            return []
        words = [w for w in turkish_words(comment) if sum(c.isalpha() for c in w.text) >= 2]
        eligible = [w for w in words if not is_acronym(w.text)]
        caps = [w for w in eligible if is_upper_word(w.text)]
        if not caps:
            return []
        share = len(caps) / len(eligible)
        if len(caps) >= 2 and share >= 0.5:
            score = min(1.0, 0.5 + 0.5 * share + 0.05 * min(len(caps), 4))
        elif len(eligible) == 1 and sum(c.isalpha() for c in caps[0].text) >= 5:
            score = 0.6  # a single shouted word: "REZALET!" — doubtful, a moderator decides
        else:
            return []
        return [
            Signal(
                Clause.CAPITALS,
                round(score, 4),
                0,
                len(comment.text),
                messages.CAPITALS,
                sentence_case(comment, self.proper_nouns),
            )
        ]


def turkish_words(comment: Comment) -> list[Token]:
    """The comment's word tokens that are Turkish words a form fix may touch."""
    pairs = zip(comment.tokens, comment.not_turkish, strict=True)
    return [t for t, foreign in pairs if t.is_word and not foreign]


@cache
def _proper_nouns() -> frozenset[str]:
    """Lower-case proper nouns that are not also common words (Sırbistan yes, Deniz no),
    from the spelling lexicon, so a re-cased "SIRBİSTAN" becomes "Sırbistan"."""
    from suzgec.text.spelling import default_checker

    checker = default_checker()
    return checker.proper_forms - checker.common


def _recase_word(token: Token, proper_nouns: frozenset[str]) -> str:
    word = token.text
    if is_acronym(word):
        stem = word.split("'", 1)[0].split("’", 1)[0]
        return stem + tr_lower(word[len(stem) :])
    if not is_upper_word(word):
        return word
    if token.suffix or tr_lower(word) in proper_nouns:
        # An apostrophe suffix marks a proper noun: "ANKARA'DA" → "Ankara'da".
        return tr_capitalize(word)
    return tr_lower(word)


def sentence_case(comment: Comment, proper_nouns: frozenset[str] = frozenset()) -> str:
    """Shouted words lower-cased with Turkish rules, sentences capitalised, acronyms and
    known proper nouns kept capitalised.

    Keeps the text's length, so other findings' spans stay valid on the result.
    """
    text = comment.text
    out = list(text)
    sentence_start = True
    last_end = 0
    for token, as_written in zip(comment.tokens, comment.not_turkish, strict=True):
        if _SENTENCE_END.search(text[last_end : token.start]) or token.start == 0:
            sentence_start = True
        last_end = token.end
        if token.is_word and as_written:
            sentence_start = False
        elif token.is_word:
            word = _recase_word(token, proper_nouns)
            if sentence_start:
                word = tr_upper(word[:1]) + word[1:]
            if len(word) == token.end - token.start:  # never shift offsets
                out[token.start : token.end] = word
            sentence_start = False
        elif token.text in ".!?…":
            sentence_start = True
        elif token.kind != "punct":
            sentence_start = False
    return "".join(out)


class TurkishCharsCheck:
    """Words that need ç ğ ı İ ö ş ü written without them ("cok guzel", "Sirbistan").

    One signal per word the restorer changes, scored by its confidence, then weighed by
    evidence: "cok" is no Turkish word, so it clearly lacks a letter; "bas" and "su" are
    words too (beside "baş", "şu"), so alone they are only a guess and go to review at
    most, unless the same comment clearly drops Turkish letters elsewhere. A restored
    form that is no known word either ("Phyllis" → "Phylliş") is kept below review: it
    decides nothing but joins a suggestion that another finding opens.

    The whole comment is evidence too (issue 9): where the writer typed Turkish letters in
    other words, an ASCII word that is a real word as written stays ("Bu su içilir mi?"),
    and names stay as their owners write them (`_as_meant`).
    """

    # Highest score of a guess without other evidence in the comment: review, not reject.
    GUESS_CAP = 0.6
    # Below the review threshold: kept out of decisions.
    UNKNOWN_CAP = 0.45
    # Zipf difference (log10 of the frequency ratio) that makes an ASCII form a clear
    # misspelling of the restored word rather than a rarer word of its own.
    RARER_BY = 1.0

    def __init__(self) -> None:
        from suzgec.text import diacritics
        from suzgec.text.spelling import default_checker

        self.restorer = diacritics.default_restorer()
        self.speller = default_checker()
        # Lower-case proper nouns: seen alone or before an apostrophe suffix.
        self.proper = self.speller.proper | self.speller.proper_forms
        self.version = diacritics.VERSION + "+evidence-3"

    def _known(self, word: str) -> bool:
        low = tr_lower(word)
        if self.speller.is_known(low) or low in self.speller.proper_forms:
            return True
        return self._dictionary_word(word)

    def _dictionary_word(self, word: str) -> bool:
        """Hunspell knows it, lower-cased (a common word) or as written (a name)."""
        return self.speller.dictionary.knows(tr_lower(word)) or self.speller.dictionary.knows(word)

    def _as_meant(self, token: Token, idx: int, fix: str, ev: CommentEvidence) -> bool | None:
        """Whether the word is as its writer meant it (True: leave it; None: maybe a name).

        - A restored form the curated table lists as a slip is no fix.
        - Capitals in the middle of a sentence mark a name. A name known as written stays
          (Bolu, not "Bölü"); so does a foreign name whose Turkish suffix follows its
          pronunciation (Festival'in) where the writer had "ı" at hand. One whose restored
          form is no known proper noun is typed as its owner writes it (Simon, Kosar): left
          alone where the writer had Turkish letters, only a guess otherwise.
        - A word in capitals inside text that is not shouted is an acronym or a name (ISI).
        """
        word = token.text
        if self.speller.is_listed_misspelling(tr_lower(fix)):
            return True  # "ambulanslarla", not the common slip "ambülanslarla"
        letters_elsewhere = ev.letters_besides(idx)
        if len(word) > 1 and is_upper_word(word) and not ev.shouted and ev.lone_capitals(idx):
            return True
        if not word[:1].isupper() or is_upper_word(word):
            return False
        stem, fixed_stem = tr_lower(token.stem), tr_lower(fix.split("'", 1)[0])
        if token.suffix:  # an apostrophe suffix marks a proper noun wherever it stands
            if stem == fixed_stem:  # only the suffix changed: "Festival'in", "Sinan'in"
                return letters_elsewhere  # a foreign name, said as written, or a lost "ı"
            if stem in self.proper and fixed_stem not in self.proper:
                return True  # Bolu'da
            # A name the lexicon knows in neither spelling, beside Turkish letters: Calor'un
            unknown = stem not in self.speller.zipf and fixed_stem not in self.speller.zipf
            return letters_elsewhere and unknown and not ev.sentence_start[idx]
        if ev.sentence_start[idx] or fixed_stem in self.proper:
            return False  # "Sirbistan", "Istanbul"
        return True if letters_elsewhere or stem in self.proper else None

    def _real_as_written(self, written: str, fix: str) -> bool:
        """The written form is a word of its own: seen so in correct text, inflected from a
        word seen so, known to the Hunspell dictionary ("obur" beside "öbür"), or at least as
        common in use as the restored form ("su" 5.7 beside "şu")."""
        low = tr_lower(written)
        if self.restorer.is_real_form(written) or self.speller.is_written_form(low):
            return True
        if self.speller.is_written_inflection(low):
            return True  # "kursunu", "bestelenen": a written word inflected
        if self.speller.dictionary.knows(low):
            return True
        zipf = self.speller.zipf
        return zipf.get(low, 0.0) >= max(zipf.get(tr_lower(fix), 0.0), 1.0)

    def _clearly_missing(self, written: str, fix: str) -> bool:
        """The written form is no word of correct text, and far rarer in use than the fix
        ("cok" vs "çok"), so the letters were dropped rather than meant."""
        low = tr_lower(written)
        if self.restorer.is_real_form(written) or self.speller.is_written_form(low):
            return False
        zipf = self.speller.zipf
        return zipf.get(tr_lower(fix), 0.0) - zipf.get(low, 0.0) >= self.RARER_BY

    def __call__(self, comment: Comment) -> list[Signal]:
        words = comment.words
        if not words:
            return []
        restored = comment.restored
        if all(fix == token.text for token, (fix, _) in zip(words, restored, strict=True)):
            return []  # the restorer changes nothing: most comments
        turkish = {t.start for t in turkish_words(comment)}
        evidence = CommentEvidence.of(comment)
        changed = []
        written = []  # real words as written beside Turkish letters: left alone, unless...
        for idx, (token, (fix, confidence)) in enumerate(zip(words, restored, strict=True)):
            if fix == token.text or is_acronym(token.text) or token.start not in turkish:
                continue
            unknown = not self._known(fix.split("'", 1)[0])
            if unknown:
                if self._dictionary_word(token.text):
                    continue  # never trade a dictionary word for an unknown one ("ahvali")
                confidence = min(confidence, self.UNKNOWN_CAP)
                clear = False
            else:
                clear = self._clearly_missing(token.text, fix)
            meant = self._as_meant(token, idx, fix, evidence)
            if meant is True:
                continue
            if meant is None and unknown:
                continue  # a name turned into a word nobody knows: Diamantidis, Airbus
            if meant is None:  # a name, perhaps: a guess at most
                confidence, clear = min(confidence, self.GUESS_CAP), False
            elif evidence.letters_besides(idx) and not clear:
                # A writer who typed Turkish letters elsewhere has them at hand: an ASCII
                # word that is a real word as written ("su" beside "şu") was meant so.
                if self._real_as_written(token.text, fix):
                    written.append((token, fix, min(confidence, self.UNKNOWN_CAP), False))
                    continue
            changed.append((token, fix, confidence, clear))
        evident = any(clear and conf >= self.GUESS_CAP for _, _, conf, clear in changed)
        if evident:
            # ... the same comment clearly drops letters too: then "bas" may be "baş" after
            # all. Still no finding of its own, but the fix joins the suggestion.
            changed += written
        return [
            Signal(
                Clause.TURKISH_CHARS,
                round(conf if clear or evident else min(conf, self.GUESS_CAP), 4),
                token.start,
                token.end,
                messages.TURKISH_CHARS.format(word=token.text, fix=fix),
                fix,
            )
            for token, fix, conf, clear in changed
        ]


@dataclass(frozen=True, slots=True)
class CommentEvidence:
    """What the whole comment says about how its writer types (see `TurkishCharsCheck`)."""

    letters: tuple[bool, ...]  # per word token: typed with a Turkish letter (ç ğ ı İ ö ş ü)
    sentence_start: tuple[bool, ...]  # per word token: first word of a sentence
    shouted: bool  # most words in capitals: capitals say nothing about names
    capitals: tuple[bool, ...]  # per word token: written in capitals (two letters or more)

    @classmethod
    def of(cls, comment: Comment) -> CommentEvidence:
        words = comment.words
        shapes = [_shape(w.text) for w in words]
        letters = tuple(turkish for turkish, _, _ in shapes)
        capitals = tuple(upper for _, upper, _ in shapes)
        long_words = sum(long for _, _, long in shapes)
        starts = []
        previous_end = 0
        for i, w in enumerate(words):
            gap = comment.text[previous_end : w.start].strip()
            starts.append(i == 0 or (bool(gap) and bool(_OPENS_SENTENCE.search(gap))))
            previous_end = w.end
        return cls(letters, tuple(starts), sum(capitals) * 2 >= long_words > 0, capitals)

    def lone_capitals(self, idx: int) -> bool:
        """No word beside this one is in capitals too: an acronym or a name (ISI), not a
        shouted phrase inside the text ("HIC MI HIC")."""
        return not any(self.capitals[i] for i in (idx - 1, idx + 1) if 0 <= i < len(self.capitals))

    def letters_besides(self, idx: int) -> bool:
        """Another word of the comment was typed with Turkish letters."""
        return sum(self.letters) - self.letters[idx] > 0


@word_cache(maxsize=1 << 15)
def _shape(word: str) -> tuple[bool, bool, bool]:
    """(typed with a Turkish letter, in capitals with two letters or more, two letters or
    more) of a word: the same words come back in comment after comment."""
    long = sum(c.isalpha() for c in word) >= 2
    return not TURKISH_LETTERS.isdisjoint(word), long and is_upper_word(word), long


# Punctuation after which a capital is the sentence's, not a name's.
_OPENS_SENTENCE = re.compile(r"[.!?…:;\"'“”«»()\[\]\-–—/]$")


class SpellingCheck:
    """Spelling-rule errors with a correction where a confident one exists.

    A typo or informal-ending guess on an ASCII word that the diacritic restorer knows with
    Turkish letters is left to `turkish_chars`: "kolacan" is "kolaçan" without its letter,
    not "kolacaksın".
    """

    GUESSES = frozenset({"typo", "informal"})
    DOUBTS = frozenset({"typo", "apostrophe"})

    def __init__(self) -> None:
        from suzgec.text import diacritics, spelling

        self.checker = spelling.default_checker()
        self.restorer = diacritics.default_restorer()
        self.version = f"{spelling.VERSION}+restorer-turf-2+{self.checker.dictionary.version}"

    def _restorer_turf(self, word: str) -> bool:
        if any(ch in TURKISH_LETTERS for ch in word):
            return False
        form = self.restorer.lexicon_form(word)
        return form is not None and form != tr_lower(word)

    @staticmethod
    def _restored_words(comment: Comment) -> dict[int, str]:
        """Token start → the restorer's form of each word of the comment, in context."""
        pairs = zip(comment.words, comment.restored, strict=True)
        return {t.start: form for t, (form, _) in pairs}

    def __call__(self, comment: Comment) -> list[Signal]:
        signals = []
        restored: dict[int, str] | None = None
        for issue in self.checker.check(comment.text, comment.tokens, comment.not_turkish):
            if issue.kind in self.GUESSES and self._restorer_turf(issue.word):
                continue
            if issue.kind in self.DOUBTS and issue.score < TYPO_STRONG and issue.word.isascii():
                # A doubtful guess on an ASCII word the restorer gives Turkish letters in
                # this context is a Turkish-letters matter: its fix is the better one
                # ("Cankaya" is Çankaya, not "Canka'ya").
                if restored is None:
                    restored = self._restored_words(comment)
                if restored.get(issue.start, issue.word) != issue.word:
                    continue
            template = messages.SPELLING.get(issue.kind, messages.SPELLING["misspelling"])
            if issue.correction is None:
                template = messages.SPELLING["unknown"]
            signals.append(
                Signal(
                    Clause.SPELLING,
                    round(issue.score, 4),
                    issue.start,
                    issue.end,
                    template.format(word=issue.word, fix=issue.correction),
                    issue.correction,
                )
            )
        return signals


def form_checks() -> list[CapitalsCheck | TurkishCharsCheck | SpellingCheck]:
    return [CapitalsCheck(), TurkishCharsCheck(), SpellingCheck()]
