"""The extractive answer's lead (answer.lead): numbers, dates and names copied from a quote in the other
language, never words; the plain label otherwise."""

from __future__ import annotations

from assistant.answer import lead, prompts
from assistant.records import Query
from assistant.settings import Settings

ID_SENTENCE = "Menurut Budi Santoso, sebanyak 1.200 rumah terendam banjir dan kenaikan harga mencapai 12 persen."


def _query(text: str, **kw) -> Query:  # type: ignore[no-untyped-def]
    return Query(text=text, language=kw.pop("language", "en"), written_in="en", k=5, tokens=(), **kw)


def _p(lang: str = "en") -> dict[str, str]:
    return prompts.load(Settings().prompts_dir, lang)  # type: ignore[arg-type]


def test_a_quantity_question_gets_the_quotes_numbers_labelled_indonesian() -> None:
    line = lead.lead(_query("How many houses were flooded?", how_many=True), ID_SENTENCE, _p())
    assert line.endswith(":") and "1.200" in line and "12%" in line and "quoted in Indonesian" in line
    assert "rumah" not in line and "persen" not in line  # no Indonesian word travels


def test_a_number_the_question_states_is_no_answer() -> None:
    line = lead.lead(_query("How many houses, of the 1.200 counted, were flooded?", how_many=True), ID_SENTENCE, _p())
    assert "1.200" not in line and "12%" in line


def test_a_when_question_gets_the_event_date() -> None:
    sentence = "Perjanjian itu ditandatangani di Jakarta, Minggu (28/2/2021), oleh kedua menteri."
    line = lead.lead(_query("When was the agreement signed?", asks_when=True), sentence, _p())
    assert "2021-02-28" in line and line.endswith(":")


WHO_SENTENCE = ("Kementerian Kesehatan (Kemenkes) menyambut Menteri Kesehatan Budi Santoso Wibowo "
                "di Moskow, Rusia, bersama Direktur Utama Siti Rahmawati.")


def test_who_questions_get_multiword_names_but_no_offices_or_asked_names() -> None:
    line = lead.lead(_query("Who met the Russian delegation?", asks_who=True), WHO_SENTENCE, _p())
    assert "Budi Santoso Wibowo" in line and "Siti Rahmawati" in line
    assert "Rusia" not in line and "Menteri" not in line and "Kemenkes" not in line


def test_names_answer_only_who_questions() -> None:
    # "Which fields…" is answered by the quote, not by the people it happens to name.
    line = lead.lead(_query("Which fields did the ministry discuss in Moscow?"), WHO_SENTENCE, _p())
    assert line == _p()["lead_plain"].format(quoted=_p()["quoted_in_id"])


def test_same_language_or_nothing_to_pick_gives_a_plain_label() -> None:
    assert lead.lead(_query("Berapa rumah terendam?", language="id", how_many=True), ID_SENTENCE, _p("id")) == \
        _p("id")["extractive_intro"]
    plain = lead.lead(_query("How many?", how_many=True), "Harga beras naik tajam di pasar tradisional kota.", _p())
    assert plain == _p()["lead_plain"].format(quoted=_p()["quoted_in_id"])
