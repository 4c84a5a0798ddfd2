"""End to end through a real OpenAI-compatible server: llama-cpp-python's own `python -m llama_cpp.server`
with the Qwen GGUF Warta pulls, started and stopped here on 127.0.0.1. `warta ask --json` with
WARTA_LLM_PROVIDER=openai answers (ask and briefing) with citations that resolve to the index and pass the
same checks; a user's LCEL chain runs Warta's retriever into the served model; killing the server in the
middle of a streamed answer gives the extractive answer with a note, and so does a server that is gone."""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import ARTIFACTS, REPO, free_port

pytestmark = pytest.mark.slow

if importlib.util.find_spec("llama_cpp") is None or importlib.util.find_spec("llama_cpp.server") is None:
    pytest.skip("llama_cpp.server is not importable (install the LLM extra: pip install -e '.[llm]')",
                allow_module_level=True)

EN = "What did Indonesia sign with Russia?"
BRIEF = "Brief me on Indonesia–Japan industrial cooperation"


def _model() -> Path:
    from assistant.backends.model_files import LLM_ID, is_verified, model_path
    from assistant.settings import Settings

    models = Settings().models_dir
    if not is_verified(models, LLM_ID):
        pytest.skip(f"the LLM is not pulled into {models} (run: warta models pull llm)")
    return model_path(models, LLM_ID)


@pytest.fixture(scope="module")
def llama_server():  # type: ignore[no-untyped-def]
    """(process, base URL): the server, ready to answer; stopped at the end of the module."""
    port = free_port()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    log_path = ARTIFACTS / "llama-server.log"
    log = log_path.open("w")
    proc = subprocess.Popen([sys.executable, "-m", "llama_cpp.server", "--model", str(_model()), "--host", "127.0.0.1",
                             "--port", str(port), "--n_ctx", "4096", "--n_threads", "2", "--n_threads_batch", "2",
                             "--model_alias", "qwen"], stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/v1"
    deadline = time.monotonic() + 240
    while True:
        if proc.poll() is not None:
            pytest.fail(f"llama_cpp.server exited with {proc.returncode}:\n{log_path.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"{url}/models", timeout=2) as response:
                if response.status == 200:
                    break
        except OSError:
            pass
        if time.monotonic() > deadline:
            proc.kill()
            pytest.fail(f"llama_cpp.server did not answer within 240 s:\n{log_path.read_text()[-3000:]}")
        time.sleep(0.5)
    yield proc, url
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
    log.close()


def _remote_env(indexed_env: dict[str, str], url: str) -> dict[str, str]:
    # A generous timeout: the machine running the tests may be busy (the timeout itself is tested in
    # tests/unit/backends/test_chat_providers.py).
    return dict(indexed_env, WARTA_GENERATOR="llm", WARTA_LLM_PROVIDER="openai", WARTA_LLM_BASE_URL=url,
                WARTA_LLM_MODEL="qwen", WARTA_LLM_TIMEOUT_S="600")


def _ask(env: dict[str, str], question: str) -> tuple[dict, str]:
    proc = subprocess.run([sys.executable, "-m", "assistant", "ask", question, "--json"], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout), proc.stderr


def _assert_citations_resolve(warta, answer: dict) -> None:  # type: ignore[no-untyped-def]
    """Every [n] is a citation; every citation is a passage of the index: its document, its chunk, its
    sentences."""
    chunks = {c.chunk_id: c for c in warta.reader.chunks()}
    docs = {d.doc_id for d in warta.documents()}
    numbers = {c["n"] for c in answer["citations"]}
    assert answer["citations"] and {int(n) for n in re.findall(r"\[(\d+)\]", answer["answer"])} <= numbers
    for c in answer["citations"]:
        chunk = chunks[c["chunk_id"]]
        assert c["doc_id"] in docs and chunk.doc_id == c["doc_id"] and c["title"] == chunk.title
        assert c["supporting"] in chunk.sentences and c["supporting"] in c["quote"]


def test_ask_and_briefing_through_the_openai_provider(llama_server, indexed_env, warta) -> None:  # type: ignore[no-untyped-def]
    _, url = llama_server
    env = _remote_env(indexed_env, url)
    answer, _ = _ask(env, EN)
    assert answer["generator"] == "llm:openai:qwen", answer
    assert not answer["refused"] and answer["note"] == "" and answer["language"] == "en"
    _assert_citations_resolve(warta, answer)
    brief, _ = _ask(env, BRIEF)
    assert brief["generator"].startswith("llm:openai:qwen") and not brief["refused"] and brief["note"] == ""
    _assert_citations_resolve(warta, brief)
    assert "Timeline" in brief["answer"]  # laid out in code after the check: key points, then the timeline


def test_warta_retriever_into_the_served_model_in_a_users_chain(llama_server, warta) -> None:  # type: ignore[no-untyped-def]
    from langchain_core.output_parsers import StrOutputParser
    from langchain_core.prompts import ChatPromptTemplate
    from langchain_core.runnables import RunnablePassthrough
    from langchain_openai import ChatOpenAI

    _, url = llama_server
    prompt = ChatPromptTemplate.from_messages([
        ("system", "Answer in one short sentence from the sources only."),
        ("human", "Sources:\n{context}\n\nQuestion: {question}")])
    llm = ChatOpenAI(base_url=url, api_key="none", model="qwen", temperature=0, max_tokens=48, timeout=300)
    rag = ({"context": warta.as_retriever(k=2) | (lambda docs: "\n\n".join(d.page_content for d in docs)),
            "question": RunnablePassthrough()} | prompt | llm | StrOutputParser())
    out = rag.invoke(EN)
    assert isinstance(out, str) and out.strip()


def test_killing_the_server_mid_stream_gives_the_extractive_answer(llama_server, warta) -> None:  # type: ignore[no-untyped-def]
    from assistant.answer.generators import LLMGenerator
    from assistant.service import Warta

    proc, url = llama_server
    settings = warta.settings.model_copy(update={"generator": "llm", "llm_provider": "openai", "llm_base_url": url,
                                                 "llm_model": "qwen", "llm_timeout_s": 600.0})
    remote = Warta(settings, embedder=warta.embedder, generator=LLMGenerator(settings))
    final = None
    tokens = 0
    for event in remote.ask_stream(EN):
        if event.kind == "token":
            tokens += 1
            if proc.poll() is None:
                proc.kill()  # the server dies while the answer streams
                proc.wait(10)
        if event.kind == "answer":
            final = event.answer
    assert tokens >= 1 and final is not None
    assert final.note == f"LLM server at {url} stopped answering mid-answer", final
    assert final.generator == "extractive (llm:openai:qwen unavailable)"
    assert not final.refused and final.citations and final.answer == warta.ask(EN).answer


def test_a_server_that_is_gone_gives_the_extractive_answer_from_the_cli(llama_server, indexed_env, warta) -> None:  # type: ignore[no-untyped-def]
    proc, url = llama_server
    if proc.poll() is None:  # run alone: the test before kills it
        proc.kill()
        proc.wait(10)
    answer, stderr = _ask(_remote_env(indexed_env, url), EN)
    assert answer["note"] == f"LLM server at {url} did not answer (no connection)"
    assert f"note: LLM server at {url} did not answer" in stderr
    assert answer["generator"] == "extractive (llm:openai:qwen unavailable)" and not answer["refused"]
    _assert_citations_resolve(warta, answer)
