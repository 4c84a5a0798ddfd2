"""The browser chat UI and the HTTP/MCP API of Warta, one Gradio 6 Blocks app.

    warta serve                 -> serve(Settings()): warm up, build, launch on settings.host:settings.port
    build_app(warta)            -> gr.Blocks (tests launch it themselves)

The page: a chat whose answers stream in, the numbered sources of the current answer beside it (clicking
[n] brings card n into view), a status line and a stop button, example questions, a language selector that
also switches the labels, and a corpus tab. API endpoints `ask`, `search` and `documents` return the JSON
shapes of `assistant.serialize`; with `mcp_server=True` the same functions are MCP tools.

No `from __future__ import annotations` here: `gr.api` reads the endpoint functions' type hints at run time.
"""

import html
import logging
import queue
import sys
import threading
import time
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from assistant.offline import enforce_offline

enforce_offline()  # before gradio is imported: no analytics, no hub calls

import gradio as gr  # noqa: E402

from assistant.errors import user_message  # noqa: E402
from assistant.answer.generators import NOT_FOUND  # noqa: E402
from assistant.records import AskEvent  # noqa: E402
from assistant.serialize import answer_to_dict, citation_to_dict, docinfo_to_dict, search_to_dict  # noqa: E402
from assistant.settings import Settings  # noqa: E402
from assistant.ui.assets import CSS, JS  # noqa: E402
from assistant.ui.render import (  # noqa: E402
    BUSY, link_citations, render_answer, render_sources, render_status, _header, _corpus_view,
)
from assistant.ui.words import EXAMPLES, lang_choices, t, ui_lang_from_accept_language  # noqa: E402

if TYPE_CHECKING:
    from assistant.service import Warta

log = logging.getLogger("warta.ui")

ASK_CONCURRENCY = "warta-ask"  # one question at a time through the LLM, chat and API alike


class _Failed:
    def __init__(self, exc: BaseException) -> None:
        self.exc = exc


_END = object()


def events_in_thread(make_events: Callable[[], Iterator[AskEvent]], cancel: threading.Event) -> Iterator[AskEvent]:
    """Run a pipeline generator to the end in ONE thread of its own and pass its events on.

    Gradio drives a sync generator with `next()` on whichever worker thread is free, and on cancel closes it
    from the event loop. The pipeline holds a lock across its yields (one question at a time through the
    LLM), and a lock must be released by the thread that took it: so the pipeline never sees Gradio's
    threads. Closing this iterator (Stop button, closed tab) sets `cancel`; the worker then closes the
    pipeline generator after its next event, which stops the LLM and releases the lock."""
    events: queue.Queue[Any] = queue.Queue()

    def work() -> None:
        iterator: Iterator[AskEvent] | None = None
        try:
            iterator = make_events()
            for event in iterator:
                events.put(event)
                if cancel.is_set():
                    break
        except BaseException as exc:  # noqa: BLE001 - passed to the consumer, which decides
            events.put(_Failed(exc))
        finally:
            close = getattr(iterator, "close", None)
            if close is not None:
                try:
                    close()
                except Exception:  # noqa: BLE001
                    log.exception("closing the answer stream failed")
            events.put(_END)

    threading.Thread(target=work, name="warta-ask", daemon=True).start()
    try:
        while True:
            item = events.get()
            if item is _END:
                return
            if isinstance(item, _Failed):
                raise item.exc
            yield item
    finally:
        cancel.set()


def _message_for(exc: BaseException, lang: str) -> str:
    message = user_message(exc)
    if message is None:
        log.error("error while answering", exc_info=exc)
        return t(lang, "internal_error")
    return t(lang, "error", message=message)


def _public_error(exc: BaseException) -> gr.Error:
    message = user_message(exc)
    if message is None:
        log.error("error in an API call", exc_info=exc)
        message = "internal error (details in the server log)"
    return gr.Error(message, print_exception=False)


