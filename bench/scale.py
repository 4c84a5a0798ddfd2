"""Search at 1k / 10k / 100k chunks: recall against the exact top-k and latency, unfiltered and for date
windows of a week, a month, a year and all (dated) time; Warta's engine (index.dense + index.keyword, the
candidate stage of every search) and raw Chroma (its HNSW query, with a `where` filter for a window) side by
side in one run on the same store; a worker's start-up from the caches; the caches' refresh after an add;
and the resident memory of a worker holding the index (and the LLM, when installed).

Real text: the FacQA corpus's 1,355 real news passages (../shared/eval/facqa, nobody here wrote them),
embedded once by Warta's own embedder (cached in bench/cache/scale-base.npz). No model can embed 100k texts
here in a bench's time, so a chunk is a run of four such passages, its vector their normalised mean plus
a little noise (shaped like a real chunk vector: near its sentences'); a query is one passage's vector
mixed with another's. Dates are spread over 2019-2024, 5 % undated.

    .venv/bin/python bench/scale.py [--sizes 1000,10000,100000] [--queries 40]
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import CACHE, REPO, log, machine, save, summary_ms  # noqa: E402

from assistant.index import manifest, table  # noqa: E402
from assistant.index.cache import CACHE as INDEX_CACHE, cache_key  # noqa: E402
from assistant.index.dense import DenseMatrix  # noqa: E402
from assistant.index.reader import IndexReader  # noqa: E402
from assistant.index.sentences import SentenceVectors  # noqa: E402
from assistant.index.store import ChromaStore, StoredSentence, date_key  # noqa: E402
from assistant.records import Chunk  # noqa: E402
from assistant.index.keyword import KeywordIndex  # noqa: E402
from assistant.text.stems import query_tokens  # noqa: E402
from assistant.search.hybrid import Retriever  # noqa: E402
from assistant.search.query import read_query  # noqa: E402
from assistant.settings import Settings  # noqa: E402

K = 40  # the retriever's candidates per query (settings.candidates)
PASSAGES = REPO / "tests" / "data" / "facqa" / "passages.jsonl"  # a byte-for-byte copy of ../shared/eval/facqa
WINDOWS = {"unfiltered": None, "week": ("2022-03-07", "2022-03-13"), "month": ("2022-03-01", "2022-03-31"),
           "year": ("2022-01-01", "2022-12-31"), "all_dated": ("0001-01-01", "9999-12-31")}


def base_passages() -> tuple[list[str], np.ndarray]:
    texts = [json.loads(line)["text"] for line in PASSAGES.read_text(encoding="utf-8").splitlines() if line.strip()]
    path = CACHE / "scale-base.npz"
    if path.is_file():
        with np.load(path) as got:
            if int(got["n"]) == len(texts):
                return texts, got["vectors"]
    from assistant.backends.embed import make_embedder

    log(f"embedding {len(texts)} real passages once (cached in {path})")
    vectors = make_embedder(Settings()).encode_documents(texts).astype(np.float32)
    CACHE.mkdir(parents=True, exist_ok=True)
    np.savez(path, n=len(texts), vectors=vectors)
    return texts, vectors


def unit(v: np.ndarray) -> np.ndarray:
    return (v / np.linalg.norm(v, axis=-1, keepdims=True)).astype(np.float32)


def corpus(n: int, texts: list[str], base: np.ndarray) -> tuple[list[Chunk], np.ndarray, np.ndarray]:
    rng = np.random.default_rng(n)
    pick = rng.integers(0, len(texts), (n, 4))
    vectors = unit(base[pick].mean(axis=1) + rng.normal(0, 0.01, (n, base.shape[1])).astype(np.float32))
    r = random.Random(n)
    chunks = []
    for i in range(n):
        sentences = tuple(texts[j] for j in pick[i])
        day = None if r.random() < 0.05 else f"{r.randint(2019, 2024)}-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}"
        chunks.append(Chunk(chunk_id=f"s{i:06d}#0", doc_id=f"s{i:06d}", ordinal=0, text=" ".join(sentences),
                            sentences=sentences, title=f"synthetic {i}", published=day, source="bench",
                            language="id"))
    return chunks, vectors, pick


def sentence_rows(pick: np.ndarray, base: np.ndarray, texts: list[str]) -> Callable[[list[str]], list[StoredSentence]]:
    """The store's sentences of synthetic chunks: each sentence's own vector is its passage's real vector, its
    in-context vector the normalised sum with its predecessor's (what the indexer stores, shaped alike)."""
    def fetch(ids: list[str]) -> list[StoredSentence]:
        out = []
        for cid in ids:
            i = int(cid[1:7])
            for j, p in enumerate(pick[i]):
                ctx = base[p] if j == 0 else unit(base[pick[i, j - 1]] + base[p])
                out.append(StoredSentence(f"{cid}:{j}", cid, texts[p], base[p], ctx))
        return out
    return fetch


