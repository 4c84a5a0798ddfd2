"""Keyword search: BM25 (bm25s) over stemmed tokens. Sastrawi and PyStemmer are imported only here.

Each chunk is stemmed with its own language's stemmer. A query is stemmed with both (its language may
differ from the text's): names, acronyms and numbers ("MoU", "ASEAN", "2021") match across languages.
Stopword lists are short on purpose: long Indonesian lists drop content words (kerja, sama, tahun, baru).
"""

from __future__ import annotations

import json
import os
import re
import shutil
from functools import lru_cache
from pathlib import Path

import numpy as np

from assistant.records import Chunk
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


class KeywordIndex:
    """BM25 over chunks. Built from the chunks' stemmed tokens (stemming dominates: minutes at 100k chunks),
    or loaded from the index folder's cache of the same build (`cached`)."""

    def __init__(self, chunks: list[Chunk] | None = None) -> None:
        import bm25s

        chunks = chunks or []
        self.chunk_ids = [c.chunk_id for c in chunks]
        corpus = [tokens(c.embed_text, c.language) or ["∅"] for c in chunks]
        self.retriever = bm25s.BM25()
        if corpus:
            self.retriever.index(corpus, show_progress=False)
        self.vocab = set(t for doc in corpus for t in doc)

    @classmethod
    def cached(cls, folder: Path, key: str | None, chunks: list[Chunk]) -> KeywordIndex:
        """The index of these chunks: loaded from `folder` when it was saved there for build `key` over the
        same chunk ids, else built and saved for the next process (a failed save only costs that)."""
        ids = [c.chunk_id for c in chunks]
        meta_path = Path(folder) / "bm25-index.json"
        if key and ids:
            try:
                meta = json.loads(meta_path.read_text(encoding="utf-8"))
                if meta.get("key") == key and meta.get("chunk_ids") == ids:
                    return cls._load(Path(folder) / "bm25", ids, meta["vocab"])
            except (OSError, ValueError, KeyError, TypeError):
                pass  # absent, stale or damaged: build it
        index = cls(chunks)
        if key and ids:
            try:
                index._save(Path(folder), key)
            except OSError:
                pass
        return index

    @classmethod
    def _load(cls, path: Path, ids: list[str], vocab: list[str]) -> KeywordIndex:
        import bm25s

        index = cls.__new__(cls)
        index.chunk_ids = ids
        index.retriever = bm25s.BM25.load(str(path), show_progress=False)
        index.vocab = set(vocab)
        return index

    def _save(self, folder: Path, key: str) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / f"bm25.{os.getpid()}.tmp"
        shutil.rmtree(tmp, ignore_errors=True)
        self.retriever.save(str(tmp), show_progress=False)
        meta_path = folder / "bm25-index.json"
        meta_path.unlink(missing_ok=True)  # the key goes last: no reader pairs it with half a folder
        shutil.rmtree(folder / "bm25", ignore_errors=True)
        os.replace(tmp, folder / "bm25")
        tmp_meta = folder / f"bm25-index.json.{os.getpid()}.tmp"
        tmp_meta.write_text(json.dumps({"key": key, "chunk_ids": self.chunk_ids, "vocab": sorted(self.vocab)}),
                            encoding="utf-8")
        os.replace(tmp_meta, meta_path)

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
