"""The chat handler over a stand-in service: what it sends per event, what it skips, how it fails."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import gradio as gr
import pytest

from assistant.errors import NotIndexed
from assistant.records import Answer, AskEvent, Citation
from assistant.ui.chat import RESPOND_OUTPUTS, Chat, clear, stopped
from assistant.ui.state import PanelState, StatusState

CARD = Citation(n=1, doc_id="d", chunk_id="d#0", title="T", published=None, source=None, quote="Q.", supporting="Q.")


class FakeWarta:
    def __init__(self, events: list[AskEvent] | Exception, detected: str = "id") -> None:
        self.events = events
        self.detected = detected
        self.asked: list[tuple[str, str | None, str]] = []

    def detect_language(self, question: str, fallback: str = "en") -> str:
        return self.detected

    def ask_stream(self, question: str, language: str | None = None, fallback: str = "en",
                   history: tuple = ()) -> Iterator[AskEvent]:
        self.asked.append((question, language, fallback))
        self.histories = getattr(self, "histories", []) + [history]
        if isinstance(self.events, Exception):
            raise self.events
        yield from self.events


def _answer() -> Answer:
    return Answer(question="q", language="id", answer="Jawaban [1].", refused=False, citations=(CARD,),
                  generator="extractive")


def _run(warta: FakeWarta, question: str = "Apa saja MoU dengan Rusia?", choice: str = "auto",
         history: list[dict[str, Any]] | None = None) -> list[tuple[Any, ...]]:
    return list(Chat(warta).respond(question, history or [], choice, "en"))  # type: ignore[arg-type]


def _skipped(value: Any) -> bool:
    return value == gr.skip()


def test_an_answer_streams_and_unchanged_outputs_are_skipped() -> None:
    warta = FakeWarta([AskEvent(kind="status", status="searching"), AskEvent(kind="evidence", evidence=(CARD,)),
                       AskEvent(kind="token", text="Jawaban"), AskEvent(kind="token", text=" [1]."),
                       AskEvent(kind="status", status="done"), AskEvent(kind="answer", answer=_answer())])
    outs = _run(warta, history=[{"role": "user", "content": "before"}, {"role": "assistant", "content": "ok"}])
    assert warta.asked == [("Apa saja MoU dengan Rusia?", "id", "en")]
    assert all(len(o) == len(RESPOND_OUTPUTS) for o in outs)
    first = outs[0]
    assert first[0][-2:] == [{"role": "user", "content": "Apa saja MoU dengan Rusia?"},
                             {"role": "assistant", "content": "…"}]
    assert first[7] == "" and all(_skipped(o[7]) for o in outs[1:])  # the question box is cleared once
    assert 'data-turn="2"' in first[4]  # the second question of this chat
    tokens = outs[3:5]
    assert all(_skipped(o[2]) for o in tokens), "the sources panel is not re-sent for every token"
    final = outs[-1]
    assert final[3] == PanelState("answer", (CARD,)) and final[5].key == "done"
    assert 'href="#src-1"' in final[1][-1]["content"]
    assert first[6] == "id" and _skipped(final[6])  # the labels' language: the question's, sent once


def test_the_selector_forces_the_language() -> None:
    warta = FakeWarta([AskEvent(kind="answer", answer=_answer())], detected="id")
    _run(warta, choice="en")
    assert warta.asked[0][1] == "en"


def test_an_empty_question_changes_nothing() -> None:
    assert _run(FakeWarta([]), question="   ") == [tuple(gr.skip() for _ in RESPOND_OUTPUTS)]


@pytest.mark.parametrize(("error", "text"), [
    (NotIndexed("no index yet. Run: warta index"),
     "Maaf, pertanyaan tidak dapat dijawab: no index yet. Run: warta index"),
    (RuntimeError("a bug"), "Maaf, terjadi galat di dalam Warta. Rinciannya ada di log server."),
])
def test_failures_are_a_message_in_the_chat(error: Exception, text: str) -> None:
    final = _run(FakeWarta(error))[-1]
    assert final[1][-1] == {"role": "assistant", "content": text}
    assert final[5] == StatusState("error", 1)


def test_new_chat_and_stop() -> None:
    chat, messages, sources, panel, status_html, status, box = clear("id")
    assert (chat, messages, panel, status, box) == ([], [], PanelState(), StatusState(), "")
    assert "Sumber" in sources and 'data-lang="id"' in status_html
    html, after = stopped("en", StatusState("writing", 3))
    assert after == StatusState("stopped", 3) and "Stopped." in html
    assert stopped("en", StatusState("done", 3, seconds=1.0, generator="x"))[1].key == "done"


def test_earlier_turns_go_to_the_service_and_the_standalone_question_is_shown() -> None:
    from assistant.records import Turn as Exchange

    rewritten = "What did Indonesia sign with Japan?"
    answer = Answer(question="And with Japan?", language="en", answer="An answer [1].", refused=False,
                    citations=(CARD,), generator="extractive", standalone_question=rewritten)
    warta = FakeWarta([AskEvent(kind="status", status="searching", text=rewritten),
                       AskEvent(kind="answer", answer=answer)], detected="en")
    earlier = [{"role": "user", "content": "What did Indonesia sign with &lt;Russia&gt;?"},
               {"role": "assistant", "content": "<p>Two <b>MoUs</b> [1].</p>"}]
    outs = _run(warta, question="And with Japan?", history=earlier)
    assert warta.histories == [(Exchange("What did Indonesia sign with <Russia>?", "Two MoUs [1]."),)]
    final = outs[-1][1][-1]["content"]
    assert 'class="warta-standalone"' in final and "Searching for: What did Indonesia sign with Japan?" in final
    # Asked as it stands: no line.
    plain = Answer(question="q", language="en", answer="A [1].", refused=False, citations=(CARD,),
                   generator="extractive", standalone_question="q")
    outs = _run(FakeWarta([AskEvent(kind="answer", answer=plain)], detected="en"), question="q")
    assert "warta-standalone" not in outs[-1][1][-1]["content"]
