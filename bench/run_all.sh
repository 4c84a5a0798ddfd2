#!/usr/bin/env bash
# Rerun every benchmark and regenerate the charts and tables (about 1 hour on 2 idle cores the first time:
# the haystack's Warta index and the 100k-vector Chroma store are built once and cached in bench/cache/).
# Each step can be run alone; see bench/REPORT.md.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
export WARTA_INDEX_DIR="$PWD/bench/cache/warta-index/seeds" WARTA_CORPUS_DIR="$PWD/corpus"
.venv/bin/warta index
.venv/bin/warta eval tests/data/dev_qa.jsonl --generator extractive --json > bench/results/eval-extractive.json
if $PY -c "import llama_cpp" 2>/dev/null; then
  .venv/bin/warta eval tests/data/dev_qa.jsonl --generator llm --json > bench/results/eval-llm.json
fi
unset WARTA_INDEX_DIR WARTA_CORPUS_DIR
$PY bench/peers.py --gemma-recipe > /dev/null
$PY bench/ingest.py > /dev/null
$PY bench/query.py --rounds 1 > /dev/null
$PY bench/answer.py > /dev/null
$PY bench/memory.py > /dev/null
$PY bench/report.py
