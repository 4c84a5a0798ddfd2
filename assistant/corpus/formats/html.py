"""Web pages (.html, .htm): the article's main text and metadata, via trafilatura (the one module that
imports it, and lxml).

Contract: `read_html(raw, name, doc_id)` -> one SourceFile whose text is the main text (trafilatura drops
navigation, ads, link boxes such as "Baca juga" lists, related articles, comments and the footer; an inline
"Baca juga: …" line that survives is removed later by corpus.clean), with title, publication date, site
name, author, canonical URL and declared language. The date comes from the page's structured data first
(article:published_time and similar meta tags, JSON-LD datePublished, a <time datetime> in the
<article>), keeping the time of day, then trafilatura's own reading of the markup (htmldate, without its
search of the running text); a date written only in the text is left to corpus.clean's header reading. A page without a closing </html> is read as far as it goes, with a note;
a page with no article text raises UnreadableDocument. `html_to_text` turns an HTML fragment (a feed
entry's content) into plain paragraphs.
"""

from __future__ import annotations

import json
import re
from typing import Any

import lxml.html
import trafilatura
from lxml import etree

from assistant.corpus.formats import common
from assistant.errors import UnreadableDocument
from assistant.records import SourceFile

# <meta> names and properties that carry the publication time, most specific first.
_DATE_META = ("article:published_time", "og:published_time", "datepublished", "pubdate", "publishdate",
              "dc.date.issued", "date")
# Elements that end a line of text (tags, not words).
_BLOCK = re.compile(r"^(?:p|div|br|li|h[1-6]|blockquote|tr|section|article|d[dt])$")
TRUNCATED = "the page looks truncated (no closing </html>); read as far as it goes"
NO_TEXT = "no article text found in this HTML page (broken markup, or not an article); skipped"


def _tree(raw: bytes) -> Any:
    try:
        return lxml.html.document_fromstring(raw)
    except (etree.ParserError, ValueError):
        return None


def _json_ld_dates(tree: Any) -> list[str]:
    found: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            value = node.get("datePublished")
            if isinstance(value, str):
                found.append(value)
            for child in node.values():
                walk(child)
        elif isinstance(node, list):
            for child in node:
                walk(child)

    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            walk(json.loads(script.text_content()))
        except ValueError:
            continue  # a broken JSON-LD block is common; the other sources still count
    return found


def _structured(tree: Any) -> dict[str, str | None]:
    """Date, canonical URL and language from the page's markup (what trafilatura reports less exactly)."""
    if tree is None:
        return {"published": None, "url": None, "language": None}
    metas: dict[str, str] = {}
    for meta in tree.xpath("//meta[@content]"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        metas.setdefault(key, meta.get("content", "").strip())
    candidates = [metas.get(k) for k in _DATE_META] + _json_ld_dates(tree)
    # A <time> in the article, not one in a sidebar list of other stories.
    candidates += [t.get("datetime") for t in tree.xpath("//article//time[@datetime]")[:1]]
    published = next((d for d in (common.iso_date(c) for c in candidates if c) if d), None)
    canonical = tree.xpath('//link[translate(@rel, "CANONICAL", "canonical")="canonical"]/@href')
    url = (canonical[0].strip() if canonical else None) or metas.get("og:url") or None
    lang = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang") or metas.get("content-language")
    return {"published": published, "url": url, "language": lang.strip() if lang else None}


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def read_html(raw: bytes, name: str, doc_id: str) -> list[SourceFile]:
    tree = _tree(raw)
    meta = _structured(tree)
    try:
        extracted = trafilatura.bare_extraction(
            raw, url=meta["url"], with_metadata=True, include_comments=False, include_tables=True,
            # Structured data only: a date "found" in the running text is often another event's.
            date_extraction_params={"extensive_search": False, "original_date": True})
    except (ValueError, TypeError, etree.LxmlError):
        extracted = None
    text = (getattr(extracted, "text", None) or "").strip()
    if not re.search(r"[^\W\d_]{2,}", text):  # nothing, or only markup debris ("<<<>>>")
        raise UnreadableDocument(NO_TEXT)
    title = (getattr(extracted, "title", None) or "").strip() or None
    outlet = (getattr(extracted, "sitename", None) or "").strip() or None
    host = (getattr(extracted, "hostname", None) or "").strip()
    if title and any(_same(title, other) for other in (outlet or "", host) if other):
        title = None  # a page without a headline: its <title> is only the site's name
    lines = text.split("\n")
    # The headline opens the extracted text; it is metadata, not body.
    while title and lines and _same(lines[0], title):
        lines.pop(0)
    notes = () if re.search(rb"</html\s*>", raw[-2048:], re.I) else (TRUNCATED,)
    return [common.source(
        doc_id, name, "\n".join(lines), raw, "html", title=title,
        published=meta["published"] or common.iso_date(getattr(extracted, "date", None)),
        outlet=outlet,
        author=(getattr(extracted, "author", None) or "").strip() or None,
        url=meta["url"] or getattr(extracted, "url", None), language=meta["language"], notes=notes)]


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment, one line per paragraph (block element or <br>); scripts dropped."""
    if "<" not in fragment:
        return fragment.strip()
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return re.sub(r"<[^>]+>", " ", fragment).strip()
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    for el in root.iter():
        if not isinstance(el.tag, str) or not _BLOCK.match(el.tag):
            continue
        el.tail = "\n" + (el.tail or "")
        if el.tag == "br":
            continue
        el.text = "\n" + (el.text or "")
    lines = [" ".join(line.split()) for line in root.text_content().split("\n")]
    return "\n".join(line for line in lines if line)
