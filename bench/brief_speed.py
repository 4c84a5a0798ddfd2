"""Briefing speed over the seed briefing requests (tests/data/briefs.jsonl), extractive and with the local LLM,
in one run. Prints JSON; no thresholds (timings on a shared machine are noisy: run it on an idle one).

- extractive, every request (one run each after a warm-up): the time after retrieval (extraction, merge,
  citation check: `timings_ms.extract`), the time to the first section event, and the whole brief;
- llm (`--llm`, the local GGUF of WARTA_LLM_MODEL via llama-cpp-python, WARTA_LLM_THREADS threads), every
  request with coverage or those named by `--ids`: the whole brief, the first section, the LLM's part, and
  the token budget it used: calls, prompt tokens (system + user, counted with the model's tokenizer; the
  shared system prompt is reused from llama.cpp's cache after the first call) and generated tokens (the
  streamed pieces). One warm-up call loads the model first.

    .venv/bin/python bench/brief_speed.py [--index DIR] [--llm] [--ids b01,b15] [--out FILE]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from assistant.answer.brief.build import brief_stream  # noqa: E402
from assistant.backends.chat import stream_text  # noqa: E402
from assistant.eval.briefs import load_briefs  # noqa: E402
from assistant.service import Warta  # noqa: E402
from assistant.settings import Settings  # noqa: E402


class Counting:
    """The LangChain chat model of the generator, counted: calls, prompt tokens, generated pieces."""

    def __init__(self, chat: Any) -> None:
        self.chat, self.calls, self.prompt_tokens, self.pieces = chat, 0, 0, 0

    def stream_chat(self, system: str, user: str, max_tokens: int) -> Iterator[str]:
        llama = self.chat.load()
        self.calls += 1
        self.prompt_tokens += len(llama.tokenize((system + "\n" + user).encode("utf-8"), add_bos=False))
        for piece in stream_text(self.chat, system, user, max_tokens):
            self.pieces += 1
            yield piece


def _run(warta: Warta, req: Any, llm: Any = None) -> dict[str, Any]:
    started = time.perf_counter()
    first = None
    final = None
    with warta._using() as view:
        for event in brief_stream(req.topic, view.retriever, warta.embedder, warta.settings, date_from=req.date_from,
                                  date_to=req.date_to, llm=llm, llm_name="llm" if llm else ""):
            if event.kind == "section" and first is None:
                first = (time.perf_counter() - started) * 1000
            if event.kind == "brief":
                final = event.brief
    wall = (time.perf_counter() - started) * 1000
    assert final is not None
    row = {"id": req.id, "lang": req.lang, "sources": len(final.sources), "total_ms": round(wall, 1),
           "first_section_ms": round(first, 1) if first is not None else None,
           "after_retrieval_ms": round(final.timings_ms.get("extract", 0.0), 1),
           "select_ms": round(final.timings_ms.get("select", 0.0), 1), "generator": final.generator}
    if llm is not None:
        row.update({"llm_ms": round(final.timings_ms.get("llm", 0.0), 1),
                    "written_key_points": sum(not s.quoted for s in final.key_points),
                    "key_points": len(final.key_points), "summary": len(final.summary), "notes": list(final.notes)})
    return row


def _p50(rows: list[dict[str, Any]], key: str) -> float | None:
    values = [r[key] for r in rows if r.get(key) is not None]
    return round(statistics.median(values), 1) if values else None


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--index", type=Path, default=None)
    parser.add_argument("--llm", action="store_true", help="also time the LLM brief")
    parser.add_argument("--ids", default="", help="LLM requests to time (comma-separated ids; default: all covered)")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    settings = Settings(generator="extractive", **({"index_dir": args.index} if args.index else {}))
    warta = Warta(settings)
    warta.brief("warm-up: kerja sama industri")
    requests = load_briefs(REPO / "tests" / "data" / "briefs.jsonl")
    rows = [_run(warta, req) for req in requests]
    covered = [r for r in rows if r["sources"]]
    report: dict[str, Any] = {"n": len(rows), "extractive": {
        "after_retrieval_ms_p50": _p50(covered, "after_retrieval_ms"),
        "after_retrieval_ms_max": max(r["after_retrieval_ms"] for r in covered),
        "first_section_ms_p50": _p50(covered, "first_section_ms"), "total_ms_p50": _p50(rows, "total_ms"),
        "rows": rows}}
    if args.llm:
        from assistant.backends.llm import make_local_chat

        chat = make_local_chat(settings)
        list(stream_text(chat, "You are a helpful assistant.", "Say OK.", 4))  # loads the model
        wanted = set(filter(None, args.ids.split(","))) or {r["id"] for r in covered}
        llm_rows = []
        for req in (r for r in requests if r.id in wanted):
            counting = Counting(chat)
            row = _run(warta, req, counting)
            row.update({"calls": counting.calls, "prompt_tokens": counting.prompt_tokens,
                        "generated_tokens": counting.pieces})
            llm_rows.append(row)
            print(json.dumps(row), file=sys.stderr, flush=True)
        report["llm"] = {"model": settings.llm_model, "threads": settings.llm_threads,
                         "total_ms_p50": _p50(llm_rows, "total_ms"), "total_ms_max": max(r["total_ms"] for r in llm_rows),
                         "first_section_ms_p50": _p50(llm_rows, "first_section_ms"),
                         "llm_ms_p50": _p50(llm_rows, "llm_ms"), "prompt_tokens_p50": _p50(llm_rows, "prompt_tokens"),
                         "generated_tokens_p50": _p50(llm_rows, "generated_tokens"), "rows": llm_rows}
    text = json.dumps(report, indent=2, ensure_ascii=False)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
