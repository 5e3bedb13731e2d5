"""The Hunspell dictionary as a veto on form guesses (suzgec.text.dictionary)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from suzgec.clauses.form import SpellingCheck, TurkishCharsCheck
from suzgec.comment import Comment
from suzgec.text.dictionary import ENV_DIR, Dictionary, default_dictionary, find_dictionary
from suzgec.text.spelling import SpellChecker

# CI installs Debian's hunspell-tr (make install); elsewhere the veto tests need it too.
needs_dictionary = pytest.mark.skipif(
    find_dictionary() is None and not os.environ.get("CI"),
    reason="Türkçe Hunspell sözlüğü yok (apt-get install hunspell-tr)",
)


def test_find_dictionary_prefers_the_environment(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "tr_TR.aff").write_text("SET UTF-8\n", encoding="utf-8")
    (tmp_path / "tr_TR.dic").write_text("1\nev\n", encoding="utf-8")
    monkeypatch.setenv(ENV_DIR, str(tmp_path))
    assert find_dictionary() == tmp_path
    monkeypatch.setenv(ENV_DIR, str(tmp_path / "yok"))
    assert find_dictionary() is None


def test_a_folder_with_only_one_of_the_two_files_is_no_dictionary(tmp_path: Path) -> None:
    (tmp_path / "tr_TR.dic").write_text("1\nev\n", encoding="utf-8")
    assert find_dictionary((str(tmp_path),)) is None


def test_without_a_dictionary_nothing_is_known_and_the_version_says_so() -> None:
    d = Dictionary(None)
    assert not d.available
    assert not d.knows("ev")
    assert d.version == "no-dictionary"


def test_a_small_dictionary_of_our_own_is_read(tmp_path: Path) -> None:
    (tmp_path / "tr_TR.aff").write_text("SET UTF-8\n", encoding="utf-8")
    (tmp_path / "tr_TR.dic").write_text("2\nev\nkapı\n", encoding="utf-8")
    d = Dictionary(tmp_path)
    assert d.available and d.version == "hunspell-tr"
    assert d.knows("kapı") and not d.knows("kapi")


def test_the_dictionary_loads_on_the_first_question_or_when_preloaded(tmp_path: Path) -> None:
    (tmp_path / "tr_TR.aff").write_text("SET UTF-8\n", encoding="utf-8")
    (tmp_path / "tr_TR.dic").write_text("1\nev\n", encoding="utf-8")
    lazy = Dictionary(tmp_path)
    assert lazy.version == "hunspell-tr"  # known without loading
    assert lazy._speller is None  # a `suzgec check` that raises no doubt never loads it
    assert lazy.knows("ev") and lazy._speller is not None
    early = Dictionary(tmp_path)
    early.preload()
    early.preload()  # once only
    assert early.available and early.knows("ev")


@needs_dictionary
def test_the_turkish_dictionary_knows_rare_words_and_not_slips() -> None:
    d = default_dictionary()
    assert d.available
    for word in ("iktifa", "tasrih", "avrat", "kitaplarımızdan"):
        assert d.knows(word), word
    for word in ("herkez", "malesef", "cok", "guzel"):
        assert not d.knows(word), word


def _typos(checker: SpellChecker, text: str) -> list[tuple[str, str | None]]:
    c = Comment.of(text)
    return [(i.word, i.correction) for i in checker.check(c.text, c.tokens) if i.kind == "typo"]


@needs_dictionary
def test_a_rare_word_the_dictionary_knows_is_no_typo() -> None:
    text = "Yaşlı adam bir lokma ekmekle iktifa etti."
    assert _typos(SpellChecker(Dictionary(None)), text) == [("iktifa", "istifa")]
    assert _typos(SpellChecker(default_dictionary()), text) == []


@needs_dictionary
def test_a_real_typo_is_still_found_and_fixed() -> None:
    text = "Bu habere gerçekten çok şaşırdım, inanılamz bir olay."
    assert _typos(SpellChecker(default_dictionary()), text) == [("inanılamz", "inanılmaz")]


@needs_dictionary
def test_turkish_letters_never_trade_a_dictionary_word_for_an_unknown_one(monkeypatch) -> None:
    check = TurkishCharsCheck()
    comment = Comment.of("Talât beyin son durağı Rumeli ahvali olmuştur.")
    assert [s.replacement for s in check(comment)] == []
    monkeypatch.setattr(check.speller, "dictionary", Dictionary(None))
    assert [s.replacement for s in check(comment)] == ["ahvalı"]


@needs_dictionary
def test_the_spelling_version_records_the_dictionary() -> None:
    assert SpellingCheck().version.endswith("+hunspell-tr")


def _issues(checker: SpellChecker, text: str) -> list[tuple[str, str | None, float, str]]:
    c = Comment.of(text)
    return [(i.word, i.correction, i.score, i.kind) for i in checker.check(c.text, c.tokens)]


@needs_dictionary
def test_a_word_no_dictionary_knows_goes_to_review_with_the_likeliest_fix() -> None:
    # "sonr" is one letter from "sonra", "son", "sonu": too close to call without the
    # dictionary, a doubt for review with it.
    text = "Maçtan sonr eve döndük."
    assert _issues(SpellChecker(Dictionary(None)), text) == []
    assert _issues(SpellChecker(default_dictionary()), text) == [("sonr", "sonra", 0.6, "typo")]


@needs_dictionary
def test_a_slip_only_our_suffix_analysis_accepts_is_a_doubt_not_a_reject() -> None:
    # "göt+erin" passes our stem + suffix analysis; Hunspell knows no such word.
    text = "Yarın sabah göterin bana."
    assert _issues(SpellChecker(Dictionary(None)), text) == []
    assert _issues(SpellChecker(default_dictionary()), text) == [
        ("göterin", "gösterin", 0.6, "typo")
    ]


@needs_dictionary
def test_a_form_only_our_analysis_accepts_gives_way_to_a_common_word_for_review() -> None:
    # "olınca" passes our stem + suffix analysis (no web count), Hunspell knows no such word,
    # and "olunca" is common: a doubt for review. An ASCII word whose letters only are
    # missing is turkish_chars' ("artiyor" is "artıyor", not "arıyor").
    checker = SpellChecker(default_dictionary())
    assert _issues(checker, "Bahar olınca geliriz.") == [("olınca", "olunca", 0.6, "typo")]
    assert _issues(SpellChecker(Dictionary(None)), "Bahar olınca geliriz.") == []
    assert _issues(checker, "Hayat pahaliligi artiyor.") == []


@needs_dictionary
def test_a_three_letter_slip_is_a_doubt_but_an_abbreviation_is_not() -> None:
    checker = SpellChecker(default_dictionary())
    assert _issues(checker, "Bunu bna sormalıydın.") == [("bna", "bana", 0.6, "typo")]
    # No vowel: an abbreviation people write on purpose ("kanka"), not a slip.
    assert _issues(checker, "Bunu sana sordum knk.") == []


@needs_dictionary
def test_a_word_only_hunspell_has_a_neighbour_for_gets_that_neighbour_for_review() -> None:
    # "listeleyin" is too rare for our lexicon (Zipf 1.5); Hunspell knows it, and it is the
    # only word it knows one edit from "lsiteleyin".
    checker = SpellChecker(default_dictionary())
    text = "Uçuşları fiyata göre lsiteleyin."
    assert _issues(checker, text) == [("lsiteleyin", "listeleyin", 0.6, "typo")]
    # Typed without any Turkish letter, the comment is asked no neighbour (turkish_chars
    # has it), and a rare correct inflection that differs from a known one in its last two
    # letters keeps its own ending ("kefenimsi", not "kefenimi").
    assert _issues(checker, "Ucuslari fiyata gore lsiteleyin.") == []
    assert _issues(checker, "Üstünde kefenimsi bir örtü vardı.") == []


@needs_dictionary
def test_a_particle_joined_to_a_word_hunspell_knows_is_split() -> None:
    checker = SpellChecker(default_dictionary())
    # Sentence-initial and capitalised too: Hunspell knows "okul", not "okulmu".
    assert _issues(checker, "Okulmu kapalı?") == [("Okulmu", "Okul mu", 0.85, "misspelling")]
    assert _issues(checker, "Bunu gördünmü?") == [("gördünmü", "gördün mü", 0.85, "misspelling")]
    # The m of a stem and an accusative ending (düşlem+i), and words Hunspell knows.
    assert _issues(checker, "Öykümde düşlemi uç noktasına vardırdım.") == []
    assert _issues(checker, "Bu kısmı okudun mu?") == []
    assert _issues(SpellChecker(Dictionary(None)), "Okulmu kapalı?") == []
    # Without the dictionary, after a consonant a possessive needs its vowel ("silahım"):
    # a doubt; with it, a clear slip.
    text = "Çocukların eline silahmı verdiniz?"
    assert _issues(SpellChecker(Dictionary(None)), text) == [
        ("silahmı", "silah mı", 0.65, "misspelling")
    ]
    assert _issues(checker, text) == [("silahmı", "silah mı", 0.85, "misspelling")]


@needs_dictionary
def test_ki_joined_or_split_where_the_dictionary_knows_the_word() -> None:
    checker = SpellChecker(default_dictionary())
    # The conjunction joined to a verb Hunspell knows ("yıkmışlar"), not "yıkmışlarki".
    assert _issues(checker, "Komşular yıkmışlarki hayvanlar girdi.") == [
        ("yıkmışlarki", "yıkmışlar ki", 0.85, "misspelling")
    ]
    # The adjective -ki split from a locative: Hunspell knows "uçağındaki".
    assert _issues(checker, "Bu uçağında ki koltuklar dar.") == [
        ("uçağında ki", "uçağındaki", 0.85, "misspelling")
    ]
    # After "zorunda" the reason follows: the conjunction, though "zorundaki" is a word.
    assert _issues(checker, "Gitmek zorunda ki işini kaybetmesin.") == []
    # Place words take the adjective -ki, and an ASCII word may only lack its letters.
    assert _issues(checker, "Karşıki kayalar sesimi bana iade etti.") == []
    assert _issues(checker, "Fiyatlari baski altinda tuttu.") == []


@needs_dictionary
def test_a_name_the_dictionary_knows_takes_its_apostrophe() -> None:
    checker = SpellChecker(default_dictionary())
    assert _issues(checker, "Dün Abhazyada seçim yapıldı.") == [
        ("Abhazyada", "Abhazya'da", 0.85, "apostrophe")
    ]
    # A common word as well as a name ("bodrum"), and plural names, join their suffixes.
    assert _issues(checker, "Bodrumdaki evde ve eski İstanbullarda yaşadık.") == []


@needs_dictionary
def test_an_unknown_name_with_a_case_ending_is_only_a_doubt_and_never_at_the_start() -> None:
    checker = SpellChecker(default_dictionary())
    assert _issues(checker, "Dün Zorbulakta kaldık.") == [
        ("Zorbulakta", "Zorbulak'ta", 0.6, "apostrophe")
    ]
    assert _issues(checker, "Zorbulakta kaldık.") == []  # the sentence's first word
    assert _issues(checker, "Dün Fatma ile Yalçın geldi.") == []  # names ending like suffixes
    # No Turkish stem ends in a doubled consonant: "-in" is the name's own.
    assert _issues(checker, "Dün Tacettin ile Nurettin geldi.") == []


@needs_dictionary
def test_a_name_known_only_from_web_counts_takes_its_apostrophe_as_a_doubt() -> None:
    # "münih", "survivor" are in the frequency list but never written in lower case in UD,
    # and Hunspell knows no lower-case word so: names, so a dative or locative is theirs.
    checker = SpellChecker(default_dictionary())
    assert _issues(checker, "Dün Münihe gittik.") == [("Münihe", "Münih'e", 0.6, "apostrophe")]
    assert _issues(checker, "Dün akşam Survivorda elendi.") == [
        ("Survivorda", "Survivor'da", 0.6, "apostrophe")
    ]
    # Names that only end like a suffix, on a stem nobody knows, stay as written.
    assert _issues(checker, "Dün Emre ile Goethe okuduk, sonra Fatma geldi.") == []


@needs_dictionary
def test_a_doubtful_guess_on_an_ascii_word_is_left_to_the_restorer() -> None:
    # Hunspell knows no "kiralik", and its nearest common word is "liralık"; but "kiralık"
    # is a known word without its letters, so the checker guesses nothing (spelling-1.3;
    # before, the clause dropped the guess because the restorer reads "kiralık" here).
    comment = Comment.of("Boston'da kiralik arabalar")
    check = SpellingCheck()
    assert check.checker.check(comment.text, comment.tokens, comment.not_turkish) == []
    assert check(comment) == []


@needs_dictionary
def test_a_doubtful_apostrophe_on_an_ascii_name_is_left_to_the_restorer() -> None:
    # "Cankaya" is Çankaya typed without its letter, not the name "Canka" plus a dative.
    comment = Comment.of("Dun aksam Cankaya Koskunde toplandilar.")
    check = SpellingCheck()
    raw = check.checker.check(comment.text, comment.tokens, comment.not_turkish)
    assert [(i.word, i.correction, i.kind) for i in raw] == [("Cankaya", "Canka'ya", "apostrophe")]
    assert check(comment) == []
    # Written with its letters, the same doubt is raised.
    assert [s.replacement for s in check(Comment.of("Dün Zorbulakta kaldık."))] == ["Zorbulak'ta"]


@needs_dictionary
def test_the_neighbouring_words_pick_between_close_corrections(monkeypatch) -> None:
    # "kalkyor" is one edit from "kalıyor" (commoner) and "kalkıyor"; "kaçta kalkıyor" is
    # what UD train says after "kaçta".
    text = "Yarın sabah ilk uçuş saat kaçta kalkyor?"
    checker = SpellChecker(default_dictionary())
    assert [(i.word, i.correction) for i in checker.check(*_parts(text))] == [
        ("kalkyor", "kalkıyor")
    ]
    monkeypatch.setattr(checker, "bigrams", {})
    assert [(i.word, i.correction) for i in checker.check(*_parts(text))] == [
        ("kalkyor", "kalıyor")
    ]


def _parts(text: str) -> tuple[str, list]:
    c = Comment.of(text)
    return c.text, list(c.tokens)


@needs_dictionary
def test_de_joined_where_no_locative_the_dictionary_knows_can_be() -> None:
    checker = SpellChecker(default_dictionary())
    # The locatives would be "gününde", "yazarında": this "de/da" is the conjunction.
    assert _issues(checker, "Borsa geçen cuma günüde yükseldi.") == [
        ("günüde", "günü de", 0.6, "misspelling")
    ]
    assert _issues(checker, "Bu yazarınada haksızlık.") == [
        ("yazarınada", "yazarına da", 0.6, "misspelling")
    ]
    assert _issues(SpellChecker(Dictionary(None)), "Borsa geçen cuma günüde yükseldi.") == []
    # Locatives the dictionary knows, plural ones it does not, and names stay as they are.
    assert _issues(checker, "Kapıda bekledik, evde kaldık, bende kalsın.") == []
    assert _issues(checker, "Çeşitli nisyanlarda yazılmış.") == []
    assert _issues(checker, "Dün Boluda kaldık.") == [("Boluda", "Bolu'da", 0.85, "apostrophe")]


@needs_dictionary
def test_an_unknown_vowel_final_name_keeps_its_buffer_letter_in_the_suffix() -> None:
    checker = SpellChecker(default_dictionary())
    assert _issues(checker, "Dün Alicenin evine gittik.") == [
        ("Alicenin", "Alice'nin", 0.6, "apostrophe")
    ]


@needs_dictionary
def test_a_locative_cut_from_its_word_is_joined_but_the_conjunction_stays() -> None:
    checker = SpellChecker(default_dictionary())
    # "arasın", "civarın" hardly stand alone; "arasında", "civarında" are everyday words.
    assert _issues(checker, "İki şehir arasın da uçuş var mı?") == [
        ("arasın da", "arasında", 0.6, "misspelling")
    ]
    assert _issues(checker, "Otel civarın da kaldık.") == [
        ("civarın da", "civarında", 0.6, "misspelling")
    ]
    # A word that stands on its own takes the conjunction: "ev de", "şehir de", "onun da".
    assert _issues(checker, "Ev de araba da satıldı, şehir de değişti, onun da haberi yok.") == []
    # A name is the apostrophe rule's, and without the dictionary nothing is judged.
    assert _issues(checker, "Toplantıya Ankara da katıldı.") == []
    assert _issues(SpellChecker(Dictionary(None)), "İki şehir arasın da uçuş var mı?") == []


@needs_dictionary
def test_ta_te_out_of_harmony_is_joined_where_the_dictionary_knows_the_word() -> None:
    checker = SpellChecker(default_dictionary())
    assert _issues(checker, "Toplantı saat te başladı.") == [
        ("saat te", "saatte", 0.85, "misspelling")
    ]


def test_a_name_the_restorer_would_turn_into_an_unknown_word_is_left_as_written() -> None:
    # The character model reads "Diamantidiş", "Airbüş"; no lexicon knows either, and a
    # capital mid-sentence marks a name, typed as its owner writes it.
    check = TurkishCharsCheck()
    for text, name in (
        ("Dun aksam Diamantidis ile gorustuk.", "Diamantidis"),
        ("Dun aksam Airbus ucagi dustu.", "Airbus"),
    ):
        comment = Comment.of(text)
        fixed = {comment.text[s.start : s.end] for s in check(comment)}
        assert name not in fixed
        assert "aksam" in fixed  # the rest of the comment is still restored
