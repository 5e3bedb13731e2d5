"""Form clauses per UD treebank, on correct Turkish sentences no model was built from.

    python -m benchmarks.form [--data ../shared/data] [--anchor PATH] [--limit N] [--markdown]

Dev sentences per treebank (`benchmarks.ud.dev_by_treebank`: the treebanks' dev rows and the
BOUN rows held out from training; Tourism, all capitals, left out). Every figure is given per
treebank and overall (all sentences pooled). Prints JSON, or with `--markdown` the tables the
README quotes:

- `correct`: the sentences as written. Shares with a `turkish_chars` finding, rejected by any
  form clause, flagged at all (review or reject), and whose suggestion changes a word.
- `asciified`: Turkish letters dropped from every word (`full`), or from half the words that
  have them (`partly`, at least one, fixed seed). Caught = a `turkish_chars` finding.
  Word accuracy of the text the commenter is offered (the suggestion, or the input itself
  where none is made) beside Deniz Yuret's deasciifier (public domain; run from
  `--anchor`, never copied here) on the same input, both scored alike: whitespace tokens
  aligned with difflib, circumflexes kept as written. Speed: form pipeline vs deasciifier.
- `capitals`: the sentence upper-cased with Turkish rules; caught by `capitals`.
- `spelling`: one realistic error injected per sentence and kind (table misspellings,
  informal -yo/-cAm, missing proper-noun apostrophe, joined de/da, ki, mi, wrongly split
  -de ki and locative -de, one-letter typos by operation). Detected = a `spelling` finding
  over the error; fixed = applying those findings' replacements gives the sentence back.

Throughput of the full pipeline: `python -m benchmarks.throughput`.
"""

from __future__ import annotations

import argparse
import difflib
import importlib
import json
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from itertools import pairwise
from pathlib import Path
from typing import Any

from benchmarks.ud import DEFAULT_DATA, UDSentence, dev_by_treebank
from suzgec.clauses.form import form_checks
from suzgec.model import Action, Clause, Decision
from suzgec.pipeline import Moderator
from suzgec.text.casing import tr_lower, tr_upper
from suzgec.text.normalize import TURKISH_LETTERS, asciify

DEFAULT_ANCHOR = DEFAULT_DATA.parent / "anchors" / "turkish_deasciifier"
LETTERS = "abcçdefgğhıijklmnoöprsştuüvyz"
_LOWER = frozenset(LETTERS)
_CORRECTIONS = Path(__file__).resolve().parents[1] / "src/suzgec/text/data/spelling_corrections.tsv"

# An injected error: the erroneous sentence, the span of the error in it, the original.
Injected = tuple[str, int, int]


# -- scoring helpers -----------------------------------------------------------------------


def _rate(n: int, d: int) -> float:
    return round(n / d, 4) if d else 0.0


def _has(decision: Decision, clause: Clause) -> bool:
    return any(f.clause is clause for f in decision.findings)


def aligned_words(gold: str, out: str) -> tuple[int, int]:
    """(gold whitespace tokens, those the output reproduces), aligned with difflib so that a
    split or joined word costs only itself."""
    g, o = gold.split(), out.split()
    matcher = difflib.SequenceMatcher(None, g, o, autojunk=False)
    return len(g), sum(block.size for block in matcher.get_matching_blocks())


