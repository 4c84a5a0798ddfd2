"""The one Settings object. Built at the edge (CLI, UI, tests) from `WARTA_*` env vars and passed down;
stages never read the environment themselves."""

from __future__ import annotations

from datetime import date
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
    # Sentence vectors: "separate" embeds every sentence alone and after its predecessor (three passes per
    # chunk); "late" pools them from each chunk's own forward pass (one pass: ~4x faster ingest, but on the
    # seeds' dev set recall@1 0.94 -> 0.89 and citation precision 0.90 -> 0.86, so not the default).
    sentence_vectors: Literal["late", "separate"] = "separate"
    embed_threads: int = 2
    # "int8": dynamic int8 quantisation of the embedder's Linear layers (faster on CPU; bench/quantize.py
    # measures speed and ranking agreement). Recorded in the index: vectors of the two never mix.
    embed_quantize: Literal["none", "int8"] = "none"

    # Generator: "auto" uses the local LLM when llama-cpp-python and the model are present.
    generator: Literal["auto", "llm", "extractive"] = "auto"
    llm_model: str = "qwen2.5-coder-1.5b-instruct-q4_k_m"
    llm_threads: int = 2
    llm_ctx: int = 4096
    llm_max_tokens: int = 320
    llm_temperature: float = 0.1
    # How the LLM answers: "claims" (a JSON object of one-fact claims, each bound to one passage, held to the
    # schema by llama.cpp's grammar; the prose is assembled in code, English claims left in Indonesian are
    # translated one by one: answer.claims, answer.translate) or "prose" (cited sentences, the older path).
    # On answers_dev's tune split (34 questions, one run each) claims took must coverage 0.40 -> 0.56, citation
    # precision 0.88 -> 0.97, language match 0.82 -> 0.97; the answer is slower (p50 23 -> 30 s).
    answer_format: Literal["prose", "claims"] = "claims"

    # Ingest.
    max_file_mb: float = 5.0

    # Questions: longer ones are refused with a message (search.query), before any model sees them: one
    # huge question would hold the shared queue for everyone.
    max_question_chars: int = Field(4000, ge=1)

    # Chunking: sentence-aware, by word count (whitespace words; Indonesian tokenises ~1.4 tokens/word).
    chunk_words: int = 160
    chunk_overlap_sentences: int = 1

    # Retrieval.
    top_k: int = Field(8, ge=1, le=100)  # the default k; a k asked for must be 1-100 too (search.query)
    per_doc_max: int = 3
    # Dense candidates: "exact" scores every chunk vector (index.dense: rows in date order, a date window is a
    # slice); "hnsw" asks Chroma's approximate graph (less memory, recall falls with size: bench/scale.py).
    dense_search: Literal["exact", "hnsw"] = "exact"
    # Exact search on 20k+ rows: a first pass over the vectors' leading dimensions (Matryoshka) picks
    # `dense_rescore` rows that the full vectors rescore; 0 scores the full vectors only.
    dense_prefix_dims: int = Field(256, ge=0)
    dense_rescore: int = Field(1000, ge=1)
    candidates: int = 40  # per retriever, before fusion
    # Fusion (search.hybrid): chunk cosine + w * BM25/best BM25 + w * best-sentence cosine (+ a bonus for the
    # time a question names). Set on the FacQA tuning split; across languages BM25 overlap is noise.
    fusion_keyword_weight: float = 0.3
    fusion_cross_language_keyword_weight: float = 0.0
    fusion_sentence_weight: float = 0.5
    fusion_prefer_bonus: float = 0.05
    # A typed question (how many, when, who/where/which name) whose candidate's best sentence states such a
    # thing beyond the question's own words (text.answer_type): set on the FacQA tuning split.
    fusion_answer_type_bonus: float = 0.04
    # "latest" questions: hits within this much of the best fused score count as relevant and are ordered
    # newest first (search.recency); passages within this much of the best similarity, likewise.
    newest_first_margin: float = 0.15

    # Evidence given to the generator: the best 1-2-sentence windows of the retrieved chunks, not whole chunks.
    evidence_passages: int = 5
    # Refusal (answer.refusal), set on the FacQA tuning split: below this question-to-sentence cosine
    # similarity the corpus is taken not to answer; and one of the top passages must mention at least this
    # share of the question's names and numbers.
    min_similarity: float = 0.33
    min_name_coverage: float = 0.4
    # Citation check: an answer sentence must be at least this close to a sentence of the passage it cites.
    min_support: float = 0.5

    # UI / API.
    host: str = "127.0.0.1"
    port: int = 7860
    username: str | None = None
    password: str | None = None
    # Server hardening (ui/guard.py, ui/login.py; docs/security.md). Requests must name this server: the Host
    # header (and the Origin, when sent) is host:port, a loopback name for it, or one of these extra names
    # (comma-separated, e.g. the machine's LAN name when serving on 0.0.0.0).
    allowed_hosts: str = ""
    # MCP calls must carry this token (`Authorization: Bearer …` or `?token=…` on the MCP URL). Needed for MCP
    # when a login is set; without a login and without a token MCP is open to local clients.
    mcp_token: str | None = None
    # Every request body (uploads included) above this size is refused (413); uploaded files must be named
    # like corpus documents.
    max_upload_mb: float = Field(5.0, gt=0)
    # Wrong logins from one client wait longer and longer before they are answered, up to this many seconds.
    login_max_delay_s: float = Field(30.0, ge=0)

    # Fetching (`warta add URL`, `warta sync`; never at question time): seconds before a request is given up
    # (connect, each read, and the whole download), and how many http(s) redirects are followed. The size
    # limit is max_file_mb, the same as for a file in the corpus folder.
    fetch_timeout_s: float = Field(20.0, gt=0)
    fetch_max_redirects: int = Field(5, ge=0, le=20)
    # "Today" for relative times in questions ("last month", "3 bulan terakhir"): an ISO date for tests and
    # for corpora of old news (WARTA_NOW, `--now`); None: the real today.
    now: date | None = None
    # LLM provider (backends.chat). "local": the GGUF above via llama-cpp-python, nothing leaves the machine.
    # "openai": any OpenAI-compatible server at llm_base_url (llama.cpp's server, vLLM, LM Studio; without a
    # URL, OpenAI's API); "ollama": an Ollama server (default http://127.0.0.1:11434). For both, llm_model is
    # the server's model name, and the question and its passages are sent to that server: the only way a
    # request leaves the machine. A server that fails or does not answer within llm_timeout_s gives the
    # extractive answer with a note; connection failures are retried llm_retries times with backoff.
    llm_provider: Literal["local", "openai", "ollama"] = "local"
    llm_base_url: str | None = None
    llm_api_key: str | None = None
    llm_timeout_s: float = Field(30.0, gt=0)
    llm_retries: int = Field(2, ge=0, le=10)
    # Briefings (answer/brief). An article is on topic when its best sentence is this close to a part of
    # the topic and within the margin of that part's best article (relevance, never a count); its sentences
    # within the sentence margin of its best one are its points. A sector must be named this often (or in
    # the title). Near-duplicate sentences across articles (cosine >= brief_duplicate) are one development.
    brief_min_relevance: float = 0.33
    brief_doc_margin: float = 0.2
    brief_sentence_margin: float = 0.15
    brief_points_per_article: int = Field(3, ge=1)
    brief_sector_mentions: int = Field(2, ge=1)
    brief_max_points: int = Field(8, ge=1)
    brief_duplicate: float = 0.85
    brief_diversity: float = 0.5  # key points: score - this x likeness to the points already chosen
    brief_llm_max_tokens: int = Field(400, ge=32)

    def public_dict(self) -> dict[str, object]:
        """Effective values, with secrets masked."""
        data = self.model_dump(mode="json")
        for secret in ("password", "mcp_token", "llm_api_key"):
            if data.get(secret):
                data[secret] = "***"
        return data

    def llm_endpoint(self) -> str | None:
        """Where questions go when a remote LLM provider is configured (None: the local model, offline)."""
        if self.llm_provider == "openai":
            return self.llm_base_url or "https://api.openai.com/v1"
        if self.llm_provider == "ollama":
            return self.llm_base_url or "http://127.0.0.1:11434"
        return None
