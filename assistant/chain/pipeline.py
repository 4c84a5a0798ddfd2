"""The ask pipeline as a LangChain Runnable: the one code path every answer takes.

    chain = warta_chain(warta)             # or warta.chain
    chain.invoke({"question": "...", "history": [...], "language": "id"})  -> the Answer as a dict
    chain.stream({"question": "..."})      -> event dicts: status, evidence, token..., answer (always last)
    chain.batch([...])                     -> one answer dict per input

Design (one pipeline, not two): `WartaChain` runs the service's own stage methods in order, as child runs
("read_query" -> `host.prepare`: the question read once, a follow-up condensed, "retrieve" -> `host.gather`: search + evidence, "answer" ->
`host.answer_events`: generation, citation check, refusal), and `Warta.ask_stream` is this chain's
`events()`. The CLI, the UI, the API, `warta eval` and LangChain users therefore all run the same steps;
the dicts of `stream`/`invoke` are `events()` put through `assistant.serialize`. LangChain callbacks and
tracers see the chain run, its three steps and the LLM call inside "answer".

Input: a question string, or a dict with "question" and optionally "history" (Turns, {"question",
"answer"} dicts, (question, answer) pairs or alternating human/AI messages), "language" ("auto", "id",
"en") and "fallback" (the language when detection is unsure); other keys are ignored, so the chain sits
behind `RunnablePassthrough.assign(...)`. A prompt value or message list also works: its last human message
is the question, the messages before it the history. Bad input raises InvalidInput naming what is wrong.

Streaming inside a user's LCEL sequence: a step after this chain receives the events one by one; the last
event is the answer dict itself plus "event": "answer", so a step that only looks at the final chunk (the
LCEL default for chunks that cannot be added) reads the same keys as after `invoke`.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Iterator, Sequence
from typing import Any, Protocol

from langchain_core.callbacks import CallbackManagerForChainRun
from langchain_core.messages import BaseMessage
from langchain_core.runnables import Runnable, RunnableConfig, RunnableGenerator, RunnableLambda
from langchain_core.runnables.config import ensure_config, patch_config

from assistant.errors import InvalidInput
from assistant.records import AskEvent, EvidenceSet, Lang, Query, Turn
from assistant.serialize import answer_to_dict, citation_to_dict

__all__ = ["AskHost", "WartaChain", "event_to_dict", "read_input", "warta_chain"]


class AskHost(Protocol):
    """The stages the chain runs (the `Warta` service provides them)."""

    def query(self, question: str, language: Lang | None = None, fallback: Lang = "en", k: int | str | None = None,
              date_from: str | None = None, date_to: str | None = None, history: tuple[Turn, ...] = ()) -> Query: ...

    def prepare(self, question: str, language: Lang | None = None, fallback: Lang = "en",
                history: tuple[Turn, ...] = ()) -> Query: ...

    def gather(self, query: Query) -> tuple[EvidenceSet, dict[str, float]]: ...

    def answer_events(self, query: Query, evidence: EvidenceSet, started: float,
                      timings: dict[str, float]) -> Iterator[AskEvent]: ...


# Input ----------------------------------------------------------------------------------------------------
def _role(message: BaseMessage) -> str:
    return {"human": "user", "ai": "assistant"}.get(message.type, message.type)


def _turns_from_messages(messages: Sequence[BaseMessage]) -> tuple[Turn, ...]:
    """Alternating human/AI messages as Turns (system messages are skipped; a human without a reply too)."""
    turns: list[Turn] = []
    pending: str | None = None
    for m in messages:
        if _role(m) == "user":
            pending = m.text
        elif _role(m) == "assistant" and pending is not None:
            turns.append(Turn(pending, m.text))
            pending = None
    return tuple(turns)


def read_history(history: Any) -> Any:
    """The chain's own history forms converted: LangChain messages -> Turns, (question, answer) pairs -> Turns.
    Anything else goes on unchanged: the service's one history reader (answer.condense.read_history) checks
    every form and names what is wrong (history[0].question is missing, not a list…)."""
    if history is None:
        return ()
    if isinstance(history, (list, tuple)) and history and all(isinstance(m, BaseMessage) for m in history):
        return _turns_from_messages(history)
    if not isinstance(history, (list, tuple)):
        return history
    return [Turn(item[0], item[1]) if isinstance(item, (tuple, list)) and len(item) == 2
            and all(isinstance(x, str) for x in item) else item for item in history]


def read_input(value: Any) -> dict[str, Any]:
    """The chain's input as keyword arguments of `host.query` (question, language, fallback, history)."""
    if hasattr(value, "to_messages"):  # a PromptValue
        value = value.to_messages()
    if isinstance(value, str):
        return {"question": value, "language": None, "fallback": "en", "history": ()}
    if isinstance(value, (list, tuple)) and value and all(isinstance(m, BaseMessage) for m in value):
        humans = [i for i, m in enumerate(value) if _role(m) == "user"]
        if not humans:
            raise InvalidInput("the messages given to warta_chain hold no human message (the question)")
        return {"question": value[humans[-1]].text, "language": None, "fallback": "en",
                "history": _turns_from_messages(value[:humans[-1]])}
    if not isinstance(value, dict):
        raise InvalidInput(f"warta_chain takes a question or a dict with 'question', not {type(value).__name__}")
    if "question" not in value:
        raise InvalidInput(f"warta_chain's input has no 'question' (keys: {', '.join(map(str, value)) or 'none'})")
    language = value.get("language")
    return {"question": value["question"], "language": None if language in (None, "auto") else language,
            "fallback": value.get("fallback") or "en", "history": read_history(value.get("history"))}


