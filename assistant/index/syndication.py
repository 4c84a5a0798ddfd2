"""Syndicated copies: one press release republished, lightly edited, by several outlets. datasketch (MinHash
and MinHash LSH) is imported only here.

Contract: `find_copies(docs, cache)` returns, for every document that is a near-duplicate of an earlier one,
a `NearCopy` naming its canonical document and the sentences it adds (as paragraphs); every other document
is canonical. A group's canonical is its earliest-dated document (undated documents count as the latest;
ties go by doc id), so the choice is stable across runs and a removed canonical hands over to the next copy.

How, without comparing every pair (it has to scale to 100k documents):
- a document's body (not its title: a new headline changes nothing) becomes a set of shingles, every run of
  `SHINGLE` normalised words (NFKC, case-folded, punctuation dropped), and a MinHash signature of them;
- documents are visited canonical-first (by date); each is looked up in an LSH index of the canonicals seen
  so far, which returns only candidates likely to be similar; a candidate is a match when the estimated
  Jaccard similarity reaches `MATCH_JACCARD`, or when the smaller document is `MATCH_CONTAINED` contained in
  the larger (a copy that adds paragraphs, or a short one that kept the lead), estimated from the Jaccard
  estimate and the two shingle counts. No match: the document is canonical and joins the LSH index.
  Visiting leaders only (no union of pairs) means a chain of small edits never glues two releases together;
- a copy's own sentences are those whose shingles are mostly absent from its canonical (`NOVEL_BELOW`): the
  builder indexes them, attributed to the copy; the shared text is indexed once, under the canonical.

Signatures are cached by body hash in the index folder (`SignatureCache`, `syndication.npz`): an unchanged
document is never hashed again; the grouping itself is recomputed every run from the signatures (cheap: see
bench/ingest.py). The figures below were measured on pairs built from the seeds and FacQA passages
(README, "Syndicated copies").
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
import zlib
from collections.abc import Iterable
from pathlib import Path

import numpy as np
from datasketch import MinHash, MinHashLSH

from assistant.records import Document, NearCopy
from assistant.text.sentences import split_sentences

SHINGLE = 3  # words per shingle
NUM_PERM = 128  # MinHash permutations: the Jaccard estimate's standard error is ~0.04 at J = 0.5
LSH_THRESHOLD = 0.3  # candidates: low enough to find a copy that doubled its length (J ~ 0.4)
MATCH_JACCARD = 0.4
MATCH_CONTAINED = 0.8
MIN_SHINGLES = 12  # fewer shingles (a headline-only item): never grouped, too little text to tell
NOVEL_BELOW = 0.3  # a copy's sentence is its own when less than this share of its shingles is in the canonical
CACHE_FILE = "syndication.npz"

_WORD = re.compile(r"\w+")


def words(text: str) -> list[str]:
    """Normalised words: NFKC (full-width and compatibility forms fold), case-folded, punctuation dropped."""
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def shingles(tokens: list[str], size: int = SHINGLE) -> set[bytes]:
    """Every run of `size` consecutive words (the whole text when it is shorter)."""
    if len(tokens) < size:
        return {" ".join(tokens).encode("utf-8")} if tokens else set()
    return {" ".join(tokens[i:i + size]).encode("utf-8") for i in range(len(tokens) - size + 1)}


def body_key(doc: Document) -> str:
    """The cache key of a document's signature: its body and the shingling parameters."""
    digest = hashlib.sha256(f"{SHINGLE}:{NUM_PERM}:crc32\x00".encode())
    digest.update(doc.body.encode("utf-8"))
    return digest.hexdigest()[:32]


class Signer:
    """MinHash signatures with one set of permutations (building them per document costs more than hashing)."""

    def __init__(self, num_perm: int = NUM_PERM) -> None:
        self.num_perm = num_perm
        # CRC-32 (C, stable across processes) instead of datasketch's default SHA-1: a third of the signing cost.
        self._template = MinHash(num_perm=num_perm, hashfunc=zlib.crc32)

    def sign(self, items: Iterable[bytes]) -> np.ndarray:
        m = MinHash(num_perm=self.num_perm, permutations=self._template.permutations, scheme=self._template.scheme,
                    hashfunc=zlib.crc32)
        m.update_batch(list(items))
        return np.asarray(m.hashvalues)

    def minhash(self, hashvalues: np.ndarray) -> MinHash:
        return MinHash(num_perm=self.num_perm, hashvalues=hashvalues, permutations=self._template.permutations,
                       scheme=self._template.scheme)


