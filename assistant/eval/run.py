"""`warta eval QFILE [QFILE ...]`: runs question files through a `Warta` and reports the metrics.

    warta eval tests/data/dev_qa.jsonl [--json] [--generator extractive]       # the configured index
    warta eval q1.jsonl q2.jsonl --corpus DIR [--index DIR] [--limit N]         # another corpus
    warta eval tests/data/briefs.jsonl                                         # briefing requests (eval.briefs)

Contract:
- A file whose lines have a "topic" is a briefing file (assistant.eval.briefs): its requests run through
  `Warta.brief` and their metrics go under "briefings" in the report; the other files are question files.
- Every question file is read and checked first (`assistant.eval.questions`), so a bad line fails before
  any model loads. `--limit N` keeps the first N questions of each file.
- Without `--corpus` the eval reads the configured index (`settings.index_dir`) and never writes it.
- With `--corpus DIR` the eval answers from that corpus: `settings.corpus_dir` becomes DIR and the index
  is `--index DIR` or, by default, a cache folder of its own (`default_index_dir`: one per corpus path and
  embedding model, under `.cache/eval-index/` of the source checkout, git-ignored, else under
  `~/.cache/warta/eval-index/`). `Warta.index(progress=True)` runs first: incremental, so only text not
  yet in that folder is embedded. A cache folder built with other settings is rebuilt (it is ours to
  drop); an `--index` folder the user named is not, the mismatch is reported instead.
- `--index DIR` alone evaluates over an existing index folder, without indexing.
- Each question runs `search` (SEARCH_K hits) then `ask`, both timed, after a warm-up (`warm_up`); the
  passage language of every question comes from `warta.documents()` (`DocInfo.language`) for the
  language-pair breakdown. Metrics and the report: `assistant.eval.metrics`, `assistant.eval.report`.
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from assistant.errors import IndexMismatch, InvalidInput
from assistant.eval.metrics import QuestionRun, passage_language, strip_markers
from assistant.eval.questions import Question, load_question_files
from assistant.eval.report import build_report, format_table
from assistant.settings import Settings

# Hits asked of search per question: enough for 10 distinct documents even at 3 chunks per document.
SEARCH_K = 30

_SOURCE_ROOT = Path(__file__).resolve().parents[2]

Detect = Callable[[str], str | None]
Progress = Callable[[str], None]


def _detect(text: str) -> str:
    from assistant.text import language as langid

    lang, _confidence = langid.detect(text)
    return lang


def answer_language(text: str, detect: Detect = _detect) -> str | None:
    """Language of an answer's prose (citation markers stripped); None for an empty answer."""
    body = strip_markers(text)
    return detect(body) if body else None


def document_languages(warta: Any) -> dict[str, str]:
    """doc_id -> language of every indexed document; empty for a stand-in without `documents()`."""
    documents = getattr(warta, "documents", None)
    return {d.doc_id: d.language for d in documents()} if documents else {}


def document_releases(warta: Any) -> dict[str, str]:
    """copy doc id -> its canonical (index.syndication); empty for a stand-in without a reader."""
    releases = getattr(getattr(warta, "reader", None), "releases", None)
    return releases() if callable(releases) else {}


def as_gold(docs: Sequence[str], gold: Sequence[str], releases: dict[str, str]) -> tuple[str, ...]:
    """Retrieved or cited doc ids, with a document of the same release as a gold document counted as that gold
    document: a syndicated copy is indexed under its canonical, so finding the canonical finds the copy."""
    of = {g: releases.get(g, g) for g in gold}
    return tuple(next((g for g in gold if of[g] == releases.get(d, d)), d) for d in docs)