# The app ---------------------------------------------------------------------------------------------------------


def build_app(warta: "Warta") -> gr.Blocks:
    """The Blocks app over one Warta. Launch it with `launch(css=CSS, js=JS, ...)` (see `launch_kwargs`)."""

    # API / MCP endpoints. Their names become the MCP tool names; the docstrings, the tool descriptions.
    def ask(question: str, language: str = "auto") -> dict:
        """Answer a question about the indexed news articles (Indonesian and English), citing numbered sources.

        The answer text carries [n] markers that refer to `citations[n-1]` (each with the document id, title,
        outlet, date and the quoted passage). When the articles do not contain the answer, `refused` is true
        and `closest` lists the nearest passages instead.

        Args:
            question: The question, in Bahasa Indonesia or English.
            language: Language of the answer: "auto" (the question's language), "id" (Bahasa Indonesia) or "en" (English).

        Returns:
            The answer as a dict with keys question, language, answer, refused, citations, closest, generator, dropped, timings_ms.
        """
        if language not in ("auto", "id", "en"):
            raise gr.Error('language must be "auto", "id" or "en"', print_exception=False)
        try:
            return answer_to_dict(warta.ask(question, language=None if language == "auto" else language))  # type: ignore[arg-type]
        except Exception as exc:
            raise _public_error(exc) from exc

    def search(question: str, k: int = 8) -> dict:
        """Search the indexed news articles (hybrid semantic + keyword search, Indonesian and English) without generating an answer.

        Args:
            question: What to look for, in Bahasa Indonesia or English.
            k: How many passages to return (1-50).

        Returns:
            A dict with the question, the ranked hits (doc_id, chunk_id, title, published, source, language, text, score) and timings_ms.
        """
        try:
            return search_to_dict(warta.search(question, k=max(1, min(int(k), 50))))
        except Exception as exc:
            raise _public_error(exc) from exc

    def documents() -> list:
        """List the indexed news articles.

        Returns:
            One dict per article: doc_id, title, published (ISO date or null), source (outlet), language ("id" or "en"), chunks.
        """
        try:
            return [docinfo_to_dict(d) for d in warta.documents()]
        except Exception as exc:
            raise _public_error(exc) from exc

    # UI callbacks -------------------------------------------------------------------------------------------------
    def load_docs() -> tuple[list[dict[str, Any]], str | None]:
        try:
            return [docinfo_to_dict(d) for d in warta.documents()], None
        except Exception as exc:  # noqa: BLE001 - shown on the page
            message = user_message(exc)
            if message is None:
                log.error("listing documents failed", exc_info=exc)
                message = "internal error (details in the server log)"
            return [], message

    def respond(question: str, messages: list, choice: str, ui_lang: str):  # type: ignore[no-untyped-def]
        question = (question or "").strip()
        if not question:
            yield tuple(gr.skip() for _ in range(8))
            return
        started = time.perf_counter()
        messages = list(messages or []) + [{"role": "user", "content": question},
                                           {"role": "assistant", "content": "…"}]
        panel: dict[str, Any] = {"kind": "empty", "cards": []}
        turn = sum(1 for m in messages if m.get("role") == "user")  # data-turn: lets tests wait for this answer
        status: dict[str, Any] = {"key": "searching", "turn": turn}
        lang = ui_lang
        sent: dict[str, Any] = {}

        def emit() -> tuple[Any, ...]:
            # Unchanged outputs are skipped: the sources panel is not re-sent (and re-rendered) for every token.
            values = {"chat": list(messages), "sources": render_sources(panel, lang),
                      "status": render_status(status, lang), "lang": lang}
            out = []
            for key in ("chat", "sources", "status", "lang"):
                out.append(gr.skip() if sent.get(key) == values[key] else values[key])
                sent[key] = values[key]
            chat, sources, status_html, lang_out = out
            clear_box = gr.skip() if sent.get("box_cleared") else ""  # once: the user may type the next question
            sent["box_cleared"] = True
            return chat, list(messages), sources, dict(panel), status_html, dict(status), lang_out, clear_box

        try:
            lang = choice if choice in ("id", "en") else warta.detect_language(question, fallback=ui_lang)
            yield emit()
            streamed = ""
            events = events_in_thread(lambda: warta.ask_stream(question, language=lang, fallback=ui_lang),
                                      threading.Event())
            for event in events:
                if event.kind == "status":
                    if event.status in BUSY:
                        status = {"key": event.status, "turn": turn}
                elif event.kind == "evidence":
                    panel = {"kind": "evidence", "cards": [citation_to_dict(c) for c in event.evidence]}
                    if status.get("key") == "searching":
                        status = {"key": "writing", "turn": turn}
                elif event.kind == "token":
                    streamed += event.text
                    shown = streamed.strip()
                    if NOT_FOUND.startswith(shown[:len(NOT_FOUND)]):
                        shown = "…"  # the generator's "not in the passages" signal: a refusal follows
                    messages[-1] = {"role": "assistant", "content": link_citations(shown)}
                elif event.kind == "answer" and event.answer is not None:
                    answer = event.answer
                    lang = answer.language
                    messages[-1] = {"role": "assistant", "content": render_answer(answer)}
                    seconds = time.perf_counter() - started
                    if answer.refused:
                        panel = {"kind": "refused", "cards": [citation_to_dict(c) for c in answer.closest]}
                        status = {"key": "refused", "seconds": seconds, "turn": turn}
                    else:
                        panel = {"kind": "answer", "cards": [citation_to_dict(c) for c in answer.citations]}
                        status = {"key": "done", "seconds": seconds, "generator": answer.generator, "turn": turn}
                else:
                    continue
                yield emit()
        except Exception as exc:  # noqa: BLE001 - a readable message in the chat, never a traceback
            messages[-1] = {"role": "assistant", "content": html.escape(_message_for(exc, lang))}
            status = {"key": "error", "turn": turn}
            yield emit()

    def relabel(choice: str, ui_lang: str, labels_lang: str | None, panel: dict, status: dict,
                docs: list, docs_error: str | None):  # type: ignore[no-untyped-def]
        lang = choice if choice in ("id", "en") else (ui_lang or "en")
        if lang == labels_lang:
            return tuple(gr.skip() for _ in range(len(label_outputs))) + (lang, lang)
        intro, table = _corpus_view(docs, docs_error, lang)
        return (
            _header(lang),
            gr.update(label=t(lang, "lang_label"), choices=lang_choices(lang), value=choice),
            gr.update(label=t(lang, "question_label"), placeholder=t(lang, "question_placeholder")),
            gr.update(value=t(lang, "send")),
            gr.update(value=t(lang, "stop")),
            gr.update(value=t(lang, "clear")),
            f"**{t(lang, 'examples')}**",
            gr.update(label=t(lang, "tab_chat")),
            gr.update(label=t(lang, "tab_corpus")),
            gr.update(placeholder=t(lang, "chat_placeholder")),
            render_sources(panel or {}, lang),
            render_status(status or {}, lang),
            intro,
            table,
            gr.update(value=t(lang, "refresh")),
        ) + (lang, lang)

    def on_load(choice: str, panel: dict, status: dict, request: gr.Request):  # type: ignore[no-untyped-def]
        ui_lang = ui_lang_from_accept_language(request.headers.get("accept-language") if request else None)
        docs, error = load_docs()
        return relabel(choice, ui_lang, None, panel, status, docs, error) + (docs, error)

    def refresh(choice: str, ui_lang: str, panel: dict, status: dict):  # type: ignore[no-untyped-def]
        docs, error = load_docs()
        return relabel(choice, ui_lang, None, panel, status, docs, error) + (docs, error)

    def clear(ui_lang: str):  # type: ignore[no-untyped-def]
        empty_panel: dict[str, Any] = {"kind": "empty", "cards": []}
        return [], [], render_sources(empty_panel, ui_lang), empty_panel, render_status({}, ui_lang), {}, ""

    def stopped(ui_lang: str, status: dict):  # type: ignore[no-untyped-def]
        if (status or {}).get("key") in BUSY:
            status = {"key": "stopped", "turn": status.get("turn", 0)}
        return render_status(status or {}, ui_lang), status

    # Layout ---------------------------------------------------------------------------------------------------
    start = "en"
    with gr.Blocks(title="Warta", analytics_enabled=False) as app:
        messages_state = gr.State([])
        panel_state = gr.State({"kind": "empty", "cards": []})
        status_state = gr.State({})
        ui_lang_state = gr.State(start)  # the labels' language: browser's, then the last question's (Auto)
        labels_lang_state = gr.State(None)
        docs_state = gr.State([])
        docs_error_state = gr.State(None)

        with gr.Row(equal_height=True):
            header = gr.Markdown(_header(start), elem_id="warta-header")
            lang_radio = gr.Radio(lang_choices(start), value="auto", label=t(start, "lang_label"),
                                  elem_id="warta-lang", scale=0, min_width=470)
        with gr.Tabs():
            with gr.Tab(t(start, "tab_chat"), id="chat") as chat_tab:
                with gr.Row():
                    with gr.Column(scale=3):
                        chatbot = gr.Chatbot(elem_id="warta-chat", height=520, show_label=False,
                                             placeholder=t(start, "chat_placeholder"), buttons=["copy"],
                                             feedback_options=None, group_consecutive_messages=False)
                        status_html = gr.HTML(render_status({}, start, initial=True), elem_id="warta-status", js_on_load=None)
                        with gr.Row(equal_height=True):
                            question = gr.Textbox(label=t(start, "question_label"), elem_id="warta-question",
                                                  placeholder=t(start, "question_placeholder"), lines=1,
                                                  max_lines=4, scale=6, autofocus=True, submit_btn=False)
                            with gr.Column(scale=1, min_width=120):
                                send_btn = gr.Button(t(start, "send"), variant="primary", elem_id="warta-send")
                                with gr.Row():
                                    stop_btn = gr.Button(t(start, "stop"), variant="stop", size="sm",
                                                         elem_id="warta-stop", min_width=60)
                                    clear_btn = gr.Button(t(start, "clear"), variant="secondary", size="sm",
                                                          elem_id="warta-clear", min_width=60)
                        examples_md = gr.Markdown(f"**{t(start, 'examples')}**")
                        with gr.Row(elem_id="warta-examples"):
                            example_btns = [gr.Button(q, size="sm", variant="secondary") for q in EXAMPLES]
                    with gr.Column(scale=2, min_width=320):
                        sources_html = gr.HTML(render_sources({"kind": "empty"}, start), elem_id="warta-sources",
                                               js_on_load=None)
            with gr.Tab(t(start, "tab_corpus"), id="corpus") as corpus_tab:
                corpus_md = gr.Markdown("", elem_id="warta-corpus-intro")
                corpus_table = gr.Dataframe(interactive=False, wrap=True, elem_id="warta-corpus",
                                            column_widths=["40%", "14%", "12%", "10%", "8%", "16%"])
                refresh_btn = gr.Button(t(start, "refresh"), size="sm")

        label_outputs = [header, lang_radio, question, send_btn, stop_btn, clear_btn, examples_md, chat_tab,
                         corpus_tab, chatbot, sources_html, status_html, corpus_md, corpus_table, refresh_btn]
        relabel_inputs = [lang_radio, ui_lang_state, labels_lang_state, panel_state, status_state, docs_state,
                          docs_error_state]
        relabel_outputs = label_outputs + [labels_lang_state, ui_lang_state]
        chat_inputs = [question, messages_state, lang_radio, ui_lang_state]
        chat_outputs = [chatbot, messages_state, sources_html, panel_state, status_html, status_state,
                        ui_lang_state, question]
        private = {"api_visibility": "private"}

        chat_events = []
        for trigger, pre in [(question.submit, None), (send_btn.click, None)] + [
                (b.click, q) for b, q in zip(example_btns, EXAMPLES)]:
            if pre is None:
                event = trigger(respond, chat_inputs, chat_outputs, show_progress="hidden",
                                concurrency_id=ASK_CONCURRENCY, concurrency_limit=1, **private)
            else:
                event = trigger(lambda q=pre: q, None, question, queue=False, **private).then(
                    respond, chat_inputs, chat_outputs, show_progress="hidden",
                    concurrency_id=ASK_CONCURRENCY, concurrency_limit=1, **private)
            chat_events.append(event)
            event.then(relabel, relabel_inputs, relabel_outputs, show_progress="hidden", queue=False, **private)

        stop_btn.click(stopped, [ui_lang_state, status_state], [status_html, status_state], cancels=chat_events,
                       queue=False, **private)
        clear_outputs = [chatbot, messages_state, sources_html, panel_state, status_html, status_state, question]
        clear_btn.click(clear, [ui_lang_state], clear_outputs, cancels=chat_events, queue=False, **private)
        chatbot.clear(clear, [ui_lang_state], clear_outputs, cancels=chat_events, queue=False, **private)
        lang_radio.input(relabel, relabel_inputs, relabel_outputs, show_progress="hidden", queue=False, **private)
        app.load(on_load, [lang_radio, panel_state, status_state],
                 relabel_outputs + [docs_state, docs_error_state], show_progress="hidden", **private)
        refresh_btn.click(refresh, [lang_radio, ui_lang_state, panel_state, status_state],
                          relabel_outputs + [docs_state, docs_error_state], **private)

        gr.api(ask, api_name="ask", concurrency_id=ASK_CONCURRENCY, concurrency_limit=1)
        gr.api(search, api_name="search")
        gr.api(documents, api_name="documents")
    return app


