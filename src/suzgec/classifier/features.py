"""Text → hashed sparse features, shared by training and the runtime loader.

One function decides what the model sees, so a comment is featurised the same way when
the model is trained and when it is served. Features are hashed with CRC-32 (stable across
processes and Python versions, unlike `hash()`) so the shipped artifact needs no vocabulary
strings and loading needs only numpy.

Normalisation, per token (spans keep offsets into the original text):
- words: `fold` (invisible characters, homoglyphs, Turkish lower case, leetspeak, repeats)
  then `asciify`, so "Şerefsiz", "serefsiz" and "$erefsiiiz" meet in one form;
- letters split by separators ("a.q", "o.ç", "s-i-k") or spaced out ("s i k t i r") are joined;
- @mentions → "@user", URLs and e-mails → "url" (the data set replaced them the same way);
- hashtags: their words count as words (#ŞerefsizAdam → "serefsizadam");
- emoji kept as they are (😡 and 🤮 carry meaning), other punctuation dropped.
"""

from __future__ import annotations

import itertools
import math
import re
import zlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from suzgec.text.bounds import LONGEST_WORD, word_cache
from suzgec.text.normalize import asciify, fold
from suzgec.text.tokenize import Kind, Token, tokenize

# Feature blocks: each is hashed into its own range and L2-normalised on its own, so the
# hundreds of character n-grams do not drown the few word features.
WORD_BITS = 20
CHAR_BITS = 20
WORD_DIM = 1 << WORD_BITS
CHAR_DIM = 1 << CHAR_BITS
DIM = WORD_DIM + CHAR_DIM
CHAR_MIN, CHAR_MAX = 1, 5

# Separators people put between letters to dodge filters: "a.q", "o.ç", "s-i-k", "a*k".
_LETTER_SEPARATORS = frozenset(".-_*,+/")


_DOLLAR_S = re.compile(r"\$(?=[^\W\d_])")


# Words that name a people or a faith's believers, as folded ASCII stems. A comment is not
# more offensive for naming one: the model's scores discount these words' own push (see
# ContentModel.explain), so only what is said about a group counts.
IDENTITY_STEMS = (
    "musluman|hristiyan|hiristiyan|yahudi|musevi|alevi|sunni|ateist|deist|budist|ortodoks"
    "|katolik|protestan|sirp|arnavut|kurt|ermeni|suriyeli|arap|yunan|rum|laz|cerkez|gurcu"
    "|bosnak|afgan|turk|turkmen|alman|rus|amerikali|ingiliz|fransiz|acem|iranli|israilli"
)
_IDENTITY = re.compile(
    rf"(?:{IDENTITY_STEMS})(?:lar|ler)?(?:i|u|in|un|nin|nun|yi|yu|a|e|ya|ye|da|de|ta|te"
    r"|dan|den|tan|ten|la|le|yla|yle|ca|ce|lik|luk|dir|dur)?"
)


@word_cache(maxsize=1 << 15)
def is_identity(form: str) -> bool:
    """`form` (a unit's folded ASCII form) names a people or believers: "yahudiler",
    "kurtlerin", "suriyeli"."""
    return _IDENTITY.fullmatch(form) is not None


@dataclass(frozen=True, slots=True)
class Unit:
    """One normalised token with the span of original text it came from."""

    form: str
    start: int
    end: int


@word_cache(maxsize=1 << 16)
def _word_form(word: str) -> str:
    """Cached: words repeat (Zipf), and folding is most of the per-token cost."""
    return asciify(fold(word))


def _form(token: Token) -> str | None:
    if token.kind is Kind.MENTION:
        return "@user"
    if token.kind in (Kind.URL, Kind.EMAIL):
        return "url"
    if token.kind is Kind.HASHTAG:
        return asciify(fold(token.text[1:])) or None
    if token.kind is Kind.WORD:
        return _word_form(token.text)
    if token.kind is Kind.NUMBER:
        return token.text
    if token.kind is Kind.EMOJI:
        return token.text
    return None


