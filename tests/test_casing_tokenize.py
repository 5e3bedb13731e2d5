import pytest

from suzgec.text.casing import is_upper_word, tr_capitalize, tr_lower, tr_upper
from suzgec.text.normalize import asciify, fold, nfc, squeeze
from suzgec.text.tokenize import Kind, tokenize


@pytest.mark.parametrize(
    ("upper", "lower"),
    [
        ("KIRK", "kırk"),
        ("İĞNE", "iğne"),
        ("IŞIKLAR", "ışıklar"),
        ("İSTANBUL'DAN", "istanbul'dan"),
        ("ÇÖĞÜŞ", "çöğüş"),
        ("NATO", "nato"),
    ],
)
def test_turkish_casing_round_trip(upper: str, lower: str) -> None:
    assert tr_lower(upper) == lower
    assert tr_upper(lower) == upper
    assert len(tr_lower(upper)) == len(upper)  # no combining dot sneaks in (str.lower bug)


def test_capitalize_and_upper_word() -> None:
    assert tr_capitalize("istanbul") == "İstanbul"
    assert tr_capitalize("IŞIK") == "Işık"
    assert is_upper_word("NATO'YA")
    assert not is_upper_word("Nato")
    assert not is_upper_word("123")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("s1kt1r", "siktir"),
        ("SİİİİKTİR", "siktir"),
        ("çoooook", "çok"),
        ("s\u200bi\u200bk", "sik"),
        ("аptаl", "aptal"),  # Cyrillic а
        ("$erefsiz", "serefsiz"),
    ],
)
def test_fold_undoes_dodges(text: str, expected: str) -> None:
    assert fold(text) == expected


def test_squeeze_keeps_real_double_letters() -> None:
    assert squeeze("saaaat", keep=2) == "saat"
    assert squeeze("dikkat", keep=2) == "dikkat"


def test_asciify_keeps_length_and_circumflex() -> None:
    assert asciify("Çok güzel, ışık") == "Cok guzel, isik"
    assert asciify("İstanbul") == "Istanbul"
    assert asciify("askerî zekâ") == "askerî zekâ"
    assert nfc("c\u0327") == "ç"


def test_tokenizer_kinds_and_offsets() -> None:
    text = "İstanbul'dan @ali #Kosova https://x.com/a?b=1. 3,5 kişi 1990'da 😀 NATO'ya e@x.com"
    tokens = tokenize(text)
    kinds = [(t.text, t.kind) for t in tokens]
    assert ("İstanbul'dan", Kind.WORD) in kinds
    assert ("@ali", Kind.MENTION) in kinds
    assert ("#Kosova", Kind.HASHTAG) in kinds
    assert ("https://x.com/a?b=1", Kind.URL) in kinds
    assert ("3,5", Kind.NUMBER) in kinds
    assert ("1990'da", Kind.NUMBER) in kinds
    assert ("😀", Kind.EMOJI) in kinds
    assert ("e@x.com", Kind.EMAIL) in kinds
    for t in tokens:
        assert text[t.start : t.end] == t.text
    istanbul = tokens[0]
    assert (istanbul.stem, istanbul.suffix) == ("İstanbul", "dan")


def test_tokenizer_keeps_leet_and_invisible_inside_words() -> None:
    tokens = tokenize("s1kt1r s\u200bik")
    assert [t.text for t in tokens] == ["s1kt1r", "s\u200bik"]
