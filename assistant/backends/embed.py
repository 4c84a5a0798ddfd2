"""Embedding backends behind one small Protocol. sentence-transformers is imported only here.

Contract: `encode_documents(texts)` and `encode_query(text)` return L2-normalised float32 vectors of
`dim` dimensions, so a dot product is the cosine similarity. Queries and documents use the model's own
prompts (EmbeddingGemma has built-in "query" / "document" prompts).
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Protocol

import numpy as np

from assistant.backends.model_files import resolve
from assistant.settings import Settings


class Embedder(Protocol):
    name: str
    dim: int

    def encode_documents(self, texts: list[str]) -> np.ndarray: ...

    def encode_query(self, text: str) -> np.ndarray: ...


class SentenceTransformerEmbedder:
    """A local sentence-transformers model folder, on the CPU."""

    def __init__(self, path: str, dim: int, batch_size: int = 8, threads: int = 2, name: str | None = None) -> None:
        import torch
        import transformers
        from sentence_transformers import SentenceTransformer

        transformers.utils.logging.disable_progress_bar()

        torch.set_num_threads(max(1, threads))
        self.model = SentenceTransformer(path, device="cpu", truncate_dim=dim, local_files_only=True)
        self.name = name or path
        self.dim = dim
        self.batch_size = batch_size
        prompts = getattr(self.model, "prompts", {}) or {}
        self._has_prompts = "query" in prompts and "document" in prompts
        self._query_cache: OrderedDict[str, np.ndarray] = OrderedDict()

    def encode_documents(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        kwargs = {"batch_size": self.batch_size, "normalize_embeddings": True, "convert_to_numpy": True,
                  "show_progress_bar": False}
        if self._has_prompts:
            vectors = self.model.encode_document(texts, **kwargs)
        else:
            vectors = self.model.encode(texts, **kwargs)
        return np.asarray(vectors, dtype=np.float32)

    def encode_query(self, text: str) -> np.ndarray:
        # The UI asks search then ask for the same question; the vector is reused.
        if text in self._query_cache:
            self._query_cache.move_to_end(text)
            return self._query_cache[text]
        kwargs = {"normalize_embeddings": True, "convert_to_numpy": True, "show_progress_bar": False}
        if self._has_prompts:
            vector = self.model.encode_query([text], **kwargs)[0]
        else:
            vector = self.model.encode([text], **kwargs)[0]
        vector = np.asarray(vector, dtype=np.float32)
        self._query_cache[text] = vector
        if len(self._query_cache) > 256:
            self._query_cache.popitem(last=False)
        return vector


def make_embedder(settings: Settings) -> Embedder:
    path = resolve(settings.models_dir, settings.embed_model)
    return SentenceTransformerEmbedder(str(path), settings.embed_dim, settings.embed_batch_size,
                                       settings.embed_threads, name=settings.embed_model)
