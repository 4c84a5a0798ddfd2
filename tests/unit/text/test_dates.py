"""Dates in publication lines and questions, with the month and day names from the lexicon."""

from __future__ import annotations

import pytest

from assistant.text import dates


def test_dates() -> None:
    assert dates.parse_datetime("21 Januari 2022, 08:41") == "2022-01-21T08:41:00+07:00"
    assert dates.parse_datetime(" date 2021-02 Minggu, 28 Februari 2021 | 17:20 WIB") == "2021-02-28T17:20:00+07:00"
    assert dates.parse_datetime("2026-01-12 06:49:54") == "2026-01-12T06:49:54+07:00"
    assert dates.parse_datetime("2021-02") is None
    assert dates.year_range("What happened in 2021?") == ("2021-01-01", "2021-12-31")
    assert dates.year_range("berita sejak 2022") == ("2022-01-01", "9999-12-31")
    assert dates.year_range("Who runs the plant?") is None


def test_event_dates_in_sentences() -> None:
    assert dates.event_date("kata Budi Santoso dalam keterangan resminya, Minggu (28/2/2021).") == "2021-02-28"
    assert dates.event_date("mengikuti pelatihan yang didukung Pemerintah Rusia pada September 2024.") == "2024-09"
    assert dates.event_date("proses kerja sama berlangsung sejak 2021 melalui diskusi") == "2021"
    assert dates.event_date("The talks on 21 January 2022 went well.") == "2022-01-21"
    assert dates.event_date("kata Budi dalam pertemuan di Paris, Jumat (21/6).") is None  # no year: no guess
    assert dates.event_date("Sekitar 2.000 perusahaan Jepang di Indonesia.") is None


@pytest.mark.parametrize("text,iso", [
    ("12 Pebruari 2020", "2020-02-12"), ("3 Nopember 2019", "2019-11-03"), ("1 Agt 2023", "2023-08-01"),
    ("Sept 9, 2024", "2024-09-09"), ("9 Mei 2024", "2024-05-09"), ("May 9, 2024", "2024-05-09"),
    ("5 Des 2022", "2022-12-05"), ("5 Dec 2022", "2022-12-05"),
])
def test_month_names_of_both_languages(text: str, iso: str) -> None:
    assert dates.parse_datetime(text) == iso


def test_month_table_is_shared_and_read_only() -> None:
    assert dates.MONTHS["mei"] == dates.MONTHS["may"] == 5
    assert len(dates.MONTHS) == 39
    with pytest.raises(TypeError):
        dates.MONTHS["foo"] = 1  # type: ignore[index]


@pytest.mark.parametrize("line,is_date", [
    ("Minggu, 28 Februari 2021 | 17:20 WIB", True),
    ("Diterbitkan Senin, 21 Januari 2022 08:41 WITA", True),
    ("Published Monday, January 21, 2022 08:41", True),
    ("date 2021-02 Sunday, 28 February 2021", True),
    ("Rapat kabinet digelar 21 Januari 2022 di istana", False),  # a sentence that mentions a date
    ("The meeting on 21 January 2022 was postponed.", False),
])
def test_date_lines(line: str, is_date: bool) -> None:
    assert dates.is_date_line(line) is is_date
