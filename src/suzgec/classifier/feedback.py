"""The site's human decisions as labelled rows of a source "site".

Input: the plain dicts `Store.human_decisions()` returns (the CLI reads them; this package
never imports the store). Label mapping, the same heads as every other source
(classifier/sources.py):

| human decision | offensive_any | profanity / insult / offensive | belief_attack |
|---|---|---|---|
| approved (approve, overturn_approve) | 0 | 0 / 0 / 0 | 0 |
| rejected (reject, overturn_reject), removed | 1 | note, else one finding, else – | note |
| rejected for its form only | row left out | | |

"Note": the moderator's note names the clause; "one finding": the automatic decision found
exactly one content clause. "For its form only": the note or the findings name spelling,
capitals or Turkish letters, and no content clause.

"–": the head does not train on the row. A rejection says the comment broke *a* rule, not
which: the clause is taken only where the moderator's note names it ("küfür", "hakaret",
"inanç", ...) or the automatic decision found exactly one content clause the moderator then
confirmed. A comment rejected for its spelling or capitals says nothing about offence.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from suzgec.classifier import sources as S

SOURCE = "site"
CLEAN = "approved"
OFFENSIVE = ("rejected", "removed")
CONTENT_HEADS = ("profanity", "insult", "offensive", "belief_attack")
FORM_CLAUSES = ("spelling", "turkish_chars", "capitals")

# What a moderator's note names, matched on the folded, lower-case note (Turkish endings
# allowed). Only clear words: "kötü" or "uygunsuz" name no clause.
_NOTE_CLAUSE = {
    "profanity": r"k[uü]f[uü]r|argo|m[uü]stehcen",
    "insult": r"hakaret|a[sş]a[gğ][iı]la|a[sş]a[gğ][iı]lama|ki[sş]isel sald[iı]r",
    "offensive": r"nefret|[iı]rk[cç][iı]|cinsiyet[cç]i|ayr[iı]mc[iı]|sald[iı]rgan|tehdit",
    "belief_attack": r"inan[cç]|dine |dini|dinleri|mezhep|kutsal",
}
_NOTE_FORM = r"yaz[iı]m|imla|b[uü]y[uü]k harf|t[uü]rk[cç]e karakter|noktalama"


def _named(note: str | None) -> tuple[set[str], bool]:
    """(content clauses the note names, whether it names a form reason)."""
    if not note:
        return set(), False
    text = note.replace("İ", "i").replace("I", "ı").lower()
    named = {h for h, pattern in _NOTE_CLAUSE.items() if re.search(pattern, text)}
    return named, bool(re.search(_NOTE_FORM, text))


def labels_of(record: Mapping[str, Any]) -> dict[str, int] | None:
    """The heads one human decision labels, or None when it is no content label."""
    verdict = record["verdict"]
    if verdict == CLEAN:
        return dict.fromkeys(S.HEADS, 0)
    if verdict not in OFFENSIVE:
        return None
    named, form_note = _named(record.get("note"))
    findings = set(record.get("findings") or ())
    found = findings & set(CONTENT_HEADS)
    if not named and not found and (form_note or findings & set(FORM_CLAUSES)):
        return None  # rejected for its form: says nothing about offence
    labels = {"offensive_any": 1}
    clauses = named or (found if len(found) == 1 else set())
    gated = clauses & set(S.GATED)
    if len(gated) == 1:
        labels.update({h: int(h in gated) for h in S.GATED})
    if "belief_attack" in clauses:
        labels["belief_attack"] = 1
    return labels


def rows_of(records: Iterable[Mapping[str, Any]]) -> list[S.Row]:
    """Labelled rows of source "site", one per comment with a content label."""
    rows = []
    for r in records:
        labels = labels_of(r)
        if labels is not None and str(r["text"]).strip():
            stratum = str(labels["offensive_any"])
            rows.append(S.Row(SOURCE, str(r["comment_id"]), str(r["text"]), labels, stratum))
    return rows


HOLD_SEED = "suzgec-site-holdout-1"
HOLD_FRACTION = 0.2


def hold_back(
    rows: Sequence[S.Row], fraction: float = HOLD_FRACTION, seed: str = HOLD_SEED
) -> tuple[list[S.Row], list[S.Row]]:
    """(train, held back): each comment's side comes from a seeded hash of its id alone, so
    a rerun with more decisions compares on the same comments as before, plus new ones."""

    def held(r: S.Row) -> bool:
        digest = hashlib.sha256(f"{seed}:{r.id}".encode()).digest()
        return int.from_bytes(digest[:8], "big") < fraction * 2**64

    return [r for r in rows if not held(r)], [r for r in rows if held(r)]


def fingerprint(rows: Sequence[S.Row]) -> str:
    """A short digest of the labelled rows (which comments, which labels): in the card."""
    h = hashlib.sha256()
    for r in sorted(rows, key=lambda r: r.id):
        h.update(f"{r.id}:{sorted(r.labels.items())}\n".encode())
    return h.hexdigest()[:16]
