"""Search latency against corpus size: Warta's retriever (query embedding + Chroma dense + BM25 + fusion)
at 1k, 10k and 100k chunks, unfiltered and with a one-year date-range filter, against a raw chromadb
query of the same vector with the same filter, in the same run.

Stores are synthetic: chunk texts are real news sentences (the haystack's Indonesian and English ones,
~60 words per chunk), vectors are random unit vectors (768 dims), dates uniform over 2018-2025. They are
written through Warta's own ChromaStore (same HNSW settings) and cached in bench/cache/query-store/.
The queries are the 20 dev-set questions, embedded for real by EmbeddingGemma each time (the embedder's
query cache is cleared before every search), so the query-embedding share is real.

Also reported: dense recall@40 of Chroma's HNSW against exact (numpy) top-40 over the same vectors,
unfiltered and filtered, and the retriever's start-up cost (loading all chunks, building BM25).

    .venv/bin/python bench/query.py [--sizes 1000,10000,100000] [--rounds 2]
"""

from __future__ import annotations

import argparse
import random
import sys
import shutil
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import haystack  # noqa: E402
from common import CACHE, DEV_QA, log, save, summary_ms  # noqa: E402

DIM = 768
WINDOW = ("2021-01-01", "2021-12-31")
CANDIDATES = 40


def sentence_pool() -> list[tuple[str, str]]:
    pool = [(s, "id") for s in haystack.indonesian_sentences()]
    for article in haystack.english_articles():
        pool += [(s, "en") for s in haystack._split_en(article)]
    return pool


