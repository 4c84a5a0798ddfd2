"""Charts and tables from bench/results/*.json (numbers are only ever read from there).

Writes bench/results/peers.png, bench/results/scale.png, bench/results/peers-facqa.png (also drawn by bench/peers.py right after a
FacQA run), bench/results/latency.png and bench/results/tables.md, and replaces the block between the `tables:start` / `tables:end` markers of bench/REPORT.md with the same tables. Missing
result files are skipped.

    .venv/bin/python bench/report.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import RESULTS  # noqa: E402

PEER_LABELS = {"langchain": "LangChain recipe (MiniLM)", "langchain_gemma": "LangChain recipe (EmbeddingGemma)",
               "bm25": "BM25 alone", "warta": "Warta"}


def load(name: str) -> dict[str, Any] | None:
    path = RESULTS / f"{name}.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):  # missing, or still being written
        return None


def f2(x: Any) -> str:
    return "-" if x is None else (f"{x:.2f}" if isinstance(x, float) else str(x))


def n0(x: Any) -> str:
    return "-" if x is None else f"{x:,.0f}"


def ld(result: dict[str, Any]) -> str:
    """The 1-minute load average when the run started (2 cores: above 2 means contention)."""
    x = result.get("machine", {}).get("loadavg_1m_at_start")
    return "?" if x is None else f"{x:.1f}"


def peers_chart(peers: dict[str, Any]) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    corpora = list(peers["corpora"])
    fig, axes = plt.subplots(1, len(corpora), figsize=(6.5 * len(corpora), 4.2), sharey=True, squeeze=False)
    metrics = [("recall@1", "id"), ("recall@1", "en"), ("recall@5", "id"), ("recall@5", "en"),
               ("mrr@10", "id"), ("mrr@10", "en")]
    for ax, cname in zip(axes[0], corpora):
        c = peers["corpora"][cname]
        names = list(c["peers"])
        width = 0.8 / len(names)
        for i, name in enumerate(names):
            vals = [c["peers"][name]["by_lang"][lang][m] for m, lang in metrics]
            xs = [j + (i - (len(names) - 1) / 2) * width for j in range(len(metrics))]
            ax.bar(xs, vals, width, label=PEER_LABELS.get(name, name))
        ax.set_xticks(range(len(metrics)))
        ax.set_xticklabels([f"{m}\n{lang}" for m, lang in metrics], fontsize=8)
        ax.set_ylim(0, 1.05)
        ax.set_title(f"{cname}: {c['documents']} documents", fontsize=10)
        ax.grid(axis="y", alpha=0.3)
    axes[0][0].set_ylabel("share of answerable dev questions")
    handles, labels = axes[0][0].get_legend_handles_labels()
    fig.legend(handles, labels, fontsize=8, loc="lower center", ncol=len(labels))
    fig.suptitle("Retrieval on the dev set by question language (distinct documents)", fontsize=11)
    fig.tight_layout(rect=(0, 0.07, 1, 1))
    fig.savefig(RESULTS / "peers.png", dpi=110)
    plt.close(fig)


FACQA_METRICS = (("recall@1", "recall@1"), ("recall@5", "recall@5"), ("mrr@10", "MRR@10"))
FACQA_SPLIT_ORDER = ("tune", "heldout")  # tune first: heldout, the reported one, reads last (rightmost)


def facqa_chart(result: dict[str, Any], path: Path) -> None:
    """Grouped bars from a peers-facqa*.json: one panel per split, a group per (metric, language pair), a
    bar per peer. Skipped for an empty or unfinished result."""
    splits = [s for s in FACQA_SPLIT_ORDER if s in (result.get("splits") or {})]
    peers = result.get("peers") or {}
    if not splits or not peers:
        return
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    pairs = [p for p in ("id->id", "en->id")
             if any(p in x["splits"][s]["by_pair"] for x in peers.values() for s in splits if s in x["splits"])]
    groups = [(m, label, pair) for pair in pairs for m, label in FACQA_METRICS]  # by pair, as the table reads
    fig, axes = plt.subplots(1, len(splits), figsize=(7 * len(splits), 4.4), sharey=True, squeeze=False)
    names = list(peers)
    width = 0.8 / len(names)
    for ax, split in zip(axes[0], splits):
        for i, name in enumerate(names):
            by_pair = peers[name]["splits"].get(split, {}).get("by_pair", {})
            vals = [by_pair.get(pair, {}).get(m) or 0.0 for m, _, pair in groups]
            xs = [j + (i - (len(names) - 1) / 2) * width for j in range(len(groups))]
            bars = ax.bar(xs, vals, width, label=PEER_LABELS.get(name, name), color=f"C{i}")
            ax.bar_label(bars, labels=[f"{v:.2f}" for v in vals], fontsize=5.5, padding=1, rotation=90)
        ax.set_xticks(range(len(groups)))
        ax.set_xticklabels([f"{label}\n{pair.replace('->', '→')}" for _, label, pair in groups], fontsize=8)
        ax.set_ylim(0, 1.12)
        counts = result["splits"][split].get("by_pair", {})
        n = ", ".join(f"{pair.replace('->', '→')} {counts.get(pair, '?')}" for pair in pairs)
        ax.set_title(f"{split}{' (reported, never tuned on)' if split == 'heldout' else ''}: {n} questions",
                     fontsize=10)
        ax.grid(axis="y", alpha=0.3)
    axes[0][0].set_ylabel("share of answerable questions")
    handles, labels = axes[0][0].get_legend_handles_labels()
    fig.legend(handles, labels, fontsize=8, loc="lower center", ncol=len(labels))
    fig.suptitle(f"FacQA retrieval by language pair ({result.get('documents', '?')} Indonesian news passages; "
                 "distinct documents)", fontsize=11)
    fig.tight_layout(rect=(0, 0.07, 1, 1))
    fig.savefig(path, dpi=110)
    plt.close(fig)


def facqa_table(result: dict[str, Any]) -> list[str]:
    """Rows per split and peer: recall@1 / recall@5 / MRR@10 for each language pair."""
    splits = [s for s in FACQA_SPLIT_ORDER if s in (result.get("splits") or {})]
    if not splits or not result.get("peers"):
        return []
    pairs = ("id->id", "en->id")
    out = [(f"### Peers on FacQA ({result['documents']} Indonesian news passages; answerable questions of "
            f"tests/data/facqa, heldout = reported, never tuned on; commit {result['machine']['commit']}, "
            f"load {ld(result)})\n")]
    out.append("| split | peer | " + " | ".join(f"{p.replace('->', '→')} recall@1 / @5 / MRR@10" for p in pairs)
               + " | search p50 ms | vs Warta |")
    out.append("|---|---|" + "---|" * len(pairs) + "---:|---:|")
    for split in splits:
        counts = result["splits"][split].get("by_pair", {})
        label = f"{split} ({' + '.join(str(counts.get(p, 0)) for p in pairs)})"
        for name, peer in result["peers"].items():
            s = peer["splits"].get(split)
            if not s:
                continue
            cells = []
            for p in pairs:
                m = s["by_pair"].get(p, {})
                cells.append(" / ".join(f2(m.get(k)) for k in ("recall@1", "recall@5", "mrr@10")))
            out.append(f"| {label} | {PEER_LABELS.get(name, name)} | " + " | ".join(cells)
                       + f" | {f2(s['search_ms']['p50'])} | {f2(s.get('search_p50_vs_warta'))}x |")
    warta = result["peers"].get("warta", {})
    if warta.get("index_dir"):
        out.append(f"\nWarta read the existing index {warta['index_dir']} (built {warta.get('index_built')}, "
                   f"{warta.get('documents_indexed')} of {result['documents']} passages indexed).")
    out.append("")
    return out


def latency_chart(query: dict[str, Any]) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sizes = sorted(query["sizes"], key=int)
    xs = [int(s) for s in sizes]
    fig, ax = plt.subplots(figsize=(7, 4.2))
    for mode, style in (("unfiltered", "-"), ("date_filter", "--")):
        for key, label, color in (("warta_search_ms", "Warta search", "C3"),
                                  ("warta_without_embedding_ms", "Warta minus query embedding", "C1"),
                                  ("raw_chroma_query_ms", "raw Chroma query", "C0")):
            ys = [query["sizes"][s][mode][key]["p50"] for s in sizes]
            ax.plot(xs, ys, style, color=color, marker="o", label=f"{label} ({mode.replace('_', ' ')})")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("chunks in the store")
    ax.set_ylabel("p50 latency (ms)")
    ax.set_title("Search latency against corpus size", fontsize=11)
    ax.grid(alpha=0.3, which="both")
    ax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(RESULTS / "latency.png", dpi=110)
    plt.close(fig)


def scale_chart(scale: dict[str, Any]) -> None:
    """bench/scale.py: p50 latency and recall of the dense candidates against size, per window."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sizes = sorted(scale["sizes"], key=lambda r: r["chunks"])
    xs = [r["chunks"] for r in sizes]
    fig, (lat, rec) = plt.subplots(1, 2, figsize=(10, 4.2))
    windows = [w for w in ("unfiltered", "week", "month", "year", "all_dated") if w in sizes[0]]
    for i, w in enumerate(windows):
        color = f"C{i}"
        lat.plot(xs, [r[w]["warta"]["dense_and_keyword_latency_ms"]["p50"] for r in sizes], "-", marker="o",
                 color=color, label=f"Warta dense+keyword ({w})")
        lat.plot(xs, [r[w]["chroma_hnsw"]["latency_ms"]["p50"] for r in sizes], "--", marker="x", color=color,
                 label=f"raw Chroma HNSW ({w})")
        rec.plot(xs, [r[w]["warta"]["recall_at_40"] for r in sizes], "-", marker="o", color=color, label=f"Warta ({w})")
        rec.plot(xs, [r[w]["chroma_hnsw"]["recall_at_40"] for r in sizes], "--", marker="x", color=color,
                 label=f"Chroma ({w})")
    for ax in (lat, rec):
        ax.set_xscale("log")
        ax.set_xlabel("chunks")
        ax.grid(alpha=0.3, which="both")
    lat.set_yscale("log")
    lat.set_ylabel("p50 ms beyond the query embedding")
    lat.set_title("Search latency", fontsize=11)
    rec.set_ylabel("recall of the exact top-40")
    rec.set_title("Dense recall", fontsize=11)
    lat.legend(fontsize=6)
    fig.tight_layout()
    fig.savefig(RESULTS / "scale.png", dpi=110)
    plt.close(fig)


