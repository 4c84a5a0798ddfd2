"""Server hardening against a real `python -m assistant serve` on a free port (the session index of the seed
articles, extractive generator): another site cannot drive it (Origin, Host), uploads are limited in size and
type, wrong logins slow down, MCP works with a token, with and without a login. The rules one by one, over a
stand-in app: tests/unit/ui/test_guard.py and test_login.py."""

from __future__ import annotations

import asyncio
import json
import select
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from conftest import ServeProcess

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[3]
ARTIFACTS = REPO / "tests" / "artifacts"
RUSSIA_DOC = "004_25aa0378524a9eee"
USER, PASSWORD, TOKEN = "reader", "correct horse", "mcp-test-token"
MAX_DELAY = 0.5  # WARTA_LOGIN_MAX_DELAY_S for the login server: measurable, not slow


class Server(ServeProcess):
    """A server that is ready once constructed (its log says it is running)."""

    def __init__(self, env: dict[str, str], name: str) -> None:
        super().__init__(env, name)
        self.wait_ready(log_line="Warta is running")


@pytest.fixture(scope="module")
def open_server(indexed_env: dict[str, str]) -> Iterator[Server]:
    """No login (the usual local setup), an MCP token."""
    srv = Server({**indexed_env, "WARTA_MCP_TOKEN": TOKEN}, "security-open")
    try:
        yield srv
    finally:
        srv.stop()


@pytest.fixture(scope="module")
def login_server(indexed_env: dict[str, str]) -> Iterator[Server]:
    """A login and an MCP token."""
    srv = Server({**indexed_env, "WARTA_USERNAME": USER, "WARTA_PASSWORD": PASSWORD, "WARTA_MCP_TOKEN": TOKEN,
                  "WARTA_LOGIN_MAX_DELAY_S": str(MAX_DELAY)}, "security-login")
    try:
        yield srv
    finally:
        srv.stop()


# Another site cannot drive the server -------------------------------------------------------------------------


def test_a_foreign_origin_is_refused(open_server: Server) -> None:
    """A page on another site posting to the queue (what its script or form would do) gets 403."""
    join = f"{open_server.url}gradio_api/queue/join"
    body = {"data": ["What did Indonesia sign with Russia?", 3], "fn_index": 0, "session_hash": "x"}
    for origin in ("http://evil.test", "null", f"http://evil.test:{open_server.port}"):
        r = httpx.post(join, json=body, headers={"Origin": origin})
        assert r.status_code == 403 and "cross-origin" in r.json()["detail"], (origin, r.text)
    r = httpx.get(f"{open_server.url}gradio_api/info", headers={"Origin": "http://evil.test"})
    assert r.status_code == 403
    # The page's own origin is fine.
    assert httpx.get(f"{open_server.url}config", headers={"Origin": open_server.url.rstrip("/")}).status_code == 200


def test_a_wrong_host_is_refused(open_server: Server) -> None:
    """DNS rebinding: a foreign name resolving to 127.0.0.1 sends that name as Host."""
    for host in ("evil.test", f"evil.test:{open_server.port}", "127.0.0.1:1"):
        r = httpx.get(f"{open_server.url}config", headers={"Host": host})
        assert r.status_code == 403 and "Host" in r.json()["detail"], host
    assert httpx.get(f"http://localhost:{open_server.port}/config").status_code == 200


def test_gradio_client_still_works(open_server: Server, login_server: Server) -> None:
    from gradio_client import Client

    hits = Client(open_server.url, verbose=False).predict("MoU Indonesia Rusia", 3, api_name="/search")["hits"]
    assert RUSSIA_DOC in {h["doc_id"] for h in hits}
    client = Client(login_server.url, auth=(USER, PASSWORD), verbose=False)
    assert RUSSIA_DOC in {d["doc_id"] for d in client.predict(api_name="/documents")}


# Uploads ------------------------------------------------------------------------------------------------------


