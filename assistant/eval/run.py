"""`warta eval FILE.jsonl`: retrieval and answer quality on a question set.

Three layers, so the metrics can be tested without models:

1. `load_questions` / `parse_question`: the JSONL contract (one question per line; unknown fields ignored;
   a bad line raises `EvalFileError` naming the file and line).
2. `QuestionRun`: what one question produced (ranked document ids of search, the answer, its citations,
   latencies). `run_question` fills it from a `Warta`; tests build it by hand.
3. Pure metric functions (`recall_at_k`, `reciprocal_rank`, `must_satisfied`, `percentile`,
   `compute_metrics`, `build_report`) over lists of `QuestionRun`.

Definitions (denominators in brackets; a metric with an empty denominator is null):
- recall@k [answerable]: at least one expected document among the top-k distinct documents of search.
- all_recall@5 [answerable with >= 2 expected documents]: every expected document in the top 5.
- mrr@10 [answerable]: mean of 1/rank of the first expected document among the top-10 distinct documents.
- citation_precision [citations of answered answerable questions, pooled]: share pointing to an expected
  document.
- citation_recall [answerable]: the answer cites at least one expected document (a refusal cites none).
- must_coverage [answerable with `must` groups]: not refused, and every group has one alternative in the
  answer text (case-insensitive, whitespace-normalised substring).
- refusal: unanswerable_refused [unanswerable], answerable_refused [answerable].
- language_match [questions with a non-empty answer, refusals included]: the answer text, citation
  markers stripped, is detected as the question's `lang`.
- latency_ms: p50/p95 of the wall time of `search` and of `ask` (ask includes its own search), after a
  warm-up that loads the models (`warta eval` measures steady state; cold start is measured in bench/).
  `ask` runs right after `search` of the same question, so it reuses the embedder's cached query vector.
"""

from __future__ import annotations

import json
import math
import re
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.errors import EvalFileError

# Hits asked of search per question: enough for 10 distinct documents even at 3 chunks per document.
SEARCH_K = 30
RECALL_KS = (1, 3, 5)
MRR_K = 10
LANGS = ("id", "en")



# 1. The question file ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Question:
    id: str
    lang: str  # "id" | "en"
    question: str
    docs: tuple[str, ...] = ()
    must: tuple[tuple[str, ...], ...] = ()
    unanswerable: bool = False
    briefing: bool = False


def _fail(where: str, message: str) -> EvalFileError:
    return EvalFileError(f"{where}: {message}")


