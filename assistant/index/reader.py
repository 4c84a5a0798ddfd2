"""The read side of the index: the one handle the service holds for searching.

Contract: `IndexReader(settings)` opens nothing until asked; `check()` raises NotIndexed / IndexMismatch
(see manifest); `table()`, `dense()` and `sentences_of()` read the per-build caches (index.cache: built from the
store when missing), `query()` the store; `documents()`, `reported_by()` and `releases()`
(syndicated copies) read the manifest.
The builder (index.build) owns every write.

Freshness: `generation()` is a cheap fingerprint of the index on disk (one stat of the manifest, which the
builder replaces atomically as its last write, so every add, delete or rebuild changes it; None when there
is no index). A reader shows the store as it was when opened: Chroma keeps the vector index it loaded in
memory, and does not see another process's writes. When the generation changes, the service closes this
reader (`close()`) and opens a new one.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import numpy as np

from assistant.index import manifest
from assistant.index import cache
from assistant.index.cache import cache_key
from assistant.index import table
from assistant.index.dense import DenseMatrix
from assistant.index.sentences import SentenceVectors
from assistant.index.table import ChunkTable
from assistant.index.store import StoredSentence, StoreOwner
from assistant.records import Chunk, DocInfo, ReportedBy
from assistant.settings import Settings

Generation = tuple[int, int, int] | None  # the manifest's (inode, mtime_ns, size); None: no index


def generation(folder: Path) -> Generation:
    """The index folder's generation (see the module docstring). A replaced manifest is a new inode with a
    new mtime, so two builds never share a generation even when they write the same bytes."""
    try:
        st = os.stat(Path(folder) / manifest.MANIFEST)
    except OSError:
        return None
    return (st.st_ino, st.st_mtime_ns, st.st_size)


class IndexReader(StoreOwner):
    def __init__(self, settings: Settings) -> None:
        super().__init__(Path(settings.index_dir))
        self.settings = settings
        self._dense: DenseMatrix | None = None

    def close(self) -> None:
        t, self._table = getattr(self, "_table", None), None
        if t is not None:
            t.close()
        self._sentences = False
        super().close()

    def generation(self) -> Generation:
        return generation(self.folder)

    def check(self) -> None:
        manifest.check_compatible(self.folder, self.settings)

    def documents(self) -> list[DocInfo]:
        return manifest.documents(self.folder)

    def _copies(self) -> dict[str, Any]:
        # The manifest's copies, read once per reader: a reader lives for one generation of the index.
        if getattr(self, "_copies_data", None) is None:
            self._copies_data = {"copies": (manifest.read(self.folder) or {}).get("copies", {})}
        return self._copies_data

    def reported_by(self) -> dict[str, tuple[ReportedBy, ...]]:
        """canonical doc id -> the other outlets' copies of it (index.syndication)."""
        return manifest.reported_by(self._copies())

    def releases(self) -> dict[str, str]:
        """copy doc id -> its canonical's doc id: the documents that are one release."""
        return {k: str(v["canonical"]) for k, v in self._copies()["copies"].items()}

    def chunks(self) -> list[Chunk]:
        """Every chunk record, in (doc_id, ordinal) order."""
        return list(self.table().values())

    def table(self) -> ChunkTable:
        """The chunk table of this build (index.table): the cached one when it belongs to the manifest on disk,
        else written from the store's records (then cached for the next process)."""
        if getattr(self, "_table", None) is None:
            key = cache_key(self.folder)
            self._table = ChunkTable.open(self.folder / cache.CACHE, key) if key else None
            if self._table is None:
                chunks = self.store.all_chunks()
                folder = self.folder / cache.CACHE
                try:
                    table.write(folder, key or "none", chunks)
                    self._table = ChunkTable.open(folder, key or "none")
                except OSError:
                    self._table = None
                if self._table is None:  # a read-only index folder: a table in a private temporary folder
                    import tempfile

                    private = Path(tempfile.mkdtemp(prefix="warta-table-"))
                    table.write(private, "private", chunks)
                    self._table = ChunkTable.open(private, "private")
        assert self._table is not None
        return self._table

    def query(self, vector: np.ndarray, n: int, where: dict[str, Any] | None = None) -> list[tuple[str, float]]:
        return self.store.query(vector, n, where)

    def sentences_of(self, chunk_ids: list[str]) -> list[StoredSentence]:
        """The sentences of these chunks (each chunk's in order, chunks by id): their vectors from this build's
        cache (index.sentences) and texts from the chunk table, else from the store."""
        vectors = self.sentence_vectors()
        if vectors is None:
            return self.store.sentences_of(chunk_ids)
        records = self.table()
        out: list[StoredSentence] = []
        for cid in sorted(set(chunk_ids)):
            if cid not in vectors or cid not in records:
                continue
            own, context = vectors.rows(cid)
            for i, (text, v, c) in enumerate(zip(records[cid].sentences, own, context)):
                out.append(StoredSentence(f"{cid}:{i}", cid, text, v, c))
        return out

    def sentence_vectors(self) -> SentenceVectors | None:
        """The sentence-vector cache of this build: loaded, or exported from the store once and cached; None
        when it cannot be written (a read-only folder: the store answers)."""
        if getattr(self, "_sentences", False) is False:
            key = cache_key(self.folder)
            found = SentenceVectors.load(self.folder, key) if key else None
            if found is None and key:
                try:
                    hashes = self.store.chunk_hashes()
                    ids = self.table().ids
                    found = SentenceVectors.export(ids, [hashes.get(c, "") for c in ids], self.store.sentences_of,
                                                   self.folder, key)
                except (OSError, ValueError):
                    found = None
            self._sentences = found
        return self._sentences

    def chunk_vectors(self, chunk_ids: list[str]) -> dict[str, np.ndarray]:
        return self.store.vectors_by_id("chunks", chunk_ids)

    def dense(self) -> DenseMatrix:
        """The exact-search matrix of this build: the cached one when it belongs to the manifest on disk,
        else exported from the store and cached (index.dense)."""
        if self._dense is None:
            s = self.settings
            key = cache_key(self.folder)
            cached = DenseMatrix.load(self.folder, key, s.dense_prefix_dims, s.dense_rescore) if key else None
            if cached is not None:
                self._dense = cached
            else:
                self._dense = DenseMatrix(*self.store.all_vectors(), prefix_dims=s.dense_prefix_dims,
                                          rescore=s.dense_rescore)
                if key:
                    try:
                        self._dense.save(self.folder, key)
                    except OSError:
                        pass  # a read-only index folder: search still works, the next start exports again
        return self._dense
