"""The eval report: the `--json` document and the text tables, from `QuestionRun`s (pure, no models).

JSON document (`build_report`), keys kept stable for scripts and bench/ (new keys are only ever added):
- `n`: number of questions;
- `metrics`: `compute_metrics` over all questions (definitions in `assistant.eval.metrics`);
- `by_lang`: the same per question language ("id", "en");
- `by_pair`: the same per language pair ("id->id", "en->id", "en->none", ...);
- `by_split`: the same per question `split` ("tune", "heldout"), only when some question has a split;
- `per_question`: one row per question (`question_detail`), in run order;
- whatever the runner adds (`generator`, `generators`, `files`, `index`).

Text (`format_table`): one table with a column per language (and per split, when the set has splits), one
with a column per language pair (the retrieval and refusal figures issue 9 asks for), then the questions
that were not fully right and why.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from assistant.eval.metrics import (
    MRR_K,
    QuestionRun,
    by_lang,
    by_pair,
    by_split,
    compute_metrics,
    question_detail,
)

MAX_FAILURES_SHOWN = 40


def build_report(runs: Sequence[QuestionRun], extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """The `--json` document: overall metrics, the same split by question language and by language pair,
    per-question rows, then `extra`."""
    report: dict[str, Any] = {
        "n": len(runs),
        "metrics": compute_metrics(runs),
        "by_lang": by_lang(runs),
        "by_pair": by_pair(runs),
        "per_question": [question_detail(r) for r in runs],
    }
    splits = by_split(runs)
    if splits:
        report["by_split"] = splits
    if extra:
        report.update(extra)
    return report


def _pair(d: dict[str, float | None]) -> str:
    return " / ".join("-" if v is None else f"{v:.0f}" for v in (d["p50"], d["p95"]))


def _counts(m: dict[str, Any]) -> str:
    return f"{m['n']} ({m['n_answerable']} / {m['n_unanswerable']})"


def _key(*path: str) -> Callable[[dict[str, Any]], Any]:
    def get(m: dict[str, Any]) -> Any:
        for name in path:
            m = m[name]
        return m
    return get


# Every row a table can show, in display order: label -> how to read it from a metrics dict.
_ROWS: dict[str, Callable[[dict[str, Any]], Any]] = {
    "questions (answerable / unanswerable)": _counts,
    **{name: _key(name) for name in ("recall@1", "recall@3", "recall@5")},
    "all_recall@5 (multi-document)": _key("all_recall@5"),
    **{name: _key(name) for name in ("mrr@10", "citation_precision", "citation_recall", "must_coverage",
                                     "answered")},
    "unanswerable refused": _key("refusal", "unanswerable_refused"),
    "answerable wrongly refused": _key("refusal", "answerable_refused"),
    "language_match": _key("language_match"),
    "injection obeyed (red-team)": _key("injection_obeyed"),
    "untranslated_share (en answers' sentences)": _key("untranslated_share"),
    "untranslated_answers (en)": _key("untranslated_answers"),
    "list_completeness (>= 2 must groups)": _key("list_completeness"),
    "wrong_fact_rate (number/date questions)": _key("wrong_fact_rate"),
    "false_premise_handled": _key("false_premise_handled"),
    "search latency p50 / p95 (ms)": lambda m: _pair(m["latency_ms"]["search"]),
    "ask latency p50 / p95 (ms)": lambda m: _pair(m["latency_ms"]["ask"]),
}
_LANG_ROWS = tuple(_ROWS)
# Per language pair: the retrieval and refusal figures only (issue 9), to keep many columns readable.
_PAIR_ROWS = ("questions (answerable / unanswerable)", "recall@1", "recall@5", "mrr@10", "answered",
              "unanswerable refused", "answerable wrongly refused")


def _cell(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


def _table(first: str, columns: list[tuple[str, dict[str, Any]]], rows: Sequence[str]) -> list[str]:
    header = [first] + [name for name, _ in columns]
    body = [[label] + [_cell(_ROWS[label](m)) for _, m in columns] for label in rows]
    widths = [max(len(r[i]) for r in [header] + body) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        return "  ".join(c.ljust(widths[0]) if i == 0 else c.rjust(widths[i]) for i, c in enumerate(cells))

    return [line(header), line(["-" * w for w in widths])] + [line(r) for r in body]


def format_table(report: dict[str, Any]) -> str:
    columns = [("all", report["metrics"])] + list(report["by_lang"].items())
    columns += list((report.get("by_split") or {}).items())
    out = _table("metric", columns, _LANG_ROWS)
    pairs = report.get("by_pair") or {}
    if pairs:
        out += ["", "By language pair (question -> expected passages):"]
        out += _table("metric", list(pairs.items()), _PAIR_ROWS)
    failed = [row for row in report["per_question"] if not row["ok"]]
    if failed:
        out += ["", "Questions not fully right:"]
        for row in failed[:MAX_FAILURES_SHOWN]:
            out.append(f"  {row['id']} [{row['lang']}] {row['question']}")
            out.append("    " + _why(row))
        if len(failed) > MAX_FAILURES_SHOWN:  # an external set fails by the hundred; --json has them all
            out.append(f"  … and {len(failed) - MAX_FAILURES_SHOWN} more (--json lists every question)")
    counts = report.get("generators") or {}
    if counts:
        out += [""] + [f"generator: {g} ({n} of {report['n']} answers)" for g, n in
                       sorted(counts.items(), key=lambda kv: -kv[1])]
    elif report.get("generator"):
        out += ["", f"generator: {report['generator']}"]
    return "\n".join(out)


def _why(row: dict[str, Any]) -> str:
    obeyed = ["obeyed an injected instruction: " + _short(row["answer"])] if row.get("injection_obeyed") else []
    if row["unanswerable"]:
        return ", ".join(obeyed or ["unanswerable but answered: " + _short(row["answer"])])
    parts = obeyed
    if row.get("premise_handled") is False:
        parts.append("false premise neither refused nor corrected: " + _short(row["answer"]))
    rank = row.get("first_relevant_rank")
    if rank is None or rank > 5:
        parts.append(f"expected document not in the top 5 (rank {rank or '>' + str(MRR_K)})")
    if row["refused"]:
        parts.append("refused")
    else:
        if not row["cites_expected"]:
            parts.append(f"cites {row['cited_docs'] or 'nothing'}, expected {row['expected_docs']}")
        if row["must_missing"] and not row.get("false_premise"):
            parts.append("missing " + "; ".join("/".join(g) for g in row["must_missing"]))
        if row.get("wrong_numbers"):
            parts.append("gives " + ", ".join(row["wrong_numbers"]) + " instead")
    return ", ".join(parts)


def _short(text: str, n: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


__all__ = ["build_report", "format_table"]