def _string_list(value: Any, where: str, name: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _fail(where, f"`{name}` must be a list of non-empty strings")
    return tuple(v.strip() for v in value)


def parse_question(line: str, where: str = "line") -> Question:
    """One JSONL line -> Question. `where` (e.g. "qa.jsonl:7") prefixes every error message."""
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise _fail(where, f"not valid JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(data, dict):
        raise _fail(where, "expected a JSON object")
    for key in ("id", "lang", "question"):
        if key not in data:
            raise _fail(where, f"missing required field `{key}`")
    qid = data["id"]
    if not isinstance(qid, (str, int)) or isinstance(qid, bool) or not str(qid).strip():
        raise _fail(where, "`id` must be a non-empty string")
    lang = data["lang"]
    if lang not in LANGS:
        raise _fail(where, f"`lang` must be \"id\" or \"en\", not {lang!r}")
    question = data["question"]
    if not isinstance(question, str) or not question.strip():
        raise _fail(where, "`question` must be a non-empty string")
    unanswerable = data.get("unanswerable", False)
    briefing = data.get("briefing", False)
    for name, value in (("unanswerable", unanswerable), ("briefing", briefing)):
        if not isinstance(value, bool):
            raise _fail(where, f"`{name}` must be true or false")
    docs = _string_list(data.get("docs", []), where, "docs")
    raw_must = data.get("must", [])
    if not isinstance(raw_must, list):
        raise _fail(where, "`must` must be a list of groups (lists of alternative strings)")
    must = []
    for i, group in enumerate(raw_must):
        if isinstance(group, str):  # a lone string is a group of one
            group = [group]
        if not isinstance(group, list) or not group:
            raise _fail(where, f"`must` group {i + 1} must be a non-empty list of strings")
        must.append(_string_list(group, where, f"must[{i}]"))
    if not unanswerable and not docs:
        raise _fail(where, "an answerable question needs at least one expected document in `docs` "
                           "(or set \"unanswerable\": true)")
    return Question(id=str(qid).strip(), lang=lang, question=question.strip(), docs=docs, must=tuple(must),
                    unanswerable=unanswerable, briefing=briefing)


def load_questions(path: Path) -> list[Question]:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise EvalFileError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise EvalFileError(f"{path}: cannot read it ({exc})") from None
    questions: list[Question] = []
    seen: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        q = parse_question(line, where)
        if q.id in seen:
            raise _fail(where, f"duplicate id {q.id!r} (first on line {seen[q.id]})")
        seen[q.id] = number
        questions.append(q)
    if not questions:
        raise EvalFileError(f"{path}: no questions in the file")
    return questions


# 2. What one question produced --------------------------------------------------------------------------
@dataclass(frozen=True)
class QuestionRun:
    question: Question
    ranked_docs: tuple[str, ...]  # doc_id of every search hit, best first (may repeat)
    answer: str
    refused: bool
    cited_docs: tuple[str, ...]  # doc_id of every citation of the answer, in order
    answer_lang: str | None  # detected language of the answer text; None when it is empty
    search_ms: float = 0.0
    ask_ms: float = 0.0
    generator: str = ""


# 3. Pure metrics ---------------------------------------------------------------------------------------
_MARKER = re.compile(r"\s*\[\d+(?:\s*[,;–-]\s*\d+)*\]")


def strip_markers(text: str) -> str:
    """Remove citation markers such as [1], [2, 3], [1-2]."""
    return re.sub(r"[ \t]{2,}", " ", _MARKER.sub("", text)).strip()


def distinct(ids: Iterable[str]) -> list[str]:
    """Unique ids in first-seen order."""
    seen: set[str] = set()
    out = []
    for i in ids:
        if i not in seen:
            seen.add(i)
            out.append(i)
    return out


def first_relevant_rank(ranked_docs: Sequence[str], expected: Iterable[str]) -> int | None:
    """1-based rank of the first expected document among the distinct ranked documents."""
    expected = set(expected)
    for rank, doc in enumerate(distinct(ranked_docs), start=1):
        if doc in expected:
            return rank
    return None


def recall_at_k(ranked_docs: Sequence[str], expected: Iterable[str], k: int) -> bool:
    rank = first_relevant_rank(ranked_docs, expected)
    return rank is not None and rank <= k


def all_recall_at_k(ranked_docs: Sequence[str], expected: Iterable[str], k: int) -> bool:
    top = set(distinct(ranked_docs)[:k])
    return set(expected) <= top


def reciprocal_rank(ranked_docs: Sequence[str], expected: Iterable[str], k: int = MRR_K) -> float:
    rank = first_relevant_rank(ranked_docs, expected)
    return 1.0 / rank if rank is not None and rank <= k else 0.0


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


def missing_must(answer: str, must: Sequence[Sequence[str]]) -> list[list[str]]:
    """The `must` groups none of whose alternatives appears in the answer."""
    text = _norm(answer)
    return [list(g) for g in must if not any(_norm(alt) in text for alt in g)]


def must_satisfied(answer: str, must: Sequence[Sequence[str]]) -> bool:
    return not missing_must(answer, must)


def percentile(values: Sequence[float], p: float) -> float | None:
    """Linear-interpolated percentile (numpy's default method); None for no values."""
    if not values:
        return None
    xs = sorted(values)
    pos = (len(xs) - 1) * p / 100.0
    lo, hi = math.floor(pos), math.ceil(pos)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


def _share(hits: int, total: int) -> float | None:
    return hits / total if total else None


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def question_detail(run: QuestionRun) -> dict[str, Any]:
    """Per-question verdicts (the `per_question` rows of the report)."""
    q = run.question
    expected = set(q.docs)
    docs = distinct(run.ranked_docs)
    row: dict[str, Any] = {
        "id": q.id, "lang": q.lang, "question": q.question, "unanswerable": q.unanswerable,
        "briefing": q.briefing, "expected_docs": list(q.docs), "retrieved_docs": docs[:MRR_K],
        "answer": run.answer, "refused": run.refused, "generator": run.generator,
        "cited_docs": list(run.cited_docs), "answer_lang": run.answer_lang,
        "language_ok": None if run.answer_lang is None else run.answer_lang == q.lang,
        "search_ms": round(run.search_ms, 1), "ask_ms": round(run.ask_ms, 1),
    }
    if q.unanswerable:
        row["ok"] = run.refused
        return row
    rank = first_relevant_rank(run.ranked_docs, expected)
    cites_expected = [d in expected for d in run.cited_docs]
    missing = missing_must(run.answer, q.must)
    row.update({
        "first_relevant_rank": rank,
        "citations_correct": sum(cites_expected),
        "citations_total": len(cites_expected),
        "cites_expected": any(cites_expected),
        "must_missing": missing,
        "must_ok": (not run.refused and not missing) if q.must else None,
    })
    row["ok"] = (not run.refused and row["cites_expected"] and row["must_ok"] is not False
                 and rank is not None and rank <= 5)
    return row


def compute_metrics(runs: Sequence[QuestionRun]) -> dict[str, Any]:
    """All metrics over a set of runs (see the module docstring for definitions)."""
    answerable = [r for r in runs if not r.question.unanswerable]
    unanswerable = [r for r in runs if r.question.unanswerable]
    multi = [r for r in answerable if len(set(r.question.docs)) >= 2]
    with_must = [r for r in answerable if r.question.must]
    answered = [r for r in answerable if not r.refused]

    m: dict[str, Any] = {"n": len(runs), "n_answerable": len(answerable), "n_unanswerable": len(unanswerable)}
    for k in RECALL_KS:
        m[f"recall@{k}"] = _share(sum(recall_at_k(r.ranked_docs, r.question.docs, k) for r in answerable),
                                  len(answerable))
    m["all_recall@5"] = _share(sum(all_recall_at_k(r.ranked_docs, r.question.docs, 5) for r in multi), len(multi))
    m["n_multi_doc"] = len(multi)
    m[f"mrr@{MRR_K}"] = _mean([reciprocal_rank(r.ranked_docs, r.question.docs, MRR_K) for r in answerable])

    cited = [d in set(r.question.docs) for r in answered for d in r.cited_docs]
    m["citation_precision"] = _share(sum(cited), len(cited))
    m["citation_recall"] = _share(
        sum((not r.refused) and any(d in set(r.question.docs) for d in r.cited_docs) for r in answerable),
        len(answerable))
    m["must_coverage"] = _share(sum((not r.refused) and must_satisfied(r.answer, r.question.must)
                                    for r in with_must), len(with_must))
    m["refusal"] = {
        "unanswerable_refused": _share(sum(r.refused for r in unanswerable), len(unanswerable)),
        "answerable_refused": _share(sum(r.refused for r in answerable), len(answerable)),
    }
    judged = [r for r in runs if r.answer_lang is not None]
    m["language_match"] = _share(sum(r.answer_lang == r.question.lang for r in judged), len(judged))
    m["latency_ms"] = {
        name: {"p50": _round(percentile(values, 50)), "p95": _round(percentile(values, 95))}
        for name, values in (("search", [r.search_ms for r in runs]), ("ask", [r.ask_ms for r in runs]))
    }
    return m


def _round(x: float | None, nd: int = 1) -> float | None:
    return None if x is None else round(x, nd)


def build_report(runs: Sequence[QuestionRun], extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """The `--json` document: overall metrics, the same split by question language, per-question rows."""
    report: dict[str, Any] = {
        "n": len(runs),
        "metrics": compute_metrics(runs),
        "by_lang": {lang: compute_metrics([r for r in runs if r.question.lang == lang])
                    for lang in LANGS if any(r.question.lang == lang for r in runs)},
        "per_question": [question_detail(r) for r in runs],
    }
    if extra:
        report.update(extra)
    return report


# Rendering ---------------------------------------------------------------------------------------------
_ROWS: tuple[tuple[str, Callable[[dict[str, Any]], Any]], ...] = (
    ("questions (answerable / unanswerable)", lambda m: f"{m['n']} ({m['n_answerable']} / {m['n_unanswerable']})"),
    ("recall@1", lambda m: m["recall@1"]),
    ("recall@3", lambda m: m["recall@3"]),
    ("recall@5", lambda m: m["recall@5"]),
    ("all_recall@5 (multi-document)", lambda m: m["all_recall@5"]),
    ("mrr@10", lambda m: m["mrr@10"]),
    ("citation_precision", lambda m: m["citation_precision"]),
    ("citation_recall", lambda m: m["citation_recall"]),
    ("must_coverage", lambda m: m["must_coverage"]),
    ("unanswerable refused", lambda m: m["refusal"]["unanswerable_refused"]),
    ("answerable wrongly refused", lambda m: m["refusal"]["answerable_refused"]),
    ("language_match", lambda m: m["language_match"]),
    ("search latency p50 / p95 (ms)", lambda m: _pair(m["latency_ms"]["search"])),
    ("ask latency p50 / p95 (ms)", lambda m: _pair(m["latency_ms"]["ask"])),
)


def _pair(d: dict[str, float | None]) -> str:
    return " / ".join("-" if v is None else f"{v:.0f}" for v in (d["p50"], d["p95"]))


def _cell(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


def format_table(report: dict[str, Any]) -> str:
    columns = [("all", report["metrics"])] + [(lang, m) for lang, m in report["by_lang"].items()]
    header = ["metric"] + [name for name, _ in columns]
    rows = [[label] + [_cell(get(m)) for _, m in columns] for label, get in _ROWS]
    widths = [max(len(r[i]) for r in [header] + rows) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        return "  ".join(c.ljust(widths[0]) if i == 0 else c.rjust(widths[i]) for i, c in enumerate(cells))

    out = [line(header), line(["-" * w for w in widths])] + [line(r) for r in rows]
    failed = [row for row in report["per_question"] if not row["ok"]]
    if failed:
        out += ["", "Questions not fully right:"]
        for row in failed:
            out.append(f"  {row['id']} [{row['lang']}] {row['question']}")
            out.append("    " + _why(row))
    counts = report.get("generators") or {}
    if counts:
        out += [""] + [f"generator: {g} ({n} of {report['n']} answers)" for g, n in
                       sorted(counts.items(), key=lambda kv: -kv[1])]
    elif report.get("generator"):
        out += ["", f"generator: {report['generator']}"]
    return "\n".join(out)


def _why(row: dict[str, Any]) -> str:
    if row["unanswerable"]:
        return "unanswerable but answered: " + _short(row["answer"])
    parts = []
    rank = row.get("first_relevant_rank")
    if rank is None or rank > 5:
        parts.append(f"expected document not in the top 5 (rank {rank or '>' + str(MRR_K)})")
    if row["refused"]:
        parts.append("refused")
    else:
        if not row["cites_expected"]:
            parts.append(f"cites {row['cited_docs'] or 'nothing'}, expected {row['expected_docs']}")
        if row["must_missing"]:
            parts.append("missing " + "; ".join("/".join(g) for g in row["must_missing"]))
    return ", ".join(parts)


def _short(text: str, n: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


# Running -----------------------------------------------------------------------------------------------
def _detect(text: str) -> str:
    from assistant.text import language as langid

    lang, _confidence = langid.detect(text)
    return lang


def answer_language(text: str, detect: Callable[[str], str | None] = _detect) -> str | None:
    """Language of an answer's prose (citation markers stripped); None for an empty answer."""
    body = strip_markers(text)
    return detect(body) if body else None


def run_question(warta: Any, q: Question, detect: Callable[[str], str | None] = _detect) -> QuestionRun:
    """Run search and ask for one question. `warta` is a `Warta` (or anything with the same two methods)."""
    t0 = time.perf_counter()
    result = warta.search(q.question, k=SEARCH_K)
    search_ms = (time.perf_counter() - t0) * 1000
    t0 = time.perf_counter()
    answer = warta.ask(q.question)
    ask_ms = (time.perf_counter() - t0) * 1000
    return QuestionRun(
        question=q,
        ranked_docs=tuple(h.chunk.doc_id for h in result.hits),
        answer=answer.answer,
        refused=bool(answer.refused),
        cited_docs=tuple(c.doc_id for c in answer.citations),
        answer_lang=answer_language(answer.answer, detect),
        search_ms=search_ms,
        ask_ms=ask_ms,
        generator=getattr(answer, "generator", ""),
    )


def warm_up(warta: Any) -> None:
    """Load the models and indexes before timing, so latencies are steady-state (cold start is `warta ask`'s
    own measure): a throwaway search loads the embedder and the retriever; the LLM, if any, is loaded."""
    warta.search("warm-up", k=1)
    generator = getattr(warta, "generator", None)
    if generator is not None and hasattr(type(generator), "llm"):
        getattr(generator, "llm")


def run_eval(warta: Any, questions: Sequence[Question], progress: Callable[[str], None] | None = None,
             detect: Callable[[str], str | None] = _detect) -> dict[str, Any]:
    runs = []
    for i, q in enumerate(questions, start=1):
        if progress:
            progress(f"[{i}/{len(questions)}] {q.id}: {q.question}")
        runs.append(run_question(warta, q, detect))
    counts: dict[str, int] = {}
    for r in runs:
        if r.generator:
            counts[r.generator] = counts.get(r.generator, 0) + 1
    main_generator = max(counts, key=lambda g: counts[g]) if counts else None
    return build_report(runs, extra={"generator": main_generator, "generators": counts})


def main(args: Any, settings: Any) -> int:
    """Entry point of `warta eval` (args.file, args.json, args.generator)."""
    questions = load_questions(args.file)  # a bad file fails before any model loads

    from assistant.service import Warta

    if getattr(args, "generator", None):
        settings = settings.model_copy(update={"generator": args.generator})
    warta = Warta(settings)
    progress = None if args.json else (lambda msg: print(msg, file=sys.stderr, flush=True))
    if progress:
        progress("loading models and index…")
    warm_up(warta)
    report = run_eval(warta, questions, progress=progress)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        print(format_table(report))
    return 0


__all__ = [
    "EvalFileError", "Question", "QuestionRun", "load_questions", "parse_question", "strip_markers",
    "distinct", "first_relevant_rank", "recall_at_k", "all_recall_at_k", "reciprocal_rank", "missing_must",
    "must_satisfied", "percentile", "compute_metrics", "question_detail", "build_report", "format_table",
    "run_question", "run_eval", "warm_up", "main",
]
