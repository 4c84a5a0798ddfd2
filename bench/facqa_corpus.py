"""Write the FacQA passages as a Warta corpus: one UTF-8 text file per passage.

    python bench/facqa_corpus.py OUT_DIR [--passages tests/data/facqa/passages.jsonl]

Each line {"doc_id", "text"} of the passages file becomes OUT_DIR/<doc_id>.txt holding the passage text (and
a final newline), so the file stem, which Warta takes as the document id, is the doc id the question files
expect. OUT_DIR is created if missing; a file that already exists with the same content is left alone, one
with other content is rewritten. Prints how many files it wrote. Standard library only.
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PASSAGES = REPO / "tests" / "data" / "facqa" / "passages.jsonl"
SAFE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def write_corpus(passages: Path, out_dir: Path) -> tuple[int, int]:
    """(files written, files already up to date)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = same = 0
    for number, line in enumerate(passages.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        row = json.loads(line)
        doc_id, text = row["doc_id"], row["text"]
        if not SAFE_ID.fullmatch(doc_id):
            raise SystemExit(f"{passages}:{number}: doc_id {doc_id!r} is not a safe file name")
        path = out_dir / f"{doc_id}.txt"
        content = text.strip() + "\n"
        if path.is_file() and path.read_text(encoding="utf-8") == content:
            same += 1
            continue
        path.write_text(content, encoding="utf-8")
        written += 1
    return written, same


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path, help="folder to write <doc_id>.txt files into")
    parser.add_argument("--passages", type=Path, default=PASSAGES,
                        help="passages JSONL (default: %(default)s)")
    args = parser.parse_args()
    written, same = write_corpus(args.passages, args.out_dir)
    print(f"wrote {written} files to {args.out_dir} ({same} already up to date)")


if __name__ == "__main__":
    main()