def launch_kwargs(settings: Settings) -> dict[str, Any]:
    """The `launch()` arguments `serve` uses; tests launch with the same ones."""
    auth = (settings.username, settings.password) if settings.username and settings.password else None
    return {
        "server_name": settings.host,
        "server_port": settings.port,
        "auth": auth,
        "mcp_server": True,
        "css": CSS,
        "js": JS,
        "theme": gr.themes.Default(font=["ui-sans-serif", "system-ui", "sans-serif"],
                                   font_mono=["ui-monospace", "monospace"]),
        "footer_links": ["api", "settings"],
        "show_error": False,
        "share": False,
        "quiet": True,
    }


def serve(settings: Settings) -> None:
    """`warta serve`: build the pipeline, load the embedder with a first search, and serve the UI, the API
    and the MCP tools until interrupted."""
    enforce_offline()
    from assistant.service import Warta

    warta = Warta(settings)
    print("Warta: loading the embedding model and the index…", file=sys.stderr, flush=True)
    started = time.perf_counter()
    try:
        warta.search("Indonesia")
        print(f"Warta: ready in {time.perf_counter() - started:.1f} s", file=sys.stderr, flush=True)
    except Exception as exc:  # noqa: BLE001 - the page still starts and shows the problem per question
        message = user_message(exc)
        if message is None:
            raise
        print(f"Warta: warning: {message}", file=sys.stderr, flush=True)
    app = build_app(warta)
    url = f"http://{settings.host}:{settings.port}/"
    print(f"Warta is running at {url}  (API: {url}?view=api, MCP: {url}gradio_api/mcp/)", flush=True)
    app.queue(default_concurrency_limit=1).launch(**launch_kwargs(settings))