# Output ---------------------------------------------------------------------------------------------------
def event_to_dict(event: AskEvent) -> dict[str, Any]:
    """An AskEvent as the chain streams it: {"event": kind, ...}; the answer event is the answer dict."""
    if event.kind == "answer" and event.answer is not None:
        return {"event": "answer", **answer_to_dict(event.answer)}
    if event.kind == "evidence":
        return {"event": "evidence", "evidence": [citation_to_dict(c) for c in event.evidence]}
    if event.kind == "token":
        return {"event": "token", "text": event.text}
    return {"event": "status", "status": event.status}


def _last(inputs: Iterator[Any]) -> Any:
    """The whole input of a transform: dict chunks are merged, anything else is taken whole (the last)."""
    final: Any = None
    for chunk in inputs:
        final = {**final, **chunk} if isinstance(final, dict) and isinstance(chunk, dict) else chunk
    return final


# The chain ------------------------------------------------------------------------------------------------
class WartaChain(Runnable[Any, dict[str, Any]]):
    """Warta's ask pipeline as a Runnable (see the module docstring)."""

    name = "warta"

    def __init__(self, host: AskHost) -> None:
        self.host = host
        self._read = RunnableLambda(lambda ask: host.prepare(**ask), name="read_query")
        self._retrieve = RunnableLambda(host.gather, name="retrieve")
        self._answer = RunnableGenerator(self._answer_events, name="answer")

    def _answer_events(self, items: Iterator[tuple[Query, EvidenceSet, float, dict[str, float]]]
                       ) -> Iterator[AskEvent]:
        for query, evidence, started, timings in items:
            events = self.host.answer_events(query, evidence, started, timings)
            try:
                yield from events
            finally:
                events.close()  # a closed stream (Stop) stops the LLM and frees the models at once

    def _run(self, inputs: Iterator[Any], run_manager: CallbackManagerForChainRun,
             config: RunnableConfig) -> Iterator[AskEvent]:
        """The pipeline: read the question (every check, before any event), search and select evidence,
        then answer. Each stage runs as a child run of this chain's."""
        started = time.perf_counter()
        ask = read_input(_last(inputs))
        child = patch_config(config, callbacks=run_manager.get_child())
        query = self._read.invoke(ask, child)
        yield AskEvent(kind="status", status="searching", text=query.text)  # a follow-up: what is searched
        evidence, timings = self._retrieve.invoke(query, child)
        answer = self._answer.stream((query, evidence, started, timings), child)
        try:
            yield from answer
        finally:
            answer.close()

    def events(self, input: Any, config: RunnableConfig | None = None) -> Iterator[AskEvent]:
        """The pipeline's AskEvent records (what `Warta.ask_stream` returns), as one LangChain chain run."""
        stream = self._transform_stream_with_config(iter([input]), self._run, ensure_config(config),
                                                    run_type="chain")
        try:
            yield from stream
        finally:
            stream.close()

    def stream(self, input: Any, config: RunnableConfig | None = None, **kwargs: Any) -> Iterator[dict[str, Any]]:
        for event in self.events(input, config):
            yield event_to_dict(event)

    def transform(self, input: Iterator[Any], config: RunnableConfig | None = None,
                  **kwargs: Any) -> Iterator[dict[str, Any]]:
        yield from self.stream(_last(input), config)

    async def astream(self, input: Any, config: RunnableConfig | None = None,
                      **kwargs: Any) -> AsyncIterator[dict[str, Any]]:
        """`stream`, event by event, off the event loop (the models run in a worker thread)."""
        loop = asyncio.get_running_loop()
        events = self.stream(input, config)
        end = object()
        try:
            while (event := await loop.run_in_executor(None, next, events, end)) is not end:
                yield event  # type: ignore[misc]
        finally:
            await loop.run_in_executor(None, events.close)

    def invoke(self, input: Any, config: RunnableConfig | None = None, **kwargs: Any) -> dict[str, Any]:
        final: dict[str, Any] | None = None
        for event in self.events(input, config):
            if event.kind == "answer" and event.answer is not None:
                final = answer_to_dict(event.answer)
        assert final is not None, "the answer stream ended without an answer"
        return final


def warta_chain(warta: AskHost) -> WartaChain:
    """The ask pipeline of `warta` (a `Warta` service) as an LCEL Runnable: the very chain its own
    `ask_stream` runs (`warta.chain` when it has one)."""
    return getattr(warta, "chain", None) or WartaChain(warta)
