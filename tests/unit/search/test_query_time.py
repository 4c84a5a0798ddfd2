"""The time a question names, read once onto the Query (search.query.read_query), and the newest-first
ordering (search.recency)."""

from __future__ import annotations

from datetime import date

from assistant.records import DateWindow
from assistant.search.query import read_query
from assistant.search.recency import newest_first
from assistant.settings import Settings

S = Settings(now=date(2026, 3, 15))


def test_a_news_period_is_the_hard_window_and_not_a_name_to_find() -> None:
    q = read_query("What happened with Belarus in 2021?", S)
    assert q.window == DateWindow("2021-01-01", "2021-12-31") and q.prefer is None
    assert "2021" not in q.names and "2021" not in q.tokens  # an article of 2021 need not write "2021"
    q = read_query("Berita bulan lalu soal Rusia", S)
    assert q.window == DateWindow("2026-02-01", "2026-02-28")
    assert "lalu" not in q.tokens


def test_a_fact_period_is_only_preferred_and_a_when_question_never_filters() -> None:
    q = read_query("What were the exports to Belarus in 2020?", S)
    assert q.window is None and q.prefer == DateWindow("2020-01-01", "2020-12-31") and "2020" in q.names
    q = read_query("Kapan MoU itu ditandatangani pada 2024?", S)
    assert q.window is None and q.asks_when and q.prefer == DateWindow("2024-01-01", "2024-12-31")
    q = read_query("What did Indonesia sign before 2022?", S)
    assert q.window is None and q.prefer == DateWindow("1900-01-01", "2021-12-31")


def test_explicit_dates_win_over_the_question() -> None:
    q = read_query("What happened in 2021?", S, date_from="2022-01-01", date_to="2022-06-30")
    assert q.window == DateWindow("2022-01-01", "2022-06-30")


def test_latest_is_a_sort_preference_on_the_query() -> None:
    q = read_query("Berita terbaru soal MoU Rusia", S)
    assert q.newest_first and q.window is None and "terbaru" not in q.tokens
    assert not read_query("Apa saja MoU dengan Rusia?", S).newest_first


def test_now_comes_from_the_settings() -> None:
    q = read_query("news from last month", Settings(now=date(2022, 1, 5)))
    assert q.window == DateWindow("2021-12-01", "2021-12-31")


def test_newest_first_orders_only_the_relevant() -> None:
    items = [("old", 0.90, "2021-05-01"), ("new", 0.85, "2025-01-01"), ("undated", 0.89, None),
             ("newest-but-off-topic", 0.40, "2026-03-01"), ("mid", 0.80, "2023-01-01T10:00:00+07:00")]
    order = newest_first(items, lambda x: x[1], lambda x: x[2], margin=0.15)
    assert [x[0] for x in order] == ["new", "mid", "old", "undated", "newest-but-off-topic"]
    assert newest_first([], lambda x: 0.0, lambda x: None, 0.1) == []
