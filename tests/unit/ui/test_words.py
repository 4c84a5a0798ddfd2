"""The UI's words: lookups into the [words] tables, dates, the browser's language."""

from __future__ import annotations

from assistant.ui.words import example_questions, format_date, lang_choices, t, ui_lang_from_accept_language


def test_labels_in_both_languages_and_english_for_anything_else() -> None:
    assert t("en", "send") == "Ask" and t("id", "send") == "Tanya"
    assert t(None, "send") == t("fr", "send") == "Ask"
    assert t("id", "corpus_intro", docs=5, chunks=12) == "5 dokumen, 12 bagian di indeks."


def test_selector_shows_each_language_under_its_own_name() -> None:
    assert lang_choices("id") == [("Otomatis", "auto"), ("Bahasa Indonesia", "id"), ("English", "en")]
    assert lang_choices("en")[0] == ("Auto", "auto") and lang_choices("en")[1:] == lang_choices("id")[1:]


def test_examples_take_turns_between_languages() -> None:
    assert example_questions() == (
        "What did Indonesia sign with Russia?",
        "Apa saja MoU dengan Rusia?",
        "Where did the Indonesian and Japanese ministers meet?",
        "Siapa pejabat Rusia yang ditemui Menperin di Moskow?",
    )


def test_browser_language_and_dates() -> None:
    assert ui_lang_from_accept_language("id-ID,id;q=0.9,en;q=0.8") == "id"
    assert ui_lang_from_accept_language("in") == "id"
    assert ui_lang_from_accept_language("en-US,en;q=0.9") == "en"
    assert ui_lang_from_accept_language("fr-FR,fr;q=0.9,id;q=0.5") == "id"
    assert ui_lang_from_accept_language(None) == "en"
    assert format_date("2022-01-21", "en") == "21 January 2022"
    assert format_date("2026-01-12T06:49:54+07:00", "id") == "12 Januari 2026"
    assert format_date(None, "id") == "tanpa tanggal"
    assert format_date("Kamis", "en") == "Kamis"
    assert format_date("2022-00-21", "en") == "2022-00-21"