def synthetic(n: int, pool: list[tuple[str, str]]):  # type: ignore[no-untyped-def]
    """n chunks, their vectors and dates; deterministic in n."""
    from assistant.records import Chunk

    rng = random.Random(n)
    vecs = np.random.default_rng(n).standard_normal((n, DIM), dtype=np.float32)
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    chunks = []
    for i in range(n):
        lang = "id" if i % 2 == 0 else "en"
        sents, words = [], 0
        while words < 60:
            s, l = pool[rng.randrange(len(pool))]
            if l != lang:
                continue
            sents.append(s)
            words += len(s.split())
        published = f"{rng.randint(2018, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        doc = f"syn{i // 3:06d}"
        chunks.append(Chunk(chunk_id=f"{doc}#{i % 3}", doc_id=doc, ordinal=i % 3, text=" ".join(sents),
                            sentences=tuple(sents), title=sents[0][:60], published=published, source="synthetic",
                            language=lang))  # type: ignore[arg-type]
    return chunks, vecs


def open_store(n: int, pool: list[tuple[str, str]]):  # type: ignore[no-untyped-def]
    from assistant.index.store import ChromaStore

    chunks, vecs = synthetic(n, pool)
    folder = CACHE / "query-store" / f"n{n}" / "chroma"  # the layout an IndexReader opens
    store = ChromaStore(folder)
    if store.count() != n:
        log(f"writing {n} synthetic chunks into Chroma (cached for next time)")
        del store
        shutil.rmtree(folder, ignore_errors=True)
        store = ChromaStore(folder)
        t0 = time.perf_counter()
        for start in range(0, n, 5000):
            part = slice(start, start + 5000)
            store.upsert_chunks(chunks[part], ["syn"] * len(chunks[part]), vecs[part])
        log(f"  {n / (time.perf_counter() - t0):.0f} vectors/s")
    return store, chunks, vecs


def exact_top(vecs: np.ndarray, mask: np.ndarray | None, q: np.ndarray, n: int) -> set[int]:
    sims = vecs @ q
    if mask is not None:
        sims = np.where(mask, sims, -np.inf)
    return set(np.argsort(-sims)[:n].tolist())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--rounds", type=int, default=2, help="passes over the 20 questions per mode")
    a = ap.parse_args()

    from assistant.eval import questions as ev
    from assistant.backends.embed import make_embedder
    from assistant.index.reader import IndexReader
    from assistant.search.hybrid import Retriever
    from assistant.search.query import read_query
    from assistant.settings import Settings
    from assistant.index.store import date_key, date_where

    settings = Settings(index_dir=CACHE / "query-store" / "unused")
    embedder = make_embedder(settings)
    embedder.encode_query("warm-up")
    questions = [q.question for q in ev.load_questions(DEV_QA)]
    pool = sentence_pool()
    where = date_where(*WINDOW)
    lo, hi = date_key(WINDOW[0]), date_key(WINDOW[1])

    def fresh_query(text: str) -> None:
        cache = getattr(embedder, "_query_cache", None)
        if cache is not None:
            cache.clear()

    results = {}
    for n in [int(x) for x in a.sizes.split(",")]:
        store, chunks, vecs = open_store(n, pool)
        id_of = {c.chunk_id: i for i, c in enumerate(chunks)}
        mask = np.array([lo <= date_key(c.published) <= hi for c in chunks])
        t0 = time.perf_counter()
        reader = IndexReader(settings.model_copy(update={"index_dir": CACHE / "query-store" / f"n{n}"}))
        reader._store = store  # the synthetic store has no manifest: skip the check, reuse the open handle
        retriever = Retriever(settings, reader, embedder)
        startup_s = time.perf_counter() - t0
        log(f"n={n}: retriever ready in {startup_s:.1f} s")
        row = {"chunks": n, "in_window": int(mask.sum()), "retriever_startup_s": round(startup_s, 2)}
        for mode, filt in (("unfiltered", None), ("date_filter", where)):
            warta_total, warta_embed, warta_rest, parts = [], [], [], {"dense": [], "keyword": [], "fuse": []}
            raw, recall = [], []
            for _ in range(a.rounds):
                for q in questions:
                    fresh_query(q)
                    dates = WINDOW if filt else (None, None)
                    t1 = time.perf_counter()
                    result = retriever.search(read_query(q, settings, k=settings.top_k, date_from=dates[0],
                                                         date_to=dates[1]))
                    total = time.perf_counter() - t1
                    tm = result.timings_ms
                    warta_total.append(total)
                    warta_embed.append(tm["embed_query"] / 1000)
                    warta_rest.append(total - tm["embed_query"] / 1000)
                    for k in parts:
                        parts[k].append(tm[k] / 1000)
                    vector = embedder.encode_query(q)  # cached now: the same vector
                    t1 = time.perf_counter()
                    got = store.chunks.query(query_embeddings=[vector], n_results=CANDIDATES, where=filt,
                                             include=["distances"])
                    raw.append(time.perf_counter() - t1)
                    truth = exact_top(vecs, mask if filt else None, vector, CANDIDATES)
                    found = {id_of[c] for c in got["ids"][0]}
                    recall.append(len(found & truth) / len(truth))
            s_total, s_raw = summary_ms(warta_total), summary_ms(raw)
            s_rest = summary_ms(warta_rest)
            row[mode] = {
                "warta_search_ms": s_total,
                "warta_without_embedding_ms": s_rest,
                "query_embedding_ms": summary_ms(warta_embed),
                "parts_p50_ms": {k: summary_ms(v)["p50"] for k, v in parts.items()},
                "raw_chroma_query_ms": s_raw,
                "query_embedding_share_p50": round(float(np.median(np.array(warta_embed) / np.array(warta_total))), 3),
                "warta_vs_raw_chroma_p50": round(s_total["p50"] / s_raw["p50"], 2),
                "warta_without_embedding_vs_raw_chroma_p50": round(s_rest["p50"] / s_raw["p50"], 2),
                "chroma_dense_recall@40_vs_exact": round(float(np.mean(recall)), 3),
            }
            log(f"n={n} {mode}: warta p50 {s_total['p50']} ms, raw chroma p50 {s_raw['p50']} ms")
        results[str(n)] = row
        del retriever, store
    save("query", {"dim": DIM, "window": WINDOW, "candidates": CANDIDATES, "k": settings.top_k,
                   "queries_per_mode": a.rounds * len(questions), "sizes": results,
                   "notes": "synthetic random unit vectors and real-sentence texts; embedder query cache cleared "
                            "before every Warta search"})


if __name__ == "__main__":
    main()
