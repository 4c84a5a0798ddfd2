"""The vector store: Chroma's PersistentClient in the index folder. chromadb is imported only here.

Three collections: "chunks" (retrieval units), "sentences" (each sentence's own vector, for evidence
selection and the citation check) and "contexts" (the same sentence embedded after its predecessor, so
"Perusahaan ini dikelola oleh pemerintah" is found for "Who runs the company?"). Chroma never embeds: every add passes vectors computed by our Embedder, and collections are
opened with `embedding_function=None`, so a stray text query fails loudly instead of downloading Chroma's
default model.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from assistant.records import Chunk

CHUNKS = "chunks"
SENTENCES = "sentences"
CONTEXTS = "contexts"


def date_key(published: str | None) -> int:
    """YYYYMMDD as an int for range filters; 0 when undated."""
    if not published or len(published) < 10:
        return 0
    return int(published[:10].replace("-", ""))


@dataclass(frozen=True)
class StoredSentence:
    sentence_id: str  # "<chunk_id>:<i>"
    chunk_id: str
    text: str
    vector: np.ndarray  # the sentence alone
    context_vector: np.ndarray  # the sentence after its predecessor (the first sentence: its own vector)


def _chunk_metadata(c: Chunk, content_hash: str) -> dict[str, Any]:
    return {
        "doc_id": c.doc_id,
        "ordinal": c.ordinal,
        "title": c.title,
        "title_derived": c.title_derived,
        "published": c.published or "",
        "date": date_key(c.published),
        "source": c.source or "",
        "language": c.language,
        "hash": content_hash,
        "sentences": json.dumps(list(c.sentences), ensure_ascii=False),
        "flags": _flags_value(c.flags),
    }


def _flags_value(flags: tuple[str, ...]) -> str:
    # Chroma metadata holds scalars only: flags are stored comma-joined ("" for none).
    return ",".join(flags)


def _flags_of(meta: dict[str, Any]) -> tuple[str, ...]:
    # An index built before flags existed has no "flags" key: no flags.
    return tuple(f for f in str(meta.get("flags") or "").split(",") if f)


def _chunk_from(chunk_id: str, text: str, meta: dict[str, Any]) -> Chunk:
    return Chunk(
        chunk_id=chunk_id,
        doc_id=str(meta["doc_id"]),
        ordinal=int(meta["ordinal"]),
        text=text,
        sentences=tuple(json.loads(str(meta["sentences"]))),
        title=str(meta["title"]),
        title_derived=bool(meta.get("title_derived", False)),
        published=str(meta["published"]) or None,
        source=str(meta["source"]) or None,
        language="en" if meta["language"] == "en" else "id",
        flags=_flags_of(meta),
    )


def date_where(date_from: str | None, date_to: str | None) -> dict[str, Any] | None:
    lo = date_key(date_from) if date_from else None
    hi = date_key(date_to) if date_to else None
    if not lo and not hi:
        return None
    # Undated chunks are stored with date 0: a window with only an end must not let them in.
    parts: list[dict[str, Any]] = [{"date": {"$gte": lo or 1}}]
    if hi:
        parts.append({"date": {"$lte": hi}})
    return parts[0] if len(parts) == 1 else {"$and": parts}


class ChromaStore:
    """Chunks and sentences with their vectors, on disk."""

    def __init__(self, path: Path, ef_search: int = 200) -> None:
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        path.mkdir(parents=True, exist_ok=True)
        self.client = chromadb.PersistentClient(path=str(path), settings=ChromaSettings(anonymized_telemetry=False))
        config = {"hnsw": {"space": "cosine", "ef_search": ef_search, "ef_construction": 200}}
        self.chunks = self.client.get_or_create_collection(CHUNKS, embedding_function=None,
                                                           configuration=config)
        self.sentences = self.client.get_or_create_collection(SENTENCES, embedding_function=None,
                                                              configuration=config)
        self.contexts = self.client.get_or_create_collection(CONTEXTS, embedding_function=None,
                                                             configuration=config)

    # Writing ------------------------------------------------------------------------------------
    def upsert_chunks(self, chunks: list[Chunk], hashes: list[str], vectors: np.ndarray) -> None:
        for start in range(0, len(chunks), 1000):
            part = slice(start, start + 1000)
            self.chunks.upsert(
                ids=[c.chunk_id for c in chunks[part]],
                documents=[c.text for c in chunks[part]],
                metadatas=[_chunk_metadata(c, h) for c, h in zip(chunks[part], hashes[part])],
                embeddings=vectors[part],
            )

    def upsert_sentences(self, rows: list[tuple[str, str, str, str, int]], vectors: np.ndarray,
                         context_vectors: np.ndarray) -> None:
        """rows: (sentence_id, chunk_id, doc_id, text, date); one own and one context vector per row."""
        for start in range(0, len(rows), 1000):
            part = rows[start:start + 1000]
            ids = [r[0] for r in part]
            metadatas = [{"chunk_id": r[1], "doc_id": r[2], "date": r[4]} for r in part]
            self.sentences.upsert(ids=ids, documents=[r[3] for r in part], metadatas=metadatas,
                                  embeddings=vectors[start:start + 1000])
            self.contexts.upsert(ids=ids, metadatas=metadatas, embeddings=context_vectors[start:start + 1000])

    def set_flags(self, flags: dict[str, tuple[str, ...]]) -> None:
        """Rewrite the flags of stored chunks (chunk_id -> flags) without touching text or vectors: the
        detection rules changed while the text did not."""
        ids = list(flags)
        for start in range(0, len(ids), 1000):
            part = ids[start:start + 1000]
            self.chunks.update(ids=part, metadatas=[{"flags": _flags_value(flags[i])} for i in part])

    def delete_chunks(self, chunk_ids: list[str]) -> None:
        if not chunk_ids:
            return
        for start in range(0, len(chunk_ids), 1000):
            ids = chunk_ids[start:start + 1000]
            self.chunks.delete(ids=ids)
            self.sentences.delete(where={"chunk_id": {"$in": ids}})
            self.contexts.delete(where={"chunk_id": {"$in": ids}})

    # Reading ------------------------------------------------------------------------------------
    def chunk_hashes(self) -> dict[str, str]:
        """chunk_id -> content hash of everything stored."""
        return {cid: h for cid, (h, _) in self.chunk_states().items()}

    def chunk_states(self) -> dict[str, tuple[str, tuple[str, ...]]]:
        """chunk_id -> (content hash, flags) of everything stored."""
        out: dict[str, tuple[str, tuple[str, ...]]] = {}
        offset = 0
        while True:
            got = self.chunks.get(include=["metadatas"], limit=5000, offset=offset)
            for cid, meta in zip(got["ids"], got["metadatas"] or []):
                out[cid] = (str(meta.get("hash", "")), _flags_of(meta))
            if len(got["ids"]) < 5000:
                return out
            offset += 5000

    def vectors_by_id(self, collection: str, ids: list[str]) -> dict[str, np.ndarray]:
        if not ids:
            return {}
        coll = self.chunks if collection == CHUNKS else self.sentences
        out: dict[str, np.ndarray] = {}
        for start in range(0, len(ids), 1000):
            got = coll.get(ids=ids[start:start + 1000], include=["embeddings"])
            for i, vec in zip(got["ids"], got["embeddings"]):
                out[i] = np.asarray(vec, dtype=np.float32)
        return out

    def all_chunks(self) -> list[Chunk]:
        chunks: list[Chunk] = []
        offset = 0
        while True:
            got = self.chunks.get(include=["documents", "metadatas"], limit=5000, offset=offset)
            for cid, text, meta in zip(got["ids"], got["documents"] or [], got["metadatas"] or []):
                chunks.append(_chunk_from(cid, text, meta))
            if len(got["ids"]) < 5000:
                break
            offset += 5000
        chunks.sort(key=lambda c: (c.doc_id, c.ordinal))
        return chunks

    def count(self) -> int:
        return self.chunks.count()

    def all_vectors(self) -> tuple[list[str], np.ndarray, np.ndarray, list[str]]:
        """Every chunk's id, vector (rows), date key and content hash: the exact search's matrix."""
        ids: list[str] = []
        rows: list[np.ndarray] = []
        dates: list[int] = []
        hashes: list[str] = []
        offset = 0
        while True:
            got = self.chunks.get(include=["embeddings", "metadatas"], limit=5000, offset=offset)
            ids.extend(got["ids"])
            if len(got["ids"]):
                rows.append(np.asarray(got["embeddings"], dtype=np.float32))
            for m in got["metadatas"] or []:
                dates.append(int((m or {}).get("date", 0) or 0))
                hashes.append(str((m or {}).get("hash", "")))
            if len(got["ids"]) < 5000:
                break
            offset += 5000
        dim = rows[0].shape[1] if rows else 0
        matrix = np.concatenate(rows) if rows else np.zeros((0, dim), dtype=np.float32)
        return ids, matrix, np.asarray(dates, dtype=np.int32), hashes

    def query(self, vector: np.ndarray, n: int, where: dict[str, Any] | None = None) -> list[tuple[str, float]]:
        """(chunk_id, cosine similarity), best first."""
        total = self.chunks.count()
        if total == 0:
            return []
        got = self.chunks.query(query_embeddings=[vector], n_results=min(n, total), where=where,
                                include=["distances"])
        return [(cid, 1.0 - float(d)) for cid, d in zip(got["ids"][0], got["distances"][0])]

    def sentences_of(self, chunk_ids: list[str]) -> list[StoredSentence]:
        if not chunk_ids:
            return []
        where = {"chunk_id": {"$in": chunk_ids}}
        got = self.sentences.get(where=where, include=["documents", "metadatas", "embeddings"])
        ctx = self.contexts.get(where=where, include=["embeddings"])
        context_of = {sid: np.asarray(vec, dtype=np.float32) for sid, vec in zip(ctx["ids"], ctx["embeddings"])}
        rows = []
        for sid, text, meta, vec in zip(got["ids"], got["documents"], got["metadatas"], got["embeddings"]):
            own = np.asarray(vec, dtype=np.float32)
            rows.append(StoredSentence(sid, str(meta["chunk_id"]), text, own, context_of.get(sid, own)))
        rows.sort(key=lambda r: (r.chunk_id, int(r.sentence_id.rsplit(":", 1)[1])))
        return rows


class StoreOwner:
    """Opens the index folder's Chroma store on first use and releases it on `close()`.

    Chroma shares one cached system per folder within a process and stops it when its last client closes;
    only then does the next open load the vectors as they are on disk now (another process may have written
    them). So every reader and builder closes its client when done. Idempotent."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self._store: ChromaStore | None = None

    @property
    def store(self) -> ChromaStore:
        if self._store is None:
            self._store = ChromaStore(self.folder / "chroma")
        return self._store

    def close(self) -> None:
        store, self._store = self._store, None
        if store is not None:
            store.client.close()
