"""A brief, built in stages and streamed section by section: topic -> scope -> on-topic articles ->
per-article extracts -> merged, checked sections -> (optionally) the LLM's summary and key points.

Contract of `brief_stream(topic, retriever, embedder, settings, language, date_from, date_to, llm)`:
- the topic and its parameters are checked as a question's are (search.query.read_query: empty, too long,
  unsupported language, bad dates or language), before anything runs;
- yields "status" events ("searching", "extracting", "writing", "checking"), one "section" event per
  finished section (the Briefing so far in `brief`), "token" events while the LLM writes, and exactly one
  final "brief" event;
- with no on-topic article the brief is refused (`refused=True`, no sections), never padded with
  off-topic ones; a part of the topic without coverage is named in `notes`;
- without `llm` (or when it fails, or what it writes does not pass the citation check) the summary and key
  points are the extractive ones, and a note says so when an LLM was asked for. Staged: the LLM only ever
  sees the checked statements (at most three per article), never whole articles, so 50 articles fit.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import replace

from assistant.answer import prompts
from assistant.answer.brief.assemble import assemble
from assistant.answer.brief.check import Sources
from assistant.answer.brief.extract import extract
from assistant.answer.brief.scope import read_scope
from assistant.answer.brief.select import select_articles
from assistant.answer.brief.write import llm_sections
from assistant.backends.embed import Embedder
from assistant.backends.llm import LLM
from assistant.records import BriefEvent, Briefing, BriefSource, Lang
from assistant.search.hybrid import Retriever
from assistant.search.query import read_query
from assistant.settings import Settings

SECTIONS = ("timeline", "actors", "next_steps", "coverage", "sources", "summary", "key_points")


def brief_stream(topic: str, retriever: Retriever, embedder: Embedder, settings: Settings,
                 language: Lang | None = None, date_from: object = None, date_to: object = None,
                 llm: LLM | None = None, llm_name: str = "") -> Iterator[BriefEvent]:
    started = time.perf_counter()
    timings: dict[str, float] = {}
    checked_query = read_query(topic, settings, language=language, date_from=date_from, date_to=date_to)
    lang = checked_query.language
    p = prompts.load(settings.prompts_dir, lang)
    scope = read_scope(checked_query.text, date_from, date_to, lang)
    yield BriefEvent(kind="status", status="searching")
    t0 = time.perf_counter()
    articles, by_part = select_articles(scope, retriever, embedder, settings)
    timings["select"] = (time.perf_counter() - t0) * 1000
    empty = Briefing(topic=checked_query.text, language=lang, parts=tuple(x.label for x in scope.parts),
                     window=scope.window, refused=True, summary=(), key_points=(), timeline=(), actors=(),
                     next_steps=(), coverage=(), sources=(), generator="extractive")
    if not articles:
        timings["total"] = (time.perf_counter() - started) * 1000
        yield BriefEvent(kind="brief", brief=replace(empty, notes=(p.word("brief_refused"),), timings_ms=timings))
        return
    notes = [f"{p.word('brief_no_part')} {label}" for label, docs in by_part.items() if not docs]

    yield BriefEvent(kind="status", status="extracting")
    t0 = time.perf_counter()
    extracts = [extract(a, settings) for a in articles]
    sources = Sources(articles, embedder, settings, checked_query.text)
    sections = assemble(scope, articles, extracts, sources, lang, p, settings)
    listed = tuple(BriefSource(n=sources.n_of[a.doc_id], doc_id=a.doc_id, title=a.title, source=a.source,
                               published=a.published, language=a.language, parts=a.parts,
                               quote=max(a.sentences, key=lambda s: s.relevance).text) for a in articles)
    timings["extract"] = (time.perf_counter() - t0) * 1000
    brief = replace(empty, refused=False, summary=sections.summary, key_points=sections.key_points,
                    timeline=sections.timeline, actors=sections.actors, next_steps=sections.next_steps,
                    coverage=sections.coverage, sources=listed, notes=tuple(notes))
    for name in SECTIONS[:5]:
        yield BriefEvent(kind="section", section=name, brief=brief)

    if llm is not None:
        yield BriefEvent(kind="status", status="writing")
        t0 = time.perf_counter()
        writing = llm_sections(sections, sources, checked_query.text, lang, p, llm, settings)
        while True:
            try:
                piece = next(writing)
            except StopIteration as done:
                written = done.value
                break
            yield BriefEvent(kind="token", text=piece)
        timings["llm"] = (time.perf_counter() - t0) * 1000
        if written is None:
            brief = replace(brief, generator=f"{llm_name} -> extractive", notes=brief.notes + (p.word("brief_llm_failed"),))
        else:
            summary, points = written
            # The coverage sentence (built from the sources' metadata) opens the summary either way.
            brief = replace(brief, summary=sections.summary[:1] + summary, key_points=points, generator=llm_name)
    for name in SECTIONS[5:]:
        yield BriefEvent(kind="section", section=name, brief=brief)
    timings["total"] = (time.perf_counter() - started) * 1000
    yield BriefEvent(kind="brief", brief=replace(brief, timings_ms=timings))
