"""Indexing speed: Warta's end-to-end `index` rate against the raw embedding model on the same texts, in
one run, with the same loaded model (its load time is reported apart and excluded from both).

Corpus: the 5 seeds plus the first N Indonesian and N English distractors of the haystack (default 15 + 15)
copied into bench/cache/ingest-corpus/. Steps, in this order:
  1. index: `Warta.index(rebuild=True)` on a fresh index folder (ingest, cleaning, chunking, embedding,
     Chroma writes, manifest), with the embedder wrapped to record every batch it is given;
  2. raw: the same batches replayed through the raw model: its own rate, no pipeline;
  3. no-change re-index (`Warta.index()` again: must embed nothing);
  4. one-file edit (a paragraph appended to one distractor) and re-index: what gets embedded, how long;
  5. formats: documents/s of read + clean alone for each format (HTML, RSS, Atom, PDF, DOCX, text).
Ratio: index chunks/s over raw chunks/s on identical work; overhead: index time outside the model.

    [WARTA_SENTENCE_VECTORS=late] .venv/bin/python bench/ingest.py [--per-lang 15] [--formats-only] [--no-near-duplicates]
    (late: saved as ingest-late.json; the chunks-once rate is the raw model encoding every chunk once)
    .venv/bin/python bench/ingest.py --near-duplicates-only [--sizes 10000 100000]

Near-duplicate detection (`near_duplicate_cost`, index.syndication): its cost at 10k and 100k synthetic
documents (12 sentences each, drawn from the FacQA passages and the seeds; one in ten a lightly edited copy
of an earlier one), cold (MinHash signatures + LSH inserts and queries) and warm (signatures from the cache,
as every later `warta index` runs), per document, beside the embedding cost per document of the same run
(with --near-duplicates-only: the 5 seeds indexed once through the real pipeline).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import haystack  # noqa: E402
from common import CACHE, REPO, SEEDS, log, save  # noqa: E402


def build_corpus(per_lang: int) -> Path:
    src = haystack.build()
    folder = CACHE / "ingest-corpus"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for p in sorted(SEEDS.glob("*.txt")):
        shutil.copy2(p, folder / p.name)
    for prefix in ("hs_id_", "hs_en_"):
        for p in sorted(src.glob(f"{prefix}*.txt"))[:per_lang]:
            shutil.copy2(p, folder / p.name)
    return folder


class RecordingEmbedder:
    """Passes through to the real embedder, recording every batch of documents and the time spent in it."""

    def __init__(self, inner) -> None:  # type: ignore[no-untyped-def]
        self.inner = inner
        self.name, self.dim = inner.name, inner.dim
        self.batches: list[list[str]] = []
        self.span_batches = 0
        self.seconds = 0.0

    def encode_documents(self, texts: list[str]):  # type: ignore[no-untyped-def]
        t0 = time.perf_counter()
        out = self.inner.encode_documents(texts)
        self.seconds += time.perf_counter() - t0
        self.batches.append(list(texts))
        return out

    def encode_spans(self, texts, spans):  # type: ignore[no-untyped-def]
        """The late path: one forward pass per chunk (recorded as a batch of its chunk texts)."""
        t0 = time.perf_counter()
        out = self.inner.encode_spans(texts, spans)
        self.seconds += time.perf_counter() - t0
        self.batches.append(list(texts))
        self.span_batches += 1
        return out

    def encode_query(self, text: str):  # type: ignore[no-untyped-def]
        return self.inner.encode_query(text)


def format_read_rates(copies: int = 20) -> dict[str, dict[str, float]]:
    """Documents/s of reading + cleaning alone (no chunking, no embedding) for each format Warta reads: the
    five seeds rendered as news pages, RSS and Atom feeds, PDF and DOCX releases (tests/format_fixtures.py,
    real writers), each file copied `copies` times, read through corpus.read + corpus.clean."""
    sys.path.insert(0, str(REPO / "tests"))
    import format_fixtures  # noqa: PLC0415

    from assistant.corpus.clean import clean
    from assistant.corpus.read import read_corpus

    gs = format_fixtures.goldens()  # also loads the language detector and word tables: not timed below
    out: dict[str, dict[str, float]] = {}
    for fmt in ("text",) + format_fixtures.FORMATS:
        folder = CACHE / "ingest-formats" / fmt
        shutil.rmtree(folder, ignore_errors=True)
        if fmt == "text":
            folder.mkdir(parents=True)
            for p in sorted(SEEDS.glob("*.txt")):
                shutil.copy2(p, folder / p.name)
        else:
            format_fixtures.write_corpus(fmt, folder, gs)
        for p in sorted(folder.iterdir()):  # copies: other names (feeds: the same entries, so other links)
            raw = p.read_bytes()
            for i in range(1, copies):
                copy = raw.replace(b"/read/", f"/read/c{i}-".encode()) if fmt in ("rss", "atom") else raw
                (folder / f"{p.stem}-c{i}{p.suffix}").write_bytes(copy)
        t0 = time.perf_counter()
        sources, problems = read_corpus(folder, max_mb=10)
        docs = [clean(s) for s in sources]
        seconds = time.perf_counter() - t0
        out[fmt] = {"documents": len(docs), "seconds": round(seconds, 3), "documents_per_s": round(len(docs) / seconds, 1),
                    "problems": len([p for p in problems if p.severity == "error"])}
        log(f"{fmt}: {len(docs)} documents read and cleaned in {seconds:.2f} s")
    return out


def _synthetic_docs(n: int, seed: int = 11) -> tuple[list, dict[str, str]]:
    """n Documents of 12 sentences from real news text; one in ten a light edit of an earlier one (a new
    first-sentence dateline, two sentences swapped, one sentence added). -> (docs, copy id -> its original)."""
    import json
    import random

    from assistant.records import Document
    from assistant.text.sentences import split_sentences

    rng = random.Random(seed)
    texts = [json.loads(line)["text"] for line in (REPO / "tests/data/facqa/passages.jsonl").read_text().splitlines()]
    texts += [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    pool = [s for t in texts for s in split_sentences(" ".join(t.split())) if len(s.split()) >= 6]
    docs: list = []
    planted: dict[str, str] = {}
    for i in range(n):
        if i >= 10 and rng.random() < 0.1:
            original = docs[rng.randrange(len(docs))]
            sentences = list(original.paragraphs)
            sentences[0] = "JAKARTA, Outlet Lain - " + sentences[0]
            sentences[2], sentences[3] = sentences[3], sentences[2]
            sentences.insert(5, rng.choice(pool))
            planted[f"d{i}"] = original.doc_id
        else:
            sentences = rng.sample(pool, 12)
        docs.append(Document(doc_id=f"d{i}", title=f"Berita {i}", published=f"2025-01-{1 + i % 28:02d}",
                             source="Outlet", byline=None, language="id", paragraphs=tuple(sentences)))
    return docs, planted


def near_duplicate_cost(sizes: list[int], embed_s_per_doc: float | None) -> dict:
    """Cold and warm cost of index.syndication.find_copies at each size, per document, and how that compares
    with embedding one document (the bottleneck it must stay far below)."""
    import tempfile

    from assistant.index import syndication as syn

    out: dict = {"settings": {"shingle": syn.SHINGLE, "num_perm": syn.NUM_PERM, "lsh_threshold": syn.LSH_THRESHOLD,
                              "match_jaccard": syn.MATCH_JACCARD, "match_contained": syn.MATCH_CONTAINED},
                 "embedding_s_per_doc": round(embed_s_per_doc, 3) if embed_s_per_doc else None, "sizes": {}}
    for n in sizes:
        log(f"near-duplicates: {n} documents")
        docs, planted = _synthetic_docs(n)
        with tempfile.TemporaryDirectory() as tmp:
            cache = syn.SignatureCache(Path(tmp))
            t0 = time.perf_counter()
            found = syn.find_copies(docs, cache)
            cold = time.perf_counter() - t0
            cache.save()
            size = (Path(tmp) / syn.CACHE_FILE).stat().st_size
            t0 = time.perf_counter()
            warm_cache = syn.SignatureCache(Path(tmp))
            load = time.perf_counter() - t0
            t0 = time.perf_counter()
            again = syn.find_copies(docs, warm_cache)
            warm = time.perf_counter() - t0
        assert again == found

        def root(doc_id: str) -> str:  # a copy may be made from a copy: its release is the first original
            while doc_id in planted:
                doc_id = planted[doc_id]
            return doc_id

        # Right when grouped with its own release (whichever member the dates made canonical).
        correct = sum(1 for d, c in found.items() if root(d) == root(c.canonical))
        row = {"documents": n, "planted_copies": len(planted), "found": len(found), "found_correct": correct,
               "false_groupings": len(found) - correct, "cold_s": round(cold, 2),
               "cold_ms_per_doc": round(cold / n * 1000, 3), "warm_s": round(warm, 2),
               "warm_ms_per_doc": round(warm / n * 1000, 3), "cache_load_s": round(load, 2),
               "cache_mb": round(size / 1048576, 1)}
        if embed_s_per_doc:
            row["embedding_over_cold_per_doc"] = round(embed_s_per_doc / (cold / n), 1)
        out["sizes"][str(n)] = row
        log(json.dumps(row))
    return out


def _embed_seconds_per_doc() -> float:
    """The 5 seeds indexed once through the real pipeline (a fresh index): seconds per document."""
    from assistant.service import Warta
    from assistant.settings import Settings

    index_dir = CACHE / "ingest-nd-index"
    shutil.rmtree(index_dir, ignore_errors=True)
    warta = Warta(Settings(corpus_dir=SEEDS, index_dir=index_dir))
    warta.embedder.encode_documents(["warm-up"])  # the model's load is not the per-document cost
    t0 = time.perf_counter()
    report = warta.index(rebuild=True, progress=False)
    return (time.perf_counter() - t0) / report.documents


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--per-lang", type=int, default=15, help="distractor articles per language")
    ap.add_argument("--formats-only", action="store_true", help="only the per-format read+clean rates (no model)")
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000], help="near-duplicate bench sizes")
    ap.add_argument("--no-near-duplicates", action="store_true", help="skip the near-duplicate cost (minutes at 100k)")
    ap.add_argument("--near-duplicates-only", action="store_true",
                    help="only the near-duplicate cost (embedding cost per document from the 5 seeds)")
    a = ap.parse_args()
    if a.formats_only:
        save("ingest-formats", {"formats_read_clean": format_read_rates()})
        return
    if a.near_duplicates_only:
        save("ingest-near-duplicates", near_duplicate_cost(a.sizes, _embed_seconds_per_doc()))
        return

    from assistant.backends.embed import make_embedder
    from assistant.service import Warta
    from assistant.settings import Settings

    corpus = build_corpus(a.per_lang)
    index_dir = CACHE / "ingest-index"
    shutil.rmtree(index_dir, ignore_errors=True)
    settings = Settings(corpus_dir=corpus, index_dir=index_dir)

    t0 = time.perf_counter()
    embedder = make_embedder(settings)
    embedder.encode_documents(["warm-up"])
    load_s = time.perf_counter() - t0

    log("index (rebuild)")
    recorder = RecordingEmbedder(embedder)
    warta = Warta(settings, embedder=recorder)
    t0 = time.perf_counter()
    report = warta.index(rebuild=True, progress=False)
    index_s = time.perf_counter() - t0
    texts = sum(len(b) for b in recorder.batches)
    log(f"{report.documents} documents, {report.chunks} chunks, {texts} texts embedded")

    log("raw encode of the same batches")
    t0 = time.perf_counter()
    for batch in recorder.batches:
        if recorder.span_batches:  # late: replaying needs the spans; the chunks-once rate below is the measure
            break
        embedder.encode_documents(batch)
    raw_s = time.perf_counter() - t0 if not recorder.span_batches else recorder.seconds

    # The yardstick: the raw model encoding every chunk once (what the plain LangChain recipe does).
    with warta._using() as view:
        chunk_texts = [c.text for c in view.retriever.chunks.values()]
    log(f"raw encode of the {len(chunk_texts)} chunks, once each")
    t0 = time.perf_counter()
    embedder.encode_documents(chunk_texts)
    raw_once_s = time.perf_counter() - t0

    log("re-index, nothing changed")
    t0 = time.perf_counter()
    again = warta.index(progress=False)
    noop_s = time.perf_counter() - t0

    log("re-index after editing one file")
    edited = sorted(corpus.glob("hs_id_*.txt"))[0]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nParagraf tambahan ini ditulis untuk mengukur "
                      "pengindeksan ulang satu berkas yang berubah.\n", encoding="utf-8")
    recorder.batches.clear()
    t0 = time.perf_counter()
    edit = warta.index(progress=False)
    edit_s = time.perf_counter() - t0

    n = report.chunks
    near = None if a.no_near_duplicates else near_duplicate_cost(a.sizes, index_s / report.documents)
    save("ingest" if settings.sentence_vectors == "separate" else f"ingest-{settings.sentence_vectors}", {
        "near_duplicates": near,
        "corpus": {"folder": str(corpus.relative_to(REPO)), "documents": report.documents, "chunks": n,
                   "embedded_texts": texts, "embedded_texts_per_chunk": round(texts / n, 2)},
        "model_load_s": round(load_s, 2),
        "index": {"seconds": round(index_s, 2), "chunks_per_s": round(n / index_s, 3),
                  "inside_embedder_s": round(recorder.seconds, 2), "embedded": report.embedded},
        "raw_encode_same_batches": {"seconds": round(raw_s, 2), "chunks_per_s": round(n / raw_s, 3),
                                    "texts_per_s": round(texts / raw_s, 2)},
        "index_vs_raw_rate": round(raw_s / index_s, 3),
        "sentence_vectors": settings.sentence_vectors,
        "raw_encode_chunks_once": {"seconds": round(raw_once_s, 2), "chunks_per_s": round(len(chunk_texts) / raw_once_s, 3)},
        "index_vs_raw_chunks_once": round(raw_once_s / index_s, 3),
        "pipeline_overhead_s": round(index_s - recorder.seconds, 2),
        "noop_reindex": {"seconds": round(noop_s, 3), "embedded": again.embedded, "removed": again.removed},
        "one_file_edit_reindex": {"file": edited.name, "seconds": round(edit_s, 2), "embedded": edit.embedded,
                                  "reused": edit.reused, "removed": edit.removed, "chunks": edit.chunks,
                                  "texts_embedded": sum(len(b) for b in recorder.batches)},
        "formats_read_clean": format_read_rates(),
        "notes": "Warta embeds each chunk and, for evidence selection and the citation check, its sentences "
                 "(see embedded_texts_per_chunk); the raw rate replays exactly those batches on the same "
                 "loaded model, so the ratio is the cost of the pipeline around the model.",
    })


if __name__ == "__main__":
    main()
