"""The server's gate: an ASGI middleware in front of every route of the Gradio app (pages, API, uploads, MCP).

    Guard(app, policy)              the middleware (passed to FastAPI as `middleware=[…]`, see ui/app.py)
    GuardPolicy.from_settings(s)    what it accepts, from WARTA_HOST/PORT/ALLOWED_HOSTS/MCP_TOKEN/MAX_UPLOAD_MB

Contract, per request (HTTP and WebSocket), in this order:
1. the Host header must name this server (host:port, a loopback name for it, or WARTA_ALLOWED_HOSTS):
   otherwise 403. A web page on another site that points its own name at 127.0.0.1 (DNS rebinding) sends
   its own name as Host;
2. an Origin header, when sent, must be this server's own origin: otherwise 403, so a page on another site
   open in the same browser cannot drive the server (browsers always send Origin on cross-site POSTs);
3. MCP (`/gradio_api/mcp…`): with WARTA_MCP_TOKEN set the call must carry it (`Authorization: Bearer …` or
   `?token=…`): otherwise 401. With a login set and no token, MCP is refused (403): its tools would run
   without a login;
4. the body is read before the route sees it, and refused past `max_body` bytes (413: at once when
   Content-Length says so, else as soon as the count passes it); a multipart body (an upload) whose file
   parts are not named like corpus documents is refused (415).

Everything it refuses is answered with `{"detail": "…"}` and never reaches Gradio. It also records the
client's address for the login throttle (ui/login.py). No Gradio here.
"""

from __future__ import annotations

import hmac
import ipaddress
import json
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from pathlib import PurePosixPath, PureWindowsPath
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs

from assistant.errors import MalformedUpload, RequestRefused
from assistant.ui.login import CLIENT
from assistant.ui.uploads import FilenameSniffer

if TYPE_CHECKING:
    from assistant.settings import Settings

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

MCP_PATH = "/gradio_api/mcp"  # Gradio's MCP mount: streamable HTTP, SSE, messages, schema
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")
_ANY_ADDRESS = ("0.0.0.0", "::", "")


def _host_name(name: str) -> str:
    """'::1' -> '[::1]' (as a Host header writes an IPv6 address); names lower-cased."""
    name = name.strip().lower()
    try:
        if ipaddress.ip_address(name.strip("[]")).version == 6:
            return f"[{name.strip('[]')}]"
    except ValueError:
        pass
    return name


