"""Indexing speed: Warta's end-to-end `index` rate against the raw embedding model on the same texts, in
one run, with the same loaded model (its load time is reported apart and excluded from both).

Corpus: the 5 seeds plus the first N Indonesian and N English distractors of the haystack (default 15 + 15)
copied into bench/cache/ingest-corpus/. Steps, in this order:
  1. raw: `embedder.encode_documents` on the texts the indexer embeds (each chunk's embed_text, then each
     of its sentences, in the indexer's batch sizes): the model's own rate, no pipeline;
  2. index: `Warta.index(rebuild=True)` on a fresh index folder: ingest, cleaning, chunking, embedding
     chunks and sentences, Chroma writes, manifest;
  3. no-change re-index (`Warta.index()` again: must embed nothing);
  4. one-file edit (a paragraph appended to one seed) and re-index: what gets embedded, and how long.
Ratios: index chunks/s over raw chunks/s (chunks + their sentences), and pipeline overhead in seconds.

    .venv/bin/python bench/ingest.py [--per-lang 15]
"""

from __future__ import annotations

import argparse
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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--per-lang", type=int, default=15, help="distractor articles per language")
    a = ap.parse_args()

    from assistant.chunk import chunk as chunk_document
    from assistant.embed import make_embedder
    from assistant.indexer import BATCH, Indexer
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

    # The exact texts the indexer will embed, via its own reading, cleaning and chunking.
    docs, _problems = Indexer(settings, lambda: embedder)._documents(corpus)
    chunks = [c for d in docs for c in chunk_document(d, settings.chunk_words, settings.chunk_overlap_sentences)]
    n_sent = sum(len(c.sentences) for c in chunks)
    log(f"{len(docs)} documents, {len(chunks)} chunks, {n_sent} sentences")

    log("raw encode")
    t0 = time.perf_counter()
    chunk_s = sent_s = 0.0
    for start in range(0, len(chunks), BATCH):
        batch = chunks[start:start + BATCH]
        t1 = time.perf_counter()
        embedder.encode_documents([c.embed_text for c in batch])
        t2 = time.perf_counter()
        embedder.encode_documents([s for c in batch for s in c.sentences])
        t3 = time.perf_counter()
        chunk_s += t2 - t1
        sent_s += t3 - t2
    raw_s = time.perf_counter() - t0

    log("index (rebuild)")
    warta = Warta(settings, embedder=embedder)
    t0 = time.perf_counter()
    report = warta.index(rebuild=True, progress=False)
    index_s = time.perf_counter() - t0
    assert report.embedded == len(chunks), (report.embedded, len(chunks))

    log("re-index, nothing changed")
    t0 = time.perf_counter()
    again = warta.index(progress=False)
    noop_s = time.perf_counter() - t0

    log("re-index after editing one file")
    edited = sorted(corpus.glob("0*.txt"))[0]
    edited.write_text(edited.read_text(encoding="utf-8") + "\n\nParagraf tambahan untuk mengukur pengindeksan "
                      "ulang satu berkas yang berubah.\n", encoding="utf-8")
    t0 = time.perf_counter()
    edit = warta.index(progress=False)
    edit_s = time.perf_counter() - t0

    raw_rate = len(chunks) / raw_s
    index_rate = len(chunks) / index_s
    save("ingest", {
        "corpus": {"folder": str(corpus.relative_to(REPO)), "documents": len(docs), "chunks": len(chunks),
                   "sentences": n_sent, "embed_texts": len(chunks) + n_sent},
        "model_load_s": round(load_s, 2),
        "raw_encode": {"seconds": round(raw_s, 2), "chunk_texts_s": round(chunk_s, 2),
                       "sentence_texts_s": round(sent_s, 2), "chunks_per_s": round(raw_rate, 3),
                       "chunk_texts_only_per_s": round(len(chunks) / chunk_s, 3),
                       "sentences_per_s": round(n_sent / sent_s, 2) if sent_s else None},
        "index": {"seconds": round(index_s, 2), "chunks_per_s": round(index_rate, 3),
                  "embedded": report.embedded, "reported_seconds": round(report.seconds, 2)},
        "index_vs_raw_rate": round(index_rate / raw_rate, 3),
        "pipeline_overhead_s": round(index_s - raw_s, 2),
        "noop_reindex": {"seconds": round(noop_s, 3), "embedded": again.embedded, "removed": again.removed},
        "one_file_edit_reindex": {"seconds": round(edit_s, 2), "embedded": edit.embedded, "reused": edit.reused,
                                  "removed": edit.removed, "chunks": edit.chunks},
        "notes": "chunks_per_s counts chunks; each chunk's sentences are embedded too (for evidence selection "
                 "and the citation check), so raw chunks_per_s includes them. Same loaded model for both.",
    })


if __name__ == "__main__":
    main()
