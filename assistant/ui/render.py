"""Rendering for the chat UI: plain functions of (state, language) -> HTML/Markdown, so a label switch
re-renders the page without asking again. No Gradio here.

Every text that comes from a document or a model is untrusted: it is HTML-escaped here (ui/safe.py), and the
chat renders answers with Markdown off, so an article's tags, Markdown images/links and bare URLs are shown
as text, never as elements. The only markup is Warta's own: the citation links (`#src-n`, the ids of the
source cards: the page script scrolls to them), paragraphs and lists of an answer, the cards and their
badges, the status line (whose `data-status`/`data-turn`/`data-lang` attributes the browser tests wait on).
"""

from __future__ import annotations

import html
import re
from pathlib import PurePath
from typing import Any

from assistant.answer.prompts import load as load_prompts
from assistant.records import Answer, Citation
from assistant.ui.safe import escape, markdown_literal, text_html
from assistant.ui.state import BUSY, CorpusState, PanelState, StatusState
from assistant.ui.words import format_date, t


def link_citations(text: str) -> str:
    """Untrusted text -> escaped HTML with the markers as links to the source cards (see ui/safe.py)."""
    return text_html(text)


def render_answer(answer: Answer) -> str:
    """The final reply, as HTML with only Warta's markup. A refusal is marked as a whole (`answer.refused` says
    it is one; its text is the answer stage's own sentence, in the answer's language)."""
    lang = answer.language
    text = answer.answer.strip()
    # Why the LLM did not write this answer (a remote server down or slow), when it did not.
    note = f"<p><small><i>{escape(t(lang, 'llm_fallback', reason=answer.note))}</i></small></p>" if answer.note else ""
    if answer.refused:
        return f'<span class="warta-refused">{escape(text or load_prompts(None, lang)["refusal"])}</span>' + note
    body = text_html(text)
    if answer.dropped:
        body += f"<p><small><i>{escape(t(lang, 'dropped', n=len(answer.dropped)))}</i></small></p>"
    return body + note


def render_standalone(standalone: str, lang: str) -> str:
    """The standalone question a follow-up was searched as ("Searching for: …"), as a line above the reply."""
    return f'<p class="warta-standalone">{escape(t(lang, "searching_for", question=standalone))}</p>'


def render_question(question: str) -> str:
    """The asker's question as the chat shows it: text, never markup (it may be pasted from anywhere)."""
    return escape(question.strip())


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


_FLAG_WORDS = {"instructions": "flag_instructions"}  # flags with words of their own in the [words] table


def render_flags(c: Citation, lang: str) -> str:
    """Badges for the passage's ingest flags (`c.flags`, e.g. ("instructions",): text that reads like orders
    to an AI). Known flags have their own words; any other gets a generic one. No flags -> ""."""
    raw = getattr(c, "flags", None) or ()  # absent on citations built before the ingest check had flags
    flags = tuple(dict.fromkeys((raw,) if isinstance(raw, str) else raw))
    badges = []
    for flag in flags:
        key = _FLAG_WORDS.get(flag, "flag_other")
        badges.append(f'<span class="warta-flag" data-flag="{escape(str(flag))}">{escape(t(lang, key))}</span>')
    return f'<div class="warta-flags">{"".join(badges)}</div>' if badges else ""


def render_card(c: Citation, lang: str) -> str:
    meta = " · ".join([
        html.escape(c.source or t(lang, "unknown_outlet")),
        html.escape(format_date(c.published, lang)),
        f"<code>{html.escape(c.doc_id)}</code>",
    ])
    return (f'<li class="warta-card" id="src-{int(c.n)}" data-doc-id="{html.escape(c.doc_id)}">'
            f'<div class="warta-card-top"><span class="warta-card-n">{int(c.n)}</span>'
            f'<span class="warta-card-title">{html.escape(c.title)}</span></div>'
            f'<div class="warta-card-meta">{meta}</div>{render_flags(c, lang)}{render_copies(c, lang)}'
            f'<blockquote class="warta-card-quote">{_highlight(c.quote, c.supporting)}</blockquote></li>')


def render_copies(c: Citation, lang: str) -> str:
    """"Also reported by <outlet, date, title>": the other outlets' copies of the cited release (escaped)."""
    copies = getattr(c, "also_reported_by", None) or ()
    if not copies:
        return ""
    items = "".join(f'<li data-doc-id="{html.escape(r.doc_id)}">{html.escape(r.source or t(lang, "unknown_outlet"))}'
                    f' · {html.escape(format_date(r.published, lang))} · {html.escape(r.title)}</li>' for r in copies)
    return (f'<div class="warta-copies"><span>{html.escape(t(lang, "also_reported_by"))}:</span>'
            f"<ul>{items}</ul></div>")


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


_COLUMNS = ("col_title", "col_date", "col_outlet", "col_language", "col_format", "col_chunks", "col_copies", "col_id")


def _format(d: Any) -> str:
    # The readers may record a format; else the file's suffix says it.
    return str(getattr(d, "format", "") or PurePath(getattr(d, "path", "") or "").suffix.lstrip(".") or "—")


def _copies_cell(d: Any, lang: str) -> str:
    copies = getattr(d, "copies", ()) or ()
    return "; ".join(f"{r.source or t(lang, 'unknown_outlet')}, {format_date(r.published, lang)} ({r.doc_id})"
                     for r in copies) or "—"


def render_corpus(corpus: CorpusState, lang: str) -> tuple[str, Any]:
    """The corpus tab: an intro line (Markdown) and the table (a pandas DataFrame, as gr.Dataframe takes)."""
    import pandas as pd  # a gradio dependency; imported here so the other renderers stay light

    rows = [[d.title, format_date(d.published, lang), d.source or "—",
             t(lang, f"lang_{d.language}") if d.language in ("id", "en") else str(d.language), _format(d), d.chunks,
             _copies_cell(d, lang), d.doc_id]
            for d in corpus.docs]
    if corpus.failed:
        # The message may quote a file name from the corpus: shown literally in the Markdown intro.
        intro = t(lang, "corpus_error", message=markdown_literal(corpus.message or t(lang, "internal_detail")))
    elif not rows:
        intro = t(lang, "corpus_empty")
    else:
        # Passages of copies (the sentences their release lacks) are in the index too.
        chunks = sum(d.chunks + sum(r.chunks for r in getattr(d, "copies", ())) for d in corpus.docs)
        intro = t(lang, "corpus_intro", docs=len(rows), chunks=chunks)
    return intro, pd.DataFrame(rows, columns=[t(lang, key) for key in _COLUMNS])
