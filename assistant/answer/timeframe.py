"""The time frame an answer states: which publication-date window its articles came from, how many undated
articles that window left out, and whether the newest came first.

Contract: `describe(window, lang, undated, newest_first, prompts_dir)` returns the sentence that opens the
answer ("In articles from 2021:", "Dalam artikel bulan Maret 2024:", "In articles since 1 January 2024:"),
"" when there is no window and no newest-first order; `note(undated, lang, prompts_dir)` the line that
closes it when undated articles were left out. `frame(answer, ...)` puts both around an Answer's text and
fills its `standalone_question`, `date_window` and `undated_excluded` fields. Words: prompts/{en,id}.toml.
"""

from __future__ import annotations

import calendar
import dataclasses
from datetime import date
from pathlib import Path

from assistant.answer import prompts
from assistant.records import Answer, DateWindow, Lang


def _day(iso: str, p: prompts.Prompts) -> str:
    d = date.fromisoformat(iso[:10])
    return f"{d.day} {p.words_list('months')[d.month - 1]} {d.year}"


def describe(window: DateWindow | None, lang: Lang, newest_first: bool = False,
             prompts_dir: Path | None = None) -> str:
    p = prompts.load(prompts_dir, lang)
    parts = []
    if window is not None and (window.start or window.end):
        lo = date.fromisoformat(window.start) if window.start else None
        hi = date.fromisoformat(window.end) if window.end else None
        if lo and hi and (lo.month, lo.day, hi.month, hi.day) == (1, 1, 12, 31) and lo.year == hi.year:
            parts.append(p["window_year"].format(year=lo.year))
        elif lo and hi and lo.day == 1 and (lo.year, lo.month) == (hi.year, hi.month) \
                and hi.day == calendar.monthrange(hi.year, hi.month)[1]:
            parts.append(p["window_month"].format(month=f"{p.words_list('months')[lo.month - 1]} {lo.year}"))
        elif lo and hi:
            parts.append(p["window_range"].format(start=_day(lo.isoformat(), p), end=_day(hi.isoformat(), p)))
        elif lo:
            parts.append(p["window_since"].format(start=_day(lo.isoformat(), p)))
        else:
            parts.append(p["window_until"].format(end=_day(hi.isoformat(), p)))  # type: ignore[union-attr]
    if newest_first:
        parts.append(p["newest_first_note"])
    return " ".join(parts)


def note(undated: int, lang: Lang, prompts_dir: Path | None = None) -> str:
    return prompts.load(prompts_dir, lang)["undated_left_out"].format(n=undated) if undated else ""


def frame(answer: Answer, question: str, standalone: str, window: DateWindow | None, undated: int,
          newest_first: bool, prompts_dir: Path | None = None) -> Answer:
    """`answer` with its time frame stated and recorded; `question` is what was asked, `standalone` what
    was searched."""
    head = describe(window, answer.language, newest_first, prompts_dir)
    tail = note(undated if window is not None else 0, answer.language, prompts_dir)
    text = "\n\n".join(part for part in (head, answer.answer, tail) if part)
    return dataclasses.replace(answer, question=question, answer=text, standalone_question=standalone,
                               date_window=window, undated_excluded=undated if window is not None else 0)
