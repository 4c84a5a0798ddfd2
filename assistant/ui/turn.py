"""One question in progress, as the page shows it: `Turn.apply(event)` folds the service's AskEvents into
the sources panel, the status line and the assistant's reply. No Gradio here (the chat handler sends what
changed)."""

from __future__ import annotations

import html
from dataclasses import dataclass, field

from assistant.records import Answer, AskEvent, Lang
from assistant.ui.render import link_citations, render_answer, render_standalone
from assistant.ui.state import BUSY, PanelState, StatusState

PENDING = "…"  # the assistant's reply until the first visible text arrives


@dataclass
class Turn:
    """One question's progress as the page shows it. `number` counts the user's questions in this chat."""

    number: int
    lang: Lang
    seconds: float = 0.0  # since the question was sent; the caller keeps it current
    panel: PanelState = field(default_factory=PanelState)
    status: StatusState = field(init=False)
    reply: str = PENDING  # the assistant message: escaped HTML with Warta's markup only (ui/safe.py)
    streamed: str = ""
    question: str = ""  # as asked
    standalone: str = ""  # as searched (a follow-up rewritten to stand alone); shown when it differs

    @property
    def searched(self) -> str:
        """The "Searching for: …" line (HTML), or "" when the question was searched as asked."""
        if not self.standalone or self.standalone.strip() == self.question.strip():
            return ""
        return render_standalone(self.standalone, self.lang)

    def __post_init__(self) -> None:
        self.status = StatusState("searching", self.number)

    def apply(self, event: AskEvent) -> bool:
        """Fold one event in; False when it changes nothing on the page."""
        if event.kind == "status":
            if event.status not in BUSY:  # "done" is shown with the answer, which carries the timing
                return False
            if event.status == "searching" and event.text:
                self.standalone = event.text  # what is searched for, known before the answer
                self.reply = self.searched + PENDING if self.searched else self.reply
            self.status = StatusState(event.status, self.number)  # type: ignore[arg-type]
        elif event.kind == "evidence":
            self.panel = PanelState("evidence", event.evidence)
            if self.status.key == "searching":
                self.status = StatusState("writing", self.number)
        elif event.kind == "token":
            # The answer stream never passes on the generator's "no answer" signal: tokens are shown as
            # they come, and a refusal arrives as the final Answer.
            self.streamed += event.text
            self.reply = self.searched + (link_citations(self.streamed.strip()) or PENDING)
        elif event.kind == "answer" and event.answer is not None:
            self.finish(event.answer)
        else:
            return False
        return True

    def finish(self, answer: Answer) -> None:
        self.lang = answer.language
        self.standalone = answer.standalone_question or self.standalone
        self.reply = self.searched + render_answer(answer)
        if answer.refused:
            self.panel = PanelState("refused", answer.closest)
            self.status = StatusState("refused", self.number, seconds=self.seconds)
        else:
            self.panel = PanelState("answer", answer.citations)
            self.status = StatusState("done", self.number, seconds=self.seconds, generator=answer.generator)

    def fail(self, message: str) -> None:
        """The question could not be answered: `message` (plain text) says why."""
        self.reply = html.escape(message)
        self.status = StatusState("error", self.number)
