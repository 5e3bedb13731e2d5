"""Turkish diacritic restoration: "cok guzel" → "çok güzel", "Sirbistan" → "Sırbistan".

Three layers, tried in order for each word (plain dict lookups, so a 20-word comment
costs well under a tenth of a millisecond):

1. A word-form lexicon keyed by the asciified lower-case form ("guzel" → "güzel"),
   learned from correctly written Turkish (UD), filled in from wordfreq and comment
   text with Turkish-letter forms only, unless comment writers who do have Turkish
   letters at hand type the word in ASCII ("suriyeliler"). Most words end here.
2. For keys with more than one real form ("su"/"şu", "koy"/"köy") a small decision
   list over the neighbouring words (whole and stem-sized prefixes) and the last vowel
   of the previous word. The question particle ("mi"/"mı"/"mu"/"mü", "midir" …) follows
   vowel harmony with the word before it by rule (`particle_form`).
3. For words never seen, a known stem ("kimlik|siz") fixes the first letters when the
   rest is a suffix chain seen after stems in training; then a character-context
   model decides each remaining c g i o s u from the longest context seen in training
   (the word's last restored vowel, restored letters on the left, ASCII letters on the
   right). This is our own backoff design in the spirit of Yuret & de la Maza's
   context-window decision lists; no third-party table or code is used.

The artifact is built by `python -m suzgec.training.diacritics`; see
docs/models/diacritics.md for the data, the command and the dev-set numbers.
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from suzgec import messages
from suzgec.errors import ModelError
from suzgec.text import manifest
from suzgec.text.bounds import is_noise, word_cache
from suzgec.text.casing import tr_lower, tr_upper
from suzgec.text.foreign import is_foreign_word, not_turkish
from suzgec.text.normalize import TURKISH_LETTERS, asciify
from suzgec.text.tokenize import Kind, tokenize

VERSION = "diacritics-1.1"
ARTIFACT = "diacritics.json.gz"

# The six ASCII letters that may stand for a Turkish one, and what they toggle to.
TOGGLE = {"c": "ç", "g": "ğ", "i": "ı", "o": "ö", "s": "ş", "u": "ü"}
_TR_LOWER = frozenset("çğıöşü")
VOWELS = frozenset("aeıioöuüâîû")
# Key characters the model understands; a word with anything else (digits, other
# scripts, leetspeak) is not ours to restore.
_KEY_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzâîû'’")
_KEY_RE = re.compile("[" + "".join(sorted(_KEY_CHARS)) + "]+")
# Unknown all-capital short words are acronyms (KFOR, TBMM), not Turkish words.
_ACRONYM_MAX = 4
STEM_PREFIX = 4


def word_key(word: str) -> str:
    """The lookup key of a word: Turkish lower case, then Turkish letters dropped to ASCII."""
    return asciify(tr_lower(word))


def last_vowel(form: str) -> str:
    for ch in reversed(form):
        if ch in VOWELS:
            return ch
    return "-"


def context_features(
    prev_key: str, prev_form: str, next_key: str, capitalized: bool
) -> tuple[str, ...]:
    """Features for choosing among the forms of an ambiguous key. Shared with training
    so both sides always agree on what a feature means."""
    feats = [
        "p:" + prev_key,
        "n:" + next_key,
        "v:" + last_vowel(prev_form),
        # Stem-sized prefixes generalise over inflection: "yas tuttu", "yas tutan".
        "P:" + prev_key[:STEM_PREFIX],
        "N:" + next_key[:STEM_PREFIX],
    ]
    if capitalized:
        feats.append("c:1")
    return tuple(feats)


def apply_case(original: str, form: str) -> str:
    """Put the writer's casing pattern onto a lower-case restored form of the same length."""
    if original.islower():
        return form
    if len(original) != len(form):
        return original
    if original.isupper():
        return tr_upper(form)
    out = []
    for o, f in zip(original, form, strict=True):
        out.append(tr_upper(f) if o.isupper() else f)
    return "".join(out)


@dataclass(frozen=True, slots=True)
class Choice:
    form: str  # lower-case restored form
    confidence: float  # that `form` is what the writer meant


