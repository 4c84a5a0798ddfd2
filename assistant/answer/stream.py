"""Answer: retrieved Hits -> a cited, checked Answer in the question's language, or an honest refusal.

Contract of `answer_stream`: yields a "status" event, then an "evidence" event with the numbered passages
(before any generation, so a UI can show sources at once), then "token" events from the generator, then
exactly one final "answer" event. The evidence is the best sentences of the best passages (sentence vectors
come from the index: no embedding at question time but the question and the answer's own sentences). The
answer is refused, with the closest sources, when no sentence is close enough to the question, when a
how-many question meets no quantity, when the question names a country no passage mentions, when the
generator says the passages do not answer, or when no sentence survives the citation check.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator

import numpy as np

from assistant.answer import citations as citation_check
from assistant.text import people as actors
from assistant.text import dates
from assistant.text import gazetteer
from assistant.search import bm25 as keyword
from assistant.answer import prompts as prompt_files
from assistant.backends.embed import Embedder
from assistant.answer.generators import NOT_FOUND, ExtractiveGenerator, Generator
from assistant.records import Answer, AskEvent, Citation, Evidence, Hit, Lang, SearchResult
from assistant.settings import Settings
from assistant.index.store import ChromaStore, StoredSentence

_BRIEFING = re.compile(
    r"\b(brief(?:ing)?|summari[sz]e|summary|overview|timeline|what do the (?:reports|articles|sources) say|"
    r"ringkas(?:an|kan)?|rangkum(?:an|kan)?|linimasa|kronologi|ikhtisar|gambaran umum)\b", re.I)


_QUANTITY_Q = re.compile(r"\b(berapa|how many|how much|jumlah)\b", re.I)
_QUANTITY = re.compile(
    r"\d|\b(satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh|belas|puluh|ratus|ribu|juta|miliar|"
    r"triliun|one|two|three|four|five|six|seven|eight|nine|ten|dozen|hundred|thousand|million|billion)\b", re.I)


def lacks_quantity(question: str, evidence: list[Evidence]) -> bool:
    """A how-many question whose best sentences hold no quantity cannot be answered from them."""
    if not _QUANTITY_Q.search(question):
        return False
    return not any(_QUANTITY.search(ev.best_sentence) for ev in evidence[:2])


def _on_topic(hit: Hit, named: list[frozenset[str]]) -> bool:
    return gazetteer.mentions_all(f"{hit.chunk.title} {hit.chunk.text}", named)


def names_absent_country(question: str, result: SearchResult) -> bool:
    """The question names a country (other than Indonesia) that no retrieved passage mentions."""
    named = gazetteer.partners_in(question)
    return bool(named) and not any(_on_topic(h, named) for h in result.hits)


def is_briefing(question: str) -> bool:
    return bool(_BRIEFING.search(question))


def _lexical_bonus(question_tokens: set[str], sentence: str) -> float:
    overlap = question_tokens & set(keyword.query_tokens(sentence))
    return min(0.08, 0.02 * len(overlap))


def select_evidence(question: str, result: SearchResult, store: ChromaStore, embedder: Embedder,
                    settings: Settings, briefing: bool) -> tuple[list[Evidence], dict[int, np.ndarray]]:
    """Numbered evidence, best first, and each passage's sentence vectors (for the citation check).

    Every sentence of every hit is scored by the better of its own match and its in-context match (the
    sentence after its predecessor); a passage is the best sentence, with its predecessor when the context
    is what matched. The best passages win wherever they sit: one chunk may give several.
    """
    hits = list(result.hits)
    if not hits:
        return [], {}
    q = embedder.encode_query(question)
    q_tokens = set(keyword.query_tokens(question))
    by_chunk: dict[str, list[StoredSentence]] = {}
    for row in store.sentences_of([h.chunk.chunk_id for h in hits]):
        by_chunk.setdefault(row.chunk_id, []).append(row)

    # (score, similarity, hit, window of sentence indexes)
    candidates: list[tuple[float, float, Hit, tuple[int, ...]]] = []
    for hit in hits:
        sents = by_chunk.get(hit.chunk.chunk_id, [])
        for i, sent in enumerate(sents):
            own, ctx = float(sent.vector @ q), float(sent.context_vector @ q)
            window = (i - 1, i) if ctx > own and i > 0 else (i,)
            sim = max(own, ctx)
            # Retrieval rank breaks near-ties: fusion already weighed keyword and dense evidence.
            score = sim + _lexical_bonus(q_tokens, sent.text) + 0.03 / hit.rank
            candidates.append((score, sim, hit, window))
    # Passages about the countries the question names come first (for a briefing: only those, if any).
    named = gazetteer.partners_in(question)
    on_topic = {h.chunk.chunk_id: _on_topic(h, named) for h in hits}
    candidates.sort(key=lambda t: (not on_topic[t[2].chunk.chunk_id], -t[0]))
    if briefing and any(on_topic.values()):
        candidates = [c for c in candidates if on_topic[c[2].chunk.chunk_id]]

    limit = max(settings.evidence_passages, 6) if briefing else settings.evidence_passages
    # Coverage must not drag in off-topic articles: a briefing passage stays near the best match.
    floor = max((c[1] for c in candidates), default=0.0) - 0.2 if briefing else -1.0
    chosen: list[tuple[float, Hit, tuple[int, ...]]] = []
    used_texts: set[str] = set()  # chunks overlap by a sentence: the same text may come from two chunks
    docs: set[str] = set()
    passes = (True, False) if briefing else (False,)
    for one_per_doc in passes:  # a briefing is about coverage: one passage per document first
        for score, sim, hit, window in candidates:
            if len(chosen) >= limit:
                break
            texts = {by_chunk[hit.chunk.chunk_id][i].text for i in window}
            if texts & used_texts or (one_per_doc and hit.chunk.doc_id in docs) or sim < floor:
                continue
            used_texts.update(texts)
            docs.add(hit.chunk.doc_id)
            chosen.append((sim, hit, window))

    evidence: list[Evidence] = []
    vectors: dict[int, np.ndarray] = {}
    for n, (sim, hit, window) in enumerate(chosen, start=1):
        sents = by_chunk[hit.chunk.chunk_id]
        evidence.append(Evidence(n=n, hit=hit, sentences=tuple(sents[i].text for i in window),
                                 best_sentence=sents[window[-1]].text, similarity=sim))
        vectors[n] = np.stack([sents[i].vector for i in window])
    return evidence, vectors


def _to_citation(ev: Evidence) -> Citation:
    c = ev.hit.chunk
    return Citation(n=ev.n, doc_id=c.doc_id, chunk_id=c.chunk_id, title=c.title, published=c.published,
                    source=c.source, quote=ev.quote, supporting=ev.best_sentence)


def _timeline(text: str, citations: tuple[Citation, ...], lang: Lang, settings: Settings) -> str:
    """The checked key points in date order, built in code: each dated by the event its cited sentence
    names ("September 2024", "(28/2/2021)"), else by its article's publication date."""
    p = prompt_files.load(settings.prompts_dir, lang)
    by_n = {c.n: c for c in citations}
    rows: list[tuple[str, str, str]] = []
    for line in text.splitlines():
        marks = [int(m) for m in re.findall(r"\[(\d+)\]", line)]
        if not marks or marks[0] not in by_n:
            continue
        cited = by_n[marks[0]]
        published = (cited.published or "")[:10]
        event = dates.event_date(cited.supporting) or published
        reported = f" ({p['reported']} {published})" if published and not published.startswith(event) else ""
        words = line.lstrip("-*• ").split()
        claim = " ".join(words[:24]) + (f"… [{marks[0]}]" if len(words) > 24 else "")
        rows.append((event, reported, claim))
    rows.sort(key=lambda r: (r[0] == "", r[0]))
    lines = [f"{p['timeline_heading']}:"]
    lines += [f"- {event or p['undated']}{reported}: {claim}" for event, reported, claim in rows]
    return "\n".join(lines)


