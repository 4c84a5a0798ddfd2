"""Country names in Indonesian and English, so "Japan" in a question meets "Jepang" in an article.

Used to expand keyword queries across languages and to keep passages about the countries a question
names. Each group lists one country's names and demonyms, lower case; the names are data
(`lexicon/{id,en}.toml`, key `countries`).
"""

from __future__ import annotations

import re

from assistant.text import lexicon

# One frozenset per country: its names, demonyms and capital in both languages, lower case, in a stable
# order (the lexicon's `countries` table).
GROUPS: tuple[frozenset[str], ...] = lexicon.groups("countries")

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
# Too ambiguous on their own as lower-case words in running text.
_CASE_SENSITIVE = {"us", "as", "ri", "uk", "arab"}


def _words(text: str) -> set[str]:
    out = set()
    for w in _WORD.findall(text):
        lw = w.lower()
        if lw in _CASE_SENSITIVE and not w.isupper() and w != "Arab":
            continue
        out.add(lw)
    return out


def groups_in(text: str) -> list[frozenset[str]]:
    """The country groups `text` names, in a stable order."""
    words = _words(text)
    return [g for g in GROUPS if g & words]


def partners_in(text: str) -> list[frozenset[str]]:
    """The countries `text` names besides Indonesia: the corpus is Indonesian news, so Indonesia says
    nothing about which articles are on topic."""
    return [g for g in groups_in(text) if "indonesia" not in g]


def mentions_all(text: str, groups: list[frozenset[str]]) -> bool:
    """True when `text` names every one of `groups` (in either language); vacuously true for none."""
    words = _words(text)
    return all(g & words for g in groups)
