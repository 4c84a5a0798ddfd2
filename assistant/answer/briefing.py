"""Briefing layout, built in code from a checked answer: a dated timeline of its key points and the people
named in the passages it cites.

Contract: `timeline(text, citations, words)` orders the cited lines of `text` by the date of the event each
one's supporting sentence names ("September 2024", "(28/2/2021)"), else by its article's publication date;
`actors(citations, words)` lists the people named in the cited quotes, each with the first citation naming
them. Both only rearrange what the citation check already passed: they add no claim.
"""

from __future__ import annotations

from assistant.answer.citations import markers
from assistant.answer.prompts import Prompts
from assistant.records import Citation
from assistant.text import dates, people


def timeline(text: str, citations: tuple[Citation, ...], p: Prompts) -> str:
    by_n = {c.n: c for c in citations}
    rows: list[tuple[str, str, str]] = []
    for line in text.splitlines():
        marks = markers(line)
        if not marks or marks[0] not in by_n:
            continue
        cited = by_n[marks[0]]
        published = (cited.published or "")[:10]
        event = dates.event_date(cited.supporting) or published
        reported = f" ({p['reported']} {published})" if published and not published.startswith(event) else ""
        words = line.lstrip("-*• ").split()
        claim = " ".join(words[:24]) + (f"… [{marks[0]}]" if len(words) > 24 else "")
        rows.append((event, reported, claim))
    rows.sort(key=lambda r: (r[0] == "", r[0]))
    lines = [f"{p['timeline_heading']}:"]
    lines += [f"- {event or p['undated']}{reported}: {claim}" for event, reported, claim in rows]
    return "\n".join(lines)


def actors(citations: tuple[Citation, ...], p: Prompts) -> str:
    named: dict[str, int] = {}
    for c in citations:
        for person in people.people(c.quote):
            if not any(set(person.split()) <= set(other.split()) for other in named):
                named[person] = c.n
    if not named:
        return ""
    return f"{p['actors_heading']}: " + "; ".join(f"{person} [{n}]" for person, n in named.items())


def lay_out(text: str, citations: tuple[Citation, ...], p: Prompts) -> str:
    """The briefing: the checked key points, then the timeline, then the actors (when any)."""
    people_line = actors(citations, p)
    return f"{text}\n\n{timeline(text, citations, p)}" + (f"\n\n{people_line}" if people_line else "")