class Restorer:
    """Restores Turkish letters. Build once (`default_restorer()`), call from any thread."""

    def __init__(self, model: dict[str, Any]) -> None:
        self.version: str = model.get("version", VERSION)
        # key → [form or "" when the form is the key itself, count]
        self._words: dict[str, list[Any]] = model["words"]
        # key → [default form, default score, {feature: [form, score]}]
        self._ambiguous: dict[str, list[Any]] = model["ambiguous"]
        # context string → probability (percent) that the centre letter takes its Turkish form
        self._chars: dict[str, int] = model["chars"]
        self._chain: list[tuple[int, int]] = [(int(a), int(b)) for a, b in model["chain"]]
        self._stem_min: int = model.get("stem_min", 0)
        self._stem_any: bool = model.get("stem_any", True)
        self._suffixes: frozenset[str] = frozenset(model.get("suffixes", ()))
        # Percent above which the character model adds a Turkish letter.
        self._toggle_at: int = model.get("toggle_at", 50)
        self._pad_left = max(a for a, _ in self._chain) + 1
        self._pad_right = max(b for _, b in self._chain) + 1
        # No stem is longer than the longest known word: `_stem` starts there, so its cost
        # does not grow with the square of a long unknown word.
        self._longest = max(map(len, self._words), default=0)
        self._alone = word_cache(maxsize=1 << 15)(self._restore_alone)

    @classmethod
    def load(cls, path: str | Path | None = None) -> Restorer:
        """The shipped model (checked against data/MANIFEST.json), or a file being built."""
        if path is not None:
            return cls(json.loads(gzip.decompress(Path(path).read_bytes()).decode("utf-8")))
        text = manifest.data_text(ARTIFACT)
        try:
            return cls(json.loads(text))
        except (ValueError, KeyError, TypeError) as exc:  # JSONDecodeError is a ValueError
            ref = resources.files("suzgec.text") / "data" / ARTIFACT
            reason = type(exc).__name__
            fix = messages.FIX_MANIFEST
            raise ModelError(
                messages.MODEL_UNREADABLE.format(path=ref, reason=reason, fix=fix)
            ) from None

    # -- word level -------------------------------------------------------------------

    def known(self, key: str) -> bool:
        return key in self._words

    def lexicon_form(self, word: str) -> str | None:
        """The lower-case form the lexicon gives this word's key out of context ("sasa" →
        "şaşa"), or None for a key it never saw."""
        key = word_key(word)
        amb = self._ambiguous.get(key)
        if amb is not None:
            return str(amb[0])
        entry = self._words.get(key)
        return None if entry is None else (entry[0] or key)

    def is_real_form(self, word: str) -> bool:
        """True when the word as written is itself a form seen in correct text ("bas" beside
        "baş", "su" beside "şu"): then a missing letter is only a guess, not evidence."""
        lower = tr_lower(word)
        return self._is_form(word_key(word), lower)

    def _lexicon_choice(self, key: str, feats: tuple[str, ...]) -> Choice | None:
        amb = self._ambiguous.get(key)
        if amb is not None:
            form, score, rules = amb
            for f in feats:
                rule = rules.get(f)
                if rule is not None and rule[1] > score:
                    form, score = rule
            # Scores are log-odds of the chosen form; map back to a probability.
            return Choice(form, 1.0 - 1.0 / (1.0 + 2.718281828**score))
        entry = self._words.get(key)
        if entry is None:
            return None
        form, n = entry
        # Seen n times, always in this form: Laplace-style confidence.
        return Choice(form or key, (n + 0.5) / (n + 1.0))

    def _stem(self, key: str) -> str:
        """Restored form of the known word that starts this unseen word (its stem:
        "kimliksiz" starts with "kimlik"), or "" when none is long enough.

        The longest stem whose remainder is a suffix chain seen after known stems in
        training wins ("sivil|aştı" loses to "sıvılaş|tı" when only the latter is a
        known split); failing that, the longest stem (when `stem_any`)."""
        words = self._words
        suffixes = self._suffixes
        fallback = ""
        for end in range(min(len(key) - 1, self._longest), self._stem_min - 1, -1):
            entry = words.get(key[:end])
            if entry is not None:
                if key[end:] in suffixes:
                    return entry[0] or key[:end]
                if not fallback:
                    fallback = entry[0] or key[:end]
        return fallback if self._stem_any else ""

    def _char_choice(self, key: str, left: str, right: str) -> Choice:
        """Letter by letter, left to right, so restored letters (and the vowel they set for
        harmony) inform the next decision; a known stem fixes the first letters."""
        prefix = self._stem(key) if self._stem_min else ""
        chars = self._chars
        chain = self._chain
        out: list[str] = list(prefix)
        vowel = "#"
        for ch in reversed(prefix):
            if ch in VOWELS:
                vowel = ch
                break
        conf = 1.0
        for j in range(len(prefix), len(key)):
            ch = key[j]
            if ch not in TOGGLE:
                out.append(ch)
                if ch in VOWELS:
                    vowel = ch
                continue
            # Only the nearest letters are ever looked at (the widest window of `chain`):
            # joining all of `out`, or slicing to the end of `key`, made long words quadratic.
            lctx = left + "".join(out[-self._pad_left :])
            rctx = key[j : j + self._pad_right] + right
            p = 0
            for lw, rw in reversed(chain):
                s = vowel + (lctx[-lw:] if lw else "") + rctx[: rw + 1]
                hit = chars.get(s)
                if hit is not None:
                    p = hit
                    break
            new = TOGGLE[ch] if p > self._toggle_at else ch
            out.append(new)
            conf *= p / 100.0 if new != ch else 1.0 - p / 100.0
            if new in VOWELS:
                vowel = new
        return Choice("".join(out), conf)

    def restore_words(self, words: Sequence[str]) -> list[tuple[str, float]]:
        """Restore a sentence given as its word tokens, in order (punctuation left out).

        Returns, per word, the restored word (writer's casing kept) and the confidence that
        this form is what the writer meant. Words the model does not handle (numbers,
        leetspeak, other scripts, foreign words: `suzgec.text.foreign`) come back unchanged
        with confidence 1.0; they still give their neighbours context.
        """
        looks = [_look(w) for w in words]
        keys = [key for _, key, _, _ in looks]
        result: list[tuple[str, float]] = []
        forms: list[str] = []  # restored lower-case forms so far (left context)
        lexicon = self._words
        ambiguous = self._ambiguous
        for i, word in enumerate(words):
            lower, key, foreign, plain = looks[i]
            entry = lexicon.get(key)
            if foreign:  # "OR" is no "ÖR", "iPhone" no "ıPhone"
                form, conf = lower, 1.0
            # Fast path, most words: a known key with a single form, typed without
            # Turkish letters (asciify leaves the word as it is).
            elif entry is not None and key not in ambiguous and plain:
                form = entry[0] or key
                conf = (entry[1] + 0.5) / (entry[1] + 1.0)
            else:
                form, conf = self._restore_one(word, lower, key, i, keys, forms)
            forms.append(form)
            result.append((word if form == lower else apply_case(word, form), conf))
        return result

    def _features(self, word: str, i: int, keys: list[str], forms: list[str]) -> tuple[str, ...]:
        return context_features(
            keys[i - 1] if i else "<s>",
            forms[i - 1] if i else "<s>",
            keys[i + 1] if i + 1 < len(keys) else "</s>",
            i > 0 and word[:1].isupper() and not word.isupper(),
        )

    def _restore_one(
        self, word: str, lower: str, key: str, i: int, keys: list[str], forms: list[str]
    ) -> tuple[str, float]:
        alone = self._alone(word)
        if alone is not None:
            return alone
        # The neighbours decide: between the forms of an ambiguous key, for a question
        # particle (in harmony with the word before it), and in the letter model's window.
        feats = self._features(word, i, keys, forms) if key in self._ambiguous else ()
        if asciify(word) != word:
            return self._complete(word, lower, key, feats)
        if i and key in _PARTICLES:
            particle = particle_form(key, forms[i - 1])
            if particle is not None:
                return particle, 0.99
        choice = self._lexicon_choice(key, feats)
        if choice is None:
            if word.isupper() and len(word) <= _ACRONYM_MAX:
                return lower, 1.0
            # Four words each side always cover the widest context window.
            left = " " * self._pad_left + " ".join(forms[-4:]) + " "
            right = " " + " ".join(keys[i + 1 : i + 5]) + " " * self._pad_right
            choice = self._char_choice(key, left, right)
        return choice.form, choice.confidence

    def _restore_alone(self, word: str) -> tuple[str, float] | None:
        """`_restore_one`'s answer where the neighbours cannot change it (most words: cached
        per word as `_alone`), or None where they may."""
        lower, key, _, plain = _look(word)
        if len(lower) != len(key) or not any(ch in TOGGLE for ch in key):
            return lower, 1.0
        if is_noise(key):
            return lower, 1.0  # not a word: the letter model would only guess, at length
        if not _KEY_RE.fullmatch(key):
            return lower, 1.0
        if key in self._ambiguous:
            return None
        if not plain:
            return self._complete(word, lower, key, ())
        if key in _PARTICLES:
            return None
        choice = self._lexicon_choice(key, ())
        if choice is None:
            if word.isupper() and len(word) <= _ACRONYM_MAX:
                return lower, 1.0
            return None
        return choice.form, choice.confidence

    def _complete(
        self, word: str, lower: str, key: str, feats: tuple[str, ...]
    ) -> tuple[str, float]:
        """A word that already has Turkish letters is kept unless it is a partial spelling of a
        known form ("guzelliği" → "güzelliği"): letters are only ever added, never removed."""
        choice = self._lexicon_choice(key, feats)
        if choice is None or choice.form == lower:
            return lower, 1.0
        if self._is_form(key, lower):
            return lower, 1.0
        for w, a, b in zip(word, lower, choice.form, strict=True):
            if a != b and w in TURKISH_LETTERS:
                return lower, 1.0
        return choice.form, choice.confidence

    def _is_form(self, key: str, lower: str) -> bool:
        amb = self._ambiguous.get(key)
        if amb is None:
            return False
        return lower == amb[0] or any(r[0] == lower for r in amb[2].values())

    # -- text level -------------------------------------------------------------------

    def restore(self, text: str) -> str:
        """Restore a whole text; only word tokens change (URLs, @mentions, #hashtags,
        e-mails, numbers, markup and foreign words are never touched), and every restored word
        keeps its length."""
        every = tokenize(text)
        tokens = [t for t in every if t.kind is Kind.WORD]
        if not tokens:
            return text
        foreign = not_turkish(text, every)  # markup and foreign words, seen in context
        as_written = [f for t, f in zip(every, foreign, strict=True) if t.is_word]
        restored = self.restore_words([t.text for t in tokens])
        parts: list[str] = []
        pos = 0
        for tok, (new, _), keep in zip(tokens, restored, as_written, strict=True):
            if new != tok.text and not keep:
                parts.append(text[pos : tok.start])
                parts.append(new)
                pos = tok.end
        if not parts:
            return text
        parts.append(text[pos:])
        return "".join(parts)


