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

from helpers import BagOfWordsEmbedder, _evidence, ev  # noqa: F401


def test_refusal_when_the_named_country_is_absent() -> None:
    from assistant.answer.stream import names_absent_country
    from assistant.records import SearchResult

    hits = tuple(_evidence(i, d, [t]).hit for i, (d, t) in enumerate(
        [("a", "Menperin bertemu Menteri Jepang di Tokyo."), ("b", "MoU dengan Rusia diteken.")], start=1))
    result = SearchResult(question="q", hits=hits)
    assert names_absent_country("What did Indonesia agree with France on aircraft?", result)
    assert not names_absent_country("What did Indonesia sign with Russia?", result)
    assert names_absent_country("Who runs the Minsk Automobile Plant?", result)  # Minsk: Belarus
    assert not names_absent_country("Who runs the automobile plant?", result)  # names no country
