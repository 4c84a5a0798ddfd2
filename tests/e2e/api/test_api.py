"""The UI's API: `ask`, `search` and `documents` called with gradio_client against a running app (the real
Warta over an index of the seed articles), the MCP tool list, and the UI's pure helpers.

The running-app tests use the session fixtures `indexed_env` / `warta` from conftest.py when they exist;
otherwise they build their own index in a temporary folder with `python -m assistant index`."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import free_port

from assistant.offline import enforce_offline

enforce_offline()

REPO = Path(__file__).resolve().parent.parent
RUSSIA_DOC = "004_25aa0378524a9eee"


# Pure helpers (no models, no server) -----------------------------------------------------------------------------


def test_citation_markers_become_links_to_cards() -> None:
    from assistant.ui.app import link_citations

    html = link_citations("Two MoUs were signed [1][2]. Also [3, 4]. Not a marker: [x] or [1")
    assert '<a class="warta-cite" href="#src-1">[1]</a><a class="warta-cite" href="#src-2">[2]</a>' in html
    assert 'href="#src-3">[3]</a><a class="warta-cite" href="#src-4">[4]</a>' in html
    assert "[x] or [1" in html


def test_source_card_escapes_text_and_marks_the_supporting_sentence() -> None:
    from assistant.ui.app import render_sources

    card = {"n": 2, "doc_id": "d1", "chunk_id": "d1#0", "title": "A <b>bold</b> title", "published": "2026-01-12T06:49:54+07:00",
            "source": "Kompas.com", "quote": "First sentence.  Second   <sentence> here. Third.",
            "supporting": "Second <sentence> here."}
    html = render_sources({"kind": "answer", "cards": [card]}, "id")
    assert 'id="src-2"' in html and 'data-doc-id="d1"' in html
    assert "A &lt;b&gt;bold&lt;/b&gt; title" in html
    assert "<mark>Second   &lt;sentence&gt; here.</mark>" in html
    assert "12 Januari 2026" in html and "Kompas.com" in html
    empty = render_sources({"kind": "refused", "cards": []}, "en")
    assert "Closest sources" in empty


def test_browser_language_and_dates() -> None:
    from assistant.ui.words import format_date, ui_lang_from_accept_language

    assert ui_lang_from_accept_language("id-ID,id;q=0.9,en;q=0.8") == "id"
    assert ui_lang_from_accept_language("en-US,en;q=0.9") == "en"
    assert ui_lang_from_accept_language("fr-FR,fr;q=0.9,id;q=0.5") == "id"
    assert ui_lang_from_accept_language(None) == "en"
    assert format_date("2022-01-21", "en") == "21 January 2022"
    assert format_date(None, "id") == "tanpa tanggal"
    assert format_date("Kamis", "en") == "Kamis"


def test_stream_runs_in_one_thread_and_closes_on_cancel() -> None:
    """The pipeline holds an RLock across its yields; Gradio resumes generators on any worker thread and
    closes them from another. events_in_thread keeps the pipeline on one thread and closes it on cancel."""
    from assistant.records import AskEvent
    from assistant.ui.app import events_in_thread

    lock = threading.RLock()
    seen_threads: set[int] = set()
    closed = threading.Event()

    def pipeline() -> Iterator[AskEvent]:
        with lock:
            try:
                for i in range(1000):
                    seen_threads.add(threading.get_ident())
                    time.sleep(0.002)
                    yield AskEvent(kind="token", text=str(i))
            finally:
                closed.set()

    stream = events_in_thread(pipeline, threading.Event())
    results: list[str] = []

    def consume_one() -> None:
        results.append(next(stream).text)

    for _ in range(3):  # resume from three different threads, as Gradio does
        t = threading.Thread(target=consume_one)
        t.start()
        t.join()
    assert results == ["0", "1", "2"]
    stream.close()  # from yet another thread: the Stop button
    assert closed.wait(5), "the pipeline generator was not closed"
    assert len(seen_threads) == 1
    assert lock.acquire(timeout=5), "the pipeline's lock was not released"
    lock.release()


def test_stream_passes_errors_on() -> None:
    from assistant.errors import NotIndexed
    from assistant.ui.app import events_in_thread

    def pipeline() -> Iterator[Any]:
        raise NotIndexed("no index")
        yield  # pragma: no cover

    with pytest.raises(NotIndexed):
        list(events_in_thread(pipeline, threading.Event()))


# A running app ---------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def api_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The real app, launched in this process on a free port, with the instant extractive generator."""
    from assistant.service import Warta
    from assistant.settings import Settings
    from assistant.ui.app import build_app, launch_kwargs

    env = dict(request.getfixturevalue("indexed_env"))
    fields = {k[len("WARTA_"):].lower(): v for k, v in env.items() if k.startswith("WARTA_")}
    settings = Settings(**{**fields, "generator": "extractive", "port": free_port(), "host": "127.0.0.1"})
    embedder = None
    try:  # reuse the session's loaded embedding model when conftest offers one
        embedder = request.getfixturevalue("warta").embedder
    except pytest.FixtureLookupError:
        pass
    warta = Warta(settings, embedder=embedder)
    app = build_app(warta)
    kwargs = launch_kwargs(settings)
    app.queue(default_concurrency_limit=1).launch(prevent_thread_lock=True, **kwargs)
    try:
        yield f"http://127.0.0.1:{settings.port}/"
    finally:
        app.close()