class SignatureCache:
    """body key -> (signature, shingle count), kept in the index folder between runs. A missing or unreadable
    file is an empty cache (signatures are recomputed, nothing else is lost)."""

    def __init__(self, folder: Path | None) -> None:
        self.path = Path(folder) / CACHE_FILE if folder is not None else None
        self.entries: dict[str, tuple[np.ndarray, int]] = {}
        self.used: set[str] = set()
        if self.path is not None and self.path.is_file():
            try:
                with np.load(self.path, allow_pickle=False) as data:
                    if data["signatures"].shape[1:] == (NUM_PERM,):
                        self.entries = {str(k): (sig, int(n)) for k, sig, n in
                                        zip(data["keys"], data["signatures"], data["sizes"])}
            except (OSError, ValueError, KeyError):
                self.entries = {}

    def get(self, key: str) -> tuple[np.ndarray, int] | None:
        self.used.add(key)
        return self.entries.get(key)

    def put(self, key: str, signature: np.ndarray, size: int) -> None:
        self.used.add(key)
        self.entries[key] = (signature, size)

    def save(self) -> None:
        """Atomically, keeping only the signatures of this run's documents."""
        if self.path is None:
            return
        keys = sorted(k for k in self.used if k in self.entries)
        sigs = np.stack([self.entries[k][0] for k in keys]) if keys else np.zeros((0, NUM_PERM), dtype=np.uint64)
        tmp = self.path.with_name(CACHE_FILE + ".tmp.npz")
        np.savez(tmp, keys=np.array(keys, dtype="U32"), signatures=sigs,
                 sizes=np.array([self.entries[k][1] for k in keys], dtype=np.int64))
        os.replace(tmp, self.path)


def contained(jaccard: float, a: int, b: int) -> float:
    """The share of the smaller set that lies in the larger, from their Jaccard similarity and sizes:
    |A ∩ B| = J (|A| + |B|) / (1 + J)."""
    if min(a, b) == 0:
        return 0.0
    return min(1.0, jaccard * (a + b) / (1.0 + jaccard) / min(a, b))


def _order(doc: Document) -> tuple[int, str, str]:
    # Earliest first; undated last. ISO strings sort by date ("2021-02-28" before "2021-02-28T17:20+07:00").
    return (0, doc.published, doc.doc_id) if doc.published else (1, "", doc.doc_id)


def added_paragraphs(copy: Document, canonical: Document) -> tuple[str, ...]:
    """The copy's sentences that the canonical lacks, kept in their paragraphs (a paragraph of the copy that
    shares none of them is dropped)."""
    base = words(canonical.body)
    have, text = shingles(base), f" {' '.join(base)} "
    out: list[str] = []
    for paragraph in copy.paragraphs:
        own = []
        for sentence in split_sentences(paragraph):
            tokens = words(sentence)
            if len(tokens) < SHINGLE:  # too short to shingle: new unless the canonical has these words in a row
                if tokens and f" {' '.join(tokens)} " not in text:
                    own.append(sentence)
                continue
            mine = shingles(tokens)
            if len(mine & have) / len(mine) < NOVEL_BELOW:
                own.append(sentence)
        if own:
            out.append(" ".join(own))
    return tuple(out)


def find_copies(docs: list[Document], cache: SignatureCache | None = None) -> dict[str, NearCopy]:
    """copy doc id -> NearCopy, for every near-duplicate among `docs` (see the module contract)."""
    cache = cache or SignatureCache(None)
    signer = Signer()
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    leaders: dict[str, tuple[MinHash, int, Document]] = {}
    copies: dict[str, NearCopy] = {}
    for doc in sorted(docs, key=_order):
        key = body_key(doc)
        cached = cache.get(key)
        if cached is None:
            items = shingles(words(doc.body))
            cached = (signer.sign(items), len(items))
            cache.put(key, *cached)
        signature, size = cached
        if size < MIN_SHINGLES:
            continue
        m = signer.minhash(signature)
        best: tuple[float, str] | None = None
        for leader in lsh.query(m):
            other, other_size, _ = leaders[leader]
            j = float(m.jaccard(other))
            if j >= MATCH_JACCARD or contained(j, size, other_size) >= MATCH_CONTAINED:
                if best is None or (j, leader) > best:
                    best = (j, leader)
        if best is None:
            leaders[doc.doc_id] = (m, size, doc)
            lsh.insert(doc.doc_id, m)
            continue
        canonical = leaders[best[1]][2]
        copies[doc.doc_id] = NearCopy(doc_id=doc.doc_id, canonical=canonical.doc_id, similarity=round(best[0], 3),
                                      added=added_paragraphs(doc, canonical))
    return copies
