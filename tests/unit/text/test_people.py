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



def test_actors_are_people_not_institutions() -> None:
    from assistant.text.people import people

    text = ("Menteri Perindustrian Agus Gumiwang Kartasasmita bertemu Menteri Industri dan Perdagangan Federasi "
            "Rusia Anton Alikhanov di Moscow. Direktur Jenderal KPAII Kementerian Perindustrian Eko S.A. Cahyono "
            "hadir. Kata Eko Cahyono, Minsk Automobile Plant (MAZ) dan Kementerian Perindustrian Belarusia setuju.")
    assert people(text) == ["Agus Gumiwang Kartasasmita", "Anton Alikhanov", "Eko S.A. Cahyono"]
