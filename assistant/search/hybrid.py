"""Hybrid search: a Query -> ranked Hits. Dense (multilingual embeddings: an English question finds
Indonesian text) and BM25 keyword search give the candidates; each candidate is scored by its chunk
similarity, its normalised BM25 score when it is in the question's language, and its best sentence's
similarity (see `_fuse`); at most `per_doc_max` chunks per document, and one document per release (a
syndicated copy's own passages and its canonical's are never both returned: index.syndication).

Contract: `Retriever.search(query)` returns at most `query.k` hits, best first. `query.window` is a hard
filter on the publication date: undated articles drop out and are counted (`SearchResult.undated_excluded`),
in the dense search as in the keyword search; `query.prefer` is a soft window (a time the question names):
chunks published in it, or mentioning its years, get a boost, since an article from 2026 may well report
what happened in 2024. `query.newest_first` ("latest") orders the relevant hits newest first
(search.recency).
"""

from __future__ import annotations

import time

import numpy as np

from assistant.backends.embed import Embedder
from assistant.index.cache import CACHE, cache_key
from assistant.index.reader import IndexReader
from assistant.index.store import date_key, date_where
from assistant.records import Hit, Query, SearchResult
from assistant.index.keyword import KeywordIndex
from assistant.search.recency import newest_first
from assistant.settings import Settings
from assistant.text import answer_type


def _normalised(scored: list[tuple[str, float]]) -> dict[str, float]:
    """BM25 scores divided by the best one: BM25 has no fixed scale, its ranking within a query counts."""
    best = max((score for _, score in scored), default=0.0) or 1.0
    return {cid: score / best for cid, score in scored}


