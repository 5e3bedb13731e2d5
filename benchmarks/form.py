"""Form clauses on UD Turkish dev sentences the models were not built from.

    python -m benchmarks.form [--data ../shared/data] [--limit N]

Prints JSON: Turkish-letter restoration accuracy and detection, capitals detection,
spelling false alarms and typo recall, the share of correct sentences each form clause
rejects or sends to review. Throughput: `python -m benchmarks.throughput`.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path

from benchmarks.ud import DEFAULT_DATA, sentences
from suzgec.clauses.form import form_checks
from suzgec.model import Action, Clause, Decision
from suzgec.pipeline import Moderator
from suzgec.text.casing import tr_upper
from suzgec.text.normalize import asciify
from suzgec.text.tokenize import tokenize

LETTERS = "abcçdefgğhıijklmnoöprsştuüvyz"


def inject_typo(text: str, rng: random.Random) -> tuple[str, int, int, str] | None:
    """One letter deleted, inserted, replaced or two swapped in one lower-case word of
    4+ letters (not the first word, so it is not a capitalised sentence start)."""
    words = [t for t in tokenize(text)[1:] if t.is_word and t.text.isalpha()]
    words = [t for t in words if len(t.text) >= 4 and t.text == t.text.lower()]
    if not words:
        return None
    tok = rng.choice(words)
    w = tok.text
    i = rng.randrange(1, len(w) - 1)
    op = rng.choice(["delete", "insert", "replace", "swap"])
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
    return text[: tok.start] + new + text[tok.end :], tok.start, tok.start + len(new), w


def _flagged(decision: Decision, clause: Clause) -> Action:
    actions = [f.action for f in decision.findings if f.clause is clause]
    return max(actions, key=lambda a: a.severity, default=Action.APPROVE)


def _rate(n: int, d: int) -> float:
    return round(n / d, 4) if d else 0.0


def run(data: Path, limit: int | None) -> dict:
    sents = [text for _, text in sentences(data, "dev")][:limit]
    form = Moderator(checks=form_checks())
    restorer = form.checks[1].restorer  # type: ignore[attr-defined]
    rng = random.Random(13)

    # Correct sentences: nothing should fire.
    clean = [form.moderate(s) for s in sents]
    rejected = sum(d.action is Action.REJECT for d in clean)
    reviewed = sum(d.action is Action.REVIEW for d in clean)
    per_clause = {
        str(c): {
            "rejected": _rate(sum(_flagged(d, c) is Action.REJECT for d in clean), len(clean)),
            "review": _rate(sum(_flagged(d, c) is Action.REVIEW for d in clean), len(clean)),
        }
        for c in (Clause.CAPITALS, Clause.TURKISH_CHARS, Clause.SPELLING)
    }

    # Turkish letters: restoration accuracy and detection on asciified sentences.
    words = same = amb = amb_same = 0
    caught = caught_reject = positives = 0
    t0 = time.perf_counter()
    restored_all = [restorer.restore(asciify(s)) for s in sents]
    restore_secs = time.perf_counter() - t0
    for s, restored in zip(sents, restored_all, strict=True):
        for a, b in zip(tokenize(s), tokenize(restored), strict=False):
            if a.is_word:
                words += 1
                same += a.text == b.text
                if asciify(a.text) != a.text:
                    amb += 1
                    amb_same += a.text == b.text
        if asciify(s) != s:
            positives += 1
            flag = _flagged(form.moderate(asciify(s)), Clause.TURKISH_CHARS)
            caught += flag is not Action.APPROVE
            caught_reject += flag is Action.REJECT
    false_tc = sum(_flagged(d, Clause.TURKISH_CHARS) is not Action.APPROVE for d in clean)

    # Capitals: every sentence shouted.
    caps_caught = caps_reject = 0
    for s in sents:
        flag = _flagged(form.moderate(tr_upper(s)), Clause.CAPITALS)
        caps_caught += flag is not Action.APPROVE
        caps_reject += flag is Action.REJECT
    false_caps = sum(_flagged(d, Clause.CAPITALS) is not Action.APPROVE for d in clean)

    # Spelling: one injected typo per sentence.
    typo_total = typo_found = typo_fixed = 0
    for s in sents:
        injected = inject_typo(s, rng)
        if injected is None:
            continue
        text, start, end, original_word = injected
        typo_total += 1
        decision = form.moderate(text)
        hits = [
            f
            for f in decision.findings
            if f.clause is Clause.SPELLING and f.start < end and f.end > start
        ]
        typo_found += bool(hits)
        typo_fixed += any(f.replacement == original_word for f in hits)

    return {
        "data": "UD Turkish dev sentences (Tourism excluded), not used to build any model",
        "sentences": len(sents),
        "correct_sentences": {
            "rejected_by_any_form_clause": _rate(rejected, len(clean)),
            "sent_to_review": _rate(reviewed, len(clean)),
            "per_clause": per_clause,
        },
        "turkish_chars": {
            "restoration_word_accuracy": _rate(same, words),
            "restoration_accuracy_on_words_with_turkish_letters": _rate(amb_same, amb),
            "restore_sentences_per_s": round(len(sents) / restore_secs, 1),
            "asciified_sentences_caught": _rate(caught, positives),
            "asciified_sentences_rejected": _rate(caught_reject, positives),
            "detection_precision": _rate(caught, caught + false_tc),
            "correct_sentences_flagged": _rate(false_tc, len(clean)),
        },
        "capitals": {
            "uppercased_sentences_caught": _rate(caps_caught, len(sents)),
            "uppercased_sentences_rejected": _rate(caps_reject, len(sents)),
            "correct_sentences_flagged": _rate(false_caps, len(clean)),
        },
        "spelling": {
            "correct_sentences_flagged": _rate(
                sum(_flagged(d, Clause.SPELLING) is not Action.APPROVE for d in clean), len(clean)
            ),
            "typo_sentences": typo_total,
            "typo_recall": _rate(typo_found, typo_total),
            "typo_top1_fixed": _rate(typo_fixed, typo_total),
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    print(json.dumps(run(args.data, args.limit), ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
