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
    # What the format itself says (corpus.formats): None/empty when it says nothing, and clean() then reads
    # the text's own header as it always has (a .txt carries none of these).
    title: str | None = None
    published: str | None = None  # ISO 8601, WIB offset when a time is known
    outlet: str | None = None  # site or feed name
    author: str | None = None
    url: str | None = None  # canonical URL (HTML), the entry's link (feeds)
    language: str | None = None  # as declared (<html lang>, a feed's <language>), not detected
    format: str = "text"  # "text" | "html" | "feed" | "pdf" | "docx"
    notes: tuple[str, ...] = ()  # warnings about this read (e.g. a truncated page); it was still read


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
    url: str | None = None  # canonical URL or feed entry link, when the source has one
    format: str = "text"  # the format it was read from (see SourceFile.format)

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
    asked: str | None = None  # a follow-up condensed into `text`: the user's own words
    newest_first: bool = False  # "latest", "terbaru": the newest relevant articles first (search.recency)
    asks_when: bool = False  # "when", "kapan": a time it names dates the event, never filters


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
    undated_excluded: int = 0  # undated articles the query's window left out of the search
    reported: dict[str, Any] = field(default_factory=dict)  # release -> its syndicated copies (index.syndication)

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
    # The other outlets that carried the same release (index.syndication), resolved from the index manifest.
    also_reported_by: tuple[ReportedBy, ...] = ()


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
    standalone_question: str | None = None  # what was searched: a follow-up rewritten to stand alone
    date_window: DateWindow | None = None  # the publication-date window the answer's articles were taken from
    undated_excluded: int = 0  # undated articles that window left out
    # Shown with the answer: why it is not the LLM's ("LLM server at URL did not answer in 30 s": the extractive
    # answer stands in). Empty when nothing went wrong.
    note: str = ""


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
    copies: int = 0  # near-duplicates of another document (index.syndication): listed, not indexed again


@dataclass(frozen=True)
class DocInfo:
    """A row of the corpus listing."""

    doc_id: str
    title: str
    published: str | None
    source: str | None
    language: Lang
    chunks: int
    format: str = "text"
    url: str | None = None
    copies: tuple[ReportedBy, ...] = ()  # other outlets' copies of this release (index.syndication)
    path: str = ""  # the corpus file it was read from


@dataclass(frozen=True)
class AskEvent:
    """One step of a streamed answer: a status change, the evidence (shown before generation ends), a
    piece of generated text, or the final checked Answer (always last)."""

    kind: Literal["status", "evidence", "token", "answer"]
    status: str = ""  # "searching" | "writing" | "checking" | "done"
    evidence: tuple[Citation, ...] = ()
    text: str = ""
    answer: Answer | None = None


@dataclass(frozen=True)
class Fetched:
    """What `warta add URL` / `warta sync` got from the web (corpus.fetch): the body within the size limit,
    its type, and the validators for the next conditional request. `not_modified`: the server answered 304
    (the body is empty)."""

    url: str  # as asked for
    final_url: str  # after redirects (http(s) only)
    status: int
    content_type: str  # the media type, lower case, without parameters ("text/html")
    charset: str | None
    body: bytes
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False


@dataclass(frozen=True)
class AddOutcome:
    """One item of `warta add` (a file or a URL), or one feed entry of `warta sync`, and what became of it."""

    item: str  # as the user gave it (a path, a URL, an entry's link)
    status: Literal["added", "updated", "unchanged", "skipped", "error"]
    path: str = ""  # the file in the corpus folder, when there is one
    note: str = ""  # why: a renamed file, the same content as another document, the error


@dataclass(frozen=True)
class FeedState:
    """A configured feed and what `warta sync` remembers of it (corpus.feeds keeps these in a hidden JSON
    file in the corpus folder, never in the derived index)."""

    url: str
    title: str = ""
    etag: str | None = None
    last_modified: str | None = None
    seen: tuple[str, ...] = ()  # entry keys (link, else the reader's id from the guid) already handled, oldest first
    last_sync: str | None = None  # ISO time of the last successful poll
    last_error: str | None = None


@dataclass(frozen=True)
class SyncOutcome:
    """One feed's poll in `warta sync`: how many new entries it added, or why it failed."""

    url: str
    added: tuple[AddOutcome, ...] = ()
    not_modified: bool = False  # the server answered 304
    entries: int = 0  # entries in the feed as fetched
    error: str | None = None
    note: str = ""  # the reader's warning about the feed (e.g. broken XML, read as far as it goes)


@dataclass(frozen=True)
class ReportedBy:
    """Another outlet's copy of a release (index.syndication): "also reported by <outlet, date, title>"."""

    doc_id: str
    title: str
    published: str | None
    source: str | None
    chunks: int = 0  # passages of its own (the sentences the canonical lacks) in the index


@dataclass(frozen=True)
class NearCopy:
    """A document found to be a near-duplicate of an earlier one (index.syndication.find_copies)."""

    doc_id: str
    canonical: str  # the group's earliest-dated document, indexed in full
    similarity: float  # estimated Jaccard similarity of their word shingles
    added: tuple[str, ...] = ()  # the copy's sentences the canonical lacks, as paragraphs (indexed as the copy's)


@dataclass(frozen=True)
class AddedFile:
    """One file offered to the corpus (an upload, corpus.manage.add_file): saved under a doc id, or refused."""

    name: str  # as the client gave it
    doc_id: str | None  # the document id it is saved under; None: refused
    note: str = ""  # why it was refused, or what was done (renamed, already there)


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
