"""The keyword index cache (search.bm25.KeywordIndex.cached): the next process of the same build loads the
index instead of stemming every chunk again, finds exactly what a fresh index finds, and a cache of another
build or other chunks is never used."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.records import Chunk
from assistant.search import bm25
from assistant.search.bm25 import KeywordIndex


def _chunks(n: int = 30) -> list[Chunk]:
    words = ["pelabuhan", "kontainer", "investasi", "pabrik", "mobil", "listrik", "baterai", "nikel", "ekspor"]
    out = []
    for i in range(n):
        text = " ".join(words[(i + j) % len(words)] for j in range(i % 5 + 2)) + f" tahun {2000 + i}"
        out.append(Chunk(chunk_id=f"d{i}#0", doc_id=f"d{i}", ordinal=0, text=text, sentences=(text,),
                         title=f"Judul {i}", published=None, source=None, language="id"))
    return out


QUERIES = [("pelabuhan", "kontainer"), ("nikel", "baterai", "2007"), ("mobil",), ("tidakada",)]


def test_the_next_process_loads_instead_of_stemming(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    chunks = _chunks()
    built = KeywordIndex.cached(tmp_path, "build-1", chunks)
    expected = [built.search(q, 10) for q in QUERIES]
    assert any(expected)

    def no_stemming(*_a: object) -> list[str]:
        raise AssertionError("the cached index must not stem the chunks again")

    monkeypatch.setattr(bm25, "tokens", no_stemming)
    loaded = KeywordIndex.cached(tmp_path, "build-1", chunks)
    assert [loaded.search(q, 10) for q in QUERIES] == expected
    assert loaded.search(QUERIES[0], 10, allowed={"d0#0"}) == built.search(QUERIES[0], 10, allowed={"d0#0"})


@pytest.mark.parametrize("change", ["key", "chunks", "damaged"])
def test_a_cache_of_another_build_is_rebuilt(tmp_path: Path, change: str) -> None:
    chunks = _chunks()
    KeywordIndex.cached(tmp_path, "build-1", chunks)
    key, now = "build-1", chunks
    if change == "key":
        key = "build-2"
    elif change == "chunks":
        now = chunks[:-3]
    else:
        (tmp_path / "bm25-index.json").write_text("{broken", encoding="utf-8")
    got = KeywordIndex.cached(tmp_path, key, now)
    fresh = KeywordIndex(now)
    assert got.chunk_ids == fresh.chunk_ids
    assert [got.search(q, 10) for q in QUERIES] == [fresh.search(q, 10) for q in QUERIES]


def test_no_key_no_cache(tmp_path: Path) -> None:
    KeywordIndex.cached(tmp_path, None, _chunks())
    assert not (tmp_path / "bm25-index.json").exists()
    assert KeywordIndex.cached(tmp_path, "k", []).search(("mobil",), 5) == []
