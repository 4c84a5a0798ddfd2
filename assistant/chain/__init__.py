"""Warta for LangChain (LangChain is imported only in this room and in the LLM adapters of backends/):

- `WartaRetriever`: the hybrid search as a BaseRetriever (chain.retriever);
- `warta_chain` / `WartaChain`: the ask pipeline as an LCEL Runnable, the one the service itself runs
  (chain.pipeline);
- `WartaEmbeddings`: the embedder as LangChain Embeddings, same vectors (chain.embeddings).
"""

from assistant.chain.embeddings import WartaEmbeddings
from assistant.chain.pipeline import WartaChain, warta_chain
from assistant.chain.retriever import WartaRetriever

__all__ = ["WartaChain", "WartaEmbeddings", "WartaRetriever", "warta_chain"]
