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


def test_rows_are_in_date_order_and_a_window_is_a_slice() -> None:
    m = _matrix()
    assert np.all(np.diff(m.dates) >= 0)  # undated (0) first, then by date
    start, end = m._rows(20210101, 20221231)
    assert set(m.dates[start:end].tolist()) == {20210301, 20220720}
    assert m._rows(None, 20191231) == (m._rows(None, 20191231)[0],) * 2  # empty: nothing before 2020, undated out


def _clustered(n: int, dim: int = 64, seed: int = 3) -> tuple[np.ndarray, np.ndarray]:
    """Vectors whose leading dimensions carry most of the signal, as in a Matryoshka-trained embedder."""
    rng = np.random.default_rng(seed)
    scale = np.linspace(2.0, 0.2, dim).astype(np.float32)
    centres = rng.normal(size=(50, dim)).astype(np.float32) * scale
    v = centres[rng.integers(0, 50, n)] + rng.normal(size=(n, dim)).astype(np.float32) * scale * 0.5
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    dates = rng.choice([0, 20200115, 20210301, 20220720], size=n).astype(np.int32)
    return v, dates


def test_prefix_pass_finds_the_exact_top(monkeypatch: pytest.MonkeyPatch) -> None:
    from assistant.index import dense

    monkeypatch.setattr(dense, "PREFIX_MIN_ROWS", 1000)
    v, dates = _clustered(5000)
    ids = [f"d{i}#0" for i in range(len(v))]
    two_pass = DenseMatrix(ids, v, dates, prefix_dims=24, rescore=400)
    full = DenseMatrix(ids, v, dates, prefix_dims=0)
    assert two_pass.prefix is not None and two_pass.prefix.shape == (5000, 24) and full.prefix is None
    recalls = []
    for qi in range(0, 5000, 250):
        q = v[qi]
        for window in ((None, None), (20210101, None)):
            a = [c for c, _ in two_pass.top(q, 20, *window)]
            b = [c for c, _ in full.top(q, 20, *window)]
            recalls.append(len(set(a) & set(b)) / 20)
    assert np.mean(recalls) >= 0.99
    # Scores are the full cosines, not the prefix's.
    cid, score = two_pass.top(v[5], 1)[0]
    assert abs(score - float(two_pass.vectors_of([cid])[cid] @ v[5])) < 1e-5


def test_prefix_cache_round_trip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from assistant.index import dense

    monkeypatch.setattr(dense, "PREFIX_MIN_ROWS", 100)
    v, dates = _clustered(300, dim=32)
    m = DenseMatrix([f"d{i}#0" for i in range(300)], v, dates, prefix_dims=8, rescore=50)
    m.save(tmp_path, "k")
    loaded = DenseMatrix.load(tmp_path, "k", prefix_dims=8, rescore=50)
    assert loaded is not None and isinstance(loaded.prefix, np.memmap)
    assert loaded.top(v[0], 10) == m.top(v[0], 10)
    other = DenseMatrix.load(tmp_path, "k", prefix_dims=16, rescore=50)  # another setting: computed anew
    assert other is not None and other.prefix.shape == (300, 16)


def test_updated_keeps_unchanged_rows_and_fetches_the_rest() -> None:
    m = _matrix(n=20)
    m.hashes = [f"h{i}" for i in range(20)]
    ids = m.ids[:15] + ["new#0"]  # five removed, one added
    hashes = m.hashes[:14] + ["changed", "hn"]  # one rewritten
    fresh = np.eye(32, dtype=np.float32)
    asked: list[list[str]] = []

    def fetch(wanted: list[str]) -> dict[str, np.ndarray]:
        asked.append(wanted)
        return {cid: fresh[i] for i, cid in enumerate(wanted)}

    dates = [int(d) for d in m.dates[:15]] + [20240101]
    new = m.updated(ids, hashes, dates, fetch)
    assert asked == [[m.ids[14], "new#0"]]  # only the rewritten and the new chunk are read
    assert sorted(new.ids) == sorted(ids) and len(new) == 16
    kept = new.vectors_of(m.ids[:14])
    assert all(np.array_equal(kept[c], m.vectors_of([c])[c]) for c in m.ids[:14])
    assert np.array_equal(new.vectors_of(["new#0"])["new#0"], fresh[1])
    with pytest.raises(ValueError):
        m.updated(["missing#0"], ["x"], [0], lambda wanted: {})


