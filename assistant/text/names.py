"""Names and numbers a text asserts, and whether another text (maybe in the other language) mentions them.

Contract: `names(text)` is the set of capitalised words after the first (lower-cased), minus the title-case
words a translation introduces ("Ministry", "Agreement"); `numbers(text)` the numbers of two or more digits;
`mentioned(name, words)` says whether `words` (a lower-cased word set) mentions `name`: literally, as the
other language's weekday, month or country name, or as a spelling variant across the languages ("Irak" for
"Iraq", "Sumatera" for "Sumatra", "Palestina" for "Palestine").

Two kinds of name are exact: `identifiers(text)` ("Shenzhou 7", "Telkom-3", "G20", "COVID-19": a name and
the number that tells it from its siblings, which `mentions_identifier` wants in the passage with that very
number; an ordinal "ke-63"/"63rd" wants its number) and `years(text)` (a question about 2009 is not answered by a passage about 2005).
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from assistant.text import dates, gazetteer, lexicon

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_WORD = re.compile(r"[^\W\d_]\w*")
# "Shenzhou 7", "Telkom-3", "iPhone 15": a capitalised (or camel-case) word, then a number of 1-3 digits;
# "G20", "MD-82": capitals glued or hyphened to the number.
_IDENTIFIER = re.compile(r"\b(?:([A-Z][^\W\d_]+|[a-z]+[A-Z][^\W\d_]*)[- ]|([A-Z]{1,5})-?)(\d{1,3})\b")
# "ke-63", "KTT ke 2", "63rd": an edition or a round is exact too ("#63": the number alone).
_ORDINAL = re.compile(r"\bke-?\s?(\d{1,3})\b|\b(\d{1,3})(?:st|nd|rd|th)\b", re.IGNORECASE)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
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


def identifiers(text: str) -> set[str]:
    """Name-and-number identifiers, as "name number" in lower case; question words, months, weekdays and
    numbering words ("Nomor 12", "Number 12": a translation changes them) are no identifier names."""
    skip = (lexicon.words("question_words") | lexicon.words("when_words") | lexicon.words("how_many")
            | lexicon.words("numbering_words") | lexicon.words("weekdays") | set(dates.MONTHS))
    found = set()
    for m in _IDENTIFIER.finditer(text):
        name = (m.group(1) or m.group(2)).lower()
        if name not in skip and name.removesuffix("kah") not in skip:  # "Berapakah": the particle -kah
            found.add(f"{name} {m.group(3)}")
    found.update(f"# {a or b}" for a, b in _ORDINAL.findall(text))
    return found


def mentions_identifier(identifier: str, text: str) -> bool:
    name, number = identifier.rsplit(" ", 1)
    if name == "#":  # an ordinal: its number, or its word in either language ("kedua", "second")
        words_for = {w for w, n in lexicon.numbers("ordinals").items() if str(n) == number}
        return (re.search(rf"(?<![\d.,]){number}(?!\d)", text) is not None
                or bool(words_for & {w.lower() for w in _WORD.findall(text)}))
    return re.search(rf"\b{re.escape(name)}[- ]?{number}\b", text, re.IGNORECASE) is not None


def years(text: str) -> set[str]:
    return set(_YEAR.findall(text))


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
