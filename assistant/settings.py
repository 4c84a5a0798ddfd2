"""The one Settings object. Built at the edge (CLI, UI, tests) from `WARTA_*` env vars and passed down;
stages never read the environment themselves."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parent.parent


def _default_models_dir() -> Path:
    return Path.home() / ".cache" / "warta" / "models"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="WARTA_", extra="ignore")

    # Where things live.
    corpus_dir: Path = REPO_ROOT / "corpus"
    index_dir: Path = REPO_ROOT / "index"
    # None: the prompts installed with the package (the top-level prompts/ folder); a folder overrides them.
    prompts_dir: Path | None = None
    models_dir: Path = Field(default_factory=_default_models_dir)

    # Embedding model: a known model id (fetched by `warta models pull`) or a path to a
    # sentence-transformers folder.
    embed_model: str = "embeddinggemma-300m"
    embed_dim: int = Field(768, description="Matryoshka truncation: 768, 512, 256 or 128")
    embed_batch_size: int = 8
    embed_threads: int = 2

    # Generator: "auto" uses the local LLM when llama-cpp-python and the model are present.
    generator: Literal["auto", "llm", "extractive"] = "auto"
    llm_model: str = "qwen2.5-coder-1.5b-instruct-q4_k_m"
    llm_threads: int = 2
    llm_ctx: int = 4096
    llm_max_tokens: int = 320
    llm_temperature: float = 0.1

    # Ingest.
    max_file_mb: float = 5.0

    # Chunking: sentence-aware, by word count (whitespace words; Indonesian tokenises ~1.4 tokens/word).
    chunk_words: int = 160
    chunk_overlap_sentences: int = 1

    # Retrieval.
    top_k: int = 8
    per_doc_max: int = 3
    candidates: int = 40  # per retriever, before fusion
    rrf_k: int = 60

    # Evidence given to the generator: the best 1-2-sentence windows of the retrieved chunks, not whole chunks.
    evidence_passages: int = 5
    # Refusal: below this question-to-sentence cosine similarity the corpus is taken not to answer.
    min_similarity: float = 0.45
    # Citation check: an answer sentence must be at least this close to a sentence of the passage it cites.
    min_support: float = 0.5

    # UI / API.
    host: str = "127.0.0.1"
    port: int = 7860
    username: str | None = None
    password: str | None = None

    def public_dict(self) -> dict[str, object]:
        """Effective values, with secrets masked."""
        data = self.model_dump(mode="json")
        if data.get("password"):
            data["password"] = "***"
        return data
