"""The keyword index (index.keyword.KeywordIndex): scores as bm25s's BM25 does (the same ranking on real
text); the next process of the same build loads the index instead of stemming every chunk again and finds
exactly what a fresh index finds; the next build updates it, stemming only new or changed chunks, into an
index equal to one built from scratch; a damaged save is never used."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from assistant.records import Chunk
from assistant.index import keyword
from assistant.index.keyword import KeywordIndex
from assistant.index.store import date_key
from assistant.text.stems import query_tokens, tokens


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

    monkeypatch.setattr(keyword, "tokens", no_stemming)
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
        (tmp_path / keyword.FILES[0]).write_text("{broken", encoding="utf-8")
    got = KeywordIndex.cached(tmp_path, key, now)
    fresh = KeywordIndex(now)
    assert got.stemmed == (len(now) if change == "damaged" else 0)  # an update stems nothing unchanged
    assert got.chunk_ids == fresh.chunk_ids
    assert [got.search(q, 10) for q in QUERIES] == [fresh.search(q, 10) for q in QUERIES]


def test_no_key_no_cache(tmp_path: Path) -> None:
    KeywordIndex.cached(tmp_path, None, _chunks())
    assert not (tmp_path / keyword.FILES[0]).exists()
    assert KeywordIndex.cached(tmp_path, "k", []).search(("mobil",), 5) == []


def _seed_chunks() -> list[Chunk]:
    """Real text: the seed articles' paragraphs as chunks (Indonesian), plus English sentences."""
    root = Path(__file__).resolve().parents[3] / "corpus"
    out = []
    for path in sorted(root.glob("*.txt")):
        paras = [p.strip() for p in path.read_text(encoding="utf-8").split("\n\n") if len(p.strip()) > 40]
        for i, p in enumerate(paras):
            out.append(Chunk(chunk_id=f"{path.stem}#{i}", doc_id=path.stem, ordinal=i, text=p, sentences=(p,),
                             title=paras[0][:60], published=f"2021-0{1 + i % 9}-15" if i % 4 else None,
                             source=None, language="id"))
    for i, text in enumerate(["The minister signed two agreements on shipbuilding and asbestos research.",
                              "Exports of nickel and batteries rose in 2021, the ministry said.", ""]):
        out.append(Chunk(chunk_id=f"en{i}#0", doc_id=f"en{i}", ordinal=0, text=text, sentences=(text,),
                         title="", published=None, source=None, language="en"))
    return out


REAL_QUERIES = ["Apa saja MoU yang ditandatangani dengan Rusia?", "kerja sama otomotif Belarusia",
                "shipbuilding agreements signed", "nickel exports 2021", "Innoprom pameran industri",
                "investasi pabrik kendaraan listrik", "kata tidak ada xyzzy"]


def test_the_same_ranking_as_bm25s_on_real_text() -> None:
    import bm25s

    chunks = _seed_chunks()
    assert len(chunks) > 20
    mine = KeywordIndex(chunks)
    theirs = bm25s.BM25()  # its defaults: the "lucene" BM25, k1 1.5, b 0.75
    theirs.index([tokens(c.embed_text, c.language) or [keyword.EMPTY] for c in chunks], show_progress=False)
    vocab = set(mine.vocab)
    for text in REAL_QUERIES:
        q = [t for t in query_tokens(text) if t in vocab]
        got = mine.scores(q)
        if not q:
            assert not got.any()
            continue
        expected = np.asarray(theirs.get_scores(q), dtype=np.float32)
        assert np.allclose(got, expected, rtol=1e-4, atol=1e-5), text


def test_an_update_equals_a_fresh_index_and_stems_only_what_changed(tmp_path: Path) -> None:
    chunks = _seed_chunks()
    first = KeywordIndex.cached(tmp_path, "build-1", chunks)
    assert first.stemmed == len(chunks)
    # The next build: three chunks gone, one rewritten, two new.
    rewritten = Chunk(**{**chunks[5].__dict__, "text": "Teks baru tentang pelabuhan dan kontainer.",
                         "sentences": ("Teks baru tentang pelabuhan dan kontainer.",)})
    new = [Chunk(chunk_id=f"new{i}#0", doc_id=f"new{i}", ordinal=0, text=t, sentences=(t,), title="Baru",
                 published="2024-05-01", source=None, language="id")
           for i, t in enumerate(["Pabrik baterai nikel diresmikan di Morowali.", "Ekspor kendaraan naik."])]
    now = sorted(chunks[3:5] + [rewritten] + chunks[6:] + new, key=lambda c: (c.doc_id, c.ordinal))
    updated = KeywordIndex.cached(tmp_path, "build-2", now)
    assert updated.stemmed == 3 and updated.chunk_ids == [c.chunk_id for c in now]
    fresh = KeywordIndex(now)
    queries = [tuple(query_tokens(q)) for q in REAL_QUERIES + ["pelabuhan kontainer", "baterai nikel"]]
    for q in queries:
        assert updated.search(q, 10) == fresh.search(q, 10)
        assert np.allclose(updated.scores(q), fresh.scores(q))
    # The process after it loads the update as saved, stemming nothing.
    again = KeywordIndex.cached(tmp_path, "build-2", [c.chunk_id for c in now], lambda: [])
    assert again.stemmed == 0 and [again.search(q, 10) for q in queries] == [fresh.search(q, 10) for q in queries]


def test_window_keeps_dated_chunks_in_it() -> None:
    chunks = _seed_chunks()
    index = KeywordIndex(chunks)
    q = tuple(query_tokens("kerja sama industri Indonesia"))
    dates = {c.chunk_id: date_key(c.published) for c in chunks}
    everything = index.search(q, 100)
    inside = index.search(q, 100, window=(20210201, 20210531))
    assert inside and len(inside) < len(everything)
    assert all(20210201 <= dates[cid] <= 20210531 for cid, _ in inside)
    assert inside == [(c, s) for c, s in everything if 20210201 <= dates[c] <= 20210531]
