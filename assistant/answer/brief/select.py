"""Select the on-topic articles of a Scope: by relevance and by the parts named, never by article count.

Contract: `select_articles(scope, retriever, embedder, settings)` -> (articles, by_part).
- Candidates: the documents of the hybrid search's hits for each part (search.hybrid, up to MAX_K chunks),
  plus every document that mentions the part's countries and sectors (so 50 on-topic articles are not
  cut off by the number of hits); only documents published in the scope's window when it has one.
- A candidate covers a part when it names every country of the part (either language), names each of its
  sectors at least `brief_sector_mentions` times or in its title, and its best sentence is at least
  `brief_min_relevance` close to the part's query and within `brief_doc_margin` of the part's best
  article. A part naming neither a country nor a sector needs its names and numbers mentioned instead
  (`min_name_coverage`, as the chat's refusal rule).
- An article is on topic when it covers at least one part; `by_part` lists, per part label, the doc ids
  covering it (an empty list: that part has no coverage). Off-topic articles never reach the brief.
"""

from __future__ import annotations

import numpy as np

from assistant.answer.brief.extract import Article, Sentence
from assistant.answer.brief.scope import Part, Scope, mentions
from assistant.backends.embed import Embedder
from assistant.index.store import date_key
from assistant.records import Chunk
from assistant.search.hybrid import Retriever
from assistant.search.query import MAX_K, asserted_names, read_query
from assistant.settings import Settings
from assistant.text import gazetteer, names


def in_window(published: str | None, scope: Scope) -> bool:
    if scope.window is None:
        return True
    key = date_key(published)
    lo, hi = date_key(scope.window.start) or 0, date_key(scope.window.end) or 99991231
    return bool(key) and lo <= key <= hi


def _names_ok(part: Part, text_words: set[str], settings: Settings) -> bool:
    wanted = asserted_names(part.query)
    if part.countries or part.sectors or not wanted:
        return True
    return sum(names.mentioned(n, text_words) for n in wanted) / len(wanted) >= settings.min_name_coverage


def _constraints_ok(part: Part, title: str, text: str, settings: Settings) -> bool:
    if not gazetteer.mentions_all(text, list(part.countries)):
        return False
    return all(mentions(title, g) or mentions(text, g) >= settings.brief_sector_mentions for g in part.sectors)


def select_articles(scope: Scope, retriever: Retriever, embedder: Embedder,
                    settings: Settings) -> tuple[list[Article], dict[str, list[str]]]:
    by_doc: dict[str, list[Chunk]] = {}
    for chunk in retriever.chunks.values():
        by_doc.setdefault(chunk.doc_id, []).append(chunk)
    for chunks in by_doc.values():
        chunks.sort(key=lambda c: c.ordinal)
    docs = {d: cs for d, cs in by_doc.items() if in_window(cs[0].published, scope)}
    text_of = {d: " ".join([cs[0].title, *(c.text for c in cs)]) for d, cs in docs.items()}

    candidates: set[str] = set()
    vectors: list[np.ndarray] = []
    for part in scope.parts:
        w = scope.window
        query = read_query(part.query, settings, k=MAX_K, date_from=w.start if w else None,
                           date_to=w.end if w else None)
        candidates.update(h.chunk.doc_id for h in retriever.search(query).hits if h.chunk.doc_id in docs)
        if part.countries or part.sectors:
            candidates.update(d for d in docs if _constraints_ok(part, docs[d][0].title, text_of[d], settings))
        vectors.append(embedder.encode_query(part.query))
    if not candidates:
        return [], {p.label: [] for p in scope.parts}

    ids = [c.chunk_id for d in sorted(candidates) for c in docs[d]]
    rows_by_chunk: dict[str, list] = {}
    for row in retriever.reader.sentences_of(ids):
        rows_by_chunk.setdefault(row.chunk_id, []).append(row)
    q = np.stack(vectors)  # parts x dim
    scored: dict[str, tuple[list, np.ndarray]] = {}
    for d in candidates:
        seen: set[str] = set()
        rows = []
        for c in docs[d]:
            for row in rows_by_chunk.get(c.chunk_id, []):
                if row.text not in seen:  # chunks overlap by a sentence
                    seen.add(row.text)
                    rows.append(row)
        if not rows:
            continue
        own = np.stack([r.vector for r in rows]) @ q.T
        ctx = np.stack([r.context_vector for r in rows]) @ q.T
        scored[d] = (rows, np.maximum(own, ctx))  # sentences x parts

    by_part: dict[str, list[str]] = {}
    for i, part in enumerate(scope.parts):
        eligible = {d: float(sims[:, i].max()) for d, (rows, sims) in scored.items()
                    if _constraints_ok(part, docs[d][0].title, text_of[d], settings)
                    and _names_ok(part, names.words(text_of[d]), settings)}
        best = max(eligible.values(), default=0.0)
        floor = max(settings.brief_min_relevance, best - settings.brief_doc_margin)
        by_part[part.label] = sorted((d for d, r in eligible.items() if r >= floor), key=lambda d: -eligible[d])

    articles: list[Article] = []
    for d, (rows, sims) in scored.items():
        covered = [i for i, p in enumerate(scope.parts) if d in by_part[p.label]]
        if not covered:
            continue
        rel = sims[:, covered].max(axis=1)
        first = docs[d][0]
        sentences = tuple(Sentence(r.text, r.vector, float(rel[k]), k) for k, r in enumerate(rows))
        flags = tuple(dict.fromkeys(f for c in docs[d] for f in c.flags))
        articles.append(Article(doc_id=d, title=first.title, published=first.published, source=first.source,
                                language=first.language, sentences=sentences, relevance=float(rel.max()),
                                parts=tuple(scope.parts[i].label for i in covered), flags=flags))
    articles.sort(key=lambda a: -a.relevance)
    return articles, by_part
