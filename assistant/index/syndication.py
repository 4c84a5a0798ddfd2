"""Syndicated copies: one press release republished, lightly edited, by several outlets. datasketch (MinHash
signatures, and the banding parameters of its LSH) is imported only here.

Contract: `find_copies(docs, cache)` returns, for every document that is a near-duplicate of an earlier one,
a `NearCopy` naming its canonical document and the sentences it adds (as paragraphs); every other document
is canonical. A group's canonical is its earliest-dated document (undated documents count as the latest;
ties go by doc id), so the choice is stable across runs and a removed canonical hands over to the next copy.

How, without comparing every pair (it has to scale to 100k documents):
- a document's body (not its title: a new headline changes nothing) becomes a set of shingles, every run of
  `SHINGLE` normalised words (NFKC, case-folded, punctuation dropped), and a MinHash signature of them;
- documents are visited canonical-first (by date); each is looked up in an LSH index of the canonicals seen
  so far (`_Bands`: datasketch's banding, hashed with numpy), which returns only candidates likely to be similar; a candidate is a match when the estimated
  Jaccard similarity reaches `MATCH_JACCARD`, or when the smaller document is `MATCH_CONTAINED` contained in
  the larger (a copy that adds paragraphs, or a short one that kept the lead), estimated from the Jaccard
  estimate and the two shingle counts. No match: the document is canonical and joins the LSH index.
  Visiting leaders only (no union of pairs) means a chain of small edits never glues two releases together;
- a copy's own sentences are those whose shingles are mostly absent from its canonical (`NOVEL_BELOW`): the
  builder indexes them, attributed to the copy; the shared text is indexed once, under the canonical.

Signatures are cached by body hash in the index folder (`SignatureCache`, `syndication.npz`): an unchanged
document is never hashed again; the grouping itself is recomputed every run from the signatures (cheap: see
bench/ingest.py; 10k documents: 2.3 s warm, against 3.2-4.2 s with datasketch's MinHashLSH, same groups). The figures below were measured on pairs built from the seeds and FacQA passages
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


class _Bands:
    """LSH over the canonicals ("leaders"): each signature cut into `b` bands of `r` values, the band tables
    mapping a band's hash to the leaders sharing it. The banding is datasketch's for LSH_THRESHOLD (same b and
    r), so the candidates are the ones MinHashLSH would return, but a band is hashed for every document at
    once with numpy and looked up in plain dicts: MinHashLSH's per-call overhead made the grouping, which
    runs over every document on every index run, the costliest step after embedding."""

    def __init__(self, signatures: np.ndarray) -> None:
        probe = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
        self.b, self.r = probe.b, probe.r
        cut = signatures[:, : self.b * self.r].astype(np.uint64).reshape(len(signatures), self.b, self.r)
        # A random odd multiplier per position, wrapped at 64 bits: equal bands hash alike; the rare unequal
        # pair that collides is only an extra candidate (every candidate is checked against its signature).
        mult = np.random.default_rng(0).integers(1, 2**63, size=self.r, dtype=np.uint64) | np.uint64(1)
        with np.errstate(over="ignore"):
            self.hashes = (cut * mult).sum(axis=2, dtype=np.uint64).tolist() if len(cut) else []
        self.tables: list[dict[int, list[int]]] = [{} for _ in range(self.b)]

    def candidates(self, row: int) -> set[int]:
        found: set[int] = set()
        for table, h in zip(self.tables, self.hashes[row]):
            leaders = table.get(h)
            if leaders:
                found.update(leaders)
        return found

    def insert(self, row: int) -> None:
        for table, h in zip(self.tables, self.hashes[row]):
            table.setdefault(h, []).append(row)


def find_copies(docs: list[Document], cache: SignatureCache | None = None) -> dict[str, NearCopy]:
    """copy doc id -> NearCopy, for every near-duplicate among `docs` (see the module contract)."""
    cache = cache or SignatureCache(None)
    signer = Signer()
    ordered = sorted(docs, key=_order)
    signatures = np.zeros((len(ordered), NUM_PERM), dtype=np.uint64)
    sizes = np.zeros(len(ordered), dtype=np.int64)
    for row, doc in enumerate(ordered):
        key = body_key(doc)
        cached = cache.get(key)
        if cached is None:
            items = shingles(words(doc.body))
            cached = (signer.sign(items), len(items))
            cache.put(key, *cached)
        signatures[row], sizes[row] = cached
    bands = _Bands(signatures)
    copies: dict[str, NearCopy] = {}
    for row, doc in enumerate(ordered):
        size = int(sizes[row])
        if size < MIN_SHINGLES:
            continue
        best: tuple[float, str, int] | None = None  # (similarity, doc id, row): the doc id breaks ties
        leaders = sorted(bands.candidates(row))
        if leaders:
            # Estimated Jaccard similarity: the share of equal MinHash values (as datasketch computes it).
            same = np.count_nonzero(signatures[leaders] == signatures[row], axis=1) / NUM_PERM
            for leader, j in zip(leaders, same.tolist()):
                if j >= MATCH_JACCARD or contained(j, size, int(sizes[leader])) >= MATCH_CONTAINED:
                    if best is None or (j, ordered[leader].doc_id) > best[:2]:
                        best = (j, ordered[leader].doc_id, leader)
        if best is None:
            bands.insert(row)
            continue
        canonical = ordered[best[2]]
        copies[doc.doc_id] = NearCopy(doc_id=doc.doc_id, canonical=canonical.doc_id, similarity=round(best[0], 3),
                                      added=added_paragraphs(doc, canonical))
    return copies