def run_question(warta: Any, q: Question, detect: Detect = _detect,
                 doc_langs: dict[str, str] | None = None, releases: dict[str, str] | None = None) -> QuestionRun:
    """Run search and ask for one question. `warta` is a `Warta` (or anything with the same two methods)."""
    t0 = time.perf_counter()
    result = warta.search(q.question, k=SEARCH_K)
    search_ms = (time.perf_counter() - t0) * 1000
    t0 = time.perf_counter()
    answer = warta.ask(q.question)
    ask_ms = (time.perf_counter() - t0) * 1000
    return QuestionRun(
        question=q,
        ranked_docs=as_gold([h.chunk.doc_id for h in result.hits], q.docs, releases or {}),
        answer=answer.answer,
        refused=bool(answer.refused),
        cited_docs=as_gold([c.doc_id for c in answer.citations], q.docs, releases or {}),
        answer_lang=answer_language(answer.answer, detect),
        search_ms=search_ms,
        ask_ms=ask_ms,
        generator=getattr(answer, "generator", ""),
        passage_lang=passage_language(q.docs, doc_langs or {}),
        cited_texts=tuple(getattr(c, "quote", "") for c in answer.citations),
    )


def warm_up(warta: Any) -> None:
    """Load the models and indexes before timing, so latencies are steady-state (cold start is `warta ask`'s
    own measure): a throwaway search loads the embedder and the retriever; the LLM, if any, is loaded."""
    warta.search("warm-up", k=1)
    generator = getattr(warta, "generator", None)
    if generator is not None and hasattr(type(generator), "llm"):
        _ = generator.llm  # the property loads the model


def run_eval(warta: Any, questions: Sequence[Question], progress: Progress | None = None,
             detect: Detect = _detect) -> dict[str, Any]:
    """Every question through `warta`, then the report (`build_report`) with the generators used."""
    doc_langs = document_languages(warta)  # once: the manifest does not change during a run
    releases = document_releases(warta)
    doc_langs.update({c: doc_langs[k] for c, k in releases.items() if k in doc_langs})  # a copy: its release's
    runs = []
    for i, q in enumerate(questions, start=1):
        if progress:
            progress(f"[{i}/{len(questions)}] {q.id}: {q.question}")
        runs.append(run_question(warta, q, detect, doc_langs, releases))
    counts: dict[str, int] = {}
    for r in runs:
        if r.generator:
            counts[r.generator] = counts.get(r.generator, 0) + 1
    main_generator = max(counts, key=lambda g: counts[g]) if counts else None
    return build_report(runs, extra={"generator": main_generator, "generators": counts})


# Which corpus and index ---------------------------------------------------------------------------------
def cache_root() -> Path:
    """Where eval indexes are cached: `.cache/eval-index/` of the source checkout when running from one (it
    is git-ignored there), else the user's cache (an installed package has no checkout to write into)."""
    if (_SOURCE_ROOT / "pyproject.toml").is_file():
        return _SOURCE_ROOT / ".cache" / "eval-index"
    return Path.home() / ".cache" / "warta" / "eval-index"


def default_index_dir(corpus: Path, settings: Settings, root: Path | None = None) -> Path:
    """`<root>/<corpus folder name>-<hash8>`, the hash over the corpus's absolute path and the embedding
    model and dimensions: a second embedding setting gets a folder of its own instead of a mismatch."""
    corpus = Path(corpus).resolve()
    key = "\n".join((str(corpus), settings.embed_model, str(settings.embed_dim)))
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:8]
    return (root or cache_root()) / f"{corpus.name}-{digest}"


def eval_settings(settings: Settings, corpus: Path | None, index: Path | None,
                  generator: str | None = None) -> Settings:
    """The settings of an eval run: `corpus`, its index folder and `generator` override `settings`."""
    update: dict[str, Any] = {}
    if corpus is not None:
        if not Path(corpus).is_dir():
            raise InvalidInput(f"--corpus {corpus}: no such folder")
        update["corpus_dir"] = Path(corpus)
        update["index_dir"] = Path(index) if index is not None else default_index_dir(corpus, settings)
    elif index is not None:
        update["index_dir"] = Path(index)
    if generator:
        update["generator"] = generator
    return settings.model_copy(update=update) if update else settings


