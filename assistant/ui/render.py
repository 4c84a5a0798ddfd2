"""Rendering for the chat UI: plain functions of (state, language) -> HTML/Markdown, so a label switch
re-renders the page without asking again. No Gradio here.

Every text that comes from a document or a model is HTML-escaped; the only markup added is the citation
links (`#src-n`, the ids of the source cards: the page script scrolls to them), the cards, the status line
(whose `data-status`/`data-turn`/`data-lang` attributes the browser tests wait on) and the corpus table.
"""

from __future__ import annotations

import html
import re
from typing import Any

from assistant.answer.citations import MARKER
from assistant.answer.prompts import load as load_prompts
from assistant.records import Answer, Citation
from assistant.ui.state import BUSY, CorpusState, PanelState, StatusState
from assistant.ui.words import format_date, t


def link_citations(text: str) -> str:
    """'… in Moscow [1][2].' -> the markers as links to the source cards (`#src-n`). '[1, 2]' becomes two links."""

    def links(match: re.Match[str]) -> str:
        return "".join(f'<a class="warta-cite" href="#src-{n}">[{n}]</a>' for n in re.findall(r"\d+", match.group(1)))

    return MARKER.sub(links, text)


def render_answer(answer: Answer) -> str:
    """The final reply. A refusal is marked as a whole (`answer.refused` says it is one; its text is the
    answer stage's own sentence, in the answer's language)."""
    lang = answer.language
    text = answer.answer.strip()
    if answer.refused:
        return f'<span class="warta-refused">{html.escape(text or load_prompts(None, lang)["refusal"])}</span>'
    body = link_citations(text)
    if answer.dropped:
        body += f"\n\n<small><i>{html.escape(t(lang, 'dropped', n=len(answer.dropped)))}</i></small>"
    return body


def _highlight(quote: str, supporting: str) -> str:
    """The passage, HTML-escaped, with its supporting sentence in <mark> (matched ignoring whitespace)."""
    escaped = html.escape(quote)
    words = supporting.split()
    if not words:
        return escaped
    pattern = r"\s+".join(re.escape(html.escape(w)) for w in words)
    match = re.search(pattern, escaped)
    if not match:
        return escaped
    return f"{escaped[:match.start()]}<mark>{match.group(0)}</mark>{escaped[match.end():]}"


def render_card(c: Citation, lang: str) -> str:
    meta = " · ".join([
        html.escape(c.source or t(lang, "unknown_outlet")),
        html.escape(format_date(c.published, lang)),
        f"<code>{html.escape(c.doc_id)}</code>",
    ])
    return (f'<li class="warta-card" id="src-{int(c.n)}" data-doc-id="{html.escape(c.doc_id)}">'
            f'<div class="warta-card-top"><span class="warta-card-n">{int(c.n)}</span>'
            f'<span class="warta-card-title">{html.escape(c.title)}</span></div>'
            f'<div class="warta-card-meta">{meta}</div>'
            f'<blockquote class="warta-card-quote">{_highlight(c.quote, c.supporting)}</blockquote></li>')


# The sources panel's heading and note per kind of panel (words keys).
_PANEL_WORDS: dict[str, tuple[str, str | None]] = {
    "empty": ("sources_heading", "sources_empty"),
    "evidence": ("sources_retrieved", "sources_retrieved_note"),
    "answer": ("sources_heading", None),
    "refused": ("closest_heading", "closest_note"),
}


def render_sources(panel: PanelState, lang: str) -> str:
    head_key, note_key = _PANEL_WORDS[panel.kind]
    head = f'<div class="warta-sources-head">{html.escape(t(lang, head_key))}</div>'
    note = html.escape(t(lang, note_key)) if note_key else ""
    if panel.kind == "empty":
        return f'<div class="warta-sources empty">{head}<p class="warta-empty">{note}</p></div>'
    note = f'<p class="warta-sources-note">{note}</p>' if note else ""
    cards = "".join(render_card(c, lang) for c in panel.cards)
    none = f'<p class="warta-empty">{html.escape(t(lang, "sources_none"))}</p>'
    body = f'<ol class="warta-cards">{cards}</ol>' if cards else none
    return f'<div class="warta-sources {panel.kind}" data-kind="{panel.kind}">{head}{note}{body}</div>'


def render_status(status: StatusState, lang: str, initial: bool = False) -> str:
    """The status line. `data-lang` (the labels' language) is absent only in the page's first render, before the
    load event has applied the browser's language: tests wait for it."""
    attrs = "" if initial else f' data-lang="{html.escape(lang)}"'
    if status.key is None:
        return f'<div class="warta-status idle"{attrs}></div>'
    css = "busy" if status.key in BUSY else status.key
    text = t(lang, f"status_{status.key}", **status.fields())
    return (f'<div class="warta-status {css}" data-status="{status.key}"{attrs} data-turn="{int(status.turn)}">'
            f"{html.escape(text)}</div>")


def render_header(lang: str) -> str:
    return f"# Warta\n{t(lang, 'subtitle')}"


_COLUMNS = ("col_title", "col_date", "col_outlet", "col_language", "col_chunks", "col_id")


def render_corpus(corpus: CorpusState, lang: str) -> tuple[str, Any]:
    """The corpus tab: an intro line (Markdown) and the table (a pandas DataFrame, as gr.Dataframe takes)."""
    import pandas as pd  # a gradio dependency; imported here so the other renderers stay light

    rows = [[d.title, format_date(d.published, lang), d.source or "—",
             t(lang, f"lang_{d.language}") if d.language in ("id", "en") else str(d.language), d.chunks, d.doc_id]
            for d in corpus.docs]
    if corpus.failed:
        intro = t(lang, "corpus_error", message=corpus.message or t(lang, "internal_detail"))
    elif not rows:
        intro = t(lang, "corpus_empty")
    else:
        intro = t(lang, "corpus_intro", docs=len(rows), chunks=sum(d.chunks for d in corpus.docs))
    return intro, pd.DataFrame(rows, columns=[t(lang, key) for key in _COLUMNS])
