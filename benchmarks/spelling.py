"""The spelling checker on UD Turkish dev sentences it was not built from.

    python -m benchmarks.spelling [--data ../shared/data] [--seed 13] [--examples 0]

Prints JSON: false alarms on the correct sentences (per word; per sentence with any issue and
with an issue scored >= 0.8), detection recall and top-1 correction accuracy on the same
sentences with one injected typo each, recall on a list of common misspellings, and speed.
Dev rows only (split == "dev" and the BOUN rows held out from training), Tourism treebank
excluded (almost all capitals).
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from suzgec.comment import Comment
from suzgec.text.spelling import VERSION, SpellChecker, default_checker
from suzgec.training.splits import boun_dev_ids, split_of

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
LETTERS = "abcçdefgğhıijklmnoöprsştuüvyz"
LOWER = frozenset(LETTERS)

# (sentence, misspelt word as written, expected correction): the error classes the clause
# must fix. Kept apart from the table file so a typo in either shows up here.
MISSPELLINGS: list[tuple[str, str, str]] = [
    ("Bu konuda herkez aynı şeyi söylüyor.", "herkez", "herkes"),
    ("Herkezin bir fikri var elbette.", "Herkezin", "Herkesin"),
    ("Yanlız kalmak kimsenin işine gelmez.", "Yanlız", "Yalnız"),
    ("Bu yalnış bir karar oldu.", "yalnış", "yanlış"),
    ("Malesef sonuç değişmedi.", "Malesef", "Maalesef"),
    ("Birşey söylemek istiyorum.", "Birşey", "Bir şey"),
    ("Herşey çok güzel olacak.", "Herşey", "Her şey"),
    ("Hiç bir açıklama yapılmadı.", "Hiç bir", "Hiçbir"),
    ("Şuanda kimse ne olduğunu bilmiyor.", "Şuanda", "Şu anda"),
    ("Ortada birsürü iddia dolaşıyor.", "birsürü", "bir sürü"),
    ("Bu karardan bir çok kişi etkilendi.", "bir çok", "birçok"),
    ("Bunu pekçok kişi biliyor.", "pekçok", "pek çok"),
    ("Orjinal belgeyi kimse görmedi.", "Orjinal", "Orijinal"),
    ("Gel yada gitme, karar senin.", "yada", "ya da"),
    ("Bu işi yinede yapmalıyız.", "yinede", "yine de"),
    ("Tabiki haklısınız.", "Tabiki", "Tabii ki"),
    ("Bu haberi bir kaç kez okudum.", "bir kaç", "birkaç"),
    ("Her hangi bir sorun yok.", "Her hangi", "Herhangi"),
    ("Bunu hiç birimiz beklemiyorduk.", "hiç birimiz", "hiçbirimiz"),
    ("Hiçbirşey değişmeyecek.", "Hiçbirşey", "Hiçbir şey"),
    ("Herşeyi devlet mi yapacak?", "Herşeyi", "Her şeyi"),
    ("Bu ödülü haketti.", "haketti", "hak etti"),
    ("Kimse farketmedi bile.", "farketmedi", "fark etmedi"),
    ("Yarın size haber vericem.", "vericem", "vereceğim"),
    ("Bunu sonra yapıcam.", "yapıcam", "yapacağım"),
    ("Akşama gelicem.", "gelicem", "geleceğim"),
    ("Adam ne diyo anlamadım.", "diyo", "diyor"),
    ("Otobüs hâlâ geliyo mu?", "geliyo", "geliyor"),
    ("Bilmiyom valla.", "Bilmiyom", "Bilmiyorum"),
    ("Napıyon sen orada?", "Napıyon", "Ne yapıyorsun"),
    ("Bu haber doğru varmı bilen?", "varmı", "var mı"),
    ("Çok güzel değilmi?", "değilmi", "değil mi"),
    ("Sırbistanın tavrı belli.", "Sırbistanın", "Sırbistan'ın"),
    ("Dün Ankaradan döndük.", "Ankaradan", "Ankara'dan"),
    ("Erdoğanın açıklaması bekleniyor.", "Erdoğanın", "Erdoğan'ın"),
    ("Türkiyede enflasyon yüksek.", "Türkiyede", "Türkiye'de"),
    ("İstanbula kar yağdı.", "İstanbula", "İstanbul'a"),
    ("Avrupadan tepki geldi.", "Avrupadan", "Avrupa'dan"),
    ("Yanliz birakmayin onu.", "Yanliz", "Yalnız"),
    ("Hersey yolunda.", "Hersey", "Her şey"),
    ("Bu adam tamamen haksz.", "haksz", "haksız"),
    ("Hükümet yeni bir kanun hazırlıyr.", "hazırlıyr", "hazırlıyor"),
    ("Bu kararı kesinlikle desteklemiyorm.", "desteklemiyorm", "desteklemiyorum"),
    ("Belediye yolları temizlemedi, vatandaş şikayetçi ve çok mağudr.", "mağudr", "mağdur"),
]


def load_dev(data: Path) -> list[tuple[str, str, frozenset[str]]]:
    """(sent_id, text, proper-noun tokens) for dev rows (the BOUN tenth held out from
    training included, `suzgec.training.splits`) outside the Tourism treebank."""
    csv.field_size_limit(sys.maxsize)
    text_dir = data / "text"
    rows: dict[str, str] = {}
    with open(text_dir / "ud_turkish.train.tsv", encoding="utf-8", newline="") as fh:
        every = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    boun_dev = boun_dev_ids((row["treebank"], row["sent_id"]) for row in every)
    for row in every:
        split = split_of(row["split"], row["sent_id"], boun_dev)
        if split == "dev" and row["treebank"] != "UD_Turkish-Tourism":
            rows[row["sent_id"]] = row["text"]
    proper: defaultdict[str, set[str]] = defaultdict(set)
    with open(text_dir / "ud_turkish.train.tokens.tsv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            if row["sent_id"] in rows and "PROPN" in row["upos"]:
                proper[row["sent_id"]].add(row["token"])
    return [(sid, text, frozenset(proper[sid])) for sid, text in rows.items()]


def inject(text: str, comment: Comment, proper: frozenset[str], rng: random.Random):
    """One typo (delete, insert, replace, swap) in one lower-case non-proper word of 4+ letters."""
    words = [
        t
        for t in comment.words
        if len(t.text) >= 4 and all(ch in LOWER for ch in t.text) and t.text not in proper
    ]
    if not words:
        return None
    tok = rng.choice(words)
    w = tok.text
    for _ in range(20):
        op = rng.choice(("delete", "insert", "replace", "swap"))
        i = rng.randrange(len(w))
        if op == "delete":
            new = w[:i] + w[i + 1 :]
        elif op == "insert":
            new = w[:i] + rng.choice(LETTERS) + w[i:]
        elif op == "replace":
            new = w[:i] + rng.choice(LETTERS) + w[i + 1 :]
        else:
            i = min(i, len(w) - 2)
            new = w[:i] + w[i + 1] + w[i] + w[i + 2 :]
        if new != w:
            return (
                text[: tok.start] + new + text[tok.end :],
                tok.start,
                tok.start + len(new),
                w,
                new,
            )
    return None


def run(data: Path, seed: int, examples: int) -> dict[str, object]:
    t0 = time.perf_counter()
    checker: SpellChecker = default_checker()
    load_s = time.perf_counter() - t0
    dev = load_dev(data)
    comments = [(Comment.of(text), proper) for _, text, proper in dev]

    # Speed: first pass with an empty cache, then a warm pass (cache hits, as in production).
    SpellChecker._word.cache_clear()
    n_words = sum(len(c.words) for c, _ in comments)
    t0 = time.perf_counter()
    results = [checker.check(c.text, c.tokens) for c, _ in comments]
    cold = time.perf_counter() - t0
    t0 = time.perf_counter()
    for c, _ in comments:
        checker.check(c.text, c.tokens)
    warm = time.perf_counter() - t0

    flagged = sum(len(r) for r in results)
    strong = sum(1 for r in results for i in r if i.score >= 0.8)
    by_kind = Counter(i.kind for r in results for i in r)
    alarms = Counter((i.word, i.correction, i.kind, round(i.score, 2)) for r in results for i in r)

    rng = random.Random(seed)
    injected = detected = detected_strong = top1 = nonword = nonword_detected = 0
    for c, proper in comments:
        got = inject(c.text, c, proper, rng)
        if got is None:
            continue
        new_text, start, end, original, typo = got
        injected += 1
        is_nonword = not checker.is_known(typo)
        nonword += is_nonword
        nc = Comment.of(new_text)
        hits = [i for i in checker.check(nc.text, nc.tokens) if i.start < end and i.end > start]
        if hits:
            detected += 1
            nonword_detected += is_nonword
            detected_strong += any(i.score >= 0.8 for i in hits)
            top1 += any(i.correction == original for i in hits)

    list_hits = 0
    misses = []
    for sentence, wrong, right in MISSPELLINGS:
        c = Comment.of(sentence)
        ok = any(i.word == wrong and i.correction == right for i in checker.check(c.text, c.tokens))
        list_hits += ok
        if not ok:
            misses.append(wrong)

    out: dict[str, object] = {
        "version": VERSION,
        "dev_sentences": len(comments),
        "dev_words": n_words,
        "false_alarms_per_word": round(flagged / n_words, 5),
        "false_alarms_per_word_score_ge_0.8": round(strong / n_words, 5),
        "sentences_any_issue": round(sum(1 for r in results if r) / len(results), 4),
        "sentences_issue_score_ge_0.8": round(
            sum(1 for r in results if any(i.score >= 0.8 for i in r)) / len(results), 4
        ),
        "false_alarms_by_kind": dict(by_kind),
        "typo_sentences": injected,
        "typo_detect_recall": round(detected / injected, 4),
        "typo_detect_recall_score_ge_0.8": round(detected_strong / injected, 4),
        "typo_detect_recall_nonwords": round(nonword_detected / max(nonword, 1), 4),
        "typo_nonword_share": round(nonword / injected, 4),
        "typo_top1": round(top1 / injected, 4),
        "typo_top1_of_detected": round(top1 / max(detected, 1), 4),
        "misspelling_list_recall": round(list_hits / len(MISSPELLINGS), 4),
        "misspelling_list_size": len(MISSPELLINGS),
        "misspelling_list_misses": misses,
        "load_s": round(load_s, 3),
        "words_per_s_cold_cache": round(n_words / cold),
        "words_per_s_warm_cache": round(n_words / warm),
        "ms_per_20_words_cold": round(cold / n_words * 20 * 1000, 4),
        "seed": seed,
    }
    if examples:
        out["false_alarm_examples"] = [
            f"{w} -> {c} ({k} {s}) x{n}" for (w, c, k, s), n in alarms.most_common(examples)
        ]
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--examples", type=int, default=0, help="list the N commonest alarms")
    args = parser.parse_args(argv)
    print(
        json.dumps(run(args.data.resolve(), args.seed, args.examples), ensure_ascii=False, indent=2)
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
