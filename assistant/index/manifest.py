"""The index describes itself: `warta-index.json` records the format, the settings it was built with and
the documents it holds. Readers check it before trusting the vectors; the builder writes it last.

Contract: `check_compatible(folder, settings)` raises NotIndexed for a missing index and IndexMismatch
(which offers a rebuild) for one built with other settings; `documents(folder)` lists what was indexed.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

from assistant.errors import IndexMismatch, NotIndexed, UnknownDocument
from assistant.records import Chunk, DocInfo, Document, NearCopy, ReportedBy
from assistant.settings import Settings

FORMAT = 5  # bump when cleaning, splitting or stored fields change: old indexes then ask for a rebuild
MANIFEST = "warta-index.json"


def expected_meta(settings: Settings) -> dict[str, Any]:
    """What an index must have been built with to be read with these settings."""
    s = settings
    return {"format": FORMAT, "embed_model": s.embed_model, "embed_dim": s.embed_dim,
            "chunk_words": s.chunk_words, "chunk_overlap_sentences": s.chunk_overlap_sentences,
            "sentence_vectors": s.sentence_vectors, "embed_quantize": s.embed_quantize}


# What an index built before a setting existed was built with: such an index stays readable.
BUILT_BEFORE = {"embed_quantize": "none"}


def read(folder: Path) -> dict[str, Any] | None:
    path = Path(folder) / MANIFEST
    if not path.is_file():
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def check_compatible(folder: Path, settings: Settings) -> None:
    manifest = read(folder)
    if manifest is None:
        raise NotIndexed(f"no index in {folder}. Run: warta index")
    built = manifest.get("meta", {})
    wanted = expected_meta(settings)
    had = {k: built.get(k, BUILT_BEFORE.get(k)) for k in wanted}
    diffs = [f"{k}: index has {had[k]!r}, settings say {v!r}" for k, v in wanted.items() if had[k] != v]
    if diffs:
        raise IndexMismatch(f"the index in {folder} was built with other settings ({'; '.join(diffs)}). "
                            "Rebuild it with: warta index --rebuild")


def documents(folder: Path, data: dict[str, Any] | None = None) -> list[DocInfo]:
    """The canonical documents, each with its copies (`reported_by`), by doc id."""
    data = data if data is not None else (read(folder) or {})
    copies = reported_by(data)
    return [DocInfo(doc_id=k, title=v["title"], published=v.get("published"), source=v.get("source"),
                    language=v.get("language", "id"), chunks=int(v.get("chunks", 0)), copies=copies.get(k, ()),
                    path=str(v.get("path") or ""), format=v.get("format", "text"), url=v.get("url"))
            for k, v in sorted(data.get("documents", {}).items())]


def reported_by(data: dict[str, Any]) -> dict[str, tuple[ReportedBy, ...]]:
    """canonical doc id -> its copies (index.syndication), earliest first, from a read manifest."""
    out: dict[str, list[ReportedBy]] = {}
    for k, v in data.get("copies", {}).items():
        out.setdefault(v["canonical"], []).append(ReportedBy(doc_id=k, title=v["title"], published=v.get("published"),
                                                             source=v.get("source"), chunks=int(v.get("chunks", 0))))
    return {k: tuple(sorted(v, key=lambda r: (r.published is None, r.published or "", r.doc_id)))
            for k, v in out.items()}


def _entry(d: Document, chunks: int) -> dict[str, Any]:
    return {"title": d.title, "published": d.published, "source": d.source, "byline": d.byline,
            "language": d.language, "chunks": chunks, "path": d.path, "format": d.format, "url": d.url}


def write(folder: Path, settings: Settings, docs: list[Document], chunks: list[Chunk],
          copies: dict[str, NearCopy] | None = None) -> None:
    """Atomically: a reader sees the old manifest or the new one, never half of one. `docs` are all the
    documents read; those in `copies` (index.syndication) are listed under "copies", with their canonical."""
    counts: dict[str, int] = {}
    for c in chunks:
        counts[c.doc_id] = counts.get(c.doc_id, 0) + 1
    copies = copies or {}
    data = {
        "meta": expected_meta(settings),
        "built": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "chunks": len(chunks),
        "documents": {d.doc_id: _entry(d, counts.get(d.doc_id, 0)) for d in docs if d.doc_id not in copies},
        "copies": {d.doc_id: {**_entry(d, counts.get(d.doc_id, 0)), "canonical": copies[d.doc_id].canonical,
                              "similarity": copies[d.doc_id].similarity}
                   for d in docs if d.doc_id in copies},
    }
    tmp = Path(folder) / (MANIFEST + ".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, Path(folder) / MANIFEST)


def remove(folder: Path) -> None:
    (Path(folder) / MANIFEST).unlink(missing_ok=True)


def own_file(folder: Path, doc_id: str) -> Path:
    """The corpus file a document (or a syndicated copy) was read from, when that file holds only it.
    UnknownDocument when no indexed document has the id, or when its file holds others too (a feed)."""
    data = read(folder) or {}
    entries = {**data.get("documents", {}), **data.get("copies", {})}
    if doc_id not in entries:
        raise UnknownDocument(f"no indexed document has the id {doc_id!r}; `warta docs` lists them")
    path = str(entries[doc_id].get("path") or "")
    sharing = sorted(k for k, v in entries.items() if k != doc_id and v.get("path") == path)
    if not path or sharing:
        raise UnknownDocument(f"{doc_id!r} is not a file of its own (its file {path or '?'} also holds "
                              f"{', '.join(sharing[:3]) or 'nothing known'}); remove the file instead")
    return Path(path)
