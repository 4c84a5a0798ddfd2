"""`warta brief "TOPIC" [--from DATE --to DATE] [--lang id|en] [--format md|pdf|docx|json] [-o FILE]`: a cited,
dated brief on a topic (answer.brief), printed (Markdown, JSON) or written to a file (any format; PDF and DOCX
always go to a file: `-o`, else a safe name made from the topic in the current folder). A refused brief (no
article covers the topic) is still printed or written, and the exit code is 3 so scripts can tell."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from assistant.cli.common import warta as _warta
from assistant.settings import Settings

REFUSED_EXIT = 3


def _cmd_brief(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.answer.brief.export import file_name, render_bytes

    brief = _warta(settings).brief(args.topic, language=args.lang, date_from=args.date_from, date_to=args.date_to,
                                   generator=args.generator)
    data = render_bytes(brief, args.format, settings)
    target = args.output
    if target is None and args.format in ("pdf", "docx"):
        target = Path(file_name(brief.topic, args.format))
    if target is None or str(target) == "-":
        if args.format in ("pdf", "docx"):
            sys.stdout.buffer.write(data)
        else:
            sys.stdout.write(data.decode("utf-8"))
    else:
        from assistant.answer.brief.export import write

        write(brief, args.format, Path(target), settings)
        print(f"wrote {target}", file=sys.stderr)
    return REFUSED_EXIT if brief.refused else 0


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("brief", help="a cited, dated brief on a topic (Markdown, JSON, PDF or DOCX)")
    p.add_argument("topic", help='what the brief is about, e.g. "Indonesia–Japan industrial cooperation"')
    p.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD", help="articles published on or after this date")
    p.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD", help="articles published on or before this date")
    p.add_argument("--lang", choices=["id", "en"], default=None, help="language of the brief (default: the topic's)")
    p.add_argument("--format", choices=["md", "json", "pdf", "docx"], default="md")
    p.add_argument("-o", "--output", type=Path, default=None, metavar="FILE",
                   help="write to FILE ('-' for standard output); PDF and DOCX default to a name made from the topic")
    p.add_argument("--generator", choices=["auto", "llm", "extractive"], default=None,
                   help="who writes the summary and key points (default WARTA_GENERATOR)")
    p.set_defaults(func=_cmd_brief)
