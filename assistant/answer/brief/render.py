"""A Briefing as data and as a document: `to_dict` (the JSON of `warta brief --format json`, the API and the
MCP tool), `blocks` (the brief as a list of typed blocks: every exporter lays out the same blocks, so
Markdown, PDF and DOCX hold the same sections and the same citations), and `to_markdown`.

Block kinds: "title", "meta", "heading", "para", "bullet", "source" (a numbered source line). A statement
is written `*lead:* “quote” [n]` (quoted article text) or `text [n]`. Coverage lists each outlet's articles
and, under them ("↳ Also reported by …"), the other outlets' syndicated copies, each naming the [n] it copies.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from assistant.answer import prompts
from assistant.answer.brief import when
from assistant.records import Briefing, BriefStatement, TimelineEntry
from assistant.settings import Settings

Block = tuple[str, str]


def to_dict(b: Briefing) -> dict[str, Any]:
    data = asdict(b)
    data["window"] = asdict(b.window) if b.window else None
    data["timings_ms"] = {k: round(v, 1) for k, v in b.timings_ms.items()}
    return data


def marks(cites: tuple[int, ...]) -> str:
    return "".join(f"[{n}]" for n in cites)


def statement(st: BriefStatement) -> str:
    # A quote that opens with the article's own quotation mark is not wrapped in a second one.
    text = f"“{st.text}”" if st.quoted and st.text[:1] not in "“\"" else st.text
    lead = f"*{st.lead}:* " if st.lead else ""
    return f"{lead}{text} {marks(st.cites)}".strip()


def _dated(e: TimelineEntry, p: prompts.Prompts) -> str:
    months = p.words_list("months")
    head = f"**{when.display(e.date, months)}**" if e.date else ""
    if e.date and e.dated_by == "published":
        head += f" ({p['reported']})"
    return f"{head} — {statement(e.statement)}" if head else statement(e.statement)


def blocks(b: Briefing, settings: Settings) -> list[Block]:
    p = prompts.load(settings.prompts_dir, b.language)
    w = p.word
    months = p.words_list("months")
    out: list[Block] = [("title", f"{w('brief_title')}: {b.topic}")]
    meta = []
    if b.window:
        lo = when.display(b.window.start, months) if b.window.start else "…"
        hi = when.display(b.window.end, months) if b.window.end else "…"
        meta.append(f"{w('brief_period')}: {lo} – {hi}")
    meta.append(f"{w('brief_generator')}: {b.generator}")
    out.append(("meta", " · ".join(meta)))
    if b.refused:
        out.append(("para", w("brief_refused")))
        return out
    out += [("heading", w("brief_summary")), ("para", " ".join(statement(s) for s in b.summary))]
    out.append(("heading", w("brief_key_points")))
    out += [("bullet", statement(s)) for s in b.key_points]
    if b.timeline:
        out.append(("heading", w("brief_timeline")))
        out += [("bullet", _dated(e, p)) for e in b.timeline]
    if b.actors:
        out.append(("heading", w("brief_actors")))
        out += [("bullet", f"**{a.name}**" + (f" — {a.role}" if a.role else "") + f" {marks(a.cites)}")
                for a in b.actors]
    if b.next_steps:
        out.append(("heading", w("brief_next")))
        out += [("bullet", _dated(e, p)) for e in b.next_steps]
    out.append(("heading", w("brief_coverage")))
    by_n = {s.doc_id: s.n for s in b.sources}
    for c in b.coverage:
        span = ""
        if c.first:
            first, last = when.display(c.first, months), when.display(c.last or c.first, months)
            span = f", {first}" if first == last else f", {first} – {last}"
        cited = marks(tuple(sorted(by_n[d] for d in c.doc_ids if d in by_n)))
        out.append(("bullet", f"{c.source or w('unknown_outlet')}: {c.articles} {w('brief_articles')}{span} {cited}"))
        for copy in c.copies:  # syndicated copies, under the article they copy
            date = when.display(copy.published[:10], months) if copy.published else w("brief_undated_source")
            out.append(("bullet", f"↳ {w('also_reported_by')}: {copy.source or w('unknown_outlet')}, {date} — "
                                  f"{w('brief_copy_of')} {marks((by_n[copy.of],)) if copy.of in by_n else copy.of}"
                                  f" · {copy.doc_id}"))
    out.append(("heading", w("brief_sources")))
    for s in b.sources:
        date = when.display(s.published[:10], months) if s.published else w("brief_undated_source")
        out.append(("source", f"[{s.n}] {s.title} — {s.source or w('unknown_outlet')}, {date} — {s.doc_id}"))
    if b.notes:
        out.append(("heading", w("brief_notes")))
        out += [("bullet", n) for n in b.notes]
    return out


def to_markdown(b: Briefing, settings: Settings) -> str:
    lines: list[str] = []
    for kind, text in blocks(b, settings):
        if kind == "title":
            lines += [f"# {text}", ""]
        elif kind == "meta":
            lines += [f"*{text}*", ""]
        elif kind == "heading":
            lines += ["", f"## {text}", ""]
        elif kind == "para":
            lines += [text, ""]
        elif kind == "bullet":  # a syndicated copy (↳) nests under its article's outlet
            lines.append(f"  - {text}" if text.startswith("↳ ") else f"- {text}")
        elif kind == "source":
            lines.append(f"- {text}")
    return "\n".join(lines).replace("\n\n\n", "\n\n").strip() + "\n"