EVAL_ROWS = [
    ("recall@1", lambda m: m["recall@1"]), ("recall@5", lambda m: m["recall@5"]),
    ("all_recall@5 (multi-document)", lambda m: m["all_recall@5"]), ("MRR@10", lambda m: m["mrr@10"]),
    ("citation precision", lambda m: m["citation_precision"]), ("citation recall", lambda m: m["citation_recall"]),
    ("must coverage", lambda m: m["must_coverage"]),
    ("unanswerable refused", lambda m: m["refusal"]["unanswerable_refused"]),
    ("answerable wrongly refused", lambda m: m["refusal"]["answerable_refused"]),
    ("answer in the question's language", lambda m: m["language_match"]),
    ("search ms, p50 (p95)", lambda m: "{:.0f} ({:.0f})".format(m["latency_ms"]["search"]["p50"], m["latency_ms"]["search"]["p95"])),
    ("ask ms, p50 (p95)", lambda m: "{:.0f} ({:.0f})".format(m["latency_ms"]["ask"]["p50"], m["latency_ms"]["ask"]["p95"])),
]


def eval_table() -> list[str]:
    """The README block: `warta eval --json` outputs saved as results/eval-<generator>.json."""
    runs = [(name, load(f"eval-{name}")) for name in ("llm", "extractive")]
    runs = [(n, r) for n, r in runs if r]
    if not runs:
        return []
    first = runs[0][1]
    m = first["metrics"]
    out = [f"### `warta eval tests/data/dev_qa.jsonl` ({m['n']} questions: {m['n_answerable']} answerable, "
           f"{m['n_unanswerable']} unanswerable; {first['by_lang'].get('id', {}).get('n', 0)} Indonesian, "
           f"{first['by_lang'].get('en', {}).get('n', 0)} English)\n"]
    out.append("| metric | " + " | ".join(f"{'LLM' if n == 'llm' else n}: all / id / en" for n, _ in runs) + " |")
    out.append("|---|" + "---|" * len(runs))
    for label, get in EVAL_ROWS:
        cells = []
        for _, r in runs:
            vals = [r["metrics"]] + [r["by_lang"][lang] for lang in ("id", "en") if lang in r["by_lang"]]
            cells.append(" / ".join(f2(get(v)) for v in vals))
        out.append(f"| {label} | " + " | ".join(cells) + " |")
    out.append("\nLatencies are steady-state (models loaded first). `ask` is timed right after `search` of the same "
               "question, whose query vector the embedder caches, so the ask times exclude embedding the question "
               "(~150 ms); a cold `warta ask` process is measured in `memory.json`.")
    for name, r in runs:
        counts = r.get("generators") or {}
        if not counts:  # older outputs: count the per-question generators
            for row in r["per_question"]:
                counts[row.get("generator") or "?"] = counts.get(row.get("generator") or "?", 0) + 1
        out.append(f"\n{'LLM' if name == 'llm' else name} run, answers by generator: "
                   + "; ".join(f"`{g}` {n}" for g, n in sorted(counts.items(), key=lambda kv: -kv[1])))
    out.append("")
    return out


