"""The chunk table: every chunk record of one build on disk, read one record at a time.

Why: at 100k chunks, parsing every record into memory takes seconds and hundreds of megabytes, yet a search
reads a few dozen. The table keeps, per chunk, only what ranking needs for all chunks at once (its id,
document, language and date key, as arrays) and the byte offset of its full record in `chunks.jsonl`; a
record is parsed when it is asked for.

Contract: `ChunkTable` is a read-only Mapping chunk_id -> Chunk, in (doc_id, ordinal) order; `language`,
`date` and `doc` are per-chunk lookups without parsing; `rows_in(lo, hi)` gives the rows of a date window.
`write(folder, key, chunks)` stores a table for build `key` (records first, the index file with the key
last, each replaced atomically); `ChunkTable.open(folder, key)` is None when absent, stale or damaged.
"""

from __future__ import annotations

import dataclasses
import json
import os
import threading
from collections.abc import Iterator, Mapping
from pathlib import Path

import numpy as np

from assistant.index.store import date_key
from assistant.records import Chunk

RECORDS = "chunks.jsonl"
INDEX = "chunks-index.json"
_LANGS = ("id", "en", "other")
RECENT = 1024  # parsed records kept
_FIELDS = tuple(f.name for f in dataclasses.fields(Chunk))


def _record(line: bytes) -> Chunk:
    data = json.loads(line)
    # JSON has no tuples: the record's tuple fields come back as lists.
    return Chunk(**{k: tuple(v) if isinstance(v, list) else v for k, v in data.items()})


class ChunkTable(Mapping[str, Chunk]):
    def __init__(self, path: Path, ids: list[str], offsets: np.ndarray, docs: list[str],
                 doc_of: np.ndarray, langs: np.ndarray, dates: np.ndarray, size: int) -> None:
        self.path = path
        self.ids = ids
        self.offsets = offsets
        self.docs = docs
        self.doc_of = doc_of
        self.langs = langs
        self.dates = dates
        self.row = {cid: i for i, cid in enumerate(ids)}
        self.size = size
        self._fd: int | None = None
        self._recent: dict[str, Chunk] = {}
        self._lock = threading.Lock()

    # Mapping ----------------------------------------------------------------------------------
    def __getitem__(self, chunk_id: str) -> Chunk:
        i = self.row[chunk_id]
        with self._lock:  # ranking, evidence and the answer read the same few records, from several threads
            if chunk_id in self._recent:
                return self._recent[chunk_id]
            if self._fd is None:
                raise KeyError(f"{chunk_id}: the chunk table is closed")
        start = int(self.offsets[i])
        end = int(self.offsets[i + 1]) if i + 1 < len(self.offsets) else self.size
        record = _record(os.pread(self._fd, end - start, start))  # positional: no shared file position
        with self._lock:
            self._recent[chunk_id] = record
            if len(self._recent) > RECENT:
                self._recent.pop(next(iter(self._recent)))
        return record

    def __contains__(self, chunk_id: object) -> bool:
        return chunk_id in self.row

    def __iter__(self) -> Iterator[str]:
        return iter(self.ids)

    def __len__(self) -> int:
        return len(self.ids)

    def values(self) -> Iterator[Chunk]:  # type: ignore[override]
        """Every record, streamed from the file in table order (no random reads)."""
        with self._lock:
            if self._fd is None:
                raise ValueError("the chunk table is closed")
            fd = os.dup(self._fd)  # this table's own file, even after the next build replaced the name
        with os.fdopen(fd, "rb") as fh:
            fh.seek(0)
            fh.readline()  # the header
            for line in fh:
                yield _record(line)

    # Per-chunk lookups without parsing -------------------------------------------------------------
    def language(self, chunk_id: str) -> str:
        return _LANGS[int(self.langs[self.row[chunk_id]])]

    def date(self, chunk_id: str) -> int:
        return int(self.dates[self.row[chunk_id]])

    def doc(self, chunk_id: str) -> str:
        return self.docs[int(self.doc_of[self.row[chunk_id]])]

    def rows_in(self, lo: int, hi: int) -> np.ndarray:
        """Rows of the dated chunks with lo <= date key <= hi."""
        return np.flatnonzero((self.dates != 0) & (self.dates >= lo) & (self.dates <= hi))

    def undated_documents(self) -> int:
        return int(np.unique(self.doc_of[self.dates == 0]).size)

    def close(self) -> None:
        with self._lock:
            fd, self._fd = self._fd, None
            self._recent.clear()
        if fd is not None:
            os.close(fd)

    # On disk ----------------------------------------------------------------------------------
    @classmethod
    def open(cls, folder: Path, key: str) -> ChunkTable | None:
        folder = Path(folder)
        try:
            meta = json.loads((folder / INDEX).read_text(encoding="utf-8"))
            if meta.get("key") != key:
                return None
            ids = list(meta["ids"])
            arrays = [np.asarray(meta[k], dtype=t) for k, t in
                      (("offsets", np.int64), ("doc_of", np.int32), ("langs", np.int8), ("dates", np.int32))]
            if any(a.shape != (len(ids),) for a in arrays):
                return None
            path = folder / RECORDS
            # Opened now and held: the next build replaces the file, and this table must keep reading its own.
            fd = os.open(path, os.O_RDONLY)
            try:
                head = os.pread(fd, 4096, 0).split(b"\n", 1)[0]
                if os.fstat(fd).st_size != meta["size"] or json.loads(head).get("key") != key:
                    os.close(fd)
                    return None  # a truncated file, or one of another build
            except (OSError, ValueError):
                os.close(fd)
                raise
            table = cls(path, ids, arrays[0], list(meta["docs"]), *arrays[1:], int(meta["size"]))
            table._fd = fd
            return table
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None


def write(folder: Path, key: str, chunks: list[Chunk]) -> None:
    """Store the table of build `key`: the records (a header line, then one JSON record per line), then the
    index file naming the key. A reader pairs the two only when both carry the same key."""
    from assistant.index.cache import replace_atomically

    folder = Path(folder)
    ordered = sorted(chunks, key=lambda c: (c.doc_id, c.ordinal))
    header = (json.dumps({"key": key, "count": len(ordered)}) + "\n").encode("utf-8")
    lines = [header]
    offsets: list[int] = []
    at = len(header)
    for c in ordered:
        record = {f: getattr(c, f) for f in _FIELDS}  # not dataclasses.asdict: it deep-copies, 10x slower
        line = (json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
        offsets.append(at)
        at += len(line)
        lines.append(line)
    docs = list(dict.fromkeys(c.doc_id for c in ordered))
    doc_row = {d: i for i, d in enumerate(docs)}
    index = {"key": key, "size": at, "ids": [c.chunk_id for c in ordered], "offsets": offsets, "docs": docs,
             "doc_of": [doc_row[c.doc_id] for c in ordered],
             "langs": [_LANGS.index(c.language) if c.language in _LANGS[:2] else 2 for c in ordered],
             "dates": [date_key(c.published) for c in ordered]}
    replace_atomically(folder / RECORDS, b"".join(lines))
    replace_atomically(folder / INDEX, json.dumps(index, separators=(",", ":")).encode("utf-8"))
