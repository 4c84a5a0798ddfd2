"""Answer: retrieved Hits -> a cited, checked Answer in the question's language, or an honest refusal.

Contract of `answer_stream`: yields a "status" event, then an "evidence" event with the numbered passages
(before any generation, so a UI can show sources at once), then "token" events from the generator, then
exactly one final "answer" event. The evidence is the best sentences of the best passages (sentence vectors
come from the index: no embedding at question time but the question and the answer's own sentences). The
answer is refused, with the closest sources, when no sentence is close enough to the question, when the
generator says the passages do not answer, or when no sentence survives the citation check.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator

import numpy as np

from . import citations as citation_check
from . import keyword
from . import prompts as prompt_files
from .embed import Embedder
from .generate import NOT_FOUND, Generator
from .records import Answer, AskEvent, Citation, Evidence, Lang, SearchResult
from .settings import Settings
from .store import ChromaStore

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


def is_briefing(question: str) -> bool:
    return bool(_BRIEFING.search(question))


def _lexical_bonus(question_tokens: set[str], sentence: str) -> float:
    overlap = question_tokens & set(keyword.query_tokens(sentence))
    return min(0.08, 0.02 * len(overlap))


def select_evidence(question: str, result: SearchResult, store: ChromaStore, embedder: Embedder,
                    settings: Settings, briefing: bool) -> tuple[list[Evidence], dict[int, np.ndarray]]:
    """Numbered evidence, best first, and each passage's sentence vectors (for the citation check)."""
    hits = list(result.hits)
    if not hits:
        return [], {}
    q = embedder.encode_query(question)
    q_tokens = set(keyword.query_tokens(question))
    rows = store.sentences_of([h.chunk.chunk_id for h in hits])
    by_chunk: dict[str, list] = {}
    for row in rows:
        by_chunk.setdefault(row.chunk_id, []).append(row)
    scored: list[tuple[float, float, object, list[int], np.ndarray, list[str]]] = []
    for hit in hits:
        sents = by_chunk.get(hit.chunk.chunk_id, [])
        if not sents:
            continue
        vecs = np.stack([s.vector for s in sents])
        sims = vecs @ q
        bonus = np.array([_lexical_bonus(q_tokens, s.text) for s in sents])
        total = sims + bonus
        order = [int(i) for i in np.argsort(-total)]
        best = order[0]
        # Sentence vectors include the previous sentence, so the answer may sit in either: keep both.
        window = [i for i in (best - 1, best) if i >= 0]
        ranked = window + [i for i in order if i not in window]
        keep = sorted(ranked[: max(settings.evidence_sentences, len(window))])
        # Retrieval rank breaks near-ties: fusion already weighed keyword and dense evidence.
        score = float(total[best]) + 0.03 / hit.rank
        scored.append((score, float(sims[best]), hit, keep, vecs, [s.text for s in sents]))
    scored.sort(key=lambda t: -t[0])
    if briefing:
        # One passage per document first: a briefing is about coverage.
        firsts, rest, seen = [], [], set()
        for item in scored:
            (rest if item[2].chunk.doc_id in seen else firsts).append(item)
            seen.add(item[2].chunk.doc_id)
        scored = firsts + rest
        limit = max(settings.evidence_passages, 6)
    else:
        limit = settings.evidence_passages
    evidence: list[Evidence] = []
    vectors: dict[int, np.ndarray] = {}
    for n, (score, sim, hit, keep, vecs, texts) in enumerate(scored[:limit], start=1):
        best_i = max(keep, key=lambda i: float(vecs[i] @ q))
        evidence.append(Evidence(n=n, hit=hit, sentences=tuple(texts[i] for i in keep),
                                 best_sentence=texts[best_i], similarity=sim))
        vectors[n] = vecs[keep]
    return evidence, vectors


def _to_citation(ev: Evidence) -> Citation:
    c = ev.hit.chunk
    return Citation(n=ev.n, doc_id=c.doc_id, chunk_id=c.chunk_id, title=c.title, published=c.published,
                    source=c.source, quote=ev.quote, supporting=ev.best_sentence)


def _timeline(citations: tuple[Citation, ...], lang: Lang, settings: Settings) -> str:
    """Dated lines, oldest first, built in code from the cited documents' publication dates."""
    p = prompt_files.load(settings.prompts_dir, lang)
    rows: dict[str, tuple[str, str, int]] = {}
    for c in citations:
        rows.setdefault(c.doc_id, ((c.published or "")[:10], c.title, c.n))
    ordered = sorted(rows.values(), key=lambda r: (r[0] == "", r[0]))
    lines = [f"{p['timeline_heading']}:"]
    lines += [f"- {date or p['undated']}: {title} [{n}]" for date, title, n in ordered]
    return "\n".join(lines)


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
    if not evidence or evidence[0].similarity < floor or lacks_quantity(question, evidence):
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
    checked = citation_check.check(raw, evidence, vectors, embedder, settings.min_support)
    timings["check"] = (time.perf_counter() - t2) * 1000
    if not checked.citations:
        yield refusal(checked.dropped)
        return
    text = checked.text
    if briefing:
        text = f"{text}\n\n{_timeline(checked.citations, lang, settings)}"
    timings["total"] = (time.perf_counter() - started) * 1000
    yield AskEvent(kind="status", status="done")
    yield AskEvent(kind="answer", answer=Answer(
        question=question, language=lang, answer=text, refused=False, citations=checked.citations,
        generator=generator.name, timings_ms=timings, dropped=checked.dropped, closest=closest))
