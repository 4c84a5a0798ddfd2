"""The LLM's part of a brief, within a token budget. Every section is built extractively first
(answer.brief.assemble, ~0.1 s, streamed at once); the LLM then does only what needs a language model.

Contract of `llm_write(sections, sources, topic, lang, p, llm, settings)`, a generator of (kind, value):
- translate: key points quoted in another language than the brief's (an English brief over Indonesian
  articles) are rewritten as one short sentence each in `lang`, BATCH points per prompt, the best points
  first, at most `brief_max_points`. Each written point is checked against the articles its quote cites
  (answer.brief.check) and replaces the quote only when it passes, is not the quote copied back, and names no
  office the quote does not (answer.brief.signals.offices: the check lets title words through); otherwise
  the point keeps its extractive quote. After each batch: ("key_points", the key points so far).
- summary: two or three sentences in `lang` from the top SUMMARY_POINTS key points (their written text when
  translated, which is shorter to read), one passage per source numbered as the brief's sources, checked the
  same way; then ("summary", the checked sentences), or nothing when none passes (the extractive summary
  stands). A written sentence clearly in another language than `lang`, or naming an office its cited
  articles do not, is dropped.
- the model's text as it streams: ("token", piece).
Every call sends the same system prompt (`brief_system`: llama.cpp reuses its evaluated prefix across calls),
a small user prompt with the fixed task first and the points last (the task's tokens are reused across
batches too), and caps max_tokens (TOKENS_PER_POINT per point, SUMMARY_MAX_TOKENS). Passages are neutralised
as chat passages are (answer.generators). A failing model ends the LLM part: what was checked so far stays.
The budget: at most `brief_llm_max_tokens` generated in all (SUMMARY_MAX_TOKENS of them kept for the
summary: translation stops when the rest is used), and no further translation batch starts once the LLM
part has run BUDGET_S: on the 2-core machine one batch (the top three points) and the summary fit in ~25 s;
a faster or remote model translates more, a loaded machine keeps more quotes rather than taking minutes. Returns a `Usage`: calls, pieces
streamed, milliseconds per stage, counts.
"""

from __future__ import annotations

import re
import time
from collections.abc import Generator
from dataclasses import dataclass
from typing import Any

from assistant.answer import citations
from assistant.answer.brief import signals
from assistant.answer.brief.assemble import quote_label
from assistant.answer.brief.check import Sources
from assistant.answer.generators import REMOVED, _as_data
from assistant.answer.prompts import Prompts
from assistant.backends.chat import chat_pieces
from assistant.records import BriefStatement, Lang
from assistant.settings import Settings
from assistant.text import injection, language
from assistant.text.sentences import split_sentences

# Measured on the 2-core machine (Qwen2.5 1.5B Q4_K_M, 2 threads, idle): ~30 prompt tokens/s read, ~8.5
# tokens/s written, so every generated token costs ~3.5 read ones: the caps are on what the model writes.
BATCH = 3  # key points per translation prompt
TOKENS_PER_POINT = 36  # a point of at most 20 words and its number
SUMMARY_POINTS = 3  # the summary is written from the top key points only
SUMMARY_MAX_TOKENS = 90  # two sentences with their markers
MAX_SUMMARY = 3
BUDGET_S = 12.0  # after this much LLM time no further translation batch starts (the summary still runs)
LANG_CONFIDENCE = 0.6  # a written sentence detected as another language than the brief's at this confidence: dropped
MIN_WORDS = 4
COPIED = 0.6  # a "translation" sharing this share of its words with the quote is the quote copied back

_LINE = re.compile(r"^\W*?(\d{1,2})\s*[.):\]-]\s*(.+)$")
_WORD = re.compile(r"\w+")

Event = tuple[str, Any]


@dataclass
class Usage:
    calls: int = 0
    pieces: int = 0  # streamed text pieces (one token each from the local model)
    translate_ms: float = 0.0
    summary_ms: float = 0.0
    translated: int = 0  # key points now written in the brief's language
    kept: int = 0  # key points that stay quotes (failed the check, or the budget ran out)
    failed: bool = False  # the model raised


def _passage(n: int, text: str) -> str:
    body = REMOVED if injection.addressed_to_ai(text) else _as_data(" ".join(text.split()))
    return f'<passage n="{n}">{body}</passage>'


def _clean(text: str) -> str:
    text = re.sub(r"\s+([.,;:!?])", r"\1", citations.MARKER.sub("", text).replace("**", ""))
    return " ".join(text.split()).strip(" \"“”'").strip()


def numbered_lines(text: str) -> dict[int, str]:
    """The model's "1. …" lines -> {1: "…"} (the first line per number; markup and markers dropped)."""
    out: dict[int, str] = {}
    for line in text.splitlines():
        m = _LINE.match(line.strip())
        if m and int(m[1]) not in out and _clean(m[2]):
            out[int(m[1])] = _clean(m[2])
    return out


def summary_sentences(text: str, p: Prompts) -> list[str]:
    """The model's summary -> its sentences (a heading such as "Summary:" or "Summary in English:" and
    bullets dropped)."""
    heading = re.compile(rf"^{re.escape(p.word('brief_summary'))}\b[^:.]{{0,30}}:\s*", re.I)
    out = []
    for line in text.splitlines():
        bare = re.sub(r"^\s*(?:[-*•]|\d+[.)])\s+", "", line).replace("**", "").strip().strip("#").strip()
        bare = heading.sub("", bare)
        out.extend(s for s in split_sentences(bare) if s.strip())
    return out