@dataclass(frozen=True)
class GuardPolicy:
    hosts: frozenset[str]  # accepted Host header values: "127.0.0.1:7860", …
    origins: frozenset[str]  # accepted Origin values: "http://127.0.0.1:7860", …
    mcp_token: str | None  # MCP calls must carry it
    mcp_closed: bool  # a login is set and no MCP token: MCP is refused
    max_body: int  # bytes, any request
    upload_suffixes: frozenset[str]  # ".txt", …: what an uploaded file may be named

    @classmethod
    def from_settings(cls, settings: Settings) -> GuardPolicy:
        from assistant.corpus.manage import UPLOAD_SUFFIXES  # the Corpus tab's allow-list

        configured = _host_name(settings.host)
        names = {configured} - {_host_name(a) for a in _ANY_ADDRESS}
        if configured in _ANY_ADDRESS or configured in LOOPBACK_NAMES or configured.startswith("127."):
            names |= set(LOOPBACK_NAMES)
        names |= {_host_name(n) for n in settings.allowed_hosts.split(",") if n.strip()}
        port = settings.port
        hosts = {f"{n}:{port}" for n in names} | (names if port == 80 else set())
        origins = {f"http://{h}" for h in hosts}
        login = bool(settings.username and settings.password)
        return cls(hosts=frozenset(hosts), origins=frozenset(origins), mcp_token=settings.mcp_token or None,
                   mcp_closed=login and not settings.mcp_token, max_body=int(settings.max_upload_mb * 1024 * 1024),
                   upload_suffixes=frozenset(s.lower() for s in UPLOAD_SUFFIXES))

    def check_headers(self, scope: Scope) -> None:
        """Steps 1-3 of the contract; raises RequestRefused."""
        headers = _headers(scope)
        if headers.get("host", "").lower() not in self.hosts:
            raise RequestRefused(403, "unexpected Host header: this server answers only to its own address")
        origin = headers.get("origin")
        if origin is not None and origin.lower().rstrip("/") not in self.origins:
            raise RequestRefused(403, "cross-origin request refused: the page is not served by this Warta server")
        if scope.get("path", "").startswith(MCP_PATH):
            self._check_mcp(scope, headers)

    def _check_mcp(self, scope: Scope, headers: dict[str, str]) -> None:
        if self.mcp_token is None:
            if self.mcp_closed:
                raise RequestRefused(403, "MCP is off while a login is set: set WARTA_MCP_TOKEN to use it")
            return
        given = ""
        scheme, _, value = headers.get("authorization", "").partition(" ")
        if scheme.lower() == "bearer":
            given = value.strip()
        if not given:
            given = (parse_qs(scope.get("query_string", b"").decode("latin-1")).get("token") or [""])[0]
        if not hmac.compare_digest(given.encode("utf-8"), self.mcp_token.encode("utf-8")):
            raise RequestRefused(401, "MCP needs the server's token (Authorization: Bearer <WARTA_MCP_TOKEN>)",
                                 {"www-authenticate": "Bearer"})

    def check_upload_name(self, filename: str) -> None:
        """Step 4's type rule for one uploaded file's name; raises RequestRefused."""
        # The last component, whichever separator the client used: what the file will be called.
        name = PureWindowsPath(PurePosixPath(filename).name).name
        suffix = PurePosixPath(name).suffix.lower()
        if suffix not in self.upload_suffixes:
            allowed = ", ".join(sorted(self.upload_suffixes))
            raise RequestRefused(415, f"file type {suffix or '(none)'} is not accepted; uploads must be {allowed}")


def _headers(scope: Scope) -> dict[str, str]:
    return {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}


class Guard:
    """The ASGI middleware (see the module docstring)."""

    def __init__(self, app: ASGIApp, policy: GuardPolicy) -> None:
        self.app, self.policy = app, policy

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)  # lifespan
            return
        client = scope.get("client")
        CLIENT.set(str(client[0]) if client else "unknown")
        try:
            self.policy.check_headers(scope)
            if scope["type"] == "http":
                receive = await self._read_body(scope, receive)
        except RequestRefused as refused:
            await _refuse(scope, send, refused)
            return
        await self.app(scope, receive, send)

    async def _read_body(self, scope: Scope, receive: Receive) -> Receive:
        """The whole body, checked (step 4), then handed to the route as it came. Raises RequestRefused."""
        headers = _headers(scope)
        limit = self.policy.max_body
        length = headers.get("content-length", "")
        if length.isdigit() and int(length) > limit:
            raise RequestRefused(413, f"request body too large: the limit is {limit} bytes (WARTA_MAX_UPLOAD_MB)")
        sniffer = FilenameSniffer.for_content_type(headers.get("content-type", ""), self.policy.check_upload_name)
        messages: list[Message] = []
        size = 0
        while True:
            message = await receive()
            messages.append(message)
            if message["type"] != "http.request":
                break  # the client went away: the route sees the disconnect
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                raise RequestRefused(413, f"request body too large: the limit is {limit} bytes (WARTA_MAX_UPLOAD_MB)")
            if sniffer is not None:
                try:
                    sniffer.feed(chunk)
                except MalformedUpload as exc:
                    raise RequestRefused(400, f"malformed upload: {exc}") from exc
            if not message.get("more_body", False):
                break
        replay = iter(messages)

        async def replayed() -> Message:
            return next(replay, None) or await receive()

        return replayed


async def _refuse(scope: Scope, send: Send, refused: RequestRefused) -> None:
    if scope["type"] == "websocket":
        await send({"type": "websocket.close", "code": 1008, "reason": refused.detail[:120]})
        return
    body = json.dumps({"detail": refused.detail}).encode("utf-8")
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
               (b"connection", b"close")]
    headers += [(k.encode("latin-1"), v.encode("latin-1")) for k, v in refused.headers.items()]
    await send({"type": "http.response.start", "status": refused.status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
