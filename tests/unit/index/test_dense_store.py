"""The exact matrix over a real index (the session's seed index: real embedder, real Chroma): it holds every
stored chunk vector, its search agrees with Chroma's on a small index (where HNSW is exact), its cache is
reused by the next reader of the same build, and a rebuild (a new manifest) is not served the old matrix."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.index.cache import cache_key
from assistant.index.reader import IndexReader

pytestmark = pytest.mark.slow


def test_matrix_matches_the_store_and_its_search(warta, settings) -> None:  # type: ignore[no-untyped-def]
    reader = IndexReader(settings)
    try:
        m = reader.dense()
        assert len(m) == reader.store.count() > 0
        stored = reader.chunk_vectors(m.ids[:5])
        for cid in m.ids[:5]:
            assert np.allclose(m.vectors_of([cid])[cid], stored[cid], atol=1e-6)
        q = warta.embedder.encode_query("kerja sama industri otomotif dengan Belarusia")
        exact = m.top(q, 10)
        approx = reader.query(q, 10)
        assert [c for c, _ in exact] == [c for c, _ in approx]
        assert np.allclose([s for _, s in exact], [s for _, s in approx], atol=1e-4)
    finally:
        reader.close()
    assert (settings.index_dir / "cache" / "dense-index.json").is_file()
    again = IndexReader(settings)
    try:
        key = cache_key(settings.index_dir)
        assert again.dense().ids == m.ids and key is not None
        assert isinstance(again.dense().vectors, np.memmap)  # read from the cache, not exported again
        first = again.chunks()  # from the store (or a cache of this build), cached for the next reader
        assert (settings.index_dir / "cache" / "chunks.jsonl").is_file()
        assert first == again.store.all_chunks()
    finally:
        again.close()
    third = IndexReader(settings)
    try:
        assert third.chunks() == first  # the cached records are the stored ones
    finally:
        third.close()
