"""Warta: the one object the CLI, the UI and the API call. It wires the stages together.

    warta = Warta(Settings())
    warta.index()                      -> IndexReport   (incremental; never embeds unchanged text)
    warta.search("question")           -> SearchResult  (hybrid: dense + BM25, fused by rank)
    warta.ask("question")              -> Answer        (cited, checked, or refused)
    warta.ask_stream("question")       -> Iterator[AskEvent]  (status, evidence, tokens, final Answer)
    warta.documents()                  -> list[DocInfo]  (each with its syndicated copies)
    warta.add_files([(name, path)])    -> ([AddedFile], IndexReport)  (uploads: saved safely, then indexed)
    warta.remove(doc_id)               -> (moved-to path, IndexReport)
    warta.brief("topic")               -> Briefing      (cited, dated brief; warta.brief_stream streams it)

The question is read once into a Query (search.query); every later stage reads its fields. Backends
(embedder, LLM) are created lazily from settings, or injected (tests, benchmarks).

One question at a time through the models, and never while indexing: on 2 cores both collapse. The lock
here is that one guard for every entry point (CLI, UI, API, Python). It is a plain Lock, not an RLock: a
streamed answer may be resumed and closed on another thread than it started on.

Every view is current: each search, ask and documents call first compares the index's generation (one stat,
index.reader) with the one its reader was opened at. When another process has changed the index (add,
delete, rebuild), a new reader and Retriever are opened, so a running server answers from the new index
without a restart and never returns a deleted article. The cost of a change is one reload of the chunks and
the keyword index, paid by the first request after it (measured: 0.8 s for 1,000 chunks, 2 s for 5,000). A
request in flight keeps the reader it started with; an old reader is closed when its last request ends.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from assistant.answer.copies import with_copies
from assistant.answer.generators import ExtractiveGenerator, Generator, make_generator
from assistant.answer import timeframe
from assistant.answer.stream import answer_stream
from assistant.backends.embed import Embedder, make_embedder
from assistant.corpus.read import check_folder
from assistant.index.build import Indexer
from assistant.index.reader import Generation, IndexReader, generation
from assistant.chain.pipeline import WartaChain
from assistant.records import (
    AddedFile, Answer, AskEvent, BriefEvent, Briefing, DocInfo, EvidenceSet, IndexReport, Lang, Query, SearchResult, Turn,
)
from assistant.search import followup
from assistant.answer.condense import condense, read_history
from assistant.search.evidence import select_evidence
from assistant.search.hybrid import Retriever
from assistant.search.query import detect_language, read_query
from assistant.settings import Settings

__all__ = ["Warta"]


@dataclass
class _View:
    """One consistent reading of the index: a reader and the Retriever over it, at one generation."""

    generation: Generation
    reader: IndexReader
    retriever: Retriever | None = None
    users: int = 0  # requests in flight on this view
    retired: bool = False  # a newer view exists; close this one when its last request ends


class Warta:
    def __init__(self, settings: Settings | None = None, embedder: Embedder | None = None,
                 generator: Generator | None = None) -> None:
        self.settings = settings or Settings()
        self._embedder = embedder
        self._generator = generator
        self._view: _View | None = None
        self._view_lock = threading.Lock()  # guards _view; held briefly, never while a model runs a request
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

    # The current view of the index --------------------------------------------------------------
    def _fresh_view(self) -> _View:
        """The view at the index's current generation (call with _view_lock held)."""
        now = generation(self.settings.index_dir)
        if self._view is None or self._view.generation != now:
            self._retire()
            self._view = _View(now, IndexReader(self.settings))
        return self._view

    def _retire(self) -> None:
        """Drop the current view (call with _view_lock held); it is closed once no request uses it."""
        view, self._view = self._view, None
        if view is not None:
            view.retired = True
            if view.users == 0:
                view.reader.close()

    @contextmanager
    def _using(self, retriever: bool = True) -> Iterator[_View]:
        """The current view for one request: checked (NotIndexed, IndexMismatch) and, with `retriever`, with
        its Retriever built. The view stays open until the request ends, even if a newer one appears."""
        with self._view_lock:
            view = self._fresh_view()
            if retriever and view.retriever is None:
                view.reader.check()
                view.retriever = Retriever(self.settings, view.reader, self.embedder)
            view.users += 1
        try:
            yield view
        finally:
            with self._view_lock:
                view.users -= 1
                if view.retired and view.users == 0:
                    view.reader.close()

    @property
    def reader(self) -> IndexReader:
        """The current reader (valid until the index changes)."""
        with self._view_lock:
            return self._fresh_view().reader

    @property
    def retriever(self) -> Retriever:
        """The current Retriever (valid until the index changes)."""
        with self._using() as view:
            assert view.retriever is not None
            return view.retriever

    # Operations ---------------------------------------------------------------------------------
    def index(self, rebuild: bool = False, progress: bool = True, corpus_dir: Path | None = None) -> IndexReport:
        """Bring the index up to date with the corpus folder (CorpusMissing, before anything is touched,
        when the folder does not exist)."""
        check_folder(Path(corpus_dir or self.settings.corpus_dir))
        with self._lock:
            with self._view_lock:
                self._retire()  # a rebuild removes the store under an open reader
            indexer = Indexer(self.settings, lambda: self.embedder)
            try:
                return indexer.run(rebuild=rebuild, progress=progress, corpus_dir=corpus_dir)
            finally:
                indexer.close()  # see StoreOwner: an open client would hide later writes
                with self._view_lock:
                    self._retire()  # the next request opens the new contents

    def query(self, question: str, language: Lang | None = None, fallback: Lang = "en", k: int | str | None = None,
              date_from: str | None = None, date_to: str | None = None, history: tuple[Turn, ...] = ()) -> Query:
        """Read the question once; every parameter is checked there (search.query.read_query: EmptyQuestion,
        QuestionTooLong, UnsupportedLanguage, InvalidInput naming the parameter)."""
        return read_query(question, self.settings, language=language, fallback=fallback, k=k,
                          date_from=date_from, date_to=date_to, history=history)

    def search(self, question: str | Query, k: int | str | None = None, date_from: str | None = None,
               date_to: str | None = None) -> SearchResult:
        query = question if isinstance(question, Query) else self.query(question, k=k, date_from=date_from,
                                                                          date_to=date_to)
        with self._using() as view:
            assert view.retriever is not None
            return view.retriever.search(query)

    def detect_language(self, question: str, fallback: Lang = "en") -> Lang:
        return detect_language(question, fallback)

    def ask_stream(self, question: str, language: Lang | None = None, fallback: Lang = "en",
                   history: tuple[Turn, ...] = ()) -> Iterator[AskEvent]:
        """Stream an answer. `language` forces the answer language; otherwise it is detected from the
        question, falling back to `fallback` (the UI language or the previous turn's) on low confidence.
        `history`: the conversation's earlier turns, oldest first. A follow-up is searched as a standalone
        question (answer.condense: by the LLM when it is the generator, else by rules); the "searching" status
        event carries it (`text`), and the Answer records it with the date window it used.

        One pipeline: this runs the ask chain (`self.chain`, assistant.chain.pipeline), whose steps are
        `prepare`, `gather` and `answer_events` below; LangChain users run the same chain."""
        return self.chain.events({"question": question, "language": language, "fallback": fallback,
                                  "history": history})

    def prepare(self, question: str, language: Lang | None = None, fallback: Lang = "en",
                history: tuple[Turn, ...] = ()) -> Query:
        """The chain's first step: the question read once (every check), a follow-up first condensed into a
        standalone question (`Query.text`; `Query.asked` keeps the user's own words)."""
        history = read_history(history, self.settings.max_question_chars)
        if history:
            fallback = detect_language(history[-1].question, fallback)  # the conversation's language
        asked = self.query(question, language=language, fallback=fallback)  # checks the question itself
        standalone = question.strip()
        if history:
            # An LLM generator (an `llm` property or attribute) condenses; the extractive one cannot. The class is
            # asked, not the instance: reading the property would load the model outside the lock.
            condenses = hasattr(type(self.generator), "llm") or "llm" in getattr(self.generator, "__dict__", {})
            with self._lock:  # the LLM, when it condenses, is one of the models (loaded under the lock too)
                llm = getattr(self.generator, "llm", None) if condenses and followup.is_followup(standalone) else None
                standalone = condense(standalone, history, asked.language, self.settings, llm)
            if len(standalone) > self.settings.max_question_chars:
                standalone = asked.text  # a long conversation must not make the question too long to ask
        if standalone == asked.text:
            return asked
        query = self.query(standalone, language=asked.language, fallback=fallback, history=history)
        return replace(query, asked=asked.text)

    def gather(self, query: Query) -> tuple[EvidenceSet, dict[str, float]]:
        """The chain's retrieve step: search, and the evidence for the query, from one view of the index (the
        sentences belong to the chunks that were found), carrying what the answer reports of the search (the
        undated articles a window left out, the syndicated copies of the releases); with the stage timings."""
        with self._using() as view:
            assert view.retriever is not None
            result = view.retriever.search(query)
            reported = view.reader.reported_by()  # syndicated copies of the cited releases
            with self._lock:
                t0 = time.perf_counter()
                evidence = select_evidence(query, result, view.reader, self.embedder, self.settings)
                timings = {"search": result.timings_ms.get("total", 0.0),
                           "evidence": (time.perf_counter() - t0) * 1000}
        return replace(evidence, undated_excluded=result.undated_excluded, reported=reported), timings

    def answer_events(self, query: Query, evidence: EvidenceSet, started: float,
                      timings: dict[str, float]) -> Iterator[AskEvent]:
        """The chain's answer step: generate, check the citations, or refuse (answer.stream), one at a time."""
        with self._lock:
            for event in with_copies(answer_stream(query, evidence, self.generator, ExtractiveGenerator(self.settings),
                                                   self.embedder, self.settings, started, timings), evidence.reported):
                if event.kind == "answer" and event.answer is not None:
                    event = AskEvent(kind="answer", answer=timeframe.frame(
                        event.answer, query.asked or query.text, query.text, query.window, evidence.undated_excluded,
                        query.newest_first, self.settings.prompts_dir))
                yield event

    def ask(self, question: str, language: Lang | None = None, fallback: Lang = "en",
            history: tuple[Turn, ...] = ()) -> Answer:
        final: Answer | None = None
        for event in self.ask_stream(question, language, fallback, history=history):
            if event.kind == "answer":
                final = event.answer
        assert final is not None, "answer stream ended without an answer"
        return final

    def documents(self) -> list[DocInfo]:
        with self._using(retriever=False) as view:
            return view.reader.documents()

    # Managing the corpus (the Corpus tab, `warta remove`) ---------------------------------------
    def add_files(self, files: list[tuple[str, Path]], progress: bool = False) -> tuple[list[AddedFile], IndexReport | None]:
        """Copy offered files (name as given, where the bytes are) into the corpus folder under safe names
        (corpus.manage.add_file: per-file refusals, never an overwrite), then index incrementally. The
        report is None when nothing was saved (nothing to index)."""
        from assistant.corpus.manage import add_file

        folder = Path(self.settings.corpus_dir)
        check_folder(folder)
        results = [add_file(folder, name, Path(path), self.settings.max_upload_mb) for name, path in files]
        if not any(r.doc_id for r in results):
            return results, None
        return results, self.index(progress=progress)

    def remove(self, doc_id: str) -> tuple[Path, IndexReport]:
        """Take a document out of the corpus (its file moves to `<corpus>/.removed/`) and out of the index.
        Removing a release's canonical makes its next copy canonical (the index is rebuilt incrementally).
        UnknownDocument when no indexed document has that id."""
        from assistant.corpus.manage import take_out
        from assistant.index.manifest import own_file

        path = own_file(Path(self.settings.index_dir), doc_id)
        folder = Path(self.settings.corpus_dir)
        check_folder(folder)
        moved = take_out(folder, path) if path.exists() else path
        return moved, self.index(progress=False)

    # LangChain ------------------------------------------------------------------------------------------
    @property
    def chain(self) -> WartaChain:
        """The ask pipeline as an LCEL Runnable (assistant.chain.pipeline): what `ask_stream` runs."""
        if getattr(self, "_chain", None) is None:
            self._chain = WartaChain(self)
        return self._chain

    def as_retriever(self, **kwargs: object):  # type: ignore[no-untyped-def]
        """The hybrid search as a LangChain retriever (k, date_from, date_to: assistant.chain.retriever)."""
        from assistant.chain.retriever import WartaRetriever

        return WartaRetriever(warta=self, **kwargs)

    def as_embeddings(self):  # type: ignore[no-untyped-def]
        """The embedder as LangChain Embeddings: the vectors of this index (assistant.chain.embeddings)."""
        from assistant.chain.embeddings import WartaEmbeddings

        return WartaEmbeddings(self.embedder)

    # Briefings (answer.brief) -------------------------------------------------------------------
    def brief_stream(self, topic: str, language: Lang | None = None, date_from: str | None = None,
                     date_to: str | None = None, generator: str | None = None) -> Iterator[BriefEvent]:
        """Stream a brief on `topic` (answer.brief.build): statuses, sections, LLM text, the final Briefing."""
        from assistant.answer.brief.build import brief_llm, brief_stream

        with self._using() as view:
            assert view.retriever is not None
            with self._lock:
                llm, name = brief_llm(generator, self.settings, self.generator)
                yield from brief_stream(topic, view.retriever, self.embedder, self.settings, language=language,
                                        date_from=date_from, date_to=date_to, llm=llm, llm_name=name)  # type: ignore[arg-type]

    def brief(self, topic: str, language: Lang | None = None, date_from: str | None = None,
              date_to: str | None = None, generator: str | None = None) -> Briefing:
        final: Briefing | None = None
        for event in self.brief_stream(topic, language, date_from, date_to, generator):
            if event.kind == "brief":
                final = event.brief
        assert final is not None, "brief stream ended without a brief"
        return final
