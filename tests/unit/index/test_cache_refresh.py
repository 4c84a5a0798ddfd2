"""The builder refreshes the read side's caches after every build (Indexer._refresh_caches), with the real
embedder and a real Chroma store: after an article is added, the chunk table, the keyword index and the
exact matrix and the sentence vectors all belong to the new build; only the new article's chunks are stemmed
and only its vectors read from the store; the cached sentences are the stored ones; a new reader starts from
the caches without reading records, vectors or sentences from the store or stemming anything,
finds the new article, and searches exactly as a reader that rebuilt every cache from the store."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from conftest import copy_index

from assistant.index import keyword
from assistant.index.cache import CACHE, cache_key
from assistant.index.dense import DenseMatrix
from assistant.index.keyword import KeywordIndex
from assistant.index.reader import IndexReader
from assistant.index.sentences import SentenceVectors
from assistant.index.store import ChromaStore
from assistant.index.table import ChunkTable

pytestmark = pytest.mark.slow
FACQA = Path(__file__).resolve().parents[2] / "data" / "facqa" / "passages.jsonl"  # real news, committed
ARTICLE = ("Pelabuhan Baru Dibuka di Morowali\n2024-05-02\n\n"
           "Pemerintah membuka pelabuhan kontainer baru di Morowali untuk ekspor nikel dan baterai. "
           "Pelabuhan itu mampu melayani 500 ribu peti kemas per tahun.\n\n"
           "Menteri mengatakan pelabuhan tersebut akan mempercepat ekspor produk hilirisasi nikel.\n")


def test_an_add_refreshes_every_cache_incrementally(warta, settings, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from assistant.service import Warta

    corpus = tmp_path / "corpus"
    shutil.copytree(settings.corpus_dir, corpus)
    index = copy_index(settings, tmp_path / "index")
    mine = settings.model_copy(update={"corpus_dir": corpus, "index_dir": index})
    w = Warta(mine, embedder=warta.embedder)  # the session's loaded model: no second load
    w.index(progress=False)  # the copy's caches, made for this folder
    before = ChunkTable.open(index / CACHE, cache_key(index))
    assert before is not None

    stemmed: list[str] = []
    real_tokens = keyword.tokens
    monkeypatch.setattr(keyword, "tokens", lambda text, lang: stemmed.append(text) or real_tokens(text, lang))
    fetched: list[list[str]] = []
    real_fetch = ChromaStore.vectors_by_id
    monkeypatch.setattr(ChromaStore, "vectors_by_id",
                        lambda self, coll, ids: fetched.append(list(ids)) or real_fetch(self, coll, ids))
    (corpus / "900_morowali.txt").write_text(ARTICLE, encoding="utf-8")
    report = w.index(progress=False)
    assert report.embedded >= 1

    key = cache_key(index)
    table = ChunkTable.open(index / CACHE, key)
    assert table is not None and len(table) == len(before) + report.embedded
    new_ids = [cid for cid in table.ids if cid not in before]
    assert len(stemmed) == len(new_ids)  # only the new article's chunks were stemmed
    assert sorted(fetched[-1]) == sorted(new_ids)  # the matrix read only the new vectors back
    saved = KeywordIndex.load(index / CACHE)
    assert saved is not None and saved.key == key and saved.chunk_ids == table.ids
    matrix = DenseMatrix.load(index, key)
    assert matrix is not None and sorted(matrix.ids) == sorted(table.ids)
    sentences = SentenceVectors.load(index, key)
    assert sentences is not None and sentences.chunk_ids == table.ids
    reader = IndexReader(mine)
    try:  # the cache serves exactly what the store holds: texts, order, both vectors
        some = table.ids[:3] + new_ids
        cached, stored = reader.sentences_of(some), reader.store.sentences_of(some)
        assert [(r.sentence_id, r.text) for r in cached] == [(r.sentence_id, r.text) for r in stored]
        assert all(np.array_equal(a.vector, b.vector) and np.array_equal(a.context_vector, b.context_vector)
                   for a, b in zip(cached, stored))
    finally:
        reader.close()

    # A new reader: caches only (no stemming, no export), the new article found.
    monkeypatch.setattr(keyword, "tokens", lambda *_a: pytest.fail("a worker must not stem"))
    monkeypatch.setattr(ChromaStore, "all_vectors", lambda self: pytest.fail("a worker must not export"))
    monkeypatch.setattr(ChromaStore, "all_chunks", lambda self: pytest.fail("a worker must not read records"))
    monkeypatch.setattr(ChromaStore, "sentences_of", lambda self, ids: pytest.fail("sentences come from the cache"))
    fresh = Warta(mine, embedder=warta.embedder)
    hits = fresh.search("pelabuhan kontainer baru untuk ekspor nikel di Morowali", k=3).hits
    assert hits[0].chunk.doc_id == table.doc(new_ids[0])
    monkeypatch.undo()

    # The same ranking as a reader whose caches were all rebuilt from the store.
    rebuilt_dir = tmp_path / "rebuilt"
    shutil.copytree(index, rebuilt_dir, ignore=shutil.ignore_patterns(".lock", CACHE))
    rebuilt = Warta(mine.model_copy(update={"index_dir": rebuilt_dir}), embedder=warta.embedder)
    for line in FACQA.read_text(encoding="utf-8").splitlines()[:5] + [json.dumps({"text": "MoU dengan Rusia"})]:
        q = json.loads(line)["text"][:120]
        a = [(h.chunk.chunk_id, round(h.score, 4)) for h in fresh.search(q, k=8).hits]
        b = [(h.chunk.chunk_id, round(h.score, 4)) for h in rebuilt.search(q, k=8).hits]
        assert a == b, q
    assert np.isfinite([h.score for h in hits]).all()
