"""Time named in a question, both languages: text + "now" -> the period it names, and how to use it.

Contract: `read_time(text, now)` (pure) returns a `TimeReading`: the period (inclusive dates, either end
open), where it stands, its kind, and the other signals: "latest"/"terbaru", a "when" question, a question
about the news of a period ("What happened in 2021?", "berita bulan Maret").

What is read (word lists: lexicon keys `time_*`, `rel_*`, `range_*`, `past_*`, `ago`, `quarter_words`, `ordinals`,
`number_words`, `time_units`, `single_units`, `latest`, `when_words`, `news_frame`, `fact_period`):
- a year after a preposition ("in 2022", "tahun 2022", "pada 2022"); a month and year ("Februari 2021",
  "in March 2024"); a month alone after a preposition ("in March": the last March up to now);
- relative periods, calendar-based: today, yesterday/kemarin, this/last week (Monday to Sunday), this/last
  month, quarter, year; "the past 3 months"/"3 bulan terakhir" (now minus 3 months up to now); "2 weeks
  ago"/"2 minggu lalu" (that week; the date is worked out by dateparser);
- open ranges: since/sejak X (from X's start), after/setelah X (after X's end), before/sebelum X (up to X's
  start), until/hingga X (up to X's end); closed ranges "between 2021 and 2023", "dari Maret hingga Mei 2024";
- quarters ("Q1 2024", "the first quarter of 2024", "kuartal pertama 2024", "triwulan I 2024") and full dates.
`publication_window(reading, now)`: a hard window on publication dates, or a preference? (dateparser: only here)
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from collections.abc import Mapping
from functools import lru_cache

from assistant.text import lexicon

_YEAR = r"(?:19|20)\d{2}"
_NUM = r"\d{1,3}"
RECENT_YEARS = 5  # how far back a relative period or an open range may reach and still filter (see below)
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}  # quarters written "kuartal III"


@dataclass(frozen=True)
class TimeReading:
    """What a question says about time (see the module contract). Dates are `datetime.date`."""

    start: date | None = None
    end: date | None = None
    span: tuple[int, int] | None = None  # where the period's expression stands in the text
    kind: str = ""  # "relative", "since", "until", "range", "quarter", "month", "year", "day"
    newest_first: bool = False  # "latest", "terbaru"
    asks_when: bool = False  # "when", "kapan"
    news_framed: bool = False  # "news", "what happened", "berita", "terjadi"
    fact_framed: bool = False  # the period dates a figure: "Berapa … tahun lalu?", "report for Q1 2024"
    latest_spans: tuple[tuple[int, int], ...] = ()  # where the "latest" words stand

    @property
    def found(self) -> bool:
        return self.span is not None


# Building blocks ------------------------------------------------------------------------------------------
def _table_alt(table: Mapping[str, int]) -> str:
    words = sorted(table, key=len, reverse=True)
    return "|".join(r"\s+".join(map(re.escape, w.split())) for w in words) or "(?!)"


@lru_cache(maxsize=1)
def _full_months() -> str:
    """Month names that stand alone ("in March", "Mei"): per language and month the longest name, and any of
    five letters or more (old spellings); abbreviations ("mar", "des") count only before a year."""
    full: set[str] = set()
    for lang in lexicon.LANGS:
        table = lexicon.numbers("months", lang)
        for word, n in table.items():
            longest = max(len(w) for w, m in table.items() if m == n)
            if len(word) == longest or len(word) >= 5:
                full.add(word)
    return "|".join(sorted(full, key=len, reverse=True))


def _number(token: str) -> int | None:
    token = " ".join(token.lower().split())
    if token.isdigit():
        return int(token)
    return lexicon.numbers("number_words").get(token)


def _month_bounds(y: int, m: int) -> tuple[date, date]:
    return date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1])


def _quarter_bounds(y: int, q: int) -> tuple[date, date]:
    return date(y, 3 * q - 2, 1), _month_bounds(y, 3 * q)[1]


def _shift_months(d: date, months: int) -> date:
    total = d.year * 12 + d.month - 1 + months
    y, m = divmod(total, 12)
    return date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def _unit_period(d: date, unit: int) -> tuple[date, date]:
    """The calendar day, week (Monday-Sunday), month, year or quarter (units 1-5) holding `d`."""
    if unit == 1:
        return d, d
    if unit == 2:
        monday = d - timedelta(days=d.weekday())
        return monday, monday + timedelta(days=6)
    if unit == 3:
        return _month_bounds(d.year, d.month)
    if unit == 5:
        return _quarter_bounds(d.year, (d.month - 1) // 3 + 1)
    return date(d.year, 1, 1), date(d.year, 12, 31)


def _back(now: date, n: int, unit: int) -> date:
    """`now` minus n units of time."""
    if unit == 1:
        return now - timedelta(days=n)
    if unit == 2:
        return now - timedelta(weeks=n)
    return _shift_months(now, -n * {3: 1, 4: 12, 5: 3}[unit])


def _ago(phrase: str, n: int, unit: int, now: date) -> date:
    """The date `phrase` ("2 minggu lalu", "3 months ago") names, by dateparser; our own arithmetic when it
    does not read the phrase (it knows no quarters)."""
    import dateparser
    from datetime import datetime

    settings = {"RELATIVE_BASE": datetime(now.year, now.month, now.day), "PREFER_DATES_FROM": "past"}
    parsed = dateparser.parse(phrase, languages=list(lexicon.LANGS), settings=settings)  # type: ignore[arg-type]
    return parsed.date() if parsed is not None and unit != 5 else _back(now, n, unit)


# Periods: (regex, resolver(match, now) -> (start, end) or None) --------------------------------------------
def _point_patterns() -> list[tuple[str, str]]:
    """Expressions that name one period: (kind, regex with named groups), most specific first."""
    mon, full, unit = _table_alt(lexicon.numbers('months')), _full_months(), _table_alt(lexicon.numbers('time_units'))
    number = rf"(?:{_NUM}|{_table_alt(lexicon.numbers('number_words'))})"
    ordinal = _table_alt(lexicon.numbers('ordinals'))
    quarter = lexicon.alternation("quarter_words")
    return [
        ("day", rf"(?P<d>\d{{1,2}})\s+(?P<mon>{mon})\.?\s+(?P<y>{_YEAR})"),
        ("day", rf"(?P<mon>{mon})\.?\s+(?P<d>\d{{1,2}}),?\s+(?P<y>{_YEAR})"),
        ("day", rf"(?P<y>{_YEAR})-(?P<mm>\d{{2}})-(?P<d>\d{{2}})"),
        ("quarter", rf"(?:q(?P<q>[1-4])|(?P<q2>[1-4])q)(?:\s*[-/]?\s*(?P<y>{_YEAR}))?"),
        ("quarter", rf"(?:the\s+)?(?P<ord>{ordinal})\s+(?:{quarter})(?:\s+of)?(?:\s+(?P<y>{_YEAR}))?"),
        ("quarter", rf"(?:{quarter})\s+(?:ke-?)?(?P<ord>{ordinal}|[1-4]|iv|i{{1,3}})(?:\s*(?:[-/]|tahun|of)?\s*(?P<y>{_YEAR}))?"),
        ("ago", rf"(?:(?P<n>{number})\s+(?P<unit>{unit})|(?P<single>{_table_alt(lexicon.numbers('single_units'))}))\s+(?:{lexicon.alternation('ago')})"),
        ("past", rf"(?:{lexicon.alternation('past_before')})\s+(?:(?P<n>{number})\s+)?(?P<unit>{unit})"),
        ("past", rf"(?:(?P<n>{number})\s+(?P<unit>{unit})|(?P<single>{_table_alt(lexicon.numbers('single_units'))}))\s+(?:{lexicon.alternation('past_after')})"),
        ("month", rf"(?P<mon>{mon})\.?(?:\s+of)?\s+(?P<y>{_YEAR})"),
        ("relative", "(?P<rel>" + "|".join(f"(?P<{k}>{alt()})" for k, alt in _REL.items()) + ")"),
        ("month", rf"(?P<mon>{full})"),
        ("year", rf"(?P<y>{_YEAR})"),
    ]


# The relative periods, by key (the regex group names).
_REL = {"rel_today": lambda: lexicon.alternation("rel_today"), "rel_yesterday": lambda: lexicon.alternation("rel_yesterday"),
        "rel_this_week": lambda: lexicon.alternation("rel_this_week"), "rel_last_week": lambda: lexicon.alternation("rel_last_week"),
        "rel_this_month": lambda: lexicon.alternation("rel_this_month"), "rel_last_month": lambda: lexicon.alternation("rel_last_month"),
        "rel_this_quarter": lambda: lexicon.alternation("rel_this_quarter"),
        "rel_last_quarter": lambda: lexicon.alternation("rel_last_quarter"),
        "rel_this_year": lambda: lexicon.alternation("rel_this_year"), "rel_last_year": lambda: lexicon.alternation("rel_last_year")}
# Kinds that need a preposition or range word before them: a bare year is often part of a name, "May" a verb.
_NEEDS_CONTEXT = {"month_alone", "year"}


def _relative(key: str, now: date) -> tuple[date, date]:
    if key == "rel_today":
        return now, now
    if key == "rel_yesterday":
        return now - timedelta(days=1), now - timedelta(days=1)
    unit = {"week": 2, "month": 3, "quarter": 5, "year": 4}[key.rsplit("_", 1)[1]]
    this = _unit_period(now, unit)
    return this if "_this_" in key else _unit_period(this[0] - timedelta(days=1), unit)


def _resolve(kind: str, m: re.Match[str], now: date) -> tuple[date, date, str] | None:
    """(start, end, kind) of one matched period, or None when it names no real date."""
    g = {k: v for k, v in m.groupdict().items() if v}  # the groups that matched
    months = lexicon.numbers("months")
    try:
        if kind == "day":
            month = int(g["mm"]) if "mm" in g else months[g["mon"].lower()]
            d = date(int(g["y"]), month, int(g["d"]))
            return d, d, "day"
        if kind == "quarter":
            raw = (g.get("q") or g.get("q2") or g.get("ord") or "").lower()
            q = int(raw) if raw.isdigit() else _ROMAN.get(raw) or lexicon.numbers("ordinals").get(raw)
            if not q or not 1 <= q <= 4:
                return None
            y = int(g["y"]) if "y" in g else (now.year if _quarter_bounds(now.year, q)[0] <= now else now.year - 1)
            return (*_quarter_bounds(y, q), "quarter")
        if kind in ("ago", "past"):
            if "single" in g:
                n, unit = 1, lexicon.numbers("single_units")[g["single"].lower()]
            else:
                n = _number(g["n"]) if "n" in g else 1
                unit = lexicon.numbers("time_units")[g["unit"].lower()]
            if not n:
                return None
            if kind == "ago":
                return (*_unit_period(_ago(m.group(0), n, unit, now), unit), "relative")
            return _back(now, n, unit), now, "past"
        if kind == "relative":
            key = next(k for k in _REL if g.get(k))
            return (*_relative(key, now), "relative")
        if kind == "month":
            month = months[g["mon"].lower()]
            if "y" in g:
                return (*_month_bounds(int(g["y"]), month), "month")
            y = now.year if month <= now.month else now.year - 1  # the last such month up to now
            return (*_month_bounds(y, month), "month_alone")
        if kind == "year":
            y = int(g["y"])
            return date(y, 1, 1), date(y, 12, 31), "year"
    except (KeyError, ValueError):
        return None
    return None


@lru_cache(maxsize=1)
def _compiled() -> list[tuple[str, re.Pattern[str]]]:
    return [(kind, re.compile(rf"\b{rx}\b", re.I)) for kind, rx in _point_patterns()]


def _periods(text: str, now: date) -> list[tuple[int, int, date, date, str]]:
    """Every period named in `text`: (start, end offsets, first day, last day, kind); overlaps included."""
    out = []
    for kind, rx in _compiled():
        for m in rx.finditer(text):
            got = _resolve(kind, m, now)
            if got:
                out.append((m.start(), m.end(), *got))
    return out


def _before(text: str, pos: int, alternation: str) -> int | None:
    """Start of a phrase of `alternation` that ends right before `pos` (spaces between), else None."""
    m = re.search(rf"\b(?:{alternation})\s+$", text[:pos], re.I)
    return m.start() if m else None


def _choose(text: str, now: date) -> tuple[int, int, date | None, date | None, str] | None:
    periods = _periods(text, now)
    candidates: list[tuple[int, int, date | None, date | None, str]] = []
    for s, e, lo, hi, kind in periods:
        # Closed range: "between X and Y", "dari X hingga Y" (X may borrow Y's year: "dari Maret hingga Mei 2024").
        start_at = _before(text, s, lexicon.alternation("range_start"))
        if start_at is not None:
            for s2, e2, lo2, hi2, kind2 in periods:
                if s2 > e and _before(text, s2, lexicon.alternation("range_join")) is not None and \
                        re.fullmatch(rf"\s+(?:{lexicon.alternation('range_join')})\s+", text[e:s2], re.I):
                    if kind == "month_alone" and kind2 == "month":
                        lo = lo.replace(year=hi2.year)
                    if lo <= hi2:
                        candidates.append((start_at, e2, lo, hi2, "range"))
        for key, bound in ((lexicon.alternation("time_since"), "since"), (lexicon.alternation("time_after"), "after"),
                           (lexicon.alternation("time_before"), "before"), (lexicon.alternation("time_until"), "until")):
            at = _before(text, s, key)
            if at is None:
                continue
            if bound == "since":
                candidates.append((at, e, lo, None, "since"))
            elif bound == "after":
                candidates.append((at, e, hi + timedelta(days=1), None, "since"))
            elif bound == "before":
                candidates.append((at, e, None, lo - timedelta(days=1), "until"))
            else:
                candidates.append((at, e, None, hi, "until"))
        if kind in _NEEDS_CONTEXT:
            at = _before(text, s, lexicon.alternation("time_in"))
            if at is not None:
                candidates.append((at, e, lo, hi, "month" if kind == "month_alone" else kind))
        else:
            candidates.append((s, e, lo, hi, kind))
    if not candidates:
        return None
    # The longest expression wins ("since March 2024" over "March 2024"), then the first; at equal length a
    # named period beats "past N" ("last week" is the calendar week before this one, not the past 7 days).
    return max(candidates, key=lambda c: (c[1] - c[0], -c[0], c[4] != "past"))


def read_time(text: str, now: date) -> TimeReading:
    """What `text` says about time, resolved against `now` (see the module contract)."""
    latest = tuple(m.span() for m in lexicon.pattern("latest").finditer(text))
    flags = {"newest_first": bool(latest), "latest_spans": latest,
             "asks_when": bool(lexicon.pattern("when_words").search(text)),
             "news_framed": bool(lexicon.pattern("news_frame").search(text))}
    chosen = _choose(text, now)
    if chosen is None:
        return TimeReading(**flags)  # type: ignore[arg-type]
    s, e, lo, hi, kind = chosen
    kind = "relative" if kind == "past" else kind
    before = re.findall(r"\w+", re.sub(r"\s+(?:the|a)$", "", text[:s].rstrip().lower())) or [""]
    flags["fact_framed"] = bool(lexicon.pattern("how_many").search(text) or lexicon.pattern("fact_period").fullmatch(before[-1]))
    return TimeReading(start=lo, end=hi, span=(s, e), kind=kind, **flags)  # type: ignore[arg-type]


def publication_window(reading: TimeReading, now: date) -> bool:
    """True when the period should filter articles by publication date; False: only prefer them.

    - A "when" question asks for an event's date: never a filter ("When was it signed in 2024?"); nor is the
      period of a figure ("Berapa nilai ekspor tahun lalu?", "reported for Q1 2024"): it is published later.
    - A period that starts after `now` is an event's time: no article is published in the future.
    - Relative periods ("last month", "3 bulan terakhir") and ranges reaching to now ("since January 2024")
      are about recent news: a filter, when they reach back at most RECENT_YEARS ("since 1967", "the past
      nine years" date an era in a fact question, they are not a way to ask for recent news).
    - A year, month, quarter or closed range is a filter when the question is about the news of that time
      ("What happened in 2021?", "berita Maret 2024"); otherwise it dates the fact asked about ("the film
      made in 1989", "exports in 2020") and is only a preference, since a later article may report it.
    - A single day is only a preference: articles report a day's events a day or more later.
    """
    if not reading.found or reading.asks_when or reading.fact_framed:
        return False
    if reading.start is not None and reading.start > now:
        return False
    if reading.kind in ("relative", "since"):
        return reading.start is not None and reading.start >= _shift_months(now, -12 * RECENT_YEARS)
    if reading.kind == "day":
        return False
    return reading.news_framed