def index_corpus(warta: Any, rebuild_on_mismatch: bool) -> dict[str, Any]:
    """Bring the eval's index up to date with its corpus (incremental); the summary goes in the report."""
    from assistant.serialize import index_report_to_dict

    try:
        report = warta.index(progress=True)
    except IndexMismatch:
        if not rebuild_on_mismatch:
            raise
        print(f"{warta.settings.index_dir}: built with other settings; rebuilding this eval cache",
              file=sys.stderr, flush=True)
        report = warta.index(rebuild=True, progress=True)
    for p in report.problems:
        print(f"{p.severity.upper()}: {p.path}: {p.reason}", file=sys.stderr)
    print(f"index {warta.settings.index_dir}: {report.documents} documents, {report.chunks} chunks, "
          f"embedded {report.embedded}, reused {report.reused}", file=sys.stderr, flush=True)
    return {"corpus": str(warta.settings.corpus_dir), "index_dir": str(warta.settings.index_dir),
            **index_report_to_dict(report)}


def evaluate(files: Sequence[Path], settings: Settings, corpus: Path | None = None, index: Path | None = None,
             generator: str | None = None, limit: int | None = None, progress: Progress | None = None,
             make_warta: Callable[[Settings], Any] | None = None) -> dict[str, Any]:
    """The whole `warta eval` run, returning the report. `make_warta` builds the Warta from the eval's
    settings (tests pass one that shares the session's embedder)."""
    loaded = load_question_files(files, limit)  # a bad file fails before any model loads
    questions = [q for _, qs in loaded for q in qs]
    settings = eval_settings(settings, corpus, index, generator)
    if make_warta is None:
        from assistant.service import Warta

        make_warta = Warta
    warta = make_warta(settings)
    extra: dict[str, Any] = {"files": [{"path": str(p), "n": len(qs)} for p, qs in loaded]}
    if corpus is not None:
        extra["index"] = index_corpus(warta, rebuild_on_mismatch=index is None)
    if progress:
        progress("loading models and index…")
    warm_up(warta)
    report = run_eval(warta, questions, progress=progress)
    report.update(extra)
    return report


def main(args: Any, settings: Settings) -> int:
    """Entry point of `warta eval` (args.files, args.corpus, args.index, args.json, args.generator,
    args.limit)."""
    progress = None if args.json else (lambda msg: print(msg, file=sys.stderr, flush=True))
    from assistant.eval.briefs import is_brief_file

    brief_files = [f for f in args.files if is_brief_file(f)]
    question_files = [f for f in args.files if f not in brief_files]
    report: dict[str, Any] = {}
    if question_files:
        report = evaluate(question_files, settings, corpus=args.corpus, index=args.index, generator=args.generator,
                          limit=args.limit, progress=progress)
    if brief_files:
        report["briefings"] = evaluate_briefs(brief_files, settings, args, progress)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        if question_files:
            print(format_table(report))
        if brief_files:
            from assistant.eval.briefs import format_briefs

            print(format_briefs(report["briefings"]))
    return 0


def evaluate_briefs(files: Sequence[Path], settings: Settings, args: Any, progress: Progress | None) -> dict[str, Any]:
    """The briefing files of a `warta eval` run (assistant.eval.briefs), over the same corpus and index."""
    from assistant.eval.briefs import load_briefs, run_briefs
    from assistant.service import Warta

    requests = [r for f in files for r in load_briefs(f)]
    if args.limit:
        requests = requests[:args.limit]
    settings = eval_settings(settings, args.corpus, args.index, args.generator)
    warta = Warta(settings)
    if args.corpus is not None:
        index_corpus(warta, rebuild_on_mismatch=args.index is None)
    warm_up(warta)
    return run_briefs(warta, requests, generator=args.generator, progress=progress)


__all__ = [
    "SEARCH_K",
    "answer_language",
    "cache_root",
    "default_index_dir",
    "document_languages",
    "eval_settings",
    "evaluate",
    "index_corpus",
    "main",
    "run_eval",
    "run_question",
    "warm_up",
]
