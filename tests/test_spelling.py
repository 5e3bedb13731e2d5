"""Spelling checker: each error class is caught with its correction; traps stay clean."""

from __future__ import annotations

import pytest

from suzgec.comment import Comment
from suzgec.text.spelling import SpellChecker, SpellingIssue, default_checker


@pytest.fixture(scope="module")
def checker() -> SpellChecker:
    return default_checker()


def issues(checker: SpellChecker, text: str) -> list[SpellingIssue]:
    comment = Comment.of(text)
    return checker.check(comment.text, comment.tokens)


# (sentence, word as written, correction, kind, clear: score >= 0.8)
CAUGHT = [
    # curated misspellings (TDK)
    ("Bu konuda herkez aynı fikirde.", "herkez", "herkes", "misspelling", True),
    ("Herkezin bir fikri var.", "Herkezin", "Herkesin", "misspelling", True),
    ("Yanlız kalmak istemiyorum.", "Yanlız", "Yalnız", "misspelling", True),
    ("Bu çok yalnış bir karar.", "yalnış", "yanlış", "misspelling", True),
    ("Malesef maç ertelendi.", "Malesef", "Maalesef", "misspelling", True),
    ("Size birşey söyleyeceğim.", "birşey", "bir şey", "misspelling", True),
    ("Herşey yolunda gidiyor.", "Herşey", "Her şey", "misspelling", True),
    ("Herşeyi devlet mi yapacak?", "Herşeyi", "Her şeyi", "misspelling", True),
    ("Hiç bir açıklama yapılmadı.", "Hiç bir", "Hiçbir", "misspelling", True),
    ("Bunu hiç birimiz beklemiyorduk.", "hiç birimiz", "hiçbirimiz", "misspelling", True),
    ("Şuanda kimse bir şey bilmiyor.", "Şuanda", "Şu anda", "misspelling", True),
    ("Ortada birsürü iddia var.", "birsürü", "bir sürü", "misspelling", True),
    ("Bu karardan bir çok kişi etkilendi.", "bir çok", "birçok", "misspelling", True),
    ("Bunu pekçok kişi biliyor.", "pekçok", "pek çok", "misspelling", True),
    ("Orjinal belgeyi kimse görmedi.", "Orjinal", "Orijinal", "misspelling", True),
    ("Gel yada gitme, karar senin.", "yada", "ya da", "misspelling", True),
    ("Bu işi yinede bitirmeliyiz.", "yinede", "yine de", "misspelling", True),
    ("Bunu bir kaç kez okudum.", "bir kaç", "birkaç", "misspelling", True),
    ("Bu ödülü sonuna kadar haketti.", "haketti", "hak etti", "misspelling", True),
    ("Kimse farketmedi bile.", "farketmedi", "fark etmedi", "misspelling", True),
    # dotless variants of table entries (turkish_chars reports the letters separately)
    ("Yanliz birakmayin onu.", "Yanliz", "Yalnız", "misspelling", True),
    ("Hersey yolunda.", "Hersey", "Her şey", "misspelling", True),
    # question particle and "ki" written together
    ("Bu haber doğru varmı bilen?", "varmı", "var mı", "misspelling", True),
    ("Çok güzel değilmi?", "değilmi", "değil mi", "misspelling", True),
    ("Biliyorumki yine gelmeyecek.", "Biliyorumki", "Biliyorum ki", "misspelling", True),
    # issue 9: the particle joined to a finite verb, however often it is typed so
    ("Hizmet veriyormu?", "veriyormu", "veriyor mu", "misspelling", True),
    ("Uçuşu alabilirmiyim lütfen.", "alabilirmiyim", "alabilir miyim", "misspelling", True),
    ("Bunu biliyormusunuz?", "biliyormusunuz", "biliyor musunuz", "misspelling", True),
    ("O yapmazmı?", "yapmazmı", "yapmaz mı", "misspelling", True),
    # issue 9: "-de ki" written apart, and the conjunction de/da joined
    ("Evde ki kedi çok tatlı.", "Evde ki", "Evdeki", "misspelling", True),
    ("Okulda ki öğretmenler grevde.", "Okulda ki", "Okuldaki", "misspelling", True),
    ("O geldide biz gidemedik.", "geldide", "geldi de", "misspelling", True),
    ("Şimdide başka bir şey söylüyor.", "Şimdide", "Şimdi de", "misspelling", True),
    # after a voiceless consonant the locative would be -ta/-te: "-da" is the conjunction
    ("İş olupda bitti.", "olupda", "olup da", "misspelling", True),
    ("Sonra çocukda geldi.", "çocukda", "çocuk da", "misspelling", True),
    ("Gelirki elbet.", "Gelirki", "Gelir ki", "misspelling", True),
    # informal spellings
    ("Yarın size haber vericem.", "vericem", "vereceğim", "informal", True),
    ("Bunu sonra yapıcam.", "yapıcam", "yapacağım", "informal", True),
    ("Akşama gelicem.", "gelicem", "geleceğim", "informal", True),
    ("Adam ne diyo anlamadım.", "diyo", "diyor", "informal", True),
    ("Otobüs geliyo mu?", "geliyo", "geliyor", "informal", True),
    ("Bilmiyom valla.", "Bilmiyom", "Bilmiyorum", "informal", True),
    ("Nereye gidiyon böyle?", "gidiyon", "gidiyorsun", "informal", True),
    ("Napıyon sen orada?", "Napıyon", "Ne yapıyorsun", "informal", True),
    ("Noldu yine?", "Noldu", "Ne oldu", "informal", True),
    ("Bi bakar mısın?", "Bi", "Bir", "informal", False),
    ("Şimdi ağlıcam ama.", "ağlıcam", "ağlayacağım", "informal", True),
    ("Sen bunu anlamıyomu sun?", "anlamıyomu", "anlamıyor mu", "informal", True),
    # missing apostrophe after a proper noun
    ("Sırbistanın tavrı belli.", "Sırbistanın", "Sırbistan'ın", "apostrophe", True),
    ("Dün Ankaradan döndük.", "Ankaradan", "Ankara'dan", "apostrophe", True),
    ("Erdoğanın açıklaması bekleniyor.", "Erdoğanın", "Erdoğan'ın", "apostrophe", True),
    ("Türkiyede enflasyon yüksek.", "Türkiyede", "Türkiye'de", "apostrophe", True),
    ("Avrupadan tepki geldi.", "Avrupadan", "Avrupa'dan", "apostrophe", True),
    # a month name in a date, though edited text writes "haziranda" outside one
    ("Toplantı 14 Haziranda yapılacak.", "Haziranda", "Haziran'da", "apostrophe", True),
    # typos with a clear correction
    ("Hükümet yeni bir kanun hazırlıyr.", "hazırlıyr", "hazırlıyor", "typo", True),
    ("Bu adam tamamen haksz.", "haksz", "haksız", "typo", True),
    ("Vatandaş çok mağudr durumda.", "mağudr", "mağdur", "typo", True),
    ("Muhalefet bu kanunu destkliyor.", "destkliyor", "destekliyor", "typo", True),
]


