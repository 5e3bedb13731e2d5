"""Build the spelling checker's word lists from the shared UD sentences and wordfreq.

    python -m suzgec.training.spelling_lexicon --data ../shared/data

Writes, under src/suzgec/text/data/:
- spelling_lexicon.tsv.gz  word, Zipf frequency ×10, source flags (c = UD common word,
  p = UD proper noun, w = wordfreq). Lower case (Turkish rules).
- spelling_proper.txt.gz   proper-noun stems seen before an apostrophe suffix ("Sırbistan").
- spelling_suffixes.txt    suffix chains seen after many different known stems; they let an
  inflected form we never saw ("kitaplarımızdan") count as known without a morphology engine.
- spelling_bigrams.tsv.gz  pairs of neighbouring words seen at least twice, with their count:
  the context that picks between one-edit corrections ("sonr eve" → "sonra").
and docs/models/spelling.md with the sha256 of every input, so the lists can be rebuilt and checked.

Only rows with split == "train" are read, less the tenth of BOUN held out as dev
(`suzgec.training.splits`): the dev rows measure the checker (benchmarks/spelling.py, form.py).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

from suzgec.text.casing import tr_lower
from suzgec.text.tokenize import APOSTROPHES
from suzgec.training import sha256
from suzgec.training.splits import boun_dev_ids, split_of

REPO = Path(__file__).resolve().parents[3]
DEFAULT_DATA = REPO.parent / "shared" / "data"
OUT_DIR = REPO / "src" / "suzgec" / "text" / "data"
DOC = REPO / "docs" / "models" / "spelling.md"

LOWER_LETTERS = frozenset("abcçdefgğhıijklmnoöprsştuüvyzâîûqwx")
# Zipf given to UD words wordfreq does not list: rare but attested in edited text.
UD_ONLY_ZIPF = 1.5
# A suffix chain must follow this many different stems before it validates unseen forms:
# fewer lets typos through as "stem + suffix", more forgets real inflections.
MIN_SUFFIX_STEMS = 6
MAX_SUFFIX_LEN = 12
MIN_STEM_LEN = 3
# Word pairs seen once are mostly noise and would make the file six times larger (303 k
# pairs against 48 k) for almost none of the ranking gain (benchmarks/form.py).
MIN_BIGRAM_COUNT = 2


def is_plain_word(word: str) -> bool:
    return bool(word) and all(ch in LOWER_LETTERS for ch in word)


def train_sentence_ids(sentences: Path) -> set[str]:
    """Rows with split == "train", less the BOUN rows held out as dev (suzgec.training.splits)."""
    with sentences.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        rows = [(row["treebank"], row["split"], row["sent_id"]) for row in reader]
    boun_dev = boun_dev_ids((t, sid) for t, _, sid in rows)
    return {sid for _, split, sid in rows if split_of(split, sid, boun_dev) == "train"}


def read_train_tokens(tokens: Path, train_ids: set[str]) -> Iterable[tuple[str, str]]:
    for _, token, upos in read_train_rows(tokens, train_ids):
        yield token, upos


def read_train_rows(tokens: Path, train_ids: set[str]) -> Iterable[tuple[str, str, str]]:
    with tokens.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        for row in reader:
            if row["sent_id"] in train_ids:
                yield row["sent_id"], row["token"], row["upos"]


def word_bigrams(rows: Iterable[tuple[str, str, str]]) -> Counter[tuple[str, str]]:
    """Neighbouring words within a sentence, lower-cased, punctuation skipped (as the
    checker sees a comment's words); pairs with anything but plain letters are left out."""
    pairs: Counter[tuple[str, str]] = Counter()
    sentence, prev = None, None
    for sent_id, token, upos in rows:
        if sent_id != sentence:
            sentence, prev = sent_id, None
        if upos == "PUNCT":
            continue
        low = tr_lower(token)
        if prev is not None and is_plain_word(prev) and is_plain_word(low):
            pairs[(prev, low)] += 1
        prev = low
    return pairs


def split_apostrophe(token: str) -> tuple[str, str]:
    for i, ch in enumerate(token):
        if ch in APOSTROPHES:
            return token[:i], token[i + 1 :]
    return token, ""


def verb_stems(words: Iterable[str]) -> set[str]:
    """Verb stems from infinitives ("tepmek" → "tep"): the bare stem is rarely written, yet
    every inflected form ("tepmeye", "tepiyor") hangs on it. Same rule as the runtime."""
    return {w[:-3] for w in words if len(w) >= 3 + MIN_STEM_LEN and w.endswith(("mak", "mek"))}


def build(data: Path, out_dir: Path = OUT_DIR, doc: Path | None = None) -> dict[str, object]:
    """Build the word lists into `out_dir` and the card into `doc` (default: the repo's)."""
    text_dir = data / "text"
    sentences = text_dir / "ud_turkish.train.tsv"
    tokens = text_dir / "ud_turkish.train.tokens.tsv"
    train_ids = train_sentence_ids(sentences)

    common: Counter[str] = Counter()
    proper_forms: Counter[str] = Counter()
    proper_stems: Counter[str] = Counter()
    proper_uses: Counter[str] = Counter()
    for token, upos in read_train_tokens(tokens, train_ids):
        stem, suffix = split_apostrophe(token)
        if upos == "PROPN" and suffix:
            # Proper-noun stems as written; all-caps stems are acronyms or the Tourism
            # treebank's capitals, whose true casing we cannot know.
            if len(stem) >= 2 and stem[0].isupper() and not stem.isupper() and stem.isalpha():
                proper_stems[stem] += 1
                proper_uses[tr_lower(stem)] += 1
            continue
        if suffix:
            continue
        low = tr_lower(token)
        if not is_plain_word(low):
            continue
        if upos == "PROPN":
            proper_forms[low] += 1
            proper_uses[low] += 1
        else:
            common[low] += 1

    import wordfreq  # build-time only: the runtime reads the derived list

    zipf: dict[str, float] = {}
    wf_apostrophe_stems: defaultdict[str, set[str]] = defaultdict(set)
    for word in wordfreq.iter_wordlist("tr"):
        stem, suffix = split_apostrophe(word)
        if suffix:
            if is_plain_word(stem) and is_plain_word(suffix):
                wf_apostrophe_stems[stem].add(suffix)
            continue
        if is_plain_word(word):
            zipf[word] = wordfreq.zipf_frequency(word, "tr")

    lexicon: dict[str, tuple[float, str]] = {}
    for word in set(common) | set(proper_forms) | set(zipf):
        # "c" = mostly a common word: "deniz" yes, "istanbul" no (a few lower-case or
        # mis-tagged uses must not hide a proper noun from the apostrophe rule).
        is_common = common[word] > proper_uses[word]
        flags = ("c" if is_common else "") + ("p" if word in proper_forms else "")
        flags += "w" if word in zipf else ""
        lexicon[word] = (zipf.get(word, UD_ONLY_ZIPF), flags)

    # Proper nouns: UD stems (as written), plus wordfreq stems used with two or more
    # different apostrophe suffixes (one alone is too often English: "don't").
    proper = {stem for stem in proper_stems}
    proper_lower = {tr_lower(s) for s in proper}
    for stem, endings in wf_apostrophe_stems.items():
        if len(stem) >= MIN_STEM_LEN and len(endings) >= 2 and stem not in proper_lower:
            proper.add(stem)

    # Suffix chains: what follows a known stem inside another known word.
    stems_of: defaultdict[str, set[str]] = defaultdict(set)
    trusted = {w for w, (z, f) in lexicon.items() if "c" in f or z >= 2.5}
    stems = trusted | verb_stems(lexicon)
    for word in trusted:
        for i in range(MIN_STEM_LEN, len(word)):
            stem = word[:i]
            suffix = word[i:]
            if len(suffix) <= MAX_SUFFIX_LEN and stem in stems:
                stems_of[suffix].add(stem)
    suffixes = sorted(s for s, st in stems_of.items() if len(st) >= MIN_SUFFIX_STEMS)

    out_dir.mkdir(parents=True, exist_ok=True)
    with _gzip_text(out_dir / "spelling_lexicon.tsv.gz") as fh:
        fh.write("# word\tzipf×10\tflags (c UD common, p UD proper, w wordfreq)\n")
        for word in sorted(lexicon):
            z, flags = lexicon[word]
            fh.write(f"{word}\t{round(z * 10)}\t{flags}\n")
    with _gzip_text(out_dir / "spelling_proper.txt.gz") as fh:
        fh.write("# proper-noun stems seen before an apostrophe suffix\n")
        fh.writelines(f"{stem}\n" for stem in sorted(proper))
    with (out_dir / "spelling_suffixes.txt").open("w", encoding="utf-8") as fh:
        fh.write(f"# suffix chains seen after >= {MIN_SUFFIX_STEMS} known stems\n")
        fh.writelines(f"{s}\n" for s in suffixes)

    bigrams = word_bigrams(read_train_rows(tokens, train_ids))
    kept = sorted((pair, n) for pair, n in bigrams.items() if n >= MIN_BIGRAM_COUNT)
    with _gzip_text(out_dir / "spelling_bigrams.tsv.gz") as fh:
        fh.write(f"# first\tsecond\tcount (UD train, pairs seen >= {MIN_BIGRAM_COUNT} times)\n")
        fh.writelines(f"{a}\t{b}\t{n}\n" for (a, b), n in kept)

    stats: dict[str, object] = {
        "train_sentences": len(train_ids),
        "lexicon_words": len(lexicon),
        "ud_common_words": sum(1 for _, f in lexicon.values() if "c" in f),
        "wordfreq_words": len(zipf),
        "proper_stems": len(proper),
        "suffix_chains": len(suffixes),
        "bigrams": len(kept),
        "wordfreq_version": getattr(wordfreq, "__version__", None) or _dist_version("wordfreq"),
        "inputs": {p.name: sha256(p) for p in (sentences, tokens)},
    }
    write_doc(stats, doc or DOC)
    return stats


def _gzip_text(path: Path) -> io.TextIOWrapper:
    """A gzip text writer with a fixed timestamp, so a rebuild gives the same bytes."""
    raw = gzip.GzipFile(filename="", mode="wb", fileobj=path.open("wb"), mtime=0)
    return io.TextIOWrapper(raw, encoding="utf-8", newline="\n")


def _dist_version(name: str) -> str:
    from importlib.metadata import version

    return version(name)


def write_doc(stats: dict[str, object], doc: Path = DOC) -> None:
    inputs = stats["inputs"]
    assert isinstance(inputs, dict)
    rows = "\n".join(f"| `text/{name}` | `{digest}` |" for name, digest in inputs.items())
    doc.parent.mkdir(parents=True, exist_ok=True)
    doc.write_text(
        f"""# Spelling checker word lists

Built by `python -m suzgec.training.spelling_lexicon --data ../shared/data` into
`src/suzgec/text/data/spelling_*` (the curated table `spelling_corrections.tsv` is hand-written).

## Inputs
| file | sha256 |
|---|---|
{rows}

Only rows with `split == "train"` ({stats["train_sentences"]} sentences; the tenth of BOUN held
out as dev by `suzgec.training.splits` excluded) are read; dev rows are
kept for `python -m benchmarks.spelling`. Word frequencies come from `wordfreq`
{stats["wordfreq_version"]} (`iter_wordlist("tr")`, data CC BY-SA 4.0); the UD treebanks used are
CC BY-SA 4.0 as well, so the derived lists are CC BY-SA 4.0.

## Outputs
- `spelling_lexicon.tsv.gz`: {stats["lexicon_words"]} lower-case words ({stats["ud_common_words"]}
  UD common words, {stats["wordfreq_words"]} from wordfreq) with Zipf frequency ×10
  (UD-only words get {UD_ONLY_ZIPF}).
- `spelling_proper.txt.gz`: {stats["proper_stems"]} proper-noun stems (UD PROPN tokens with an
  apostrophe suffix; wordfreq stems seen with two or more apostrophe suffixes).
- `spelling_suffixes.txt`: {stats["suffix_chains"]} suffix chains that follow at least
  {MIN_SUFFIX_STEMS} different known stems (frequent words and verb stems of infinitives;
  stems of {MIN_STEM_LEN}+ letters, chains of at most {MAX_SUFFIX_LEN} letters). An unknown word
  made of a known stem and such a chain (with Turkish boundary rules: no vowel hiatus, buffer
  y/n only after a vowel, front/back harmony) is not reported as a typo.
- `spelling_bigrams.tsv.gz`: {stats["bigrams"]} pairs of neighbouring words (punctuation skipped)
  seen at least {MIN_BIGRAM_COUNT} times, with their count.

## How `suzgec.text.spelling` uses them
`default_checker().check(text, tokens)` returns `SpellingIssue(start, end, word, correction,
score, kind)`; kinds and scores (>= 0.8 only for clear errors):
- `misspelling` / `informal` from the curated table (0.6–0.9 per row; keys compared dotless, so
  "yanliz" matches "yanlız"), the future/progressive patterns (yapıcam, geliyo: 0.85 when the
  rewrite is a lexicon word, 0.65 when only stem + chain), the attached question particle or "ki"
  (varmı, biliyorumki; after a finite verb however often it is typed so: veriyormu,
  alabilirmiyim), the conjunction de/da joined to a finite verb, an adverb or a word ending in a
  voiceless consonant, where a locative would be -ta/-te (geldide, şimdide, olupda), or where
  no locative the Hunspell dictionary knows can be (günüde → günü de, 0.6), and the
  adjective -ki written apart after a locative (evde ki → evdeki); the locative written apart:
  -ta/-te after a voiceless consonant (kitap ta → kitapta; out of harmony only where the
  dictionary knows the joined word: saat te), and -da/-de after a lower-case word when the
  joined form is in the dictionary, at Zipf >= 2.5 and >= 0.5 above the word, and the pair was
  never seen in UD train (arasın da → arasında, 0.6; "ev de" is left alone: the conjunction);
- `apostrophe`: a capitalised word = known proper-noun stem + case ending in harmony
  (Ankaradan → Ankara'dan, 0.85; also a stem the Hunspell dictionary knows only as a name:
  Abhazyada); stems that are also common words are left alone, plural names join their
  endings (İstanbullarda), and month and day names get one only after a number (a date: TDK).
  A mid-sentence word that no list nor the dictionary knows, ending in a case ending after a
  stem nobody knows either, or after a stem known only from web counts (never lower case in UD
  train, no lower-case word to Hunspell; one-letter endings too), is a doubt (0.6: Euskadide →
  Euskadi'de, Münihe → Münih'e);
- `typo`: a lower-case unknown word with a lexicon word one edit away, never a name (Zipf >= 3,
  ahead of the runner-up by >= 0.5); 0.85 only when the word has 5+ letters, the correction
  Zipf >= 4 (>= 3.5 for 9+ letters) and the runner-up is 10× rarer, else 0.6. A word the
  Hunspell dictionary knows is never a typo (iktifa). One it does not know gets its likeliest
  correction at 0.6 even when the runner-up is close (sonr → sonra), and so does a word only
  the suffix analysis (or a web count under Zipf 3.5) vouches for, when its correction is clear
  (göterin → gösterin). Between close corrections the neighbouring words decide
  (`spelling_bigrams.tsv.gz`; a pick they change is 0.6). Without the dictionary
  (`suzgec.text.dictionary`: Debian's hunspell-tr, MPL-2.0, read at run time) these extra
  doubts are not raised.
Never checked: capitalised words (except the apostrophe rule and table rows), all-caps words of
up to 6 letters, words with digits, apostrophes, circumflex or non-Turkish letters, and words
that match a known word once both are asciified (the turkish_chars clause reports those; the
`spelling` clause also leaves it typo and informal-ending guesses on ASCII words the diacritic
restorer knows with Turkish letters, and doubtful typo guesses on ASCII words the restorer
gives Turkish letters in context: kiralik is kiralık, not liralık).
Measured with `python -m benchmarks.spelling` (UD dev, Tourism excluded).
""",
        encoding="utf-8",
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="shared data folder")
    parser.add_argument("--out", type=Path, default=OUT_DIR, help="folder for the word lists")
    parser.add_argument("--card", type=Path, default=DOC, help="model card to write")
    args = parser.parse_args(argv)
    stats = build(args.data.resolve(), args.out, args.card)
    print({k: v for k, v in stats.items() if k != "inputs"}, file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
