"""Records of the write side: files read from the corpus (corpus.read, corpus.formats), cleaned
documents and their chunks (corpus.clean, corpus.chunk), what indexing did (index.build), the documents an
index holds with their syndicated copies (index.syndication), and what `warta add`/`warta sync`/uploads did
(corpus.add, corpus.fetch, corpus.feeds, corpus.manage)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

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
class AddedFile:
    """One file offered to the corpus (an upload, corpus.manage.add_file): saved under a doc id, or refused."""

    name: str  # as the client gave it
    doc_id: str | None  # the document id it is saved under; None: refused
    note: str = ""  # why it was refused, or what was done (renamed, already there)


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
