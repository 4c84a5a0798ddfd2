"""The UI's API: `ask`, `search` and `documents` called with gradio_client against a running app (the real
Warta over an index of the seed articles), and the MCP tools. The UI's pure parts: tests/unit/ui/.

The app runs in this process over the session index of conftest.py (`indexed_env`), reusing the session's
loaded embedding model (`warta`)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from conftest import free_port

from assistant.offline import enforce_offline

enforce_offline()

RUSSIA_DOC = "004_25aa0378524a9eee"


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
    app.launch(prevent_thread_lock=True, **kwargs)  # as `warta serve` does
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
    assert len(info["named_endpoints"]) == 4  # + /brief (tests/e2e/api/test_brief_api.py)


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
    # Bad parameters are told what was wrong with which parameter, never "internal error".
    for bad_k in ("abc", 0, -1, 101):
        with pytest.raises(AppError, match=r"\bk\b"):
            client.predict("MoU Indonesia Rusia", bad_k, api_name="/search")
    with pytest.raises(AppError, match="empty"):
        client.predict(None, 5, api_name="/search")
    with pytest.raises(AppError, match="characters"):
        client.predict("kerja sama " * 2000, 5, api_name="/search")


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
    assert set(tools) == {"ask", "search", "documents", "brief"}
    assert "question" in tools["ask"].inputSchema["properties"]
    assert "Bahasa Indonesia" in tools["ask"].inputSchema["properties"]["question"]["description"]
    assert RUSSIA_DOC in text
