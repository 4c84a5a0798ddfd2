"""Caches derived from one build of the index, so a new process starts in seconds at 100k chunks: the
chunk records (Chroma returns them slowly in bulk), the exact-search matrix (index.dense) and the keyword
index (search.bm25). All live in `<index>/cache/`, are keyed by the build (`cache_key`: the manifest the
builder writes last), are written atomically with per-process temporary names, and are rebuilt from the
store whenever absent, stale or damaged: never trusted over the store.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from pathlib import Path

from assistant.index import manifest
from assistant.records import Chunk

CACHE = "cache"
CHUNKS_FILE = "chunks.jsonl"


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


def save_chunks(folder: Path, key: str, chunks: list[Chunk]) -> None:
    """The chunk records of build `key`: a header line with the key and count, then one record per line."""
    lines = [json.dumps({"key": key, "count": len(chunks)})]
    lines += [json.dumps(dataclasses.asdict(c), ensure_ascii=False, separators=(",", ":")) for c in chunks]
    replace_atomically(Path(folder) / CACHE / CHUNKS_FILE, ("\n".join(lines) + "\n").encode("utf-8"))


def load_chunks(folder: Path, key: str) -> list[Chunk] | None:
    """The cached chunk records of build `key`, or None when absent, stale or damaged."""
    try:
        with open(Path(folder) / CACHE / CHUNKS_FILE, encoding="utf-8") as fh:
            head = json.loads(fh.readline())
            if head.get("key") != key:
                return None
            chunks = []
            for line in fh:
                data = json.loads(line)
                # JSON has no tuples: the record's tuple fields come back as lists.
                chunks.append(Chunk(**{k: tuple(v) if isinstance(v, list) else v for k, v in data.items()}))
    except (OSError, ValueError, TypeError, AttributeError):
        return None
    return chunks if len(chunks) == head.get("count") else None
