"""Typed records passed between pipeline stages, defined once in this package and imported from here
(`from assistant.records import Chunk`): `corpus` (the write side), `search` (the question, hits, evidence),
`answer` (answers, citations, briefs).

Flow: SourceFile (corpus.read) -> Document (corpus.clean) -> Chunk (corpus.chunk) -> index;
Query (search.query, the question read once) -> Hit (search.hybrid) -> EvidenceSet (search.evidence) -> Answer
(answer.stream); topic -> Briefing (answer.brief).
"""

from assistant.records.corpus import (  # noqa: F401
    Lang, SourceFile, FileProblem, Document, Chunk, IndexReport, ReportedBy, NearCopy, DocInfo, AddedFile, Fetched, AddOutcome, FeedState, SyncOutcome,
)
from assistant.records.search import (  # noqa: F401
    DateWindow, Turn, Query, Hit, SearchResult, Evidence, EvidenceSet,
)
from assistant.records.answer import (  # noqa: F401
    Citation, Answer, AskEvent, BriefStatement, TimelineEntry, Actor, CopyCoverage, OutletCoverage, BriefSource, Briefing, BriefEvent,
)
