"""Warta's embedder as LangChain `Embeddings`: the same vectors Warta indexes and searches with.

    embeddings = WartaEmbeddings(embedder=warta.embedder)     # or warta.as_embeddings()
    store = Chroma(collection_name="chunks", persist_directory=str(index_dir / "chroma"),
                   embedding_function=embeddings)          # Warta's own index, from langchain-chroma
    store.similarity_search("Apa saja MoU dengan Rusia?", k=3)

Contract: `embed_documents(texts)` is the embedder's `encode_documents` (document prompt), `embed_query`
its `encode_query` (query prompt), as lists of floats: L2-normalised, `embedder.dim` long, so cosine and
dot product agree. A Warta index is searched by LangChain's Chroma with these (collection "chunks", cosine
space), and a store LangChain builds with them holds the vectors Warta would compute for the same texts (a
chunk's indexed text is its title, a blank line and its body: `Chunk.embed_text`).
"""

from __future__ import annotations

from typing import Any

from langchain_core.embeddings import Embeddings

__all__ = ["WartaEmbeddings"]


class WartaEmbeddings(Embeddings):
    def __init__(self, embedder: Any) -> None:
        self.embedder = embedder  # an assistant.backends.embed.Embedder

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [[float(x) for x in row] for row in self.embedder.encode_documents(list(texts))]

    def embed_query(self, text: str) -> list[float]:
        return [float(x) for x in self.embedder.encode_query(text)]
