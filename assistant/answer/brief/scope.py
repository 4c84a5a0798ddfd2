"""Topic scope: a briefing topic -> its parts and its time window.

Contract: `read_scope(topic, date_from, date_to)` strips the request words ("brief me on", "buatkan
ringkasan", lexicon `brief_openers`), finds the countries (text.gazetteer, Indonesia aside: the corpus is
Indonesian news) and the sectors (lexicon `sectors`) the topic names, and splits it into parts: two or more
countries ("Japan and Russia") make one part each, else two or more sectors do, else the topic is one part.
What is not split is shared by every part ("automotive cooperation with Japan and Russia": two parts, both
automotive). A year range in the topic ("2021–2024", "2021 to 2024") becomes the window when no date is
given; `date_from`/`date_to` are checked as everywhere else (search.query.read_window). Each part carries
the query text it is searched with: the topic without the other parts' names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.records import DateWindow, Lang
from assistant.search.query import read_window
from assistant.text import gazetteer, lexicon

# "2021–2024", "2021-2024", "2021 to 2024", "2021 sampai 2024": two years joined by a dash or one short word.
_YEAR_RANGE = re.compile(r"\b((?:19|20)\d{2})\s*(?:[–—-]|\s[^\W\d_]{1,7}\s)\s*((?:19|20)\d{2})\b")
_YEAR = re.compile(r"\b((?:19|20)\d{2})\b")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Part:
    """One part of a topic: its label, the text it is searched with, and what an article must mention."""

    label: str
    query: str
    countries: tuple[frozenset[str], ...] = ()
    sectors: tuple[frozenset[str], ...] = ()


@dataclass(frozen=True)
class Scope:
    topic: str  # as asked
    subject: str  # without the request words
    parts: tuple[Part, ...]
    window: DateWindow | None


def sector_groups() -> tuple[frozenset[str], ...]:
    return lexicon.groups("sectors")


def _phrase_re(words: frozenset[str]) -> re.Pattern[str]:
    alternatives = sorted(words, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in alternatives) + r")(?!\w)", re.I)


def mentions(text: str, group: frozenset[str]) -> int:
    """How often `text` names a group's words (a sector's, a country's), as whole words or phrases."""
    return len(_phrase_re(group).findall(text))


def sectors_in(text: str) -> list[frozenset[str]]:
    return [g for g in sector_groups() if mentions(text, g)]


def display_name(group: frozenset[str], kind: str, lang: Lang) -> str:
    """A country's or sector's name in `lang` (the lexicon's first word for it), capitalised."""
    key = "countries" if kind == "country" else "sectors"
    table = lexicon.entry(key, lang)
    all_groups = lexicon.groups(key)
    for name, group_words in zip(table, all_groups):  # type: ignore[arg-type]
        if group_words == group:
            first = table[name][0]  # type: ignore[index]
            return first[:1].upper() + first[1:]
    return sorted(group)[0].title()


def strip_request(topic: str) -> str:
    """The topic without the request words in front of it ("Brief me on X" -> "X")."""
    subject = topic.strip()
    opener = re.compile(rf"^\s*(?:{lexicon.alternation('brief_openers')})\b[\s:,-]*", re.I)
    for _ in range(3):  # "Tolong buatkan ringkasan tentang X"
        stripped = opener.sub("", subject, count=1)
        if stripped == subject:
            break
        subject = stripped
    return subject.strip(" .?!:") or topic.strip()


def topic_window(subject: str) -> DateWindow | None:
    """A year range named in the topic: "2021–2024" -> 2021-01-01..2024-12-31; a lone "2021" is a soft
    preference for search, not a window (an article of 2026 may look back on 2021)."""
    m = _YEAR_RANGE.search(subject)
    if not m:
        return None
    lo, hi = sorted((m[1], m[2]))
    return DateWindow(f"{lo}-01-01", f"{hi}-12-31")


def _without(text: str, groups: list[frozenset[str]]) -> str:
    """`text` without the names of `groups`, each with one conjunction or comma next to it ("Japan, Russia
    and Belarus" without Japan and Belarus is "Russia")."""
    joiner = rf"(?:\s*(?:,|\b(?:{lexicon.alternation('brief_conjunctions')})\b)\s*)"
    for g in groups:
        names = "|".join(re.escape(w) for w in sorted(g, key=len, reverse=True))
        text = re.sub(rf"{joiner}?(?<!\w)(?:{names})(?!\w){joiner}?", " ", text, flags=re.I)
    return _SPACE.sub(" ", text).strip(" ,")


def _countries(subject: str) -> list[frozenset[str]]:
    # Keep the topic's own order: "Japan and Russia" lists Japan first.
    found = gazetteer.partners_in(subject)
    lower = subject.lower()
    return sorted(found, key=lambda g: min((lower.find(w) for w in g if w in lower), default=len(lower)))


def read_scope(topic: str, date_from: object = None, date_to: object = None, lang: Lang = "en") -> Scope:
    window = read_window(date_from, date_to)
    subject = strip_request(topic)
    if window is None:
        window = topic_window(subject)
    searchable = _YEAR_RANGE.sub(" ", subject) if window else subject
    searchable = _SPACE.sub(" ", searchable).strip(" ,") or subject
    countries = _countries(searchable)
    sectors = sectors_in(searchable)
    parts: list[Part] = []
    if len(countries) >= 2:
        for g in countries:
            others = [o for o in countries if o != g]
            parts.append(Part(display_name(g, "country", lang), _without(searchable, others), (g,), tuple(sectors)))
    elif len(sectors) >= 2:
        for g in sectors:
            others = [o for o in sectors if o != g]
            parts.append(Part(display_name(g, "sector", lang), _without(searchable, others), tuple(countries), (g,)))
    else:
        label = " · ".join([display_name(g, "country", lang) for g in countries]
                           + [display_name(g, "sector", lang) for g in sectors]) or searchable
        parts.append(Part(label, searchable, tuple(countries), tuple(sectors)))
    return Scope(topic=topic, subject=subject, parts=tuple(parts), window=window)
