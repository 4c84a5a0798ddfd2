"""Names and numbers a text asserts, and whether another text (maybe in the other language) mentions them.

Contract: `names(text)` is the set of capitalised words after the first (lower-cased), minus the title-case
words a translation introduces ("Ministry", "Agreement"); `numbers(text)` the numbers of two or more digits;
`mentioned(name, words)` says whether `words` (a lower-cased word set) mentions `name`: literally, as the
other language's weekday, month or country name, or as a spelling variant across the languages ("Irak" for
"Iraq", "Sumatera" for "Sumatra", "Palestina" for "Palestine").
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from assistant.text import dates, gazetteer, lexicon

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_WORD = re.compile(r"[^\W\d_]\w*")
# Spelling variants across Indonesian and English share their opening and most letters.
_VARIANT_PREFIX = 2
_VARIANT_RATIO = 0.75


def words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"\w+", text)}


def names(text: str) -> set[str]:
    tokens = _WORD.findall(text)  # "Indonesia-Jepang" is two names
    title_words = lexicon.words("title_words")
    return {t.lower() for t in tokens[1:] if t[0].isupper() and len(t) > 1 and t.lower() not in title_words}


def numbers(text: str) -> set[str]:
    # "2.000", "2,000" and "2000" are one number; single digits carry little and are often spelled out.
    return {d for n in _NUMBER.findall(text) if len(d := re.sub(r"\D", "", n)) >= 2}


def _translated(name: str, passage_words: set[str]) -> bool:
    days = dict(zip(lexicon.sequence("weekdays", "en"), lexicon.sequence("weekdays", "id")))
    if name in days:
        return days[name] in passage_words
    if name in dates.MONTHS:
        return any(dates.MONTHS.get(w) == dates.MONTHS[name] for w in passage_words)
    return any(name in g and g & passage_words for g in gazetteer.GROUPS)


def _variant(name: str, passage_words: set[str]) -> bool:
    if len(name) < 4:
        return False
    return any(w[:_VARIANT_PREFIX] == name[:_VARIANT_PREFIX] and abs(len(w) - len(name)) <= 3
               and SequenceMatcher(None, name, w).ratio() >= _VARIANT_RATIO for w in passage_words)


def mentioned(name: str, passage_words: set[str]) -> bool:
    return name in passage_words or _translated(name, passage_words) or _variant(name, passage_words)