def _in_language(text: str, lang: Lang) -> bool:
    """Not clearly another language than `lang` (a small model may answer in the passages' language)."""
    found, confidence = language.detect(citations.MARKER.sub("", text), lang)
    return found == lang or confidence < LANG_CONFIDENCE


def _offices_of(sources: Sources, cites: tuple[int, ...]) -> set[str]:
    return {o for n in cites for s in sources.articles[n - 1].sentences for o in signals.offices(s.text)}


def _copied(written: str, quote: str) -> bool:
    w = {x.lower() for x in _WORD.findall(written)}
    q = {x.lower() for x in _WORD.findall(quote)}
    return not w or len(w & q) / len(w) >= COPIED


def _call(llm: Any, p: Prompts, user: str, max_tokens: int, settings: Settings,
          usage: Usage) -> Generator[Event, None, str | None]:
    parts: list[str] = []
    try:
        for piece in chat_pieces(llm, p["brief_system"], user, max_tokens, settings):
            parts.append(piece)
            yield "token", piece
    except Exception:  # noqa: BLE001 - any failure of the model: what was checked so far stands
        usage.failed = True
        return None
    finally:
        usage.calls += 1
        usage.pieces += len(parts)
    return "".join(parts)


def _translate(points: list[BriefStatement], sources: Sources, lang: Lang, p: Prompts, llm: Any,
               settings: Settings, usage: Usage, started: float) -> Generator[Event, None, None]:
    todo = [i for i, st in enumerate(points) if st.quoted and st.lang != lang][:settings.brief_max_points]
    t0 = time.perf_counter()
    while todo and time.perf_counter() - started < BUDGET_S:
        # The generation budget: what is left of `brief_llm_max_tokens` once the summary's share is set aside.
        room = (settings.brief_llm_max_tokens - SUMMARY_MAX_TOKENS - usage.pieces - 8) // TOKENS_PER_POINT
        batch, todo = todo[:min(BATCH, room)], todo[min(BATCH, room):]
        if not batch:
            break
        user = p["brief_translate"].format(points="\n".join(_passage(j, points[i].text)
                                                            for j, i in enumerate(batch, start=1)))
        text = yield from _call(llm, p, user, TOKENS_PER_POINT * len(batch) + 8, settings, usage)
        if text is None:
            break
        got = numbered_lines(text)
        items = [(i, got.get(j, "")) for j, i in enumerate(batch, start=1)]
        items = [(i, t) for i, t in items
                 if len(t.split()) >= MIN_WORDS and not _copied(t, points[i].text) and _in_language(t, lang)]
        verdicts = sources.check([(t, points[i].cites) for i, t in items])
        for (i, text_), cites in zip(items, verdicts):
            if cites and signals.offices(text_) <= signals.offices(points[i].text):
                old = points[i]
                label = quote_label(old.lang, lang, p)
                lead = " · ".join(b for b in old.lead.split(" · ") if b and b != label)
                points[i] = BriefStatement(text=text_, cites=cites, lang=lang, lead=lead)
                usage.translated += 1
        yield "key_points", tuple(points)
    usage.kept = sum(1 for st in points if st.quoted and st.lang != lang)
    usage.translate_ms = (time.perf_counter() - t0) * 1000


def _summary(points: list[BriefStatement], sources: Sources, topic: str, p: Prompts, lang: Lang, llm: Any,
             settings: Settings, usage: Usage) -> Generator[Event, None, None]:
    t0 = time.perf_counter()
    by_source: dict[int, list[str]] = {}
    for st in points[:SUMMARY_POINTS]:
        if st.cites and st.text not in by_source.setdefault(st.cites[0], []):
            by_source[st.cites[0]].append(st.text)
    if not by_source:
        return
    passages = "\n".join(_passage(n, " ".join(texts)) for n, texts in by_source.items())
    limit = max(min(SUMMARY_MAX_TOKENS, settings.brief_llm_max_tokens - usage.pieces), 32)
    text = yield from _call(llm, p, p["brief_summary"].format(points=passages, topic=_as_data(topic)),
                            limit, settings, usage)
    usage.summary_ms = (time.perf_counter() - t0) * 1000
    if text is None:
        return
    every = tuple(by_source)
    items = []
    for s in summary_sentences(text, p):
        bare = _clean(s)
        if len(bare.split()) >= MIN_WORDS and _in_language(bare, lang):
            items.append((bare, tuple(citations.markers(s)) or every))
    seen: set[str] = set()
    kept = []
    for (bare, _), cites in zip(items, sources.check(items)):
        key = re.sub(r"\W+", " ", bare).strip().lower()
        if cites and key not in seen and signals.offices(bare) <= _offices_of(sources, cites):
            seen.add(key)
            kept.append(BriefStatement(text=bare, cites=cites, lang=lang))
    if kept:
        yield "summary", tuple(kept[:MAX_SUMMARY])


def llm_write(sections: Any, sources: Sources, topic: str, lang: Lang, p: Prompts, llm: Any,
              settings: Settings) -> Generator[Event, None, Usage]:
    """Yields ("token" | "key_points" | "summary", value); returns the Usage (see the module contract)."""
    usage = Usage()
    started = time.perf_counter()
    points = list(sections.key_points)
    yield from _translate(points, sources, lang, p, llm, settings, usage, started)
    if not usage.failed:
        yield from _summary(points, sources, topic, p, lang, llm, settings, usage)
    return usage

