"""The browser chat UI and the HTTP/MCP API of Warta, one Gradio 6 Blocks app.

    warta serve          -> serve(Settings()): warm up, build, launch on settings.host:settings.port
    build_app(warta)     -> gr.Blocks (tests launch it themselves, with `launch_kwargs(settings)`)

The page: a chat whose answers stream in, the numbered sources of the current answer beside it (clicking
[n] brings card n into view), a status line and a stop button, example questions, a language selector that
also switches the labels, a corpus tab and a Briefing tab (ui/brief_tab.py). API endpoints `ask`, `search`,
`documents` and `brief` (ui/api.py);
with `mcp_server=True` the same functions are MCP tools. This module lays the page out and wires the
handlers of ui/chat.py, ui/labels.py and ui/api.py to it; the elem_ids are what the browser tests find.

Safety (docs/security.md): the chat shows the HTML that ui/render.py writes (every untrusted text escaped),
with Markdown and LaTeX rendering off; every request passes ui/guard.py (Host, Origin, MCP token, body size
and upload names) and the login goes through ui/login.py (a growing delay per client).
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from assistant.offline import enforce_offline

enforce_offline()  # before gradio is imported: no analytics, no hub calls

import gradio as gr  # noqa: E402

from starlette.middleware import Middleware  # noqa: E402

from assistant.errors import user_message  # noqa: E402
from assistant.settings import Settings  # noqa: E402
from assistant.ui.api import Api  # noqa: E402
from assistant.ui.assets import CSS, JS  # noqa: E402
from assistant.ui.brief_tab import brief_layout, wire_brief  # noqa: E402
from assistant.ui.chat import (  # noqa: E402
    CLEAR_OUTPUTS, RESPOND_INPUTS, RESPOND_OUTPUTS, STOP_INPUTS, STOP_OUTPUTS, Chat, clear, stopped,
)
from assistant.ui.guard import Guard, GuardPolicy  # noqa: E402
from assistant.ui.labels import (  # noqa: E402
    LISTING_OUTPUTS, LOAD_INPUTS, REFRESH_INPUTS, RELABEL_INPUTS, RELABEL_OUTPUTS, Corpus, relabel,
)
from assistant.corpus.manage import UPLOAD_SUFFIXES  # noqa: E402
from assistant.ui.login import LoginThrottle  # noqa: E402
from assistant.ui.manage import MANAGE_OUTPUTS, REMOVE_INPUTS, UPLOAD_INPUTS, Manage  # noqa: E402
from assistant.ui.render import render_header, render_sources, render_status  # noqa: E402
from assistant.ui.safe import escape  # noqa: E402
from assistant.ui.state import CorpusState, PanelState, StatusState  # noqa: E402
from assistant.ui.words import example_questions, lang_choices, t  # noqa: E402

if TYPE_CHECKING:
    from assistant.service import Warta

# One question at a time: every event that produces an answer (the chat's triggers, the /ask endpoint, and
# any later answering endpoint) joins this one concurrency group, declared here only. The models are guarded
# by Warta's own lock, which also serves CLI and Python callers; this group orders the requests in Gradio's
# queue, so a waiting user sees their place in the queue instead of a worker blocked on that lock.
ANSWERING: dict[str, Any] = {"concurrency_id": "warta-answering", "concurrency_limit": 1}
PRIVATE: dict[str, Any] = {"api_visibility": "private"}  # the page's own events: not API endpoints, not MCP tools
START_LANG = "en"  # the first render's labels, until the load event knows the browser's language


@dataclass
class Page:
    """The components of the page, and the per-session states behind them."""

    header: Any
    lang_radio: Any
    chat_tab: Any
    chatbot: Any
    status_html: Any
    question: Any
    send_btn: Any
    stop_btn: Any
    clear_btn: Any
    examples_md: Any
    example_btns: list[Any]
    sources_html: Any
    corpus_tab: Any
    corpus_md: Any
    corpus_table: Any
    refresh_btn: Any
    messages: Any  # gr.State: list of chat messages
    panel: Any  # gr.State: PanelState
    status: Any  # gr.State: StatusState
    ui_lang: Any  # gr.State: the labels' language on Auto (the browser's, then the last question's)
    labels_lang: Any  # gr.State: the language the labels are shown in (None before the load event)
    corpus: Any  # gr.State: CorpusState
    upload: Any = None  # the Corpus tab's file drop (ui/manage.py)
    manage_md: Any = None
    remove_choice: Any = None
    remove_btn: Any = None
    brief: Any = None  # ui/brief_tab.BriefComponents: the Briefing tab

    def parts(self, names: tuple[str, ...]) -> list[Any]:
        return [getattr(self, name) for name in names]


def _layout() -> Page:
    """The components, inside the Blocks being built."""
    lang = START_LANG
    states = {"messages": gr.State([]), "panel": gr.State(PanelState()), "status": gr.State(StatusState()),
              "ui_lang": gr.State(lang), "labels_lang": gr.State(None), "corpus": gr.State(CorpusState())}
    with gr.Row(equal_height=True):
        header = gr.Markdown(render_header(lang), elem_id="warta-header")
        lang_radio = gr.Radio(lang_choices(lang), value="auto", label=t(lang, "lang_label"), elem_id="warta-lang",
                              scale=0, min_width=470)
    with gr.Tabs():
        with gr.Tab(t(lang, "tab_chat"), id="chat") as chat_tab:
            with gr.Row():
                with gr.Column(scale=3):
                    # Messages are HTML from ui/render.py, every untrusted text escaped: no Markdown parser
                    # (it would turn an article's ![x](http://…) or bare URL into an element or a link), no
                    # LaTeX (KaTeX would load on a "$$" in an article), no custom tags; Gradio's sanitizer
                    # stays on as a second line.
                    chatbot = gr.Chatbot(elem_id="warta-chat", height=520, show_label=False,
                                         placeholder=t(lang, "chat_placeholder"), buttons=["copy"],
                                         feedback_options=None, group_consecutive_messages=False,
                                         render_markdown=False, sanitize_html=True, latex_delimiters=[],
                                         allow_tags=False)
                    status_html = gr.HTML(render_status(StatusState(), lang, initial=True), elem_id="warta-status",
                                          js_on_load=None)
                    with gr.Row(equal_height=True):
                        question = gr.Textbox(label=t(lang, "question_label"), elem_id="warta-question",
                                              placeholder=t(lang, "question_placeholder"), lines=1, max_lines=4,
                                              scale=6, autofocus=True, submit_btn=False)
                        with gr.Column(scale=1, min_width=120):
                            send_btn = gr.Button(t(lang, "send"), variant="primary", elem_id="warta-send")
                            with gr.Row():
                                stop_btn = gr.Button(t(lang, "stop"), variant="stop", size="sm", elem_id="warta-stop",
                                                     min_width=60)
                                clear_btn = gr.Button(t(lang, "clear"), variant="secondary", size="sm",
                                                      elem_id="warta-clear", min_width=60)
                    examples_md = gr.Markdown(f"**{t(lang, 'examples')}**")
                    with gr.Row(elem_id="warta-examples"):
                        example_btns = [gr.Button(q, size="sm", variant="secondary") for q in example_questions()]
                with gr.Column(scale=2, min_width=320):
                    sources_html = gr.HTML(render_sources(PanelState(), lang), elem_id="warta-sources",
                                           js_on_load=None)
        with gr.Tab(t(lang, "tab_corpus"), id="corpus") as corpus_tab:
            corpus_md = gr.Markdown("", elem_id="warta-corpus-intro")
            corpus_table = gr.Dataframe(interactive=False, wrap=True, elem_id="warta-corpus",
                                        column_widths=["28%", "11%", "11%", "8%", "6%", "6%", "18%", "12%"])
            refresh_btn = gr.Button(t(lang, "refresh"), size="sm")
            manage = _manage_layout(lang)
        brief = brief_layout(lang)
    return Page(**manage, brief=brief, header=header, lang_radio=lang_radio, chat_tab=chat_tab, chatbot=chatbot, status_html=status_html,
                question=question, send_btn=send_btn, stop_btn=stop_btn, clear_btn=clear_btn,
                examples_md=examples_md, example_btns=example_btns, sources_html=sources_html,
                corpus_tab=corpus_tab, corpus_md=corpus_md, corpus_table=corpus_table, refresh_btn=refresh_btn,
                **states)


def _manage_layout(lang: str) -> dict[str, Any]:
    """The Corpus tab's upload (several files, drag and drop; the browser filters by type first) and remove."""
    upload = gr.File(label=t(lang, "upload_label"), file_count="multiple", file_types=list(UPLOAD_SUFFIXES),
                     type="filepath", elem_id="warta-upload", height=140)
    manage_md = gr.Markdown("", elem_id="warta-manage-result")
    with gr.Row(equal_height=True):
        remove_choice = gr.Dropdown(choices=[], value=None, label=t(lang, "remove_label"), elem_id="warta-remove-id",
                                    scale=4)
        remove_btn = gr.Button(t(lang, "remove_button"), variant="stop", elem_id="warta-remove", scale=1)
    return {"upload": upload, "manage_md": manage_md, "remove_choice": remove_choice, "remove_btn": remove_btn}


