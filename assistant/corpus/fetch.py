"""Fetch one URL for `warta add` and `warta sync`, safely. The one module that imports httpx.

Contract: `fetch(url, settings, etag=, last_modified=)` returns a `Fetched` whose body is at most
`max_file_mb` (WARTA_MAX_FILE_MB) and whose media type is one Warta reads (`MEDIA_TYPES`), or raises
FetchError with a message naming the URL and what to do. It is only ever called because the user ran a
command that names the URL or the feed: nothing is fetched at question time or while indexing.

The rules, each checked by a test against a local server:
- only http:// and https:// URLs, and redirects are followed by hand, each hop checked, so a redirect to
  file://, ftp:// or any other scheme is refused (at most `fetch_max_redirects` hops);
- `fetch_timeout_s` bounds the connection, every read and the whole download (a server that drips bytes
  cannot hold the command forever);
- the size limit is checked on the Content-Length header before the body is read, and again while it streams
  (a missing or lying header cannot get more than the limit + one chunk into memory);
- 404 and every other non-2xx answer, a 304 without a conditional request, a timeout, a refused connection and
  a wrong Content-Type each give their own message.
With `etag` / `last_modified` the request is conditional; a 304 returns `Fetched(not_modified=True)`.
"""

from __future__ import annotations

import time
from urllib.parse import urljoin, urlsplit

import httpx

from assistant.errors import FetchError
from assistant.records import Fetched
from assistant.settings import Settings

