"""Fast unit tests of pure logic: citation checking (with a tiny deterministic embedder), prompts, ingest
of bad files, language detection, date parsing, chunking."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pytest

from assistant.text import dates

from assistant.text import language as langid
from assistant.corpus.chunk import chunk
from assistant.answer.citations import check
from assistant.corpus.read import read_corpus
from assistant.answer.prompts import _load, load_all
from assistant.errors import PromptError
from assistant.records import Chunk, Document, Evidence, Hit

REPO = Path(__file__).resolve().parents[3]



def test_chunks_keep_sentences_whole_and_ids_stable() -> None:
    sentences = [f"Kalimat nomor {i} berisi beberapa kata tambahan di sini." for i in range(30)]
    doc = Document("d", "Judul", None, None, None, "id", (" ".join(sentences),))
    chunks = chunk(doc, words=40, overlap=1)
    assert [c.chunk_id for c in chunks] == [f"d#{i}" for i in range(len(chunks))]
    assert all(s in sentences for c in chunks for s in c.sentences)
    assert {s for c in chunks for s in c.sentences} == set(sentences)
    assert chunks[1].sentences[0] == chunks[0].sentences[-1]  # overlap
    assert chunk(doc, words=40, overlap=1) == chunks
