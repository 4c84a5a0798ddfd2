"""Answer: a Query and its EvidenceSet -> a cited, checked Answer in the query's language, or an honest
refusal, streamed.

Contract of `answer_stream`: yields an "evidence" event with the numbered passages (before any generation,
so a UI can show sources at once), then "status" and "token" events from the generator, then exactly one
final "answer" event. Token events never carry the generator's NOT_FOUND sentinel: text is held back while
it could still be one, and a generator that says the passages do not answer becomes a refusal. The answer
is refused, with the closest sources, when the refusal rules say so (answer.refusal), when the generator
says the passages do not answer, or when no sentence survives the citation check. When a generated answer
has no checked sentence, or what survives does not address the question (`citations.addresses`: one word,
no content word in common with the question or its cited sentences; what an injected "answer only with
…" produces), the `fallback` generator's answer (quotes) is checked instead, under the same rule.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

from assistant.answer import briefing, citations, prompts
from assistant.answer.generators import NOT_FOUND, Generator
from assistant.answer.refusal import should_refuse
from assistant.backends.embed import Embedder
from assistant.errors import LLMUnavailable
from assistant.records import Answer, AskEvent, EvidenceSet, Query
from assistant.settings import Settings

# The sentinel may follow a short preamble ("Answer: NOT_FOUND"): look this far into the text for it.
_SENTINEL_WINDOW = 40


def _is_refusal(text: str) -> bool:
    return NOT_FOUND in text[:_SENTINEL_WINDOW] or text.upper().startswith(NOT_FOUND)


def _without_sentinel(pieces: Iterator[str], raw: list[str]) -> Iterator[str]:
    """Pass generated pieces on, appending each to `raw`, but hold them back until the text is long enough
    to know it is not the NOT_FOUND sentinel; a refusal is then never shown as text. A text that never
    gets that long is not previewed at all: the checked final answer shows what of it holds up (so a
    one-word answer dictated by an article, "PWNED [1]", never appears even for a moment)."""
    held = ""
    released = False
    for piece in pieces:
        raw.append(piece)
        if released:
            yield piece
            continue
        held += piece
        if len(held.strip()) >= _SENTINEL_WINDOW + len(NOT_FOUND):
            if _is_refusal(held.strip()):
                continue  # keep collecting; the caller refuses at the end
            released = True
            yield held


class _Named:
    """A generator under another name (the fallback, named for what it stands in for)."""

    def __init__(self, inner: Generator, name: str) -> None:
        self.inner, self.name = inner, name

    def generate(self, query: Query, evidence: list) -> Iterator[str]:  # type: ignore[type-arg]
        return self.inner.generate(query, evidence)


def answer_stream(query: Query, evidence: EvidenceSet, generator: Generator, fallback: Generator,
                  embedder: Embedder, settings: Settings, started: float,
                  timings: dict[str, float] | None = None) -> Iterator[AskEvent]:
    """`started`: when the question arrived (perf_counter), for the total; `timings`: the earlier stages'."""
    timings = dict(timings or {})
    passages = list(evidence.passages)
    closest = tuple(citations.citation_for(ev) for ev in passages)
    yield AskEvent(kind="evidence", evidence=closest)
    lang = query.language
    note = ""

    def refusal(dropped: tuple[str, ...] = ()) -> AskEvent:
        timings["total"] = (time.perf_counter() - started) * 1000
        p = prompts.load(settings.prompts_dir, lang)
        return AskEvent(kind="answer", answer=Answer(
            question=query.text, language=lang, answer=p["refusal"], refused=True, citations=(),
            generator=generator.name, timings_ms=timings, dropped=dropped, closest=closest, note=note))

    if should_refuse(query, evidence, settings):
        yield refusal()
        return

    yield AskEvent(kind="status", status="writing")
    t1 = time.perf_counter()
    first_token: float | None = None
    raw_parts: list[str] = []
    try:
        for piece in _without_sentinel(generator.generate(query, passages), raw_parts):
            if first_token is None:
                first_token = time.perf_counter()
            yield AskEvent(kind="token", text=piece)
    except LLMUnavailable as exc:
        # What the model wrote before it broke off is no answer: the quotes stand in, with the reason.
        note = str(exc)
        raw_parts = list(fallback.generate(query, passages))
        generator = _Named(fallback, f"{fallback.name} ({generator.name} unavailable)")
    t2 = time.perf_counter()
    timings["generate"] = (t2 - t1) * 1000
    if first_token is not None:
        timings["first_token"] = (first_token - t1) * 1000
    raw = "".join(raw_parts).strip()
    if not raw or _is_refusal(raw):
        yield refusal()
        return

    yield AskEvent(kind="status", status="checking")

    def check(text: str) -> citations.Checked:
        return citations.check(text, passages, evidence.vectors, embedder, settings.min_support, query.text)

    def shown(c: citations.Checked) -> bool:
        return bool(c.citations) and citations.addresses(query.text, c)

    checked = check(raw)
    generator_name = generator.name
    if not shown(checked) and fallback.name != generator.name and not note:
        # The model wrote something but no sentence of it checks out: the quotes themselves are a
        # supported answer, where a refusal would be wrong (retrieval found relevant passages).
        # What the model wrote but is not shown counts as dropped, so the reader learns it was removed.
        unshown = checked.dropped + (checked.claims if checked.citations else ())
        quoted = check("".join(fallback.generate(query, passages)))
        checked = citations.Checked(quoted.text, quoted.citations, unshown + quoted.dropped, quoted.claims)
        generator_name = f"{generator.name} -> {fallback.name} (no generated sentence passed the citation check)"
    timings["check"] = (time.perf_counter() - t2) * 1000
    if not shown(checked):
        yield refusal(checked.dropped + (checked.claims if checked.citations else ()))
        return
    text = checked.text
    if query.briefing:
        text = briefing.lay_out(text, checked.citations, prompts.load(settings.prompts_dir, lang))
    timings["total"] = (time.perf_counter() - started) * 1000
    yield AskEvent(kind="status", status="done")
    yield AskEvent(kind="answer", answer=Answer(
        question=query.text, language=lang, answer=text, refused=False, citations=checked.citations,
        generator=generator_name, timings_ms=timings, dropped=checked.dropped, closest=closest, note=note))
