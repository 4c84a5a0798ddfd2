"""Rendering for the chat UI: plain functions of (data, language) -> HTML/Markdown, so a label switch can
re-render without asking again. No Gradio here."""

import html
import re
from typing import Any

from assistant.answer.citations import MARKER
from assistant.records import Answer
from assistant.ui.words import format_date, t

BUSY = ("searching", "writing", "checking", "working")

# Rendering: plain functions of (data, language) -> HTML/Markdown, so a label switch can re-render --------------

def link_citations(text: str) -> str:
    """'… in Moscow [1][2].' -> the markers as links to the source cards (`#src-n`). '[1, 2]' becomes two links."""

    def repl(match: re.Match[str]) -> str:
        return "".join(f'<a class="warta-cite" href="#src-{n}">[{n}]</a>' for n in re.findall(r"\d+", match.group(1)))

    return MARKER.sub(repl, text)


def render_answer(answer: Answer) -> str:
    lang = answer.language
    if answer.refused:
        text = answer.answer.strip()
        heading = t(lang, "refused").rstrip(".")
        if text.lower().startswith(heading.lower()):  # the pipeline's refusal already says so: mark it
            return f'<span class="warta-refused">{html.escape(text[:len(heading)])}</span>{text[len(heading):]}'
        body = f'<span class="warta-refused">{html.escape(t(lang, "refused"))}</span>'
        return body + ("\n\n" + text if text else "")
    body = link_citations(answer.answer.strip())
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


def render_card(c: dict[str, Any], lang: str) -> str:
    n = int(c["n"])
    meta = " · ".join([
        html.escape(c.get("source") or t(lang, "unknown_outlet")),
        html.escape(format_date(c.get("published"), lang)),
        f'<code>{html.escape(c.get("doc_id") or "")}</code>',
    ])
    return (f'<li class="warta-card" id="src-{n}" data-doc-id="{html.escape(c.get("doc_id") or "")}">'
            f'<div class="warta-card-top"><span class="warta-card-n">{n}</span>'
            f'<span class="warta-card-title">{html.escape(c.get("title") or "")}</span></div>'
            f'<div class="warta-card-meta">{meta}</div>'
            f'<blockquote class="warta-card-quote">{_highlight(c.get("quote") or "", c.get("supporting") or "")}'
            f"</blockquote></li>")


def render_sources(panel: dict[str, Any], lang: str) -> str:
    """panel = {"kind": "empty" | "evidence" | "answer" | "refused", "cards": [citation dicts]}."""
    kind = panel.get("kind", "empty")
    if kind == "empty":
        return (f'<div class="warta-sources empty"><div class="warta-sources-head">{html.escape(t(lang, "sources"))}'
                f'</div><p class="warta-empty">{html.escape(t(lang, "sources_empty"))}</p></div>')
    head, note = {
        "evidence": (t(lang, "sources_retrieved"), t(lang, "sources_retrieved_note")),
        "refused": (t(lang, "sources_closest"), t(lang, "sources_closest_note")),
    }.get(kind, (t(lang, "sources"), ""))
    cards = "".join(render_card(c, lang) for c in panel.get("cards", []))
    body = f'<ol class="warta-cards">{cards}</ol>' if cards else f'<p class="warta-empty">{t(lang, "sources_none")}</p>'
    note_html = f'<p class="warta-sources-note">{html.escape(note)}</p>' if note else ""
    return (f'<div class="warta-sources {kind}" data-kind="{kind}"><div class="warta-sources-head">'
            f'{html.escape(head)}</div>{note_html}{body}</div>')


def render_status(status: dict[str, Any], lang: str, initial: bool = False) -> str:
    """The status line. `data-lang` (the labels' language) is absent only in the page's first render, before the
    load event has applied the browser's language: tests wait for it."""
    key = status.get("key")
    attrs = "" if initial else f' data-lang="{lang}"'
    if not key:
        return f'<div class="warta-status idle"{attrs}></div>'
    css = "busy" if key in BUSY else key
    fields = {k: v for k, v in status.items() if k != "key"}
    if "turn" in status:
        attrs += f' data-turn="{int(status["turn"])}"'
    return (f'<div class="warta-status {css}" data-status="{key}"{attrs}>'
            f'{html.escape(t(lang, "status_" + key, **fields))}</div>')


def _header(lang: str) -> str:
    return f"# Warta\n{t(lang, 'subtitle')}"


def _corpus_view(docs: list[dict[str, Any]] | None, error: str | None, lang: str) -> tuple[str, Any]:
    import pandas as pd  # a gradio dependency

    columns = [t(lang, k) for k in ("col_title", "col_date", "col_outlet", "col_language", "col_chunks", "col_id")]
    rows = [[d["title"], format_date(d.get("published"), lang), d.get("source") or "—",
             t(lang, "lang_" + d["language"]) if d.get("language") in ("id", "en") else str(d.get("language")),
             d["chunks"], d["doc_id"]] for d in docs or []]
    if error:
        intro = t(lang, "corpus_error", message=error)
    elif not rows:
        intro = t(lang, "corpus_empty")
    else:
        intro = t(lang, "corpus_intro", docs=len(rows), chunks=sum(int(d["chunks"]) for d in docs or []))
    return intro, pd.DataFrame(rows, columns=columns)


# Streaming -------------------------------------------------------------------------------------------------------