@pytest.fixture(scope="module")
def client(api_url: str) -> Any:
    from gradio_client import Client

    return Client(api_url, verbose=False, download_files=False)


@pytest.mark.slow
def test_api_lists_the_named_endpoints(client: Any) -> None:
    info = client.view_api(return_format="dict", print_info=False)
    assert {"/ask", "/search", "/documents"} <= set(info["named_endpoints"])
    # The chat's own events are private: not callable, not MCP tools.
    assert len(info["named_endpoints"]) == 3


@pytest.mark.slow
def test_api_ask_english_question_cites_the_russia_article(client: Any) -> None:
    result = client.predict("What did Indonesia sign with Russia?", "auto", api_name="/ask")
    assert set(result) >= {"question", "language", "answer", "refused", "citations", "closest", "generator"}
    assert result["language"] == "en"
    assert not result["refused"], result
    assert result["citations"], result
    assert RUSSIA_DOC in {c["doc_id"] for c in result["citations"]}
    for c in result["citations"]:
        assert f"[{c['n']}]" in result["answer"]
        assert c["quote"] and c["title"]


@pytest.mark.slow
def test_api_ask_indonesian_and_forced_language(client: Any) -> None:
    result = client.predict(question="Apa saja MoU dengan Rusia?", api_name="/ask")
    assert result["language"] == "id"
    assert not result["refused"] and RUSSIA_DOC in {c["doc_id"] for c in result["citations"]}
    forced = client.predict(question="Apa saja MoU dengan Rusia?", language="en", api_name="/ask")
    assert forced["language"] == "en"


@pytest.mark.slow
def test_api_ask_refuses_off_corpus_question(client: Any) -> None:
    result = client.predict("How do I bake chocolate chip cookies?", api_name="/ask")
    assert result["refused"] is True
    assert result["citations"] == []
    assert isinstance(result["closest"], list)


@pytest.mark.slow
def test_api_search_and_documents(client: Any) -> None:
    found = client.predict(question="MoU Indonesia Rusia", k=5, api_name="/search")
    assert 0 < len(found["hits"]) <= 5
    assert RUSSIA_DOC in [h["doc_id"] for h in found["hits"][:3]]
    assert {"rank", "doc_id", "chunk_id", "score", "title", "text"} <= set(found["hits"][0])
    docs = client.predict(api_name="/documents")
    assert len(docs) == 5
    assert RUSSIA_DOC in {d["doc_id"] for d in docs}


@pytest.mark.slow
def test_api_errors_are_messages(client: Any) -> None:
    from gradio_client.exceptions import AppError

    with pytest.raises(AppError, match="language must be"):
        client.predict("Apa saja MoU dengan Rusia?", "fr", api_name="/ask")
    with pytest.raises(AppError, match="empty"):
        client.predict("   ", api_name="/ask")


@pytest.mark.slow
def test_mcp_tools(api_url: str) -> None:
    import asyncio

    from mcp import ClientSession
    from mcp.client.streamable_http import streamable_http_client

    async def list_and_call() -> tuple[dict[str, Any], str]:
        async with streamable_http_client(f"{api_url}gradio_api/mcp/") as (read, write, _):
            async with ClientSession(read, write) as session:
                await session.initialize()
                tools = {t.name: t for t in (await session.list_tools()).tools}
                result = await session.call_tool("documents", {})
                return tools, "".join(getattr(c, "text", "") for c in result.content)

    tools, text = asyncio.run(list_and_call())
    assert set(tools) == {"ask", "search", "documents"}
    assert "question" in tools["ask"].inputSchema["properties"]
    assert "Bahasa Indonesia" in tools["ask"].inputSchema["properties"]["question"]["description"]
    assert RUSSIA_DOC in text
