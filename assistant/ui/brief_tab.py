"""The Briefing tab: a topic, an optional date range and the brief's language in; the brief streamed out
section by section, with its numbered sources beside it and Download buttons for Markdown, PDF and DOCX.

    components = brief_layout(lang)      # inside the page's gr.Tabs()
    wire_brief(components, warta)        # the Generate button and Enter in the topic box

Every text from an article or the user is escaped here (ui/safe.py); only Warta's own markup is HTML:
headings, lists, bold names, and the [n] markers as links to the source cards ("#brief-src-n"). The status
line carries data-status ("working", "done", "refused", "error") for the browser test. Files are written
to a temporary folder of this server (answer.brief.export) and offered by Gradio's download buttons.

No `from __future__ import annotations` here: Gradio inspects the handlers' signatures.
"""

import re
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.offline import enforce_offline

enforce_offline()

import gradio as gr  # noqa: E402

from assistant.answer.brief.render import blocks  # noqa: E402
from assistant.records import Briefing  # noqa: E402
from assistant.ui.events import events_in_thread  # noqa: E402
from assistant.ui.failures import known_message  # noqa: E402
from assistant.ui.safe import escape  # noqa: E402
from assistant.ui.words import t  # noqa: E402

if TYPE_CHECKING:
    from assistant.service import Warta

PRIVATE: dict[str, Any] = {"api_visibility": "private"}
FORMATS = ("md", "pdf", "docx")
_MARK = re.compile(r"\[(\d+)\]")
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_ITALIC = re.compile(r"(?<![*\w])\*(?!\*)(.+?)(?<!\*)\*(?![*\w])")


@dataclass
class BriefComponents:
    tab: Any
    topic: Any
    date_from: Any
    date_to: Any
    language: Any
    generate: Any
    status: Any
    body: Any
    sources: Any
    downloads: list[Any]


def brief_layout(lang: str) -> BriefComponents:
    with gr.Tab(t(lang, "tab_brief"), id="brief", elem_id="warta-brief-tab") as tab:
        gr.Markdown(t(lang, "brief_intro"))
        with gr.Row(equal_height=True):
            topic = gr.Textbox(label=t(lang, "brief_topic_label"), placeholder=t(lang, "brief_topic_placeholder"),
                               elem_id="warta-brief-topic", scale=4, lines=1, max_lines=2)
            date_from = gr.Textbox(label=t(lang, "brief_from_label"), elem_id="warta-brief-from", scale=1, lines=1)
            date_to = gr.Textbox(label=t(lang, "brief_to_label"), elem_id="warta-brief-to", scale=1, lines=1)
            language = gr.Radio([(t(lang, "lang_auto"), "auto"), ("Bahasa Indonesia", "id"), ("English", "en")],
                                value="auto", label=t(lang, "lang_label"), elem_id="warta-brief-lang", scale=2)
            generate = gr.Button(t(lang, "brief_generate"), variant="primary", elem_id="warta-brief-generate", scale=1)
        status = gr.HTML(_status("idle", t(lang, "brief_empty")), elem_id="warta-brief-status")
        with gr.Row():
            with gr.Column(scale=3):
                body = gr.HTML("", elem_id="warta-brief-body")
                with gr.Row():
                    downloads = [gr.DownloadButton(f"{t(lang, 'brief_downloads')} {fmt.upper()}", value=None,
                                                   visible=False, elem_id=f"warta-brief-{fmt}", size="sm")
                                 for fmt in FORMATS]
            with gr.Column(scale=2, min_width=300):
                sources = gr.HTML("", elem_id="warta-brief-sources")
    return BriefComponents(tab, topic, date_from, date_to, language, generate, status, body, sources, downloads)


def _status(state: str, text: str) -> str:
    return f'<div class="warta-brief-status" data-status="{state}">{escape(text)}</div>'


def _inline(text: str) -> str:
    """A block's text (Markdown emphasis, [n] markers) as safe HTML."""
    html = escape(text)
    html = _BOLD.sub(r"<strong>\1</strong>", html)
    html = _ITALIC.sub(r"<em>\1</em>", html)
    return _MARK.sub(r'<a href="#brief-src-\1" class="warta-cite">[\1]</a>', html)


