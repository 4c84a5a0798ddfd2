"""Plain text (.txt, .md): the bytes decoded, nothing else. The header (title, date, byline, dateline) is
read later by corpus.clean, exactly as it always was; this reader adds no metadata.

Contract: `read_text(raw, name, doc_id)` -> one SourceFile; UnreadableDocument when the bytes are empty,
binary or only whitespace. Text that is not UTF-8 is read as Windows-1252/Latin-1, with a note.
"""

from __future__ import annotations

from assistant.corpus.formats import common
from assistant.errors import UnreadableDocument
from assistant.records import SourceFile

NOT_UTF8 = "not valid UTF-8; read as {encoding}. Check accented characters, or save the file as UTF-8"


def read_text(raw: bytes, name: str, doc_id: str) -> list[SourceFile]:
    if not raw.strip():
        raise UnreadableDocument("file is empty; skipped")
    if common.looks_binary(raw):
        raise UnreadableDocument("file is binary, not text; skipped")
    text, encoding = common.decode(raw)
    if not text.strip():
        raise UnreadableDocument("file holds only whitespace; skipped")
    notes = (NOT_UTF8.format(encoding=encoding),) if encoding != "utf-8" else ()
    return [common.source(doc_id, name, text, raw, "text", encoding=encoding, notes=notes)]