SCHEMES = ("http", "https")
# The media types Warta fetches, by the suffix their body is checked under (the readers choose by content).
SUFFIX_TYPES = {
    ".html": ("text/html", "application/xhtml+xml"),
    ".xml": ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml"),
    ".pdf": ("application/pdf",),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",),
    ".txt": ("text/plain",),
    ".md": ("text/markdown",),
}
MEDIA_TYPES = {kind: suffix for suffix, kinds in SUFFIX_TYPES.items() for kind in kinds}
# Servers often send PDFs and DOCX files as a generic binary type: accepted only when the bytes say so.
GENERIC_TYPES = ("application/octet-stream", "binary/octet-stream", "application/download")
MAGIC = {b"%PDF-": "application/pdf",
         b"PK\x03\x04": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
READABLE = "HTML, RSS/Atom/XML, PDF, DOCX or plain text"
USER_AGENT = "Warta/1 (news reader; fetches only what its user asks for)"
CHUNK = 64 * 1024


def check_url(url: str) -> str:
    """`url` stripped, or FetchError unless it is an absolute http(s) URL with a host."""
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in SCHEMES:
        shown = f"{parts.scheme}://" if parts.scheme else "no scheme"
        raise FetchError(f"{url}: only http:// and https:// URLs are fetched ({shown} refused)")
    if not parts.hostname:
        raise FetchError(f"{url}: the URL has no host name")
    return url


def media_type(header: str | None) -> tuple[str, str | None]:
    """("text/html", "utf-8") from "text/html; charset=UTF-8"; ("", None) when there is no header."""
    if not header:
        return "", None
    kind, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, value = param.strip().partition("=")
        if key.lower() == "charset" and value:
            charset = value.strip().strip('"').lower()
    return kind.strip().lower(), charset


def _limit_bytes(settings: Settings) -> int:
    return int(settings.max_file_mb * 1024 * 1024)


def _too_large(url: str, settings: Settings, size: str) -> FetchError:
    return FetchError(f"{url}: {size} over the {settings.max_file_mb:g} MB limit (WARTA_MAX_FILE_MB); not added")


def _read_body(response: httpx.Response, url: str, settings: Settings, deadline: float) -> bytes:
    limit = _limit_bytes(settings)
    declared = response.headers.get("content-length")
    if declared and declared.strip().isdigit() and int(declared) > limit:
        raise _too_large(url, settings, f"the server announces {int(declared) / 1048576:.1f} MB,")
    body = bytearray()
    for chunk in response.iter_bytes(CHUNK):
        body += chunk
        if len(body) > limit:
            raise _too_large(url, settings, f"the body grew past {len(body) / 1048576:.1f} MB,")
        if time.monotonic() > deadline:
            raise FetchError(f"{url}: the download took longer than {settings.fetch_timeout_s:g} s "
                             "(WARTA_FETCH_TIMEOUT_S); not added")
    return bytes(body)


def _checked_type(url: str, kind: str, body: bytes) -> str:
    if kind in MEDIA_TYPES:
        return kind
    if kind in GENERIC_TYPES or not kind:
        for magic, real in MAGIC.items():
            if body.startswith(magic):
                return real
    shown = kind or "no Content-Type"
    raise FetchError(f"{url}: the server sent {shown}; Warta adds {READABLE}; not added")


def _status_error(url: str, response: httpx.Response) -> FetchError:
    code = response.status_code
    if code == 404 or code == 410:
        return FetchError(f"{url}: not found (HTTP {code}); check the address")
    if code in (401, 403):
        return FetchError(f"{url}: access refused (HTTP {code}); Warta does not log in to sites")
    phrase = response.reason_phrase or "error"
    return FetchError(f"{url}: the server answered HTTP {code} {phrase}; not added")


def fetch(url: str, settings: Settings, etag: str | None = None, last_modified: str | None = None) -> Fetched:
    """See the module contract."""
    asked = check_url(url)
    timeout = settings.fetch_timeout_s
    deadline = time.monotonic() + timeout
    headers = {"User-Agent": USER_AGENT, "Accept": ", ".join(MEDIA_TYPES) + ";q=0.9, */*;q=0.1"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    current = asked
    try:
        # trust_env: a proxy the user configured (HTTPS_PROXY, NO_PROXY) applies, as for any download.
        with httpx.Client(follow_redirects=False, timeout=httpx.Timeout(timeout), headers=headers) as client:
            for _hop in range(settings.fetch_max_redirects + 1):
                with client.stream("GET", current) as response:
                    if response.is_redirect and response.status_code != 304:  # httpx counts 304 too
                        location = response.headers.get("location", "")
                        target = urljoin(current, location)
                        if urlsplit(target).scheme.lower() not in SCHEMES:
                            raise FetchError(f"{asked}: redirects to {target}; only http(s) redirects are "
                                             "followed; nothing fetched")
                        current = target
                        continue
                    if response.status_code == 304:
                        if not (etag or last_modified):
                            raise FetchError(f"{asked}: the server answered 304 Not Modified to a plain "
                                             "request; not added")
                        return Fetched(url=asked, final_url=current, status=304, content_type="", charset=None,
                                       body=b"", etag=response.headers.get("etag") or etag,
                                       last_modified=response.headers.get("last-modified") or last_modified,
                                       not_modified=True)
                    if not 200 <= response.status_code < 300:
                        raise _status_error(asked, response)
                    kind, charset = media_type(response.headers.get("content-type"))
                    if kind and kind not in MEDIA_TYPES and kind not in GENERIC_TYPES:
                        raise FetchError(f"{asked}: the server sent {kind}; Warta adds {READABLE}; not added")
                    body = _read_body(response, asked, settings, deadline)
                    return Fetched(url=asked, final_url=current, status=response.status_code,
                                   content_type=_checked_type(asked, kind, body), charset=charset, body=body,
                                   etag=response.headers.get("etag"),
                                   last_modified=response.headers.get("last-modified"))
            raise FetchError(f"{asked}: more than {settings.fetch_max_redirects} redirects "
                             "(WARTA_FETCH_MAX_REDIRECTS); not added")
    except httpx.TimeoutException:
        raise FetchError(f"{asked}: no answer within {timeout:g} s (WARTA_FETCH_TIMEOUT_S); not added") from None
    except httpx.InvalidURL as exc:
        raise FetchError(f"{asked}: not a valid URL ({exc})") from None
    except httpx.TransportError as exc:
        raise FetchError(f"{asked}: cannot connect ({exc or type(exc).__name__}); check the address and the "
                         "network") from None