def brief_html(b: Briefing, settings: Any) -> str:
    """The brief's blocks (all but the sources, which have their panel) as HTML."""
    out: list[str] = []
    in_list = False
    listed = blocks(b, settings)
    sources_heading = next((text for kind, text in listed if kind == "heading" and text == t(b.language, "brief_sources")), None)
    for kind, text in listed:
        if kind == "source" or kind == "heading" and text == sources_heading:
            continue  # the sources have their own panel
        if kind == "bullet" and not in_list:
            out.append("<ul>")
            in_list = True
        elif kind != "bullet" and in_list:
            out.append("</ul>")
            in_list = False
        tag = {"title": "h2", "heading": "h3", "meta": "p class='warta-brief-meta'", "para": "p"}.get(kind, "li")
        out.append(f"<{tag}>{_inline(text)}</{tag.split()[0]}>")
    if in_list:
        out.append("</ul>")
    return f'<div class="warta-brief" lang="{b.language}">{"".join(out)}</div>'


def sources_html(b: Briefing, lang: str) -> str:
    cards = [f"<h3>{escape(t(lang, 'brief_sources'))}</h3>"]
    for s in b.sources:
        date = (s.published or "")[:10] or t(lang, "brief_undated_source")
        cards.append(
            f'<div class="warta-brief-source" id="brief-src-{s.n}"><strong>[{s.n}] {escape(s.title)}</strong><br>'
            f"{escape(s.source or t(lang, 'unknown_outlet'))} · {escape(date)} · <code>{escape(s.doc_id)}</code>"
            f"<blockquote>{escape(s.quote)}</blockquote></div>")
    return "".join(cards)


class BriefHandler:
    def __init__(self, warta: "Warta") -> None:
        self._warta = warta
        self._folder = Path(tempfile.mkdtemp(prefix="warta-briefs-"))

    def _files(self, b: Briefing) -> list[Any]:
        from assistant.answer.brief.export import file_name, write

        folder = self._folder / f"{time.time_ns()}"
        folder.mkdir(parents=True, exist_ok=True)
        out = []
        for fmt in FORMATS:
            path = write(b, fmt, folder / file_name(b.topic, fmt), self._warta.settings)
            out.append(gr.DownloadButton(value=str(path), visible=True))
        return out

    def generate(self, topic: str, date_from: str, date_to: str, language: str) -> Iterator[tuple]:
        lang = language if language in ("id", "en") else self._warta.detect_language(topic or "", "en")
        hidden = [gr.DownloadButton(value=None, visible=False) for _ in FORMATS]
        yield (_status("working", t(lang, "brief_working")), "", "", *hidden)
        try:
            forced = language if language in ("id", "en") else None
            stream = events_in_thread(lambda: self._warta.brief_stream(topic, language=forced, date_from=date_from or None,
                                                                       date_to=date_to or None), threading.Event())
            final: Briefing | None = None
            for event in stream:
                if event.kind == "section" and event.brief is not None:
                    yield (gr.skip(), brief_html(event.brief, self._warta.settings),
                           sources_html(event.brief, event.brief.language), *[gr.skip()] * len(FORMATS))
                elif event.kind == "brief":
                    final = event.brief
            assert final is not None
            state = "refused" if final.refused else "done"
            note = final.notes[0] if final.refused else f"{final.generator} · {final.timings_ms.get('total', 0) / 1000:.1f} s"
            files = self._files(final) if not final.refused else hidden
            yield (_status(state, note), brief_html(final, self._warta.settings),
                   sources_html(final, final.language), *files)
        except Exception as exc:  # noqa: BLE001 - a readable message, never a traceback
            message = known_message(exc, "building a brief") or t(lang, "internal_error")
            yield (_status("error", message), gr.skip(), gr.skip(), *hidden)


def wire_brief(c: BriefComponents, warta: "Warta", answering: dict[str, Any]) -> None:
    handler = BriefHandler(warta)
    inputs = [c.topic, c.date_from, c.date_to, c.language]
    outputs = [c.status, c.body, c.sources, *c.downloads]
    for trigger in (c.generate.click, c.topic.submit):
        trigger(handler.generate, inputs, outputs, show_progress="hidden", **answering, **PRIVATE)
