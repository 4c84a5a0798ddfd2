"""Names a question asserts: identifiers and years are exact, English common words are not names."""

from __future__ import annotations

from assistant.text import names
from assistant.text.frequency import translated_in_indonesian


def test_identifiers_are_a_name_and_its_number() -> None:
    assert names.identifiers("Siapa antariksawan dalam misi Shenzhou 7?") == {"shenzhou 7"}
    assert names.identifiers("Kapan satelit Telkom-3 diluncurkan?") == {"telkom 3"}
    assert names.identifiers("KTT G20 dan vaksin COVID-19") == {"g 20", "covid 19"}
    assert names.identifiers("What does an iPhone 15 cost?") == {"iphone 15"}


def test_question_words_months_and_numbering_words_are_no_identifiers() -> None:
    assert names.identifiers("Kapankah 87 warga tewas?") == set()
    assert names.identifiers("Berapakah 15 orang hadir?") == set()
    assert names.identifiers("Peraturan Menteri Nomor 12 Tahun 2005") == set()  # "Number 12" in English
    assert names.identifiers("the attacks of September 11") == set()
    assert names.identifiers("a plan for 2024") == set()  # a year is a year, not an identifier


def test_an_identifier_needs_its_own_number() -> None:
    assert names.mentions_identifier("telkom 3", "Satelit Telkom-3 diluncurkan dari Kourou.")
    assert names.mentions_identifier("g 20", "KTT G-20 di Bali")
    assert not names.mentions_identifier("telkom 3", "Satelit Telkom-2 diluncurkan.")
    assert not names.mentions_identifier("shenzhou 7", "misi Shenzhou 6, lalu 70 hari kemudian")


def test_years() -> None:
    assert names.years("Pemilu 2008/2009 dan 1998") == {"2008", "2009", "1998"}
    assert names.years("Rp 2005 juta? no: 12005 or 205") == {"2005"}


def test_english_common_words_are_translated_names_stay() -> None:
    for word in ("forestry", "security", "physics", "prize", "week"):
        assert translated_in_indonesian(word), word
    for word in ("china", "twitter", "sharapova", "hamas", "2005"):
        assert not translated_in_indonesian(word), word


def test_an_ordinal_wants_its_number_or_its_word() -> None:
    assert names.identifiers("Film apa yang menang di Festival Film Venesia ke-63?") == {"# 63"}
    assert names.identifiers("the 63rd Venice festival") == {"# 63"}
    assert not names.mentions_identifier("# 63", "festival film ke-62 di Venesia")
    assert names.mentions_identifier("# 63", "Festival Film Venesia ke-63 ditutup.")
    assert names.mentions_identifier("# 2", "KTT kedua ASEAN-PBB")  # the ordinal word, either language