def units(text: str, tokens: Sequence[Token] | None = None) -> list[Unit]:
    """Normalised tokens of `text` with original offsets; single letters split by separators
    or spaces are joined back into the word they spell. `tokens`: the text's tokens when
    they exist already (they are re-made where a "$" stands for an "s")."""
    # "$erefsiz": a dollar glued to a word is an "s" (same length, so offsets stay valid).
    if tokens is None or "$" in text:
        tokens = tokenize(_DOLLAR_S.sub("s", text))
    out: list[Unit] = []
    i = 0
    n = len(tokens)
    while i < n:
        tok = tokens[i]
        if tok.kind is Kind.WORD and len(tok.text) <= 2:
            # Collect a run of short letter tokens glued by one separator ("a.q", "o.ç") or
            # by single spaces ("s i k t i r").
            j = i
            glued: list[Token] = [tok]
            spaced = True
            while j + 1 < n:
                nxt = tokens[j + 1]
                if (
                    nxt.kind is Kind.PUNCT
                    and nxt.text in _LETTER_SEPARATORS
                    and nxt.start == tokens[j].end
                    and j + 2 < n
                    and tokens[j + 2].kind is Kind.WORD
                    and len(tokens[j + 2].text) <= 2
                    and tokens[j + 2].start == nxt.end
                ):
                    glued.append(tokens[j + 2])
                    spaced = False
                    j += 2
                elif (
                    nxt.kind is Kind.WORD
                    and len(nxt.text) == 1
                    and len(tokens[j].text) == 1
                    and nxt.start == tokens[j].end + 1
                    and text[tokens[j].end] == " "
                ):
                    glued.append(nxt)
                    j += 1
                else:
                    break
            # Spaced letters only count when there are at least three ("a ve b" stays apart).
            if len(glued) >= 2 and (not spaced or len(glued) >= 3):
                joined = asciify(fold("".join(t.text for t in glued)))
                out.append(Unit(joined, glued[0].start, glued[-1].end))
                i = j + 1
                continue
        # Most tokens are words: their form straight from the cache.
        form = _word_form(tok.text) if tok.kind is Kind.WORD else _form(tok)
        if form:
            out.append(Unit(form, tok.start, tok.end))
        i += 1
    return out


def _bucket(feature: str, dim: int) -> int:
    return zlib.crc32(feature.encode("utf-8")) & (dim - 1)


@word_cache(maxsize=1 << 16)
def unit_features(form: str) -> tuple[int, ...]:
    """Hashed ids of one unit's own features: the word and its character n-grams
    (within word boundaries, like scikit-learn's char_wb). Cached: word forms repeat
    (Zipf), and hashing n-grams was a third of the time per comment."""
    ids = [_bucket("w " + form, WORD_DIM)]
    # Same ids as hashing each n-gram string with `_bucket`, but one UTF-8 encoding and
    # byte slices where the form is ASCII (it nearly always is: forms are asciified).
    padded = f" {form} "
    if len(form) > LONGEST_WORD:
        # Longer than any word: keyboard noise or an attack. Its n-grams come from its first
        # letters only (no word end is seen), so their number does not grow with its length.
        padded = f" {form[:LONGEST_WORD]}"
    crc32, mask = zlib.crc32, CHAR_DIM - 1
    if padded.isascii():
        raw = padded.encode("ascii")
        ids.extend(
            [
                WORD_DIM + (crc32(g) & mask)
                for n in range(CHAR_MIN, CHAR_MAX + 1)
                for k in range(len(raw) - n + 1)
                if (g := raw[k : k + n]) != b" "
            ]
        )
    else:
        length = len(padded)
        for n in range(CHAR_MIN, CHAR_MAX + 1):
            for k in range(length - n + 1):
                gram = padded[k : k + n]
                if gram != " ":
                    ids.append(WORD_DIM + _bucket(gram, CHAR_DIM))
    return tuple(ids)


def bigram_feature(left: str, right: str) -> int:
    return _bucket(f"b {left} {right}", WORD_DIM)


def features(
    text: str, tokens: Sequence[Token] | None = None
) -> tuple[list[Unit], list[tuple[int, ...]], list[int]]:
    """The units, each unit's own feature ids, and the word-bigram ids of `text`."""
    us = units(text, tokens)
    per_unit = [unit_features(u.form) for u in us]
    bigrams = [bigram_feature(a.form, b.form) for a, b in itertools.pairwise(us)]
    return us, per_unit, bigrams


def counts(text: str) -> Counter[int]:
    """Feature id → count for one text (what both trainer and runtime weight with TF-IDF)."""
    _, per_unit, bigrams = features(text)
    c: Counter[int] = Counter(bigrams)
    for ids in per_unit:
        c.update(ids)
    return c


def dedup_key(text: str) -> str:
    """Comparison key for finding the same comment in two data sets: normalised words only,
    mentions and links dropped (compilations re-export tweets with different handles)."""
    return " ".join(u.form for u in units(text) if u.form not in ("@user", "url"))


def sublinear(count: int) -> float:
    """TF weighting used by both sides: 1 + ln(count)."""
    return 1.0 + math.log(count)
