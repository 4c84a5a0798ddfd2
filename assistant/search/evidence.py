"""Evidence: the retrieved Hits of a Query -> an EvidenceSet, the numbered passages a generator may use.

Contract: `select_evidence(query, result, reader, embedder, settings)` scores every sentence of every hit by
the better of its own match and its in-context match (the sentence after its predecessor; both vectors come
from the index, so nothing is embedded here but the cached query); a passage is the best sentence, with its
predecessor when the context is what matched. The best passages win wherever they sit: one chunk may give
several. Passages about the countries the query names come first (for a briefing: only those, one per
document first). The set also says what the refusal rules need: how much of the query's names and
numbers the best passages mention, whether one of them names the query's identifiers and years exactly, and
whether a how-many query meets a quantity. For a "latest" query
(`newest_first`) the relevant passages come newest article first (search.recency).
"""

from __future__ import annotations

import re

import numpy as np

from assistant.backends.embed import Embedder
from assistant.index.reader import IndexReader
from assistant.index.store import StoredSentence
from assistant.records import Evidence, EvidenceSet, Hit, Query, SearchResult
from assistant.text.stems import query_tokens
from assistant.search.recency import newest_first
from assistant.settings import Settings
from assistant.text import gazetteer, lexicon, names

_DIGIT = re.compile(r"\d")


def _lexical_bonus(question_tokens: set[str], sentence: str) -> float:
    overlap = question_tokens & set(query_tokens(sentence))
    return min(0.08, 0.02 * len(overlap))


def _on_topic(hit: Hit, named: list[frozenset[str]]) -> bool:
    return gazetteer.mentions_all(f"{hit.chunk.title} {hit.chunk.text}", named)


def states_quantity(sentence: str) -> bool:
    return bool(_DIGIT.search(sentence) or lexicon.pattern("quantity").search(sentence))


# The question's names are looked for in this many top hits: the answer sits in one of the best passages.
NAME_COVERAGE_HITS = 3


def name_coverage(query: Query, hits: list[Hit]) -> float:
    """The largest share of the query's names and numbers that one of `hits` mentions (in either language:
    translated weekdays, months, countries and spelling variants count)."""
    if not query.names:
        return 1.0
    best = 0.0
    for hit in hits:
        words = names.words(f"{hit.chunk.title} {hit.chunk.text}")
        best = max(best, sum(names.mentioned(n, words) for n in query.names) / len(query.names))
    return best


def exact_names_met(query: Query, hits: list[Hit]) -> bool:
    """Whether one of `hits` names every identifier of the query ("Shenzhou 7", not "Shenzhou 6") and every
    year it asserts, a year in the text or as the article's publication year ("this year" in a 2009 article)."""
    if not query.identifiers and not query.years:
        return True
    for hit in hits:
        text = f"{hit.chunk.title} {hit.chunk.text}"
        published = (hit.chunk.published or "")[:4]
        if (all(names.mentions_identifier(i, text) for i in query.identifiers)
                and all(y == published or y in names.years(text) for y in query.years)):
            return True
    return False


def select_evidence(query: Query, result: SearchResult, reader: IndexReader, embedder: Embedder,
                    settings: Settings) -> EvidenceSet:
    hits = list(result.hits)
    named = list(query.countries)
    if not hits:
        return EvidenceSet(passages=(), vectors={}, name_coverage=0.0 if query.names else 1.0,
                           has_quantity=not query.how_many, exact_names_met=not (query.identifiers or query.years))
    q = embedder.encode_query(query.text)
    q_tokens = set(query.tokens)
    by_chunk: dict[str, list[StoredSentence]] = {}
    for row in reader.sentences_of([h.chunk.chunk_id for h in hits]):
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
    on_topic = {h.chunk.chunk_id: _on_topic(h, named) for h in hits}
    candidates.sort(key=lambda t: (not on_topic[t[2].chunk.chunk_id], -t[0]))
    if query.newest_first:  # "latest": among the relevant passages, the newest article's first
        def newest(group: list[tuple[float, float, Hit, tuple[int, ...]]]) -> list[tuple[float, float, Hit, tuple[int, ...]]]:
            return newest_first(group, lambda t: t[1], lambda t: t[2].chunk.published, settings.newest_first_margin)

        candidates = (newest([c for c in candidates if on_topic[c[2].chunk.chunk_id]])
                      + newest([c for c in candidates if not on_topic[c[2].chunk.chunk_id]]))
    briefing = query.briefing
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

    passages: list[Evidence] = []
    vectors: dict[int, np.ndarray] = {}
    for n, (sim, hit, window) in enumerate(chosen, start=1):
        sents = by_chunk[hit.chunk.chunk_id]
        passages.append(Evidence(n=n, hit=hit, sentences=tuple(sents[i].text for i in window),
                                 best_sentence=sents[window[-1]].text, similarity=sim))
        vectors[n] = np.stack([sents[i].vector for i in window])
    return EvidenceSet(
        passages=tuple(passages), vectors=vectors,
        name_coverage=name_coverage(query, hits[:NAME_COVERAGE_HITS]),
        exact_names_met=exact_names_met(query, hits[:NAME_COVERAGE_HITS]),
        # A how-many question whose best sentences hold no quantity cannot be answered from them.
        has_quantity=not query.how_many or any(states_quantity(ev.best_sentence) for ev in passages[:2]),
    )