def _wire_manage(p: Page, manage: Manage) -> None:
    # Indexing holds the models: it queues with the answers (one at a time).
    p.upload.upload(manage.upload, p.parts(UPLOAD_INPUTS), p.parts(MANAGE_OUTPUTS), **ANSWERING, **PRIVATE)
    p.remove_btn.click(manage.remove, p.parts(REMOVE_INPUTS), p.parts(MANAGE_OUTPUTS), **ANSWERING, **PRIVATE)


def _wire_chat(p: Page, chat: Chat) -> None:
    """Send, Enter and the example buttons ask (an example first fills the box); Stop and New chat cancel."""
    inputs, outputs = p.parts(RESPOND_INPUTS), p.parts(RESPOND_OUTPUTS)
    relabel_io = p.parts(RELABEL_INPUTS), p.parts(RELABEL_OUTPUTS)
    asking = []
    triggers = [(p.question.submit, None), (p.send_btn.click, None)] + [
        (button.click, q) for button, q in zip(p.example_btns, example_questions(), strict=True)]
    for trigger, example in triggers:
        if example is None:
            event = trigger(chat.respond, inputs, outputs, show_progress="hidden", **ANSWERING, **PRIVATE)
        else:
            event = trigger(lambda q=example: q, None, p.question, queue=False, **PRIVATE).then(
                chat.respond, inputs, outputs, show_progress="hidden", **ANSWERING, **PRIVATE)
        asking.append(event)
        # The labels follow the answer's language (on Auto).
        event.then(relabel, *relabel_io, show_progress="hidden", queue=False, **PRIVATE)

    p.stop_btn.click(stopped, p.parts(STOP_INPUTS), p.parts(STOP_OUTPUTS), cancels=asking, queue=False, **PRIVATE)
    for new_chat in (p.clear_btn.click, p.chatbot.clear):
        new_chat(clear, [p.ui_lang], p.parts(CLEAR_OUTPUTS), cancels=asking, queue=False, **PRIVATE)


