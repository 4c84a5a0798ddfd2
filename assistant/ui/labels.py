"""The page's labels in one language, and the corpus tab's listing.

    relabel(...)        every label in the language the selector (or, on Auto, the browser and then the last
                        question) asks for; skipped when the page already shows that language
    Corpus(warta)       the load and refresh handlers: list the documents, then relabel

The outputs of `relabel` are the components named in `LABELLED`, in that order, then the labels' language
twice (the state of what is shown, and the UI language that Auto falls back to): `RELABEL_OUTPUTS`.

No `from __future__ import annotations` here: Gradio inspects the handlers' signatures (it injects the request
by its type hint).
"""

from typing import TYPE_CHECKING, Any

from assistant.offline import enforce_offline

enforce_offline()  # before gradio is imported: no analytics, no hub calls

import gradio as gr  # noqa: E402

from assistant.ui.failures import known_message  # noqa: E402
from assistant.ui.render import render_corpus, render_header, render_sources, render_status  # noqa: E402
from assistant.ui.state import CorpusState, PanelState, StatusState  # noqa: E402
from assistant.ui.words import lang_choices, t, ui_lang, ui_lang_from_accept_language  # noqa: E402

if TYPE_CHECKING:
    from assistant.service import Warta

# The handlers' inputs and outputs, by their attribute names on app.Page, in order. LABELLED: what carries words.
LABELLED = ("header", "lang_radio", "question", "send_btn", "stop_btn", "clear_btn", "examples_md", "chat_tab",
            "corpus_tab", "chatbot", "sources_html", "status_html", "corpus_md", "corpus_table", "refresh_btn",
            "upload", "remove_choice", "remove_btn")
RELABEL_INPUTS = ("lang_radio", "ui_lang", "labels_lang", "panel", "status", "corpus")
RELABEL_OUTPUTS = (*LABELLED, "labels_lang", "ui_lang")
LOAD_INPUTS = ("lang_radio", "panel", "status")
REFRESH_INPUTS = ("lang_radio", "ui_lang", "panel", "status")
LISTING_OUTPUTS = (*RELABEL_OUTPUTS, "corpus")  # on load and on Refresh


def labels_language(choice: str, fallback: str | None) -> str:
    return choice if choice in ("id", "en") else ui_lang(fallback)


def label_values(lang: str, choice: str, panel: PanelState, status: StatusState,
                 corpus: CorpusState) -> dict[str, Any]:
    """What each component of `LABELLED` shows in `lang` (the current panel and status re-rendered too)."""
    intro, table = render_corpus(corpus, lang)
    return {
        "header": render_header(lang),
        "lang_radio": gr.update(label=t(lang, "lang_label"), choices=lang_choices(lang), value=choice),
        "question": gr.update(label=t(lang, "question_label"), placeholder=t(lang, "question_placeholder")),
        "send_btn": gr.update(value=t(lang, "send")),
        "stop_btn": gr.update(value=t(lang, "stop")),
        "clear_btn": gr.update(value=t(lang, "clear")),
        "examples_md": f"**{t(lang, 'examples')}**",
        "chat_tab": gr.update(label=t(lang, "tab_chat")),
        "corpus_tab": gr.update(label=t(lang, "tab_corpus")),
        "chatbot": gr.update(placeholder=t(lang, "chat_placeholder")),
        "sources_html": render_sources(panel or PanelState(), lang),
        "status_html": render_status(status or StatusState(), lang),
        "corpus_md": intro,
        "corpus_table": table,
        "refresh_btn": gr.update(value=t(lang, "refresh")),
        "upload": gr.update(label=t(lang, "upload_label")),
        "remove_choice": gr.update(label=t(lang, "remove_label"), choices=remove_choices(corpus), value=None),
        "remove_btn": gr.update(value=t(lang, "remove_button")),
    }


def remove_choices(corpus: CorpusState) -> list[tuple[str, str]]:
    """Every indexed document and every syndicated copy, as (label, doc id) for the remove selector."""
    out: list[tuple[str, str]] = []
    for d in corpus.docs:
        out.append((f"{d.doc_id} · {d.title}", d.doc_id))
        out += [(f"{r.doc_id} · {r.title}", r.doc_id) for r in getattr(d, "copies", ())]
    return out


def relabel(choice: str, fallback: str, shown: str | None, panel: PanelState, status: StatusState,
            corpus: CorpusState) -> tuple:
    lang = labels_language(choice, fallback)
    if lang == shown:
        return tuple(gr.skip() for _ in LABELLED) + (lang, lang)
    values = label_values(lang, choice, panel, status, corpus or CorpusState())
    return tuple(values[name] for name in LABELLED) + (lang, lang)


class Corpus:
    """The page's load and refresh handlers over one Warta: the outputs of `relabel`, then the CorpusState."""

    def __init__(self, warta: "Warta") -> None:
        self._warta = warta

    def listing(self) -> CorpusState:
        try:
            return CorpusState(docs=tuple(self._warta.documents()))
        except Exception as exc:  # noqa: BLE001 - shown on the corpus tab
            return CorpusState(failed=True, message=known_message(exc, "listing the documents"))

    def on_load(self, choice: str, panel: PanelState, status: StatusState, request: gr.Request) -> tuple:
        browser = ui_lang_from_accept_language(request.headers.get("accept-language") if request else None)
        corpus = self.listing()
        return relabel(choice, browser, None, panel, status, corpus) + (corpus,)

    def refresh(self, choice: str, fallback: str, panel: PanelState, status: StatusState) -> tuple:
        corpus = self.listing()
        return relabel(choice, fallback, None, panel, status, corpus) + (corpus,)