class Retriever:
    def __init__(self, settings: Settings, reader: IndexReader, embedder: Embedder) -> None:
        self.settings = settings
        self.reader = reader
        self.embedder = embedder
        # The chunk table (index.table): ids, languages and dates as arrays, a record parsed when asked for.
        self.chunks = reader.table()
        # Stemming every chunk takes minutes at 100k: the keyword index is saved with the build (index.keyword).
        self.keyword = KeywordIndex.cached(reader.folder / CACHE, cache_key(reader.folder), self.chunks.ids,
                                           self.chunks.values)
        if settings.dense_search == "exact":
            reader.dense()  # load (or export and cache) the matrix now, not on the first question
        # Syndicated copies (index.syndication): a copy and its canonical are one release, one source.
        self.release: dict[str, str] = reader.releases() if hasattr(reader, "releases") else {}
        self.undated_docs = self.chunks.undated_documents()

    def _in_window(self, cid: str, lo: int, hi: int) -> bool:
        day = self.chunks.date(cid)
        return bool(day) and lo <= day <= hi

    def _fuse(self, query: Query, vector: np.ndarray, dense: dict[str, float],
              keyword: list[tuple[str, float]]) -> dict[str, float]:
        """One score per candidate (the union of both lists), from three signals on comparable scales: the
        chunk's cosine similarity; its BM25 score divided by the query's best, when the passage is in the
        question's language (across languages keyword overlap hurt on the tuning split, even restricted to
        names and numbers: en->id recall@1 0.81 without, 0.76 with weight 0.15); and the cosine similarity
        of its best sentence (own or in context: a short factoid question matches one sentence, not a
        chunk). Weights are settings, set on the FacQA tuning split (tests/data/facqa)."""
        s = self.settings
        candidates = list(dict.fromkeys([*dense, *(cid for cid, _ in keyword)]))
        missing = [cid for cid in candidates if cid not in dense]
        if missing:  # keyword-only candidates: their exact similarity, not a rank the HNSW never gave
            dense = dict(dense)
            vectors = (self.reader.dense().vectors_of(missing) if s.dense_search == "exact"
                       else self.reader.chunk_vectors(missing))
            dense.update({cid: float(v @ vector) for cid, v in vectors.items()})
        keyword_score = _normalised(keyword)
        best_sentence: dict[str, float] = {}
        best_text: dict[str, str] = {}
        for row in self.reader.sentences_of(candidates):
            sim = max(float(row.vector @ vector), float(row.context_vector @ vector))
            if sim > best_sentence.get(row.chunk_id, -1.0):
                best_sentence[row.chunk_id], best_text[row.chunk_id] = sim, row.text
        preferred = self._preferred(query, candidates)
        fused: dict[str, float] = {}
        for cid in candidates:
            same_language = self.chunks.language(cid) == query.written_in
            kw_weight = s.fusion_keyword_weight if same_language else s.fusion_cross_language_keyword_weight
            fused[cid] = (dense.get(cid, 0.0) + kw_weight * keyword_score.get(cid, 0.0)
                          + s.fusion_sentence_weight * best_sentence.get(cid, 0.0)
                          + (s.fusion_answer_type_bonus
                             if answer_type.holds(query.answer_type, best_text.get(cid, ""), set(query.words)) else 0.0)
                          + (s.fusion_prefer_bonus if cid in preferred else 0.0))
        return fused

    def _preferred(self, query: Query, candidates: list[str]) -> set[str]:
        """Chunks published in the time the question names, or mentioning its years."""
        if not query.prefer:
            return set()
        lo, hi = date_key(query.prefer.start), date_key(query.prefer.end)
        years = {str(y) for y in range(max(lo // 10000, 1900), min(hi // 10000, 2100) + 1)}
        return {cid for cid in candidates
                if self._in_window(cid, lo, hi) or any(y in self.chunks[cid].text for y in years)}

    def search(self, query: Query) -> SearchResult:
        s = self.settings
        t0 = time.perf_counter()
        vector = self.embedder.encode_query(query.text)
        t1 = time.perf_counter()
        date_from, date_to = (query.window.start, query.window.end) if query.window else (None, None)
        where = date_where(date_from, date_to)
        if where is not None and not date_from:
            # An open start must still leave undated chunks out: their stored date is 0.
            where = date_where("0001-01-01", date_to)
        if s.dense_search == "exact":  # index.dense: exact at any size, the window a mask (undated out)
            lo_key = date_key(date_from) if date_from else None
            hi_key = date_key(date_to) if date_to else None
            found = self.reader.dense().top(vector, s.candidates, lo_key, hi_key)
        else:
            found = self.reader.query(vector, s.candidates, where)
        dense = [(cid, sim) for cid, sim in found if cid in self.chunks]
        t2 = time.perf_counter()
        window = None
        if where is not None:
            window = (date_key(date_from) or 0, date_key(date_to) or 99991231)
        keyword = self.keyword.search(query.tokens, s.candidates, window=window)
        t3 = time.perf_counter()

        fused = self._fuse(query, vector, dict(dense), keyword)
        dense_rank = {cid: i + 1 for i, (cid, _) in enumerate(dense)}
        keyword_rank = {cid: i + 1 for i, (cid, _) in enumerate(keyword)}

        hits: list[Hit] = []
        per_doc: dict[str, int] = {}
        release_doc: dict[str, str] = {}  # release -> the one document of it that the hits cite
        order = sorted(fused, key=lambda c: (-fused[c], dense_rank.get(c, 10**9)))
        if query.newest_first:
            order = newest_first(order, fused.__getitem__, lambda c: self.chunks[c].published, s.newest_first_margin)
        for cid in order:
            doc_id = self.chunks.doc(cid)
            if per_doc.get(doc_id, 0) >= s.per_doc_max:
                continue
            if release_doc.setdefault(self.release.get(doc_id, doc_id), doc_id) != doc_id:
                continue  # another copy of this release ranked higher: never two copies as two sources
            per_doc[doc_id] = per_doc.get(doc_id, 0) + 1
            hits.append(Hit(rank=len(hits) + 1, chunk=self.chunks[cid], score=fused[cid], dense_rank=dense_rank.get(cid),
                            keyword_rank=keyword_rank.get(cid)))
            if len(hits) >= query.k:
                break
        t4 = time.perf_counter()
        timings = {"embed_query": (t1 - t0) * 1000, "dense": (t2 - t1) * 1000, "keyword": (t3 - t2) * 1000,
                   "fuse": (t4 - t3) * 1000, "total": (t4 - t0) * 1000}
        return SearchResult(question=query.text, hits=tuple(hits), timings_ms=timings, date_window=query.window,
                            undated_excluded=self.undated_docs if where is not None else 0)
