"""Train the diacritic restorer (`suzgec.text.diacritics`) from correctly written Turkish.

    python -m suzgec.training.diacritics --data ../shared/data \
        --out src/suzgec/text/data/diacritics.json.gz --card docs/models/diacritics.md

Data: the UD Turkish sentences in `<data>/text/ud_turkish.train.tsv`. Split rule (fixed,
shared by every benchmark, `suzgec.training.splits`): learn from rows with split == "train"
except the tenth of BOUN held out as dev, measure on the dev rows (Tourism left out of the
measurement); dev rows are never learned from.
`wordfreq`'s Turkish list fills in words UD never saw, but only ever with Turkish-letter
forms: it also counts ASCII misspellings ("cok"), which must not win over "çok".
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import math
import random
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from suzgec.text.casing import tr_lower
from suzgec.text.diacritics import (
    _KEY_CHARS,
    TOGGLE,
    VERSION,
    VOWELS,
    Restorer,
    context_features,
    word_key,
)
from suzgec.text.normalize import TURKISH_LETTERS, asciify, nfc
from suzgec.text.tokenize import Kind, tokenize
from suzgec.training import sha256
from suzgec.training.splits import boun_dev_ids, split_of

REPO = Path(__file__).resolve().parents[3]
DEFAULT_DATA = REPO / ".." / "shared" / "data"
DEFAULT_OUT = REPO / "src" / "suzgec" / "text" / "data" / "diacritics.json.gz"
DEFAULT_CARD = REPO / "docs" / "models" / "diacritics.md"
UD_FILE = Path("text") / "ud_turkish.train.tsv"
TOURISM = "UD_Turkish-Tourism"

# Context windows grow one letter at a time, right first (the right side is the
# writer's ASCII and therefore certain), then left (already restored letters).
CHAIN_WIDTH = 6
_UNTOGGLE = {v: k for k, v in TOGGLE.items()}


@dataclass(frozen=True, slots=True)
class Sentence:
    treebank: str
    split: str
    sent_id: str
    text: str


def read_sentences(path: Path) -> list[Sentence]:
    """Every row, with the BOUN rows held out as dev marked so (`suzgec.training.splits`)."""
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader)
        assert header[:4] == ["treebank", "split", "sent_id", "text"], header
        rows = [row[:4] for row in reader if len(row) >= 4]
    boun_dev = boun_dev_ids((row[0], row[2]) for row in rows)
    return [Sentence(t, split_of(sp, sid, boun_dev), sid, text) for t, sp, sid, text in rows]


def chain(width: int = CHAIN_WIDTH) -> list[tuple[int, int]]:
    out = [(0, 0)]
    left = right = 0
    while left < width or right < width:
        if right <= left and right < width:
            right += 1
        else:
            left += 1
        out.append((left, right))
    return out


def sentence_words(text: str) -> list[str]:
    """The word tokens of a sentence that the restorer handles, in order."""
    return [t.text for t in tokenize(text) if t.kind is Kind.WORD]


def usable(word: str, key: str) -> bool:
    return len(word) == len(key) and all(ch in _KEY_CHARS for ch in key)


# -- learning --------------------------------------------------------------------------


def _log_odds(best: int, total: int, alpha: float) -> float:
    return math.log((best + alpha) / (total - best + alpha))


def learn_lexicon(
    sentences: Iterable[list[str]], alpha: float = 0.25, min_rule: int = 2
) -> tuple[dict[str, list[Any]], dict[str, list[Any]]]:
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    corpus: list[tuple[list[str], list[str], list[str]]] = []
    for words in sentences:
        keys = [word_key(w) for w in words]
        lowers = [tr_lower(w) for w in words]
        corpus.append((words, keys, lowers))
        for w, k, lo in zip(words, keys, lowers, strict=True):
            if usable(w, k):
                forms[k][lo] += 1
    ambiguous_keys = {k for k, c in forms.items() if len(c) > 1}
    feats: dict[str, dict[str, Counter[str]]] = defaultdict(lambda: defaultdict(Counter))
    for words, keys, lowers in corpus:
        for i, k in enumerate(keys):
            if k not in ambiguous_keys or not usable(words[i], k):
                continue
            prev_key = keys[i - 1] if i else "<s>"
            prev_form = lowers[i - 1] if i else "<s>"
            next_key = keys[i + 1] if i + 1 < len(keys) else "</s>"
            capitalized = i > 0 and words[i][:1].isupper() and not words[i].isupper()
            for f in context_features(prev_key, prev_form, next_key, capitalized):
                feats[k][f][lowers[i]] += 1
    words_out: dict[str, list[Any]] = {}
    ambiguous: dict[str, list[Any]] = {}
    for k, c in forms.items():
        (best, n_best), *_ = c.most_common(1)
        total = sum(c.values())
        words_out[k] = ["" if best == k else best, min(total, 999)]
        if k in ambiguous_keys:
            score = _log_odds(n_best, total, alpha)
            rules: dict[str, list[Any]] = {}
            for f, fc in feats[k].items():
                (fbest, fn), *_ = fc.most_common(1)
                ftotal = sum(fc.values())
                if ftotal < min_rule:
                    continue
                fscore = _log_odds(fn, ftotal, alpha)
                if fscore > score:
                    rules[f] = [fbest, round(fscore, 2)]
            ambiguous[k] = [best, round(score, 2), rules]
    return words_out, ambiguous


def _word_vowel(true: str, i: int) -> str:
    """The last (restored) vowel before position i inside the same word, or "#"."""
    j = i - 1
    while j >= 0 and true[j] != " ":
        if true[j] in VOWELS:
            return true[j]
        j -= 1
    return "#"


def learn_chars(
    sentences: Iterable[list[str]],
    width: int = CHAIN_WIDTH,
    min_count: int = 2,
    types_only: bool = False,
) -> dict[str, int]:
    """Backoff table over growing context windows around each c g i o s u.

    Every context starts with the last restored vowel of the word so far: vowel harmony
    decides most suffix letters (kimlik-siz, bulantı-sıyla) and sits outside a narrow
    window. A context is kept only when its decision differs from that of the nearest
    kept shorter context, so lookup (longest kept context wins) gives the same answer as
    the full table at a fraction of the size. Contexts whose examples all agree are not
    grown further: every longer context would agree too.
    """
    links = chain(width)
    pad_l = " " * (max(a for a, _ in links) + 1)
    pad_r = " " * (max(b for _, b in links) + 1)
    # One entry per ambiguous letter: (true text, ascii text, centre, vowel, toggled).
    positions: list[tuple[str, str, int, str, bool]] = []
    seen: set[str] = set()
    for words in sentences:
        pairs = [(tr_lower(w), word_key(w)) for w in words]
        pairs = [(lo, k) for lo, k in pairs if len(lo) == len(k)]
        if types_only:
            groups = [[p] for p in pairs if p[0] not in seen]
            seen.update(p[0] for p in pairs)
        else:
            groups = [pairs]
        for group in groups:
            true = pad_l + " ".join(lo for lo, _ in group) + pad_r
            asc = pad_l + " ".join(k for _, k in group) + pad_r
            for i, ch in enumerate(asc):
                if ch in TOGGLE:
                    positions.append((true, asc, i, _word_vowel(true, i), true[i] != ch))
    table: dict[str, int] = {}
    # Per position, the decision (toggle?) of the nearest kept context so far.
    active = list(range(len(positions)))
    inherited: list[bool | None] = [None] * len(positions)
    for lw, rw in links:
        total: Counter[str] = Counter()
        hits: Counter[str] = Counter()
        ctx_of: list[str] = []
        for p in active:
            true, asc, i, vowel, _ = positions[p]
            ctx_of.append(vowel + true[i - lw : i] + asc[i : i + rw + 1])
        total.update(ctx_of)
        hits.update(s for s, p in zip(ctx_of, active, strict=True) if positions[p][4])
        next_active: list[int] = []
        decided: dict[str, bool] = {}
        for s, n in total.items():
            if n >= min_count or (lw, rw) == (0, 0):
                decided[s] = hits[s] * 2 > n
        for s, p in zip(ctx_of, active, strict=True):
            d = decided.get(s)
            if d is None:
                continue
            if d != inherited[p] and s not in table:
                n, h = total[s], hits[s]
                prob = round(100 * (h + 0.5) / (n + 1))
                table[s] = max(51, min(99, prob)) if d else max(1, min(49, prob))
            if s in table:
                inherited[p] = table[s] > 50
            if 0 < hits[s] < total[s]:
                next_active.append(p)
        # A context's parent is the context minus one end letter, so every position
        # sharing a context shares its ancestors and `inherited` is consistent per context.
        active = next_active
    return table


def learn_suffixes(words: dict[str, list[Any]], stem_min: int, min_count: int = 3) -> list[str]:
    """Remainders (ASCII keys) seen after a known stem inside known words: "lari", "sinda"."""
    counts: Counter[str] = Counter()
    for key in words:
        for end in range(len(key) - 1, stem_min - 1, -1):
            if key[:end] in words:
                counts[key[end:]] += 1
    return sorted(s for s, n in counts.items() if n >= min_count)


def add_wordfreq(words: dict[str, list[Any]], min_zipf: float = 2.0) -> int:
    """Keys UD never saw, filled from wordfreq with Turkish-letter forms only."""
    try:
        from wordfreq import iter_wordlist, zipf_frequency
    except ImportError:  # pragma: no cover - optional at training time
        return 0
    best: dict[str, tuple[float, str]] = {}
    for w in iter_wordlist("tr"):
        if not any(ch in TURKISH_LETTERS for ch in w):
            continue
        k = word_key(w)
        if k in words or not usable(w, k) or k == w:
            continue
        z = zipf_frequency(w, "tr")
        if z < min_zipf:
            break
        if k not in best or z > best[k][0]:
            best[k] = (z, w)
    for k, (z, w) in best.items():
        # A pseudo-count, used only for the runtime confidence: zipf 3 (the list's floor)
        # → 1, zipf 4 → 10, zipf 5 → 100, roughly the scale of UD counts.
        words[k] = [w, min(999, max(1, round(10 ** (z - 3))))]
    return len(best)


# Openly licensed comment sets (see data/README.md); informal, so only words typed with
# Turkish letters are trusted, and only for keys UD and wordfreq never saw.
COMMENT_FILES = (
    "offensive/offenseval_tr_2020.train.jsonl",
    "offensive/teamgzg.jsonl",
    "offensive/toygar_lingda_2022.jsonl",
)


def comment_texts(data: Path) -> Iterator[str]:
    for name in COMMENT_FILES:
        path = data / name
        if not path.exists():
            continue
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                row = json.loads(line)
                if row.get("split", "train") == "train":
                    yield row["text"]


def add_comment_words(
    words: dict[str, list[Any]], texts: Iterable[str], min_count: int = 3, min_share: float = 0.6
) -> int:
    """Fill unseen keys from comment text, where spelling is informal.

    A Turkish-letter spelling wins when it is the clear majority of the key's Turkish-letter
    spellings (comments also hold partial "guzelliği" and dodges like "sıkeyım"). An ASCII
    spelling counts as evidence only when the same comment has other words with Turkish
    letters (the writer had them at hand): "suriyeliler", "sikerim" stay ASCII when typed
    so by such writers at least twice as often as with Turkish letters.
    """
    turkish: dict[str, Counter[str]] = defaultdict(Counter)
    plain: Counter[str] = Counter()
    for text in texts:
        tokens = sentence_words(nfc(text))
        marked = sum(asciify(w) != w for w in tokens)
        for w in tokens:
            lo = tr_lower(w)
            k = asciify(lo)
            if k in words or not usable(w, k) or not any(ch in TOGGLE for ch in k):
                continue
            if asciify(w) != w:
                if lo != k:
                    turkish[k][lo] += 1
            elif marked >= 2 and "I" not in w:
                plain[k] += 1
    added = 0
    for k in turkish.keys() | plain.keys():
        c = turkish.get(k, Counter())
        total = sum(c.values())
        form, n = c.most_common(1)[0] if c else ("", 0)
        if n >= min_count and n >= min_share * total and n >= plain[k]:
            words[k] = [form, min(n, 999)]
        elif plain[k] >= min_count and plain[k] >= 2 * total:
            words[k] = ["", min(plain[k], 999)]
        else:
            continue
        added += 1
    return added


def train(
    sentences: list[Sentence],
    tourism: str = "lower",
    use_wordfreq: bool = True,
    width: int = CHAIN_WIDTH,
    min_count: int = 1,
    types_only: bool = True,
    stem_min: int = 4,
    alpha: float = 0.25,
    min_rule: int = 2,
    min_zipf: float = 2.0,
    comments: Iterable[str] = (),
    suffix_min: int = 3,
    stem_any: bool = False,
) -> dict[str, Any]:
    train_words: list[list[str]] = []
    for s in sentences:
        if s.split != "train":
            continue
        if s.treebank == TOURISM:
            if tourism == "skip":
                continue
            train_words.append(sentence_words(tr_lower(s.text)))
        else:
            train_words.append(sentence_words(s.text))
    words, ambiguous = learn_lexicon(train_words, alpha, min_rule)
    ud_words = dict(words)
    n_wordfreq = add_wordfreq(words, min_zipf) if use_wordfreq else 0
    n_comments = add_comment_words(words, comments)
    chars = learn_chars(train_words, width, min_count, types_only)
    suffixes = learn_suffixes(ud_words, stem_min, suffix_min) if suffix_min else []
    return {
        "version": VERSION,
        "chain": chain(width),
        "stem_min": stem_min,
        "stem_any": stem_any,
        "suffixes": suffixes,
        "words": words,
        "ambiguous": ambiguous,
        "chars": chars,
        "meta": {
            "train_sentences": len(train_words),
            "wordfreq_keys": n_wordfreq,
            "comment_keys": n_comments,
        },
    }


# -- measuring -------------------------------------------------------------------------


def dev_sentences(sentences: list[Sentence]) -> list[str]:
    return [s.text for s in sentences if s.split == "dev" and s.treebank != TOURISM]


def half_asciify(text: str, rng: random.Random) -> str:
    out = []
    pos = 0
    for t in tokenize(text):
        if t.kind is Kind.WORD and rng.random() < 0.5:
            out.append(text[pos : t.start])
            out.append(asciify(t.text))
            pos = t.end
    out.append(text[pos:])
    return "".join(out)


def _score(restorer: Restorer, pairs: list[tuple[str, str]]) -> dict[str, Any]:
    words = right = amb = amb_right = sent_right = 0
    start = time.perf_counter()
    outputs = [restorer.restore(src) for src, _ in pairs]
    elapsed = time.perf_counter() - start
    for (_, gold), out in zip(pairs, outputs, strict=True):
        ok = True
        for t in tokenize(gold):
            if t.kind is not Kind.WORD:
                continue
            hit = out[t.start : t.end] == t.text
            words += 1
            right += hit
            if asciify(t.text) != t.text:
                amb += 1
                amb_right += hit
            ok = ok and hit
        sent_right += ok and out == gold
    return {
        "sentences": len(pairs),
        "words": words,
        "word_accuracy": round(right / max(words, 1), 5),
        "turkish_letter_words": amb,
        "turkish_letter_word_accuracy": round(amb_right / max(amb, 1), 5),
        "sentence_accuracy": round(sent_right / max(len(pairs), 1), 5),
        "sentences_per_s": round(len(pairs) / elapsed),
    }


def evaluate(restorer: Restorer, texts: list[str]) -> dict[str, Any]:
    """Dev metrics: fully asciified input, half-asciified input, and harm on correct text."""
    rng = random.Random(13)
    full = _score(restorer, [(asciify(t), t) for t in texts])
    mixed = _score(restorer, [(half_asciify(t, rng), t) for t in texts])
    changed = total = 0
    for t in texts:
        out = restorer.restore(t)
        for tok in tokenize(t):
            if tok.kind is Kind.WORD:
                total += 1
                changed += out[tok.start : tok.end] != tok.text
    return {
        "ascii": full,
        "mixed": mixed,
        "no_harm_changed_word_rate": round(changed / max(total, 1), 5),
        "confidence": calibration(restorer, texts),
    }


def calibration(
    restorer: Restorer, texts: list[str], cuts: tuple[float, ...] = (0.0, 0.5, 0.7, 0.9)
) -> dict[str, dict[str, float]]:
    """For words the restorer changes in asciified input: how many have confidence ≥ cut,
    and how many of those are right. This is what a clause threshold trades off."""
    kept = Counter[float]()
    right = Counter[float]()
    for text in texts:
        gold = [t.text for t in tokenize(text) if t.kind is Kind.WORD]
        typed = [asciify(w) for w in gold]
        for g, w, (out, conf) in zip(gold, typed, restorer.restore_words(typed), strict=True):
            if out == w:
                continue
            for cut in cuts:
                if conf >= cut:
                    kept[cut] += 1
                    right[cut] += out == g
    changed = kept[cuts[0]] or 1
    return {
        f"changed_with_confidence_at_least_{cut}": {
            "share": round(kept[cut] / changed, 4),
            "precision": round(right[cut] / max(kept[cut], 1), 4),
        }
        for cut in cuts
    }


# -- command ---------------------------------------------------------------------------


def write_artifact(model: dict[str, Any], out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    raw = json.dumps(model, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    # mtime=0 keeps the artifact byte-identical across identical trainings.
    out.write_bytes(gzip.compress(raw.encode("utf-8"), compresslevel=9, mtime=0))


def write_card(
    card: Path, command: str, data: Path, out: Path, model: dict[str, Any], metrics: Any
) -> None:
    used = [UD_FILE.as_posix()]
    if model["meta"].get("comment_keys"):
        used += [name for name in COMMENT_FILES if (data / name).exists()]
    sums = [f"| `{name}` | `{sha256(data / name)}` |" for name in used]
    card.parent.mkdir(parents=True, exist_ok=True)
    lines = [
        f"# Model card: diacritic restorer `{VERSION}`",
        "",
        "Restores Turkish letters (ç ğ ı ö ş ü) in text typed without them:",
        '"cok guzel" → "çok güzel". Runtime: `suzgec.text.diacritics`; artifact:',
        f"`{out.name}` ({out.stat().st_size:,} bytes).",
        "",
        "## How it was built",
        "",
        "```",
        command,
        "```",
        "",
        "1. Word-form lexicon keyed by the asciified lower-case form, counted on UD train rows.",
        "2. Decision lists (previous/next word, previous word's last vowel, capitalisation)",
        "   for keys with more than one real form.",
        "3. Unseen words: a known stem fixes the first letters when the rest is a suffix",
        "   chain seen after stems in training; a character-context backoff table (the",
        "   word's last restored vowel, restored letters on the left, ASCII on the right,",
        f"   windows up to {CHAIN_WIDTH} letters each side) decides the remaining letters.",
        "4. Keys UD never saw: Turkish-letter forms from `wordfreq`, never an ASCII form",
        "   (wordfreq counts misspellings such as `cok`); then, from the openly licensed",
        "   comment sets, the dominant Turkish-letter spelling (≥ 3 times, ≥ 60 % of such",
        "   spellings), or the ASCII spelling when writers who use Turkish letters in the",
        "   same comment type it so at least twice as often (`suriyeliler`).",
        "",
        "## Data",
        "",
        "Turkish UD treebanks Atis, BOUN, FrameNet, Kenet, Penn, Tourism (Universal",
        "Dependencies, CC BY-SA 4.0); Tourism lower-cased with Turkish rules. Only rows",
        'with split == "train" were learned from, less the tenth of BOUN held out as dev.',
        "wordfreq Turkish word list (data CC BY-SA 4.0).",
        "Word spellings only (never labels) from OffensEval 2020 Turkish (CC-BY), teamgzg",
        '(Apache-2.0) and Toygar & Lingda 2022 (MIT; rows with split == "train").',
        "",
        "| file (under `--data`) | sha256 |",
        "|---|---|",
        *sums,
        "",
        f"- training sentences: {model['meta']['train_sentences']:,}",
        f"- lexicon keys: {len(model['words']):,}, of which"
        f" {model['meta']['wordfreq_keys']:,} from wordfreq and"
        f" {model['meta'].get('comment_keys', 0):,} from comments",
        f"- ambiguous keys with decision lists: {len(model['ambiguous']):,}",
        f"- character contexts: {len(model['chars']):,}",
        "",
        "## Dev metrics",
        "",
        'Rows with split == "dev" and the BOUN dev tenth, Tourism excluded. `ascii`: the whole',
        "sentence asciified;",
        "`mixed`: about half the words asciified; `no_harm_changed_word_rate`: words changed",
        "when restoring the correct text. Accuracy is over word tokens.",
        "",
        "```json",
        json.dumps(metrics, indent=2),
        "```",
        "",
        "## Choices, as measured on dev (word accuracy, fully asciified input)",
        "",
        "- Character contexts without the word's last vowel: 97.92 %; with it: 98.46 %;",
        "  plus known-stem prefixes: 98.80 %; learning contexts from word types, min count 1:",
        "  98.87 %; stem-sized neighbour features: 98.89 %; comment-text words: 98.92 %;",
        "  stems only before a known suffix chain: 98.94 %; ASCII evidence from comment",
        "  writers who use Turkish letters: 98.97 %.",
        "- No gain (not used): naive Bayes instead of decision lists, a second context",
        "  chain (+0.01 pp), toggle thresholds other than 50 %, skipping Tourism instead of",
        "  lower-casing it (±0.01 pp; kept for its informal review vocabulary).",
        "",
        "At run time, one rule beside the model: the question particle and its person and",
        "tense forms (mi, misin, midir, miydi …) take the vowel of the word before it, whatever",
        "it is (gerçek midir, öyle mi, ne zaman mıydı); a key whose rounding contradicts that",
        'harmony is another word and left to the model ("genel müdür"). `mudur` is always left',
        'to the model: it is also the noun "müdür".',
        "",
        "## Limits",
        "",
        "- Learned from edited prose (news, novels, dictionary examples, flight requests);",
        "  slang and names absent from UD and wordfreq fall to the character model.",
        "- Keys seen with one form only in UD keep it even where comments mostly mean",
        '  another ("kurt" for "kürt"; "sik"/"sık" depends on context rules from UD).',
        "- Words already containing Turkish letters are only completed from the lexicon,",
        "  never changed otherwise; circumflex letters (â î û) are left as written.",
        "- Truly ambiguous pairs (sık/sik, yaşa/yasa) depend on the neighbouring words.",
        "",
    ]
    card.write_text("\n".join(lines), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--card", type=Path, default=DEFAULT_CARD)
    parser.add_argument("--tourism", choices=["lower", "skip"], default="lower")
    parser.add_argument("--no-wordfreq", action="store_true")
    parser.add_argument("--no-comments", action="store_true")
    parser.add_argument("--no-card", action="store_true")
    args = parser.parse_args(argv)
    data_file = args.data / UD_FILE
    sentences = read_sentences(data_file)
    model = train(
        sentences,
        tourism=args.tourism,
        use_wordfreq=not args.no_wordfreq,
        comments=() if args.no_comments else comment_texts(args.data),
    )
    write_artifact(model, args.out)
    restorer = Restorer(model)
    metrics = evaluate(restorer, dev_sentences(sentences))
    print(json.dumps(metrics, indent=2))
    if not args.no_card:
        command = "python -m suzgec.training.diacritics " + " ".join(
            a for a in (argv if argv is not None else sys.argv[1:])
        )
        write_card(args.card, command, args.data, args.out, model, metrics)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
