"""PDF press releases (siaran pers): the text layer, page by page, via pypdf (the one module that imports
it).

Contract: `read_pdf(raw, name, doc_id)` -> one SourceFile whose text has one line per paragraph: pypdf's
layout extraction keeps vertical gaps, so a blank line ends a paragraph and the lines within one are
joined (a paragraph cut by a page break is joined again). Lines repeated at the top or bottom of most
pages (running headers, footers, "Halaman 2 dari 3") are removed, page numbers compared as digits of any
value. The title is the document's /Title metadata when it looks like a title (not a file name), else left
to corpus.clean, which takes the first heading; the date is that of a "Jakarta, 3 Maret 2025 – " lead
(the dateline is removed), else read from the text by corpus.clean; /Author is the author. UnreadableDocument for a PDF without a text layer ("no text layer; OCR is not supported"), one
that needs a password, and one pypdf cannot parse.
"""

from __future__ import annotations

import io
import re
from collections import Counter

import pypdf
from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

from assistant.corpus.formats import common
from assistant.errors import UnreadableDocument
from assistant.records import SourceFile

NO_TEXT_LAYER = "no text layer; OCR is not supported (a scanned PDF?). Provide a PDF with text, or the text itself"
ENCRYPTED = "the PDF is encrypted (password protected); not read. Save a copy without a password"
EDGE_LINES = 2  # lines at each page edge that may be a running header or footer
_TERMINAL = tuple(".!?:;\"”’')…")


def _open(raw: bytes) -> pypdf.PdfReader:
    try:
        reader = pypdf.PdfReader(io.BytesIO(raw))
        if reader.is_encrypted and not reader.decrypt(""):  # an owner password alone still lets anyone read
            raise UnreadableDocument(ENCRYPTED)
        _ = len(reader.pages)
        return reader
    except (FileNotDecryptedError, DependencyError):
        raise UnreadableDocument(ENCRYPTED) from None
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise UnreadableDocument(f"not a readable PDF ({exc}); not read") from None


def _page_lines(reader: pypdf.PdfReader) -> list[list[str]]:
    pages: list[list[str]] = []
    for page in reader.pages:
        try:
            text = page.extract_text(extraction_mode="layout")
        except (FileNotDecryptedError, DependencyError):
            raise UnreadableDocument(ENCRYPTED) from None
        except (PdfReadError, ValueError, KeyError, TypeError, ZeroDivisionError):
            text = ""  # one broken page: the others are still worth reading
        # Lines keep their layout spacing (a justified line is as long as the column: see _continues);
        # a blank line (a vertical gap) is kept as "".
        lines = [line.rstrip() if line.strip() else "" for line in text.split("\n")]
        while lines and not lines[0]:
            lines.pop(0)
        while lines and not lines[-1]:
            lines.pop()
        pages.append(lines)
    return pages


def _shape(line: str) -> str:
    return re.sub(r"\d+", "#", " ".join(line.split()).casefold())


def _drop_running_lines(pages: list[list[str]]) -> list[list[str]]:
    """Remove lines found at the same edge of at least half the pages (two pages at least)."""
    if len(pages) < 2:
        return pages
    counts: Counter[tuple[str, str]] = Counter()
    for lines in pages:
        filled = [ln for ln in lines if ln]
        counts.update({("top", _shape(ln)) for ln in filled[:EDGE_LINES]})
        counts.update({("bottom", _shape(ln)) for ln in filled[-EDGE_LINES:]})
    needed = max(2, (len(pages) + 1) // 2)
    running = {key for key, n in counts.items() if n >= needed}
    out: list[list[str]] = []
    for lines in pages:
        kept = list(lines)
        for edge in ("top", "bottom"):
            for _ in range(EDGE_LINES):
                filled_at = next((i for i in (range(len(kept)) if edge == "top" else range(len(kept) - 1, -1, -1))
                                  if kept[i]), None)
                if filled_at is None or (edge, _shape(kept[filled_at])) not in running:
                    break
                del kept[filled_at]
        while kept and not kept[0]:
            kept.pop(0)
        while kept and not kept[-1]:
            kept.pop()
        out.append(kept)
    return out


def _join(lines: list[str]) -> str:
    text = ""
    for line in (" ".join(raw.split()) for raw in lines):
        if not text:
            text = line
        elif text.endswith("-") and line[:1].islower():
            text += line  # a word broken at its hyphen ("masing-" / "masing")
        else:
            text += " " + line
    return text


def _continues(lines: list[str]) -> bool:
    """The page's last line runs to the right margin (about as long as its longest line): the paragraph
    goes on over the page break even though the line happens to end a sentence."""
    filled = [ln for ln in lines if ln]
    return bool(filled) and len(filled[-1]) >= 0.85 * max(len(ln) for ln in filled)


def _paragraphs(pages: list[list[str]]) -> list[str]:
    paragraphs: list[str] = []
    carry = False
    for lines in pages:
        blocks: list[list[str]] = [[]]
        for line in lines:
            if line:
                blocks[-1].append(line)
            elif blocks[-1]:
                blocks.append([])
        texts = [_join(b) for b in blocks if b]
        # A paragraph cut by the page break: the last one did not end a sentence, or filled its last line.
        if texts and paragraphs and (carry or not paragraphs[-1].endswith(_TERMINAL)):
            paragraphs[-1] = _join([paragraphs[-1], texts.pop(0)])
        paragraphs.extend(texts)
        carry = bool(lines) and bool(lines[-1]) and _continues(lines)
    return paragraphs


def _title(reader: pypdf.PdfReader) -> str | None:
    meta = reader.metadata
    title = " ".join(str(meta.get("/Title") or "").split()) if meta else ""
    if len(title.split()) < 2 or re.search(r"\.(?:docx?|pdf|odt|rtf)$|^untitled\b|^microsoft\s", title, re.I):
        return None  # a file name or a placeholder is no headline: the first heading is better
    return title


def read_pdf(raw: bytes, name: str, doc_id: str) -> list[SourceFile]:
    reader = _open(raw)
    pages = _page_lines(reader)
    if not any(any(lines) for lines in pages):
        raise UnreadableDocument(NO_TEXT_LAYER)
    paragraphs = _paragraphs(_drop_running_lines(pages))
    meta = reader.metadata
    author = " ".join(str(meta.get("/Author") or "").split()) or None if meta else None
    empty = sum(1 for lines in pages if not any(lines))
    notes = (f"{empty} of {len(pages)} pages have no text layer (scanned?); OCR is not supported, they were "
             "skipped",) if empty else ()
    published, paragraphs = common.dated_lead(paragraphs)
    return [common.source(doc_id, name, "\n".join(paragraphs), raw, "pdf", title=_title(reader),
                          published=published, author=author, notes=notes)]
