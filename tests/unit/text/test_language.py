"""Language identification: lingua plus a function-word vote whose words come from the lexicon."""

from __future__ import annotations

import pytest

from assistant.text import language as langid
from assistant.text import lexicon


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


def test_vote_reads_the_lexicon_markers() -> None:
    assert langid._ID_WORDS == lexicon.words("language_markers", "id")
    assert langid._EN_WORDS == lexicon.words("language_markers", "en")
    assert not langid._ID_WORDS & langid._EN_WORDS  # a marker votes for one language only
    assert langid._vote("apa yang dibahas") == 1.0
    assert langid._vote("what was signed") == -1.0
    assert langid._vote("Rusia Jepang") == 0.0
