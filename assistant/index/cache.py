"""Caches derived from one build of the index, so a new process starts in seconds at 100k chunks: the
chunk table (index.table: Chroma returns records slowly in bulk), the exact-search matrix (index.dense) and
the keyword index (index.keyword). The builder refreshes them after each build (`Indexer.run`), from the
previous ones where it can (only new chunks are stemmed, only new vectors read from the store), so the first
process after `warta add` starts as fast as any other. All live in `<index>/cache/`, are keyed by the build (`cache_key`: the manifest the
builder writes last), are written atomically with per-process temporary names, and are rebuilt from the
store whenever absent, stale or damaged: never trusted over the store.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from assistant.index import manifest

CACHE = "cache"


def cache_key(folder: Path) -> str | None:
    """A fingerprint of the build the index folder holds: the manifest's bytes and modification time (the
    builder replaces the manifest as its last write). None when there is no manifest."""
    path = Path(folder) / manifest.MANIFEST
    try:
        raw = path.read_bytes()
        mtime = path.stat().st_mtime_ns
    except OSError:
        return None
    return hashlib.sha256(raw + str(mtime).encode()).hexdigest()[:24]


def replace_atomically(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that a reader sees the old file or the new one, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


class RowReader:
    """Rows of a 2-D float32 `.npy` file read with pread, for scattered access: a memory map would map whole
    large folios of a file in the page cache on each fault (measured at 100k chunks: one search mapped 291 MB
    of a 300 MB matrix into the process), inflating its resident memory; read calls copy only the rows.
    Consecutive rows are read in one call. Thread-safe (positional reads)."""

    def __init__(self, path: Path) -> None:
        import numpy as np

        with open(path, "rb") as fh:
            version = np.lib.format.read_magic(fh)
            read_header = (np.lib.format.read_array_header_1_0 if version == (1, 0)
                           else np.lib.format.read_array_header_2_0)
            shape, fortran, dtype = read_header(fh)
            self.offset = fh.tell()
        if fortran or len(shape) != 2 or dtype != np.float32:
            raise ValueError(f"{path} is not a C-ordered float32 matrix")
        self.shape = shape
        self.row_bytes = shape[1] * 4
        self.fd = os.open(path, os.O_RDONLY)

    def take(self, rows: object) -> object:
        """The rows at these (sorted or not) indices, in the order given."""
        import numpy as np

        idx = np.asarray(rows, dtype=np.int64)
        out = np.empty((idx.size, self.shape[1]), dtype=np.float32)
        if idx.size == 0:
            return out
        order = np.argsort(idx, kind="stable")
        sorted_idx = idx[order]
        breaks = np.flatnonzero(np.diff(sorted_idx) != 1) + 1
        for run in np.split(np.arange(idx.size), breaks):
            first, n = int(sorted_idx[run[0]]), len(run)
            data = os.pread(self.fd, n * self.row_bytes, self.offset + first * self.row_bytes)
            out[order[run]] = np.frombuffer(data, dtype=np.float32).reshape(n, self.shape[1])
        return out

    def block(self, lo: int, hi: int) -> object:
        """Rows lo..hi-1 in one read."""
        import numpy as np

        data = os.pread(self.fd, (hi - lo) * self.row_bytes, self.offset + lo * self.row_bytes)
        return np.frombuffer(data, dtype=np.float32).reshape(hi - lo, self.shape[1]).copy()

    def close(self) -> None:
        fd, self.fd = self.fd, -1
        if fd >= 0:
            os.close(fd)

    def __del__(self) -> None:  # a matrix of an older build is dropped, not closed: its file goes with it
        try:
            self.close()
        except (OSError, AttributeError):
            pass
