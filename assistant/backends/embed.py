"""Embedding backends behind one small Protocol. sentence-transformers is imported only here.

Contract: `encode_documents(texts)` and `encode_query(text)` return L2-normalised float32 vectors of
`dim` dimensions, so a dot product is the cosine similarity. Queries and documents use the model's own
prompts (EmbeddingGemma has built-in "query" / "document" prompts).

`encode_spans(texts, spans)` ("late chunking") runs ONE forward pass per text and returns its document
vector plus one vector per character span of it: the span's contextual token states are pooled with the
prompt and special tokens, then go through the model's own head (dense layers, normalisation). A sentence
vector so made knows its article ("Perusahaan ini…" carries which company) and costs no extra pass.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from typing import Protocol

import numpy as np

from assistant.backends.model_files import resolve
from assistant.settings import Settings


class Embedder(Protocol):
    name: str
    dim: int

    def encode_documents(self, texts: list[str]) -> np.ndarray: ...

    def encode_query(self, text: str) -> np.ndarray: ...


class SpanEmbedder(Embedder, Protocol):
    """An embedder that can also pool spans of a document from the document's own forward pass."""

    def encode_spans(self, texts: list[str], spans: Sequence[Sequence[tuple[int, int]]]
                     ) -> tuple[np.ndarray, list[np.ndarray]]: ...


class SentenceTransformerEmbedder:
    """A local sentence-transformers model folder, on the CPU."""

    def __init__(self, path: str, dim: int, batch_size: int = 8, threads: int = 2, name: str | None = None,
                 quantize: str = "none") -> None:
        import torch
        import transformers
        from sentence_transformers import SentenceTransformer

        transformers.utils.logging.disable_progress_bar()

        torch.set_num_threads(max(1, threads))
        self.model = SentenceTransformer(path, device="cpu", truncate_dim=dim, local_files_only=True)
        if quantize == "int8":
            # Linear layers only: weights int8, activations quantised on the fly; same API, CPU only.
            self.model = torch.ao.quantization.quantize_dynamic(self.model, {torch.nn.Linear}, dtype=torch.qint8)
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

    def encode_spans(self, texts: list[str], spans: Sequence[Sequence[tuple[int, int]]]
                     ) -> tuple[np.ndarray, list[np.ndarray]]:
        """Document vectors of `texts` and, per text, one vector per (start, end) character span."""
        import torch

        docs = np.zeros((len(texts), self.dim), dtype=np.float32)
        pooled_spans: list[np.ndarray] = [np.zeros((0, self.dim), dtype=np.float32)] * len(texts)
        prompt = self.model.prompts.get("document", "") if self._has_prompts else ""
        # Length-sorted batches: padding a short text to a long one's length is wasted work.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        tokenizer = self.model.tokenizer
        head = list(self.model)[2:]  # after the Transformer and its Pooling: dense layers, normalisation
        for start in range(0, len(order), self.batch_size):
            batch = order[start:start + self.batch_size]
            enc = tokenizer([prompt + texts[i] for i in batch], return_offsets_mapping=True, padding=True,
                            truncation=True, max_length=self.model.max_seq_length, return_tensors="pt")
            offsets = enc.pop("offset_mapping").numpy()
            mask = enc["attention_mask"].numpy().astype(bool)
            with torch.inference_mode():
                states = self.model[0]({"input_ids": enc["input_ids"], "attention_mask": enc["attention_mask"]})
                tokens = states["token_embeddings"]
                rows: list[torch.Tensor] = []
                counts: list[int] = []
                for b, i in enumerate(batch):
                    live = mask[b]
                    t_start, t_end = offsets[b, :, 0] - len(prompt), offsets[b, :, 1] - len(prompt)
                    # Prompt and special tokens belong to every pooled vector, as when a text is encoded alone.
                    base = live & (t_end <= 0)
                    selections = [live] + [base | (live & (t_start < e) & (t_end > s)) for s, e in spans[i]]
                    weights = torch.tensor(np.stack(selections), dtype=tokens.dtype)
                    rows.append((weights @ tokens[b]) / weights.sum(1, keepdim=True))
                    counts.append(len(selections))
                features = {"sentence_embedding": torch.cat(rows)}
                for module in head:
                    features = module(features)
                vectors = features["sentence_embedding"][:, :self.dim]
                vectors = torch.nn.functional.normalize(vectors, dim=-1).float().numpy()
            at = 0
            for i, n in zip(batch, counts):
                docs[i] = vectors[at]
                pooled_spans[i] = vectors[at + 1:at + n]
                at += n
        return docs, pooled_spans

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
                                       settings.embed_threads, name=settings.embed_model,
                                       quantize=settings.embed_quantize)
