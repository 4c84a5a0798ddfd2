"""Records of the read side up to the evidence: the question read once (search.query -> Query, with
its date window and conversation), the hits of hybrid search and the evidence selected for the answer."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from assistant.records.corpus import Chunk, Lang


@dataclass(frozen=True)
class DateWindow:
    """An inclusive range of dates, "YYYY-MM-DD" or None for an open end."""

    start: str | None = None
    end: str | None = None


@dataclass(frozen=True)
class Turn:
    """An earlier exchange of a conversation."""

    question: str
    answer: str


@dataclass(frozen=True)
class Query:
    """The question, read once (search.query.read_query). Later stages read these fields and never parse the
    text again."""

    text: str
    language: Lang  # the answer's language: forced, else detected, else the caller's fallback
    written_in: Lang  # the question's own language (detected, else the fallback): ranking compares it
    k: int  # hits wanted
    tokens: tuple[str, ...]  # keyword-search tokens: stemmed both ways, country names in both languages
    countries: tuple[frozenset[str], ...] = ()  # the countries named besides Indonesia (gazetteer groups)
    names: tuple[str, ...] = ()  # the names and numbers the question asserts (text.names), lower case
    identifiers: tuple[str, ...] = ()  # "shenzhou 7": a name and its number, exact (text.names.identifiers)
    years: tuple[str, ...] = ()  # years the question asserts (not a filtering window's): exact
    briefing: bool = False  # "brief me on …", "ringkasan …"
    how_many: bool = False  # asks for a quantity
    window: DateWindow | None = None  # hard filter on publication dates (undated articles drop out)
    prefer: DateWindow | None = None  # soft preference: a time the question names
    history: tuple[Turn, ...] = ()
    asked: str | None = None  # a follow-up condensed into `text`: the user's own words
    newest_first: bool = False  # "latest", "terbaru": the newest relevant articles first (search.recency)
    asks_when: bool = False  # "when", "kapan": a time it names dates the event, never filters
    asks_who: bool = False  # "who", "siapa": asks for a person or an organisation
    answer_type: str | None = None  # "quantity" | "date" | "name" (text.answer_type.kind_of), None: untyped
    words: frozenset[str] = frozenset()  # the question's own words, lower case (a passage repeating them answers nothing)


@dataclass(frozen=True)
class Hit:
    """A chunk returned by retrieval, with its fused score and the per-retriever ranks behind it."""

    rank: int
    chunk: Chunk
    score: float
    dense_rank: int | None = None
    keyword_rank: int | None = None


@dataclass(frozen=True)
class SearchResult:
    question: str
    hits: tuple[Hit, ...]
    timings_ms: dict[str, float] = field(default_factory=dict)
    date_window: DateWindow | None = None  # the hard window the search applied (Query.window)
    undated_excluded: int = 0  # undated articles the window left out (counted, never silently dropped)


@dataclass(frozen=True)
class Evidence:
    """One numbered passage offered to the generator: the best sentences of a retrieved chunk."""

    n: int
    hit: Hit
    sentences: tuple[str, ...]
    best_sentence: str
    similarity: float  # question vs best sentence, cosine

    @property
    def quote(self) -> str:
        return " ".join(self.sentences)


@dataclass(frozen=True)
class EvidenceSet:
    """The numbered passages for one query, best first, with what the refusal rules need to know of them."""

    passages: tuple[Evidence, ...]
    vectors: dict[int, Any]  # n -> the passage's sentence vectors (rows: sentences), for the citation check
    # The best share of the query's names and numbers that one of the top passages mentions (1.0: no names).
    name_coverage: float = 1.0
    has_quantity: bool = True  # for a how-many query: the best passages state a quantity
    # One of the top passages names every identifier ("Shenzhou 7") and year of the query (a year: in its
    # text or as its publication year).
    exact_names_met: bool = True
    undated_excluded: int = 0  # undated articles the query's window left out of the search
    reported: dict[str, Any] = field(default_factory=dict)  # release -> its syndicated copies (index.syndication)

    @property
    def best_similarity(self) -> float:
        return max((ev.similarity for ev in self.passages), default=0.0)