def test_sentence_vectors_cache_keeps_unchanged_blocks(tmp_path: Path) -> None:
    from assistant.index.sentences import SentenceVectors
    from assistant.index.store import StoredSentence

    rng = np.random.default_rng(5)
    store = {f"c{i}": [StoredSentence(f"c{i}:{j}", f"c{i}", f"s{j}", rng.normal(size=8).astype(np.float32),
                                      rng.normal(size=8).astype(np.float32)) for j in range(i % 4 + 1)]
             for i in range(30)}
    asked: list[str] = []

    def fetch(ids: list[str]) -> list[StoredSentence]:
        asked.extend(ids)
        return [r for cid in ids for r in reversed(store.get(cid, []))]  # any order: blocks are sorted

    ids = sorted(store)
    first = SentenceVectors.export(ids, [f"h{c}" for c in ids], fetch, tmp_path, "k1")
    assert sorted(asked) == ids and first.key == "k1"
    own, ctx = first.rows("c7")
    assert np.array_equal(own, np.stack([r.vector for r in store["c7"]]))
    assert np.array_equal(ctx, np.stack([r.context_vector for r in store["c7"]]))
    # The next build: c3 rewritten, c4 gone, c99 new; only those two are read.
    store["c3"] = store["c3"][:1]
    store["c99"] = [StoredSentence("c99:0", "c99", "new", np.ones(8, dtype=np.float32), np.zeros(8, dtype=np.float32))]
    now = [c for c in ids if c != "c4"] + ["c99"]
    hashes = ["changed" if c == "c3" else f"h{c}" for c in now]
    asked.clear()
    second = first.updated(now, hashes, fetch, tmp_path, "k2")
    assert sorted(asked) == ["c3", "c99"]
    assert SentenceVectors.load(tmp_path, "k1") is None and SentenceVectors.load(tmp_path, "k2") is not None
    for c in now:
        got, _ = second.rows(c)
        assert np.array_equal(got, np.stack([r.vector for r in store[c]]))
    assert "c4" not in second


def test_row_reader_reads_scattered_rows_and_blocks(tmp_path: Path) -> None:
    from assistant.index.cache import RowReader

    a = np.random.default_rng(2).normal(size=(500, 12)).astype(np.float32)
    np.save(tmp_path / "m.npy", a)
    r = RowReader(tmp_path / "m.npy")
    idx = [7, 8, 9, 499, 0, 250, 251, 3]
    assert r.shape == (500, 12) and np.array_equal(r.take(idx), a[idx]) and r.take([]).shape == (0, 12)
    assert np.array_equal(r.block(100, 140), a[100:140])
    r.close()
    r.close()  # idempotent
    np.save(tmp_path / "f64.npy", a.astype(np.float64))
    with pytest.raises(ValueError):
        RowReader(tmp_path / "f64.npy")


def test_loaded_matrix_reads_rows_without_the_map(tmp_path: Path) -> None:
    m = _matrix()
    m.save(tmp_path, "k")
    loaded = DenseMatrix.load(tmp_path, "k")
    assert loaded is not None and loaded.row_reader is not None
    q = m.vectors[11]
    assert loaded.top(q, 15) == m.top(q, 15) and loaded.top(q, 15, 20210101, None) == m.top(q, 15, 20210101, None)
    got = loaded.vectors_of(["d3#0", "d4#0", "nope"])
    assert set(got) == {"d3#0", "d4#0"} and np.array_equal(got["d4#0"], m.vectors_of(["d4#0"])["d4#0"])
