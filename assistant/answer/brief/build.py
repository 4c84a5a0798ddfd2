"""A brief, built in stages and streamed section by section: topic -> scope -> on-topic articles ->
per-article extracts -> merged, checked sections -> (optionally) the LLM's summary and key points.

Contract of `brief_stream(topic, retriever, embedder, settings, language, date_from, date_to, llm)`:
- the topic and its parameters are checked as a question's are (search.query.read_query: empty, too long,
  unsupported language, bad dates or language), before anything runs;
- yields "status" events ("searching", "extracting", "writing"), a "section" event per finished section
  (the Briefing so far in `brief`; sent again when the LLM improves it), "token" events while the LLM
  writes, and exactly one final "brief" event;
- with no on-topic article the brief is refused (`refused=True`, no sections), never padded with
  off-topic ones; a part of the topic without coverage is named in `notes`;
- every section is built extractively first (~0.1 s after retrieval) and sent at once, so the first
  section comes with retrieval; with `llm` (answer.brief.write) the model then writes, within a token budget,
  only what needs it: the key points quoted in another language, translated in small batches (a "key_points"
  section event after each), and the 2-3 sentence summary from the top points (a "summary" event); all of
  it passes the citation check or the extractive text stays. The LLM only ever sees a few checked points,
  never whole articles, so 50 articles fit. A note says when the LLM wrote nothing (`brief_llm_failed`) or
  only part (`brief_llm_partial`); `timings_ms` has "first_section", "llm", "llm_translate", "llm_summary".
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
from assistant.answer.brief.write import llm_write
from assistant.backends.embed import Embedder
from typing import Any

LLM = Any  # a LangChain chat model, or anything with stream_chat (backends.chat.chat_pieces)
from assistant.records import BriefEvent, Briefing, BriefSource, Lang
from assistant.search.hybrid import Retriever
from assistant.search.query import read_query
from assistant.settings import Settings

SECTIONS = ("summary", "key_points", "timeline", "actors", "next_steps", "coverage", "sources")


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
    reader = getattr(retriever, "reader", None)
    reported = reader.reported_by() if hasattr(reader, "reported_by") else {}  # syndicated copies
    sections = assemble(scope, articles, extracts, sources, lang, p, settings, reported,
                        getattr(retriever, "release", {}))
    listed = tuple(BriefSource(n=sources.n_of[a.doc_id], doc_id=a.doc_id, title=a.title, source=a.source,
                               published=a.published, language=a.language, parts=a.parts,
                               quote=max(a.sentences, key=lambda s: s.relevance).text) for a in articles)
    timings["extract"] = (time.perf_counter() - t0) * 1000
    brief = replace(empty, refused=False, summary=sections.summary, key_points=sections.key_points,
                    timeline=sections.timeline, actors=sections.actors, next_steps=sections.next_steps,
                    coverage=sections.coverage, sources=listed, notes=tuple(notes))
    # Every section is ready now, extractively: the reader sees the whole brief at once; the LLM (if any)
    # then rewrites the key points and the summary, each section sent again as it improves.
    timings["first_section"] = (time.perf_counter() - started) * 1000
    for name in SECTIONS:
        yield BriefEvent(kind="section", section=name, brief=brief)

    if llm is not None:
        yield BriefEvent(kind="status", status="writing")
        t0 = time.perf_counter()
        writing = llm_write(sections, sources, checked_query.text, lang, p, llm, settings)
        wrote = summarised = False
        while True:
            try:
                kind, value = next(writing)
            except StopIteration as done:
                usage = done.value
                break
            if kind == "token":
                yield BriefEvent(kind="token", text=value)
                continue
            # The coverage sentence (from the sources' metadata) opens the summary either way; until the
            # model's summary comes, the two leading key points follow it, as written so far.
            if kind == "summary":
                brief = replace(brief, summary=sections.summary[:1] + value)
                wrote = summarised = True
            elif kind == "key_points":
                wrote = wrote or value != sections.key_points
                brief = replace(brief, key_points=value, summary=sections.summary[:1] + value[:2])
            yield BriefEvent(kind="section", section=kind, brief=brief)
        timings["llm"] = (time.perf_counter() - t0) * 1000
        timings.update({"llm_translate": usage.translate_ms, "llm_summary": usage.summary_ms})
        if not wrote:
            brief = replace(brief, generator=f"{llm_name} -> extractive", notes=brief.notes + (p.word("brief_llm_failed"),))
        else:
            brief = replace(brief, generator=llm_name)
            if usage.failed or usage.kept or not summarised:
                brief = replace(brief, notes=brief.notes + (p.word("brief_llm_partial"),))
    timings["total"] = (time.perf_counter() - started) * 1000
    yield BriefEvent(kind="brief", brief=replace(brief, timings_ms=timings))


def brief_llm(generator: str | None, settings: Settings, current: Any) -> tuple[Any, str]:
    """The LLM a brief uses (None: extractive) and its label: `generator` ("auto", "llm", "extractive")
    overrides the settings' choice; `current` is the service's generator, reused when it is the one asked."""
    from assistant.answer.generators import make_generator
    from assistant.errors import InvalidInput

    if generator not in (None, "auto", "llm", "extractive"):
        raise InvalidInput(f'generator must be "auto", "llm" or "extractive", not {generator!r}')
    if generator == "extractive":
        return None, "extractive"
    chosen = current if generator is None or generator == settings.generator else \
        make_generator(settings.model_copy(update={"generator": generator}))
    llm = getattr(chosen, "llm", None)
    return (llm, chosen.name) if llm is not None else (None, "extractive")
