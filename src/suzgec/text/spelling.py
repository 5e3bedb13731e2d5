"""Turkish spelling check behind the `spelling` clause.

Judged by its false alarms first, so every path needs clear evidence:
- a curated table of known misspellings and informal spellings (herkez, birşey, hiç bir, napıyon);
- informal suffix patterns (yapıcam, geliyo) and the attached question particle (varmı), kept
  only when the rewritten form is a known word;
- a missing apostrophe after a known proper noun (Sırbistanın → Sırbistan'ın);
- typos: an unknown lower-case word with a known, frequent word one edit away, or, for a word
  no list knows, the one word the Hunspell dictionary knows one edit away (review only).

"Known" means: in the derived lexicon (UD train tokens + wordfreq), or a known stem followed by a
suffix chain seen after many stems (so unseen inflections are not typos). Words without Turkish
letters that match a known word once both are asciified belong to the turkish_chars clause.
Lookups are dictionary hits; the edit search runs only for unknown words and is cached.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from itertools import pairwise

from suzgec.text import manifest
from suzgec.text.bounds import LONGEST_WORD, shorten_runs
from suzgec.text.casing import is_upper_word, tr_lower, tr_upper
from suzgec.text.dictionary import Dictionary, default_dictionary
from suzgec.text.foreign import not_turkish
from suzgec.text.normalize import TURKISH_LETTERS, asciify
from suzgec.text.tokenize import Kind, Token

VERSION = "spelling-1.4"

ALPHABET = "abcçdefgğhıijklmnoöprsştuüvyz"
ASCII_ALPHABET = "abcdefghijklmnoprstuvyz"
_TURKISH_LOWER = frozenset(ALPHABET)
_CIRCUMFLEX = frozenset("âîûÂÎÛ")
_BACK = frozenset("aıou")
_FRONT = frozenset("eiöü")
_VOWELS = _BACK | _FRONT
_HARD = frozenset("fstkçşhp")
_SENTENCE_END = frozenset(".!?…:;\"'“”«»()-–—")

# Confidence ladder (see module docstring): ≥ 0.8 only for clear errors.
TYPO_STRONG = 0.85
TYPO_WEAK = 0.6
# A typo correction must be at least this common (Zipf); weaker neighbours are guesses.
TYPO_MIN_ZIPF = 3.0
# ... and beat the runner-up by this much (Zipf, log10) to be reported at all.
TYPO_MIN_MARGIN = 0.5
# A clear typo (score TYPO_STRONG): correction at least this common, runner-up 10× rarer.
# Tuned on UD dev with injected typos (benchmarks/spelling.py): these cut false alarms on
# rare correct words (tasrih → tarih, iktifa → istifa) by half for a quarter of the recall.
TYPO_STRONG_ZIPF = 4.0
TYPO_MARGIN = 1.0
# Short words sit one edit from many real words ("lort" → "dört", "beis" → "beş").
TYPO_STRONG_MIN_LEN = 5
# Long words have few neighbours, so a less common correction is still clear.
TYPO_LONG = 9
# Words below this Zipf are not trusted as proof of correct writing by the rule paths
# (wordfreq counts real use, misspellings included: "varmı" 4.1, "yapıcam" 3.5).
TRUSTED_ZIPF = 2.5
# A three-letter stem explains too many strings ("sor+aki", "ned+iş"): only common ones count.
SHORT_STEM_ZIPF = 4.0
# A word only our suffix analysis or a web count below this vouches for, and Hunspell does
# not know, is doubtful: a clear one-edit correction is reported.
DOUBT_ZIPF = 3.5
# Weight of the neighbouring-word counts (log10) against the candidate's own Zipf when a
# typo's correction is picked in context: chosen on UD dev among 0.5, 1, 2, 3 (gains level off).
CONTEXT_WEIGHT = 2.0
# A word Hunspell does not know, that only our suffix analysis or a web count below
# GUESS_MAX_OWN vouches for, is a guess for review when its best correction is this common
# ("olınca" → "olunca"): measured on UD dev with injected typos (benchmarks/form.py), lower
# points cost false alarms on rare correct words faster than they found typos.
GUESS_MAX_OWN = 2.5
GUESS_MIN_ZIPF = 4.5
# Three-letter words nobody knows ("bna", "oln"): a guess for review when a correction is
# this common; words without a vowel are abbreviations ("tmm", "slm"), not slips.
SHORT_GUESS_ZIPF = 4.5
# Words nobody knows, with no lexicon word one edit away: the one word Hunspell knows one
# edit away, if exactly one ("lsiteleyin" → "listeleyin"), is a guess for review. Shorter
# words have too many neighbours; and an edit in the last NEIGHBOUR_TAIL letters is where
# rare correct inflections differ from known ones ("kefenimsi" → "kefenimi", "oynatıverir"
# → "oynatıverip"): on UD dev, leaving those out halved the false alarms of this path
# (0.45 → 0.22 % of correct sentences) for a tenth of what it found.
NEIGHBOUR_MIN_LEN = 5
NEIGHBOUR_TAIL = 2
# The locative -de/-da written apart ("arasın da"): the joined form's zipf at least this,
# and at least this much above the word before it (suzgec.text.spelling._split_locative).
SPLIT_LOCATIVE_ZIPF = 2.5
SPLIT_LOCATIVE_MARGIN = 0.5


@dataclass(frozen=True, slots=True)
class SpellingIssue:
    """A misspelt span of the text. `correction` replaces text[start:end]; None when unsure."""

    start: int
    end: int
    word: str
    correction: str | None
    score: float
    kind: str  # "misspelling" | "informal" | "apostrophe" | "typo"


@dataclass(frozen=True, slots=True)
class _Entry:
    wrong: str
    right: str
    kind: str
    score: float
    prefix: bool


@dataclass(frozen=True, slots=True)
class _Verdict:
    """What one word (or pair) deserves, independent of where it sits in the text."""

    correction: str | None
    score: float
    kind: str


def _data(name: str) -> str:
    # Checked against data/MANIFEST.json; a missing or damaged file is a one-line ModelError.
    return manifest.data_text(name)


def _lines(name: str) -> Iterator[str]:
    for line in _data(name).splitlines():
        if line and not line.startswith("#"):
            yield line


def _key(word: str) -> str:
    return asciify(tr_lower(word))


def _last_vowel(word: str) -> str | None:
    for ch in reversed(word):
        if ch in _VOWELS:
            return ch
    return None


def _four_way(vowel: str | None) -> str:
    return {"a": "ı", "ı": "ı", "o": "u", "u": "u", "e": "i", "i": "i", "ö": "ü", "ü": "ü"}.get(
        vowel or "e", "i"
    )


@cache
def _case_suffixes(stem: str) -> frozenset[str]:
    """Inflectional endings a proper noun takes after an apostrophe, in harmony with `stem`
    (Ankara → 'da, 'dan, 'ya, 'nın; Sırbistan → 'a, 'dan, 'ın). Derivational endings
    (-lı, -ca, -lık) are written without an apostrophe, so they are not here."""
    low = tr_lower(stem)
    v = _last_vowel(low)
    a = "a" if v in _BACK else "e"
    i = _four_way(v)
    vowel_end = low[-1] in _VOWELS
    d = "t" if low[-1] in _HARD else "d"
    if vowel_end:
        base = {f"n{i}n", f"y{i}", f"y{a}", f"d{a}", f"d{a}n", f"yl{a}", f"s{i}", f"d{i}r"}
        base |= {f"y{i}d{i}", f"n{i}nki", f"d{a}ki", f"s{i}n{i}n", f"s{i}n{a}", f"s{i}nd{a}"}
        base |= {f"s{i}n{i}", f"s{i}nd{a}n", f"s{i}yl{a}", f"n{a}", f"nd{a}", f"nd{a}n"}
    else:
        base = {f"{i}n", i, a, f"{d}{a}", f"{d}{a}n", f"l{a}", f"{d}{i}r", f"{d}{i}"}
        base |= {f"{i}nki", f"{d}{a}ki", f"{i}n{i}n", f"{i}n{a}", f"{i}nd{a}", f"{i}n{i}"}
        base |= {f"{i}nd{a}n", f"{i}yl{a}"}
    # Plurals are left out: "Çingeneler", "İstanbullar" are often written as one word.
    return frozenset(base)


class SpellChecker:
    """Finds misspelt words in a tokenized comment. Build once (`default_checker()`)."""

    def __init__(self, dictionary: Dictionary | None = None) -> None:
        # Hunspell's view, a veto on typo guesses (suzgec.text.dictionary).
        self.dictionary = dictionary if dictionary is not None else default_dictionary()
        self.zipf: dict[str, float] = {}
        common: set[str] = set()
        proper_forms: set[str] = set()
        for line in _lines("spelling_lexicon.tsv.gz"):
            word, z, flags = line.split("\t")
            self.zipf[word] = int(z) / 10
            if "c" in flags:
                common.add(word)
            if "p" in flags:
                proper_forms.add(word)
        self.common = frozenset(common)
        self.proper_forms = frozenset(proper_forms)
        self.trusted = frozenset(
            w for w, z in self.zipf.items() if w in common or z >= TRUSTED_ZIPF
        )
        # Stems a suffix chain may follow: trusted words and verb stems of infinitives
        # ("tepmek" → "tep"), as in suzgec.training.spelling_lexicon.
        self.verb_stems = frozenset(
            w[:-3] for w in self.zipf if len(w) >= 5 and w.endswith(("mak", "mek"))
        )
        self.stems = self.trusted | self.verb_stems
        self.ascii_verb_stems = frozenset(asciify(w) for w in self.verb_stems)
        self.suffixes = frozenset(_lines("spelling_suffixes.txt"))
        self.max_suffix = max(map(len, self.suffixes), default=0)
        self.proper = frozenset(tr_lower(s) for s in _lines("spelling_proper.txt.gz"))
        self.bigrams: dict[tuple[str | None, str | None], int] = {}
        for line in _lines("spelling_bigrams.tsv.gz"):
            first, second, count = line.split("\t")
            self.bigrams[(first, second)] = int(count)
        # Asciified view: which known word a dotless spelling stands for (turkish_chars' turf).
        best: dict[str, tuple[float, str]] = {}
        for known, zipf in self.zipf.items():
            k = asciify(known)
            if k not in best or zipf > best[k][0]:
                best[k] = (zipf, known)
        self.ascii_best = best
        self.ascii_stems = frozenset(asciify(w) for w in self.stems)
        self.ascii_suffixes = frozenset(asciify(s) for s in self.suffixes)

        self.table: dict[str, _Entry] = {}
        self.prefix_table: dict[str, _Entry] = {}
        self.pairs: dict[tuple[str, str], _Entry] = {}
        for line in _lines("spelling_corrections.tsv"):
            wrong, right, kind, score, mode = line.split("\t")
            entry = _Entry(tr_lower(wrong), right, kind, float(score), mode == "prefix")
            key = _key(wrong)
            if " " in key:
                first, second = key.split(" ", 1)
                self.pairs[(first, second)] = entry
            else:
                self.table[key] = entry
                if entry.prefix:
                    self.prefix_table[key] = entry
        self.prefix_lengths = sorted({len(k) for k in self.prefix_table}, reverse=True)
        self.pair_firsts = frozenset(first for first, _ in self.pairs)
        self.pair_first_len = max(map(len, self.pair_firsts), default=0)

    # -- knowledge --------------------------------------------------------------------------

    def is_known(self, low: str) -> bool:
        """In the lexicon, or a trusted stem (3+ letters) plus a suffix chain seen on many stems."""
        return low in self.zipf or self._stem_suffix(low, self.stems, self.suffixes)

    def is_written_form(self, low: str) -> bool:
        """Seen exactly so in correct text (UD train): "bas", "yas", "taslar". Unlike
        `is_known`, never true for an asciified misspelling that only web frequencies know
        ("cok", "guzel"); suffix analysis is left out because in ASCII it cannot tell
        "yapiyor" from "yapıyor"."""
        return low in self.common

    def is_listed_misspelling(self, low: str) -> bool:
        """The curated table corrects this word ("ambülanslarla" → "ambulanslarla")."""
        return self._table(low, asciify(low)) is not None

    def is_written_inflection(self, low: str) -> bool:
        """A word of correct text as written plus a suffix chain, in strict harmony: "kurs" +
        "unu", "beste" + "lenen". The stem must have 4+ letters: shorter ones split ASCII
        spellings too easily ("yap" + "iyor" for "yapıyor")."""
        for i in range(4, len(low) - 1):
            stem, rest = low[:i], low[i:]
            if rest in self.suffixes and self._ascii_word(stem) and _joins(stem, rest, True):
                if _harmonises(stem, rest):
                    return True
        return False

    def _ascii_word(self, stem: str) -> bool:
        """Written so in edited text, or a trusted word that no commoner word spells the same
        once asciified ("beste" yes; "guzel", the ASCII "güzel", no)."""
        if stem in self.common:
            return True
        best = self.ascii_best.get(stem)
        return stem in self.trusted and best is not None and best[1] == stem

    def _stem_suffix(self, low: str, stems: frozenset[str], suffixes: frozenset[str]) -> bool:
        turkish = stems is self.stems  # the asciified view has lost front/back ı, ö, ü
        verbs = self.verb_stems if turkish else self.ascii_verb_stems
        for i in range(max(2, len(low) - self.max_suffix - 5), len(low)):
            stem, rest = low[:i], low[i:]
            if stem in verbs:
                # Verb stem + voice/negation/ability infix + suffix chain: "taşı+yama+mıyorum",
                # "in+miyor", which no single chain seen after 6 stems covers.
                for infix in _VERB_INFIXES:
                    if rest.startswith(infix) and rest[len(infix) :] in suffixes:
                        if _joins(stem, rest, turkish):
                            return True
                if rest in suffixes and _joins(stem, rest, turkish):
                    return True
                continue
            if i < 3 or len(rest) > self.max_suffix or rest not in suffixes or stem not in stems:
                continue
            if not _joins(stem, rest, turkish):
                continue
            if i > 3 or self._zipf_of(stem, turkish) >= SHORT_STEM_ZIPF:
                return True
        return False

    def _zipf_of(self, word: str, turkish: bool) -> float:
        if turkish:
            return self.zipf.get(word, 0.0)
        hit = self.ascii_best.get(word)
        return hit[0] if hit else 0.0

    def _is_trusted(self, low: str) -> bool:
        return low in self.trusted or self._stem_suffix(low, self.stems, self.suffixes)

    def _ascii_known(self, key: str) -> bool:
        return key in self.ascii_best or self._stem_suffix(
            key, self.ascii_stems, self.ascii_suffixes
        )

    # -- the check --------------------------------------------------------------------------

    def check(
        self, text: str, tokens: Sequence[Token], foreign: Sequence[bool] | None = None
    ) -> list[SpellingIssue]:
        """Issues in `text`. `foreign`: per token, not a Turkish word (suzgec.text.foreign;
        computed here when not given); such words are never checked."""
        issues: list[SpellingIssue] = []
        sentence_start = True
        skip_next = False
        n = len(tokens)
        if foreign is None:  # markup, addresses, foreign words: not ours to correct
            foreign = not_turkish(text, tokens)
        typed_in_turkish: bool | None = None  # asked only when a word needs it
        for idx, tok in enumerate(tokens):
            if skip_next:
                skip_next = False
                sentence_start = False
                continue
            if tok.kind is Kind.WORD and foreign[idx]:
                sentence_start = False
                continue
            if tok.kind is not Kind.WORD:
                if tok.kind is Kind.PUNCT and tok.text in _SENTENCE_END:
                    sentence_start = True
                elif tok.kind is not Kind.EMOJI:
                    sentence_start = False
                continue
            at_start = sentence_start
            sentence_start = False
            word = tok.text
            if (
                len(word) <= self.pair_first_len
                and idx + 1 < n
                and tokens[idx + 1].is_word
                and not foreign[idx + 1]
                and _key(word) in self.pair_firsts
            ):
                nxt = tokens[idx + 1]
                gap = text[tok.end : nxt.start]
                if gap.isspace():
                    pair = self._pair(word, nxt.text)
                    if pair is not None:
                        issues.append(
                            SpellingIssue(
                                tok.start, nxt.end, text[tok.start : nxt.end], *_astuple(pair)
                            )
                        )
                        skip_next = True
                        continue
            if idx + 1 < n and tokens[idx + 1].text in _LOCATIVES and text[tok.end] == " ":
                split = self._split_locative(word, tokens[idx + 1].text, tokens, idx + 2)
                if split is not None:
                    nxt = tokens[idx + 1]
                    span = text[tok.start : nxt.end]
                    issues.append(SpellingIssue(tok.start, nxt.end, span, *split, "misspelling"))
                    skip_next = True
                    continue
            if idx + 1 < n and tokens[idx + 1].text == "ki" and text[tok.end] == " ":
                joined = self._split_ki(word)
                if joined is not None:
                    nxt = tokens[idx + 1]
                    span = text[tok.start : nxt.end]
                    issues.append(
                        SpellingIssue(tok.start, nxt.end, span, joined, 0.85, "misspelling")
                    )
                    skip_next = True
                    continue
            verdict = (
                self._word(word, at_start)
                if len(word) <= LONGEST_WORD
                else self._long(word, at_start)
            )
            if verdict is _UNKNOWN:
                if typed_in_turkish is None:
                    typed_in_turkish = not TURKISH_LETTERS.isdisjoint(text)
                # A word nobody knows, in a comment typed with Turkish letters: the one
                # word Hunspell knows one edit away. In an ASCII-only comment the search
                # (~2 ms a word) mostly meets words that only lack their letters.
                near = self._dictionary_neighbour(tr_lower(word)) if typed_in_turkish else None
                verdict = None if near is None else _Verdict(near, TYPO_WEAK, "typo")
            if verdict is None:
                continue
            if (
                verdict.correction in ("tabii", "Tabii")
                and idx > 0
                and tokens[idx - 1].text[-1:] in ("a", "e")
            ):
                continue  # "yasaya tabi": subject to, not "tabii" (outside the per-word cache)
            if verdict.kind == "apostrophe" and not _dated(verdict, tokens, idx):
                continue  # "Martı sürüsü", "Aralıkla": month names take one only in a date
            if verdict.kind == "typo":
                if _reduplicated(tokens, idx):
                    continue  # "eşya meşya": the m-word is half of a pair, no slip
                verdict = self._in_context(
                    tr_lower(word), verdict, _neighbour(tokens, idx, -1), _neighbour(tokens, idx, 1)
                )
            issues.append(SpellingIssue(tok.start, tok.end, word, *_astuple(verdict)))
        return issues

    def _long(self, word: str, at_start: bool) -> _Verdict | None:
        """A word longer than any real one: keyboard noise or an attack, left alone (its ~60 ×
        length edit candidates, each a copy of it, took 1.2 GB for 5,000 letters, and a
        finding quoting noise helps no one), unless letter runs stretch a shorter word
        ("çoooo…ok"): that is judged with its runs shortened, which changes no verdict and
        keeps the per-word cache small."""
        short = shorten_runs(word)
        return self._word(short, at_start) if len(short) <= LONGEST_WORD else None

    def _pair(self, first: str, second: str) -> _Verdict | None:
        if is_upper_word(first) and len(first) <= 6:
            return None
        k1, k2 = _key(first), _key(second)
        if any(ch in _CIRCUMFLEX for ch in second):
            return None
        for (a, b), entry in self.pairs.items():
            if a != k1 or not k2.startswith(b):
                continue
            rest = tr_lower(second)[len(b) :]
            if rest and not entry.prefix:
                continue
            right = entry.right + rest
            if rest and not self._is_trusted(right.rsplit(" ", 1)[-1]):
                continue
            return _Verdict(_recase(right, first), entry.score, entry.kind)
        return None

    @lru_cache(maxsize=65536)  # noqa: B019 (one long-lived checker; words repeat a lot)
    def _word(self, word: str, at_start: bool) -> _Verdict | None:
        low = tr_lower(word)
        if not _TURKISH_LOWER.issuperset(low):
            # Digits, circumflexes (hâlâ), apostrophe suffixes (Ankara'da, 3'ü: proper nouns
            # and numbers as written), q, w, x, é … (foreign words and names).
            return None
        upper = word.isupper()  # every character is a letter by now
        if upper and len(word) <= 6:
            return None  # acronyms (NATO, TBMM); all-caps text is the capitals clause's
        key = asciify(low)
        capital = word[0].isupper() and not upper
        if capital and any(ch.isupper() for ch in word[1:]):
            return None  # "YanYana", "McDonald": mixed case is a name or a style

        found = self._table(low, key)
        if found is not None:
            return _Verdict(_recase(found.correction or "", word), found.score, found.kind)
        if upper:
            return None
        if capital:
            dated = _date_apostrophe(word, low)
            if dated is not None:
                return dated
            if low in self.common:
                return None
            if at_start:
                # Sentence-initial capital: the informal patterns are safe on the lower-case
                # form; a typo search is not (it would "correct" unknown names).
                found = self._informal(low, capital=True)
                if found is not None:
                    return _Verdict(_recase(found.correction or "", word), found.score, found.kind)
                if self.dictionary.knows(low):
                    return None  # "Manastırdan ...": a common word that opens the sentence
            return self._apostrophe(word, low, at_start)
        return self._lower_word(low, key)

    def _table(self, low: str, key: str) -> _Verdict | None:
        entry = self.table.get(key)
        rest = ""
        if entry is None:
            for n in self.prefix_lengths:
                if n < len(key) and (entry := self.prefix_table.get(key[:n])) is not None:
                    rest = low[n:]
                    break
            else:
                return None
        if entry.kind == "ok":
            return None
        right = entry.right + rest
        if right == low:
            return None  # "mütevazı" matched "mütevazi" only through the asciified key
        if not low.startswith(entry.wrong) and low in self.common:
            return None  # a dotless-key collision with a word edited text uses
        if rest and not self._is_trusted(right.rsplit(" ", 1)[-1]):
            return None
        return _Verdict(right, entry.score, entry.kind)

    def _apostrophe(self, word: str, low: str, at_start: bool = False) -> _Verdict | None:
        if low in self.common or low in self.proper_forms or low in self.proper:
            return None  # "Ayda", "Kayseri": the whole word is known as written
        for i in range(len(low) - 1, 2, -1):
            stem = low[:i]
            if stem in self.proper and low[i:] in _case_suffixes(stem):
                if stem in self.common or stem in _GROUP_NAMES:
                    return None  # also a common word ("Banka", "Aralık", "Deniz"): unclear
                own = self.zipf.get(low, 0.0)
                score = 0.85
                if own >= 4.0:
                    score = min(score, 0.6)  # widely written this way: maybe a word of its own
                return _Verdict(f"{word[:i]}'{word[i:]}", score, "apostrophe")
        if self.dictionary.knows(word):
            return None  # "Bodrumdaki", "Kemalin": Hunspell reads it as a word, so may we
        for i in range(len(low) - 1, 2, -1):
            if low[:i].endswith(_PLURALS):
                continue  # "Rufailere", "İstanbullarda": plural names join their suffixes
            if low[i:] in _case_suffixes(low[:i]) and self._dictionary_name(word[:i]):
                return _Verdict(f"{word[:i]}'{word[i:]}", 0.85, "apostrophe")
        if at_start or low in self.zipf or not self._doubtful(low):
            return None
        # A name no list knows, mid-sentence, with a case ending: "Euskadide". Only a doubt
        # (review): Turkish names end like suffixes too ("Fatma", "Yalçın").
        for i in range(len(low) - 1, 3, -1):
            stem = low[:i]
            if stem.endswith(_PLURALS) or low[i:] not in _case_suffixes(stem):
                continue
            # A stem known only from web counts, never written in lower case in UD and not a
            # lower-case word to Hunspell, is a name as well ("münih", "elizabeth", "clay").
            named = (
                stem in self.zipf and stem not in self.common and not self.dictionary.knows(stem)
            )
            # A stem nobody knows at all, before an ending of two letters or more; not one
            # ending in a doubled consonant, which no Turkish stem does: the ending is the
            # name's own ("Tacettin", "Nurettin", not "Tacett'in").
            unknown = (
                i < len(low) - 1
                and stem[-1] != stem[-2]
                and stem not in self.zipf
                and not self._dictionary_word(word[:i])
            )
            if named or unknown:
                if (
                    stem[-1] in "ny"
                    and stem[-2] in _VOWELS
                    and low[i - 1 :] in _case_suffixes(stem[:-1])
                ):
                    i -= 1  # the buffer letter of a vowel-final name: "Alice'nin", not "Alicen'in"
                return _Verdict(f"{word[:i]}'{word[i:]}", 0.6, "apostrophe")
        return None

    def _dictionary_word(self, word: str) -> bool:
        return self.dictionary.knows(word) or self.dictionary.knows(tr_lower(word))

    def _dictionary_name(self, stem: str) -> bool:
        """Hunspell knows `stem` as a name only: "Abhazya", "Lütfi", not "Bodrum" (bodrum)."""
        return self.dictionary.knows(stem) and not self.dictionary.knows(tr_lower(stem))

    def _lower_word(self, low: str, key: str) -> _Verdict | None:
        if low in self.common:
            return None
        informal = self._informal(low)
        if informal is not None:
            return informal
        if self.is_known(low):
            own = self.zipf.get(low, 0.0)
            if own < DOUBT_ZIPF and self._doubtful(low) and not self._lacks_letters(low, key):
                # Only our suffix analysis (or a web count of slips) vouches for it, and
                # Hunspell does not: a clear correction wins ("göterin", "yapak"), and a
                # rarely written one gives way to a common word ("olınca" → "olunca", review).
                # Not an ASCII word that only lacks its letters (turkish_chars': "baski").
                clear = self._typo(low, clear_only=True)
                if clear is None and own <= GUESS_MAX_OWN:
                    return self._typo(low, guess=True, min_zipf=GUESS_MIN_ZIPF)
                return clear
            return None
        doubtful = self._doubtful(low)
        if self._ascii_known(key) and not (doubtful and any(c in TURKISH_LETTERS for c in low)):
            return None  # "cok guzel", "görüsmek": a Turkish-letters matter, not spelling
        if _has_run(low, 3):
            squeezed = _squeeze_to_known(low, self)
            return _Verdict(squeezed, 0.5, "informal") if squeezed else None
        if len(low) < 4:
            if len(low) == 3 and doubtful and not _VOWELS.isdisjoint(low):
                return self._typo(low, guess=True, min_zipf=SHORT_GUESS_ZIPF)
            return None
        found = self._typo(low, guess=doubtful)
        if found is None and doubtful and len(low) >= NEIGHBOUR_MIN_LEN:
            return _UNKNOWN  # `check` may ask Hunspell for a neighbour
        return found

    @cached_property
    def _trigrams(self) -> _Trigrams:
        """The lexicon's letter trigrams, built on the first neighbour search (0.1 s): they
        keep candidates no word could be out of Hunspell's one-edit search."""
        return _Trigrams.of(self.zipf)

    @lru_cache(maxsize=8192)  # noqa: B019 (one long-lived checker)
    def _dictionary_neighbour(self, low: str) -> str | None:
        """The one lower-case word Hunspell knows one edit from `low`, if exactly one, and
        the edit comes before its last NEIGHBOUR_TAIL letters; not one that only differs by
        Turkish letters (that is turkish_chars' matter)."""
        found = self.dictionary.known_among(sorted(_plausible_edits(low, self._trigrams)))
        if len(found) != 1 or asciify(found[0]) == asciify(low):
            return None
        near = found[0]
        if near[: len(low) - NEIGHBOUR_TAIL] != low[: len(low) - NEIGHBOUR_TAIL]:
            return near
        return None

    def _lacks_letters(self, low: str, key: str) -> bool:
        """Written without Turkish letters, and another known word is this one with them
        ("artiyor" → "artıyor"): the turkish_chars clause's matter, not a typo."""
        best = self.ascii_best.get(key)
        return low == key and best is not None and best[1] != low

    def _doubtful(self, low: str) -> bool:
        """Hunspell is loaded and knows the word neither as written nor as a name."""
        return (
            self.dictionary.available
            and not self.dictionary.knows(low)
            and not self.dictionary.knows(tr_upper(low[0]) + low[1:])
        )

    # -- informal patterns ------------------------------------------------------------------

    def _informal(self, low: str, capital: bool = False) -> _Verdict | None:
        if self.zipf.get(low, 0.0) >= 4.5:
            return None  # too common to be a slip
        for cands in (_future_candidates(low), _progressive_candidates(low)):
            best = self._best_known(low, cands)
            if best is not None:
                return _Verdict(best[1], best[0], "informal")
        return self._particle_split(low, capital)

    def _best_known(self, low: str, cands: Sequence[str]) -> tuple[float, str] | None:
        """The most frequent rewrite that is more common than what was written: (score, word).
        A rewrite known only through stem + suffix chain is weaker evidence (score 0.65)."""
        own = self.zipf.get(low, 0.0)
        # "anlamıyor mu": a rewrite with a particle is judged on its first word.
        heads = [(c, c.split(" ", 1)[0]) for c in cands]
        known = [(self.zipf[h], c) for c, h in heads if h in self.trusted and self.zipf[h] > own]
        if known:
            return 0.85, max(known)[1]
        if own == 0.0:
            for c, h in heads:
                if self._is_trusted(h):
                    return 0.65, c
        return None

    def _split_locative(
        self, word: str, ending: str, tokens: Sequence[Token], after: int
    ) -> tuple[str, float] | None:
        """The locative written apart: "kitap ta" → "kitapta", "arasın da" → "arasında".
        Returns the joined word and the score, or None where it may be the conjunction."""
        low = tr_lower(word)
        if len(low) < 2 or not low.isalpha():
            return None
        joined = low + ending
        if ending in ("da", "de"):
            if low != word:
                return None  # "Ankara da": a name, and the apostrophe rule's
            # The conjunction follows a word that stands on its own. Where the joined form
            # is far commoner than the word before it ("arasın", "civarın", "yılın"), and
            # edited text never wrote the pair, the word was cut from its ending. Measured
            # on UD: none of the 2,233 train and 269 dev conjunctions after a lower-case
            # word qualifies; 41 % of locatives written apart in dev sentences do.
            zipf = self.zipf.get(joined, 0.0)
            if (
                zipf >= SPLIT_LOCATIVE_ZIPF
                and zipf - self.zipf.get(low, 0.0) >= SPLIT_LOCATIVE_MARGIN
                and (low, ending) not in self.bigrams
                and self.dictionary.knows(joined)
            ):
                return word + ending, TYPO_WEAK
            return None
        # The conjunction is always "da/de", so "ta/te" after a voiceless consonant is the
        # ending (UD train has about 35 separate "ta" in 58 k sentences, the adverb of "ta
        # ki", "ta kendisi"; after such a consonant, almost none). Out of harmony only
        # where Hunspell knows the joined form ("saat te" → "saatte").
        if len(low) < 3 or low[-1] not in _HARD:
            return None
        if after < len(tokens) and tokens[after].text in ("ki", "kendisi"):
            return None
        in_harmony = (ending == "ta") == (_last_vowel(low) in _BACK)
        ours = joined in self.common or self._is_trusted(joined)
        if (in_harmony and ours) or self.dictionary.knows(joined):
            return word + ending, TYPO_STRONG
        return None

    def _split_ki(self, word: str) -> str | None:
        """The adjective suffix -ki written apart after a locative: "evde ki" → "evdeki".
        Edited text almost never puts the conjunction "ki" after a locative (UD train: 7 of
        about 600, mostly "elbette ki"), so a known joined form is a clear fix."""
        low = tr_lower(word)
        if len(low) < 4 or low[-2:] not in _LOCATIVES or low in _KI_HOSTS:
            return None
        joined = low + "ki"
        if joined in self.common or joined in self.trusted or self.dictionary.knows(joined):
            return word + "ki"
        return None

    def _particle_split(self, low: str, capital: bool = False) -> _Verdict | None:
        """The question particle, "ki" and "de/da" are separate words: "varmı" → "var mı",
        "biliyorumki" → "biliyorum ki", "geldide" → "geldi de". Only where the joined form
        cannot be a word itself: "gördüğümü", "saçımı" are accusatives, "kısmı", "ismi"
        possessives, "bende", "evde" locatives."""
        unknown = not self.is_known(low)
        conjunction = self._joined_de(low, unknown, capital)
        if conjunction is not None:
            return conjunction
        for particle in _PARTICLES:
            if not low.endswith(particle) or len(low) - len(particle) < 3:
                continue
            head = low[: -len(particle)]
            if particle == "ki" and self._ki_after_known(low, head):
                return _Verdict(f"{head} ki", 0.85, "misspelling")
            if head not in self.trusted:
                continue
            if particle == "ki":
                rare = unknown or self.zipf.get(low, 0) < 2.5
                verb = head.endswith(_VERB_ENDINGS) or self._finite_verb(head)
                if (rare and verb) or (head in _KI_JOIN_HOSTS and low not in self.common):
                    return _Verdict(f"{head} ki", 0.85, "misspelling")
                continue
            if particle[1] != _four_way(_last_vowel(head)):
                continue
            if head in _PARTICLE_HOSTS or (unknown and head.endswith((*_VERB_ENDINGS, "r"))):
                return _Verdict(f"{head} {particle}", 0.85, "misspelling")
            if low in self.common:
                continue  # edited text writes it so: a word of its own
            # A finite verb takes no possessive or case ending, so a particle joined to it is
            # a slip however often it is typed so ("veriyormu", "alabilirmiyim").
            if self._finite_verb(head):
                return _Verdict(f"{head} {particle}", 0.85, "misspelling")
            if (
                self._doubtful(low)
                and self.dictionary.knows(head)
                and not (len(particle) == 2 and self.is_known(low[:-1]))
            ):
                # Hunspell knows the word before the particle and not the two joined, as a
                # word or a name: no ending of its own ("okulmu", "gözlükmü", "gördünmü").
                # Not where the m is a stem's and the vowel its ending ("düşlem+i").
                return _Verdict(f"{head} {particle}", 0.85, "misspelling")
            rare = unknown or (not capital and self.zipf.get(low, 0.0) < TRUSTED_ZIPF)
            if rare and head[-1] not in _VOWELS:
                # "silahmı": after a consonant a possessive needs its vowel ("silahım"); a
                # capitalised word typed so may be a name ("Selmi").
                return _Verdict(f"{head} {particle}", 0.65, "misspelling")
        return None

    def _ki_after_known(self, low: str, head: str) -> bool:
        """The conjunction "ki" joined to a word Hunspell knows, where the joined form is
        no word or name it knows ("görki", "yıkmışlarki"). Not after a locative or a genitive,
        which the adjective -ki follows ("karakoldaki", "seninki"), nor after a time or
        place word ("yarınki", "karşıki"): those Hunspell may just not know; nor in an
        ASCII word that only lacks its letters ("baski" is "baskı")."""
        return (
            len(head) >= 3
            and head[-2:] not in _LOCATIVES
            and not head.endswith(("ın", "in", "un", "ün"))
            and head not in _KI_ADJECTIVE_HOSTS
            and not self._lacks_letters(low, asciify(low))
            and self._doubtful(low)
            and self.dictionary.knows(head)
        )

    def _joined_de(self, low: str, unknown: bool, capital: bool = False) -> _Verdict | None:
        """The conjunction de/da joined to the word before: after a finite verb ("geldide")
        or a word that takes no locative ("şimdide", "sonrada"); the vowel in harmony."""
        if len(low) < 5 or low[-2:] not in ("de", "da"):
            return None
        head = low[:-2]
        if low in self.common or (low[-1] == "a") != (_last_vowel(head) in _BACK):
            return None
        rare = unknown or self.zipf.get(low, 0.0) < TRUSTED_ZIPF
        if head in self.trusted:
            if head in _DE_HOSTS or (rare and self._finite_verb(head)):
                return _Verdict(f"{head} {low[-2:]}", 0.85, "misspelling")
            # Never a locative: after a voiceless consonant the locative is -ta/-te
            # ("olupda", "çocukda").
            if rare and head[-1] in _HARD:
                return _Verdict(f"{head} {low[-2:]}", 0.85, "misspelling")
        # No locative Hunspell knows, after a word it knows: "günüde", "yazarınada" (the
        # locatives are "gününde", "yazarında"). "evde", "kapıda" are locatives it knows;
        # it misses some plural ones ("nisyanlarda"), which stay unjudged.
        if head.endswith(_PLURALS) or (capital and head in self.proper):
            return None  # "Boluda" is Bolu'da, the apostrophe rule's
        if self._doubtful(low) and self.dictionary.knows(head):
            return _Verdict(f"{head} {low[-2:]}", 0.6, "misspelling")
        return None

    def _finite_verb(self, word: str) -> bool:
        """A verb stem plus a finite ending ("gel+di", "yap+ıyorum", "al+abilir"), not a noun
        that only ends like one ("gürültü", "kendi")."""
        for i in range(2, len(word) - 1):
            rest = word[i:]
            if word[:i] in self.verb_stems and _FINITE.fullmatch(rest):
                return True
        return False

    # -- typos ------------------------------------------------------------------------------

    @lru_cache(maxsize=16384)  # noqa: B019 (one long-lived checker)
    def _candidates(self, low: str) -> tuple[tuple[str, float], ...]:
        """Lexicon words one edit from `low`, with their Zipf, commonest first."""
        turkish = any(ch in TURKISH_LETTERS for ch in low)
        cands = _edits1(low, ALPHABET if turkish else ASCII_ALPHABET)
        best_by_word: dict[str, float] = {}
        # Set intersection runs in C: most of the ~600 neighbours are not words.
        if turkish:
            for c in cands & self.zipf.keys():
                best_by_word[c] = self.zipf[c]
        else:
            # Written without Turkish letters: search the asciified lexicon, answer in Turkish.
            for c in cands & self.ascii_best.keys():
                hit = self.ascii_best[c]
                if hit is not None and hit[0] > best_by_word.get(hit[1], 0.0):
                    best_by_word[hit[1]] = hit[0]
        # Ties by the word itself: set order changes from process to process.
        return tuple(sorted(best_by_word.items(), key=lambda kv: (-kv[1], kv[0])))

    def _name_only(self, word: str) -> bool:
        return word in self.proper_forms and word not in self.common

    def _table_right(self, word: str) -> str:
        entry = self.table.get(asciify(word))
        if entry is not None and entry.kind != "ok" and not entry.prefix:
            return entry.right  # "bidaha" → "birdaha" is itself a known slip → "bir daha"
        return word

    def _in_context(
        self, low: str, verdict: _Verdict, prev: str | None, nxt: str | None
    ) -> _Verdict:
        """A typo's correction picked again with its neighbours: how often each candidate
        follows the word before and precedes the word after in UD train ("sonr eve" →
        "sonra", not "son"). A pick that context changed is a doubt (review)."""
        if verdict.kind != "typo" or (prev is None and nxt is None):
            return verdict
        pool = [
            (word, z)
            for word, z in self._candidates(low)
            if z >= TYPO_MIN_ZIPF - 1.0 and not self._name_only(word)
        ]
        if not pool or self._table_right(pool[0][0]) != verdict.correction:
            return verdict

        def fit(item: tuple[str, float]) -> float:
            word, z = item
            pairs = self.bigrams.get((prev, word), 0), self.bigrams.get((word, nxt), 0)
            return z + CONTEXT_WEIGHT * sum(math.log10(1 + n) for n in pairs)

        best = max(pool, key=fit)[0]  # the first of equals: the commoner word
        if best == pool[0][0]:
            return verdict
        return _Verdict(self._table_right(best), TYPO_WEAK, "typo")

    def _typo(
        self,
        low: str,
        clear_only: bool = False,
        guess: bool = False,
        min_zipf: float = TYPO_MIN_ZIPF,
    ) -> _Verdict | None:
        """A one-edit correction at least `min_zipf` common. `clear_only`: only a strong
        one; `guess`: the word is no word of the dictionary either, so an unclear best
        correction still goes to review."""
        if self.dictionary.knows(low):
            return None  # a rare word of its own ("iktifa", not "istifa")
        ranked = self._candidates(low)
        if not ranked or ranked[0][1] < min_zipf:
            return None
        word, z = ranked[0]
        if self._name_only(word):
            return None  # a lower-case word is no slip for a name ("hatibe" is not "hatice")
        word = self._table_right(word)
        margin = z - (ranked[1][1] if len(ranked) > 1 else 0.0)
        if margin < TYPO_MIN_MARGIN and not guess:
            return None  # two likely corrections: a rare word of its own as likely as a slip
        strong = (
            margin >= TYPO_MARGIN
            and len(low) >= TYPO_STRONG_MIN_LEN
            and (z >= TYPO_STRONG_ZIPF or (len(low) >= TYPO_LONG and z >= TYPO_STRONG_ZIPF - 0.5))
        )
        if clear_only:
            # Our suffix analysis vouches for the word: a doubt for review, never a reject.
            if not strong or z < self.zipf.get(low, 0.0) + TYPO_MARGIN:
                return None
            strong = False
        return _Verdict(word, TYPO_STRONG if strong else TYPO_WEAK, "typo")


_PARTICLES = (
    "mısınız", "misiniz", "musunuz", "müsünüz",
    "mısın", "misin", "musun", "müsün",
    "mıyım", "miyim", "muyum", "müyüm",
    "mıyız", "miyiz", "muyuz", "müyüz",
    "mıydı", "miydi", "muydu", "müydü",
    "mı", "mi", "mu", "mü", "ki",
)  # fmt: skip
# Finite verb endings after which "ki" is the conjunction, never the adjective suffix
# (evdeki, yarınki are one word and end otherwise).
_VERB_ENDINGS = (
    "yor", "yorum", "yoruz", "yorsun", "yorsunuz", "yorlar",
    "dı", "di", "du", "dü", "tı", "ti", "tu", "tü",
    "dım", "dim", "dum", "düm", "tım", "tim", "tum", "tüm",
    "mış", "miş", "muş", "müş", "malı", "meli", "acak", "ecek",
    "dır", "dir", "dur", "dür", "tır", "tir", "tur", "tür",
)  # fmt: skip

# Words the question particle follows so often that "varmı", "değilmi" are slips even though
# wordfreq lists them (it counts real use).
# Capitalised common nouns for believers and groups: suffixes join them without an apostrophe
# ("Müslümanın", "Hristiyanlar"), though they show up as proper nouns in the data.
_GROUP_NAMES = frozenset(
    "müslüman hristiyan hıristiyan yahudi musevi budist ateist deist alevi sünni şii katolik"
    " protestan ortodoks".split()
)

# A finite ending after a verb stem, whole: ability or negation, then a tense and person
# ("gör+medi", "gel+iyor", "al+abilir", "yap+maz"); "de+dikodu" is no verb form.
_FINITE = re.compile(
    r"(?:y?[ae]bil|m[ae]|m[ıiuü]|[ıiuü])?(?:"
    + "|".join(sorted(_VERB_ENDINGS, key=len, reverse=True))
    + r"|[aeıiuü]?r|z)"
)


def _neighbour(tokens: Sequence[Token], idx: int, step: int) -> str | None:
    """The lower-cased word before (step -1) or after (+1) token `idx`, punctuation skipped."""
    j = idx + step
    while 0 <= j < len(tokens):
        if tokens[j].is_word:
            return tr_lower(tokens[j].text)
        j += step
    return None


def _reduplicated(tokens: Sequence[Token], idx: int) -> bool:
    """Token `idx` is half of an m-reduplication, which Turkish writes as two words: the
    second takes m for the first's first consonant ("kitap mitap"; the other way round in
    "mırın kırın") or before its first vowel ("eşya meşya"). The m-word is no typo of a
    word one edit away ("meşya" was "medya", "mırın" "mısın")."""
    word = tr_lower(tokens[idx].text)
    if len(word) < 3:
        return False
    for other in (_neighbour(tokens, idx, -1), _neighbour(tokens, idx, 1)):
        if other is None or other == word:
            continue
        if len(other) == len(word) and word[1:] == other[1:] and "m" in (word[0], other[0]):
            return True
        short, long = sorted((word, other), key=len)
        if long == "m" + short and short[0] in _VOWELS:
            return True
    return False


_PLURALS = ("lar", "ler")
_LOCATIVES = frozenset({"da", "de", "ta", "te"})
# Locative-looking words after which "ki" is the conjunction: "elbette ki", "zorunda ki"
# (a reason follows: "gitmek zorunda ki işini kaybetmesin").
_KI_HOSTS = frozenset({"elbette", "de", "da", "zorunda", "mecburiyetinde"})
# Words "ki" follows as the conjunction that a joined "-ki" never makes a word of.
_KI_JOIN_HOSTS = frozenset("var yok demek neyse yazık öyle şöyle böyle madem".split())
# Time and place words the adjective -ki joins ("yarınki", "karşıki", "bu yanaki").
_KI_ADJECTIVE_HOSTS = frozenset(
    "dün bugün yarın akşam sabah gece öğle şimdi önce sonra geçen öbür ertesi"
    " karşı yana öte beri ileri geri iç dış üst alt ön arka".split()
)
# Words that take no locative ending, so "-de/-da" joined to them is the conjunction.
_DE_HOSTS = frozenset(
    "şimdi sonra önce daha yine gene hem ama fakat ve hiç çok az artık zaten belki hatta bile"
    " yani öyle böyle şöyle".split()
)  # not "ben", "sen": "bende", "sende" are locatives too

_PARTICLE_HOSTS = frozenset(
    "var yok değil tamam öyle böyle şöyle olur olmaz doğru gerçek iyi kötü ben sen biz siz"
    " onlar bu şu burada orada şimdi yarın bugün zaten çok az daha hep bile bitti oldu geldi"
    " gitti yeter lazım gerek mümkün belli emin haklı haksız normal güzel önemli".split()
)

_FUTURE = {
    "cam": "acağım", "cem": "eceğim", "caz": "acağız", "cez": "eceğiz",
    "can": "acaksın", "cen": "eceksin", "cak": "acak", "cek": "ecek",
}  # fmt: skip


def _future_candidates(low: str) -> list[str]:
    """yapıcam → yapacağım, gelcem → geleceğim, okucam → okuyacağım, yapmıcam → yapmayacağım."""
    out: list[str] = []
    for end, full in _FUTURE.items():
        if not low.endswith(end):
            continue
        base = low[: -len(end)]
        if len(base) < 2:
            continue
        tail = full[1:]  # without the linking vowel
        vowel = full[0]
        if base[-1] in "ae":
            if end.startswith(("cak", "cek")):
                continue  # already the written future: "yetişmeyecek"
            out.append(base + tail)  # gelecem → geleceğim
        elif base[-1] in "ıiuü":
            out.append(base[:-1] + full)  # yapı-cam → yap-acağım
            out.append(base + "y" + full)  # oku-cam → oku-yacağım
            out.append(base[:-1] + vowel + "y" + full)  # ağlı-cam → ağla-yacağım
        elif base[-1] in _VOWELS:
            out.append(base + "y" + full)
        else:
            out.append(base + full)
    return [c for c in out if c != low]


def _progressive_candidates(low: str) -> list[str]:
    """geliyo → geliyor, geliyom → geliyorum, geliyon → geliyorsun, diyolar → diyorlar."""
    out: list[str] = []
    i = low.rfind("yo")
    if i < 2 or low[i - 1] not in "ıiuü" or low[i + 2 : i + 3] == "r":
        return out
    head, rest = low[: i + 2] + "r", low[i + 2 :]
    if rest == "n":
        return [head + "sun"]
    if rest in ("mu", "musun", "muyum", "muyuz", "musunuz", "muydu"):
        return [f"{head} {rest}"]  # anlamıyomu → anlamıyor mu
    out.extend((head + rest, head + "u" + rest, head + "su" + rest))
    if rest.startswith("n"):
        out.append(head + "su" + rest)
    return out


_ASCII_VOWELS = frozenset("aeiou")
# Suffixes that keep their vowel whatever the stem ("sonraki", "giderken", "sabahleyin").
# Endings that are a lone consonant (after a vowel): geldim, geldin, geldik, okur, biz.
_BARE_CONSONANT_SUFFIXES = frozenset({"m", "n", "k", "z", "r"})
# What may sit between a verb stem and its suffix chain: ability/impossibility, negation,
# passive, causative, reciprocal. Not a morphology, only enough to accept real verb forms.
_VERB_INFIXES = (
    "yabil", "yebil", "abil", "ebil", "yama", "yeme", "ama", "eme", "ma", "me",
    "yam", "yem", "am", "em", "m",
    "ıl", "il", "ul", "ül", "ın", "in", "un", "ün", "n",
    "dır", "dir", "dur", "dür", "tır", "tir", "tur", "tür", "t",
    "ış", "iş", "uş", "üş", "ş",
)  # fmt: skip
_INVARIANT = ("ki", "kü", "ken", "leyin", "gil", "yor", "iyor")


def _joins(stem: str, chain: str, harmony: bool) -> bool:
    """Whether a suffix chain can follow this stem: Turkish never puts two vowels across the
    boundary (a buffer n, s, y comes between), puts buffer y/n only after a vowel, and the
    chain's first vowel agrees front/back with the stem's last one. Rules out the loose splits
    a typo would otherwise pass as ("kalk+na", "ücretleri+in", "sor+aki")."""
    vowels = _VOWELS if harmony else _ASCII_VOWELS
    stem_vowel_end = stem[-1] in vowels
    if not any(ch in vowels for ch in chain):
        # "ayn+h", "desteklemiyor+m": only person endings are a bare consonant, after a vowel.
        return chain in _BARE_CONSONANT_SUFFIXES and stem_vowel_end
    if not stem_vowel_end and len(chain) > 1 and chain[0] not in vowels:
        if chain[1] not in vowels:
            return False  # "yap+mka": no three consonants across the boundary
    first = chain[0]
    if stem_vowel_end and first in vowels:
        return False
    if not stem_vowel_end and first in "yn":
        return False
    if harmony and not chain.startswith(_INVARIANT):
        last = _last_vowel(stem)
        for ch in chain:
            if ch in _VOWELS:
                if last is not None and (ch in _BACK) != (last in _BACK):
                    return False
                break
    return True


def _harmonises(stem: str, chain: str) -> bool:
    """The chain's first vowel agrees front/back with the stem's last, with no exception."""
    last = _last_vowel(stem)
    first = next((ch for ch in chain if ch in _VOWELS), None)
    return last is None or first is None or (first in _BACK) == (last in _BACK)


def _edits1(word: str, alphabet: str) -> set[str]:
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = [a + b[1:] for a, b in splits if b]
    transposes = [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]
    replaces = [a + c + b[1:] for a, b in splits if b for c in alphabet if c != b[0]]
    inserts = [a + c + b for a, b in splits for c in alphabet]
    return set(deletes + transposes + replaces + inserts)


# `_word`'s answer for a lower-case word nobody knows with no lexicon word one edit away;
# `check` decides whether to look for a neighbour Hunspell knows.
_UNKNOWN = _Verdict(None, 0.0, "unknown")


@dataclass(frozen=True, slots=True)
class _Trigrams:
    """The lexicon's letter trigrams (^ and $ mark a word's ends), by what they allow: per
    pair of letters, the letters seen between them, after them and before them."""

    between: dict[str, frozenset[str]]
    after: dict[str, frozenset[str]]
    before: dict[str, frozenset[str]]

    @classmethod
    def of(cls, words: Iterable[str]) -> _Trigrams:
        # The set first (one comprehension over ~100,000 words), then the ~11,000 trigrams.
        seen = {p[i : i + 3] for w in words for p in (f"^{w}$",) for i in range(len(p) - 2)}
        between: dict[str, set[str]] = {}
        after: dict[str, set[str]] = {}
        before: dict[str, set[str]] = {}
        for tri in seen:
            a, b, c = tri[0], tri[1], tri[2]
            if b in _TURKISH_LOWER:  # candidates are spelt with ALPHABET only
                between.setdefault(a + c, set()).add(b)
            after.setdefault(a + b, set()).add(c)
            before.setdefault(b + c, set()).add(a)
        return cls(*({k: frozenset(v) for k, v in d.items()} for d in (between, after, before)))

    def letters(self, padded: str, i: int, replace: bool) -> frozenset[str]:
        """The letters that may stand at `padded[i]`, replacing it or inserted before it,
        without making a trigram no word has."""
        left, right = padded[i - 1], padded[i + 1] if replace else padded[i]
        ok = self.between.get(left + right, _NONE)
        if i >= 2:
            ok = ok & self.after.get(padded[i - 2] + left, _NONE)
        j = i + 1 if replace else i
        if j + 1 < len(padded):
            ok = ok & self.before.get(right + padded[j + 1], _NONE)
        return ok


_NONE: frozenset[str] = frozenset()


def _plausible_edits(word: str, trigrams: _Trigrams) -> set[str]:
    """`_edits1(word, ALPHABET)` with letters inserted or replaced only where they make no
    letter trigram the lexicon's words lack: about half of the candidates go, and
    Hunspell, at ~4 µs a word, is asked about the rest."""
    padded = f"^{word}$"
    n = len(word)
    deletes = [word[:i] + word[i + 1 :] for i in range(n)]
    swaps = [word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(n - 1)]
    # word[i] is padded[i + 1].
    replaces = [
        word[:i] + c + word[i + 1 :]
        for i in range(n)
        for c in trigrams.letters(padded, i + 1, replace=True)
        if c != word[i]
    ]
    inserts = [
        word[:i] + c + word[i:]
        for i in range(n + 1)
        for c in trigrams.letters(padded, i + 1, replace=False)
    ]
    out = set(deletes + swaps + replaces + inserts)
    out.discard(word)
    return out


def _has_run(word: str, n: int) -> bool:
    run = 1
    for a, b in pairwise(word):
        run = run + 1 if a == b else 1
        if run >= n:
            return True
    return False


def _squeeze_to_known(low: str, checker: SpellChecker) -> str | None:
    from suzgec.text.normalize import squeeze

    for keep in (2, 1):
        cand = squeeze(low, keep)
        if checker._is_trusted(cand):
            return cand
    return None


def _recase(right: str, original: str) -> str:
    if is_upper_word(original):
        return tr_upper(right)
    if original[:1].isupper():
        return tr_upper(right[:1]) + right[1:]
    return right


# Month and day names take an apostrophe only as part of a date (TDK): "5 Mart'ta", but
# "martta", "cumaları".
_DATE_NAMES = frozenset(
    "ocak şubat mart nisan mayıs haziran temmuz ağustos eylül ekim kasım aralık"
    " pazartesi salı çarşamba perşembe cuma cumartesi pazar".split()
)


def _date_apostrophe(word: str, low: str) -> _Verdict | None:
    """A month or day name with a case ending ("Haziranda"): asked before the known forms,
    which edited text writes so outside dates ("haziranda", a PROPN in UD). `check` keeps
    the fix only in a date, after a number ("14 Haziran'da", TDK)."""
    for name in _DATE_NAMES:
        if low.startswith(name) and low[len(name) :] in _case_suffixes(name):
            return _Verdict(f"{word[: len(name)]}'{word[len(name) :]}", 0.85, "apostrophe")
    return None


def _dated(verdict: _Verdict, tokens: Sequence[Token], idx: int) -> bool:
    """False for a month or day name's apostrophe fix outside a date (no number before it)."""
    stem = tr_lower((verdict.correction or "").split("'", 1)[0])
    if stem not in _DATE_NAMES:
        return True
    return idx > 0 and tokens[idx - 1].kind is Kind.NUMBER


def _astuple(v: _Verdict) -> tuple[str | None, float, str]:
    return v.correction, v.score, v.kind


@cache
def default_checker() -> SpellChecker:
    """The shared checker (loading the word lists takes a fraction of a second)."""
    return SpellChecker()