def _wire_labels(app: gr.Blocks, p: Page, corpus: Corpus) -> None:
    """The selector relabels at once; the page load and Refresh list the documents, then relabel."""
    p.lang_radio.input(relabel, p.parts(RELABEL_INPUTS), p.parts(RELABEL_OUTPUTS), show_progress="hidden",
                       queue=False, **PRIVATE)
    app.load(corpus.on_load, p.parts(LOAD_INPUTS), p.parts(LISTING_OUTPUTS), show_progress="hidden", **PRIVATE)
    p.refresh_btn.click(corpus.refresh, p.parts(REFRESH_INPUTS), p.parts(LISTING_OUTPUTS), **PRIVATE)


def _wire_api(api: Api) -> None:
    gr.api(api.ask, api_name="ask", **ANSWERING)
    gr.api(api.search, api_name="search")
    gr.api(api.documents, api_name="documents")
    gr.api(api.brief, api_name="brief", **ANSWERING)


def build_app(warta: Warta) -> gr.Blocks:
    """The Blocks app over one Warta. Launch it with `launch(**launch_kwargs(settings))`."""
    with gr.Blocks(title="Warta", analytics_enabled=False) as app:
        page = _layout()
        settings = getattr(warta, "settings", None)
        if settings is not None and (url := settings.llm_endpoint()):  # a remote LLM: how a question leaves
            gr.HTML(" · ".join(escape(t(lang, "llm_remote", url=url)) for lang in ("en", "id")),
                    elem_id="warta-remote-llm")
        _wire_chat(page, Chat(warta))
        _wire_labels(app, page, Corpus(warta))
        _wire_api(Api(warta))
        _wire_manage(page, Manage(warta))
        wire_brief(page.brief, warta, ANSWERING)
    return app


