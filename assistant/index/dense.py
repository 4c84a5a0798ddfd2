"""Exact dense search: every chunk vector in one float32 matrix, scored with matrix products.

Why: Chroma's HNSW graph is approximate, and its recall falls with size (bench/scale.py), and a date-filtered
HNSW query is slower and lossier still. Rows are sorted by publication date, so a date window is one
contiguous slice of the matrix (found by binary search), scored alone. Above `PREFIX_MIN_ROWS` rows, a first
pass scores the vectors' leading `prefix_dims` dimensions (the embedder is trained so that a prefix is itself
an embedding: Matryoshka) to pick `rescore` candidates, and the full vectors rescore those: a third of the
memory traffic, with the exact top-k recovered (bench/scale.py measures the recall against the full product).

Contract: `DenseMatrix.top(vector, n, lo, hi)` returns the n best (chunk_id, cosine) pairs, best first,
among the chunks whose date key lies in [lo, hi] (undated chunks, key 0, only when there is no window).
Vectors are unit length (the embedder normalises), so the dot product is the cosine.

The matrix is derived from the Chroma store and cached in the index folder (`cache/dense-*`, memory-mapped:
a process starts without reading it all), keyed by the manifest the builder writes last, so a cache from
another build is never used; each row carries its chunk's content hash, so the next build's matrix reuses
the rows of unchanged chunks (`updated`) and reads only new vectors from the store.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import numpy as np

from assistant.index.cache import CACHE, RowReader
UNDATED = 0
# The first pass over a prefix of the dimensions pays off only on large matrices (bench/scale.py).
PREFIX_MIN_ROWS = 20_000
PREFIX_DIMS = 256
RESCORE = 1000


class DenseMatrix:
    """Chunk ids, their unit vectors (rows), date keys (YYYYMMDD ints, 0 undated) and content hashes, rows in
    (date, id) order."""

    def __init__(self, ids: list[str], vectors: np.ndarray, dates: np.ndarray, hashes: list[str] | None = None,
                 prefix: np.ndarray | None = None, prefix_dims: int = PREFIX_DIMS, rescore: int = RESCORE,
                 ordered: bool = False) -> None:
        if len(ids) != len(vectors) or len(ids) != len(dates) or (hashes is not None and len(hashes) != len(ids)):
            raise ValueError("ids, vectors, dates and hashes must have one entry per chunk")
        dates = np.asarray(dates, dtype=np.int32)
        order = np.lexsort((np.asarray(ids), dates)) if len(ids) and not ordered else None
        if order is not None and not np.array_equal(order, np.arange(len(ids))):
            ids, vectors, dates = [ids[i] for i in order], np.asarray(vectors)[order], dates[order]
            hashes = [hashes[i] for i in order] if hashes is not None else None
            prefix = None
        self.ids, self.vectors, self.dates = ids, vectors, dates
        self.hashes = hashes if hashes is not None else [""] * len(ids)
        self.prefix_dims, self.rescore = prefix_dims, rescore
        dim = vectors.shape[1] if vectors.ndim == 2 else 0
        if prefix is None and len(ids) >= PREFIX_MIN_ROWS and 0 < prefix_dims < dim:
            prefix = _unit(np.asarray(vectors[:, :prefix_dims], dtype=np.float32))
        self.prefix = prefix
        self.row_reader: RowReader | None = None

    def __len__(self) -> int:
        return len(self.ids)

    def vectors_of(self, chunk_ids: list[str]) -> dict[str, np.ndarray]:
        if not hasattr(self, "_row"):
            self._row = {cid: i for i, cid in enumerate(self.ids)}
        found = [cid for cid in chunk_ids if cid in self._row]
        rows = self._take([self._row[cid] for cid in found])
        return {cid: rows[i] for i, cid in enumerate(found)}

    def _take(self, rows: list[int] | np.ndarray) -> np.ndarray:
        if self.row_reader is not None:
            return self.row_reader.take(rows)  # type: ignore[return-value]
        return np.asarray(self.vectors[np.asarray(rows, dtype=np.int64)]).reshape(len(rows), -1)

    def _rows(self, lo: int | None, hi: int | None) -> tuple[int, int]:
        """The slice of rows in the window (undated rows, first in date order, only without one)."""
        if lo is None and hi is None:
            return 0, len(self.ids)
        start = int(np.searchsorted(self.dates, max(lo or 1, 1), side="left"))
        end = int(np.searchsorted(self.dates, hi, side="right")) if hi is not None else len(self.ids)
        return start, max(start, end)

    def top(self, vector: np.ndarray, n: int, lo: int | None = None, hi: int | None = None) -> list[tuple[str, float]]:
        start, end = self._rows(lo, hi)
        size = end - start
        if size <= 0 or n <= 0:
            return []
        q = np.asarray(vector, dtype=np.float32)
        n = min(n, size)
        if self.prefix is not None and size >= PREFIX_MIN_ROWS and self.rescore > n:
            # First pass over the leading dimensions; the full vectors rescore the best `rescore` rows.
            qp = _unit(q[: self.prefix.shape[1]][None, :])[0]
            rough = self.prefix[start:end] @ qp
            keep = np.argpartition(-rough, self.rescore - 1)[: self.rescore]
            rows = np.sort(keep) + start
            scores = self._take(rows) @ q
        else:
            rows = np.arange(start, end)
            scores = np.asarray(self.vectors[start:end]) @ q
        best = np.argpartition(-scores, n - 1)[:n] if n < scores.size else np.arange(scores.size)
        best = best[np.lexsort((rows[best], -scores[best]))]
        return [(self.ids[int(rows[b])], float(scores[b])) for b in best]

    def updated(self, ids: list[str], hashes: list[str], dates: list[int],
                fetch: Callable[[list[str]], dict[str, np.ndarray]]) -> DenseMatrix:
        """The matrix of exactly these chunks: rows whose chunk id and content hash are unchanged are kept,
        the other vectors come from `fetch` (the store)."""
        if not hasattr(self, "_row"):
            self._row = {cid: i for i, cid in enumerate(self.ids)}
        keep = {cid: self._row[cid] for cid, h in zip(ids, hashes)
                if cid in self._row and h and self.hashes[self._row[cid]] == h}
        fetched = fetch([cid for cid in ids if cid not in keep])
        dim = self.vectors.shape[1] if len(self.ids) else next((len(v) for v in fetched.values()), 0)
        matrix = np.empty((len(ids), dim), dtype=np.float32)
        kept_rows = [i for i, cid in enumerate(ids) if cid in keep]
        if kept_rows:
            matrix[kept_rows] = np.asarray(self.vectors[[keep[ids[i]] for i in kept_rows]])
        for i, cid in enumerate(ids):
            if cid not in keep:
                if cid not in fetched:
                    raise ValueError(f"the store holds no vector for chunk {cid}")
                matrix[i] = fetched[cid]
        return DenseMatrix(list(ids), matrix, np.asarray(dates, dtype=np.int32), list(hashes),
                           prefix_dims=self.prefix_dims, rescore=self.rescore)

    # The on-disk cache -------------------------------------------------------------------------
    @staticmethod
    def _paths(folder: Path) -> tuple[Path, Path, Path]:
        root = Path(folder) / CACHE
        return root / "dense-vectors.npy", root / "dense-prefix.npy", root / "dense-index.json"

    @classmethod
    def load(cls, folder: Path, key: str | None = None, prefix_dims: int = PREFIX_DIMS,
             rescore: int = RESCORE) -> DenseMatrix | None:
        """The cached matrix, memory-mapped: of build `key` (any build when None, for `updated`); None when
        absent, stale or unreadable."""
        vec_path, prefix_path, meta_path = cls._paths(folder)
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            if key is not None and meta.get("key") != key:
                return None
            vectors = np.load(vec_path, mmap_mode="r")
            if vectors.shape[0] != len(meta["ids"]) or meta.get("rows") != vectors.shape[0]:
                return None
            prefix = None
            if meta.get("prefix_dims") == prefix_dims and prefix_path.is_file():
                prefix = np.load(prefix_path, mmap_mode="r")
                if prefix.shape != (vectors.shape[0], prefix_dims):
                    prefix = None
            hashes = meta.get("hashes") or None
            matrix = cls(list(meta["ids"]), vectors, np.asarray(meta["dates"], dtype=np.int32), hashes, prefix,
                         prefix_dims, rescore, ordered=True)
            matrix.key = meta.get("key")
            matrix.row_reader = RowReader(vec_path)  # scattered rows by read calls, not page faults
            return matrix
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def save(self, folder: Path, key: str) -> None:
        """Write the cache: the arrays first, the key file last (a reader that sees the key sees its arrays);
        temporary names per process, so two processes building the same cache do not collide."""
        vec_path, prefix_path, meta_path = self._paths(folder)
        vec_path.parent.mkdir(parents=True, exist_ok=True)
        tag = f".{os.getpid()}.tmp"
        arrays = [(vec_path, self.vectors)] + ([(prefix_path, self.prefix)] if self.prefix is not None else [])
        temps = []
        for path, array in arrays:
            tmp = path.with_name(path.name + tag)
            with open(tmp, "wb") as fh:
                np.save(fh, np.ascontiguousarray(array, dtype=np.float32))
            temps.append((tmp, path))
        meta = {"key": key, "rows": len(self.ids), "ids": self.ids, "dates": [int(d) for d in self.dates],
                "hashes": self.hashes, "prefix_dims": self.prefix.shape[1] if self.prefix is not None else 0}
        tmp_meta = meta_path.with_name(meta_path.name + tag)
        tmp_meta.write_text(json.dumps(meta), encoding="utf-8")
        meta_path.unlink(missing_ok=True)  # no reader pairs the new vectors with the old key
        for tmp, path in temps:
            os.replace(tmp, path)
        os.replace(tmp_meta, meta_path)
        self.key = key


def _unit(m: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    return (m / np.where(norms == 0, 1, norms)).astype(np.float32)
