"""Briefing speed over the seed briefing requests (tests/data/briefs.jsonl), extractive: the time after retrieval
(extraction, merge, citation check: `timings_ms.extract`) and the whole brief, one run each after a warm-up.
Prints JSON; no thresholds (timings on a shared machine are noisy).

    .venv/bin/python bench/brief_speed.py [--index DIR]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from assistant.eval.briefs import load_briefs  # noqa: E402
from assistant.service import Warta  # noqa: E402
from assistant.settings import Settings  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--index", type=Path, default=None)
    args = parser.parse_args()
    settings = Settings(generator="extractive", **({"index_dir": args.index} if args.index else {}))
    warta = Warta(settings)
    warta.brief("warm-up: kerja sama industri")
    rows = []
    for req in load_briefs(REPO / "tests" / "data" / "briefs.jsonl"):
        b = warta.brief(req.topic, date_from=req.date_from, date_to=req.date_to)
        rows.append({"id": req.id, "after_retrieval_ms": round(b.timings_ms.get("extract", 0.0), 1),
                     "select_ms": round(b.timings_ms.get("select", 0.0), 1),
                     "total_ms": round(b.timings_ms.get("total", 0.0), 1), "sources": len(b.sources)})
    after = [r["after_retrieval_ms"] for r in rows if r["sources"]]
    print(json.dumps({"n": len(rows), "after_retrieval_ms_p50": statistics.median(after),
                      "after_retrieval_ms_max": max(after),
                      "total_ms_p50": statistics.median(r["total_ms"] for r in rows), "rows": rows}, indent=2))


if __name__ == "__main__":
    main()
