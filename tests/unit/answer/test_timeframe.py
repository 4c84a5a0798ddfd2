"""The time frame an answer states (answer.timeframe), in both languages."""

from __future__ import annotations

import pytest

from assistant.answer.timeframe import describe, frame, note
from assistant.records import Answer, DateWindow


@pytest.mark.parametrize(("window", "lang", "expected"), [
    (DateWindow("2021-01-01", "2021-12-31"), "en", "In articles from 2021:"),
    (DateWindow("2021-01-01", "2021-12-31"), "id", "Dalam artikel tahun 2021:"),
    (DateWindow("2024-02-01", "2024-02-29"), "en", "In articles from February 2024:"),
    (DateWindow("2024-03-01", "2024-03-31"), "id", "Dalam artikel bulan Maret 2024:"),
    (DateWindow("2025-12-15", "2026-03-15"), "en", "In articles from 15 December 2025 to 15 March 2026:"),
    (DateWindow("2025-12-15", "2026-03-15"), "id", "Dalam artikel dari 15 Desember 2025 sampai 15 Maret 2026:"),
    (DateWindow("2024-01-01", None), "en", "In articles since 1 January 2024:"),
    (DateWindow("2024-01-01", None), "id", "Dalam artikel sejak 1 Januari 2024:"),
    (DateWindow(None, "2021-12-31"), "en", "In articles up to 31 December 2021:"),
    (DateWindow(None, "2021-12-31"), "id", "Dalam artikel hingga 31 Desember 2021:"),
    (None, "en", ""),
])
def test_the_window_in_words(window: DateWindow | None, lang: str, expected: str) -> None:
    assert describe(window, lang) == expected  # type: ignore[arg-type]


def test_newest_first_and_undated_notes() -> None:
    assert describe(None, "en", newest_first=True) == "Newest articles first."
    assert describe(None, "id", newest_first=True) == "Artikel terbaru lebih dulu."
    assert "2 undated" in note(2, "en") and "2 artikel tanpa tanggal" in note(2, "id") and note(0, "en") == ""


def test_frame_states_and_records_the_window() -> None:
    a = Answer(question="searched", language="en", answer="Text [1].", refused=False, citations=(), generator="x")
    framed = frame(a, "asked", "searched", DateWindow("2021-01-01", "2021-12-31"), 3, False)
    assert framed.answer.startswith("In articles from 2021:") and "Text [1]." in framed.answer
    assert "3 undated" in framed.answer and framed.undated_excluded == 3
    assert (framed.question, framed.standalone_question) == ("asked", "searched")
    plain = frame(a, "asked", "asked", None, 3, False)
    assert plain.answer == "Text [1]." and plain.undated_excluded == 0 and plain.date_window is None