@pytest.mark.parametrize(("text", "word", "correction", "kind", "clear"), CAUGHT)
def test_caught(
    checker: SpellChecker, text: str, word: str, correction: str, kind: str, clear: bool
) -> None:
    found = [i for i in issues(checker, text) if i.word == word]
    assert found, f"{word!r} not flagged in {text!r}"
    issue = found[0]
    assert text[issue.start : issue.end] == word
    assert (issue.correction, issue.kind) == (correction, kind)
    assert 0.0 <= issue.score <= 1.0
    assert (issue.score >= 0.8) is clear, issue


CLEAN = [
    "Haziranda tatile gideriz.",  # a month without a date takes no apostrophe
    # proper nouns, with and without apostrophe suffixes
    "Amasya'da yaşıyorum ve Amasya çok güzel.",
    "Sırbistan'ın tavrı İstanbul'dan izleniyor.",
    "Priştine ile Belgrad arasında görüşme yapıldı.",
    "Kosova'daki KFOR askerleri görevine devam ediyor.",
    # acronyms
    "NATO ve AB bu konuda TBMM ile görüştü.",
    "Bravo NATO, KFOR görevini yaptı.",
    # numbers, URLs, mentions, hashtags, e-mail
    "Saat 14.30'da 2.500 kişi toplandı, %45'i kadındı.",
    "Ayrıntılar https://www.example.com.tr/haber?id=12 adresinde.",
    "@ahmet_bey haklısın #seçim2023 sonuçları açıklandı.",
    "Bize iletisim@gazete.com.tr adresinden ulaşın.",
    # real Turkish sentences, including Scunthorpe-style traps
    "Allah kimseyi savaşla sınamasın.",
    "Amcam ambargo yüzünden sıkıntı çekti.",
    "Bu konuda hepimiz aynı fikirdeyiz.",
    "Yasaya tabi olan herkes bunu bilir.",
    "Hükümetin açıkladığı paket piyasaları rahatlattı.",
    # circumflex words
    "Askerî ve dinî konularda zekâ gerekir, kâr hâlâ düşük.",
    # asciified text is the turkish_chars clause's business
    "cok guzel bir gun gecirdik",
    "Turkiye'de hayat pahaliligi artiyor",
    # derivational suffixes join proper nouns without an apostrophe; believers' names too
    "Ankaralı bir aile İngilizce ve Kürtçe biliyor, Osmanlıca da okuyor.",
    "Müslümanların ve Hristiyanların ortak bayramı yok.",
    # the conjunction "ki" after a locative-looking adverb; locatives and nouns ending
    # like a past verb ("gürültü") keep their -de
    "Elbette ki haklısınız.",
    "Bende bir kalem var, sende de bir defter.",
    "Yahu daha ilk gürültüde arazi oldun.",
    # month and day names take an apostrophe only in a date (TDK): martı is a seagull
    "Martı sürüsü denize daldı.",
    "Aralıkla sekiz dokuz çocuk çıkıp koştu.",
    # locatives: "takside" (in a taxi), "sepette"
    "Borcunu takside bağladı, sepette elma var.",
    # a capitalised word typed so may be a name: "Selmi", not "Sel mi"
    "Selmi Andak bu marşı besteledi.",
    # a possessive or accusative is no joined particle: kendimi, dedikodumu, resmi
    "Kendimi iyi hissetmiyorum, benim dedikodumu yapmışsın, bu resmi bir açıklama.",
    # a lower-case word is no slip for a name: "hatibe" (to the speaker) is not "Hatice"
    "Açıkça söyle diye hatibe müdahale etti.",
    # rare but correct words (regressions from UD dev)
    "Taşıyamıyorum artık bu yükü, inmiyor musun?",
    # all-caps acronyms and a Latin name
    "UEFA ve FIFA açıklama yaptı.",
    "Marie Curie ödülü iki kez aldı.",
    # markup, code, addresses and foreign words are not Turkish words: no "ref", "comment"
    '<a href="x">comments</a> yazdı.',
    "The users are wrong, bence de öyle.",
    "SELECT * FROM users WHERE id=1",
    "Yeni sürümde config.yaml dosyasını silin.",
    "iPhone'umu yeni aldım.",
]


