"""The two LLM answer paths side by side in one run: `prose` (cited sentences, the old path) and `claims` (a
JSON object of one-fact claims assembled in code, answer.claims; English claims left in Indonesian translated,
answer.translate). Each question is asked through the whole pipeline (`Warta.ask_stream`: search, evidence,
generation, citation check) once per path, the paths alternating question by question so that machine load
falls on both alike. Measured: time to the first token event the user sees, the whole answer, the answer's
shares (refused, fell back to quotes) and the citation count.

Index: the seeds in bench/cache/warta-index/seeds (built if missing). Needs the local LLM.

    .venv/bin/python bench/answer_paths.py [--questions tests/data/answers_dev.jsonl] [--limit 12]

Prompt-lookup speculative decoding (llama-cpp-python's LlamaPromptLookupDecoding) was tried here as a third
path and is not offered: with llama-cpp-python 0.3.36 the first prompt fails inside Llama.eval ("could not
broadcast input array from shape (77791232,) into shape (0,)", the logits of every prompt token into an
empty scores array).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import CACHE, REPO, SEEDS, log, save, summary_ms  # noqa: E402

PATHS = ("prose", "claims")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--questions", type=Path, default=REPO / "tests" / "data" / "answers_dev.jsonl")
    ap.add_argument("--limit", type=int, default=12, help="answerable questions, alternating languages")
    a = ap.parse_args()

    from assistant.answer.generators import LLMGenerator
    from assistant.backends.embed import make_embedder
    from assistant.backends.llm import make_local_chat
    from assistant.errors import IndexMismatch
    from assistant.eval import questions as ev
    from assistant.service import Warta
    from assistant.settings import Settings

    base = Settings(corpus_dir=SEEDS, index_dir=CACHE / "warta-index" / "seeds", generator="llm")
    embedder = make_embedder(base)
    llm = make_local_chat(base)  # one model for both paths: the same weights, threads and prompt cache
    wartas = {}
    for path in PATHS:
        s = base.model_copy(update={"answer_format": path})
        wartas[path] = Warta(s, embedder=embedder, generator=LLMGenerator(s, llm=llm))
    paths = PATHS
    try:
        wartas["prose"].index(progress=False)
    except IndexMismatch:
        wartas["prose"].index(rebuild=True, progress=False)
    qs = [q for q in ev.load_questions(a.questions) if not q.unanswerable and not q.false_premise]
    en, id_ = [q for q in qs if q.lang == "en"], [q for q in qs if q.lang == "id"]
    chosen = [q for pair in zip(en, id_) for q in pair][:a.limit]
    for w in wartas.values():
        w.ask("warm-up question about Indonesia")

    runs: dict[str, list[dict[str, Any]]] = {p: [] for p in paths}
    for i, q in enumerate(chosen):
        order = paths if i % 2 == 0 else paths[::-1]
        for path in order:
            t0 = time.perf_counter()
            first = None
            answer = None
            for event in wartas[path].ask_stream(q.question):
                if event.kind == "token" and first is None:
                    first = time.perf_counter() - t0
                if event.kind == "answer":
                    answer = event.answer
            total = time.perf_counter() - t0
            assert answer is not None
            runs[path].append({"id": q.id, "first_token_s": first, "total_s": total, "refused": answer.refused,
                               "fell_back": "->" in answer.generator, "citations": len(answer.citations)})
            log(f"{q.id} {path}: first {first and round(first, 1)} s, total {total:.1f} s")

    out: dict[str, Any] = {"questions": len(chosen), "file": str(a.questions.relative_to(REPO)), "paths": {}}
    for path, rs in runs.items():
        firsts = [r["first_token_s"] for r in rs if r["first_token_s"] is not None]
        out["paths"][path] = {
            "first_token_ms": summary_ms(firsts), "total_ms": summary_ms([r["total_s"] for r in rs]),
            "no_token_shown": sum(r["first_token_s"] is None for r in rs),
            "refused": sum(r["refused"] for r in rs), "fell_back_to_quotes": sum(r["fell_back"] for r in rs),
            "runs": rs}
    p50 = {p: out["paths"][p]["total_ms"]["p50"] for p in paths}
    out["total_p50_ratio_to_prose"] = {p: round(p50[p] / p50["prose"], 3) for p in paths if p50["prose"]}
    save("answer_paths", out)


if __name__ == "__main__":
    main()
