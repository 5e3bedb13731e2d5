"""Diacritic restoration: Turkish behaviour as tables, against the committed artifact."""

from __future__ import annotations

import csv
import gzip
import json
from pathlib import Path

import pytest

from suzgec.text.diacritics import (
    VERSION,
    Restorer,
    apply_case,
    default_restorer,
    needs_restoring,
    restore,
    word_key,
)
from suzgec.text.normalize import asciify

# (typed without Turkish letters, as it should read)
RESTORE_CASES = [
    ("cok guzel", "çok güzel"),
    ("Sirbistan", "Sırbistan"),
    ("COK GUZEL", "ÇOK GÜZEL"),
    ("Cok guzel", "Çok güzel"),
    ("ISTANBUL", "İSTANBUL"),
    ("Istanbul'dan", "İstanbul'dan"),
    ("Bu haberi okuyunca cok uzuldum", "Bu haberi okuyunca çok üzüldüm"),
    ("Turkiye'nin en guzel sehri Istanbul", "Türkiye'nin en güzel şehri İstanbul"),
    ("Allah kimseyi savasla sinamasin", "Allah kimseyi savaşla sınamasın"),
    ("ogrenciler okula gidiyor", "öğrenciler okula gidiyor"),
    ("Hukumet bu konuda bir aciklama yapmadi", "Hükümet bu konuda bir açıklama yapmadı"),
    (
        "Sirbistan ve Kosova arasindaki gerginlik yine tirmaniyor",
        "Sırbistan ve Kosova arasındaki gerginlik yine tırmanıyor",
    ),
    ("cocuklarimizin gelecegi icin calismaliyiz", "çocuklarımızın geleceği için çalışmalıyız"),
    (
        "Dogru soyluyorsunuz, hic kimse sorumlulugu ustlenmiyor",
        "Doğru söylüyorsunuz, hiç kimse sorumluluğu üstlenmiyor",
    ),
    ("Yazik, cok yazik", "Yazık, çok yazık"),
    ("Universiteyi bitirdikten sonra is bulamadim", "Üniversiteyi bitirdikten sonra iş bulamadım"),
    ("Bu dogru mu", "Bu doğru mu"),
    ("Guzel mi", "Güzel mi"),
    # The question particle after every vowel (issue 9: rules existed only after a, i, ı).
    ("Evde midir", "Evde midir"),
    ("Bu haber gercek midir", "Bu haber gerçek midir"),
    ("Ne zaman miydi", "Ne zaman mıydı"),
    ("Oyle mi", "Öyle mi"),
    ("Goruyor musun", "Görüyor musun"),
    ("Yarin gelecek misiniz", "Yarın gelecek misiniz"),
    ("Bu sehir mi", "Bu şehir mi"),
    # ... but "mudur" beside a front vowel is the noun: no particle has that harmony
    ("Genel mudur istifa etti", "Genel müdür istifa etti"),
    # Partly typed with Turkish letters: completed, never undone.
    ("guzelliği", "güzelliği"),
    (
        "Bu kadar cahil olmak için ozel bir caba gerekiyor",
        "Bu kadar cahil olmak için özel bir çaba gerekiyor",
    ),
]

# Correct text must come back unchanged.
UNCHANGED = [
    "Işıklar",
    "İstanbul'dan",
    "Allah kimseyi savaşla sınamasın",
    "NATO ve ABD",
    "Bravo NATO",
    "askerî dinî zekâ",
    "Sırbistan'ın tutumu değişmedi",
    "KFOR ve TBMM",
    "Çok güzel bir yazı olmuş, teşekkürler.",
]

# URLs, mentions, hashtags, e-mails and numbers are never touched.
UNTOUCHED_TOKENS = [
    ("cok guzel https://ornek.com/cok-guzel", "çok güzel https://ornek.com/cok-guzel"),
    ("@kullanici_cok cok dogru", "@kullanici_cok çok doğru"),
    ("#gundemcok cok onemli", "#gundemcok çok önemli"),
    ("yazar@ornek.com.tr adresine yazin", "yazar@ornek.com.tr adresine yazın"),
    ("2023 yilinda", "2023 yılında"),
    ("s1kt1r git", "s1kt1r git"),
    # markup, code, addresses and foreign words are no Turkish words; the prose beside is
    ('<a href="ornek">cok guzel</a> OR', '<a href="ornek">çok güzel</a> OR'),
    ("ornek.com/cok-guzel adresine bakin", "ornek.com/cok-guzel adresine bakın"),
    ("config.yaml dosyasini sil", "config.yaml dosyasını sil"),
    ("kullanici_adi alanini doldurun", "kullanici_adi alanını doldurun"),
    ("iPhone cok iyi", "iPhone çok iyi"),
    ("SELECT id FROM users WHERE id=1 OR 1=1", "SELECT id FROM users WHERE id=1 OR 1=1"),
    ("WINDOWS ve LINUX kullaniyorum", "WINDOWS ve LINUX kullanıyorum"),
    # "is" is "iş" among Turkish words, English among English ones
    ("the job is done, bu is cok zor", "the job is done, bu iş çok zor"),
]


