"""Records of answers and briefs: checked citations, the Answer and its stream events (answer.stream),
and the cited, dated Briefing (answer.brief) with its parts."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from assistant.records.corpus import Lang, ReportedBy
from assistant.records.search import DateWindow


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
class CopyCoverage:
    """Another outlet's copy of one of a brief's sources (index.syndication: the same release, republished)."""

    of: str  # the doc id of the source (the release's canonical) it copies
    doc_id: str
    source: str | None
    published: str | None
    title: str


@dataclass(frozen=True)
class OutletCoverage:
    """One outlet's reporting on the topic: how many articles, when, which documents, and the other outlets'
    copies of those articles (syndicated: grouped under the article they copy)."""

    source: str | None
    articles: int
    first: str | None
    last: str | None
    doc_ids: tuple[str, ...]
    copies: tuple[CopyCoverage, ...] = ()


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
