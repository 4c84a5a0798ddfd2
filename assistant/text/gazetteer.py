"""Country names in Indonesian and English, so "Japan" in a question meets "Jepang" in an article.

Used to expand keyword queries across languages and to keep passages about the countries a question
names. Each group lists one country's names and demonyms, lower case.
"""

from __future__ import annotations

import re

GROUPS: tuple[frozenset[str], ...] = tuple(frozenset(g.split()) for g in (
    "indonesia indonesian ri nusantara",
    "japan japanese jepang",
    "russia russian rusia moscow moskow moskwa",
    "belarus belarusian belarusia minsk",
    "china chinese tiongkok cina beijing",
    "korea korean korsel",
    "india indian",
    "france french prancis perancis paris",
    "germany german jerman berlin",
    "britain british inggris uk",
    "america american amerika us usa as washington",
    "australia australian",
    "singapore singaporean singapura",
    "malaysia malaysian",
    "thailand thai",
    "vietnam vietnamese",
    "philippines filipino filipina",
    "netherlands dutch belanda",
    "italy italian italia",
    "turkey turkish turki",
    "saudi arab",
    "uae emirates emirat",
    "egypt egyptian mesir",
    "brazil brazilian brasil",
    "canada canadian kanada",
))

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
    words = _words(text)
    return all(g & words for g in groups)
