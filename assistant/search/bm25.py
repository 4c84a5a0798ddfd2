"""Keyword search: BM25 (bm25s) over stemmed tokens. Sastrawi and PyStemmer are imported only here.

Each chunk is stemmed with its own language's stemmer. A query is stemmed with both (its language may
differ from the text's): names, acronyms and numbers ("MoU", "ASEAN", "2021") match across languages.
Stopword lists are short on purpose: long Indonesian lists drop content words (kerja, sama, tahun, baru).
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np

from assistant.text import gazetteer, lexicon
from assistant.records import Chunk

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


class KeywordIndex:
    """BM25 over chunks, rebuilt in memory from the store (seconds even at 100k chunks)."""

    def __init__(self, chunks: list[Chunk]) -> None:
        import bm25s

        self.chunk_ids = [c.chunk_id for c in chunks]
        corpus = [tokens(c.embed_text, c.language) or ["∅"] for c in chunks]
        self.retriever = bm25s.BM25()
        if corpus:
            self.retriever.index(corpus, show_progress=False)
        self.vocab = set(t for doc in corpus for t in doc)

    def search(self, query_tokens: tuple[str, ...], n: int, allowed: set[str] | None = None) -> list[tuple[str, float]]:
        """(chunk_id, bm25 score) with score > 0, best first, for a Query's tokens; `allowed` restricts to
        some chunk ids."""
        if not self.chunk_ids:
            return []
        q = [t for t in query_tokens if t in self.vocab]
        if not q:
            return []
        scores = np.asarray(self.retriever.get_scores(q), dtype=np.float32)
        order = np.argsort(-scores)
        out: list[tuple[str, float]] = []
        for i in order:
            if scores[i] <= 0:
                break
            cid = self.chunk_ids[int(i)]
            if allowed is not None and cid not in allowed:
                continue
            out.append((cid, float(scores[i])))
            if len(out) >= n:
                break
        return out
