"""The citation check of a brief: the chat's check (answer.citations), with one numbered passage per article.

Contract: `Sources(articles)` numbers the articles 1..n (best first) and holds one Evidence per article: all
its sentences, with their stored vectors, so a verbatim quote needs no embedding and a written sentence is
compared with every sentence of the article it cites. `check(items)` checks a section at once: each item is
a statement and the numbers it claims; it comes back with the numbers that support it (re-pointed to another
article when that one supports it instead, as in chat answers) or None when no article supports it. Names
and numbers of a statement must occur in the article it cites; a statement must be close in meaning to one
of its sentences (`min_support`).
"""

from __future__ import annotations

import re

import numpy as np

from assistant.answer import citations
from assistant.answer.brief.extract import Article
from assistant.backends.embed import Embedder
from assistant.records import Chunk, Evidence, Hit
from assistant.settings import Settings

_KEY = re.compile(r"\W+")


def _key(text: str) -> str:
    return _KEY.sub("", citations.MARKER.sub("", text)).lower()


class Sources:
    def __init__(self, articles: list[Article], embedder: Embedder, settings: Settings, topic: str) -> None:
        self.articles = articles
        self.n_of = {a.doc_id: n for n, a in enumerate(articles, start=1)}
        self.embedder, self.settings, self.topic = embedder, settings, topic
        self.evidence: list[Evidence] = []
        self.vectors: dict[int, np.ndarray] = {}
        for n, a in enumerate(articles, start=1):
            texts = tuple(s.text for s in a.sentences)
            best = max(a.sentences, key=lambda s: s.relevance).text
            chunk = Chunk(chunk_id=f"{a.doc_id}#brief", doc_id=a.doc_id, ordinal=0, text=" ".join(texts),
                          sentences=texts, title=a.title, published=a.published, source=a.source,
                          language=a.language, flags=a.flags)
            self.evidence.append(Evidence(n=n, hit=Hit(rank=n, chunk=chunk, score=a.relevance), sentences=texts,
                                          best_sentence=best, similarity=a.relevance))
            self.vectors[n] = np.stack([s.vector for s in a.sentences])

    def check(self, items: list[tuple[str, tuple[int, ...]]]) -> list[tuple[int, ...] | None]:
        """The checked citation numbers of each item (None: unsupported, to be dropped)."""
        if not items:
            return []
        lines = [f"- {' '.join(text.split())} {''.join(f'[{n}]' for n in cites)}" for text, cites in items]
        checked = citations.check("\n".join(lines), self.evidence, self.vectors, self.embedder,
                                  self.settings.min_support, self.topic)
        back = {c.n: self.n_of[c.doc_id] for c in checked.citations}
        found: dict[str, tuple[int, ...]] = {}
        for line in checked.text.splitlines():
            marks = tuple(dict.fromkeys(back[m] for m in citations.markers(line) if m in back))
            if marks:
                found[_key(line)] = marks
        return [found.get(_key(text)) for text, _ in items]
