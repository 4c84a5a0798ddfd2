"""Build the index: corpus folder -> Chroma, incrementally (the write side; index.reader is the read side).

Contract: `Indexer.run()` makes the store hold exactly the chunks (and their sentences) of the current
corpus. The desired state is computed from the files every run and diffed against what the store holds,
by content hash: a chunk whose text is unchanged is never embedded again, and a vector whose text moved
(another chunk id, a duplicate article) is reused. Writes go in small batches, so a crash loses at most
one batch and the next run converges. The index folder records the settings it was built with
(index.manifest); opening it with other settings raises IndexMismatch, which offers a rebuild.
Syndicated copies (index.syndication) are indexed once: the canonical in full, a copy only with the
sentences its canonical lacks; the manifest lists the copies with their canonical.
"""

from __future__ import annotations

import fcntl
import hashlib
import shutil
import sys
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any, Iterator

import numpy as np

from assistant.backends.embed import Embedder
from assistant.corpus.chunk import chunk_document
from assistant.corpus.clean import clean
from assistant.corpus.read import read_corpus
from assistant.errors import IndexBusy, NoArticleText
from assistant.index import manifest, table
from assistant.index.cache import CACHE, cache_key
from assistant.index.dense import DenseMatrix
from assistant.index.sentences import SentenceVectors
from assistant.index.store import StoredSentence, StoreOwner, date_key
from assistant.index.syndication import CACHE_FILE, SignatureCache, find_copies
from assistant.records import Chunk, Document, FileProblem, IndexReport
from assistant.settings import Settings
from assistant.text import injection

BATCH = 16
# The index report's warning for an article holding text addressed to an AI assistant (text.injection).
INJECTION_WARNING = "contains text addressed to an AI assistant (e.g. {example!r}); treated as data"