def launch_kwargs(settings: Settings) -> dict[str, Any]:
    """The `launch()` arguments `serve` uses; tests launch with the same ones (then call `connect_mcp`)."""
    auth = None
    if settings.username and settings.password:
        auth = LoginThrottle(settings.username, settings.password, settings.login_max_delay_s).check
    return {
        "server_name": settings.host,
        "server_port": settings.port,
        "auth": auth,
        # The guard sits inside Gradio's own CORS middleware, in front of every route (MCP's mount included).
        "app_kwargs": {"middleware": [Middleware(Guard, policy=GuardPolicy.from_settings(settings))]},
        "max_file_size": int(settings.max_upload_mb * 1024 * 1024),  # Gradio's own check, behind the guard's
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
            raise  # a bug: fail at start, with its traceback
        print(f"Warta: warning: {message}", file=sys.stderr, flush=True)
    app = build_app(warta)
    app.launch(prevent_thread_lock=True, **launch_kwargs(settings))
    connect_mcp(app, settings)
    url = f"http://{settings.host}:{settings.port}/"
    print(f"Warta is running at {url}  (API: {url}?view=api, MCP: {url}gradio_api/mcp/)", flush=True)
    app.block_thread()


def connect_mcp(app: gr.Blocks, settings: Settings) -> None:
    """After `launch()`: with a login and an MCP token, let MCP calls through the login.

    Gradio's MCP bridge runs queued tools (`ask`, `search`, `documents`) through an HTTP client of its own,
    made on the first call, that carries no credentials: with a login every call failed. The guard has
    already checked the caller's token, so the bridge gets a client logged in with the configured account.
    This sets a private attribute of Gradio's MCP server; if that changes, MCP under a login stops working
    (a warning here, and tests/e2e/api/test_security.py fails), nothing else does."""
    server = getattr(app, "mcp_server_obj", None)
    if server is None or not (settings.username and settings.password and settings.mcp_token):
        return
    if not hasattr(server, "_client_instance") or not getattr(app, "local_url", None):
        print("Warta: warning: this Gradio's MCP bridge is unknown; MCP calls will fail under the login",
              file=sys.stderr, flush=True)
        return
    from gradio_client import Client

    try:
        server._client_instance = Client(app.local_url, auth=(settings.username, settings.password),
                                         headers={"x-gradio-user": "mcp"}, download_files=False, verbose=False,
                                         analytics_enabled=False)
    except Exception as exc:  # noqa: BLE001 - the page and the API still work; only MCP is affected
        print(f"Warta: warning: MCP calls will fail under the login: {exc}", file=sys.stderr, flush=True)
