"""Exact dense search (index.dense): the same ranking as scoring every vector by hand, the date window as a
mask (undated chunks out whenever a window is set), and a cache that is used only for its own build."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from assistant.index import manifest
from assistant.index.cache import cache_key
from assistant.index.dense import DenseMatrix


def _matrix(n: int = 500, dim: int = 32, seed: int = 0) -> DenseMatrix:
    rng = np.random.default_rng(seed)
    vectors = rng.normal(size=(n, dim)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    dates = rng.choice([0, 20200115, 20210301, 20220720, 20231231], size=n).astype(np.int32)
    return DenseMatrix([f"d{i}#0" for i in range(n)], vectors, dates)


def _by_hand(m: DenseMatrix, q: np.ndarray, n: int, keep) -> list[str]:  # type: ignore[no-untyped-def]
    scored = [(float(m.vectors[i] @ q), m.ids[i]) for i in range(len(m)) if keep(int(m.dates[i]))]
    return [cid for _, cid in sorted(scored, key=lambda t: -t[0])[:n]]


@pytest.mark.parametrize("lo,hi", [(None, None), (20210101, None), (None, 20211231), (20210101, 20221231)])
def test_top_is_the_exact_ranking(lo: int | None, hi: int | None) -> None:
    m = _matrix()
    q = m.vectors[7] * 0.6 + m.vectors[99] * 0.4
    q /= np.linalg.norm(q)
    windowed = lo is not None or hi is not None

    def keep(d: int) -> bool:
        return (not windowed) or (d != 0 and (lo is None or d >= lo) and (hi is None or d <= hi))

    got = m.top(q, 40, lo, hi)
    assert [cid for cid, _ in got] == _by_hand(m, q, 40, keep)
    assert all(a[1] >= b[1] for a, b in zip(got, got[1:]))
    if windowed:
        dates = dict(zip(m.ids, m.dates.tolist()))
        assert all(keep(dates[cid]) for cid, _ in got)


def test_edges() -> None:
    m = _matrix(n=10)
    q = m.vectors[0]
    assert len(m.top(q, 100)) == 10  # fewer chunks than asked
    assert m.top(q, 1)[0][0] == m.ids[0]
    assert m.top(q, 5, 29990101, None) == []  # nothing in the window
    assert m.top(q, 0) == []
    empty = DenseMatrix([], np.zeros((0, 4), dtype=np.float32), np.zeros(0, dtype=np.int32))
    assert empty.top(np.ones(4, dtype=np.float32), 5) == []
    with pytest.raises(ValueError):
        DenseMatrix(["a"], np.zeros((2, 4), dtype=np.float32), np.zeros(2, dtype=np.int32))
    assert set(m.vectors_of(["d3#0", "nope"])) == {"d3#0"}


def test_cache_belongs_to_one_build(tmp_path: Path) -> None:
    assert cache_key(tmp_path) is None  # no manifest, no key
    (tmp_path / manifest.MANIFEST).write_text(json.dumps({"chunks": 500}))
    key = cache_key(tmp_path)
    m = _matrix()
    m.save(tmp_path, key)
    loaded = DenseMatrix.load(tmp_path, key)
    assert loaded is not None and loaded.ids == m.ids
    assert np.array_equal(np.asarray(loaded.vectors), m.vectors) and np.array_equal(loaded.dates, m.dates)
    q = m.vectors[3]
    assert loaded.top(q, 10, 20200101, None) == m.top(q, 10, 20200101, None)
    # A new build (the manifest replaced) makes the cache stale: it is not used.
    (tmp_path / manifest.MANIFEST).write_text(json.dumps({"chunks": 501}))
    assert cache_key(tmp_path) != key
    assert DenseMatrix.load(tmp_path, cache_key(tmp_path)) is None
    # A damaged cache is ignored, never trusted.
    (tmp_path / "cache" / "dense-index.json").write_text("{not json")
    assert DenseMatrix.load(tmp_path, key) is None


def test_chunk_records_cache(tmp_path: Path) -> None:
    from assistant.index import cache
    from assistant.records import Chunk

    chunks = [Chunk(chunk_id=f"d{i}#0", doc_id=f"d{i}", ordinal=0, text=f"Teks {i}.", sentences=(f"Teks {i}.",),
                    title="Judul", published=None if i % 2 else "2021-02-28", source="Antara", language="id",
                    flags=("instructions",) if i == 3 else ()) for i in range(6)]
    cache.save_chunks(tmp_path, "k1", chunks)
    assert cache.load_chunks(tmp_path, "k1") == chunks  # equal records, tuples and all
    assert cache.load_chunks(tmp_path, "k2") is None  # another build
    path = tmp_path / "cache" / cache.CHUNKS_FILE
    path.write_text("\n".join(path.read_text().splitlines()[:-1]) + "\n")  # a truncated file
    assert cache.load_chunks(tmp_path, "k1") is None
