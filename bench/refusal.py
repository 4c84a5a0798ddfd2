"""Ranking and refusal signals on a question set, dumped once and then studied without the models.

    python bench/refusal.py dump QFILE... --index DIR -o signals.jsonl   # runs search + evidence per question
    python bench/refusal.py sweep signals.jsonl                           # thresholds -> refusal rates (JSON)

`dump` records, per question, every fusion candidate's raw signals (chunk cosine, BM25 normalised by the
query's best, best sentence cosine, same language, document) and the evidence the refusal rules read (best
sentence similarity, name coverage, quantity), so fusion weights and refusal thresholds can be compared on
the tuning split in seconds. `sweep` reports, for each refusal threshold, the false-refusal share of the
answerable questions (by language) and the refused share of the unanswerable ones: thresholds are chosen
from these measured distributions, never from single questions.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import RESULTS, machine  # noqa: E402


def dump(files: list[Path], index: Path, out: Path) -> None:
    from assistant.eval.questions import load_question_files
    from assistant.search.evidence import select_evidence
    from assistant.service import Warta
    from assistant.settings import Settings

    settings = Settings().model_copy(update={"index_dir": index, "corpus_dir": index})
    warta = Warta(settings)
    retriever = warta.retriever
    reader = warta.reader
    releases = reader.releases()  # a syndicated copy counts as its release (as in warta eval)
    rows = []
    for _, questions in load_question_files(files, None):
        for q in questions:
            query = warta.query(q.question)
            vector = warta.embedder.encode_query(query.text)
            dense = dict(reader.dense().top(vector, settings.candidates, None, None))
            keyword = retriever.keyword.search(query.tokens, settings.candidates, None)
            best_kw = max((s for _, s in keyword), default=0.0) or 1.0
            kw = {cid: s / best_kw for cid, s in keyword}
            cands = list(dict.fromkeys([*dense, *kw]))
            missing = [c for c in cands if c not in dense]
            dense.update({c: float(v @ vector) for c, v in reader.dense().vectors_of(missing).items()})
            sent: dict[str, float] = {}
            own: dict[str, float] = {}
            sentences: dict[str, list[tuple[str, float, float]]] = {}
            for row in reader.sentences_of(cands):
                s_own, s_ctx = float(row.vector @ vector), float(row.context_vector @ vector)
                sent[row.chunk_id] = max(s_own, s_ctx, sent.get(row.chunk_id, -1.0))
                own[row.chunk_id] = max(s_own, own.get(row.chunk_id, -1.0))
                sentences.setdefault(row.chunk_id, []).append((row.text, round(s_own, 4), round(s_ctx, 4)))
            result = retriever.search(query)
            ev = select_evidence(query, result, reader, warta.embedder, settings)
            chunks = retriever.chunks
            rows.append({
                "id": q.id, "lang": q.lang, "gold": [releases.get(d, d) for d in q.docs], "unanswerable": q.unanswerable,
                "written_in": query.written_in, "names": list(query.names), "how_many": query.how_many,
                "cands": [{"cid": c, "doc": chunks[c].doc_id, "dense": round(dense[c], 5),
                           "kw": round(kw.get(c, 0.0), 5), "sent": round(sent.get(c, 0.0), 5),
                           "own": round(own.get(c, 0.0), 5), "sentences": sentences.get(c, []),
                           "same": chunks[c].language == query.written_in} for c in cands],
                "ranked": [h.chunk.doc_id for h in result.hits],
                "best_similarity": ev.best_similarity, "name_coverage": ev.name_coverage,
                "has_quantity": ev.has_quantity, "exact_names_met": ev.exact_names_met, "question": q.question,
                "best_sentence": ev.passages[0].best_sentence if ev.passages else "",
            })
            print(f"{len(rows)} {q.id}", file=sys.stderr, flush=True)
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


def refused(row: dict[str, Any], min_similarity: float, min_name_coverage: float) -> bool:
    return (row["best_similarity"] < min_similarity or not row["has_quantity"]
            or row["name_coverage"] < min_name_coverage or not row.get("exact_names_met", True))


def sweep(path: Path) -> dict[str, Any]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    table = []
    for sim in [x / 100 for x in range(25, 56, 2)]:
        for cov in (0.0, 0.2, 0.3, 0.4, 0.5, 0.6):
            entry: dict[str, Any] = {"min_similarity": sim, "min_name_coverage": cov}
            for lang in ("id", "en"):
                ans = [r for r in rows if r["lang"] == lang and not r["unanswerable"]]
                una = [r for r in rows if r["lang"] == lang and r["unanswerable"]]
                entry[f"false_refusal_{lang}"] = round(sum(refused(r, sim, cov) for r in ans) / max(len(ans), 1), 3)
                entry[f"unanswerable_refused_{lang}"] = round(
                    sum(refused(r, sim, cov) for r in una) / max(len(una), 1), 3)
            table.append(entry)
    return {"machine": machine(), "signals": str(path), "n": len(rows), "sweep": table}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    d = sub.add_parser("dump")
    d.add_argument("files", nargs="+", type=Path)
    d.add_argument("--index", type=Path, required=True)
    d.add_argument("-o", "--out", type=Path, required=True)
    s = sub.add_parser("sweep")
    s.add_argument("signals", type=Path)
    args = parser.parse_args()
    if args.command == "dump":
        dump(args.files, args.index, args.out)
    else:
        report = sweep(args.signals)
        (RESULTS / "refusal-sweep.json").write_text(json.dumps(report, indent=1), encoding="utf-8")
        print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
