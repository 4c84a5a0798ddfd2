"""RSS 2.0, RSS 1.0 (RDF) and Atom feeds: one document per entry, via feedparser (the one module that
imports it).

Contract: `read_feed(raw, name, doc_id)` -> one SourceFile per entry with text (content:encoded or Atom
content when present, else the summary; HTML turned into paragraphs) and the entry's title, link (url),
date, author and source (the entry's <source>, else the feed's title). Dates in RFC 822, ISO 8601 or words
(Indonesian too: "Jumat, 21 Januari 2022 08:41 WIB") are read; see common.iso_date. Ids are
`stable_id(title, guid or link)`, the same every time the feed is read; `doc_id` (the file's stem) is not
used. A feed whose XML is broken is read as far as feedparser's lenient parser gets, with a note; one
with no entries raises UnreadableDocument. An entry with neither title nor text is skipped, with a note.
"""

from __future__ import annotations

import hashlib
from typing import Any

import feedparser

from assistant.corpus.formats import common
from assistant.corpus.formats.html import html_to_text
from assistant.errors import UnreadableDocument
from assistant.records import SourceFile


def _entry_text(entry: Any) -> str:
    for part in entry.get("content") or []:
        value = (part.get("value") or "").strip()
        if value:
            return html_to_text(value)
    return html_to_text((entry.get("summary") or "").strip())


def _broken(parsed: Any) -> str | None:
    """What is wrong with the feed's XML, or None when it parsed cleanly."""
    if not parsed.get("bozo"):
        return None
    exc = parsed.get("bozo_exception")
    if isinstance(exc, feedparser.CharacterEncodingOverride):
        return None  # declared one encoding, was another: the text is still right
    line = getattr(exc, "getLineNumber", lambda: None)()
    where = f" at line {line}" if line else ""
    return f"{getattr(exc, 'getMessage', lambda: str(exc))()}{where}"


def read_feed(raw: bytes, name: str, doc_id: str) -> list[SourceFile]:
    del doc_id  # each entry has its own id
    parsed = feedparser.parse(raw)
    broken = _broken(parsed)
    entries = parsed.get("entries") or []
    if not entries:
        if broken:
            raise UnreadableDocument(f"not a valid RSS or Atom feed (XML error: {broken}); not read")
        raise UnreadableDocument("a feed with no entries (or XML that is not an RSS or Atom feed); nothing to read")
    feed = parsed.get("feed") or {}
    feed_title = (feed.get("title") or "").strip() or None
    language = (feed.get("language") or "").strip() or None
    notes: list[str] = []
    docs: list[SourceFile] = []
    for i, entry in enumerate(entries, 1):
        title = " ".join((entry.get("title") or "").split()) or None
        text = _entry_text(entry)
        link = (entry.get("link") or "").strip() or None
        if not text and not title:
            notes.append(f"entry {i} has neither a title nor text; skipped")
            continue
        key = (entry.get("id") or "").strip() or link or hashlib.sha1(f"{title}\n{text}".encode()).hexdigest()
        outlet = ((entry.get("source") or {}).get("title") or "").strip() or feed_title
        published = common.iso_date(entry.get("published") or entry.get("updated") or entry.get("created"))
        docs.append(common.source(
            common.stable_id(title, key), name, text or title or "", f"{key}\n{text}".encode(),
            "feed", title=title, published=published, outlet=outlet,
            author=(entry.get("author") or "").strip() or None, url=link, language=language))
    if broken:
        notes.insert(0, f"the feed's XML is broken ({broken}); read the {len(docs)} entries found before it")
    if docs and notes:
        docs[0] = common.replace_notes(docs[0], tuple(notes))
    return docs