def _actors(citations: tuple[Citation, ...], lang: Lang, settings: Settings) -> str:
    """People named in the cited passages, each with the first passage naming them."""
    named: dict[str, int] = {}
    for c in citations:
        for person in actors.people(c.quote):
            if not any(set(person.split()) <= set(other.split()) for other in named):
                named[person] = c.n
    if not named:
        return ""
    heading = prompt_files.load(settings.prompts_dir, lang)["actors_heading"]
    return f"{heading}: " + "; ".join(f"{person} [{n}]" for person, n in named.items())


def answer_stream(question: str, lang: Lang, result: SearchResult, store: ChromaStore, embedder: Embedder,
                  generator: Generator, settings: Settings, started: float) -> Iterator[AskEvent]:
    timings = {"search": result.timings_ms.get("total", 0.0)}
    briefing = is_briefing(question)
    t0 = time.perf_counter()
    evidence, vectors = select_evidence(question, result, store, embedder, settings, briefing)
    timings["evidence"] = (time.perf_counter() - t0) * 1000
    closest = tuple(_to_citation(ev) for ev in evidence)
    yield AskEvent(kind="evidence", evidence=closest)

    def refusal(dropped: tuple[str, ...] = ()) -> AskEvent:
        timings["total"] = (time.perf_counter() - started) * 1000
        p = prompt_files.load(settings.prompts_dir, lang)
        return AskEvent(kind="answer", answer=Answer(
            question=question, language=lang, answer=p["refusal"], refused=True, citations=(),
            generator=generator.name, timings_ms=timings, dropped=dropped, closest=closest))

    # Briefing requests ("summarize the reports") are vaguer than questions: their best match is weaker.
    floor = settings.min_similarity - (0.1 if briefing else 0.0)
    if (not evidence or max(ev.similarity for ev in evidence) < floor or lacks_quantity(question, evidence)
            or names_absent_country(question, result)):
        yield refusal()
        return

    yield AskEvent(kind="status", status="writing")
    t1 = time.perf_counter()
    first_token: float | None = None
    parts: list[str] = []
    for piece in generator.generate(question, lang, evidence, briefing):
        if first_token is None:
            first_token = time.perf_counter()
        parts.append(piece)
        yield AskEvent(kind="token", text=piece)
    t2 = time.perf_counter()
    timings["generate"] = (t2 - t1) * 1000
    if first_token is not None:
        timings["first_token"] = (first_token - t1) * 1000
    raw = "".join(parts).strip()
    if not raw or NOT_FOUND in raw[:40] or raw.upper().startswith(NOT_FOUND):
        yield refusal()
        return

    yield AskEvent(kind="status", status="checking")
    checked = citation_check.check(raw, evidence, vectors, embedder, settings.min_support, question)
    generator_name = generator.name
    if not checked.citations and not isinstance(generator, ExtractiveGenerator):
        # The model wrote something but no sentence of it checks out: the quotes themselves are a
        # supported answer, where a refusal would be wrong (retrieval found relevant passages).
        quoted = "".join(ExtractiveGenerator(settings).generate(question, lang, evidence, briefing))
        fallback = citation_check.check(quoted, evidence, vectors, embedder, settings.min_support, question)
        checked = citation_check.Checked(fallback.text, fallback.citations, checked.dropped + fallback.dropped)
        generator_name = f"{generator.name} -> extractive (no generated sentence passed the citation check)"
    timings["check"] = (time.perf_counter() - t2) * 1000
    if not checked.citations:
        yield refusal(checked.dropped)
        return
    text = checked.text
    if briefing:
        people = _actors(checked.citations, lang, settings)
        text = f"{text}\n\n{_timeline(text, checked.citations, lang, settings)}" + (f"\n\n{people}" if people else "")
    timings["total"] = (time.perf_counter() - started) * 1000
    yield AskEvent(kind="status", status="done")
    yield AskEvent(kind="answer", answer=Answer(
        question=question, language=lang, answer=text, refused=False, citations=checked.citations,
        generator=generator_name, timings_ms=timings, dropped=checked.dropped, closest=closest))