class GivenVectors:
    """An embedder that returns the bench's query vectors: search time is measured beyond the embedding."""

    def __init__(self, vectors: dict[str, np.ndarray]) -> None:
        self.vectors = vectors

    def encode_query(self, text: str) -> np.ndarray:
        return self.vectors[text]

    def encode_documents(self, texts: list[str]) -> np.ndarray:
        return np.stack([self.vectors[t] for t in texts])


def queries(texts: list[str], base: np.ndarray, n: int) -> tuple[list[str], np.ndarray]:
    rng = np.random.default_rng(7)
    a, b = rng.integers(0, len(texts), n), rng.integers(0, len(texts), n)
    return [texts[i] for i in a], unit(0.8 * base[a] + 0.2 * base[b])


def recall(found: list[str], exact: list[str]) -> float:
    return len(set(found) & set(exact)) / max(len(exact), 1)


def build_store(n: int, chunks: list[Chunk], vectors: np.ndarray, folder: Path) -> tuple[Settings, float]:
    """The Chroma store of these chunks, reused when an earlier run left it complete (insertion takes ~20
    minutes at 100k)."""
    settings = Settings(index_dir=folder)
    marker = folder / "complete"
    if marker.is_file() and marker.read_text() == str(n):
        return settings, float("nan")
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    t0 = time.perf_counter()
    store = ChromaStore(folder / "chroma")
    store.upsert_chunks(chunks, [f"h{i}" for i in range(n)], vectors)
    store.client.close()
    insert_s = time.perf_counter() - t0
    manifest.write(folder, settings, [], chunks)
    marker.write_text(str(n))
    return settings, insert_s


