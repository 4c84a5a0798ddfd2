"""The keyword index: BM25 over the chunks' stemmed tokens (text.stems), persisted with the build and updated
incrementally.

The scoring is bm25s's "lucene" BM25 (k1 1.5, b 0.75), so rankings are the ones bm25s gives (tests compare
the two), but the index is this module's own: term counts per chunk in a sparse matrix, with document
frequencies and lengths computed when loaded, so adding or removing chunks stems only the new ones and never
re-scores the rest. Why: stemming dominates (minutes at 100k chunks), and a bm25s index can only be rebuilt.

Contract: `KeywordIndex.cached(folder, key, ids, records)` is the index of build `key` (loaded, updated from
an earlier build's, or built; then saved); `search(tokens, n, allowed, window)` returns (chunk_id, score)
pairs, best first.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from pathlib import Path

import numpy as np

from assistant.index.cache import replace_atomically
from assistant.index.store import date_key
from assistant.records import Chunk
from assistant.text.stems import tokens

K1, B = 1.5, 0.75
EMPTY = "\u2205"  # the one token of a chunk with none left: bm25s counts such a chunk with length 1
FILES = ("keyword-index.json", "keyword-counts.npz")


def text_hash(c: Chunk) -> str:
    """What the keyword index of a chunk depends on: its embedded text and the language it is stemmed in."""
    return hashlib.sha1(f"{c.language}\x00{c.embed_text}".encode("utf-8")).hexdigest()[:16]


class KeywordIndex:
    """BM25 over chunks: one row per chunk (id, text hash, date key, length) and its term counts (CSR)."""

    def __init__(self, chunks: Iterable[Chunk] = ()) -> None:
        self.vocab: dict[str, int] = {}
        self.chunk_ids: list[str] = []
        self.hashes: list[str] = []
        rows = list(chunks)
        self._set(*self._rows(rows), [c.chunk_id for c in rows], [text_hash(c) for c in rows])
        self.key: str | None = None
        self.stemmed = len(rows)  # chunks stemmed to make this index (`updated`: only the new ones)

    # Building -------------------------------------------------------------------------------------
    def _rows(self, chunks: list[Chunk]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Stem `chunks` into CSR parts (indptr, term ids, counts) and their date keys; new terms join the vocab."""
        indptr, terms, counts = [0], [], []
        for c in chunks:
            bag: dict[int, int] = {}
            for t in tokens(c.embed_text, c.language) or [EMPTY]:
                tid = self.vocab.setdefault(t, len(self.vocab))
                bag[tid] = bag.get(tid, 0) + 1
            terms.extend(bag)
            counts.extend(bag.values())
            indptr.append(len(terms))
        return (np.asarray(indptr, dtype=np.int64), np.asarray(terms, dtype=np.int32),
                np.asarray(counts, dtype=np.float32), np.asarray([date_key(c.published) for c in chunks], dtype=np.int32))

    def _set(self, indptr: np.ndarray, terms: np.ndarray, counts: np.ndarray, dates: np.ndarray,
             ids: list[str], hashes: list[str]) -> None:
        from scipy.sparse import csr_matrix

        self.chunk_ids, self.hashes, self.dates = ids, hashes, dates
        by_row = csr_matrix((counts, terms, indptr), shape=(len(ids), max(len(self.vocab), 1)))
        self.lengths = np.asarray(by_row.sum(axis=1)).ravel().astype(np.float32)
        # Only the postings (the rows of each term) are kept: a query reads them; `counts` derives the rows back.
        by_term = by_row.tocsc()
        self._postings = by_term
        n = len(ids)
        df = np.diff(by_term.indptr).astype(np.float64)
        self._idf = np.log1p((n - df + 0.5) / (df + 0.5)).astype(np.float32)
        self._norm = (K1 * (1 - B + B * self.lengths / (self.lengths.mean() if n else 1.0))).astype(np.float32)
        self._row = {cid: i for i, cid in enumerate(ids)}

    @property
    def counts(self):  # type: ignore[no-untyped-def]
        """The term counts by row (CSR), for an update or a save."""
        return self._postings.tocsr()

    def updated(self, chunks: list[Chunk], hashes: list[str] | None = None) -> KeywordIndex:
        """The index of exactly `chunks`: rows whose text is unchanged are kept as counted, the rest stemmed."""
        hashes = hashes if hashes is not None else [text_hash(c) for c in chunks]
        keep = [self._row[c.chunk_id] for c, h in zip(chunks, hashes)
                if c.chunk_id in self._row and self.hashes[self._row[c.chunk_id]] == h]
        kept = set(keep)
        fresh = [(c, h) for c, h in zip(chunks, hashes)
                 if c.chunk_id not in self._row or self._row[c.chunk_id] not in kept]
        out = KeywordIndex.__new__(KeywordIndex)
        out.vocab = dict(self.vocab)
        old = self.counts[keep] if keep else None
        indptr, terms, counts, dates = out._rows([c for c, _ in fresh])
        if old is not None:
            indptr = np.concatenate([old.indptr, indptr[1:] + old.indptr[-1]])
            terms = np.concatenate([old.indices.astype(np.int32), terms])
            counts = np.concatenate([old.data.astype(np.float32), counts])
            dates = np.concatenate([self.dates[keep], dates])
        ids = [self.chunk_ids[i] for i in keep] + [c.chunk_id for c, _ in fresh]
        all_hashes = [self.hashes[i] for i in keep] + [h for _, h in fresh]
        wanted = [c.chunk_id for c in chunks]
        if ids != wanted:  # rows in the order asked for, so the next process can compare id lists
            from scipy.sparse import csr_matrix

            at = {cid: i for i, cid in enumerate(ids)}
            perm = np.asarray([at[cid] for cid in wanted], dtype=np.int64)
            m = csr_matrix((counts, terms, indptr), shape=(len(ids), max(len(out.vocab), 1)))[perm]
            indptr, terms, counts = m.indptr.astype(np.int64), m.indices.astype(np.int32), m.data.astype(np.float32)
            dates, ids, all_hashes = dates[perm], wanted, [all_hashes[i] for i in perm]
        out._set(indptr, terms, counts, dates, ids, all_hashes)
        out.stemmed = len(fresh)
        return out

    # On disk --------------------------------------------------------------------------------------
    @classmethod
    def cached(cls, folder: Path, key: str | None, ids: list[str] | Iterable[Chunk],
               records: Callable[[], Iterable[Chunk]] | None = None) -> KeywordIndex:
        """The index of build `key` over these chunk ids: loaded from `folder` when saved there for that build,
        else the saved index of an earlier build updated with `records()` (only new or changed chunks are
        stemmed), else built; then saved for the next process (a failed save only costs that)."""
        if not isinstance(ids, list) or (ids and not isinstance(ids[0], str)):
            chunks = list(ids)
            ids, records = [c.chunk_id for c in chunks], (lambda: chunks)
        saved = cls.load(folder)
        if saved is not None and key and saved.key == key and saved.chunk_ids == ids:
            return saved
        chunks = list(records()) if records is not None else []
        index = saved.updated(chunks) if saved is not None else cls(chunks)
        if key and ids:
            try:
                index.save(folder, key)
            except OSError:
                pass
        return index

    @classmethod
    def load(cls, folder: Path) -> KeywordIndex | None:
        """The index saved in `folder` (of whatever build: `key` says which), or None when absent or damaged."""
        meta_path, counts_path = (Path(folder) / f for f in FILES)
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            with np.load(counts_path) as arrays:
                if str(arrays["key"]) != meta["key"]:
                    return None  # the two files of two different saves
                parts = [arrays[k] for k in ("indptr", "terms", "counts", "dates")]
            index = cls.__new__(cls)
            index.vocab = {t: i for i, t in enumerate(meta["vocab"])}
            if len(parts[0]) != len(meta["ids"]) + 1 or len(parts[3]) != len(meta["ids"]):
                return None
            index._set(*parts, list(meta["ids"]), list(meta["hashes"]))
            index.key, index.stemmed = meta["key"], 0
            return index
        except (OSError, ValueError, KeyError, TypeError, IndexError):
            return None

    def save(self, folder: Path, key: str) -> None:
        """Both files carry the key; the counts go first, so a reader sees a matching pair or a stale one."""
        import io

        folder = Path(folder)
        buf = io.BytesIO()
        c = self.counts
        np.savez(buf, key=np.asarray(key), indptr=c.indptr.astype(np.int64), terms=c.indices.astype(np.int32),
                 counts=c.data.astype(np.float32), dates=self.dates)
        replace_atomically(folder / FILES[1], buf.getvalue())
        vocab = sorted(self.vocab, key=self.vocab.__getitem__)
        meta = {"key": key, "ids": self.chunk_ids, "hashes": self.hashes, "vocab": vocab}
        replace_atomically(folder / FILES[0], json.dumps(meta, ensure_ascii=False).encode("utf-8"))
        self.key = key

    # Searching ------------------------------------------------------------------------------------
    def scores(self, query_tokens: tuple[str, ...] | list[str]) -> np.ndarray:
        """BM25 score of every row for these (stemmed) tokens; each distinct token counts once."""
        out = np.zeros(len(self.chunk_ids), dtype=np.float32)
        p = self._postings
        for t in dict.fromkeys(query_tokens):
            tid = self.vocab.get(t)
            if tid is None or tid >= p.shape[1]:
                continue
            lo, hi = p.indptr[tid], p.indptr[tid + 1]
            if lo == hi:
                continue
            rows, tf = p.indices[lo:hi], p.data[lo:hi]
            out[rows] += self._idf[tid] * tf / (tf + self._norm[rows])
        return out

    def search(self, query_tokens: tuple[str, ...], n: int, allowed: set[str] | None = None,
               window: tuple[int, int] | None = None) -> list[tuple[str, float]]:
        """(chunk_id, bm25 score) with score > 0, best first (ties by row), for a Query's tokens; `allowed`
        restricts to some chunk ids, `window` (lo, hi date keys) to the dated chunks published in it."""
        if not self.chunk_ids or n <= 0:
            return []
        scores = self.scores(query_tokens)
        if window is not None:
            lo, hi = window
            scores[(self.dates == 0) | (self.dates < lo) | (self.dates > hi)] = 0.0
        if allowed is not None:
            mask = np.zeros(len(scores), dtype=bool)
            mask[[self._row[c] for c in allowed if c in self._row]] = True
            scores[~mask] = 0.0
        hits = np.flatnonzero(scores > 0)
        if hits.size > n:
            hits = hits[np.argpartition(-scores[hits], n - 1)[:n]]
        hits = hits[np.lexsort((hits, -scores[hits]))]
        return [(self.chunk_ids[int(i)], float(scores[i])) for i in hits]
