"""Briefing eval: a JSONL file of briefing requests -> the brief of each -> metrics (`warta eval FILE` picks
this up when the file's lines have a "topic").

A line: {"id", "lang", "topic", "from"?, "to"?, "docs": [on-topic doc ids], "must": [[alternatives], ...],
"no_coverage"?: true, "kind"?: a note}. A bad line raises EvalFileError "FILE:LINE: …".

Per request (answer.brief via `warta.brief`):
- coverage: the share of the on-topic documents that the brief's statements cite;
- off_topic: how many cited documents are not on topic (sources listed count too);
- must: the share of must-have facts (a group: any alternative, case-insensitive) found in the brief's text
  (Markdown: every section and the sources list);
- cited: every statement (summary, key points, timeline, next steps, actors) cites at least one listed
  source; checked: every quoted statement occurs verbatim in an article it cites, and every actor's name
  (and role) in one;
- timeline_ordered: the timeline's dates never go backwards;
- a no-coverage request must be refused; any other must not be.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.errors import EvalFileError


@dataclass(frozen=True)
class BriefRequest:
    id: str
    lang: str
    topic: str
    docs: tuple[str, ...]
    must: tuple[tuple[str, ...], ...] = ()
    date_from: str | None = None
    date_to: str | None = None
    no_coverage: bool = False
    kind: str = ""


def is_brief_file(path: Path) -> bool:
    try:
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            if line.strip():
                return '"topic"' in line and '"question"' not in line
    except OSError:
        return False
    return False


def load_briefs(path: Path) -> list[BriefRequest]:
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise EvalFileError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    out: list[BriefRequest] = []
    for no, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            d = json.loads(line)
            if not isinstance(d.get("topic"), str) or not d["topic"].strip() or d.get("lang") not in ("id", "en"):
                raise ValueError('needs "topic" (text) and "lang" ("id" or "en")')
            must = tuple(tuple([g] if isinstance(g, str) else g) for g in d.get("must", []))
            out.append(BriefRequest(id=str(d["id"]), lang=d["lang"], topic=d["topic"], docs=tuple(d.get("docs", [])),
                                    must=must, date_from=d.get("from"), date_to=d.get("to"),
                                    no_coverage=bool(d.get("no_coverage")), kind=str(d.get("kind", ""))))
        except (ValueError, KeyError, TypeError) as exc:
            raise EvalFileError(f"{path}:{no}: {exc}") from None
    return out


def _statements(b: Any) -> list[Any]:
    return [*b.summary, *b.key_points, *(e.statement for e in b.timeline), *(e.statement for e in b.next_steps)]


def score(req: BriefRequest, b: Any, markdown: str, doc_text: dict[str, str], ms: float) -> dict[str, Any]:
    doc_of = {s.n: s.doc_id for s in b.sources}
    statements = _statements(b)
    cited = {doc_of[n] for st in statements for n in st.cites if n in doc_of}
    cited |= {doc_of[n] for a in b.actors for n in a.cites if n in doc_of}
    listed = set(doc_of.values())
    on_topic = set(req.docs)
    text = markdown.lower()
    must = [any(alt.lower() in text for alt in group) for group in req.must]
    every_cited = all(st.cites and all(n in doc_of for n in st.cites) for st in statements) and \
        all(a.cites and all(n in doc_of for n in a.cites) for a in b.actors)
    checked = all(any(" ".join(st.text.split()) in doc_text.get(doc_of.get(n, ""), "") for n in st.cites)
                  for st in statements if st.quoted) and \
        all(any(a.name in doc_text.get(doc_of.get(n, ""), "") and a.role in doc_text.get(doc_of.get(n, ""), "")
                for n in a.cites) for a in b.actors)
    dates = [e.date for e in b.timeline]
    return {
        "id": req.id, "lang": req.lang, "kind": req.kind, "topic": req.topic, "refused": b.refused,
        "no_coverage": req.no_coverage,
        "coverage": len(cited & on_topic) / len(on_topic) if on_topic else None,
        "off_topic": len((cited | listed) - on_topic),
        "must": sum(must) / len(must) if must else None,
        "missing": [g[0] for g, ok in zip(req.must, must) if not ok],
        "cited": every_cited, "checked": checked,
        "timeline_ordered": all(a <= c for a, c in zip(dates, dates[1:])),
        "statements": len(statements), "sources": len(b.sources), "generator": b.generator, "ms": round(ms, 1),
    }


def _mean(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 3) if values else None


def run_briefs(warta: Any, requests: list[BriefRequest], generator: str | None = None,
               progress: Any = None) -> dict[str, Any]:
    from assistant.answer.brief.render import to_markdown

    doc_text: dict[str, list[str]] = {}
    for chunk in warta.retriever.chunks.values():
        doc_text.setdefault(chunk.doc_id, []).append(chunk.text)
    texts = {d: " ".join(" ".join(parts).split()) for d, parts in doc_text.items()}
    rows = []
    for i, req in enumerate(requests, start=1):
        if progress:
            progress(f"[brief {i}/{len(requests)}] {req.id}: {req.topic}")
        t0 = time.perf_counter()
        b = warta.brief(req.topic, date_from=req.date_from, date_to=req.date_to, generator=generator)
        ms = (time.perf_counter() - t0) * 1000
        rows.append(score(req, b, to_markdown(b, warta.settings), texts, ms))
    covered = [r for r in rows if not r["no_coverage"]]
    return {
        "n": len(rows),
        "coverage": _mean([r["coverage"] for r in covered if r["coverage"] is not None]),
        "off_topic_citations": sum(r["off_topic"] for r in rows),
        "must": _mean([r["must"] for r in covered if r["must"] is not None]),
        "every_statement_cited": _mean([float(r["cited"]) for r in covered]),
        "quotes_checked": _mean([float(r["checked"]) for r in covered]),
        "timeline_ordered": _mean([float(r["timeline_ordered"]) for r in covered]),
        "no_coverage_refused": _mean([float(r["refused"]) for r in rows if r["no_coverage"]]),
        "wrongly_refused": _mean([float(r["refused"]) for r in covered]),
        "ms_p50": sorted(r["ms"] for r in rows)[len(rows) // 2] if rows else None,
        "per_request": rows,
    }


def format_briefs(report: dict[str, Any]) -> str:
    keys = ("n", "coverage", "off_topic_citations", "must", "every_statement_cited", "quotes_checked",
            "timeline_ordered", "no_coverage_refused", "wrongly_refused", "ms_p50")
    lines = ["briefings:"] + [f"  {k}: {report.get(k)}" for k in keys]
    for r in report["per_request"]:
        missing = f" missing={r['missing']}" if r["missing"] else ""
        lines.append(f"  {r['id']} [{r['lang']}/{r['kind']}] coverage={r['coverage']} off_topic={r['off_topic']} "
                     f"must={r['must']} refused={r['refused']} ordered={r['timeline_ordered']} {r['ms']:.0f} ms{missing}")
    return "\n".join(lines)
