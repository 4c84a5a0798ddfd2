"""When a sentence says something happened: its event date, resolved against the article's publication date.

Contract: `event_date(sentence, published)` returns (date, how) or None. `date` is as precise as the text
says ("YYYY-MM-DD", "YYYY-MM", "YYYY"). In order:
- a full date ("(28/2/2021)", "28 Februari 2021", "September 2024", "pada 2021": text.dates.event_date);
- a day and month without a year ("Kamis (20/1)"): the publication year, a year earlier when that would
  fall after the publication date (news reports what has happened);
- a weekday alone ("Senin", "on Monday"): the latest such day on or before the publication date;
- "next month" ("bulan depan"): the month after publication; a month name without a year: that month of
  the publication year, or of the next year when the sentence speaks of the future and the month has passed.
Without a publication date only the first rule applies: the rest would be guesses.
`sort_key(date)` orders dates of mixed precision ("2021" before "2021-02-28").
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from assistant.text import dates, lexicon

_DAY_MONTH = re.compile(r"\((?:[^\W\d_]+,?\s*)?(\d{1,2})/(\d{1,2})\)")
# A capitalised month name not followed by a year or day ("Februari", not "Februari 2021", not "march").
_MONTH_ALONE = re.compile(r"\b(" + "|".join(m.capitalize() for m in sorted(dates.MONTHS, key=len, reverse=True))
                          + r")\b(?!\.?\s+\d)")
_MONTH_WORD = "(?:bulan|month)"


def _weekdays() -> dict[str, int]:
    out: dict[str, int] = {}
    for lang in lexicon.LANGS:
        for i, day in enumerate(lexicon.sequence("weekdays", lang)):
            out[day] = i  # Monday = 0, as date.weekday()
    return out


_WEEKDAYS = _weekdays()
# A capitalised weekday name: lower-case "minggu" is also "week".
_WEEKDAY = re.compile(r"\b(" + "|".join(d.capitalize() for d in _WEEKDAYS) + r")\b")
_NEXT_MONTH = re.compile(rf"\b(?:{_MONTH_WORD}\s+(?:{lexicon.alternation('next_period')})|"
                         rf"(?:{lexicon.alternation('next_period')})\s+{_MONTH_WORD})\b", re.I)
_FUTURE = lexicon.pattern("future_markers")


def _published(published: str | None) -> date | None:
    if not published or len(published) < 10:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def is_future(sentence: str) -> bool:
    return bool(_FUTURE.search(sentence))


def event_date(sentence: str, published: str | None) -> tuple[str, str] | None:
    explicit = dates.event_date(sentence)
    if explicit:
        return explicit, "text"
    pub = _published(published)
    if pub is None:
        return None
    m = _DAY_MONTH.search(sentence)
    if m:
        day, month = int(m[1]), int(m[2])
        for year in (pub.year, pub.year - 1):
            try:
                d = date(year, month, day)
            except ValueError:
                break
            if d <= pub or is_future(sentence):
                return d.isoformat(), "text"
    if _NEXT_MONTH.search(sentence):
        month, year = (1, pub.year + 1) if pub.month == 12 else (pub.month + 1, pub.year)
        return f"{year:04d}-{month:02d}", "text"
    m = _WEEKDAY.search(sentence)
    if m:
        back = (pub.weekday() - _WEEKDAYS[m[1].lower()]) % 7
        return (pub - timedelta(days=back)).isoformat(), "text"
    m = _MONTH_ALONE.search(sentence)
    if m and len(m[1]) > 3:  # "Mei"/"May" as a word: only full month names
        month = dates.MONTHS[m[1].lower()]
        year = pub.year + 1 if is_future(sentence) and month < pub.month else pub.year
        return f"{year:04d}-{month:02d}", "text"
    return None


def sort_key(d: str) -> str:
    """Dates of mixed precision in order: "2021" and "2021-02" sort before the days of that period."""
    return d


def display(d: str, months: tuple[str, ...]) -> str:
    """"2021-02-28" -> "28 February 2021", "2021-02" -> "February 2021", "2021" -> "2021" (month names of
    the brief's language)."""
    parts = d.split("-")
    if len(parts) >= 2 and parts[1].isdigit() and 1 <= int(parts[1]) <= 12:
        month = months[int(parts[1]) - 1]
        if len(parts) == 3:
            return f"{int(parts[2])} {month} {parts[0]}"
        return f"{month} {parts[0]}"
    return d
