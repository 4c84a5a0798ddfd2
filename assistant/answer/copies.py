"""Also reported by: a citation of a release carries the other outlets' copies of it (index.syndication).

Contract: `with_copies(events, reported)` passes a stream of AskEvents through, each Citation (evidence,
citations, closest) given `also_reported_by` from `reported` (canonical doc id -> its copies, read from the
index manifest by the reader). A copy's own passage (a sentence only it carries) has no other reporters.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace

from assistant.records import AskEvent, Citation, ReportedBy


def _cite(citations: tuple[Citation, ...], reported: dict[str, tuple[ReportedBy, ...]]) -> tuple[Citation, ...]:
    return tuple(replace(c, also_reported_by=reported.get(c.doc_id, ())) for c in citations)


def with_copies(events: Iterable[AskEvent], reported: dict[str, tuple[ReportedBy, ...]]) -> Iterator[AskEvent]:
    for event in events:
        if reported and event.evidence:
            event = replace(event, evidence=_cite(event.evidence, reported))
        if reported and event.answer is not None:
            event = replace(event, answer=replace(event.answer, citations=_cite(event.answer.citations, reported),
                                                  closest=_cite(event.answer.closest, reported)))
        yield event
