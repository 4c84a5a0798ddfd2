"""Newest relevant first: the ordering a "latest"/"terbaru" question asks for (`Query.newest_first`).

Contract: `newest_first(items, score, published, margin)` returns the same items, reordered: those whose
score is within `margin` of the best (the relevant ones) come first, newest publication date first (undated
ones after the dated ones, by score); the rest follow in their given order. Relevance decides which
articles qualify, the date only their order among them: a new article about something else never jumps
ahead. Used by search.hybrid (hits) and search.evidence (passages), so the answer leads with the newest.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from assistant.index.store import date_key

T = TypeVar("T")


def newest_first(items: Sequence[T], score: Callable[[T], float], published: Callable[[T], str | None],
                 margin: float) -> list[T]:
    if not items:
        return []
    best = max(score(x) for x in items)
    relevant = [x for x in items if score(x) >= best - margin]
    rest = [x for x in items if score(x) < best - margin]
    relevant.sort(key=lambda x: (-date_key(published(x)), -score(x)))  # undated (0) sort last
    return relevant + rest
