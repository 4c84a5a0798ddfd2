"""The request guard (ui/guard.py) as a plain ASGI middleware over a stand-in app: Host and Origin, the MCP
token, body size and upload names. The same rules against a real `warta serve`: tests/e2e/api/test_security.py."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest

from assistant.settings import Settings
from assistant.ui.guard import Guard, GuardPolicy

PORT = 7861
HOST = f"127.0.0.1:{PORT}"


class App:
    """The stand-in route: reads the whole body, answers 200 with its length."""

    def __init__(self) -> None:
        self.bodies: list[bytes] = []

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        self.bodies.append(body)
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": str(len(body)).encode()})


def _call(policy: GuardPolicy, path: str = "/", headers: dict[str, str] | None = None,
          chunks: tuple[bytes, ...] = (b"",), query: bytes = b"", method: str = "POST") -> tuple[int, dict, App, int]:
    """-> (status, JSON detail or {}, the app, how many body chunks the guard read)."""
    app = App()
    headers = {"host": HOST, **(headers or {})}
    scope = {"type": "http", "method": method, "path": path, "query_string": query, "client": ("127.0.0.1", 5000),
             "headers": [(k.encode(), v.encode()) for k, v in headers.items()]}
    pending = [{"type": "http.request", "body": c, "more_body": i < len(chunks) - 1} for i, c in enumerate(chunks)]
    read = 0
    sent: list[dict] = []

    async def receive() -> dict:
        nonlocal read
        if pending:
            read += 1
            return pending.pop(0)
        return {"type": "http.disconnect"}

    async def send(message: dict) -> None:
        sent.append(message)

    asyncio.run(Guard(app, policy)(scope, receive, send))
    status = sent[0]["status"]
    body = b"".join(m.get("body", b"") for m in sent[1:])
    return status, (json.loads(body) if status != 200 else {}), app, read


def _policy(**fields: Any) -> GuardPolicy:
    return GuardPolicy.from_settings(Settings(port=PORT, **fields))


def test_only_this_servers_host_and_origin_are_accepted() -> None:
    policy = _policy()
    for host in (HOST, f"localhost:{PORT}", f"[::1]:{PORT}", f"LOCALHOST:{PORT}"):
        assert _call(policy, headers={"host": host})[0] == 200, host
    for host in ("evil.test", f"evil.test:{PORT}", "127.0.0.1:80", f"127.0.0.2:{PORT}", ""):
        status, detail, app, _ = _call(policy, headers={"host": host})
        assert status == 403 and "Host" in detail["detail"] and not app.bodies, host
    assert _call(policy, headers={"origin": f"http://{HOST}"})[0] == 200
    assert _call(policy, headers={"origin": f"http://localhost:{PORT}/"})[0] == 200
    for origin in ("http://evil.test", f"http://evil.test:{PORT}", "null", f"https://{HOST}", "http://127.0.0.1:1"):
        status, detail, app, _ = _call(policy, headers={"origin": origin})
        assert status == 403 and "cross-origin" in detail["detail"] and not app.bodies, origin


def test_extra_host_names_and_binding_every_address() -> None:
    policy = _policy(host="0.0.0.0", allowed_hosts="warta.lan, 192.168.1.5")
    assert {f"warta.lan:{PORT}", f"192.168.1.5:{PORT}", f"localhost:{PORT}"} <= policy.hosts
    assert f"0.0.0.0:{PORT}" not in policy.hosts and f"http://warta.lan:{PORT}" in policy.origins
    assert _call(policy, headers={"host": f"warta.lan:{PORT}", "origin": f"http://warta.lan:{PORT}"})[0] == 200
    assert _call(_policy(host="10.0.0.7"), headers={"host": HOST})[0] == 403  # a LAN address: loopback not implied


def test_mcp_needs_the_token_when_one_is_set() -> None:
    policy = _policy(mcp_token="s3cret")
    mcp = "/gradio_api/mcp/"
    assert _call(policy, mcp, headers={"authorization": "Bearer s3cret"})[0] == 200
    assert _call(policy, mcp, query=b"token=s3cret")[0] == 200
    for headers, query in (({}, b""), ({"authorization": "Bearer wrong"}, b""), ({"authorization": "s3cret"}, b""),
                           ({}, b"token=s3cre")):
        status, detail, app, _ = _call(policy, mcp, headers=headers, query=query)
        assert status == 401 and "token" in detail["detail"] and not app.bodies
    assert _call(policy, "/gradio_api/info")[0] == 200  # the token guards MCP only


def test_mcp_is_open_locally_without_login_and_closed_with_a_login_but_no_token() -> None:
    assert _call(_policy(), "/gradio_api/mcp/")[0] == 200
    status, detail, _, _ = _call(_policy(username="me", password="pw"), "/gradio_api/mcp/sse", method="GET")
    assert status == 403 and "WARTA_MCP_TOKEN" in detail["detail"]
    assert _call(_policy(username="me", password="pw", mcp_token="t"), "/gradio_api/mcp/",
                 headers={"authorization": "Bearer t"})[0] == 200


def test_a_body_over_the_limit_is_refused_before_it_is_read() -> None:
    policy = _policy(max_upload_mb=1)
    limit = 1024 * 1024
    status, detail, app, read = _call(policy, headers={"content-length": str(200 * limit)}, chunks=(b"x",) * 3)
    assert status == 413 and "limit" in detail["detail"] and read == 0 and not app.bodies
    # Without a length: refused as soon as the count passes the limit, the rest never read.
    status, _, app, read = _call(policy, chunks=(b"x" * (limit // 2),) * 10)
    assert status == 413 and read == 3 and not app.bodies
    status, _, app, _ = _call(policy, chunks=(b"x" * (limit // 2), b"y" * (limit // 2)))
    assert status == 200 and app.bodies == [b"x" * (limit // 2) + b"y" * (limit // 2)]  # passed on whole


def _multipart(*files: tuple[str, bytes]) -> tuple[dict[str, str], bytes]:
    parts = b"".join(b'--BOUNDARY\r\nContent-Disposition: form-data; name="files"; filename="' + name.encode() +
                     b'"\r\nContent-Type: application/octet-stream\r\n\r\n' + data + b"\r\n" for name, data in files)
    return {"content-type": "multipart/form-data; boundary=BOUNDARY"}, parts + b"--BOUNDARY--\r\n"


@pytest.mark.parametrize("name", ["a.exe", "page.php", "notes", "../../etc/passwd", "a.txt.exe", "dir/x.png", "..\\evil.svg", ""])
def test_uploads_must_be_named_like_corpus_documents(name: str) -> None:
    headers, body = _multipart(("ok.txt", b"fine"), (name, b"MZ..."))
    status, detail, app, _ = _call(_policy(), "/gradio_api/upload", headers=headers, chunks=(body[:60], body[60:]))
    assert status == 415 and "not accepted" in detail["detail"] and not app.bodies


def test_text_uploads_pass_whole() -> None:
    headers, body = _multipart(("a.txt", b"one"), ("B.MD", b"two"), ("c.html", b"three"), ("d.PDF", b"%PDF"),
                               ("e.docx", b"PK"), ("f.rss", b"<rss/>"), ("g.atom", b"<feed/>"))
    status, _, app, _ = _call(_policy(), "/gradio_api/upload", headers=headers, chunks=(body[:7], body[7:]))
    assert status == 200 and app.bodies == [body]
    # Form fields without a file name are not files.
    fields = b'--B\r\nContent-Disposition: form-data; name="session_hash"\r\n\r\nabc\r\n--B--\r\n'
    form = {"content-type": "multipart/form-data; boundary=B"}
    assert _call(_policy(), "/x", headers=form, chunks=(fields,))[0] == 200


def test_a_malformed_upload_is_refused() -> None:
    headers = {"content-type": "multipart/form-data; boundary=B"}
    body = b"--B\r\nno headers\x00\r\n"
    status, detail, _, _ = _call(_policy(), "/gradio_api/upload", headers=headers, chunks=(body,))
    assert status == 400 and "malformed" in detail["detail"]


def test_a_foreign_websocket_is_closed() -> None:
    sent: list[dict] = []

    async def receive() -> dict:
        return {"type": "websocket.connect"}

    async def send(message: dict) -> None:
        sent.append(message)

    scope = {"type": "websocket", "path": "/", "headers": [(b"host", b"evil.test")], "client": ("127.0.0.1", 1)}
    asyncio.run(Guard(App(), _policy())(scope, receive, send))
    assert sent and sent[0]["type"] == "websocket.close"
