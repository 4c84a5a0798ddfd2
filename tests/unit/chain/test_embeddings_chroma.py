"""WartaEmbeddings gives LangChain the vectors Warta indexes with: a copy of Warta's index is searched from
langchain-chroma's Chroma with the same results as Warta's dense search, and a Chroma store LangChain builds
over the same chunk texts holds the vectors Warta stored (real embedder, real Chroma)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pytest

from assistant.chain import WartaEmbeddings
from conftest import copy_index

pytestmark = [pytest.mark.slow, pytest.mark.skipif(
    importlib.util.find_spec("langchain_chroma") is None,
    reason="langchain-chroma is not installed (it comes with the bench extra: pip install -e '.[bench]')")]

QUESTION = "What did Indonesia sign with Russia?"


def test_the_adapter_returns_the_embedders_vectors(warta) -> None:  # type: ignore[no-untyped-def]
    emb = warta.as_embeddings()
    assert isinstance(emb, WartaEmbeddings)
    texts = ["Indonesia dan Rusia menandatangani nota kesepahaman.", "Two ministers met in Jakarta."]
    assert np.array_equal(np.asarray(emb.embed_documents(texts), dtype=np.float32), warta.embedder.encode_documents(texts))
    assert np.array_equal(np.asarray(emb.embed_query(QUESTION), dtype=np.float32), warta.embedder.encode_query(QUESTION))
    assert len(emb.embed_query(QUESTION)) == warta.embedder.dim


def test_warta_index_from_langchain_chroma_and_back(warta, settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from langchain_chroma import Chroma

    emb = warta.as_embeddings()
    folder = copy_index(settings, tmp_path / "index")
    theirs = Chroma(collection_name="chunks", persist_directory=str(folder / "chroma"), embedding_function=emb,
                    create_collection_if_not_exists=False)
    ours = warta.reader.query(warta.embedder.encode_query(QUESTION), 5)
    found = theirs.similarity_search_with_score(QUESTION, k=5)
    assert [d.id for d, _ in found] == [cid for cid, _ in ours]
    assert [1 - score for _, score in found] == pytest.approx([sim for _, sim in ours], abs=1e-5)
    top = found[0][0]
    assert top.metadata["doc_id"] == top.id.split("#")[0] and top.metadata["title"]

    # Vice versa: LangChain embeds the chunks itself (title, blank line, body: Chunk.embed_text).
    chunks = warta.reader.chunks()
    built = Chroma.from_texts([c.embed_text for c in chunks], emb, ids=[c.chunk_id for c in chunks],
                              metadatas=[{"doc_id": c.doc_id} for c in chunks], collection_name="rebuilt",
                              collection_configuration={"hnsw": {"space": "cosine"}})
    stored = built.get(include=["embeddings"])
    theirs_vectors = dict(zip(stored["ids"], np.asarray(stored["embeddings"], dtype=np.float32)))
    warta_vectors = warta.reader.chunk_vectors([c.chunk_id for c in chunks])
    for cid, vector in warta_vectors.items():
        # Equal up to float noise from batching (padding): cosine 1 to 5 decimals.
        assert float(vector @ theirs_vectors[cid]) == pytest.approx(1.0, abs=1e-5), cid
        assert np.allclose(vector, theirs_vectors[cid], atol=1e-4), cid
    assert [d.id for d in built.similarity_search(QUESTION, k=5)] == [cid for cid, _ in ours]
