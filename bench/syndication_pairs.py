"""Near-duplicate detection, tuned on pairs we build: how similar a syndicated copy is to its release, and how
similar two different articles on the same topic are, for several shingle sizes; then what the chosen
settings (assistant/index/syndication.py) find in a corpus of copies and distinct articles.

Positives: each of the 5 seeds (cleaned) edited the way outlets edit a release, at three strengths:
  light   - a new headline, another dateline, two paragraphs swapped, one added sentence;
  medium  - light, plus one word in ten replaced and one paragraph dropped;
  grown   - light, plus two paragraphs of the outlet's own (the copy is ~1.5x the release).
Negatives: every pair of distinct seeds (two pairs share a topic: Belarus, Japan) and every pair of 300
pseudo-articles made of consecutive FacQA passages (real Indonesian news text).

    .venv/bin/python bench/syndication_pairs.py
"""

from __future__ import annotations

import itertools
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import REPO, SEEDS, log, save  # noqa: E402

from assistant.corpus.clean import clean  # noqa: E402
from assistant.corpus.read import read_corpus  # noqa: E402
from assistant.index import syndication as syn  # noqa: E402
from assistant.records import Document  # noqa: E402

ADDED = ("Sementara itu, pengamat ekonomi dari universitas setempat menilai langkah tersebut perlu diikuti "
         "pengawasan yang ketat agar manfaatnya dirasakan pelaku usaha kecil.")
OWN = ("Redaksi mencatat bahwa rencana serupa pernah dibahas pada tahun-tahun sebelumnya tanpa hasil yang "
       "jelas, sehingga publik menanti langkah nyata dari kedua pihak dalam waktu dekat.",
       "Di sisi lain, asosiasi pengusaha daerah meminta agar pelaku industri lokal dilibatkan sejak awal "
       "perencanaan supaya tidak hanya menjadi penonton di pasar sendiri.")


def edit(doc: Document, strength: str, rng: random.Random) -> Document:
    paras = list(doc.paragraphs)
    paras[0] = "JAKARTA, Warta Kita - " + paras[0]
    if len(paras) > 3:
        paras[1], paras[2] = paras[2], paras[1]
    paras.insert(min(2, len(paras)), ADDED)
    if strength == "medium":
        vocab = sorted({w for p in paras for w in p.split()})
        paras = [" ".join(rng.choice(vocab) if rng.random() < 0.1 else w for w in p.split()) for p in paras]
        if len(paras) > 4:
            del paras[-2]
    if strength == "grown":
        paras += list(OWN) * max(1, len(doc.paragraphs) // 4)
    return Document(doc_id=f"{doc.doc_id}-{strength}", title="Judul baru: " + doc.title, published=doc.published,
                    source="Warta Kita", byline=None, language=doc.language, paragraphs=tuple(paras))


def jaccard(a: set[bytes], b: set[bytes]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def facqa_articles(n: int, per: int = 5) -> list[Document]:
    rows = [json.loads(line)["text"] for line in (REPO / "tests/data/facqa/passages.jsonl").read_text().splitlines()]
    return [Document(doc_id=f"fq{i}", title=f"fq{i}", published=None, source=None, byline=None, language="id",
                     paragraphs=tuple(rows[i * per:(i + 1) * per])) for i in range(n)]


def main() -> None:
    rng = random.Random(7)
    sources, _ = read_corpus(SEEDS, 5)
    seeds = [clean(s) for s in sources]
    copies = {s: [edit(d, s, rng) for d in seeds] for s in ("light", "medium", "grown")}
    fq = facqa_articles(300)
    out: dict = {"shingle_sizes": {}}
    for k in (3, 4, 5):
        sh = lambda d: syn.shingles(syn.words(d.body), k)  # noqa: E731
        pos = {s: [round(jaccard(sh(a), sh(b)), 3) for a, b in zip(seeds, cs)] for s, cs in copies.items()}
        seed_neg = [round(jaccard(sh(a), sh(b)), 3) for a, b in itertools.combinations(seeds, 2)]
        fq_sets = [sh(d) for d in fq]
        fq_neg = max(jaccard(a, b) for a, b in itertools.combinations(fq_sets, 2))
        out["shingle_sizes"][k] = {"copy_jaccard": pos, "seed_pairs_jaccard_max": max(seed_neg),
                                   "facqa_pairs_jaccard_max": round(fq_neg, 3)}
        log(f"k={k}: {out['shingle_sizes'][k]}")

    # The chosen settings, end to end: seeds + their copies + FacQA articles, one corpus.
    corpus = seeds + [c for cs in copies.values() for c in cs] + fq
    found = syn.find_copies(corpus)
    planted = {c.doc_id: c.doc_id.rsplit("-", 1)[0] for cs in copies.values() for c in cs}
    out["chosen"] = {"shingle": syn.SHINGLE, "num_perm": syn.NUM_PERM, "lsh_threshold": syn.LSH_THRESHOLD,
                     "match_jaccard": syn.MATCH_JACCARD, "match_contained": syn.MATCH_CONTAINED,
                     "documents": len(corpus), "planted_copies": len(planted),
                     "found_copies": len(found),
                     "found_correct": sum(1 for d, c in found.items() if planted.get(d) == c.canonical),
                     "false_groupings": sorted(d for d, c in found.items() if planted.get(d) != c.canonical),
                     "missed": sorted(d for d in planted if d not in found),
                     "estimated_jaccard": {d: c.similarity for d, c in sorted(found.items())},
                     "added_sentences_light": [len(found[c.doc_id].added) if c.doc_id in found else None
                                               for c in copies["light"]]}
    save("syndication-pairs", out)


if __name__ == "__main__":
    main()
