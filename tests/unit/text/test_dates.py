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



def test_dates() -> None:
    assert dates.parse_datetime("21 Januari 2022, 08:41") == "2022-01-21T08:41:00+07:00"
    assert dates.parse_datetime(" date 2021-02 Minggu, 28 Februari 2021 | 17:20 WIB") == "2021-02-28T17:20:00+07:00"
    assert dates.parse_datetime("2026-01-12 06:49:54") == "2026-01-12T06:49:54+07:00"
    assert dates.parse_datetime("2021-02") is None
    assert dates.year_range("What happened in 2021?") == ("2021-01-01", "2021-12-31")
    assert dates.year_range("berita sejak 2022") == ("2022-01-01", "9999-12-31")
    assert dates.year_range("Who runs MAZ?") is None


def test_event_dates_in_sentences() -> None:
    assert dates.event_date("kata Eko Cahyanto dalam keterangan resminya, Minggu (28/2/2021).") == "2021-02-28"
    assert dates.event_date("mengikuti pelatihan yang didukung Pemerintah Rusia pada September 2024.") == "2024-09"
    assert dates.event_date("proses kerja sama berlangsung sejak 2021 melalui diskusi") == "2021"
    assert dates.event_date("The talks on 21 January 2022 went well.") == "2022-01-21"
    assert dates.event_date("kata Agus dalam pertemuan di Tokyo, Jumat (21/6).") is None  # no year: no guess
    assert dates.event_date("Sekitar 2.000 perusahaan Jepang di Indonesia.") is None