@pytest.mark.parametrize(("typed", "expected"), RESTORE_CASES)
def test_restores_sentences(typed: str, expected: str) -> None:
    assert restore(typed) == expected


@pytest.mark.parametrize("text", UNCHANGED)
def test_correct_text_is_kept(text: str) -> None:
    assert restore(text) == text


@pytest.mark.parametrize(("typed", "expected"), UNTOUCHED_TOKENS)
def test_non_words_untouched(typed: str, expected: str) -> None:
    assert restore(typed) == expected


@pytest.mark.parametrize(("typed", "expected"), RESTORE_CASES)
def test_length_and_idempotence(typed: str, expected: str) -> None:
    out = restore(typed)
    assert len(out) == len(typed)  # offsets stay valid between typed and restored text
    assert restore(out) == out


def test_restore_words_leaves_foreign_words() -> None:
    out = default_restorer().restore_words(["OR", "iPhone", "users", "cok"])
    assert [w for w, _ in out] == ["OR", "iPhone", "users", "çok"]


def test_restore_words_api() -> None:
    out = default_restorer().restore_words(["Cok", "guzel", "bir", "yazi", "Sirbistan"])
    assert [w for w, _ in out] == ["Çok", "güzel", "bir", "yazı", "Sırbistan"]
    assert all(0.0 <= c <= 1.0 for _, c in out)
    assert out[0][1] > 0.9  # "çok" is seen thousands of times
    assert default_restorer().restore_words([]) == []


@pytest.mark.parametrize(
    ("original", "form", "expected"),
    [
        ("COK", "çok", "ÇOK"),
        ("Cok", "çok", "Çok"),
        ("cok", "çok", "çok"),
        ("KiRiK", "kırık", "KıRıK"),
    ],
)
def test_apply_case(original: str, form: str, expected: str) -> None:
    assert apply_case(original, form) == expected


def test_keys_and_needs_restoring() -> None:
    assert word_key("İSTANBUL") == word_key("ISTANBUL") == "istanbul"
    assert needs_restoring("cok")
    assert not needs_restoring("çok")
    assert VERSION.startswith("diacritics-")


def _write_tiny_corpus(root: Path) -> None:
    sentences = [
        "Çok güzel bir gün geçirdik.",
        "Öğrenciler okula gidiyor.",
        "Şu suyu içtim ve çok üşüdüm.",
        "Hükümet bu konuda açıklama yapmadı.",
        "Sırbistan'ın başkenti Belgrad'dır.",
        "Kırık camları topladık.",
        "Güzel şeyler düşünüyoruz.",
        "Bu kitabı okudun mu?",
    ]
    text_dir = root / "text"
    text_dir.mkdir(parents=True)
    with (text_dir / "ud_turkish.train.tsv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter="\t", quoting=csv.QUOTE_NONE, lineterminator="\n")
        writer.writerow(["treebank", "split", "sent_id", "text"])
        for i in range(300):
            split = "dev" if i % 10 == 0 else "train"
            writer.writerow(["UD_Turkish-BOUN", split, f"boun:{i}", sentences[i % len(sentences)]])


def test_training_runs_end_to_end(tmp_path: Path) -> None:
    from suzgec.training.diacritics import main

    _write_tiny_corpus(tmp_path / "data")
    out = tmp_path / "model" / "diacritics.json.gz"
    card = tmp_path / "card.md"
    args = ["--data", str(tmp_path / "data"), "--out", str(out), "--card", str(card)]
    assert main([*args, "--no-wordfreq", "--no-comments"]) == 0
    model = json.loads(gzip.decompress(out.read_bytes()))
    assert model["version"] == VERSION
    restorer = Restorer.load(out)
    assert restorer.restore("Ogrenciler okula gidiyor.") == "Öğrenciler okula gidiyor."
    assert restorer.restore(asciify("Kırık camları topladık.")) == "Kırık camları topladık."
    text = card.read_text(encoding="utf-8")
    assert "sha256" in text and "word_accuracy" in text
