"""Search at 1k / 10k / 100k chunks: recall of the dense candidates against the exact top-k, search latency
with and without a date window, and retriever start-up, for Chroma's HNSW and Warta's exact matrix
(assistant/index/dense.py), measured side by side in one run on the same store.

Vectors: no model can embed 100k texts here in a bench's time, so chunk vectors are synthetic but shaped like
real ones: each is a normalised mix of two real sentence vectors from an existing Warta index (default
index/, built by `warta index`) plus noise; queries are other such mixes. Texts (for the keyword index and
start-up) are random runs of those real sentences. Dates are spread over 2019-2024, 5 % undated.

    .venv/bin/python bench/scale.py [--sizes 1000,10000,100000] [--source-index index] [--queries 50]
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import CACHE, REPO, log, machine, save, summary_ms  # noqa: E402

from assistant.index import manifest  # noqa: E402
from assistant.index.cache import CACHE as INDEX_CACHE, cache_key  # noqa: E402
from assistant.index.reader import IndexReader  # noqa: E402
from assistant.index.store import ChromaStore, date_key  # noqa: E402
from assistant.records import Chunk  # noqa: E402
from assistant.search.bm25 import KeywordIndex  # noqa: E402
from assistant.settings import Settings  # noqa: E402

K = 40  # the retriever's candidates per query (settings.candidates)
WINDOW = ("2021-01-01", "2021-12-31")


def source_sentences(index_dir: Path) -> tuple[list[str], np.ndarray]:
    store = ChromaStore(index_dir / "chroma")
    got = store.sentences.get(include=["documents", "embeddings"])
    store.client.close()
    return list(got["documents"]), np.asarray(got["embeddings"], dtype=np.float32)


def mixes(base: np.ndarray, n: int, rng: np.random.Generator) -> np.ndarray:
    a, b = rng.integers(0, len(base), n), rng.integers(0, len(base), n)
    w = rng.uniform(0.5, 0.9, (n, 1)).astype(np.float32)
    v = w * base[a] + (1 - w) * base[b] + rng.normal(0, 0.02, (n, base.shape[1])).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def synthetic_chunks(n: int, texts: list[str], rng: random.Random) -> list[Chunk]:
    chunks = []
    for i in range(n):
        sentences = tuple(rng.choice(texts) for _ in range(4))
        day = None if rng.random() < 0.05 else f"{rng.randint(2019, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        chunks.append(Chunk(chunk_id=f"s{i:06d}#0", doc_id=f"s{i:06d}", ordinal=0, text=" ".join(sentences),
                            sentences=sentences, title=f"synthetic {i}", published=day, source="bench",
                            language="id"))
    return chunks


def recall(found: list[str], exact: list[str]) -> float:
    return len(set(found) & set(exact)) / max(len(exact), 1)


def run_size(n: int, texts: list[str], base: np.ndarray, queries: np.ndarray, folder: Path) -> dict:
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    rng = np.random.default_rng(n)
    vectors = mixes(base, n, rng)
    chunks = synthetic_chunks(n, texts, random.Random(n))
    t0 = time.perf_counter()
    store = ChromaStore(folder / "chroma")
    store.upsert_chunks(chunks, ["h"] * n, vectors)
    insert_s = time.perf_counter() - t0
    settings = Settings(index_dir=folder)
    manifest.write(folder, settings, [], chunks)
    store.client.close()

    reader = IndexReader(settings)
    t0 = time.perf_counter()
    dense = reader.dense()  # no cache yet: exported from the store
    export_s = time.perf_counter() - t0
    lo, hi = date_key(WINDOW[0]), date_key(WINDOW[1])
    where = {"$and": [{"date": {"$gte": lo}}, {"date": {"$lte": hi}}]}
    out: dict = {"chunks": n, "chroma_insert_s": round(insert_s, 1), "matrix_export_s": round(export_s, 2)}
    for label, window in (("unfiltered", None), ("window_2021", (lo, hi))):
        rec_h, rec_x, t_h, t_x = [], [], [], []
        for q in queries:
            scores = vectors @ q
            if window:
                d = dense.dates
                allowed = np.flatnonzero((d >= lo) & (d <= hi))
                exact_rows = allowed[np.argsort(-scores[allowed])[:K]]
            else:
                exact_rows = np.argsort(-scores)[:K]
            exact = [chunks[int(r)].chunk_id for r in exact_rows]
            t0 = time.perf_counter()
            hnsw = reader.query(q, K, where if window else None)
            t_h.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            mine = dense.top(q, K, *(window or (None, None)))
            t_x.append(time.perf_counter() - t0)
            rec_h.append(recall([c for c, _ in hnsw], exact))
            rec_x.append(recall([c for c, _ in mine], exact))
        out[label] = {"hnsw": {"recall_at_40": round(float(np.mean(rec_h)), 3), "latency": summary_ms(t_h)},
                      "exact": {"recall_at_40": round(float(np.mean(rec_x)), 3), "latency": summary_ms(t_x)}}
    reader.close()

    # Start-up of a new process's retriever state: chunk records from the store, the keyword index, the
    # matrix (now from its cache, memory-mapped).
    reader = IndexReader(settings)
    t0 = time.perf_counter()
    records = reader.chunks()  # the first process of a build: from the store, then cached
    t1 = time.perf_counter()
    KeywordIndex.cached(folder / INDEX_CACHE, cache_key(folder), records)  # stems, then cached
    t2 = time.perf_counter()
    reader.close()
    reader = IndexReader(settings)  # every later process: the caches
    t3 = time.perf_counter()
    again = reader.chunks()
    t4 = time.perf_counter()
    KeywordIndex.cached(folder / INDEX_CACHE, cache_key(folder), again)
    t5 = time.perf_counter()
    cached = reader.dense()
    t6 = time.perf_counter()
    assert isinstance(cached.vectors, np.memmap) and len(cached) == n and len(again) == n
    reader.close()
    out["startup_s"] = {"first": {"chunks_from_store": round(t1 - t0, 2), "keyword_index_built": round(t2 - t1, 2),
                                  "matrix_export": out["matrix_export_s"]},
                        "cached": {"chunks": round(t4 - t3, 2), "keyword_index": round(t5 - t4, 3),
                                   "matrix": round(t6 - t5, 3), "total": round(t6 - t3, 2)}}
    log(f"{n}: {out}")
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--source-index", type=Path, default=REPO / "index")
    ap.add_argument("--queries", type=int, default=50)
    args = ap.parse_args()
    texts, base = source_sentences(args.source_index)
    if len(texts) < 50:
        sys.exit(f"{args.source_index} holds only {len(texts)} sentences: run `warta index` first")
    queries = mixes(base, args.queries, np.random.default_rng(7))
    results = {"machine": machine(), "source_sentences": len(texts), "k": K, "window": WINDOW,
               "sizes": [run_size(int(n), texts, base, queries, CACHE / f"scale-{n}")
                         for n in args.sizes.split(",")]}
    print(save("scale", results))


if __name__ == "__main__":
    main()