@pytest.mark.parametrize("text", CLEAN)
def test_clean(checker: SpellChecker, text: str) -> None:
    assert issues(checker, text) == []


def test_spans_point_into_original_text(checker: SpellChecker) -> None:
    text = "Peki   hiç  bir şey olmadı mı, herkez?"
    found = issues(checker, text)
    assert [(text[i.start : i.end], i.correction) for i in found] == [
        ("hiç  bir", "hiçbir"),
        ("herkez", "herkes"),
    ]


def test_default_checker_is_shared() -> None:
    assert default_checker() is default_checker()


def test_prose_between_tags_is_still_checked(checker: SpellChecker) -> None:
    text = "Bence <b>herkez</b> bunu okumalı: https://ornek.com/herkez"
    assert [(i.word, i.correction) for i in issues(checker, text)] == [("herkez", "herkes")]


@pytest.mark.parametrize(
    ("word", "foreign"),
    [
        ("the", True),
        ("users", True),
        ("comments", True),
        ("OR", True),
        ("THIS", True),  # looked up with I as i, too
        ("WINDOWS", True),
        ("iPhone'u", True),  # mixed case; the stem decides
        ("café", True),
        ("Thatcher", True),  # initial th: no Turkish word starts so
        ("is", False),  # "iş" typed without its letter: foreign only beside a foreign word
        ("sure", False),  # "süre"
        ("once", False),  # "önce"
        ("ask", False),  # "aşk"
        ("İstanbul'dan", False),
        ("NATO'ya", False),
        ("askerî", False),
        ("cok", False),
    ],
)
def test_foreign_words(word: str, foreign: bool) -> None:
    from suzgec.text.foreign import is_foreign_word

    assert is_foreign_word(word) is foreign


