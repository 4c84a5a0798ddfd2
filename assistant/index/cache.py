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
