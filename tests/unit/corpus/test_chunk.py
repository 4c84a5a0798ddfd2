"""Fast unit tests of pure logic: citation checking (with a tiny deterministic embedder), prompts, ingest
of bad files, language detection, date parsing, chunking."""

from __future__ import annotations

from pathlib import Path



from assistant.corpus.chunk import chunk_document
from assistant.records import Document

REPO = Path(__file__).resolve().parents[3]



def test_chunks_keep_sentences_whole_and_ids_stable() -> None:
    sentences = [f"Kalimat nomor {i} berisi beberapa kata tambahan di sini." for i in range(30)]
    doc = Document("d", "Judul", None, None, None, "id", (" ".join(sentences),))
    chunks = chunk_document(doc, words=40, overlap=1)
    assert [c.chunk_id for c in chunks] == [f"d#{i}" for i in range(len(chunks))]
    assert all(s in sentences for c in chunks for s in c.sentences)
    assert {s for c in chunks for s in c.sentences} == set(sentences)
    assert chunks[1].sentences[0] == chunks[0].sentences[-1]  # overlap
    assert chunk_document(doc, words=40, overlap=1) == chunks
