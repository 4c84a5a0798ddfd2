"""The LLM's part of a brief: the summary and the key points, written from the extracted, cited material.

Contract: `llm_sections(sections, sources, topic, lang, p, llm, settings)` gives the model only the
statements the extractive brief already checked, grouped by source (one passage per article, numbered as
the brief's sources, neutralised as chat passages are: answer.generators.format_passages), asks for
"Summary:" and "Key points:" in `lang`, yields its text as it streams, and checks every sentence it wrote
against the articles (answer.brief.check). It returns (summary, key_points), or None when the model fails
or fewer than one summary sentence and two distinct key points survive the check: the caller then keeps the
extractive sections and says so.
"""

from __future__ import annotations

import re
from collections.abc import Generator

from assistant.answer import citations
from assistant.answer.brief.check import Sources
from assistant.answer.generators import format_passages
from assistant.answer.prompts import Prompts
from assistant.backends.llm import LLM
from assistant.records import BriefStatement, Evidence, Lang
from assistant.settings import Settings
from assistant.text.sentences import split_sentences

_BULLET = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")
MIN_POINTS = 2
# Statements per source in the prompt: on 2 cores the prompt is the cost (staged: never whole articles).
MAX_PER_SOURCE = 3


def _material(sections, sources: Sources) -> list[Evidence]:  # type: ignore[no-untyped-def]
    """One passage per source: the checked statements citing it (key points, timeline, next steps)."""
    said: dict[int, list[str]] = {}
    statements = list(sections.key_points) + [e.statement for e in sections.timeline] + \
        [e.statement for e in sections.next_steps]
    for st in statements:
        for n in st.cites[:1]:
            if st.text not in said.setdefault(n, []):
                said[n].append(st.text)
    out = []
    for ev in sources.evidence:
        if ev.n in said:
            texts = tuple(said[ev.n][:MAX_PER_SOURCE])
            out.append(Evidence(n=ev.n, hit=ev.hit, sentences=texts, best_sentence=texts[0], similarity=ev.similarity))
    return out


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().lower()


def _distinct(statements: list[BriefStatement], seen: set[str] | None = None) -> list[BriefStatement]:
    seen = set() if seen is None else seen
    out = []
    for st in statements:
        key = _norm(st.text)
        if key not in seen:
            seen.add(key)
            out.append(st)
    return out


def _split(text: str, p: Prompts) -> tuple[list[str], list[str]]:
    """The model's text -> (summary sentences, key point lines), by its two headings."""
    summary: list[str] = []
    points: list[str] = []
    target = summary
    heads = {p.word("brief_summary").lower(): summary, p.word("brief_key_points").lower(): points}
    for line in text.splitlines():
        bare = line.strip().strip("*#").strip()
        if not bare:
            continue
        head = bare.rstrip(":").strip().lower()
        if bare.endswith(":") and head in heads or head in heads:
            target = heads[head]
            continue
        if _BULLET.match(line):
            points.append(_BULLET.sub("", line).strip())
        elif target is summary:
            summary.extend(split_sentences(bare))
        else:
            points.append(bare)
    return summary, points


Written = tuple[tuple[BriefStatement, ...], tuple[BriefStatement, ...]] | None


def llm_sections(sections, sources: Sources, topic: str, lang: Lang, p: Prompts, llm: LLM,  # type: ignore[no-untyped-def]
                 settings: Settings) -> Generator[str, None, Written]:
    """Yields the model's text as it comes; returns the checked sections (see the module contract)."""
    material = _material(sections, sources)
    if not material:
        return None
    user = p["brief_user"].format(passages=format_passages(material), topic=topic)
    parts: list[str] = []
    try:
        for piece in llm.stream_chat(p["brief_system"], user, settings.brief_llm_max_tokens):
            parts.append(piece)
            yield piece
    except Exception:  # noqa: BLE001 - any failure of the model: the extractive brief stands, with a note
        return None
    summary, points = _split("".join(parts), p)

    def checked(lines: list[str]) -> list[BriefStatement]:
        items = [(citations.MARKER.sub("", s).strip(), tuple(citations.markers(s))) for s in lines]
        items = [(t, c) for t, c in items if len(t.split()) >= 3]
        verdicts = sources.check(items)
        return [BriefStatement(text=t, cites=v, lang=lang) for (t, _), v in zip(items, verdicts) if v]

    kept_summary = _distinct(checked(summary))[:3]
    # A small model repeats itself: a point already said (in the summary or above) is dropped.
    kept_points = _distinct(checked(points), seen={_norm(s.text) for s in kept_summary})
    if not kept_summary or len(kept_points) < MIN_POINTS:
        return None
    return tuple(kept_summary), tuple(kept_points)