def half_asciified(s: UDSentence) -> str:
    """Half the words that have Turkish letters (at least one) lose them."""
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", s.text)]
    marked = [w for w in words if any(ch in TURKISH_LETTERS for ch in s.text[w[0] : w[1]])]
    rng = random.Random(f"{s.sent_id}:partly")
    chosen = rng.sample(marked, max(1, len(marked) // 2)) if marked else []
    out = s.text
    for a, b in chosen:
        out = out[:a] + asciify(out[a:b]) + out[b:]
    return out


# -- injected spelling errors --------------------------------------------------------------


def _words(s: UDSentence) -> list[tuple[int, int, str, str]]:
    return [t for t in s.tokens if t[2][:1].isalpha()]


def _lower_words(s: UDSentence, min_len: int = 1) -> list[tuple[int, int, str, str]]:
    return [
        t
        for t in _words(s)
        if len(t[2]) >= min_len and all(ch in _LOWER for ch in t[2]) and "PROPN" not in t[3]
    ]


def _replace(text: str, start: int, end: int, new: str) -> Injected:
    return text[:start] + new + text[end:], start, start + len(new)


def _table_rows() -> list[tuple[str, str, bool]]:
    """(wrong, right, prefix) for the confident `misspelling` rows of the curated table."""
    rows = []
    seen: set[str] = set()
    for line in _CORRECTIONS.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        wrong, right, kind, score, mode = line.split("\t")
        if kind == "misspelling" and float(score) >= 0.85 and right not in seen:
            seen.add(right)
            rows.append((wrong, right, mode == "prefix"))
    return rows


def inject_table(s: UDSentence, rng: random.Random) -> Injected | None:
    """A word or pair the table corrects, written the wrong way ("her şey" → "herşey")."""
    sites = []
    for wrong, right, prefix in _table_rows():
        tail = r"[^\W\d_]*" if prefix else ""
        for m in re.finditer(rf"(?<!\w){re.escape(right)}({tail})(?!\w)", s.text):
            sites.append((m.start(), m.end(), wrong + m.group(1)))
    if not sites:
        return None
    start, end, new = rng.choice(sites)
    return _replace(s.text, start, end, new)


def inject_informal(s: UDSentence, rng: random.Random) -> Injected | None:
    """Spoken -yor and future endings: geliyor → geliyo, geliyorum → geliyom,
    yapacağım → yapıcam, geleceğim → gelicem, okuyacağım → okucam."""
    sites = []
    for start, end, w, _ in _lower_words(s, 5):
        m = re.fullmatch(r"(.+[ıiuü]yo)r(|um|sun|lar)", w)
        if m:
            ending = {"": "", "um": "m", "sun": "n", "lar": "lar"}[m.group(2)]
            sites.append((start, end, m.group(1) + ending))
        m = re.fullmatch(r"(.+?)(y?)([ae])c[aeğ]+([ıi]m|[ıi]z)", w)
        if m and w.endswith(("acağım", "eceğim", "acağız", "eceğiz")):
            base, vowel = m.group(1), m.group(3)
            narrow = "ı" if vowel == "a" else "i"
            if m.group(2):  # oku-yacağım → oku-cam, bekle-yeceğim → bekli-cem
                base = base[:-1] + (narrow if base[-1] in "ae" else base[-1])
            else:  # yap-acağım → yapı-cam
                base += narrow
            person = "m" if w.endswith("m") else "z"
            sites.append((start, end, f"{base}c{vowel}{person}"))
    if not sites:
        return None
    return _replace(s.text, *rng.choice(sites))


def inject_apostrophe(s: UDSentence, rng: random.Random) -> Injected | None:
    """A proper noun's suffix written without its apostrophe: Ankara'dan → Ankaradan."""
    sites = []
    for start, end, w, upos in _words(s):
        stem, _, suffix = w.partition("'")
        if "PROPN" in upos and suffix.isalpha() and suffix.islower() and stem.isalpha():
            if stem[0].isupper() and not stem.isupper() and len(stem) >= 3:
                sites.append((start, end, stem + suffix))
    if not sites:
        return None
    return _replace(s.text, *rng.choice(sites))


def _join(s: UDSentence, rng: random.Random, ok: Callable[[str, str], bool]) -> Injected | None:
    """A separate word joined to the word before it: "ben de" → "bende"."""
    words = s.tokens
    sites = []
    for (a0, a1, aw, _), (b0, b1, bw, bu) in pairwise(words):
        if s.text[a1:b0] == " " and aw.isalpha() and ok(bw, bu):
            sites.append((a0, b1, aw + bw))
    if not sites:
        return None
    return _replace(s.text, *rng.choice(sites))


def inject_joined_de(s: UDSentence, rng: random.Random) -> Injected | None:
    return _join(s, rng, lambda w, upos: w in ("de", "da") and upos in ("CCONJ", "PART"))


def inject_joined_ki(s: UDSentence, rng: random.Random) -> Injected | None:
    return _join(s, rng, lambda w, upos: w == "ki" and upos in ("SCONJ", "CCONJ", "PART"))


def inject_joined_mi(s: UDSentence, rng: random.Random) -> Injected | None:
    particle = re.compile(r"m[ıiuü](?:[sy][a-zçğıöşü]*)?")
    return _join(s, rng, lambda w, upos: upos == "AUX" and particle.fullmatch(w) is not None)


def inject_split_deki(s: UDSentence, rng: random.Random) -> Injected | None:
    """The -ki of "evdeki" written apart: "evde ki"."""
    sites = []
    for start, end, w, _ in _lower_words(s, 6):
        if re.search(r"[dt][ae]ki$", w):
            sites.append((start, end, w[:-2] + " ki"))
    if not sites:
        return None
    return _replace(s.text, *rng.choice(sites))


def inject_split_de(
    s: UDSentence, rng: random.Random, known: Callable[[str], bool]
) -> Injected | None:
    """The locative ending written apart like the conjunction: "evde" → "ev de". The
    ending is -te/-ta exactly after a voiceless consonant, so "gazete", "hayata" are not
    locatives (UD here has no morphological features to ask)."""
    sites = []
    for start, end, w, upos in _lower_words(s, 4):
        if upos in ("NOUN", "PRON") and re.search(r"[dt][ae]$", w) and known(w[:-2]):
            if (w[-2] == "t") == (w[-3] in "fstkçşhp"):
                sites.append((start, end, w[:-2] + " " + w[-2:]))
    if not sites:
        return None
    return _replace(s.text, *rng.choice(sites))


def inject_typo(s: UDSentence, rng: random.Random, op: str) -> Injected | None:
    """One letter deleted, inserted, replaced or two swapped in a lower-case common word of
    4+ letters."""
    words = _lower_words(s, 4)
    if not words:
        return None
    start, end, w, _ = rng.choice(words)
    i = rng.randrange(len(w) - 1) if op == "swap" else rng.randrange(len(w))
    if op == "delete":
        new = w[:i] + w[i + 1 :]
    elif op == "insert":
        new = w[:i] + rng.choice(LETTERS) + w[i:]
    elif op == "replace":
        new = w[:i] + rng.choice([c for c in LETTERS if c != w[i]]) + w[i + 1 :]
    else:
        new = w[:i] + w[i + 1] + w[i] + w[i + 2 :]
    if new == w:
        return None
    return _replace(s.text, start, end, new)


def injectors(
    known: Callable[[str], bool],
) -> dict[str, Callable[[UDSentence, random.Random], Injected | None]]:
    kinds: dict[str, Callable[[UDSentence, random.Random], Injected | None]] = {
        "table": inject_table,
        "informal": inject_informal,
        "apostrophe": inject_apostrophe,
        "joined_de": inject_joined_de,
        "joined_ki": inject_joined_ki,
        "joined_mi": inject_joined_mi,
        "split_deki": inject_split_deki,
        "split_de": lambda s, rng: inject_split_de(s, rng, known),
    }
    for op in ("delete", "insert", "replace", "swap"):
        kinds[f"typo_{op}"] = lambda s, rng, op=op: inject_typo(s, rng, op)
    return kinds


def fixed_by(decision: Decision, start: int, end: int) -> tuple[bool, str]:
    """(detected, text after applying the spelling findings over [start, end))."""
    spans = [
        (a, b, f.replacement)
        for f in decision.findings
        if f.clause is Clause.SPELLING
        for a, b in f.spans
        if a < end and b > start
    ]
    out = decision.text
    for a, b, replacement in sorted(spans, reverse=True):
        if replacement is not None:
            out = out[:a] + replacement + out[b:]
    return bool(spans), out


# -- the run -------------------------------------------------------------------------------


def load_anchor(path: Path) -> Callable[[str], str] | None:
    """The reference deasciifier, imported from its folder (never part of this project)."""
    if not (path / "turkish" / "deasciifier.py").exists():
        return None
    sys.path.insert(0, str(path))
    try:
        cls = importlib.import_module("turkish.deasciifier").Deasciifier
    finally:
        sys.path.remove(str(path))
    return lambda text: cls(text).convert_to_turkish()


class Tally:
    """Counts per treebank; `overall` pools them."""

    def __init__(self) -> None:
        self.counts: dict[str, Counter[str]] = {}

    def add(self, treebank: str, **values: float) -> None:
        c = self.counts.setdefault(treebank, Counter())
        c.update(values)

    def overall(self) -> Counter[str]:
        total: Counter[str] = Counter()
        for c in self.counts.values():
            total.update(c)
        return total


def measure(
    sents: list[UDSentence],
    form: Moderator,
    deasciify: Callable[[str], str] | None,
    kinds: dict[str, Any],
) -> Counter[str]:
    c: Counter[str] = Counter()
    for s in sents:
        c["sentences"] += 1
        d = form.moderate(s.text)
        c["correct_turkish_chars"] += _has(d, Clause.TURKISH_CHARS)
        c["correct_rejected"] += d.action is Action.REJECT
        c["correct_flagged"] += d.action is not Action.APPROVE
        c["correct_suggestion_changes"] += d.suggestion is not None and d.suggestion != s.text
        for clause in (Clause.CAPITALS, Clause.TURKISH_CHARS, Clause.SPELLING):
            c[f"correct_flagged_{clause}"] += _has(d, clause)
            c[f"correct_rejected_{clause}"] += any(
                f.clause is clause and f.action is Action.REJECT for f in d.findings
            )

        for mode, typed in (("full", asciify(s.text)), ("partly", half_asciified(s))):
            if typed == s.text:
                continue
            c[f"{mode}_sentences"] += 1
            t0 = time.perf_counter()
            d = form.moderate(typed)
            c["form_seconds"] += time.perf_counter() - t0
            c[f"{mode}_caught"] += _has(d, Clause.TURKISH_CHARS)
            c[f"{mode}_rejected"] += any(
                f.clause is Clause.TURKISH_CHARS and f.action is Action.REJECT for f in d.findings
            )
            n, right = aligned_words(s.text, d.suggestion or typed)
            c[f"{mode}_words"] += n
            c[f"{mode}_suggestion_right"] += right
            c[f"{mode}_restorer_right"] += aligned_words(
                s.text,
                form.checks[1].restorer.restore(typed),  # type: ignore[attr-defined]
            )[1]
            if deasciify is not None:
                t0 = time.perf_counter()
                out = deasciify(typed)
                c["anchor_seconds"] += time.perf_counter() - t0
                c[f"{mode}_anchor_right"] += aligned_words(s.text, out)[1]

        d = form.moderate(tr_upper(s.text))
        c["caps_caught"] += _has(d, Clause.CAPITALS)
        c["caps_rejected"] += d.action is Action.REJECT

        for kind, inject in kinds.items():
            got = inject(s, random.Random(f"{s.sent_id}:{kind}"))
            if got is None:
                continue
            text, start, end = got
            detected, out = fixed_by(form.moderate(text), start, end)
            c[f"spell_{kind}_n"] += 1
            c[f"spell_{kind}_detected"] += detected
            c[f"spell_{kind}_fixed"] += out == s.text
    return c


def report(c: Counter[str], kinds: Iterable[str], anchor: bool) -> dict[str, Any]:
    n = c["sentences"]
    out: dict[str, Any] = {
        "sentences": n,
        "correct": {
            "turkish_chars_finding": _rate(c["correct_turkish_chars"], n),
            "rejected_by_any_form_clause": _rate(c["correct_rejected"], n),
            "flagged_at_all": _rate(c["correct_flagged"], n),
            "suggestion_changes_a_word": _rate(c["correct_suggestion_changes"], n),
            "per_clause_flagged": {
                str(k): _rate(c[f"correct_flagged_{k}"], n)
                for k in (Clause.CAPITALS, Clause.TURKISH_CHARS, Clause.SPELLING)
            },
            "per_clause_rejected": {
                str(k): _rate(c[f"correct_rejected_{k}"], n)
                for k in (Clause.CAPITALS, Clause.TURKISH_CHARS, Clause.SPELLING)
            },
        },
        "asciified": {},
        "capitals": {
            "caught": _rate(c["caps_caught"], n),
            "rejected": _rate(c["caps_rejected"], n),
        },
    }
    for mode in ("full", "partly"):
        m = c[f"{mode}_sentences"]
        words = c[f"{mode}_words"]
        out["asciified"][mode] = {
            "sentences": m,
            "caught": _rate(c[f"{mode}_caught"], m),
            "rejected": _rate(c[f"{mode}_rejected"], m),
            "suggestion_word_accuracy": _rate(c[f"{mode}_suggestion_right"], words),
            "restorer_word_accuracy": _rate(c[f"{mode}_restorer_right"], words),
            "deasciifier_word_accuracy": _rate(c[f"{mode}_anchor_right"], words)
            if anchor
            else None,
        }
    if anchor and c["anchor_seconds"]:
        out["asciified"]["form_pipeline_vs_deasciifier_speed"] = round(
            c["anchor_seconds"] / c["form_seconds"], 2
        )
    spell: dict[str, Any] = {}
    total: Counter[str] = Counter()
    for kind in kinds:
        k = c[f"spell_{kind}_n"]
        spell[kind] = {
            "injected": k,
            "detected": _rate(c[f"spell_{kind}_detected"], k),
            "fixed_top1": _rate(c[f"spell_{kind}_fixed"], k),
        }
        for what in ("n", "detected", "fixed"):
            total[what] += c[f"spell_{kind}_{what}"]
    spell["all_kinds"] = {
        "injected": total["n"],
        "detected": _rate(total["detected"], total["n"]),
        "fixed_top1": _rate(total["fixed"], total["n"]),
    }
    out["spelling"] = spell
    return out


def run(data: Path, anchor_path: Path, limit: int | None) -> dict[str, Any]:
    form = Moderator(checks=form_checks())
    speller = form.checks[2].checker  # type: ignore[attr-defined]
    kinds = injectors(lambda w: tr_lower(w) in speller.common)
    deasciify = load_anchor(anchor_path)
    per: dict[str, Counter[str]] = {}
    for treebank, sents in dev_by_treebank(data).items():
        per[treebank] = measure(sents[:limit], form, deasciify, kinds)
    pooled: Counter[str] = Counter()
    for c in per.values():
        pooled.update(c)
    return {
        "data": "UD Turkish dev sentences no model was built from (benchmarks.ud.dev_by_treebank)",
        "deasciifier": str(anchor_path) if deasciify else None,
        "overall": report(pooled, kinds, deasciify is not None),
        "per_treebank": {t: report(c, kinds, deasciify is not None) for t, c in per.items()},
    }


def _pct(x: float | None) -> str:
    return "—" if x is None else f"{100 * x:.2f}"


def _cell(
    get: Callable[[dict[str, Any]], Any], now: dict[str, Any], then: dict[str, Any] | None
) -> str:
    """One table cell: the value, or "before → **after**" where a `--before` run differs."""
    value = str(get(now))
    if then is None:
        return value
    try:
        old = str(get(then))
    except KeyError:
        return value
    return value if old == value else f"{old} → **{value}**"


def markdown(result: dict[str, Any], before: dict[str, Any] | None = None) -> str:
    """The per-treebank tables (percentages) the README quotes; with `before` (the JSON of an
    earlier run), each changed cell reads "before → **after**"."""
    cols = ["overall", *result["per_treebank"]]
    rep = {"overall": result["overall"], **result["per_treebank"]}
    old = {"overall": before["overall"], **before["per_treebank"]} if before else {}
    rows: list[tuple[str, Callable[[dict[str, Any]], Any]]] = [
        ("sentences", lambda r: r["sentences"]),
        ("correct: `turkish_chars` finding", lambda r: _pct(r["correct"]["turkish_chars_finding"])),
        (
            "correct: rejected by any form clause",
            lambda r: _pct(r["correct"]["rejected_by_any_form_clause"]),
        ),
        ("correct: flagged at all", lambda r: _pct(r["correct"]["flagged_at_all"])),
        (
            "correct: suggestion changes a word",
            lambda r: _pct(r["correct"]["suggestion_changes_a_word"]),
        ),
        ("fully asciified: caught", lambda r: _pct(r["asciified"]["full"]["caught"])),
        ("partly asciified: caught", lambda r: _pct(r["asciified"]["partly"]["caught"])),
        (
            "fully asciified: suggestion word accuracy",
            lambda r: _pct(r["asciified"]["full"]["suggestion_word_accuracy"]),
        ),
        (
            "fully asciified: deasciifier word accuracy",
            lambda r: _pct(r["asciified"]["full"]["deasciifier_word_accuracy"]),
        ),
        (
            "partly asciified: suggestion word accuracy",
            lambda r: _pct(r["asciified"]["partly"]["suggestion_word_accuracy"]),
        ),
        (
            "partly asciified: deasciifier word accuracy",
            lambda r: _pct(r["asciified"]["partly"]["deasciifier_word_accuracy"]),
        ),
        ("upper-cased: caught by `capitals`", lambda r: _pct(r["capitals"]["caught"])),
    ]
    lines = ["| measure | " + " | ".join(cols) + " |", "|---" * (len(cols) + 1) + "|"]
    for name, get in rows:
        lines.append(
            f"| {name} | " + " | ".join(_cell(get, rep[c], old.get(c)) for c in cols) + " |"
        )
    lines += ["", "| spelling kind: detected / fixed top-1 (injected) | " + " | ".join(cols) + " |"]
    lines.append("|---" * (len(cols) + 1) + "|")
    for kind in result["overall"]["spelling"]:

        def rate(r: dict[str, Any], kind: str = kind) -> str:
            k = r["spelling"][kind]
            return f"{_pct(k['detected'])} / {_pct(k['fixed_top1'])}"

        cells = [
            f"{_cell(rate, rep[c], old.get(c))} ({rep[c]['spelling'][kind]['injected']})"
            for c in cols
        ]
        lines.append(f"| {kind} | " + " | ".join(cells) + " |")
    speed = result["overall"]["asciified"].get("form_pipeline_vs_deasciifier_speed")
    if speed is not None:
        lines += ["", f"Form pipeline speed relative to the deasciifier: {speed}× (>1: faster)."]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--anchor", type=Path, default=DEFAULT_ANCHOR)
    parser.add_argument("--limit", type=int, default=None, help="sentences per treebank")
    parser.add_argument("--markdown", action="store_true")
    parser.add_argument(
        "--before",
        type=Path,
        default=None,
        help="with --markdown: JSON of an earlier run, shown as before → after",
    )
    args = parser.parse_args()
    result = run(args.data, args.anchor, args.limit)
    if args.markdown:
        before = json.loads(args.before.read_text(encoding="utf-8")) if args.before else None
        print(markdown(result, before))
    else:
        print(json.dumps(result, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
