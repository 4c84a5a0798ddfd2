"""The chat's handlers: a question in, its answer streamed out (`Chat.respond`); Stop; New chat.

`Chat.respond` outputs (`RESPOND_OUTPUTS`, which `app.py` wires): the chatbot, the message history, the sources
panel, its PanelState, the status line, its StatusState, the labels' language, and the question box (cleared
once, so the next question can be typed while this one is answered). An output that has not changed since the last
yield is `gr.skip()`: the panel is not re-sent, and re-rendered by the browser, for every token.

No `from __future__ import annotations` here: Gradio inspects the handlers' signatures.
"""

import html
import re
import threading
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from assistant.offline import enforce_offline

enforce_offline()  # before gradio is imported: no analytics, no hub calls

import gradio as gr  # noqa: E402

from assistant.records import Lang  # noqa: E402
from assistant.records import Turn as Exchange  # noqa: E402
from assistant.search.query import is_briefing  # noqa: E402
from assistant.ui.events import events_in_thread  # noqa: E402
from assistant.ui.failures import known_message  # noqa: E402
from assistant.ui.render import render_question, render_sources, render_status  # noqa: E402
from assistant.ui.state import PanelState, StatusState  # noqa: E402
from assistant.ui.turn import Turn  # noqa: E402
from assistant.ui.words import t, ui_lang  # noqa: E402

if TYPE_CHECKING:
    from assistant.service import Warta

# Gradio's chat message: {"role": "user" | "assistant", "content": str}. The content is HTML written by
# ui/render.py (the chatbot renders it without Markdown): never raw text from the asker or an article.
Message = dict[str, Any]
# The handlers' inputs and outputs, by their attribute names on app.Page, in order.
RESPOND_INPUTS = ("question", "messages", "lang_radio", "ui_lang")
RESPOND_OUTPUTS = ("chatbot", "messages", "sources_html", "panel", "status_html", "status", "ui_lang", "question")
CLEAR_OUTPUTS = ("chatbot", "messages", "sources_html", "panel", "status_html", "status", "question")
STOP_INPUTS, STOP_OUTPUTS = ("ui_lang", "status"), ("status_html", "status")


class _Changed:
    """Passes a value on the first time and whenever it differs from the last one passed; else `gr.skip()`."""

    def __init__(self) -> None:
        self._last: dict[str, Any] = {}

    def __call__(self, key: str, value: Any) -> Any:
        if key in self._last and self._last[key] == value:
            return gr.skip()
        self._last[key] = value
        return value


def _outputs(turn: Turn, history: list[Message], changed: _Changed) -> tuple[Any, ...]:
    messages = history + [{"role": "assistant", "content": turn.reply}]
    return (changed("chat", messages), messages,
            changed("sources", render_sources(turn.panel, turn.lang)), turn.panel,
            changed("status", render_status(turn.status, turn.lang)), turn.status,
            changed("lang", turn.lang), changed("box", ""))


_TAG = re.compile(r"<[^>]*>")


def earlier_turns(messages: list[Message]) -> tuple[Exchange, ...]:
    """The chat so far as the service's history: each question (the user message is its escaped text) with
    the plain text of the reply that followed it."""
    turns: list[Exchange] = []
    for i, m in enumerate(messages):
        if m.get("role") != "user" or not isinstance(m.get("content"), str):
            continue
        reply = messages[i + 1] if i + 1 < len(messages) and messages[i + 1].get("role") == "assistant" else {}
        answer = html.unescape(_TAG.sub(" ", str(reply.get("content") or "")))
        question = html.unescape(m["content"]).strip()
        if question:
            turns.append(Exchange(question=question, answer=" ".join(answer.split())))
    return tuple(turns)


def _failure_text(exc: BaseException, lang: Lang) -> str:
    message = known_message(exc, "answering a question")
    return t(lang, "error", message=message) if message is not None else t(lang, "internal_error")


class Chat:
    """The chat handlers over one Warta (bound methods: Gradio sees their signatures without `self`)."""

    def __init__(self, warta: "Warta") -> None:
        self._warta = warta

    def _language(self, question: str, choice: str, fallback: Lang) -> Lang:
        """The answer's language: the selector's, or on Auto the question's (the labels follow it)."""
        if choice in ("id", "en"):
            return choice  # type: ignore[return-value]
        return self._warta.detect_language(question, fallback=fallback)

    def respond(self, question: str, messages: list, choice: str, auto_lang: str) -> Iterator[tuple]:
        """`auto_lang`: the labels' language on Auto, the fallback when the question's language is unclear."""
        question = (question or "").strip()
        if not question:
            yield tuple(gr.skip() for _ in RESPOND_OUTPUTS)
            return
        started = time.perf_counter()
        fallback = ui_lang(auto_lang)
        earlier = earlier_turns(list(messages or []))
        history: list[Message] = list(messages or []) + [{"role": "user", "content": render_question(question)}]
        turn = Turn(number=sum(1 for m in history if m.get("role") == "user"), lang=fallback, question=question)
        changed = _Changed()
        try:
            lang = turn.lang = self._language(question, choice, fallback)
            yield _outputs(turn, history, changed)
            stream = events_in_thread(lambda: self._warta.ask_stream(question, language=lang, fallback=fallback,
                                                                     history=earlier), threading.Event())
            for event in stream:
                turn.seconds = time.perf_counter() - started
                if turn.apply(event):
                    yield _outputs(turn, history, changed)
            if is_briefing(question):  # the full brief (timeline, actors, downloads) is the Briefing tab's
                turn.reply += (f'<p class="warta-brief-link"><a class="warta-tab-link" href="#warta-brief-tab">'
                               f'{html.escape(t(lang, "brief_chat_link"))}</a></p>')
                yield _outputs(turn, history, changed)
        except Exception as exc:  # noqa: BLE001 - a readable message in the chat, never a traceback
            turn.fail(_failure_text(exc, turn.lang))
            yield _outputs(turn, history, changed)


def clear(lang: str) -> tuple:
    """New chat: no messages, an empty panel, an idle status line, an empty question box."""
    panel, status = PanelState(), StatusState()
    return [], [], render_sources(panel, lang), panel, render_status(status, lang), status, ""


def stopped(lang: str, status: StatusState) -> tuple:
    """After Stop cancelled the answer: the status line says so, unless the answer had already come."""
    status = (status or StatusState()).stopped()
    return render_status(status, lang), status
