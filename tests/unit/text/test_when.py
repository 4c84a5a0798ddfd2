"""Time named in a question (text.when), both languages, against a fixed "now" (Sunday 15 March 2026)."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.text.when import publication_window, read_time

NOW = date(2026, 3, 15)
D = date.fromisoformat


@pytest.mark.parametrize(("text", "start", "end", "kind"), [
    # a year
    ("What happened in 2022?", "2022-01-01", "2022-12-31", "year"),
    ("Berita tahun 2022 soal Rusia", "2022-01-01", "2022-12-31", "year"),
    ("Apa yang terjadi pada 2022?", "2022-01-01", "2022-12-31", "year"),
    ("Apa yang terjadi pada tahun 2022?", "2022-01-01", "2022-12-31", "year"),
    # a month
    ("Berita Februari 2021 tentang Jepang", "2021-02-01", "2021-02-28", "month"),
    ("What was reported in March 2024?", "2024-03-01", "2024-03-31", "month"),
    ("news from February 2024", "2024-02-01", "2024-02-29", "month"),  # a leap year
    ("What was reported in March?", "2026-03-01", "2026-03-31", "month"),  # the last March up to now: this one
    ("Berita bulan Mei", "2025-05-01", "2025-05-31", "month"),
    # relative ranges
    ("What happened last month?", "2026-02-01", "2026-02-28", "relative"),
    ("Berita bulan lalu", "2026-02-01", "2026-02-28", "relative"),
    ("news this year", "2026-01-01", "2026-12-31", "relative"),
    ("berita tahun ini", "2026-01-01", "2026-12-31", "relative"),
    ("What happened last week?", "2026-03-02", "2026-03-08", "relative"),  # Monday to Sunday
    ("berita pekan lalu", "2026-03-02", "2026-03-08", "relative"),
    ("berita minggu lalu", "2026-03-02", "2026-03-08", "relative"),
    ("news from the past 3 months", "2025-12-15", "2026-03-15", "relative"),
    ("berita 3 bulan terakhir", "2025-12-15", "2026-03-15", "relative"),
    ("berita tiga bulan terakhir", "2025-12-15", "2026-03-15", "relative"),
    ("news over the past three months", "2025-12-15", "2026-03-15", "relative"),
    ("What happened yesterday?", "2026-03-14", "2026-03-14", "relative"),
    ("Apa yang terjadi kemarin?", "2026-03-14", "2026-03-14", "relative"),
    ("berita hari ini", "2026-03-15", "2026-03-15", "relative"),
    ("news last year", "2025-01-01", "2025-12-31", "relative"),
    ("berita tahun lalu", "2025-01-01", "2025-12-31", "relative"),
    ("berita bulan kemarin", "2026-02-01", "2026-02-28", "relative"),  # not "yesterday"
    ("berita sebulan terakhir", "2026-02-15", "2026-03-15", "relative"),
    ("news from 2 weeks ago", "2026-02-23", "2026-03-01", "relative"),
    ("berita 2 minggu lalu", "2026-02-23", "2026-03-01", "relative"),
    ("news from last quarter", "2025-10-01", "2025-12-31", "relative"),
    ("berita kuartal ini", "2026-01-01", "2026-03-31", "relative"),
    # open ranges
    ("What has Indonesia signed since January 2024?", "2024-01-01", None, "since"),
    ("Kerja sama apa saja sejak Januari 2024?", "2024-01-01", None, "since"),
    ("news after 2023", "2024-01-01", None, "since"),
    ("berita setelah Maret 2024", "2024-04-01", None, "since"),
    ("news before 2022", None, "2021-12-31", "until"),
    ("berita sebelum 2022", None, "2021-12-31", "until"),
    ("news until March 2024", None, "2024-03-31", "until"),
    ("berita hingga Maret 2024", None, "2024-03-31", "until"),
    # closed ranges
    ("news between 2021 and 2023", "2021-01-01", "2023-12-31", "range"),
    ("berita dari Maret hingga Mei 2024", "2024-03-01", "2024-05-31", "range"),
    ("berita antara 2021 dan 2022", "2021-01-01", "2022-12-31", "range"),
    # quarters
    ("exports in Q1 2024", "2024-01-01", "2024-03-31", "quarter"),
    ("results of 1Q 2024", "2024-01-01", "2024-03-31", "quarter"),
    ("the first quarter of 2024", "2024-01-01", "2024-03-31", "quarter"),
    ("ekspor kuartal pertama 2024", "2024-01-01", "2024-03-31", "quarter"),
    ("ekspor triwulan III 2023", "2023-07-01", "2023-09-30", "quarter"),
    ("ekspor kuartal 4 2023", "2023-10-01", "2023-12-31", "quarter"),
    # a day
    ("pernyataan 12 Januari 2024", "2024-01-12", "2024-01-12", "day"),
    ("the statement of January 12, 2024", "2024-01-12", "2024-01-12", "day"),
])
def test_every_expression(text: str, start: str | None, end: str | None, kind: str) -> None:
    r = read_time(text, NOW)
    assert (r.start, r.end, r.kind) == (D(start) if start else None, D(end) if end else None, kind), text
    assert r.span is not None and text[r.span[0]:r.span[1]].strip()


@pytest.mark.parametrize("text", [
    "Who runs the plant?", "Since when have the two countries been discussing this?",  # no date after "since"
    "May I ask about the MoU?", "Apa itu kemitraan ekonomi?", "What is on the agenda of the 2026 fair?",  # a name's year
    "Sejak kapan kerja sama ini dibahas?",
])
def test_no_period(text: str) -> None:
    assert read_time(text, NOW).span is None


@pytest.mark.parametrize(("text", "latest"), [
    ("What's the latest on the talks?", True), ("the most recent news about the MoU", True),
    ("Berita terbaru soal MoU Rusia", True), ("Kabar terkini kerja sama industri", True),
    ("What did Indonesia sign?", False), ("Apa saja MoU dengan Rusia?", False),
])
def test_latest_is_a_sort_preference(text: str, latest: bool) -> None:
    r = read_time(text, NOW)
    assert r.newest_first is latest and r.span is None


@pytest.mark.parametrize(("text", "hard"), [
    # relative periods and ranges reaching to now: recent news, a filter
    ("What happened last month?", True), ("Berita bulan lalu", True), ("kerja sama 3 bulan terakhir", True),
    ("Apa saja kesepakatan sejak Januari 2024?", True), ("What was signed since January 2024?", True),
    # a year or month in a question about the news of that time: a filter
    ("What happened in 2021?", True), ("Berita Februari 2021", True), ("Apa yang terjadi pada 2022?", True),
    # a "when" question: the time dates the event, never a filter
    ("When was the MoU signed in 2024?", False), ("Kapan MoU itu ditandatangani pada 2024?", False),
    ("When did they meet last month?", False),
    # a time in a fact question dates the fact: only a preference
    ("What were the exports in 2020?", False), ("Film apa yang dibuat pada tahun 1989?", False),
    ("What did Indonesia sign before 2022?", False), ("Berapa ekspor kuartal pertama 2024?", False),
    # in the future: an event, no article is published then
    ("What will be signed in 2027?", False), ("Berita tahun 2027", False),
    # reaching far back: an era, not recent news
    ("land occupied since 1967", False), ("prestasi dalam sembilan tahun terakhir", False),
    # a single day: reported a day or more later
    ("news of 12 January 2024", False),
])
def test_which_periods_filter_publication_dates(text: str, hard: bool) -> None:
    assert publication_window(read_time(text, NOW), NOW) is hard, text


def test_relative_times_follow_now() -> None:
    assert read_time("berita bulan lalu", date(2022, 1, 5)).start == date(2021, 12, 1)
    assert read_time("news this year", date(2021, 7, 1)).end == date(2021, 12, 31)


@pytest.mark.parametrize("question", [
    "Berapa nilai ekspor kopi provinsi itu tahun lalu?",  # a quantity's period, not the news of a period
    "Berapa harga beras pekan ini?",
    "What on-time performance did the airline report for the first quarter of 2024?",  # a reporting period
    "Berapa laba yang dilaporkan untuk tahun 2023?",
])
def test_a_period_that_dates_a_figure_is_only_a_preference(question: str) -> None:
    from datetime import date as _date

    now = _date(2026, 12, 1)
    reading = read_time(question, now)
    assert reading.found and reading.fact_framed
    assert not publication_window(reading, now)