def tables() -> str:
    out: list[str] = eval_table()
    peers = load("peers")
    if peers:
        peers_chart(peers)
        out.append(f"### Peers ({peers['questions']} answerable dev questions; commit {peers['machine']['commit']}, "
                   f"load {ld(peers)})\n")
        out.append("| corpus | peer | chunks | recall@1 id / en | recall@5 id / en | MRR@10 id / en | MRR@10 all | "
                   "search p50 ms | vs Warta |")
        out.append("|---|---|---:|---|---|---|---:|---:|---:|")
        for cname, c in peers["corpora"].items():
            for name, p in c["peers"].items():
                b = p["by_lang"]
                out.append(
                    f"| {cname} ({c['documents']} docs) | {PEER_LABELS.get(name, name)} | {p['chunks']} | "
                    f"{f2(b['id']['recall@1'])} / {f2(b['en']['recall@1'])} | "
                    f"{f2(b['id']['recall@5'])} / {f2(b['en']['recall@5'])} | "
                    f"{f2(b['id']['mrr@10'])} / {f2(b['en']['mrr@10'])} | {f2(p['all']['mrr@10'])} | "
                    f"{f2(p['search_ms']['p50'])} | {f2(p.get('search_p50_vs_warta'))}x |")
        out.append("")
    facqa = load("peers-facqa")
    if facqa:
        facqa_chart(facqa, RESULTS / "peers-facqa.png")
        out.extend(facqa_table(facqa))
    ingest = load("ingest")
    if ingest:
        r, i, c = ingest["raw_encode_same_batches"], ingest["index"], ingest["corpus"]
        e = ingest["one_file_edit_reindex"]
        out.append(f"### Ingest (commit {ingest['machine']['commit']}, load {ld(ingest)})\n")
        out.append("| corpus | texts embedded | Warta index | inside the model | outside the model | raw model, same batches "
                   "| index / raw rate | no-change re-index | one-file edit re-index |")
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
        out.append(f"| {c['documents']} docs, {c['chunks']} chunks | {c['embedded_texts']} "
                   f"({f2(c['embedded_texts_per_chunk'])} per chunk) | {f2(i['seconds'])} s = "
                   f"{f2(i['chunks_per_s'])} chunks/s | {f2(i['inside_embedder_s'])} s | "
                   f"{f2(ingest['pipeline_overhead_s'])} s | {f2(r['seconds'])} s = {f2(r['chunks_per_s'])} chunks/s | "
                   f"{f2(ingest['index_vs_raw_rate'])} | {f2(ingest['noop_reindex']['seconds'])} s (embedded "
                   f"{ingest['noop_reindex']['embedded']}) | {f2(e['seconds'])} s (embedded {e['embedded']} chunk, "
                   f"{e['texts_embedded']} texts) |")
        out.append("")
    query = load("query")
    if query:
        latency_chart(query)
        out.append(f"### Query latency (p50 / p95 ms; {query['queries_per_mode']} queries per cell; commit "
                   f"{query['machine']['commit']}, load {ld(query)})\n")
        out.append("| chunks | filter | Warta search | of which query embedding | Warta minus embedding | raw Chroma | "
                   "Warta minus embedding / raw | Chroma dense recall@40 vs exact | retriever start-up s |")
        out.append("|---:|---|---|---:|---|---|---:|---:|---:|")
        for size, row in sorted(query["sizes"].items(), key=lambda kv: int(kv[0])):
            for mode in ("unfiltered", "date_filter"):
                m = row[mode]
                out.append(
                    f"| {int(size):,} | {mode.replace('_', ' ')} | {f2(m['warta_search_ms']['p50'])} / "
                    f"{f2(m['warta_search_ms']['p95'])} | {m['query_embedding_share_p50'] * 100:.0f} % | "
                    f"{f2(m['warta_without_embedding_ms']['p50'])} / {f2(m['warta_without_embedding_ms']['p95'])} | "
                    f"{f2(m['raw_chroma_query_ms']['p50'])} / {f2(m['raw_chroma_query_ms']['p95'])} | "
                    f"{f2(m['warta_without_embedding_vs_raw_chroma_p50'])}x | "
                    f"{f2(m['chroma_dense_recall@40_vs_exact'])} | {f2(row['retriever_startup_s'])} |")
        out.append("")
    answer = load("answer")
    if answer:
        x = answer["extractive"]
        out.append(f"### Answer (commit {answer['machine']['commit']}, load {ld(answer)})\n")
        out.append(f"- extractive `ask`: p50 {n0(x['ask_ms']['p50'])} ms, p95 {n0(x['ask_ms']['p95'])} ms over "
                   f"{x['questions']} questions; parts (p50 ms): "
                   + ", ".join(f"{k} {f2(v)}" for k, v in x["parts_p50_ms"].items()))
        llm = answer["llm"]
        pr = llm.get("prompts", {})
        if pr.get("n"):
            out.append(f"- prompt Warta sends the LLM: p50 {n0(pr['prompt_words']['p50'])} words / "
                       f"{n0(pr['prompt_chars']['p50'])} characters (p95 {n0(pr['prompt_chars']['p95'])})")
        if llm.get("ttft_ms"):
            out.append(f"- LLM ({llm.get('threads')} threads): time to first token p50 {n0(llm['ttft_ms']['p50'])} ms "
                       f"(p95 {n0(llm['ttft_ms']['p95'])}), prompt p50 {n0(llm['prompt_tokens']['p50'])} tokens, "
                       f"prefill p50 {f2(llm['prefill_tokens_per_s']['p50'])} tokens/s, generation p50 "
                       f"{f2(llm['gen_tokens_per_s']['p50'])} tokens/s, whole ask p50 {n0(llm['ask_ms']['p50'])} ms")
        else:
            out.append(f"- LLM: {llm.get('note', 'not measured')}")
        out.append("")
    memory = load("memory")
    if memory:
        out.append(f"### Memory and cold start (commit {memory['machine']['commit']}, load "
                   f"{ld(memory)})\n")
        s = memory.get("server")
        if s:
            out.append(f"- `warta serve` (generator {s['generator']}, answered by {s['answer_generator']}): HTTP up in "
                       f"{f2(s['startup_to_http_s'])} s, RSS {n0(s['rss_before_question_mb'])} MB before the first "
                       f"question, {n0(s['rss_after_warmup_mb'])} MB after two, peak (VmHWM) {n0(s['peak_rss_mb'])} MB; "
                       f"first question {f2(s['first_question_s'])} s, second {f2(s['second_question_s'])} s")
        for c in memory["cold_start"]:
            out.append(f"- cold `{c['command']}` (generator {c['generator']}): median {f2(c['wall_s']['p50'])} s "
                       f"over {c['wall_s']['n']} runs")
        out.append("")
    return "\n".join(out)


START, END = "<!-- tables:start (bench/report.py) -->", "<!-- tables:end -->"


def main() -> None:
    scale = load("scale")
    if scale and "warta" in str(scale.get("sizes", [{}])[0]):
        scale_chart(scale)
    text = tables()
    (RESULTS / "tables.md").write_text(text + "\n", encoding="utf-8")
    report = RESULTS.parent / "REPORT.md"
    if report.exists():
        doc = report.read_text(encoding="utf-8")
        if START in doc and END in doc:
            head, rest = doc.split(START, 1)
            _, tail = rest.split(END, 1)
            report.write_text(f"{head}{START}\n{text}\n{END}{tail}", encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
