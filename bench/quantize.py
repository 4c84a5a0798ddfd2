"""Full-precision vs dynamic-int8 embedder (WARTA_EMBED_QUANTIZE): encode speed on the same chunks,
interleaved in one run, and whether the rankings stay the same (dev-set questions against the seed chunks
and FacQA-style passages when a folder of them is given).

    .venv/bin/python bench/quantize.py [--index index] [--rounds 3] [--limit 200]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import DEV_QA, REPO, log, save, summary  # noqa: E402

from assistant.backends.embed import make_embedder  # noqa: E402
from assistant.index.reader import IndexReader  # noqa: E402
from assistant.settings import Settings  # noqa: E402


def chunk_texts(index_dir: Path, settings: Settings) -> list[str]:
    """The texts an index embedded for its chunks (what `warta index` gives the model)."""
    reader = IndexReader(settings.model_copy(update={"index_dir": index_dir}))
    try:
        return [c.embed_text for c in reader.chunks()]
    finally:
        reader.close()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--index", type=Path, default=REPO / "index", help="an index built by `warta index`")
    ap.add_argument("--limit", type=int, default=200, help="at most this many chunks")
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    settings = Settings()
    texts = chunk_texts(args.index, settings)[:args.limit]
    questions = [json.loads(line)["question"] for line in DEV_QA.read_text(encoding="utf-8").splitlines() if line.strip()]
    models = {"none": make_embedder(settings),
              "int8": make_embedder(settings.model_copy(update={"embed_quantize": "int8"}))}
    seconds: dict[str, list[float]] = {k: [] for k in models}
    vectors: dict[str, np.ndarray] = {}
    for _ in range(args.rounds):  # interleaved: both see the same machine load
        for name, model in models.items():
            t0 = time.perf_counter()
            vectors[name] = model.encode_documents(texts)
            seconds[name].append(time.perf_counter() - t0)
    q = {name: np.stack([model.encode_query(x) for x in questions]) for name, model in models.items()}
    rank = {name: np.argsort(-(q[name] @ vectors[name].T), axis=1) for name in models}
    top1 = float(np.mean(rank["none"][:, 0] == rank["int8"][:, 0]))
    top5 = float(np.mean([len(set(a[:5]) & set(b[:5])) / 5 for a, b in zip(rank["none"], rank["int8"])]))
    same_vector = float(np.mean(np.sum(vectors["none"] * vectors["int8"], axis=1)))
    p50 = {k: summary(v)["p50"] for k, v in seconds.items()}
    out = {"chunks": len(texts), "questions": len(questions), "rounds": args.rounds,
           "encode_s": {k: summary(v) for k, v in seconds.items()},
           "chunks_per_s_p50": {k: round(len(texts) / v, 2) for k, v in p50.items() if v},
           "speedup_int8": round(p50["none"] / p50["int8"], 3) if p50["int8"] else None,
           "top1_agreement": round(top1, 3), "top5_overlap": round(top5, 3),
           "mean_cosine_fp32_vs_int8": round(same_vector, 4)}
    log(out)
    print(save("quantize", out))


if __name__ == "__main__":
    main()
