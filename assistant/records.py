"""Typed records passed between pipeline stages. Defined once, here; every stage imports them from here.

Flow: SourceFile (corpus.read) -> Document (corpus.clean) -> Chunk (corpus.chunk) -> index;
Query (search.query, the question read once) -> Hit (search.hybrid) -> EvidenceSet (search.evidence) -> Answer
(answer.stream).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Lang = Literal["id", "en"]


@dataclass(frozen=True)
class SourceFile:
    """A file read from the corpus folder, decoded to text."""

    doc_id: str
    path: str
    text: str
    encoding: str
    sha256: str  # of the raw bytes


@dataclass(frozen=True)
class FileProblem:
    """A corpus file that could not be ingested, and why, in words a user can act on."""

    doc_id: str
    path: str
    reason: str
    severity: Literal["error", "warning"] = "error"  # warning: the file was still indexed


@dataclass(frozen=True)
class Document:
    """A cleaned article: metadata plus body paragraphs free of boilerplate."""

    doc_id: str
    title: str
    published: str | None  # ISO 8601 with +07:00 (WIB) offset, or a date "YYYY-MM-DD"
    source: str | None  # the outlet (news site or publisher)
    byline: str | None
    language: Lang
    paragraphs: tuple[str, ...]
    path: str = ""
    title_derived: bool = False  # no headline in the source: the title was made from the lead

    @property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs)


@dataclass(frozen=True)
class Chunk:
    """A retrievable piece of one document. `text` is the body text; `context` is what gets embedded."""

    chunk_id: str  # "<doc_id>#<n>"
    doc_id: str
    ordinal: int
    text: str
    sentences: tuple[str, ...]
    title: str
    published: str | None
    source: str | None
    language: Lang
    # "instructions": the text addresses an AI assistant (text.injection); set at ingest, stored in the index.
    flags: tuple[str, ...] = ()
    title_derived: bool = False  # the document's title was made from its lead (see Document)

    @property
    def embed_text(self) -> str:
        # The title travels with every chunk: chunks deep in an article rarely name its subject. A title
        # made from the lead would only repeat the first chunk's opening words and skew its vector.
        if self.title_derived and self.ordinal == 0:
            return self.text
        return f"{self.title}\n\n{self.text}"


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
    briefing: bool = False  # "brief me on …", "ringkasan …"
    how_many: bool = False  # asks for a quantity
    window: DateWindow | None = None  # hard filter on publication dates (undated articles drop out)
    prefer: DateWindow | None = None  # soft preference: a time the question names
    history: tuple[Turn, ...] = ()


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

    @property
    def best_similarity(self) -> float:
        return max((ev.similarity for ev in self.passages), default=0.0)


@dataclass(frozen=True)
class Citation:
    n: int
    doc_id: str
    chunk_id: str
    title: str
    published: str | None
    source: str | None
    quote: str
    supporting: str  # the sentence of the quote that best supports the claim citing it
    flags: tuple[str, ...] = ()  # the passage's flags ("instructions": it addresses an AI; shown as a badge)


@dataclass(frozen=True)
class Answer:
    question: str
    language: Lang
    answer: str
    refused: bool
    citations: tuple[Citation, ...]
    generator: str
    timings_ms: dict[str, float] = field(default_factory=dict)
    dropped: tuple[str, ...] = ()  # sentences removed because their citations did not check out
    closest: tuple[Citation, ...] = ()  # on refusal: the nearest sources, for the reader to check


@dataclass(frozen=True)
class IndexReport:
    """What `index` did: counts, per-file problems, and how long it took."""

    documents: int
    chunks: int
    embedded: int  # chunks whose vectors were computed in this run
    reused: int  # chunks whose vectors came from the content-hash cache
    removed: int  # chunks deleted because their text or document went away
    problems: tuple[FileProblem, ...]
    seconds: float
    rebuilt: bool = False


@dataclass(frozen=True)
class DocInfo:
    """A row of the corpus listing."""

    doc_id: str
    title: str
    published: str | None
    source: str | None
    language: Lang
    chunks: int


@dataclass(frozen=True)
class AskEvent:
    """One step of a streamed answer: a status change, the evidence (shown before generation ends), a
    piece of generated text, or the final checked Answer (always last)."""

    kind: Literal["status", "evidence", "token", "answer"]
    status: str = ""  # "searching" | "writing" | "checking" | "done"
    evidence: tuple[Citation, ...] = ()
    text: str = ""
    answer: Answer | None = None


# Briefings (answer.brief) ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class BriefStatement:
    """One statement of a brief and the sources it cites. `cites` are numbers of `Briefing.sources`, each
    checked in code (answer.citations) to support `text`; `lead` is a label built in code from the cited
    sources' own metadata (a date, an outlet, a country or sector named by the topic), adding no claim."""

    text: str
    cites: tuple[int, ...]
    lang: Lang  # the language of `text`: a quote keeps its article's language
    lead: str = ""
    quoted: bool = False  # `text` is a sentence of the article, verbatim


@dataclass(frozen=True)
class TimelineEntry:
    """A dated event: `date` as precise as the text says ("YYYY-MM-DD", "YYYY-MM", "YYYY"), or the
    publication date when the event is undated (`dated_by` says which)."""

    date: str
    dated_by: Literal["text", "published"]
    published: str | None
    statement: BriefStatement


@dataclass(frozen=True)
class Actor:
    """A person or organisation named in the sources, with the role the article states ("" when none)."""

    name: str
    role: str
    cites: tuple[int, ...]


@dataclass(frozen=True)
class OutletCoverage:
    """One outlet's reporting on the topic: how many articles, when, which documents."""

    source: str | None
    articles: int
    first: str | None
    last: str | None
    doc_ids: tuple[str, ...]


@dataclass(frozen=True)
class BriefSource:
    """A numbered source of a brief: one article (n is its [n] marker)."""

    n: int
    doc_id: str
    title: str
    source: str | None
    published: str | None
    language: Lang
    parts: tuple[str, ...] = ()  # the topic's parts this article covers
    quote: str = ""  # its most relevant sentence


@dataclass(frozen=True)
class Briefing:
    """A cited, dated brief on a topic (answer.brief). Every statement carries checked citation numbers."""

    topic: str
    language: Lang
    parts: tuple[str, ...]
    window: DateWindow | None
    refused: bool
    summary: tuple[BriefStatement, ...]
    key_points: tuple[BriefStatement, ...]
    timeline: tuple[TimelineEntry, ...]
    actors: tuple[Actor, ...]
    next_steps: tuple[TimelineEntry, ...]
    coverage: tuple[OutletCoverage, ...]
    sources: tuple[BriefSource, ...]
    generator: str
    notes: tuple[str, ...] = ()  # what the reader should know: a part without coverage, an LLM fallback
    timings_ms: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class BriefEvent:
    """One step of a streamed brief: a status, a finished section (its name; the brief so far in `brief`),
    a piece of LLM text, or the final Briefing (always last)."""

    kind: Literal["status", "section", "token", "brief"]
    status: str = ""
    section: str = ""
    text: str = ""
    brief: Briefing | None = None
