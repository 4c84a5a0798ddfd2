"""Chunk: a Document -> sentence-aware Chunks with stable ids.

Contract: `chunk_document(doc, words, overlap)` packs whole sentences into chunks of about `words` words (a
sentence is never cut), repeating the last `overlap` sentences of a chunk at the start of the next so a
fact spanning a boundary is retrievable from both. Ids are "<doc_id>#<ordinal>": stable while the
document's text is unchanged. Each chunk carries the title, date, outlet and language of its document.
"""

from __future__ import annotations

from assistant.records import Chunk, Document
from assistant.text.sentences import split_sentences


def _pack(sentences: list[str], words: int, overlap: int) -> list[list[str]]:
    groups: list[list[str]] = []
    current: list[str] = []
    count = 0
    for sentence in sentences:
        n = len(sentence.split())
        if current and count + n > words:
            groups.append(current)
            current = current[-overlap:] if overlap else []
            # An overlap that alone fills the chunk would repeat forever: drop it.
            if sum(len(s.split()) for s in current) + n > words:
                current = []
            count = sum(len(s.split()) for s in current)
        current.append(sentence)
        count += n
    if current and (not groups or current != groups[-1][-len(current):]):
        groups.append(current)
    return groups


def chunk_document(doc: Document, words: int = 160, overlap: int = 1) -> list[Chunk]:
    sentences: list[str] = []
    for paragraph in doc.paragraphs:
        sentences.extend(split_sentences(paragraph))
    return [
        Chunk(
            chunk_id=f"{doc.doc_id}#{i}",
            doc_id=doc.doc_id,
            ordinal=i,
            text=" ".join(group),
            sentences=tuple(group),
            title=doc.title,
            title_derived=doc.title_derived,
            published=doc.published,
            source=doc.source,
            language=doc.language,
        )
        for i, group in enumerate(_pack(sentences, words, overlap))
    ]