def _stream_upload(port: int, total: int, chunked: bool) -> tuple[int, int]:
    """POST a `total`-byte multipart upload over a raw socket, 1 MB at a time, stopping as soon as the server
    answers. -> (HTTP status, bytes of the body sent). Nothing large is held in memory."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=30)
    framing = "Transfer-Encoding: chunked" if chunked else f"Content-Length: {total}"
    sock.sendall((f"POST /gradio_api/upload HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                  f"Content-Type: multipart/form-data; boundary=B0UNDARY\r\n{framing}\r\n\r\n").encode())
    head = b'--B0UNDARY\r\nContent-Disposition: form-data; name="files"; filename="big.txt"\r\n\r\n'
    block = b"a" * (1 << 20)
    sent = 0
    try:
        while sent < total:
            if select.select([sock], [], [], 0 if sent else 0.3)[0]:
                break  # the server has answered
            data = head if sent == 0 else block[:total - sent]
            sock.sendall(b"%x\r\n%s\r\n" % (len(data), data) if chunked else data)
            sent += len(data)
    except (BrokenPipeError, ConnectionResetError):
        pass  # the server closed the connection: its answer is already here
    response = b""
    try:
        while b"\r\n" not in response:
            chunk = sock.recv(4096)
            if not chunk:
                break
            response += chunk
    finally:
        sock.close()
    return int(response.split(b" ", 2)[1]), sent


def test_a_200_mb_upload_is_refused(open_server: Server) -> None:
    total = 200 * 1024 * 1024
    status, sent = _stream_upload(open_server.port, total, chunked=False)
    assert status == 413 and sent < 16 * 1024 * 1024, (status, sent)  # refused on its Content-Length
    status, sent = _stream_upload(open_server.port, total, chunked=True)
    assert status == 413 and sent < 64 * 1024 * 1024, (status, sent)  # refused once past the 5 MB limit


def test_uploads_are_limited_to_corpus_file_types(open_server: Server) -> None:
    upload = f"{open_server.url}gradio_api/upload"
    for name in ("payload.exe", "page.php", "image.svg", "archive.zip", "../../etc/passwd"):
        r = httpx.post(upload, files={"files": (name, b"not an article")})
        assert r.status_code == 415 and "not accepted" in r.json()["detail"], (name, r.text)
    r = httpx.post(upload, files={"files": ("article.txt", "Judul\n\nIsi berita.".encode())})
    assert r.status_code == 200 and len(r.json()) == 1, r.text
    r = httpx.post(upload, files={"files": ("big.txt", b"a" * (6 * 1024 * 1024))})
    assert r.status_code == 413


# MCP with a token ---------------------------------------------------------------------------------------------


def _mcp_search(url: str, headers: dict[str, str]) -> str:
    """List the tools and call `search` over streamable HTTP; -> the tool result's text."""
    from mcp import ClientSession
    from mcp.client.streamable_http import streamable_http_client

    async def run() -> str:
        async with httpx.AsyncClient(headers=headers, timeout=120) as http:
            async with streamable_http_client(url, http_client=http) as (read, write, _):
                async with ClientSession(read, write) as session:
                    await session.initialize()
                    assert {t.name for t in (await session.list_tools()).tools} == {"ask", "search", "documents", "brief"}
                    result = await session.call_tool("search", {"question": "MoU Indonesia Rusia", "k": 3})
                    assert not result.isError, result
                    return "".join(getattr(c, "text", "") for c in result.content)

    return asyncio.run(run())


def _raw_mcp_initialize(url: str, headers: dict[str, str]) -> httpx.Response:
    request = {"jsonrpc": "2.0", "id": 1, "method": "initialize",
               "params": {"protocolVersion": "2025-06-18", "capabilities": {},
                          "clientInfo": {"name": "test", "version": "0"}}}
    return httpx.post(url, content=json.dumps(request),
                      headers={"Content-Type": "application/json", "Accept": "application/json, text/event-stream",
                               **headers})


@pytest.mark.parametrize("which", ["open_server", "login_server"])
def test_mcp_works_with_the_token_and_is_refused_without(which: str, request: pytest.FixtureRequest) -> None:
    srv: Server = request.getfixturevalue(which)
    mcp = f"{srv.url}gradio_api/mcp/"
    assert RUSSIA_DOC in _mcp_search(mcp, {"Authorization": f"Bearer {TOKEN}"})
    assert RUSSIA_DOC in _mcp_search(f"{mcp}?token={TOKEN}", {})  # for clients that take only a URL
    for headers in ({}, {"Authorization": "Bearer wrong"}):
        r = _raw_mcp_initialize(mcp, headers)
        assert r.status_code == 401 and "token" in r.json()["detail"], r.text
    assert _raw_mcp_initialize(mcp, {"Authorization": f"Bearer {TOKEN}"}).status_code == 200


# Login rate limiting (last: it slows this client's logins on the login server) ---------------------------------


def _login(url: str, password: str) -> tuple[int, float]:
    started = time.monotonic()
    r = httpx.post(f"{url}login", data={"username": USER, "password": password}, timeout=60)
    return r.status_code, time.monotonic() - started


def test_wrong_logins_slow_down_and_the_right_one_still_works(login_server: Server) -> None:
    wrong = [_login(login_server.url, f"guess {i}") for i in range(20)]
    assert all(status == 400 for status, _ in wrong)
    seconds = [s for _, s in wrong]
    print("20 wrong logins, seconds each:", [round(s, 2) for s in seconds])
    assert max(seconds[:3]) < MAX_DELAY * 0.9 <= min(seconds[5:])  # the first are free, then each waits
    assert sum(seconds) >= 15 * MAX_DELAY  # 20 guesses take measurably long
    status, took = _login(login_server.url, PASSWORD)
    assert status == 200 and took >= MAX_DELAY * 0.9  # the right password works, after the same wait
    status, took = _login(login_server.url, "one typo")
    assert status == 400 and took < MAX_DELAY * 0.9  # the streak ended with the right login