def run_size(n: int, texts: list[str], base: np.ndarray, qtexts: list[str], qvecs: np.ndarray) -> dict:
    folder = CACHE / f"scale-{n}"
    chunks, vectors, pick = corpus(n, texts, base)
    settings, insert_s = build_store(n, chunks, vectors, folder)
    shutil.rmtree(folder / INDEX_CACHE, ignore_errors=True)
    out: dict = {"chunks": n, "chroma_insert_s": None if insert_s != insert_s else round(insert_s, 1)}

    # The first process of a build (what `warta index` now does once, in Indexer._refresh_caches).
    reader = IndexReader(settings)
    t0 = time.perf_counter()
    tab = reader.table()
    t1 = time.perf_counter()
    keyword = KeywordIndex.cached(folder / INDEX_CACHE, cache_key(folder), tab.ids, tab.values)
    t2 = time.perf_counter()
    dense = reader.dense()
    t3 = time.perf_counter()
    hash_of = dict(zip(dense.ids, dense.hashes))
    SentenceVectors.export(tab.ids, [hash_of[c] for c in tab.ids], sentence_rows(pick, base, texts), folder, cache_key(folder))
    t4 = time.perf_counter()
    out["first_build_s"] = {"table_from_store": round(t1 - t0, 2), "keyword_index_stemmed": round(t2 - t1, 2),
                            "matrix_from_store": round(t3 - t2, 2), "sentence_vectors_written": round(t4 - t3, 2)}
    retriever = Retriever(settings, reader, GivenVectors(dict(zip(qtexts, qvecs))))

    dates = np.asarray([date_key(c.published) for c in chunks], dtype=np.int32)
    qtokens = [tuple(query_tokens(t)) for t in qtexts]
    for label, window in WINDOWS.items():
        lo, hi = (date_key(window[0]) or 1, date_key(window[1])) if window else (None, None)
        where = {"$and": [{"date": {"$gte": lo}}, {"date": {"$lte": hi}}]} if window else None
        inside = np.flatnonzero((dates != 0) & (dates >= lo) & (dates <= hi)) if window else np.arange(n)
        rec = {"chroma": [], "warta": []}
        took = {"chroma": [], "warta_dense": [], "warta_dense_keyword": [], "warta_search": []}
        for q, tok in zip(qvecs, qtokens):
            scores = vectors[inside] @ q
            exact = [chunks[int(r)].chunk_id for r in inside[np.argsort(-scores)[:K]]]
            t0 = time.perf_counter()
            hnsw = reader.query(q, K, where)
            took["chroma"].append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            mine = dense.top(q, K, lo, hi)
            t1 = time.perf_counter()
            keyword.search(tok, K, window=(lo, hi) if window else None)
            t2 = time.perf_counter()
            took["warta_dense"].append(t1 - t0)
            took["warta_dense_keyword"].append(t2 - t0)
            # The whole hybrid search (dense, keyword, best-sentence fusion, records), minus the embedding.
            query = read_query(qtexts[len(took["warta_search"])], settings, date_from=window[0] if window else None,
                               date_to=window[1] if window else None)
            result = retriever.search(query)
            took["warta_search"].append((result.timings_ms["total"] - result.timings_ms["embed_query"]) / 1000)
            rec["chroma"].append(recall([c for c, _ in hnsw], exact))
            rec["warta"].append(recall([c for c, _ in mine], exact))
        out[label] = {"chunks_in_window": int(inside.size),
                      "chroma_hnsw": {"recall_at_40": round(float(np.mean(rec["chroma"])), 3),
                                      "latency_ms": summary_ms(took["chroma"])},
                      "warta": {"recall_at_40": round(float(np.mean(rec["warta"])), 3),
                                "dense_latency_ms": summary_ms(took["warta_dense"]),
                                "dense_and_keyword_latency_ms": summary_ms(took["warta_dense_keyword"]),
                                "hybrid_search_latency_ms": summary_ms(took["warta_search"])}}
        log(f"{n} {label}: {out[label]}")
    reader.close()

    # Every later process: a worker's start-up from the caches, in a new process (imports included apart).
    started = time.time()
    out["startup_s"] = json.loads(subprocess.run(
        [sys.executable, __file__, "--worker", str(folder)], capture_output=True, text=True, check=True).stdout)
    out["startup_s"]["process_start_to_ready"] = round(out["startup_s"].pop("ready_at") - started, 2)
    out["startup_s"]["process_start_to_ready_beyond_model_loading"] = round(
        out["startup_s"]["process_start_to_ready"] - out["startup_s"]["embedder_load"], 2)

    # An add of ten articles at this size: the caches' refresh as the builder does it.
    out["refresh_after_add_s"] = refresh_after_add(settings, folder, chunks, vectors, sentence_rows(pick, base, texts))
    log(f"{n}: {out}")
    return out


def refresh_after_add(settings: Settings, folder: Path, chunks: list[Chunk], vectors: np.ndarray,
                      fetch: Callable[[list[str]], list[StoredSentence]]) -> dict:
    # On a copy of the caches: the build's own stay as they are for later readers (and later runs).
    scratch = folder.parent / f"{folder.name}-add"
    shutil.rmtree(scratch, ignore_errors=True)
    shutil.copytree(folder / INDEX_CACHE, scratch / INDEX_CACHE)
    rng = np.random.default_rng(1)
    new = [Chunk(chunk_id=f"new{i}#0", doc_id=f"new{i}", ordinal=0, text=chunks[i].text + " Tambahan.",
                 sentences=chunks[i].sentences, title="new", published="2024-06-01", source="bench", language="id")
           for i in range(10)]
    new_vectors = unit(vectors[:10] + rng.normal(0, 0.01, vectors[:10].shape).astype(np.float32))
    ordered = sorted(chunks + new, key=lambda c: (c.doc_id, c.ordinal))
    fetched = {c.chunk_id: v for c, v in zip(new, new_vectors)}
    old = DenseMatrix.load(scratch, None)
    assert old is not None
    t0 = time.perf_counter()
    table.write(scratch / INDEX_CACHE, "after-add", ordered)
    t1 = time.perf_counter()
    kw = KeywordIndex.cached(scratch / INDEX_CACHE, "after-add", [c.chunk_id for c in ordered], lambda: ordered)
    t2 = time.perf_counter()
    hashes = {cid: h for cid, h in zip(old.ids, old.hashes)}
    m = old.updated([c.chunk_id for c in ordered], [hashes.get(c.chunk_id, "new") for c in ordered],
                    [date_key(c.published) for c in ordered], lambda ids: {i: fetched[i] for i in ids})
    m.save(scratch, "after-add")
    t3 = time.perf_counter()
    old_sentences = SentenceVectors.load(scratch, None)
    assert old_sentences is not None
    donor = {c.chunk_id: chunks[i].chunk_id for i, c in enumerate(new)}  # a new chunk has its donor's sentences

    def fetch_new(ids: list[str]) -> list[StoredSentence]:
        return [StoredSentence(f"{cid}:{r.sentence_id.rsplit(':', 1)[1]}", cid, r.text, r.vector, r.context_vector)
                for cid in ids for r in fetch([donor[cid]])]

    old_sentences.updated([c.chunk_id for c in ordered], [hashes.get(c.chunk_id, "new") for c in ordered], fetch_new,
                          scratch, "after-add")
    t4 = time.perf_counter()
    result = {"chunk_table": round(t1 - t0, 2), "keyword_index": round(t2 - t1, 2), "stemmed": kw.stemmed,
            "matrix": round(t3 - t2, 2), "sentence_vectors": round(t4 - t3, 2), "total": round(t4 - t0, 2)}
    shutil.rmtree(scratch, ignore_errors=True)
    return result