def _sentence_spans(c: Chunk) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Character spans in `c.embed_text` of each sentence, and of each sentence with its predecessor."""
    at = len(c.embed_text) - len(c.text)  # the title and its blank line come first
    own: list[tuple[int, int]] = []
    for sentence in c.sentences:
        own.append((at, at + len(sentence)))
        at += len(sentence) + 1  # sentences are joined by one space
    context = [own[0]] + [(own[i - 1][0], own[i][1]) for i in range(1, len(own))] if own else []
    return own, context


def _hash(*parts: str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8"))
        digest.update(b"\x00")
    return digest.hexdigest()[:32]


class Indexer(StoreOwner):
    def __init__(self, settings: Settings, embedder: Callable[[], Embedder]) -> None:
        super().__init__(Path(settings.index_dir))
        self.settings = settings
        self._embedder = embedder

    # Building -----------------------------------------------------------------------------------
    @contextmanager
    def _locked(self) -> Iterator[None]:
        self.folder.mkdir(parents=True, exist_ok=True)
        with open(self.folder / ".lock", "w") as fh:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise IndexBusy(f"another `warta index` is running on {self.folder}") from None
            yield

    def _documents(self, corpus_dir: Path) -> tuple[list[Document], list[FileProblem]]:
        sources, problems = read_corpus(corpus_dir, self.settings.max_file_mb)
        docs: list[Document] = []
        seen: dict[str, str] = {}
        for source in sources:
            try:
                doc = clean(source)
            except NoArticleText as exc:
                problems.append(FileProblem(source.doc_id, source.path, f"{exc}; skipped"))
                continue
            body_hash = _hash(doc.body)
            if body_hash in seen:
                problems.append(FileProblem(doc.doc_id, source.path, f"same article text as {seen[body_hash]}; "
                                            "indexed once, under the first id", severity="warning"))
                continue
            seen[body_hash] = doc.doc_id
            docs.append(doc)
            # The raw text, not the cleaned one: a caption or an HTML comment the cleaner keeps or drops
            # is the same warning sign.
            found = injection.findings(source.text)
            if found:
                problems.append(FileProblem(doc.doc_id, source.path, INJECTION_WARNING.format(example=found[0]),
                                            severity="warning"))
        return docs, problems

    def run(self, rebuild: bool = False, progress: bool = True, corpus_dir: Path | None = None) -> IndexReport:
        started = time.perf_counter()
        with self._locked():
            if rebuild:
                self._wipe()
            elif manifest.read(self.folder) is not None:
                manifest.check_compatible(self.folder, self.settings)
            elif self.store.count():
                # Vectors without a manifest: their settings are unknown, so they cannot be trusted.
                self._wipe()
                rebuild = True
            docs, problems = self._documents(Path(corpus_dir or self.settings.corpus_dir))
            # Syndicated copies: a release is indexed once, under its canonical; a copy only with what it adds.
            signatures = SignatureCache(self.folder)
            copies = find_copies(docs, signatures)
            indexed = [replace(d, paragraphs=copies[d.doc_id].added) if d.doc_id in copies else d for d in docs]
            chunks = [replace(c, flags=injection.flags(c.text)) for d in indexed
                      for c in chunk_document(d, self.settings.chunk_words, self.settings.chunk_overlap_sentences)]
            embedded, reused, removed = self._sync(chunks, progress)
            manifest.write(self.folder, self.settings, docs, chunks, copies)
            signatures.save()
            self._refresh_caches(chunks)
        return IndexReport(documents=len(docs) - len(copies), chunks=len(chunks), embedded=embedded, reused=reused,
                           removed=removed, problems=tuple(problems), seconds=time.perf_counter() - started,
                           rebuilt=rebuild, copies=len(copies))

    def _refresh_caches(self, chunks: list[Chunk]) -> None:
        """The read side's caches of this build (index.cache), from the previous ones where they hold: the
        chunk table, the keyword index (only new or changed chunks stemmed), the exact matrix and the sentence
        vectors (only new vectors read from the store). Best effort: a reader rebuilds whatever is missing or stale."""
        from assistant.index.keyword import KeywordIndex

        key = cache_key(self.folder)
        if key is None:
            return
        folder = self.folder / CACHE
        ordered = sorted(chunks, key=lambda c: (c.doc_id, c.ordinal))
        try:
            table.write(folder, key, ordered)
            KeywordIndex.cached(folder, key, [c.chunk_id for c in ordered], lambda: ordered)
            if self.settings.dense_search == "exact":
                s = self.settings
                old = DenseMatrix.load(self.folder, None, s.dense_prefix_dims, s.dense_rescore)
                if old is None:
                    fresh = DenseMatrix(*self.store.all_vectors(), prefix_dims=s.dense_prefix_dims,
                                        rescore=s.dense_rescore)
                else:
                    fresh = old.updated([c.chunk_id for c in ordered], [self._chunk_hash(c) for c in ordered],
                                        [date_key(c.published) for c in ordered],
                                        lambda ids: self.store.vectors_by_id("chunks", ids))
                fresh.save(self.folder, key)
            ids, hashes = [c.chunk_id for c in ordered], [self._chunk_hash(c) for c in ordered]
            sentences = SentenceVectors.load(self.folder, None)
            if sentences is None:
                SentenceVectors.export(ids, hashes, self.store.sentences_of, self.folder, key)
            else:
                sentences.updated(ids, hashes, self.store.sentences_of, self.folder, key)
        except (OSError, ValueError):
            pass  # readers rebuild these from the store

    def _wipe(self) -> None:
        self._store = None
        shutil.rmtree(self.folder / "chroma", ignore_errors=True)
        shutil.rmtree(self.folder / CACHE, ignore_errors=True)  # derived from what is wiped
        (self.folder / CACHE_FILE).unlink(missing_ok=True)
        manifest.remove(self.folder)

    def _chunk_hash(self, c: Chunk) -> str:
        return _hash(self.settings.embed_model, str(self.settings.embed_dim), c.embed_text, *c.sentences)

    def _sync(self, chunks: list[Chunk], progress: bool) -> tuple[int, int, int]:
        store = self.store
        states = store.chunk_states()
        stored = {cid: h for cid, (h, _) in states.items()}
        hashes = [self._chunk_hash(c) for c in chunks]
        wanted = {c.chunk_id for c in chunks}
        stale = [cid for cid in stored if cid not in wanted]
        todo = [(c, h) for c, h in zip(chunks, hashes) if stored.get(c.chunk_id) != h]
        # Unchanged text whose flags changed (new detection rules, an index from before flags): metadata only.
        store.set_flags({c.chunk_id: c.flags for c, h in zip(chunks, hashes)
                         if stored.get(c.chunk_id) == h and states[c.chunk_id][1] != c.flags})
        if not todo:
            store.delete_chunks(stale)
            return 0, 0, len(stale)

        # Vectors already stored under another id (moved or duplicated text) are copied, not recomputed.
        by_hash = {h: cid for cid, h in stored.items()}
        reusable = {c.chunk_id: by_hash[h] for c, h in todo if h in by_hash}
        old_vectors = store.vectors_by_id("chunks", list(reusable.values()))
        old_sentences: dict[str, list[StoredSentence]] = {}
        for row in store.sentences_of(list(set(reusable.values()))):
            old_sentences.setdefault(row.chunk_id, []).append(row)
        to_embed = {c.chunk_id for c, _ in todo if c.chunk_id not in reusable or reusable[c.chunk_id] not in old_vectors}
        n_texts = sum(1 for c, _ in todo if c.chunk_id in to_embed)
        bar = self._progress(n_texts) if progress and n_texts else None
        embedded = reused = 0
        try:
            for start in range(0, len(todo), BATCH):
                batch = todo[start:start + BATCH]
                fresh = [(c, h) for c, h in batch if c.chunk_id in to_embed]
                copied = [(c, h) for c, h in batch if c.chunk_id not in to_embed]
                self._write(fresh, copied, reusable, old_vectors, old_sentences, bar)
                embedded += len(fresh)
                reused += len(copied)
        finally:
            if bar is not None:
                bar.close()
        store.delete_chunks(stale)
        return embedded, reused, len(stale)

    def _write(self, fresh: list[tuple[Chunk, str]], copied: list[tuple[Chunk, str]],
               reusable: dict[str, str], old_vectors: dict[str, np.ndarray],
               old_sentences: dict[str, list[StoredSentence]], bar: Any) -> None:
        store = self.store
        embedder = self._embedder()
        chunks: list[Chunk] = []
        hashes: list[str] = []
        vectors: list[np.ndarray] = []
        sentence_rows: list[tuple[str, str, str, str, int]] = []
        sentence_vectors: list[np.ndarray] = []
        context_vectors: list[np.ndarray] = []
        if fresh:
            fresh_chunks = [c for c, _ in fresh]
            vecs, per_chunk = self._vectors(embedder, fresh_chunks)
            if bar is not None:
                bar.update(len(fresh_chunks))
            for (c, h), v, (own, context) in zip(fresh, vecs, per_chunk):
                chunks.append(c)
                hashes.append(h)
                vectors.append(v)
                for i, s in enumerate(c.sentences):
                    sentence_rows.append((f"{c.chunk_id}:{i}", c.chunk_id, c.doc_id, s, date_key(c.published)))
                    sentence_vectors.append(own[i])
                    context_vectors.append(context[i])
        for c, h in copied:
            source_id = reusable[c.chunk_id]
            chunks.append(c)
            hashes.append(h)
            vectors.append(old_vectors[source_id])
            for i, (s, old) in enumerate(zip(c.sentences, old_sentences.get(source_id, []))):
                sentence_rows.append((f"{c.chunk_id}:{i}", c.chunk_id, c.doc_id, s, date_key(c.published)))
                sentence_vectors.append(old.vector)
                context_vectors.append(old.context_vector)
        # Old sentences of a rewritten chunk go first: a shorter chunk would otherwise keep stale ones.
        store.delete_chunks([c.chunk_id for c in chunks])
        store.upsert_sentences(sentence_rows, np.asarray(sentence_vectors, dtype=np.float32),
                               np.asarray(context_vectors, dtype=np.float32))
        store.upsert_chunks(chunks, hashes, np.asarray(vectors, dtype=np.float32))

    def _vectors(self, embedder: Embedder, chunks: list[Chunk]
                 ) -> tuple[np.ndarray, list[tuple[np.ndarray, np.ndarray]]]:
        """Each chunk's vector, and per chunk its sentences' own and in-context vectors (a sentence after
        its predecessor: "Perusahaan ini dikelola oleh pemerintah" only says *which* company in context; a
        first sentence's context vector is its own).

        "late": one forward pass per chunk, the sentence vectors pooled from it (embed.encode_spans).
        "separate": every sentence embedded alone and after its predecessor (three passes per chunk)."""
        if self.settings.sentence_vectors == "late" and hasattr(embedder, "encode_spans"):
            spans = [_sentence_spans(c) for c in chunks]
            wanted = [own + context for own, context in spans]
            vecs, pooled = embedder.encode_spans([c.embed_text for c in chunks], wanted)
            return vecs, [(p[:len(c.sentences)], p[len(c.sentences):]) for c, p in zip(chunks, pooled)]
        # Never embed the same text twice: a one-sentence chunk is its sentence, a two-sentence chunk is
        # its second sentence in context.
        texts: dict[str, int] = {}
        def slot(text: str) -> int:
            return texts.setdefault(text, len(texts))
        chunk_slots = [slot(c.embed_text) for c in chunks]
        own_slots = [[slot(sentence) for sentence in c.sentences] for c in chunks]
        context_slots = [[own[0]] + [slot(f"{c.sentences[i - 1]} {c.sentences[i]}") for i in range(1, len(own))]
                         if own else [] for c, own in zip(chunks, own_slots)]
        encoded = embedder.encode_documents(list(texts))
        vecs = encoded[chunk_slots]
        out: list[tuple[np.ndarray, np.ndarray]] = [(encoded[own], encoded[context])
                                                    for own, context in zip(own_slots, context_slots)]
        return vecs, out

    @staticmethod
    def _progress(total: int) -> Any:
        from tqdm import tqdm

        return tqdm(total=total, desc="embedding", unit="chunk", file=sys.stderr,
                    bar_format="{desc}: {percentage:3.0f}%|{bar}| {n_fmt}/{total_fmt} chunks [{elapsed}<{remaining}, {rate_fmt}]")
