"""Exact dense search: every chunk vector in one float32 matrix, scored with one matrix product.

Why: Chroma's HNSW graph is approximate, and its recall falls with size (bench/scale.py: at 100k chunks it
returned a fraction of the exact top-40), and a date-filtered HNSW query is slower and lossier still. A
matrix product over 100k x 768 float32 takes a few tens of milliseconds on two cores and is exact, with or
without a date window: the window is a mask over a parallel array of publication dates.

Contract: `DenseMatrix.top(vector, n, lo, hi)` returns the n best (chunk_id, cosine) pairs, best first,
among the chunks whose date key lies in [lo, hi] (undated chunks, key 0, only when there is no window).
Vectors are unit length (the embedder normalises), so the dot product is the cosine.

The matrix is derived from the Chroma store and cached in the index folder (`cache/dense-*.npy`, memory-
mapped: a process starts without reading it all), keyed by the manifest the builder writes last, so a cache
from another build is never used; a missing or stale cache is rebuilt from the store, written atomically.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np

from assistant.index.cache import CACHE
UNDATED = 0


class DenseMatrix:
    """Chunk ids, their unit vectors (rows) and their date keys (YYYYMMDD ints, 0 undated)."""

    def __init__(self, ids: list[str], vectors: np.ndarray, dates: np.ndarray) -> None:
        if len(ids) != len(vectors) or len(ids) != len(dates):
            raise ValueError("ids, vectors and dates must have one entry per chunk")
        self.ids = ids
        self.vectors = vectors
        self.dates = dates

    def __len__(self) -> int:
        return len(self.ids)

    def vectors_of(self, chunk_ids: list[str]) -> dict[str, np.ndarray]:
        if not hasattr(self, "_row"):
            self._row = {cid: i for i, cid in enumerate(self.ids)}
        return {cid: np.asarray(self.vectors[self._row[cid]]) for cid in chunk_ids if cid in self._row}

    def top(self, vector: np.ndarray, n: int, lo: int | None = None, hi: int | None = None) -> list[tuple[str, float]]:
        if not self.ids or n <= 0:
            return []
        scores = self.vectors @ np.asarray(vector, dtype=np.float32)
        if lo is not None or hi is not None:
            keep = self.dates != UNDATED
            if lo is not None:
                keep &= self.dates >= lo
            if hi is not None:
                keep &= self.dates <= hi
            allowed = np.flatnonzero(keep)
            if allowed.size == 0:
                return []
            scores = scores[allowed]
        else:
            allowed = None
        n = min(n, scores.size)
        best = np.argpartition(-scores, n - 1)[:n] if n < scores.size else np.arange(scores.size)
        best = best[np.argsort(-scores[best], kind="stable")]
        rows = best if allowed is None else allowed[best]
        return [(self.ids[int(r)], float(scores[int(b)])) for r, b in zip(rows, best)]

    # The on-disk cache -------------------------------------------------------------------------
    @staticmethod
    def _paths(folder: Path) -> tuple[Path, Path]:
        root = Path(folder) / CACHE
        return root / "dense-vectors.npy", root / "dense-index.json"

    @classmethod
    def load(cls, folder: Path, key: str) -> DenseMatrix | None:
        """The cached matrix of the build `key`, memory-mapped; None when absent, stale or unreadable."""
        vec_path, meta_path = cls._paths(folder)
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            if meta.get("key") != key:
                return None
            vectors = np.load(vec_path, mmap_mode="r")
            if vectors.shape[0] != len(meta["ids"]) or meta.get("rows") != vectors.shape[0]:
                return None
            return cls(list(meta["ids"]), vectors, np.asarray(meta["dates"], dtype=np.int32))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def save(self, folder: Path, key: str) -> None:
        """Write the cache: the vectors first, the key file last (a reader that sees the key sees its vectors);
        temporary names per process, so two processes building the same cache do not collide."""
        vec_path, meta_path = self._paths(folder)
        vec_path.parent.mkdir(parents=True, exist_ok=True)
        tag = f".{os.getpid()}.tmp"
        tmp_vec = vec_path.with_name(vec_path.name + tag)
        with open(tmp_vec, "wb") as fh:
            np.save(fh, np.ascontiguousarray(self.vectors, dtype=np.float32))
        meta = {"key": key, "rows": len(self.ids), "ids": self.ids, "dates": [int(d) for d in self.dates]}
        tmp_meta = meta_path.with_name(meta_path.name + tag)
        tmp_meta.write_text(json.dumps(meta), encoding="utf-8")
        meta_path.unlink(missing_ok=True)  # no reader pairs the new vectors with the old key
        os.replace(tmp_vec, vec_path)
        os.replace(tmp_meta, meta_path)
