"""Turkish diacritic restoration: "cok guzel" → "çok güzel", "Sirbistan" → "Sırbistan".

Three layers, tried in order for each word (all lookups in plain dicts, so a 20-word
comment costs tens of microseconds):

1. A word-form lexicon learned from correctly written Turkish, keyed by the asciified
   lower-case form ("guzel" → "güzel"). Most words are settled here.
2. For keys with more than one real form ("mi"/"mı", "su"/"şu", "koy"/"köy") a small
   decision list over the neighbouring words and the last vowel of the previous word
   (vowel harmony decides the question particle), learned with the lexicon.
3. For words never seen in training, a character-context model: for each of c g i o s u
   the longest context seen in training (already restored letters on the left, ASCII
   letters on the right) votes toggle/keep. This is our own backoff design in the
   spirit of Yuret & de la Maza's context-window decision lists.

The artifact is built by `python -m suzgec.training.diacritics`; see
docs/models/diacritics.md for the data, the command and the dev-set numbers.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from suzgec.text.casing import tr_lower, tr_upper
from suzgec.text.normalize import TURKISH_LETTERS, asciify
from suzgec.text.tokenize import Kind, tokenize

VERSION = "diacritics-1"
ARTIFACT = "diacritics.json.gz"

# The six ASCII letters that may stand for a Turkish one, and what they toggle to.
TOGGLE = {"c": "ç", "g": "ğ", "i": "ı", "o": "ö", "s": "ş", "u": "ü"}
_TR_LOWER = frozenset("çğıöşü")
_VOWELS = frozenset("aeıioöuüâîû")
# Key characters the model understands; a word with anything else (digits, other
# scripts, leetspeak) is not ours to restore.
_KEY_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzâîû'’")
# Unknown all-capital short words are acronyms (KFOR, TBMM), not Turkish words.
_ACRONYM_MAX = 4


def word_key(word: str) -> str:
    """The lookup key of a word: Turkish lower case, then Turkish letters dropped to ASCII."""
    return asciify(tr_lower(word))


def last_vowel(form: str) -> str:
    for ch in reversed(form):
        if ch in _VOWELS:
            return ch
    return "-"


def context_features(
    prev_key: str, prev_form: str, next_key: str, capitalized: bool
) -> tuple[str, ...]:
    """Features for choosing among the forms of an ambiguous key. Shared with training
    so both sides always agree on what a feature means."""
    feats = ["p:" + prev_key, "n:" + next_key, "v:" + last_vowel(prev_form)]
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
        self._pad_left = max(a for a, _ in self._chain) + 1
        self._pad_right = max(b for _, b in self._chain) + 1

    @classmethod
    def load(cls, path: str | Path | None = None) -> Restorer:
        if path is None:
            ref = resources.files("suzgec.text") / "data" / ARTIFACT
            raw = ref.read_bytes()
        else:
            raw = Path(path).read_bytes()
        return cls(json.loads(gzip.decompress(raw).decode("utf-8")))

    # -- word level -------------------------------------------------------------------

    def known(self, key: str) -> bool:
        return key in self._words

    def _lexicon_choice(self, key: str, feats: tuple[str, ...]) -> Choice | None:
        amb = self._ambiguous.get(key)
        if amb is not None:
            form, score, rules = amb
            for f in feats:
                rule = rules.get(f)
                if rule is not None and rule[1] > score:
                    form, score = rule
            # Scores are log-odds of the chosen form; map back to a probability.
            return Choice(form, 1.0 - 1.0 / (1.0 + 2.718281828 ** score))
        entry = self._words.get(key)
        if entry is None:
            return None
        form, n = entry
        # Seen n times, always in this form: Laplace-style confidence.
        return Choice(form or key, (n + 0.5) / (n + 1.0))

    def _char_choice(self, key: str, left: str, right: str) -> Choice:
        """Letter by letter, left to right, so restored letters inform the next decision."""
        chars = self._chars
        chain = self._chain
        out: list[str] = []
        conf = 1.0
        for j, ch in enumerate(key):
            if ch not in TOGGLE:
                out.append(ch)
                continue
            lctx = left + "".join(out)
            rctx = key[j:] + right
            p = 0
            for lw, rw in reversed(chain):
                s = (lctx[-lw:] if lw else "") + rctx[: rw + 1]
                hit = chars.get(s)
                if hit is not None:
                    p = hit
                    break
            if p > 50:
                out.append(TOGGLE[ch])
                conf *= p / 100.0
            else:
                out.append(ch)
                conf *= 1.0 - p / 100.0
        return Choice("".join(out), conf)

    def restore_words(self, words: Sequence[str]) -> list[tuple[str, float]]:
        """Restore a sentence given as its word tokens, in order (punctuation left out).

        Returns, per word, the restored word (writer's casing kept) and the confidence that
        this form is what the writer meant. Words the model does not handle (numbers,
        leetspeak, other scripts) come back unchanged with confidence 1.0.
        """
        keys = [word_key(w) for w in words]
        result: list[tuple[str, float]] = []
        forms: list[str] = []  # restored lower-case forms so far (left context)
        n = len(words)
        for i, word in enumerate(words):
            key = keys[i]
            form, conf = self._restore_one(word, key, i, keys, forms)
            forms.append(form)
            result.append((word if form == tr_lower(word) else apply_case(word, form), conf))
        assert len(result) == n
        return result

    def _restore_one(
        self, word: str, key: str, i: int, keys: list[str], forms: list[str]
    ) -> tuple[str, float]:
        lower = tr_lower(word)
        if len(lower) != len(key) or not all(ch in _KEY_CHARS for ch in key):
            return lower, 1.0
        if not any(ch in TOGGLE for ch in key):
            return lower, 1.0
        prev_key = keys[i - 1] if i else "<s>"
        prev_form = forms[i - 1] if i else "<s>"
        next_key = keys[i + 1] if i + 1 < len(keys) else "</s>"
        capitalized = i > 0 and word[:1].isupper() and not word.isupper()
        feats = context_features(prev_key, prev_form, next_key, capitalized)
        if any(ch in TURKISH_LETTERS for ch in word):
            return self._complete(word, lower, key, feats)
        choice = self._lexicon_choice(key, feats)
        if choice is None:
            if word.isupper() and len(word) <= _ACRONYM_MAX:
                return lower, 1.0
            # Four words each side always cover the widest context window.
            left = " " * self._pad_left + " ".join(forms[-4:]) + " "
            right = " " + " ".join(keys[i + 1 : i + 5]) + " " * self._pad_right
            choice = self._char_choice(key, left, right)
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
        e-mails and numbers are never touched), and every restored word keeps its length."""
        tokens = [t for t in tokenize(text) if t.kind is Kind.WORD]
        if not tokens:
            return text
        restored = self.restore_words([t.text for t in tokens])
        parts: list[str] = []
        pos = 0
        for tok, (new, _) in zip(tokens, restored, strict=True):
            if new != tok.text:
                parts.append(text[pos : tok.start])
                parts.append(new)
                pos = tok.end
        if not parts:
            return text
        parts.append(text[pos:])
        return "".join(parts)


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
