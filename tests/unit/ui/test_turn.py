"""One question's events folded into what the page shows (no Gradio, no models)."""

from __future__ import annotations

from pathlib import Path

from assistant.records import Answer, AskEvent, Citation
from assistant.ui.turn import PENDING, Turn

UI = Path(__file__).resolve().parents[3] / "assistant" / "ui"
CARD = Citation(n=1, doc_id="d", chunk_id="d#0", title="T", published=None, source=None, quote="Q.", supporting="Q.")


def _answer(refused: bool) -> Answer:
    return Answer(question="q", language="id", answer="Jawaban [1]." if not refused else "Tidak ditemukan.",
                  refused=refused, citations=() if refused else (CARD,), generator="extractive", closest=(CARD,))


def test_events_move_the_panel_status_and_reply() -> None:
    turn = Turn(number=2, lang="en")
    assert (turn.status.key, turn.status.turn, turn.panel.kind, turn.reply) == ("searching", 2, "empty", PENDING)
    assert turn.apply(AskEvent(kind="evidence", evidence=(CARD,)))
    assert turn.panel.kind == "evidence" and turn.panel.cards == (CARD,) and turn.status.key == "writing"
    assert turn.apply(AskEvent(kind="token", text="  "))
    assert turn.reply == PENDING  # nothing visible yet
    turn.apply(AskEvent(kind="token", text="Signed [1]"))
    assert turn.reply == '<p>Signed <a class="warta-cite" href="#src-1">[1]</a></p>'
    assert turn.apply(AskEvent(kind="status", status="checking")) and turn.status.key == "checking"
    assert not turn.apply(AskEvent(kind="status", status="done"))  # shown with the answer instead
    turn.seconds = 1.5
    assert turn.apply(AskEvent(kind="answer", answer=_answer(refused=False)))
    assert turn.lang == "id" and turn.panel.kind == "answer"
    assert (turn.status.key, turn.status.seconds, turn.status.generator) == ("done", 1.5, "extractive")


def test_a_refusal_shows_the_closest_sources() -> None:
    turn = Turn(number=1, lang="en")
    turn.apply(AskEvent(kind="answer", answer=_answer(refused=True)))
    assert turn.panel.kind == "refused" and turn.panel.cards == (CARD,)
    assert turn.status.key == "refused" and turn.status.generator is None
    assert "warta-refused" in turn.reply


def test_a_failure_is_escaped_text() -> None:
    turn = Turn(number=1, lang="en")
    turn.fail("Sorry: <no index>")
    assert turn.reply == "Sorry: &lt;no index&gt;" and turn.status.key == "error"


def test_stop_only_changes_a_step_in_progress() -> None:
    turn = Turn(number=4, lang="en")
    assert turn.status.stopped().key == "stopped" and turn.status.stopped().turn == 4
    turn.apply(AskEvent(kind="answer", answer=_answer(refused=False)))
    assert turn.status.stopped() is turn.status


def test_the_ui_never_reads_the_generator_sentinel() -> None:
    """Refusals are `Answer.refused`; the answer stream absorbs the generator's signal before the UI."""
    for path in UI.glob("*.py"):
        assert "NOT_FOUND" not in path.read_text(encoding="utf-8"), path