def test_foreign_word_list_is_what_the_builder_makes(tmp_path) -> None:
    """The shipped list and its card are rebuilt byte for byte from wordfreq and the lexicon."""
    from importlib import resources

    from suzgec.training import foreign_words

    out, card = tmp_path / "foreign.txt.gz", tmp_path / "card.md"
    foreign_words.build(out, card)
    shipped = resources.files("suzgec.text").joinpath("data/foreign_words.txt.gz").read_bytes()
    assert out.read_bytes() == shipped
    assert card.read_text(encoding="utf-8") == foreign_words.DOC.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("low", "inflected"),
    [
        ("kursunu", True),  # kurs + unu: a word as written, not "kurşunu" without its ş
        ("kisitlanacakti", False),  # no written stem: the ASCII "kısıtlanacaktı"
        ("yapiyor", False),  # "yap" + "iyor" is the ASCII "yapıyor"
        ("guzeldi", False),  # "guzel" is no word of edited text
        ("kursuna", True),
        ("bestelenen", True),  # "beste" is no ASCII spelling of a commoner word
    ],
)
def test_written_inflection(checker: SpellChecker, low: str, inflected: bool) -> None:
    assert checker.is_written_inflection(low) is inflected


def test_the_locative_ta_te_written_apart_is_joined(checker: SpellChecker) -> None:
    found = issues(checker, "Aradığın kitap ta masanın üstünde, ağaç ta kurumuş.")
    assert [(i.word, i.correction, i.score) for i in found] == [
        ("kitap ta", "kitapta", 0.85),
        ("ağaç ta", "ağaçta", 0.85),
    ]


def test_ta_out_of_harmony_or_before_ki_is_the_adverb(checker: SpellChecker) -> None:
    # "ta" after a front vowel cannot be the locative (that is "-te"); "ta ki" is a conjunction.
    assert issues(checker, "Bekledik, gidip ta oraya kadar yürüdük.") == []
    assert issues(checker, "Yıllarca bekledi kitap ta ki o gün gelene dek.") == []


@pytest.mark.parametrize(
    ("text", "typo", "near"),
    [
        ("Kadın mırın kırın etti ama sonunda geldi.", "mırın", "mısın"),
        ("Eşya meşya kalmadı evde.", "meşya", "medya"),
    ],
)
def test_an_m_reduplication_is_no_typo(
    checker: SpellChecker, text: str, typo: str, near: str
) -> None:
    assert issues(checker, text) == []
    # The m-word alone is still a typo guess: the pair is what makes it a word.
    alone = issues(checker, f"Bu haberi okudum, {typo} çok güzel.")
    assert [(i.word, i.correction) for i in alone] == [(typo, near)]
