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



@pytest.mark.parametrize("text,lang", [
    ("What did Indonesia sign with Russia?", "en"), ("Apa saja MoU dengan Rusia?", "id"),
    ("Siapa pejabat Rusia yang ditemui Menperin di Moskow?", "id"), ("Who runs the Minsk Automobile Plant?", "en"),
    ("Kapan program New MIDEC diumumkan oleh Kemenperin?", "id"), ("Apa itu IJEPA?", "id"),
    ("Agus Gumiwang Kartasasmita visited Moscow.", "en"), ("Eko Cahyanto bertemu Duta Besar.", "id"),
])
def test_language_detection(text: str, lang: str) -> None:
    assert langid.detect(text)[0] == lang


def test_name_only_query_falls_back() -> None:
    lang, confidence = langid.detect("MAZ BATE", fallback="id")
    assert lang == "id" or confidence < 0.6
