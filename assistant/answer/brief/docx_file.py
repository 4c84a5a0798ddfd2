"""The DOCX writer of a brief (python-docx, imported only here): the same blocks as the PDF and Markdown
(answer.brief.render.blocks) as a Word document: a title, headings, paragraphs, bulleted items and the
numbered sources, citation markers as text ([n]), names in bold.

Contract: `docx_bytes(blocks)` -> the .docx file's bytes.
"""

from __future__ import annotations

import io
import re



def _runs(paragraph, text: str) -> None:  # type: ignore[no-untyped-def]
    """`text` with **bold** and *italic* spans as runs."""
    pos = 0
    for m in re.finditer(r"\*\*(.+?)\*\*|(?<!\*)\*(?!\*)(.+?)(?<!\*)\*(?!\*)", text):
        if m.start() > pos:
            paragraph.add_run(text[pos:m.start()])
        run = paragraph.add_run(m.group(1) or m.group(2))
        run.bold, run.italic = bool(m.group(1)), bool(m.group(2))
        pos = m.end()
    if pos < len(text):
        paragraph.add_run(text[pos:])


def docx_bytes(blocks: list[tuple[str, str]]) -> bytes:
    from docx import Document

    doc = Document()
    for kind, text in blocks:
        if kind == "title":
            doc.add_heading(text, level=0)
        elif kind == "heading":
            doc.add_heading(text, level=1)
        elif kind == "bullet":
            _runs(doc.add_paragraph(style="List Bullet"), text)
        else:  # meta, para, source
            _runs(doc.add_paragraph(), text)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
