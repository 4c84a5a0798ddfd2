"""Answer latency: the extractive generator end to end (`Warta.ask`), and the local LLM's time to first
token and generation speed on the prompts Warta really sends (captured from its LLM generator).

Index: the seeds, in bench/cache/warta-index/seeds (built if missing). The LLM part needs llama-cpp-python
and the pulled GGUF (`pip install -e '.[llm]'`, `warta models pull llm`); without them it is reported as
not measured, with the prompt sizes still recorded.

    .venv/bin/python bench/answer.py [--llm-questions 6]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import CACHE, DEV_QA, SEEDS, log, save, summary, summary_ms  # noqa: E402


class RecordingLLM:
    """Wraps an LLM (or stands in for one): records each prompt and times the stream."""

    def __init__(self, inner: Any | None) -> None:
        self.inner = inner
        self.name = getattr(inner, "name", "none")
        self.calls: list[dict[str, Any]] = []

    def stream_chat(self, system: str, user: str, max_tokens: int) -> Iterator[str]:
        call: dict[str, Any] = {"prompt_chars": len(system) + len(user), "prompt_words": len((system + " " + user).split())}
        self.calls.append(call)
        if self.inner is None:
            yield "NOT_FOUND"
            return
        model = self.inner.load() if hasattr(self.inner, "load") else None  # the llama_cpp.Llama, for token counts
        if model is not None:
            call["prompt_tokens"] = len(model.tokenize((system + "\n" + user).encode("utf-8"), add_bos=False))
        t0 = time.perf_counter()
        first = None
        pieces = 0
        text = ""
        from assistant.backends.chat import stream_text

        for piece in stream_text(self.inner, system, user, max_tokens):
            if first is None:
                first = time.perf_counter() - t0
            pieces += 1
            text += piece
            yield piece
        total = time.perf_counter() - t0
        call["ttft_s"] = first
        call["total_s"] = total
        call["stream_pieces"] = pieces
        if model is not None:
            call["output_tokens"] = len(model.tokenize(text.encode("utf-8"), add_bos=False))
        n_out = call.get("output_tokens", pieces)
        call["gen_tokens_per_s"] = ((n_out - 1) / (total - first) if first is not None and n_out >= 8 and total > first
                                    else None)  # too few tokens to time the generation rate


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--llm-questions", type=int, default=6, help="questions put to the LLM (each takes ~10-40 s)")
    a = ap.parse_args()

    from assistant.eval import questions as ev
    from assistant.backends.embed import make_embedder
    from assistant.answer.generators import ExtractiveGenerator, LLMGenerator
    from assistant.backends.llm import llama_available, make_local_chat
    from assistant.backends.model_files import is_verified
    from assistant.service import Warta
    from assistant.settings import Settings

    settings = Settings(corpus_dir=SEEDS, index_dir=CACHE / "warta-index" / "seeds", generator="extractive")
    embedder = make_embedder(settings)
    questions = ev.load_questions(DEV_QA)

    extractive = Warta(settings, embedder=embedder, generator=ExtractiveGenerator(settings))
    from assistant.errors import IndexMismatch

    try:
        extractive.index(progress=False)
    except IndexMismatch:
        extractive.index(rebuild=True, progress=False)
    extractive.ask("warm-up question about Indonesia")
    log("extractive answers")
    ask_s, parts = [], {}
    for q in questions:
        cache = getattr(embedder, "_query_cache", None)
        if cache is not None:
            cache.clear()  # a fresh question each time: the query embedding is part of the latency
        t0 = time.perf_counter()
        ans = extractive.ask(q.question)
        ask_s.append(time.perf_counter() - t0)
        for k, v in ans.timings_ms.items():
            parts.setdefault(k, []).append(v / 1000)

    llm_ready = llama_available() and is_verified(settings.models_dir, settings.llm_model)
    out: dict[str, Any] = {
        "index": "bench/cache/warta-index/seeds",
        "extractive": {"ask_ms": summary_ms(ask_s), "parts_p50_ms": {k: summary_ms(v)["p50"] for k, v in parts.items()},
                       "questions": len(questions)},
        "llm": {"available": llm_ready},
    }

    inner = None
    if llm_ready:
        t0 = time.perf_counter()
        inner = make_local_chat(settings)
        out["llm"]["load_s"] = round(time.perf_counter() - t0, 2)
        out["llm"]["threads"] = settings.llm_threads
    recorder = RecordingLLM(inner)
    llm_warta = Warta(settings.model_copy(update={"generator": "llm"}), embedder=embedder,
                      generator=LLMGenerator(settings, llm=recorder))
    # Interleave languages; include a briefing question when there is one.
    chosen = [q for q in questions if not q.unanswerable]
    en = [q for q in chosen if q.lang == "en"]
    idq = [q for q in chosen if q.lang == "id"]
    picked = [x for pair in zip(en, idq) for x in pair][: a.llm_questions] if llm_ready else chosen
    log(f"LLM prompts for {len(picked)} questions" + ("" if llm_ready else " (no LLM: prompt sizes only)"))
    per_q = []
    for q in picked:
        t0 = time.perf_counter()
        ans = llm_warta.ask(q.question)
        wall = time.perf_counter() - t0
        if recorder.calls:
            call = dict(recorder.calls[-1])
            call.update({"id": q.id, "lang": q.lang, "ask_s": round(wall, 2), "refused": ans.refused})
            per_q.append(call)
    out["llm"]["prompts"] = {
        "n": len(per_q),
        "prompt_chars": summary([c["prompt_chars"] for c in per_q]),
        "prompt_words": summary([c["prompt_words"] for c in per_q]),
    }
    if llm_ready and per_q:
        ttft = [c["ttft_s"] for c in per_q if c.get("ttft_s") is not None]
        rates = [c["gen_tokens_per_s"] for c in per_q if c.get("gen_tokens_per_s")]
        out["llm"].update({
            "ttft_ms": summary_ms(ttft),
            "gen_tokens_per_s": summary(rates),
            "prompt_tokens": summary([c["prompt_tokens"] for c in per_q if c.get("prompt_tokens")]),
            "prefill_tokens_per_s": summary([c["prompt_tokens"] / c["ttft_s"] for c in per_q
                                             if c.get("prompt_tokens") and c.get("ttft_s")]),
            "ask_ms": summary_ms([c["ask_s"] for c in per_q]),
            "per_question": per_q,
        })
    else:
        out["llm"]["note"] = ("not measured: llama-cpp-python and/or the GGUF model are not installed here "
                              "(pip install -e '.[llm]'; warta models pull llm)")
    save("answer", out)


if __name__ == "__main__":
    main()
