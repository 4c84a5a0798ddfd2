"""Warta: the one object the CLI, the UI and the API call. It wires the stages together.

    warta = Warta(Settings())
    warta.index()                      -> IndexReport   (incremental; never embeds unchanged text)
    warta.search("question")           -> SearchResult  (hybrid: dense + BM25, fused by rank)
    warta.ask("question")              -> Answer        (cited, checked, or refused)
    warta.ask_stream("question")       -> Iterator[AskEvent]  (status, evidence, tokens, final Answer)
    warta.documents()                  -> list[DocInfo]

The question is read once into a Query (search.query); every later stage reads its fields. Backends
(embedder, LLM) are created lazily from settings, or injected (tests, benchmarks).

One question at a time through the models, and never while indexing: on 2 cores both collapse. The lock
here is that one guard for every entry point (CLI, UI, API, Python). It is a plain Lock, not an RLock: a
streamed answer may be resumed and closed on another thread than it started on.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

from assistant.answer.generators import ExtractiveGenerator, Generator, make_generator
from assistant.answer.stream import answer_stream
from assistant.backends.embed import Embedder, make_embedder
from assistant.index.build import Indexer
from assistant.index.reader import IndexReader
from assistant.records import Answer, AskEvent, DocInfo, IndexReport, Lang, Query, SearchResult, Turn
from assistant.search.evidence import select_evidence
from assistant.search.hybrid import Retriever
from assistant.search.query import detect_language, read_query
from assistant.settings import Settings

__all__ = ["Warta"]


class Warta:
    def __init__(self, settings: Settings | None = None, embedder: Embedder | None = None,
                 generator: Generator | None = None) -> None:
        self.settings = settings or Settings()
        self._embedder = embedder
        self._generator = generator
        self.reader = IndexReader(self.settings)
        self._retriever: Retriever | None = None
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
    def retriever(self) -> Retriever:
        if self._retriever is None:
            self.reader.check()
            self._retriever = Retriever(self.settings, self.reader, self.embedder)
        return self._retriever

    # Operations ---------------------------------------------------------------------------------
    def index(self, rebuild: bool = False, progress: bool = True, corpus_dir: Path | None = None) -> IndexReport:
        with self._lock:
            report = Indexer(self.settings, lambda: self.embedder).run(rebuild=rebuild, progress=progress,
                                                                       corpus_dir=corpus_dir)
            # The keyword index and the store handle follow the new contents.
            self.reader = IndexReader(self.settings)
            self._retriever = None
            return report

    def query(self, question: str, language: Lang | None = None, fallback: Lang = "en", k: int | None = None,
              date_from: str | None = None, date_to: str | None = None, history: tuple[Turn, ...] = ()) -> Query:
        """Read the question once (validates it: EmptyQuestion, …)."""
        return read_query(question, self.settings, language=language, fallback=fallback, k=k,
                          date_from=date_from, date_to=date_to, history=history)

    def search(self, question: str | Query, k: int | None = None, date_from: str | None = None,
               date_to: str | None = None) -> SearchResult:
        query = question if isinstance(question, Query) else self.query(question, k=k, date_from=date_from,
                                                                          date_to=date_to)
        return self.retriever.search(query)

    def detect_language(self, question: str, fallback: Lang = "en") -> Lang:
        return detect_language(question, fallback)

    def ask_stream(self, question: str, language: Lang | None = None, fallback: Lang = "en") -> Iterator[AskEvent]:
        """Stream an answer. `language` forces the answer language; otherwise it is detected from the
        question, falling back to `fallback` (the UI language or the previous turn's) on low confidence."""
        started = time.perf_counter()
        query = self.query(question, language=language, fallback=fallback)
        yield AskEvent(kind="status", status="searching")
        result = self.search(query)
        with self._lock:
            t0 = time.perf_counter()
            evidence = select_evidence(query, result, self.reader, self.embedder, self.settings)
            timings = {"search": result.timings_ms.get("total", 0.0), "evidence": (time.perf_counter() - t0) * 1000}
            yield from answer_stream(query, evidence, self.generator, ExtractiveGenerator(self.settings),
                                     self.embedder, self.settings, started, timings)

    def ask(self, question: str, language: Lang | None = None, fallback: Lang = "en") -> Answer:
        final: Answer | None = None
        for event in self.ask_stream(question, language, fallback):
            if event.kind == "answer":
                final = event.answer
        assert final is not None, "answer stream ended without an answer"
        return final

    def documents(self) -> list[DocInfo]:
        return self.reader.documents()
