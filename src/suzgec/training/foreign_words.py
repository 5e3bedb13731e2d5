"""Build the list of known foreign words the form clauses leave alone, from wordfreq.

    python -m suzgec.training.foreign_words

Writes src/suzgec/text/data/foreign_words.txt.gz and docs/models/foreign_words.md.

A word is listed as foreign ("always") when it is common in English (Zipf >= MIN_ENGLISH_ZIPF)
and far more common there than in Turkish: its English Zipf beats by MARGIN both its own Turkish
Zipf (wordfreq counts English words in Turkish text too: "the" 5.4) and that of the commonest
Turkish word with the same ASCII letters, from the spelling lexicon (src/suzgec/text/data). So
"users" and "or" are listed (Turkish "ör" is rare). A word that leans English by less, down to
BESIDE_MARGIN ("is", which typed without its letter is Turkish "iş"; "best"), is listed as
foreign only "beside" a foreign word: "the best", "the job is done". Only plain ASCII words of
two or more letters are listed; other letters mark a foreign word on their own
(suzgec.text.foreign).
"""

from __future__ import annotations

import argparse
import gzip
import sys
from pathlib import Path

from suzgec.text.normalize import asciify
from suzgec.training.spelling_lexicon import _dist_version, _gzip_text

REPO = Path(__file__).resolve().parents[3]
DATA_DIR = REPO / "src" / "suzgec" / "text" / "data"
OUT = DATA_DIR / "foreign_words.txt.gz"
DOC = REPO / "docs" / "models" / "foreign_words.md"

MIN_ENGLISH_ZIPF = 3.0
# log10 of how many times more common in English than any Turkish reading (100×).
MARGIN = 2.0
# ... and for a word that is foreign only beside a foreign word (about 3×).
BESIDE_MARGIN = 0.5
ALWAYS, BESIDE = "always", "beside"


def commonest_by_key(
    lexicon: Path = DATA_DIR / "spelling_lexicon.tsv.gz",
) -> dict[str, tuple[float, str]]:
    """The commonest Turkish word per ASCII key, with its Zipf ("is" → (5.9, "iş"))."""
    best: dict[str, tuple[float, str]] = {}
    with gzip.open(lexicon, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#"):
                continue
            word, z, _ = line.rstrip("\n").split("\t")
            key = asciify(word)
            if key not in best or int(z) / 10 > best[key][0]:
                best[key] = (int(z) / 10, word)
    return best


def build(out: Path = OUT, doc: Path = DOC) -> dict[str, object]:
    from wordfreq import iter_wordlist, zipf_frequency

    commonest = commonest_by_key()
    turkish = {key: z for key, (z, _) in commonest.items()}
    listed: dict[str, str] = {}
    for word in iter_wordlist("en"):
        english = zipf_frequency(word, "en")
        if english < MIN_ENGLISH_ZIPF:
            break  # the list is in descending frequency
        if len(word) < 2 or not (word.isascii() and word.isalpha()):
            continue
        lead = english - max(turkish.get(word, 0.0), zipf_frequency(word, "tr"))
        if lead >= MARGIN:
            listed[word] = ALWAYS
        elif lead >= BESIDE_MARGIN:
            listed[word] = BESIDE
    words = [w for w, kind in listed.items() if kind == ALWAYS]
    out.parent.mkdir(parents=True, exist_ok=True)
    with _gzip_text(out) as fh:
        fh.write(
            f"# word\t{ALWAYS} (English Zipf >= {MARGIN} above any Turkish reading) or "
            f"{BESIDE} (>= {BESIDE_MARGIN}: foreign beside a foreign word)\n"
        )
        fh.writelines(f"{w}\t{listed[w]}\n" for w in sorted(listed))
    # Turkish words (Zipf >= 3) that need a Turkish letter and whose ASCII spelling is listed:
    # typed without their letters, they are no longer restored.
    lost = sorted(
        commonest[w][1]
        for w in words
        if w in commonest and commonest[w][1] != w and commonest[w][0] >= 3.0
    )
    stats: dict[str, object] = {
        "words": len(words),
        "beside": len(listed) - len(words),
        "lost": lost,
        "wordfreq_version": _dist_version("wordfreq"),
    }
    write_doc(stats, doc)
    return stats


def write_doc(stats: dict[str, object], doc: Path = DOC) -> None:
    lost = stats["lost"]
    assert isinstance(lost, list)
    doc.parent.mkdir(parents=True, exist_ok=True)
    doc.write_text(
        f"""# Known foreign words

Built by `python -m suzgec.training.foreign_words` into
`src/suzgec/text/data/foreign_words.txt.gz`: {stats["words"]} English words the form clauses
(spelling, Turkish characters, capitals) leave as written, and {stats["beside"]} more they leave
as written beside a foreign word, on top of the rules in `suzgec.text.foreign` (non-word tokens,
markup and addresses, non-Turkish letters, mixed case, letter patterns no Turkish word has).

## How
Frequencies come from `wordfreq` {stats["wordfreq_version"]} (`iter_wordlist("en")`,
`zipf_frequency`; data CC BY-SA 4.0, so the list is CC BY-SA 4.0). A plain ASCII word of two or
more letters is listed when its English Zipf is at least {MIN_ENGLISH_ZIPF} and beats by at least
{MARGIN} (100× as common) both its own Turkish Zipf and that of the commonest Turkish word with
the same ASCII letters in the spelling lexicon (`spelling_lexicon.tsv.gz`, built from UD and
wordfreq). Listed: "the", "users", "comments", "or" (Turkish "ör" is rare). A word whose lead is
at least {BESIDE_MARGIN} (about 3×) is listed as foreign only beside a foreign word: "is"
("iş"), "best", "one" ("öne"). Not listed: "sure" ("süre"), "once" ("önce"), "ask" ("aşk"),
"son", "her".

## What it costs
Turkish words with Zipf >= 3 that need a Turkish letter and whose ASCII spelling is listed, so
that typed without their letters they are no longer restored: {", ".join(lost) or "none"}.
Measured on UD dev sentences with `python -m benchmarks.form` and `python -m
benchmarks.diacritics` (README).
""",
        encoding="utf-8",
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help="list to write")
    parser.add_argument("--card", type=Path, default=DOC, help="model card to write")
    args = parser.parse_args(argv)
    print(build(args.out, args.card), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
