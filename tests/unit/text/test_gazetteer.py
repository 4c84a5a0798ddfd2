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



def test_gazetteer_crosses_languages_and_respects_word_boundaries() -> None:
    from assistant.text import gazetteer
    from assistant.search.bm25 import query_tokens

    assert "jepang" in query_tokens("Brief me on Indonesia–Japan cooperation")
    assert "russia" in query_tokens("Apa saja MoU dengan Rusia?")
    assert not gazetteer.mentions_all("Kerja sama dengan Belarusia", gazetteer.partners_in("Russia"))
    assert gazetteer.partners_in("What did Indonesia sign as a partner?") == []  # "as"/"Indonesia" ignored
    assert gazetteer.partners_in("What did the US sign?") != []
