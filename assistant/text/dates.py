"""Date parsing for Indonesian and English news: publication lines and dates named in questions.

Regexes with month-name tables: fast and predictable on the formats scrapes carry ("21 Januari 2022,
08:41", "2026-01-12 06:49:54", "Minggu, 28 Februari 2021 | 17:20 WIB", "January 21, 2022"). Times are
taken as WIB (UTC+7), the convention of Indonesian outlets.
"""

from __future__ import annotations

import re
from datetime import date

from assistant.text import lexicon

WIB = "+07:00"

# Month names and abbreviations of both languages -> month number (read-only).
MONTHS = lexicon.numbers("months")
_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))

_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?")
_DMY = re.compile(rf"\b(\d{{1,2}})\s+({_MONTH_RE})\.?\s+(\d{{4}})(?:\D{{1,4}}(\d{{1,2}})[:.](\d{{2}})(?:[:.](\d{{2}}))?)?", re.I)
_MDY = re.compile(rf"\b({_MONTH_RE})\.?\s+(\d{{1,2}}),?\s+(\d{{4}})(?:\D{{1,4}}(\d{{1,2}})[:.](\d{{2}}))?", re.I)
# What a publication-date line carries besides the date itself: day names, time zones, "published", a
# partial ISO date ("date 2021-02 Minggu, 28 Februari 2021 | 17:20 WIB").
_DATE_LINE_WORDS = re.compile(
    rf"\b(?:{lexicon.alternation('weekdays')}|{lexicon.alternation('date_line_words')}|\d{{4}}-\d{{2}})\b", re.I)


def _iso(y: int, m: int, d: int, hh: str | None, mm: str | None, ss: str | None) -> str | None:
    try:
        date(y, m, d)
    except ValueError:
        return None
    if hh is None or mm is None:
        return f"{y:04d}-{m:02d}-{d:02d}"
    if not (0 <= int(hh) < 24 and 0 <= int(mm) < 60):
        return f"{y:04d}-{m:02d}-{d:02d}"
    return f"{y:04d}-{m:02d}-{d:02d}T{int(hh):02d}:{int(mm):02d}:{int(ss or 0):02d}{WIB}"


def parse_datetime(text: str) -> str | None:
    """The first full date (day, month, year) in `text` as ISO 8601, with time and WIB offset when a time
    follows. Partial dates ("2021-02") are ignored: a publication date needs a day."""
    candidates: list[tuple[int, str]] = []
    for m in _ISO.finditer(text):
        iso = _iso(int(m[1]), int(m[2]), int(m[3]), m[4], m[5], m[6])
        if iso:
            candidates.append((m.start(), iso))
    for m in _DMY.finditer(text):
        iso = _iso(int(m[3]), MONTHS[m[2].lower()], int(m[1]), m[4], m[5], m[6])
        if iso:
            candidates.append((m.start(), iso))
    for m in _MDY.finditer(text):
        iso = _iso(int(m[3]), MONTHS[m[1].lower()], int(m[2]), m[4], m[5], None)
        if iso:
            candidates.append((m.start(), iso))
    return min(candidates)[1] if candidates else None


def is_date_line(line: str) -> bool:
    """A header line that is a date and little else (not a body sentence that mentions a date)."""
    stripped = line.strip()
    if len(stripped) > 70 or stripped.endswith("."):
        return False
    if not parse_datetime(stripped):
        return False
    leftover = _ISO.sub("", _DMY.sub("", _MDY.sub("", stripped)))
    leftover = _DATE_LINE_WORDS.sub("", leftover)
    return len(re.findall(r"[A-Za-z]{3,}", leftover)) <= 1


def year_range(text: str) -> tuple[str, str] | None:
    """A date window named in a question: "in 2021", "tahun 2022", "since 2024", "sebelum 2023".
    Returns inclusive ISO bounds ("YYYY-MM-DD", "YYYY-MM-DD") or None."""
    t = text.lower()
    m = re.search(r"\b(?:since|after|sejak|setelah|sesudah)\s+(?:tahun\s+)?((?:19|20)\d{2})\b", t)
    if m:
        return f"{m[1]}-01-01", "9999-12-31"
    m = re.search(r"\b(?:before|until|sebelum|hingga|sampai)\s+(?:tahun\s+)?((?:19|20)\d{2})\b", t)
    if m:
        return "0000-01-01", f"{int(m[1]) - 1}-12-31"
    m = re.search(rf"\b(?:in|on|during|pada|di|tahun|bulan)\s+(?:({_MONTH_RE})\s+)?((?:19|20)\d{{2}})\b", t)
    if m:
        if m[1]:
            month = MONTHS[m[1]]
            return f"{m[2]}-{month:02d}-01", f"{m[2]}-{month:02d}-31"
        return f"{m[2]}-01-01", f"{m[2]}-12-31"
    return None


_DMY_NUMERIC = re.compile(r"\((?:[A-Za-z]+,?\s*)?(\d{1,2})/(\d{1,2})/((?:19|20)\d{2})\)")
_MONTH_YEAR = re.compile(rf"\b({_MONTH_RE})\.?\s+((?:19|20)\d{{2}})\b", re.I)
_YEAR = re.compile(r"\b(?:pada|tahun|sejak|since|in|on|during)\s+((?:19|20)\d{2})\b", re.I)


def event_date(sentence: str) -> str | None:
    """The date a sentence reports an event on, as precise as it says: "YYYY-MM-DD", "YYYY-MM" or "YYYY".
    Day/month without a year ("Jumat (21/6)") is ignored: the year would be a guess."""
    m = _DMY_NUMERIC.search(sentence)
    if m:
        iso = _iso(int(m[3]), int(m[2]), int(m[1]), None, None, None)
        if iso:
            return iso
    full = parse_datetime(sentence)
    if full:
        return full[:10]
    m = _MONTH_YEAR.search(sentence)
    if m:
        return f"{m[2]}-{MONTHS[m[1].lower()]:02d}"
    m = _YEAR.search(sentence)
    return m[1] if m else None
