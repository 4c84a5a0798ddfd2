"""The chat UI's state, typed, and how one question's events change it. No Gradio here.

    PanelState    what the sources panel shows: nothing yet, the retrieved evidence, the answer's sources,
                  or a refusal's closest sources
    StatusState   the status line: which step (or outcome), how long it took, which generator, which turn
    CorpusState   the corpus tab's documents, or why they could not be listed

States are frozen: Gradio keeps them in `gr.State` per browser session and a handler replaces, never edits,
them. A label switch re-renders them in the other language without asking again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

from assistant.records import Citation, DocInfo

PanelKind = Literal["empty", "evidence", "answer", "refused"]
StatusKey = Literal["searching", "writing", "checking", "working", "done", "refused", "stopped", "error"]
BusyKey = Literal["searching", "writing", "checking", "working"]
BUSY: tuple[str, ...] = get_args(BusyKey)


@dataclass(frozen=True)
class PanelState:
    kind: PanelKind = "empty"
    cards: tuple[Citation, ...] = ()


@dataclass(frozen=True)
class StatusState:
    key: StatusKey | None = None  # None: idle (nothing asked yet, or a new chat)
    turn: int = 0  # the question's number in this chat: browser tests wait for "turn n is done"
    seconds: float | None = None  # done / refused
    generator: str | None = None  # done

    @property
    def busy(self) -> bool:
        return self.key in BUSY

    def fields(self) -> dict[str, object]:
        """The values the status line's words may use (see prompts.WORD_FIELDS)."""
        return {k: v for k, v in (("seconds", self.seconds), ("generator", self.generator)) if v is not None}

    def stopped(self) -> StatusState:
        """After the Stop button: a step in progress becomes "stopped"; an outcome stays."""
        return StatusState("stopped", self.turn) if self.busy else self


@dataclass(frozen=True)
class CorpusState:
    docs: tuple[DocInfo, ...] = ()
    failed: bool = False
    message: str | None = None  # why listing failed, when the error is a known one (else: a bug, logged)
