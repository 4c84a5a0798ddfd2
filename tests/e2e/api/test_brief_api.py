"""`/brief` through gradio_client against `warta serve` (a subprocess over the session index, extractive), and
the MCP tool `brief` on the same server's MCP endpoint (localhost only)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest

from conftest import ServeProcess

pytestmark = pytest.mark.slow

BELARUS_DOCS = {"000_d2637c6a7287ab0d", "001_156286c4fd23f61a"}


@pytest.fixture(scope="module")
def server(indexed_env: dict[str, str]) -> Iterator[ServeProcess]:
    with ServeProcess({**indexed_env, "WARTA_GENERATOR": "extractive"}, "brief-api") as srv:
        yield srv


def test_brief_endpoint_returns_the_json_brief(server: ServeProcess) -> None:
    from gradio_client import Client

    client = Client(server.url, verbose=False, download_files=False)
    b = client.predict("Buatkan ringkasan kerja sama industri Indonesia dengan Belarusia", "auto", "", "",
                       api_name="/brief")
    assert not b["refused"] and b["language"] == "id"
    assert {s["doc_id"] for s in b["sources"]} == BELARUS_DOCS
    assert b["summary"] and b["key_points"] and all(st["cites"] for st in b["key_points"])
    n_sources = {s["n"] for s in b["sources"]}
    assert all(set(st["cites"]) <= n_sources for st in b["key_points"] + b["summary"])
    english = client.predict("Belarus automotive cooperation", "en", "2022-01-01", "2022-12-31", api_name="/brief")
    assert english["language"] == "en" and english["window"] == {"start": "2022-01-01", "end": "2022-12-31"}
    assert {s["doc_id"] for s in english["sources"]} == {"000_d2637c6a7287ab0d"}  # the other one is undated
    from gradio_client.exceptions import AppError

    with pytest.raises(AppError, match="date_to"):
        client.predict("Belarus", "en", "", "2022-13-01", api_name="/brief")


def test_mcp_lists_and_calls_brief(server: ServeProcess) -> None:
    from mcp import ClientSession
    from mcp.client.streamable_http import streamable_http_client

    async def call() -> tuple[dict[str, Any], str]:
        async with streamable_http_client(f"{server.url}gradio_api/mcp/") as (read, write, _):
            async with ClientSession(read, write) as session:
                await session.initialize()
                tools = {t.name: t for t in (await session.list_tools()).tools}
                result = await session.call_tool("brief", {"topic": "Indonesia–Belarus industrial cooperation",
                                                           "language": "en"})
                return tools, "".join(getattr(c, "text", "") for c in result.content)

    tools, text = asyncio.run(call())
    assert "brief" in tools and "topic" in tools["brief"].inputSchema["properties"]
    assert all(doc in text for doc in BELARUS_DOCS), text[:500]
    assert "key_points" in text and "timeline" in text
