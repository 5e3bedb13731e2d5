"""Content clauses (profanity, insult, offensive, belief_attack) by Turkish-aware lexicon matching.

The lexicon is our own curated TSV (`data/content_lexicon.tsv`). Matching works on folded tokens
(`suzgec.text.normalize.fold`: invisible characters, look-alike letters, leetspeak and letter runs
undone), so spans always point at what the commenter wrote while the comparison sees through the
usual dodges. Design, and why:

* **stem** entries match a token that starts with the stem and continues with something that can
  begin a Turkish suffix ("aptal" → "aptallığı"), because Turkish is agglutinative and listing
  every inflected form is hopeless. A stem whose last vowel is front ("sik") rejects a suffix that
  starts with a back vowel ("sıkar" written "sikar"): vowel harmony filters many ASCII look-alikes.
* Each entry is compared twice: in its Turkish spelling, and in its ASCII spelling for tokens
  typed without Turkish letters ("serefsiz"). A token that *has* Turkish letters must agree with
  the Turkish spelling, so "sıkıntı" never meets "sik". `stem+tr` entries skip the ASCII form
  where it is an innocent word ("sıç-" vs "sicil").
* **exact** entries are short or ambiguous words (am, aq, oç, mal) that only count as a whole
  token; **allow** entries are innocent words that begin like an entry (Amasya, sikke, şikayet).
* **phrase** entries are consecutive words; **sacred**/**group** words (Allah, Kuran; Yahudi,
  Ermeni) become a signal only next to a curse, an insult or a demeaning modifier, so "Allah
  rahmet eylesin" stays clean while "allahını s..." is an attack on beliefs.
* Letters split by dots, spaces, dashes or underscores ("a.q", "o ç", "s i k t i r") are joined
  back into one candidate whose span runs from the first to the last letter; letters hidden
  behind asterisks ("b**") go to review, since people only censor words they know are swearing.
* Folding squeezes repeated letters ("siiiktir"), which would turn "yarram" into "yaram"
  (yaramak, to be useful) and "book" into "bok"; `stem2` entries compare with doubles kept.

Speed: the per-token work (fold + lookups) is cached by token text, and lookups are a dict hit on
the folded token plus a short list of stems sharing its first three letters; nothing loops over
all entries per comment.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import NamedTuple

from suzgec import messages
from suzgec.comment import Comment
from suzgec.model import Clause, Signal
from suzgec.text.bounds import word_cache
from suzgec.text.normalize import asciify, fold, squeeze
from suzgec.text.tokenize import Kind, Token

VERSION = "content-lexicon-2"

# Short Turkish messages for the commenter, one per content clause.
MESSAGES = messages.CONTENT

CONTENT_CLAUSE_IDS: tuple[Clause, ...] = (
    Clause.PROFANITY,
    Clause.INSULT,
    Clause.OFFENSIVE,
    Clause.BELIEF_ATTACK,
)

# Signals below this are features for the model only: "am", "mal", "ahmak" alone are not verdicts.
MIN_SIGNAL_SCORE = 0.5
# A curse this strong next to a sacred or group word makes the pair an attack.
CURSE_SCORE = 0.8
# An insult or slur this strong next to a group word makes the pair an attack on the group.
INSULT_SCORE = 0.75
# How many words apart a target and its curse/modifier may be ("dinini imanını sikeyim").
WINDOW = 2
# A demeaning modifier may also follow its group a few words later, as a predicate
# ("Kürtlerin hepsi hain", "Suriyeliler bu ülkenin kanseri"); that looser reading is only
# strong enough for review.
PREDICATE_WINDOW = 3
PREDICATE_SCORE = 0.7

_TR_LETTERS = frozenset("çğıöşü")
_FRONT = frozenset("eiöü")
_BACK_TR = frozenset("aıou")  # with Turkish letters, ı is known to be back
_BACK_ASCII = frozenset("aou")  # typed in ASCII, "i" may be ı, so only a/o/u tell
_VOWELS = frozenset("aeıioöuü")
# Letters a Turkish suffix can start with (after folding); b, f, h, j, p, v never do.
_SUFFIX_START = frozenset("aeıioöuülndtycçmksrzgğş")
# Circumflex letters (kâfir, gâvur) compare as their plain forms.
_CIRCUMFLEX = str.maketrans({"â": "a", "î": "i", "û": "u"})
_NON_LETTER = re.compile(r"[^a-zçğıöşü]")
# Plural, possessive and case endings a group or sacred noun may carry, in ASCII and harmony-blind
# ("lar" and "ler" alike): -ler, -imiz/-iniz/-im/-in/-i/-si, -e/-de/-den/-in/-le/-ce/-dir/-ki.
_NOUN_ENDING = re.compile(
    r"(?:l[ae]r)?(?:[iu](?:m[iu]z|n[iu]z|m|n)|s?[iu])?"
    r"(?:y?[iu]|y?[ae]|[dt][ae]n?|n?[iu]n|y?l[ae]|[cç][ae]|d[iu]r|ki)?"
)
# Separators people put between letters to dodge filters ("a.q", "s-i-k", "o_ç", "s*ktir").
_GLUE = frozenset(".-_*•·|+~/\\")
_LEET_PUNCT = frozenset("$@!")
# The most a dodge run joins into one word: words (twice the longest stem, 13 letters, leaves
# room for suffixes and repeated letters) and tokens (separators included). A longer run
# ("a.a.a.a…" for thousands of letters) is tried as windows of this size from each of its
# words, so a dodge inside it is still found and the work stays linear in its length.
MAX_RUN_WORDS = 26
MAX_RUN_TOKENS = 2 * MAX_RUN_WORDS + 8


@dataclass(frozen=True, slots=True)
class Entry:
    """One compiled lexicon row."""

    pattern: str
    kind: str  # stem | stem2 | exact | phrase | sacred | group | modifier
    clause: Clause | None
    score: float
    tr: str  # folded Turkish spelling
    ascii: str  # the same, asciified
    tr_only: bool = False


Phrase = tuple[tuple[tuple[str, str], ...], Entry]


@dataclass(frozen=True, slots=True)
class _Hit:
    """What one word (or joined run) matched; computed once per distinct text and cached."""

    entry: Entry | None  # best stem/exact match
    sacred: Entry | None
    group: Entry | None
    modifier: bool
    phrases: tuple[Phrase, ...]  # phrases whose first word this word fits
    tr: str
    ascii: str


# Shared by every word that matters to no entry, so the cache holds no per-word strings for them.
_EMPTY = _Hit(None, None, None, False, (), "", "")

# A word hidden behind asterisks: likely swearing, but which one is unknown, so review only.
_MASKED = _Hit(Entry("*", "masked", Clause.PROFANITY, 0.6, "", ""), None, None, False, (), "", "")

# (hit, start, end): a tuple, because one is built per word of every comment.
_Item = tuple[_Hit, int, int]


def _key(word: str, keep: int = 1) -> str:
    """Folded comparison form: lower case, dodges undone, only letters kept."""
    return _NON_LETTER.sub("", fold(word, keep=keep).translate(_CIRCUMFLEX))


def _has_tr(text: str) -> bool:
    return not _TR_LETTERS.isdisjoint(text)


def _prefix_agrees(tr: str, entry_tr: str, entry_ascii: str, tr_only: bool) -> bool:
    """Does the token (folded `tr`) start with the entry in a spelling the writer could mean?

    The caller already knows the asciified token starts with `entry_ascii`; here the Turkish
    letters must agree: either the token's prefix is the Turkish spelling, or it has no Turkish
    letters at all (typed in ASCII) and the entry allows ASCII.
    """
    prefix = tr[: len(entry_tr)]
    return prefix == entry_tr or (not tr_only and prefix == entry_ascii)


def _suffix_ok(entry: Entry, rest: str) -> bool:
    """Can `rest` be the Turkish suffixes after the stem? Cheap, deliberately permissive checks."""
    if not rest:
        return True
    if rest[0] not in _SUFFIX_START:
        return False
    last_vowel = next((ch for ch in reversed(entry.tr) if ch in _VOWELS), "")
    if last_vowel in _FRONT:
        first = next((ch for ch in rest if ch in _VOWELS), "")
        back = _BACK_TR if _has_tr(rest) else _BACK_ASCII
        if first in back:
            return False
    return True


class Lexicon:
    """The compiled lexicon: dict lookups by folded token, stems bucketed by first letters."""

    def __init__(self, rows: Iterable[tuple[str, str, str, float]]) -> None:
        self.entries: list[Entry] = []
        self.exact: dict[str, list[Entry]] = {}
        self.stems: dict[str, list[Entry]] = {}
        # stems compared with double letters kept ("yarra-" vs "yara-")
        self.stems2: dict[str, list[Entry]] = {}
        self.sacred: dict[str, list[Entry]] = {}
        self.groups: dict[str, list[Entry]] = {}
        self.modifiers: set[str] = set()
        # Demeaning nouns that also work as a predicate a few words after the group.
        self.predicates: set[str] = set()
        self.allow: dict[str, list[tuple[str, str]]] = {}
        self.allow_exact: dict[str, str] = {}
        # phrases by their first word: its first three ASCII letters when it may be a prefix
        # (3+ letters), else the whole word
        self.phrases: dict[str, list[tuple[tuple[tuple[str, str], ...], Entry]]] = {}
        self.short_phrases: dict[str, list[tuple[tuple[tuple[str, str], ...], Entry]]] = {}
        # every word of every phrase, indexed the same way, to know which words to remember
        self.phrase_words: dict[str, list[tuple[str, str]]] = {}
        for pattern, kind, clause, score in rows:
            self._add(pattern, kind, clause, score)
        for bucket in (self.stems, self.stems2, self.sacred, self.groups):
            for items in bucket.values():
                # Longest stem first: "siktir" explains "siktirin" better than "sik".
                items.sort(key=lambda e: -len(e.ascii))

    def _add(self, pattern: str, kind: str, clause: str, score: float) -> None:
        tr_only = kind.endswith("+tr")
        kind = kind.removesuffix("+tr")
        words = pattern.split()
        if kind in ("allow", "allow_exact"):
            # Allow entries keep double letters ("sikke" must not shrink to "sike").
            tr2 = _key(pattern, keep=2)
            if kind == "allow_exact":
                self.allow_exact[asciify(tr2)] = tr2
            else:
                self.allow.setdefault(asciify(tr2)[:3], []).append((tr2, asciify(tr2)))
            return
        clause_id = Clause(clause) if clause and clause != "-" else None
        if kind == "phrase" or len(words) > 1:
            keys = tuple((k, asciify(k)) for k in (_key(w) for w in words) if k)
            entry = Entry(
                pattern,
                "phrase",
                clause_id,
                score,
                " ".join(k for k, _ in keys),
                " ".join(a for _, a in keys),
                tr_only,
            )
            self.entries.append(entry)
            for word in keys:
                self.phrase_words.setdefault(word[1][:3], []).append(word)
            first = keys[0][1]
            index = self.phrases if len(first) >= 3 else self.short_phrases
            index.setdefault(first[:3], []).append((keys, entry))
            return
        tr = _key(pattern, keep=2 if kind == "stem2" else 1)
        entry = Entry(pattern, kind, clause_id, score, tr, asciify(tr), tr_only)
        self.entries.append(entry)
        if kind == "exact":
            self.exact.setdefault(entry.ascii, []).append(entry)
        elif kind == "stem":
            self.stems.setdefault(entry.ascii[:3], []).append(entry)
        elif kind == "stem2":
            self.stems2.setdefault(entry.ascii[:3], []).append(entry)
        elif kind == "sacred":
            self.sacred.setdefault(entry.ascii[:3], []).append(entry)
        elif kind == "group":
            self.groups.setdefault(entry.ascii[:3], []).append(entry)
        elif kind == "modifier":
            self.modifiers.add(entry.ascii)
        elif kind == "predicate":
            self.modifiers.add(entry.ascii)
            self.predicates.add(entry.ascii)
        else:
            raise ValueError(f"content lexicon: unknown kind {kind!r} for {pattern!r}")

    @classmethod
    def load(cls) -> Lexicon:
        path = resources.files("suzgec.lexicon") / "data" / "content_lexicon.tsv"
        return cls(_read_rows(path.read_text(encoding="utf-8")))

    # -- one word --------------------------------------------------------------------------

    def allowed(self, tr2: str) -> bool:
        """Is the word (folded keeping double letters) an innocent one that merely starts like an
        entry (Amasya, sikke)?"""
        a2 = asciify(tr2)
        exact = self.allow_exact.get(a2)
        if exact is not None and (tr2 == exact or tr2 == a2):
            return True
        for entry_tr, entry_ascii in self.allow.get(a2[:3], ()):
            if a2.startswith(entry_ascii) and _prefix_agrees(tr2, entry_tr, entry_ascii, False):
                return True
        return False

    def _stem_match(self, bucket: dict[str, list[Entry]], tr: str, a: str) -> Entry | None:
        for entry in bucket.get(a[:3], ()):
            if (
                a.startswith(entry.ascii)
                and _prefix_agrees(tr, entry.tr, entry.ascii, entry.tr_only)
                and _suffix_ok(entry, tr[len(entry.tr) :])
            ):
                return entry
        return None

    def _target_match(self, bucket: dict[str, list[Entry]], tr: str, a: str) -> Entry | None:
        """Group and sacred words are nouns: only plural, possessive and case endings may
        follow ("dinini", "müslümanlara"), so "dinle", "dinliyoruz" and "alevin" (of the
        flame) are not them."""
        for entry in bucket.get(a[:3], ()):
            if (
                a.startswith(entry.ascii)
                and _prefix_agrees(tr, entry.tr, entry.ascii, entry.tr_only)
                and _NOUN_ENDING.fullmatch(a, len(entry.ascii)) is not None
            ):
                return entry
        return None

    def _exact_match(self, tr: str, a: str) -> Entry | None:
        best: Entry | None = None
        for entry in self.exact.get(a, ()):
            if (tr == entry.tr or (not entry.tr_only and tr == entry.ascii)) and (
                best is None or entry.score > best.score
            ):
                best = entry
        return best

    def in_phrase(self, tr: str, a: str) -> bool:
        """Can this word be any word of a phrase (so it must keep its spelling in the cache)?"""
        candidates = self.phrase_words.get(a[:3], ())
        return any(_word_fits(tr, a, w) for w in candidates)

    def first_of(self, tr: str, a: str) -> tuple[Phrase, ...]:
        candidates = self.phrases.get(a[:3], ()) if len(a) >= 3 else ()
        return tuple(
            ph
            for ph in (*candidates, *self.short_phrases.get(a, ()))
            if _word_fits(tr, a, ph[0][0])
        )

    # -- a whole comment -------------------------------------------------------------------

    def items(self, comment: Comment) -> list[_Item]:
        """Words (and hashtag bodies) in order, with dodge-split letter runs joined back."""
        tokens = comment.tokens
        text = comment.text
        out: list[_Item] = []
        n = len(tokens)
        i = 0
        while i < n:
            tok = tokens[i]
            kind = tok.kind
            raw = tok.text
            if _may_start_run(tokens, i):
                found, i = self._run(tokens, i, text)
                out.extend(found)
                continue
            if kind is Kind.WORD:
                out.append((_word_hit(self, raw), tok.start, tok.end))
            elif kind is Kind.HASHTAG and len(raw) > 1:
                out.append((_word_hit(self, raw[1:]), tok.start, tok.end))
            i += 1
        return out

    def _run(self, tokens: Sequence[Token], i: int, text: str) -> tuple[list[_Item], int]:
        """Items of the dodge run that starts at token i, and the token to go on from.

        The run is tried as one word; failing that, from each later word that may start a
        run, as the rest of the run; words no joined run explains count on their own. The
        run is walked once for all of these starts (see `_walk`), and each try is capped at
        MAX_RUN_WORDS words and MAX_RUN_TOKENS tokens: walking and joining again from every
        start made "a.a.a.a…" or "!!!!…" quadratic (6.5 s for 5,000 characters).
        """
        walk = _walk(tokens, i, text)
        ends, words, stars, pieces = walk.ends, walk.words, walk.stars, walk.pieces
        out: list[_Item] = []
        k = i
        hi = -1  # ends[hi]: the furthest end the try from k may reach
        while k < walk.limit:
            tok = tokens[k]
            if k == i or _may_start_run(tokens, k):
                while (
                    hi + 1 < len(ends)
                    and ends[hi + 1] - k < MAX_RUN_TOKENS
                    and words[ends[hi + 1] + 1 - i] - words[k - i] <= MAX_RUN_WORDS
                ):
                    hi += 1
                end = ends[hi] if hi >= 0 else k
                reach = ends[-1] if ends else k  # where the run from k ends, uncapped
                if tok.text in _LEET_PUNCT and walk.spaced:
                    # From a leet symbol a run never goes on spaced ("$@ q" is no run).
                    step = bisect_right(walk.spaced, k)
                    if step < len(walk.spaced):
                        reach = ends[max(bisect_left(ends, walk.spaced[step]) - 1, 0)]
                        end = min(end, reach)
                # A try needs a word and more than one token ("a$" alone is no run).
                a, b = k - i, end + 1 - i
                if (
                    end > k
                    and words[b] > words[a]
                    # Most tries match nothing and hide no letters behind "*": one cached
                    # lookup of the joined letters settles them.
                    and (stars[b] > stars[a] or _word_hit(self, "".join(pieces[a:b])).entry)
                ):
                    # "**önemli**" is emphasis, not a masked word: stars on both sides
                    emphasis = (
                        k > 0 and tokens[k - 1].text == "*" and tokens[k - 1].end == tok.start
                    )
                    item = self._joined(tokens[k : end + 1], masked_ok=not emphasis)
                    if item is not None and end < reach and item[0].entry is not None:
                        # Cut short of its run, a window is no whole word: only a stem may
                        # match ("a a … a s" of "a a … a s i k t i r" is not "ass").
                        if item[0].entry.kind == "exact":
                            item = None
                    if item is not None:
                        out.append(item)
                        k = end + 1
                        continue
            if tok.kind is Kind.WORD:
                out.append((_word_hit(self, tok.text), tok.start, tok.end))
            k += 1
        return out, k

    def _joined(self, run: Sequence[Token], masked_ok: bool = True) -> _Item | None:
        """The run as one word, when that matches better than its pieces do."""
        joined = "".join(t.text for t in run if t.kind is Kind.WORD or t.text in _LEET_PUNCT)
        hit = _word_hit(self, joined)
        if hit.entry is None:
            if masked_ok and _masked(run):
                return (_MASKED, run[0].start, run[-1].end)
            return None
        if _initials(run) and hit.entry.ascii not in _INITIAL_DODGES:
            return None  # "M.K. Atatürk", "m.k": initials, not a dodge
        parts = (_word_hit(self, t.text) for t in run if t.kind is Kind.WORD)
        if hit.entry.score <= max((_score(p) for p in parts), default=0.0):
            return None
        return (hit, run[0].start, run[-1].end)

    def signals(self, comment: Comment, min_score: float = 0.0) -> list[Signal]:
        items = self.items(comment)
        found: list[Signal] = []
        targets = False
        for i, (hit, start, end) in enumerate(items):
            if hit is _EMPTY:
                continue
            entry = hit.entry
            if entry is not None and entry.clause is not None:
                found.append(_signal(entry.clause, entry.score, start, end))
            for words, phrase in hit.phrases:
                stop = i + len(words)
                if stop <= len(items) and phrase.clause is not None:
                    if all(
                        _word_fits(items[i + j][0].tr, items[i + j][0].ascii, w)
                        for j, w in enumerate(words[1:], 1)
                    ):
                        found.append(
                            _signal(phrase.clause, phrase.score, start, items[stop - 1][2])
                        )
            targets = targets or hit.sacred is not None or hit.group is not None
        if targets:
            found.extend(self._target_signals(items))
        if not found:
            return found
        return [s for s in _merge(found) if s.score >= min_score]

    def _target_signals(self, items: list[_Item]) -> list[Signal]:
        """Sacred or group words next to a curse, an insult or a demeaning modifier.

        A sacred word (Allah, din, Kuran) counts only with a case ending, as the object of a
        verbal curse ("allahını", "dinine"): "Allah aşkına siktir git" swears, it does not attack
        God. Interjections (amk, aq) never make an attack; modifiers ("pis", "dölü") must be
        right next to the group word.
        """
        out: list[Signal] = []
        for i, (hit, start, end) in enumerate(items):
            sacred, group = hit.sacred, hit.group
            if sacred is None and group is None:
                continue
            if sacred is not None and hit.ascii == sacred.ascii:
                sacred = None  # bare "Allah", "din": not the object of a curse
            lo, hi = max(0, i - WINDOW), min(len(items), i + max(WINDOW, PREDICATE_WINDOW) + 1)
            for j in range(lo, hi):
                if j == i:
                    continue
                other = items[j][0]
                e = other.entry
                curse = (
                    e is not None
                    and e.clause is Clause.PROFANITY
                    and e.kind in ("stem", "stem2")
                    and e.score >= CURSE_SCORE
                )
                insult = (
                    e is not None
                    and e.clause in (Clause.INSULT, Clause.OFFENSIVE, Clause.BELIEF_ATTACK)
                    and e.score >= INSULT_SCORE
                )
                is_predicate = other.ascii in self.predicates
                if abs(j - i) > WINDOW and not is_predicate:
                    continue  # beyond the curse/insult window only predicates count
                modifier = other.modifier and abs(j - i) == 1
                predicate = is_predicate and 1 < j - i <= PREDICATE_WINDOW and group is not None
                target = sacred if (sacred is not None and curse) else group
                if target is None or target.clause is None:
                    continue
                if not (curse or insult or modifier or predicate):
                    continue
                score = max(target.score, 0.9) if curse else target.score
                if predicate and not (curse or insult or modifier):
                    score = min(score, PREDICATE_SCORE)
                span = (min(start, items[j][1]), max(end, items[j][2]))
                out.append(_signal(target.clause, score, *span))
                break
        return out


def _read_rows(text: str) -> list[tuple[str, str, str, float]]:
    rows: list[tuple[str, str, str, float]] = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("pattern\t"):
            continue
        pattern, kind, clause, score, *_ = line.split("\t")
        rows.append((pattern, kind, clause, float(score)))
    return rows


@word_cache(maxsize=1 << 17)
def _word_hit(lex: Lexicon, raw: str) -> _Hit:
    tr2 = _key(raw, keep=2)
    if len(tr2) <= 3 and any(ch.isdigit() for ch in raw):
        return _EMPTY  # "5g", "4k", "3d": numbers with a unit, not leetspeak
    tr = squeeze(tr2)  # the same as _key(raw): squeezing runs of 2+ after runs of 3+
    a = asciify(tr)
    if not tr or lex.allowed(tr2):
        return _EMPTY
    entry = lex._exact_match(tr, a)
    for stem in (lex._stem_match(lex.stems, tr, a), lex._stem_match(lex.stems2, tr2, asciify(tr2))):
        if stem is not None and (entry is None or stem.score > entry.score):
            entry = stem
    sacred = lex._target_match(lex.sacred, tr, a)
    group = lex._target_match(lex.groups, tr, a)
    if entry is None and "I" in raw and len(tr) >= 5:
        # Typed in capitals, "I" often stands for "İ" ("SIKTIGIMIN", "PIÇLER"); short words
        # are left alone because "SIK" (often) is a real word.
        dotted = _word_hit(lex, raw.replace("I", "İ"))
        if dotted.entry is not None:
            return dotted
    modifier = a in lex.modifiers
    phrases = lex.first_of(tr, a)
    if entry or sacred or group or modifier or phrases or lex.in_phrase(tr, a):
        return _Hit(entry, sacred, group, modifier, phrases, tr, a)
    return _EMPTY


def _score(hit: _Hit) -> float:
    return hit.entry.score if hit.entry is not None else 0.0


def _word_fits(tr: str, a: str, word: tuple[str, str]) -> bool:
    """Does a word of the comment fit a phrase word: equal, or extending it when it has 3+
    letters ("ananı" fits "ananı"; "sikeyim" fits "sik")?"""
    wtr, wa = word
    if a == wa:
        return tr == wtr or tr == wa
    return len(wa) >= 3 and a.startswith(wa) and _prefix_agrees(tr, wtr, wa, False)


def _may_start_run(tokens: Sequence[Token], i: int) -> bool:
    """Most tokens cannot start a dodge run; only a lone letter, a leet symbol, or a word
    glued to a separator ("a.q", "s*ktir") with a token after it can."""
    tok = tokens[i]
    raw = tok.text
    if i + 1 >= len(tokens) or not (tok.kind is Kind.WORD or raw in _LEET_PUNCT):
        return False
    nxt = tokens[i + 1]
    return (
        raw in _LEET_PUNCT
        or (nxt.start == tok.end and (nxt.text in _GLUE or nxt.text in _LEET_PUNCT))
        # Asked last, and only of short tokens (a longer one is never one letter): most
        # words are settled without a cache call.
        or (len(raw) <= 4 and _one_letter(raw))
    )


class _Walk(NamedTuple):
    ends: list[int]  # token indices
    words: list[int]  # prefix counts, indexed from the run's first token
    stars: list[int]
    pieces: list[str]
    spaced: list[int]  # tokens the run reached across a space (single letters only)
    limit: int


def _walk(tokens: Sequence[Token], i: int, text: str) -> _Walk:
    """The dodge run starting at token i, walked once.

    A run is letters glued by separator tokens with no space ("a.q", "s*ktir", "$erefsiz"), or
    single letters a space or two apart ("s i k", "o ç", "a . q"). `ends`: the tokens a run may
    end on (its words, and "*" glued after one: self-censored letters, "o*****", "b**");
    `words[j]` and `stars[j]`: how many words and "*" tokens[i : i + j] hold; `pieces`: what
    each token adds to the joined word (words and leet symbols).

    The same walk serves every later start before `limit`: from any of them a run reaches the
    same tokens. Only a lone letter after the last longer word (or after a leet start) may
    begin a run that goes on spaced where this one stopped, so `limit` is there, and the walk
    from it covers these tokens a second time.
    """
    first = tokens[i]
    is_word = first.kind is Kind.WORD
    single = is_word and _one_letter(first.text)
    ends = [i] if is_word else []
    words = [0, int(is_word)]
    star_counts = [0, 0]
    pieces = [first.text]
    spaced_steps: list[int] = []
    seen_word = is_word
    # Starts from `restart` on may reach further; `pending`: the next lone letter is one.
    restart, pending = -1, not single
    stars = 0
    j = i + 1
    while j < len(tokens):
        tok, prev = tokens[j], tokens[j - 1]
        gap = text[prev.end : tok.start]
        spaced = single and 0 < len(gap) <= 2 and gap.isspace()
        is_word = tok.kind is Kind.WORD
        if is_word:
            one = _one_letter(tok.text)
            if not ((gap == "" and prev.kind is not Kind.WORD) or (spaced and one)):
                break
            if not one:
                single = False
                restart, pending = -1, True
            elif pending:
                restart, pending = j, False
            seen_word = True
            ends.append(j)
            stars = 0
        elif tok.text in _GLUE or tok.text in _LEET_PUNCT:
            if not (gap == "" or spaced):
                break
            stars = stars + 1 if tok.text == "*" and gap == "" else 0
            if stars >= 2 and seen_word:
                ends.append(j)
        else:
            break
        words.append(words[-1] + is_word)
        star_counts.append(star_counts[-1] + (tok.text == "*"))
        pieces.append(tok.text if is_word or tok.text in _LEET_PUNCT else "")
        if gap:
            spaced_steps.append(j)
        j += 1
    return _Walk(ends, words, star_counts, pieces, spaced_steps, j if restart < 0 else restart)


def _masked(run: Sequence[Token]) -> bool:
    """Letters hidden behind asterisks ("s**imi", "o***** çocuğu", "b** olmaz"): people only
    censor words they know are swearing."""
    texts = [t.text for t in run]
    return texts.count("*") >= 2 or (
        "*" in texts[1:-1] and run[0].kind is Kind.WORD and run[-1].kind is Kind.WORD
    )


@word_cache(maxsize=1 << 14)
def _one_letter(raw: str) -> bool:
    # Longer tokens fold to one letter only through repeats or invisible characters ("ss").
    return len(raw) == 1 or (len(raw) <= 4 and len(_key(raw)) == 1)


def _initials(run: Sequence[Token]) -> bool:
    """ "M.K.", "A. B." or a two-letter "m.k" look like name initials, not a dodge."""
    pieces = [t.text for t in run if t.is_word]
    if not all(len(p) == 1 for p in pieces):
        return False
    return len(pieces) == 2 or all(p.isupper() for p in pieces)


# Joined runs that are dodges even when written like initials ("A.Q", "O.Ç").
_INITIAL_DODGES = frozenset({"aq", "amq", "amk", "oc", "sg"})


def _signal(clause: Clause, score: float, start: int, end: int) -> Signal:
    return Signal(clause, score, start, end, MESSAGES[clause])


def _merge(signals: list[Signal]) -> list[Signal]:
    """One signal per clause for overlapping spans: the union span with the highest score
    ("ananı sikeyim" and "sikeyim" are one profanity, not two)."""
    out: list[Signal] = []
    for clause in CONTENT_CLAUSE_IDS:
        spans = sorted((s for s in signals if s.clause is clause), key=lambda s: s.start)
        for s in spans:
            if out and out[-1].clause is clause and s.start < out[-1].end:
                last = out[-1]
                out[-1] = _signal(
                    clause, max(last.score, s.score), last.start, max(last.end, s.end)
                )
            else:
                out.append(s)
    out.sort(key=lambda s: (s.start, s.end))
    return out


_LEXICON: Lexicon | None = None


def lexicon() -> Lexicon:
    """The shipped lexicon, compiled once per process."""
    global _LEXICON
    if _LEXICON is None:
        _LEXICON = Lexicon.load()
    return _LEXICON


@word_cache(maxsize=1 << 16)
def is_allowed(word: str) -> bool:
    """Is the word as written one of the lexicon's innocent look-alikes (sikke, Amasya,
    şikayet)? The content model's network leaves them out of its input (classifier/cnn.py):
    built from character n-grams, it reads "sikke" as "sik"."""
    return lexicon().allowed(_key(word, keep=2))


class LexiconCheck:
    """Clause check for the four content clauses: `(Comment) -> list[Signal]`."""

    version = VERSION

    def __init__(self, lex: Lexicon | None = None, min_score: float = MIN_SIGNAL_SCORE) -> None:
        self.lexicon = lex or lexicon()
        self.min_score = min_score

    def __call__(self, comment: Comment) -> list[Signal]:
        return self.lexicon.signals(comment, self.min_score)
