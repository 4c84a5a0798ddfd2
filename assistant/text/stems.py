"""Word tokens and stems for keyword search: lower-cased words without stopwords, stemmed with the text's
language's stemmer (Sastrawi for Indonesian, Snowball for English). Sastrawi and PyStemmer are imported only
here.

Each chunk is stemmed with its own language's stemmer. A query is stemmed with both (its language may
differ from the text's): names, acronyms and numbers ("MoU", "ASEAN", "2021") match across languages.
Stopword lists are short on purpose: long Indonesian lists drop content words (kerja, sama, tahun, baru).
"""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.text import gazetteer, lexicon

# Function words of both languages (lexicon key `stopwords`): a query and a text may differ in language.
STOPWORDS = lexicon.words("stopwords")

_TOKEN = re.compile(r"[0-9]+(?:[.,][0-9]+)*|[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)


@lru_cache(maxsize=1)
def _id_stemmer():  # type: ignore[no-untyped-def]
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    return StemmerFactory().create_stemmer()


@lru_cache(maxsize=1)
def _en_stemmer():  # type: ignore[no-untyped-def]
    import Stemmer

    return Stemmer.Stemmer("english")


@lru_cache(maxsize=200_000)
def _stem(word: str, lang: str) -> str:
    if word.isdigit() or len(word) <= 3:
        return word
    if lang == "id":
        return _id_stemmer().stem(word) or word
    return _en_stemmer().stemWord(word)


def words(text: str) -> list[str]:
    """Lower-cased word tokens without stopwords; numbers lose their thousands separators."""
    out = []
    for token in _TOKEN.findall(text.lower()):
        if token in STOPWORDS:
            continue
        out.append(token.replace(".", "").replace(",", "") if token[0].isdigit() else token)
    return out


def tokens(text: str, lang: str) -> list[str]:
    return [_stem(w, lang) for w in words(text)]


def query_tokens(text: str) -> list[str]:
    """Query words stemmed both ways (the text's language may differ), plus the other language's names of
    the countries the query names."""
    return _both_ways(words(text) + _country_names(text))


def _country_names(text: str) -> list[str]:
    return sorted(w for g in gazetteer.groups_in(text) for w in g if w not in STOPWORDS)


def _both_ways(expanded: list[str]) -> list[str]:
    out: list[str] = []
    for w in expanded:
        for lang in ("id", "en"):
            stem = _stem(w, lang)
            if stem not in out:
                out.append(stem)
    return out
