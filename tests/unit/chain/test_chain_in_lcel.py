"""WartaRetriever and warta_chain inside a user's LCEL chains, over the real index of the seeds (extractive
generator: no LLM), and the proof of one code path: the CLI, the API and the UI's chat answer through the
very chain LangChain users run (the chain is instrumented and the answers compared)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.output_parsers import StrOutputParser
from langchain_core.outputs import ChatGeneration, ChatResult
from langchain_core.prompts import ChatPromptTemplate
from langchain_core.runnables import RunnableLambda, RunnablePassthrough

from assistant.chain import WartaChain, warta_chain

pytestmark = pytest.mark.slow

EN = "What did Indonesia sign with Russia?"
ID = "Apa saja MoU dengan Rusia?"


class EchoChat(BaseChatModel):
    """A stand-in chat model for the wiring only: it answers with the prompt it was given."""

    @property
    def _llm_type(self) -> str:
        return "echo"

    def _generate(self, messages: list[BaseMessage], stop: Any = None, run_manager: Any = None,
                  **kwargs: Any) -> ChatResult:
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=messages[-1].text))])


def format_docs(docs) -> str:  # type: ignore[no-untyped-def]
    return "\n\n".join(f"[{d.metadata['doc_id']}] {d.metadata['title']}: {d.page_content}" for d in docs)


def test_retriever_in_a_users_rag_chain(warta) -> None:  # type: ignore[no-untyped-def]
    prompt = ChatPromptTemplate.from_messages([("human", "Sources:\n{context}\n\nQuestion: {question}")])
    rag = ({"context": warta.as_retriever(k=3) | format_docs, "question": RunnablePassthrough()}
           | prompt | EchoChat() | StrOutputParser())
    out = rag.invoke(EN)
    top = warta.search(EN, k=3).hits
    assert out.endswith(f"Question: {EN}")
    assert all(f"[{h.chunk.doc_id}] {h.chunk.title}" in out for h in top)
    assert "".join(rag.stream(EN)) == out


def test_warta_chain_in_a_users_chain_is_warta_ask(warta) -> None:  # type: ignore[no-untyped-def]
    chain = warta_chain(warta)
    assert chain is warta.chain
    user = {"question": RunnablePassthrough(), "language": lambda _: "auto"} | chain | RunnableLambda(
        lambda a: (a["answer"], [c["doc_id"] for c in a["citations"]]))
    direct = warta.ask(EN)
    assert user.invoke(EN) == (direct.answer, [c.doc_id for c in direct.citations])
    answers = chain.batch([{"question": EN}, {"question": ID}])
    assert [a["language"] for a in answers] == ["en", "id"] and all(a["citations"] for a in answers)
    events = list(chain.stream({"question": ID}))
    kinds = [e["event"] for e in events]
    assert kinds[0] == "status" and kinds[1] == "evidence" and kinds[-1] == "answer" and "token" in kinds
    assert events[-1]["answer"] == answers[1]["answer"]
    # Every [n] of the answer is one of its checked citations.
    assert {c["n"] for c in events[-1]["citations"]} <= {c["n"] for c in events[1]["evidence"]}


@pytest.fixture
def runs(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Every run of the ask chain (any instance, any thread) is recorded with its input."""
    seen: list[Any] = []
    lock = threading.Lock()
    real = WartaChain._run

    def recorded(self, inputs, run_manager, config) -> Iterator[Any]:  # type: ignore[no-untyped-def]
        items = list(inputs)
        with lock:
            seen.append(items[-1])
        yield from real(self, iter(items), run_manager, config)

    monkeypatch.setattr(WartaChain, "_run", recorded)
    return seen


def _comparable(answer: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in answer.items() if k not in ("timings_ms", "event")}


def test_cli_api_and_ui_answer_through_the_chain(warta, runs, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    from assistant import cli
    from assistant.cli import commands
    from assistant.ui.api import Api
    from assistant.ui.chat import Chat

    expected = _comparable(warta.chain.invoke({"question": EN}))
    assert len(runs) == 1
    monkeypatch.setattr(commands, "_warta", lambda settings: warta)
    assert cli.main(["ask", EN, "--json"]) == 0
    assert _comparable(json.loads(capsys.readouterr().out)) == expected
    assert len(runs) == 2 and runs[-1]["question"] == EN

    assert _comparable(Api(warta).ask(EN, "auto")) == expected
    assert len(runs) == 3

    outputs = list(Chat(warta).respond(ID, [], "auto", "en"))
    assert outputs and len(runs) == 4 and runs[-1]["question"] == ID


def test_a_remote_llm_that_is_down_gives_the_extractive_answer_and_a_note(warta, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import socket

    from assistant.answer.generators import LLMGenerator
    from assistant.backends import chat
    from assistant.serialize import answer_to_dict
    from assistant.service import Warta
    from assistant.ui.render import render_answer

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{s.getsockname()[1]}/v1"  # nothing listens here once closed
    monkeypatch.setattr(chat, "BACKOFF_S", 0.01)
    settings = warta.settings.model_copy(update={"generator": "llm", "llm_provider": "openai", "llm_base_url": url,
                                                 "llm_model": "qwen", "llm_retries": 1})
    remote = Warta(settings, embedder=warta.embedder, generator=LLMGenerator(settings))
    answer = remote.ask(EN)
    extractive = warta.ask(EN)
    assert not answer.refused and answer.citations and answer.answer == extractive.answer
    assert answer.note == f"LLM server at {url} did not answer (no connection)"
    assert answer.generator == "extractive (llm:openai:qwen unavailable)"
    assert answer_to_dict(answer)["note"] == answer.note
    assert url in render_answer(answer)  # the chat shows the note under the answer
