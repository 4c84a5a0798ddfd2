"""corpus.fetch against a local server on 127.0.0.1: each refusal is a FetchError whose message names the URL
and the reason, and a good page comes back with its type and validators."""

from __future__ import annotations

import pytest

from assistant.corpus.fetch import fetch
from assistant.errors import FetchError
from assistant.settings import Settings
from newsserver import NewsServer, Route, article_page, redirect, seeds, sleeping, streamed


@pytest.fixture()
def site():  # type: ignore[no-untyped-def]
    with NewsServer() as s:
        yield s


@pytest.fixture()
def settings(tmp_path) -> Settings:  # type: ignore[no-untyped-def]
    return Settings(corpus_dir=tmp_path, index_dir=tmp_path / "ix", fetch_timeout_s=1.0, max_file_mb=0.05)


def test_a_page_is_fetched_with_its_type_and_validators(site, settings) -> None:  # type: ignore[no-untyped-def]
    page = article_page(seeds()[0])
    site.routes["/berita/satu"] = Route(page, etag='"v1"', headers={"Last-Modified": "Fri, 21 Jan 2022 01:41:00 GMT"})
    site.routes["/lama"] = redirect("/berita/satu", 301)
    got = fetch(site.url("/lama"), settings)
    assert got.body == page and got.content_type == "text/html" and got.charset == "utf-8"
    assert got.final_url == site.url("/berita/satu") and got.etag == '"v1"'
    assert got.last_modified == "Fri, 21 Jan 2022 01:41:00 GMT" and not got.not_modified


def test_a_conditional_request_gets_not_modified(site, settings) -> None:  # type: ignore[no-untyped-def]
    site.routes["/feed"] = Route(b"<rss/>", content_type="application/rss+xml", etag='"e1"')
    got = fetch(site.url("/feed"), settings, etag='"e1"', last_modified="Fri, 21 Jan 2022 01:41:00 GMT")
    assert got.not_modified and got.body == b"" and got.etag == '"e1"'
    sent = site.requests[-1][1]
    assert sent["if-none-match"] == '"e1"' and sent["if-modified-since"] == "Fri, 21 Jan 2022 01:41:00 GMT"


@pytest.mark.parametrize("setup, path, expected", [
    (lambda s: None, "/hilang", "not found (HTTP 404)"),
    (lambda s: s.routes.__setitem__("/lambat", Route(handler=sleeping(3))), "/lambat", "no answer within 1 s"),
    (lambda s: s.routes.__setitem__("/ke-file", redirect("file:///etc/passwd")), "/ke-file",
     "redirects to file:///etc/passwd; only http(s) redirects are followed"),
    (lambda s: s.routes.__setitem__("/ke-ftp", redirect("ftp://127.0.0.1/x")), "/ke-ftp", "redirects to ftp://"),
    (lambda s: s.routes.__setitem__("/besar", Route(b"x" * 60_000, content_type="text/plain")), "/besar",
     "the server announces 0.1 MB, over the 0.05 MB limit"),
    (lambda s: s.routes.__setitem__("/aliran", Route(handler=streamed(400_000))), "/aliran",
     "the body grew past 0.1 MB, over the 0.05 MB limit"),
    (lambda s: s.routes.__setitem__("/gambar", Route(b"\x89PNG", content_type="image/png")), "/gambar",
     "the server sent image/png; Warta adds HTML, RSS/Atom/XML, PDF, DOCX or plain text"),
    (lambda s: s.routes.__setitem__("/biner", Route(b"\x00\x01", content_type="application/octet-stream")),
     "/biner", "the server sent application/octet-stream"),
    (lambda s: s.routes.__setitem__("/rusak", Route(b"x", status=500)), "/rusak", "HTTP 500"),
    (lambda s: s.routes.__setitem__("/putar", redirect("/putar")), "/putar", "more than 5 redirects"),
])
def test_each_refusal_has_its_own_message(site, settings, setup, path, expected) -> None:  # type: ignore[no-untyped-def]
    setup(site)
    with pytest.raises(FetchError) as info:
        fetch(site.url(path), settings)
    assert site.url(path) in str(info.value) and expected in str(info.value)


@pytest.mark.parametrize("url, expected", [
    ("file:///etc/passwd", "only http:// and https:// URLs are fetched (file:// refused)"),
    ("ftp://example.invalid/a", "(ftp:// refused)"),
    ("http://", "the URL has no host name"),
])
def test_other_schemes_are_refused_before_any_request(site, settings, url, expected) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(FetchError, match=expected.replace("(", r"\(").replace(")", r"\)")):
        fetch(url, settings)
    assert site.requests == []


def test_a_pdf_sent_as_octet_stream_is_recognised_by_its_bytes(site, settings) -> None:  # type: ignore[no-untyped-def]
    site.routes["/siaran.pdf"] = Route(b"%PDF-1.7\n...", content_type="application/octet-stream")
    assert fetch(site.url("/siaran.pdf"), settings).content_type == "application/pdf"


def test_a_refused_connection_is_a_message(settings) -> None:  # type: ignore[no-untyped-def]
    with NewsServer() as s:
        url = s.url("/x")
    with pytest.raises(FetchError, match="cannot connect"):
        fetch(url, settings)
