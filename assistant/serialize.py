"""Records -> JSON-ready dicts. The CLI, the API and `warta eval` all emit these shapes; other tools read
them, so the key names are a contract."""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from assistant.records import (
    AddedFile, Answer, Citation, DateWindow, DocInfo, FileProblem, Hit, IndexReport, ReportedBy, SearchResult,
)


def reported_by_to_dict(r: ReportedBy) -> dict[str, Any]:
    return {"doc_id": r.doc_id, "source": r.source, "published": r.published, "title": r.title,
            "chunks": r.chunks}


def citation_to_dict(c: Citation) -> dict[str, Any]:
    return {"n": c.n, "doc_id": c.doc_id, "chunk_id": c.chunk_id, "title": c.title, "published": c.published,
            "source": c.source, "quote": c.quote, "supporting": c.supporting, "flags": list(c.flags),
            "also_reported_by": [reported_by_to_dict(r) for r in getattr(c, "also_reported_by", ())]}


def answer_to_dict(a: Answer) -> dict[str, Any]:
    return {
        "question": a.question,
        "language": a.language,
        "answer": a.answer,
        "refused": a.refused,
        "citations": [citation_to_dict(c) for c in a.citations],
        "closest": [citation_to_dict(c) for c in a.closest],
        "generator": a.generator,
        "dropped": list(a.dropped),
        "timings_ms": {k: round(v, 1) for k, v in a.timings_ms.items()},
        "standalone_question": a.standalone_question,
        "date_window": window_to_dict(a.date_window),
        "undated_excluded": a.undated_excluded,
        "note": a.note,
    }


def window_to_dict(w: DateWindow | None) -> dict[str, Any] | None:
    """{"from", "to"} (ISO dates, null for an open end), or None when no window applied."""
    return None if w is None else {"from": w.start, "to": w.end}


def hit_to_dict(h: Hit) -> dict[str, Any]:
    c = h.chunk
    return {"rank": h.rank, "doc_id": c.doc_id, "chunk_id": c.chunk_id, "score": round(h.score, 6),
            "title": c.title, "published": c.published, "source": c.source, "language": c.language,
            "text": c.text, "dense_rank": h.dense_rank, "keyword_rank": h.keyword_rank, "flags": list(c.flags)}


def search_to_dict(r: SearchResult) -> dict[str, Any]:
    return {"question": r.question, "hits": [hit_to_dict(h) for h in r.hits],
            "timings_ms": {k: round(v, 1) for k, v in r.timings_ms.items()},
            "date_window": window_to_dict(r.date_window), "undated_excluded": r.undated_excluded}


def problem_to_dict(p: FileProblem) -> dict[str, Any]:
    return {"doc_id": p.doc_id, "path": p.path, "reason": p.reason, "severity": p.severity}


def index_report_to_dict(r: IndexReport) -> dict[str, Any]:
    return {"documents": r.documents, "chunks": r.chunks, "embedded": r.embedded, "reused": r.reused,
            "removed": r.removed, "rebuilt": r.rebuilt, "seconds": round(r.seconds, 2),
            "copies": getattr(r, "copies", 0),  # stand-ins (tests, tools) may predate the field
            "problems": [problem_to_dict(p) for p in r.problems]}


def docinfo_to_dict(d: DocInfo) -> dict[str, Any]:
    return {"doc_id": d.doc_id, "title": d.title, "published": d.published, "source": d.source,
            "language": d.language, "chunks": d.chunks, "format": d.format, "url": d.url,
            "file": PurePath(d.path).name if getattr(d, "path", "") else None,  # the name only: no server paths
            "copies": [reported_by_to_dict(r) for r in getattr(d, "copies", ())]}


def added_file_to_dict(a: AddedFile) -> dict[str, Any]:
    return {"name": a.name, "doc_id": a.doc_id, "note": a.note}
