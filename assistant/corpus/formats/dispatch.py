"""Choose the reader by content and run it (see the package docstring for the contract)."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from pathlib import PurePosixPath
from urllib.parse import urlparse

from assistant.corpus.formats import common
from assistant.corpus.formats.text import read_text
from assistant.errors import UnreadableDocument
from assistant.records import SourceFile

TEXT_SUFFIXES = {".txt", ".md", ".text"}
# Suffixes a document may have; the content decides how it is read.
SUFFIXES = TEXT_SUFFIXES | {".html", ".htm", ".xhtml", ".xml", ".rss", ".atom", ".pdf", ".docx"}
_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:rdf)[\s>]", re.I)
_HTML_MARK = re.compile(rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]", re.I)
_XML_START = re.compile(rb"^(?:\xef\xbb\xbf)?\s*<\?xml", re.I)
_HTML_START = re.compile(rb"^(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.I | re.S)
_MARKUP_START = re.compile(rb"^(?:\xef\xbb\xbf)?\s*<", re.I)


def suffix_of(name: str) -> str:
    """".html" for "page.html", "https://x.id/a/page.html?x=1", "" for "https://x.id/feed"."""
    path = urlparse(name).path if "://" in name else name
    return PurePosixPath(path).suffix.lower()


def stem_of(name: str) -> str:
    path = urlparse(name).path if "://" in name else name
    return PurePosixPath(path).stem or "document"


def _is_docx(raw: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def sniff(raw: bytes, name: str) -> str:
    """"pdf" | "docx" | "feed" | "html" | "text", chosen by what the bytes are; UnreadableDocument for
    bytes no reader takes (empty, an unknown binary, a zip that is not a DOCX, XML that is not a feed)."""
    suffix = suffix_of(name)
    shown = suffix or "(none)"
    if not raw.strip():
        size = "0 bytes" if not raw else "only whitespace"
        raise UnreadableDocument(f"file is empty ({size}); skipped")
    if b"%PDF-" in raw[:1024]:  # the PDF header may follow a little junk (the spec allows 1 KB)
        return "pdf"
    if raw[:4] == b"PK\x03\x04":
        if _is_docx(raw):
            return "docx"
        what = "a zip archive without word/document.xml, not a DOCX document (or a broken one)"
        raise UnreadableDocument(f"unsupported file type {shown}: {what}; not read")
    head = raw[:4096]
    if common.looks_binary(raw):
        if suffix in TEXT_SUFFIXES:
            raise UnreadableDocument("file is binary, not text; skipped")
        what = "not a valid DOCX (not a zip archive)" if suffix == ".docx" else (
            "not a valid PDF (no %PDF header)" if suffix == ".pdf" else "binary content that is not a PDF or DOCX")
        raise UnreadableDocument(f"unsupported file type {shown}: {what}; not read")
    if _HTML_START.match(head):
        return "html"
    markup = _MARKUP_START.match(head)
    if markup and _FEED_ROOT.search(head):
        return "feed"
    if _XML_START.match(head):
        if _HTML_MARK.search(head):
            return "html"  # XHTML
        if suffix in {".xml", ".rss", ".atom"}:
            return "feed"  # the feed reader says what is wrong with it
        raise UnreadableDocument(f"unsupported file type {shown}: XML that is not an RSS or Atom feed; not read")
    if markup and _HTML_MARK.search(head):
        return "html"
    if suffix in {".html", ".htm", ".xhtml"}:
        return "html"  # a fragment without <html>: still markup to extract from
    if suffix in {".xml", ".rss", ".atom"}:
        return "feed"
    if suffix in TEXT_SUFFIXES:
        return "text"
    if suffix in {".pdf", ".docx"}:
        raise UnreadableDocument(f"file named {suffix} holds text, not a {suffix[1:].upper()} document; not read")
    raise UnreadableDocument(f"unsupported file type {shown}; supported: {', '.join(sorted(SUFFIXES))}")


def _reader(kind: str) -> Callable[[bytes, str, str], list[SourceFile]]:
    """The reader of `kind`, imported when first needed: the libraries behind them take seconds to load,
    and a corpus of .txt files (or a command that reads none) should not pay for them."""
    if kind == "html":
        from assistant.corpus.formats.html import read_html

        return read_html
    if kind == "feed":
        from assistant.corpus.formats.feed import read_feed

        return read_feed
    if kind == "pdf":
        from assistant.corpus.formats.pdf import read_pdf

        return read_pdf
    if kind == "docx":
        from assistant.corpus.formats.docx import read_docx

        return read_docx
    return read_text


def read_document(raw: bytes, name: str, doc_id: str | None = None) -> list[SourceFile]:
    """The documents in `raw` (see the package docstring). `name` is the file name or URL it came from: it
    names the documents' `path` and gives the default id (its stem)."""
    kind = sniff(raw, name)
    docs = _reader(kind)(raw, name, doc_id or stem_of(name))
    if not docs:
        raise UnreadableDocument(f"no document found in this {kind} file; skipped")
    return docs
