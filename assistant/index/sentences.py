"""Sentence vectors off the store: every chunk's sentence vectors (own and in context) in two memory-mapped
float32 matrices, the rows of one chunk contiguous, so ranking and evidence read a candidate's sentences
without a Chroma query.

Why: every search reads the sentences of ~80 candidate chunks (search.hybrid's best-sentence signal, then
search.evidence). From Chroma that is a metadata-filtered query whose cost and memory grow with the whole
sentence collection (several per chunk: ~1M rows at 100k chunks); here it is a few slices of a file the
operating system pages in as needed.

Contract: `SentenceVectors.rows(chunk_id)` gives (own, context) matrices of that chunk's sentences, in order
(the texts are the chunk's `sentences`, index.table). Like the dense matrix (index.dense) it is derived from
the store, cached per build (`load(folder, key)`, `save`), each chunk's block carrying the chunk's content
hash, so the next build keeps the blocks of unchanged chunks (`updated`) and reads only new ones.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import numpy as np

from assistant.index.cache import CACHE, RowReader
from assistant.index.store import StoredSentence

FILES = ("sentence-vectors.npy", "sentence-contexts.npy", "sentence-index.json")
Fetch = Callable[[list[str]], list[StoredSentence]]
_COPY_ROWS = 65536  # rows copied at a time when a new cache is written: memory stays flat at any size


class SentenceVectors:
    def __init__(self, chunk_ids: list[str], starts: np.ndarray, own: np.ndarray, context: np.ndarray,
                 hashes: list[str]) -> None:
        if len(starts) != len(chunk_ids) + 1 or own.shape != context.shape or int(starts[-1]) != own.shape[0]:
            raise ValueError("one block of rows per chunk, own and context vectors alike")
        self.chunk_ids, self.starts, self.own, self.context, self.hashes = chunk_ids, starts, own, context, hashes
        self._block = {cid: i for i, cid in enumerate(chunk_ids)}
        self.key: str | None = None
        self.readers: tuple[RowReader, RowReader] | None = None

    def __len__(self) -> int:
        return len(self.chunk_ids)

    def __contains__(self, chunk_id: object) -> bool:
        return chunk_id in self._block

    def rows(self, chunk_id: str) -> tuple[np.ndarray, np.ndarray]:
        i = self._block[chunk_id]
        lo, hi = int(self.starts[i]), int(self.starts[i + 1])
        if self.readers is not None:
            return self.readers[0].block(lo, hi), self.readers[1].block(lo, hi)  # type: ignore[return-value]
        return np.asarray(self.own[lo:hi]), np.asarray(self.context[lo:hi])

    @classmethod
    def export(cls, chunk_ids: list[str], hashes: list[str], fetch: Fetch, folder: Path, key: str) -> SentenceVectors:
        """Write the cache of these chunks from the store (`fetch`: store.sentences_of), in batches."""
        return _write(folder, key, chunk_ids, hashes, None, fetch)

    def updated(self, chunk_ids: list[str], hashes: list[str], fetch: Fetch, folder: Path, key: str) -> SentenceVectors:
        """Write the cache of exactly these chunks: blocks whose chunk id and content hash are unchanged are
        copied from this one, the others read from the store (`fetch`)."""
        return _write(folder, key, chunk_ids, hashes, self, fetch)

    @classmethod
    def load(cls, folder: Path, key: str | None = None) -> SentenceVectors | None:
        """The cached vectors, memory-mapped: of build `key` (any build when None); None when absent, stale
        or damaged."""
        own_path, ctx_path, meta_path = _paths(folder)
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            if key is not None and meta.get("key") != key:
                return None
            own, context = np.load(own_path, mmap_mode="r"), np.load(ctx_path, mmap_mode="r")
            out = cls(list(meta["ids"]), np.asarray(meta["starts"], dtype=np.int64), own, context, list(meta["hashes"]))
            if len(out.hashes) != len(out.chunk_ids):
                return None
            out.key = meta.get("key")
            # A search reads the blocks of a few dozen chunks scattered over the files: by read calls, since a
            # memory map would map whole large folios per fault (index.cache.RowReader).
            out.readers = (RowReader(own_path), RowReader(ctx_path))
            return out
        except (OSError, ValueError, KeyError, TypeError):
            return None


def _paths(folder: Path) -> tuple[Path, Path, Path]:
    root = Path(folder) / CACHE
    return root / FILES[0], root / FILES[1], root / FILES[2]


def _write(folder: Path, key: str, chunk_ids: list[str], hashes: list[str], old: SentenceVectors | None,
           fetch: Fetch) -> SentenceVectors:
    """Both matrices written to temporary files block by block (old blocks copied, new ones fetched), then
    the index file with the key last."""
    keep = {} if old is None else {cid: old._block[cid] for cid, h in zip(chunk_ids, hashes)
                                   if cid in old._block and h and old.hashes[old._block[cid]] == h}
    fetched: dict[str, list[StoredSentence]] = {}
    missing = [cid for cid in chunk_ids if cid not in keep]
    for start in range(0, len(missing), 500):
        for row in fetch(missing[start:start + 500]):
            fetched.setdefault(row.chunk_id, []).append(row)
    sizes = []
    for cid in chunk_ids:
        if cid in keep:
            b = keep[cid]
            sizes.append(int(old.starts[b + 1] - old.starts[b]))  # type: ignore[union-attr]
        else:
            sizes.append(len(fetched.get(cid, [])))
    starts = np.concatenate([[0], np.cumsum(sizes, dtype=np.int64)]).astype(np.int64)
    dim = (old.own.shape[1] if old is not None and old.own.shape[0] else
           next((len(r.vector) for rows in fetched.values() for r in rows), 0))
    own_path, ctx_path, meta_path = _paths(folder)
    own_path.parent.mkdir(parents=True, exist_ok=True)
    tag = f".{os.getpid()}.tmp"
    tmp_own, tmp_ctx = own_path.with_name(own_path.name + tag), ctx_path.with_name(ctx_path.name + tag)
    total = int(starts[-1])
    own = np.lib.format.open_memmap(tmp_own, mode="w+", dtype=np.float32, shape=(total, dim))
    ctx = np.lib.format.open_memmap(tmp_ctx, mode="w+", dtype=np.float32, shape=(total, dim))
    # Kept blocks: source row ranges, copied in large slices.
    src: list[np.ndarray] = []
    dst: list[np.ndarray] = []
    for i, cid in enumerate(chunk_ids):
        lo = int(starts[i])
        if cid in keep:
            b = keep[cid]
            n = sizes[i]
            src.append(np.arange(int(old.starts[b]), int(old.starts[b]) + n))  # type: ignore[union-attr]
            dst.append(np.arange(lo, lo + n))
        else:
            rows = sorted(fetched.get(cid, []), key=lambda r: int(r.sentence_id.rsplit(":", 1)[1]))
            for j, r in enumerate(rows):
                own[lo + j] = r.vector
                ctx[lo + j] = r.context_vector
    if src:
        s_all, d_all = np.concatenate(src), np.concatenate(dst)
        for at in range(0, len(s_all), _COPY_ROWS):
            s, d = s_all[at:at + _COPY_ROWS], d_all[at:at + _COPY_ROWS]
            own[d] = old.own[s]  # type: ignore[union-attr]
            ctx[d] = old.context[s]  # type: ignore[union-attr]
    own.flush()
    ctx.flush()
    del own, ctx
    meta = {"key": key, "ids": chunk_ids, "starts": starts.tolist(), "hashes": hashes}
    tmp_meta = meta_path.with_name(meta_path.name + tag)
    tmp_meta.write_text(json.dumps(meta), encoding="utf-8")
    meta_path.unlink(missing_ok=True)  # no reader pairs new matrices with the old key
    os.replace(tmp_own, own_path)
    os.replace(tmp_ctx, ctx_path)
    os.replace(tmp_meta, meta_path)
    loaded = SentenceVectors.load(folder, key)
    if loaded is None:
        raise OSError(f"the sentence vectors just written to {meta_path.parent} cannot be read back")
    return loaded
