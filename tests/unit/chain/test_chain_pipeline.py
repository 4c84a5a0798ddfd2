"""The ask chain's own logic, with a stand-in host (no models): input forms, event order, errors before any
event, dict output, composition in a user's LCEL sequence, and that closing the stream closes the answer
step at once (the service's lock is held inside it)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from langchain_core.messages import AIMessage, HumanMessage, SystemMessage
from langchain_core.prompts import ChatPromptTemplate
from langchain_core.runnables import RunnableLambda, RunnablePassthrough

from assistant.answer import condense
from assistant.chain.pipeline import WartaChain, read_history, read_input
from assistant.errors import EmptyQuestion, InvalidInput
from assistant.records import Answer, AskEvent, Citation, EvidenceSet, Query, Turn

CITE = Citation(n=1, doc_id="d1", chunk_id="d1#0", title="A title", published="2024-01-02", source="Outlet",
                quote="The quote.", supporting="The quote.")


class Host:
    """Records what the chain asked of it; answers with one token and a final answer."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, object]] = []
        self.closed = False

    def prepare(self, question, language=None, fallback="en", history=()):  # type: ignore[no-untyped-def]
        if not str(question).strip():
            raise EmptyQuestion()
        self.calls.append(("query", (question, language, fallback, history)))
        return Query(text=question, language=language or "en", written_in="en", k=8, tokens=(), history=history)

    def gather(self, query: Query) -> tuple[EvidenceSet, dict[str, float]]:
        self.calls.append(("gather", query.text))
        return EvidenceSet(passages=(), vectors={}), {"search": 1.0}

    def answer_events(self, query, evidence, started, timings) -> Iterator[AskEvent]:  # type: ignore[no-untyped-def]
        self.calls.append(("answer", query.text))
        try:
            yield AskEvent(kind="evidence", evidence=(CITE,))
            yield AskEvent(kind="status", status="writing")
            yield AskEvent(kind="token", text="It says so [1].")
            yield AskEvent(kind="answer", answer=Answer(
                question=query.text, language=query.language, answer="It says so [1].", refused=False,
                citations=(CITE,), generator="test", timings_ms=dict(timings)))
        finally:
            self.closed = True


def test_invoke_runs_the_three_steps_and_returns_the_answer_dict() -> None:
    host = Host()
    out = WartaChain(host).invoke({"question": "What happened?", "language": "auto", "extra": 1})
    assert [c[0] for c in host.calls] == ["query", "gather", "answer"]
    assert out["answer"] == "It says so [1]." and out["citations"][0]["doc_id"] == "d1" and not out["refused"]
    assert "event" not in out and out["note"] == ""
    assert host.calls[0][1] == ("What happened?", None, "en", ())


def test_stream_yields_status_evidence_tokens_then_the_answer() -> None:
    events = list(WartaChain(Host()).stream("What happened?"))
    kinds = [e["event"] for e in events]
    assert kinds == ["status", "evidence", "status", "token", "answer"]
    assert events[0]["status"] == "searching" and events[-1]["answer"] == "It says so [1]."
    assert events[1]["evidence"][0]["title"] == "A title"


def test_a_bad_question_fails_before_any_event() -> None:
    stream = WartaChain(Host()).stream({"question": "   "})
    with pytest.raises(EmptyQuestion):
        next(stream)
    with pytest.raises(InvalidInput, match="no 'question'"):
        WartaChain(Host()).invoke({"q": "x"})


def test_history_forms_all_become_turns_through_the_one_reader() -> None:
    """The chain converts its own forms (messages, pairs); the service's reader (answer.condense) checks all."""
    want = (Turn("Who signed?", "Two ministers [1]."),)
    for form in ([{"question": "Who signed?", "answer": "Two ministers [1]."}], [("Who signed?", "Two ministers [1].")],
                 list(want), [SystemMessage("s"), HumanMessage("Who signed?"), AIMessage("Two ministers [1].")]):
        assert condense.read_history(read_history(form), 100) == want
    ask = read_input([HumanMessage("Who signed?"), AIMessage("Two ministers [1]."), HumanMessage("When?")])
    assert ask["question"] == "When?" and ask["history"] == want
    with pytest.raises(InvalidInput, match="history must be a list"):
        condense.read_history(read_history("Who signed?"), 100)
    with pytest.raises(InvalidInput, match=r"history\[1\]"):
        condense.read_history(read_history([("a", "b"), 3]), 100)


def test_history_reaches_the_question_reading_step() -> None:
    host = Host()
    WartaChain(host).invoke({"question": "And when?", "history": [("Who signed?", "Two ministers.")]})
    assert tuple(host.calls[0][1][3]) == (Turn("Who signed?", "Two ministers."),)


def test_batch_and_a_users_lcel_sequence() -> None:
    host = Host()
    chain = WartaChain(host)
    assert [a["question"] for a in chain.batch(["one?", "two?"])] == ["one?", "two?"]
    user = {"question": RunnablePassthrough()} | chain | RunnableLambda(lambda a: a["answer"].upper())
    assert user.invoke("three?") == "IT SAYS SO [1]."
    # Streaming through the sequence: the step after the chain reads the last event, the answer itself.
    assert list(user.stream("four?")) == ["IT SAYS SO [1]."]
    prompt = ChatPromptTemplate.from_messages([("human", "{q}")])
    assert (prompt | chain).invoke({"q": "five?"})["question"] == "five?"


def test_closing_the_stream_closes_the_answer_step_at_once() -> None:
    host = Host()
    stream = WartaChain(host).events("What happened?")
    kinds = [next(stream).kind for _ in range(3)]
    assert kinds == ["status", "evidence", "status"] and not host.closed
    stream.close()
    assert host.closed  # the answer step ran its cleanup (the service releases its lock there)


def test_async_invoke_and_stream() -> None:
    import asyncio

    async def run() -> tuple[dict, list[dict]]:
        chain = WartaChain(Host())
        return await chain.ainvoke("async?"), [e async for e in chain.astream("async?")]

    answer, events = asyncio.run(run())
    assert answer["question"] == "async?" and [e["event"] for e in events][-1] == "answer"
    assert [e["event"] for e in events] == ["status", "evidence", "status", "token", "answer"]
