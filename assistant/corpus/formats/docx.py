"""Word documents (.docx), common for press releases: via python-docx (the one module that imports it).

Contract: `read_docx(raw, name, doc_id)` -> one SourceFile with one line per non-empty paragraph of the
body, in order, table rows included as "cell | cell" lines (running headers and footers live apart in a
DOCX and are not read). The title is the core properties' title, else the first paragraph styled Title
or Heading 1, else left to corpus.clean (the first heading-like line); the author is the core properties'
author; the date is that of a "Jakarta, 3 Maret 2025 – " lead (the dateline is removed), else read from
the text by corpus.clean. UnreadableDocument when python-docx cannot open it.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

import docx
from docx.opc.exceptions import PackageNotFoundError

from assistant.corpus.formats import common
from assistant.errors import UnreadableDocument
from assistant.records import SourceFile

# Style ids (not display names: resolving those costs a style-table walk per paragraph).
_HEADING_STYLES = re.compile(r"^(?:title|heading ?1|judul)$", re.I)


def _blocks(document: Any) -> list[tuple[str, str]]:
    """(style id, text) of the body's paragraphs and table rows, in document order."""
    out: list[tuple[str, str]] = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = docx.text.paragraph.Paragraph(child, document)
            style = child.xpath("./w:pPr/w:pStyle/@w:val")
            out.append((str(style[0]) if style else "", paragraph.text))
        elif tag == "tbl":
            table = docx.table.Table(child, document)
            for row in table.rows:
                cells = [" ".join(c.text.split()) for c in row.cells]
                out.append(("table", " | ".join(c for c in cells if c)))
    return [(style, " ".join(text.split())) for style, text in out if text.strip()]


def read_docx(raw: bytes, name: str, doc_id: str) -> list[SourceFile]:
    try:
        document = docx.Document(io.BytesIO(raw))
        blocks = _blocks(document)
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, AttributeError) as exc:
        raise UnreadableDocument(f"not a readable DOCX document ({exc or type(exc).__name__}); not read") from None
    if not blocks:
        raise UnreadableDocument("the DOCX document has no text; skipped")
    props = document.core_properties
    title = " ".join((props.title or "").split()) or None
    if title is None:
        title = next((text for style, text in blocks[:3] if _HEADING_STYLES.match(style)), None)
    published, lines = common.dated_lead([text for _, text in blocks])
    return [common.source(doc_id, name, "\n".join(lines), raw, "docx", title=title, published=published,
                          author=" ".join((props.author or "").split()) or None,
                          language=(props.language or "").strip() or None)]