def worker(folder: Path) -> None:
    """A worker's start-up from this build's caches, then its memory holding the index, the embedding model
    and (when installed) the LLM, after real searches."""
    from assistant.backends.embed import make_embedder

    t1 = time.perf_counter()
    settings = Settings(index_dir=folder)
    reader = IndexReader(settings)
    embedder = make_embedder(settings)
    t_model = time.perf_counter()
    retriever = Retriever(settings, reader, embedder)
    t2 = time.perf_counter()
    ready_at = time.time()
    assert retriever.keyword.stemmed == 0 and len(reader.dense()) == len(retriever.chunks)
    texts = [json.loads(line)["text"][:150] for line in PASSAGES.read_text(encoding="utf-8").splitlines()[:20]]
    for i, text in enumerate(texts):  # touch the index as searches do, with and without a window
        window = ("2022-01-01", "2022-12-31") if i % 2 else (None, None)
        retriever.search(read_query(text, settings, date_from=window[0], date_to=window[1]))
    rss_index = peak_rss_mb()
    llm = None
    try:
        from assistant.backends.llm import llama_available, make_local_chat

        if llama_available():
            llama = make_local_chat(Settings()).load()
            llama.create_completion("Indonesia dan Rusia menandatangani", max_tokens=8)  # weights paged in
            llm = "loaded, 8 tokens generated"
    except Exception as e:  # noqa: BLE001 - the bench reports it
        llm = f"not loaded: {e}"
    print(json.dumps({"ready_at": ready_at, "embedder_load": round(t_model - t1, 2),
                      "index_from_caches": round(t2 - t_model, 3),
                      "peak_rss_mb_index_and_embedder": rss_index, "peak_rss_mb_with_llm": peak_rss_mb(),
                      "rss_mb_with_llm_after_generating": rss_mb("VmRSS:"),
                      # Anonymous: the process's own memory. File: mapped pages of the index files and the model
                      # (clean page cache, shared, dropped by the kernel under pressure; counted in RSS).
                      "rss_anon_mb_with_llm": rss_mb("RssAnon:"), "rss_file_mb_with_llm": rss_mb("RssFile:"),
                      "llm": llm}))


def peak_rss_mb() -> float:
    """This process's peak resident memory (VmHWM; ru_maxrss would carry the parent's peak across exec)."""
    return rss_mb("VmHWM:")


def rss_mb(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field):
            return round(int(line.split()[1]) / 1024, 1)
    return float("nan")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--queries", type=int, default=40)
    ap.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        return worker(args.worker)
    texts, base = base_passages()
    qtexts, qvecs = queries(texts, base, args.queries)
    results = {"machine_at_start": machine(), "base_passages": len(texts), "k": K,
               "windows": {k: v for k, v in WINDOWS.items() if v}, "sizes": []}
    for n in args.sizes.split(","):
        results["sizes"].append(run_size(int(n), texts, base, qtexts, qvecs))
    print(save("scale", results))


if __name__ == "__main__":
    main()