@word_cache(maxsize=1 << 15)
def _look(word: str) -> tuple[str, str, bool, bool]:
    """What `Restorer.restore_words` reads of a word before context: its lower case, its key
    (lower case, asciified), whether it is foreign, whether it has no Turkish letters. Cached:
    words repeat, and these were most of the cost of a sentence."""
    lower = tr_lower(word)
    return lower, asciify(lower), is_foreign_word(word), asciify(word) == word


# The question particle and its person/tense forms, with "I" for its harmonising vowel. It
# takes the vowel of the word before it, whatever that vowel is (gerçek midir, durum mudur,
# güzel mi, öyle mi), which context statistics learn only for the commonest neighbours.
_PARTICLE_TEMPLATES = (
    "mI", "mIsIn", "mIsInIz", "mIyIm", "mIyIz", "mIdIr", "mIdIrlAr", "mIydI", "mIydIm",
    "mIydIn", "mIydIk", "mIydInIz", "mIydIlAr", "mIymIş", "mIyken",
)  # fmt: skip
_HARMONY = {"a": "ı", "ı": "ı", "o": "u", "u": "u", "e": "i", "i": "i", "ö": "ü", "ü": "ü"}
_HARMONY.update({"â": "ı", "î": "i", "û": "u"})


def _particle_keys() -> dict[str, str]:
    """ASCII key → template; "mudur" is left out: it is also the noun "müdür"."""
    keys = {}
    for template in _PARTICLE_TEMPLATES:
        for vowel in "iu":
            key = asciify(template.replace("I", vowel).replace("A", "a"))
            keys[key] = template
            keys[key.replace("a", "e")] = template
    keys.pop("mudur", None)
    return keys


_PARTICLES = _particle_keys()


def particle_form(key: str, previous: str) -> str | None:
    """The question particle `key` in harmony with the restored word before it, or None
    when that word has no vowel or when its harmony contradicts the key's rounding (then
    the key is another word: "genel müdür")."""
    vowel = last_vowel(previous)
    narrow = _HARMONY.get(vowel)
    if narrow is None or (narrow in "uü") != (key[1] == "u"):
        return None
    wide = "a" if narrow in "ıu" else "e"
    form = _PARTICLES[key].replace("I", narrow).replace("A", wide)
    return form if asciify(form) == key else None  # "midirlar" is no form after "güzel"


def needs_restoring(word: str) -> bool:
    """True when the word could be hiding Turkish letters (has one of c g i o s u)."""
    return not any(ch in TURKISH_LETTERS for ch in word) and any(
        ch in TOGGLE for ch in word_key(word)
    )


@lru_cache(maxsize=1)
def default_restorer() -> Restorer:
    """The shipped model, loaded once per process."""
    return Restorer.load()


def restore(text: str) -> str:
    return default_restorer().restore(text)
