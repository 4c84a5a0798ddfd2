"""Warta: the one object the CLI, the UI and the API call. It wires the stages together.

    warta = Warta(Settings())
    warta.index()                      -> IndexReport   (incremental; never embeds unchanged text)
    warta.search("question")           -> SearchResult  (hybrid: dense + BM25, fused by rank)
    warta.ask("question")              -> Answer        (cited, checked, or refused)
    warta.ask_stream("question")       -> Iterator[AskEvent]  (status, evidence, tokens, final Answer)
    warta.documents()                  -> list[DocInfo]

Backends (embedder, LLM) are created lazily from settings, or injected (tests, benchmarks).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

from assistant.answer import stream as answer_stage
from assistant.text import dates
from assistant.text import language as langid
from assistant.backends.embed import Embedder, make_embedder
from assistant.answer.generators import Generator, make_generator
from assistant.index.build import IndexMismatch, Indexer
from assistant.records import Answer, AskEvent, DocInfo, IndexReport, Lang, SearchResult
from assistant.search.hybrid import Retriever
from assistant.settings import Settings

__all__ = ["Warta", "IndexMismatch"]


class Warta:
    def __init__(self, settings: Settings | None = None, embedder: Embedder | None = None,
                 generator: Generator | None = None) -> None:
        self.settings = settings or Settings()
        self._embedder = embedder
        self._generator = generator
        self._indexer: Indexer | None = None
        self._retriever: Retriever | None = None
        # One question at a time through the LLM, and never while indexing: on 2 cores both collapse.
        # A plain Lock: a streamed answer may be resumed and closed on another thread than it started on.
        self._lock = threading.Lock()

    # Lazily built parts -------------------------------------------------------------------------
    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = make_embedder(self.settings)
        return self._embedder

    @property
    def generator(self) -> Generator:
        if self._generator is None:
            self._generator = make_generator(self.settings)
        return self._generator

    @property
    def indexer(self) -> Indexer:
        if self._indexer is None:
            self._indexer = Indexer(self.settings, lambda: self.embedder)
        return self._indexer

    @property
    def retriever(self) -> Retriever:
        if self._retriever is None:
            self.indexer.check_compatible()
            self._retriever = Retriever(self.settings, self.indexer.store, self.embedder)
        return self._retriever

    # Operations ---------------------------------------------------------------------------------
    def index(self, rebuild: bool = False, progress: bool = True, corpus_dir: Path | None = None) -> IndexReport:
        with self._lock:
            report = self.indexer.run(rebuild=rebuild, progress=progress, corpus_dir=corpus_dir)
            self._retriever = None  # keyword index and caches follow the new contents
            return report

    def search(self, question: str, k: int | None = None, date_from: str | None = None,
               date_to: str | None = None) -> SearchResult:
        question = question.strip()
        if not question:
            raise ValueError("empty question")
        prefer = dates.year_range(question)
        return self.retriever.search(question, k or self.settings.top_k, date_from, date_to, prefer)

    def detect_language(self, question: str, fallback: Lang = "en") -> Lang:
        lang, confidence = langid.detect(question, fallback=fallback)
        return lang if confidence >= 0.6 else fallback

    def ask_stream(self, question: str, language: Lang | None = None, fallback: Lang = "en") -> Iterator[AskEvent]:
        """Stream an answer. `language` forces the answer language; otherwise it is detected from the
        question, falling back to `fallback` (the UI language or the previous turn's) on low confidence."""
        started = time.perf_counter()
        question = question.strip()
        if not question:
            raise ValueError("empty question")
        lang = language or self.detect_language(question, fallback)
        yield AskEvent(kind="status", status="searching")
        result = self.search(question)
        with self._lock:
            yield from answer_stage.answer_stream(question, lang, result, self.indexer.store, self.embedder,
                                                  self.generator, self.settings, started)

    def ask(self, question: str, language: Lang | None = None, fallback: Lang = "en") -> Answer:
        final: Answer | None = None
        for event in self.ask_stream(question, language, fallback):
            if event.kind == "answer":
                final = event.answer
        assert final is not None, "answer stream ended without an answer"
        return final

    def documents(self) -> list[DocInfo]:
        return self.indexer.documents()
