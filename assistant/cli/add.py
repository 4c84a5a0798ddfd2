"""`warta add`, `warta feeds add|list|remove` and `warta sync`: news into the corpus folder, explicitly.

Each command changes the corpus folder (corpus.add, corpus.feeds) and then, when a document was added or
updated, brings the index up to date with the service's incremental `index` (only the new text is
embedded). Every item gets one line (`added: …`, `skipped: …`, `error: …`) and a failed item never stops
the others; the exit code is 1 when an item or a feed failed, else 0. Nothing is fetched except the URLs
and feeds these commands name.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import asdict
from typing import Any

from assistant.cli.common import print_json
from assistant.cli.common import warta as _warta
from assistant.records import AddOutcome, IndexReport
from assistant.settings import Settings

CHANGED = ("added", "updated")


def _line(o: AddOutcome) -> str:
    if o.status == "error" and o.note.startswith(o.item):  # a fetch error names the URL already
        return f"error: {o.note}"
    where = f" -> {o.path}" if o.path and o.status in CHANGED else ""
    note = f" ({o.note})" if o.note and o.status != "error" else (f": {o.note}" if o.note else "")
    return f"{o.status}: {o.item}{where}{note}"


def _index(settings: Settings, changed: bool, args: argparse.Namespace) -> IndexReport | None:
    """The incremental index after a change (None when nothing changed or --no-index)."""
    if not changed or args.no_index:
        return None
    report: IndexReport = _warta(settings).index(progress=not args.json)
    if not args.json:
        for p in report.problems:
            print(f"{p.severity.upper()}: {p.path}: {p.reason}", file=sys.stderr)
        print(f"indexed: {report.documents} documents, {report.chunks} chunks (embedded {report.embedded}, "
              f"reused {report.reused}, removed {report.removed}) in {report.seconds:.1f} s")
    return report


def _report_dict(report: IndexReport | None) -> dict[str, Any] | None:
    if report is None:
        return None
    from assistant.serialize import index_report_to_dict

    return index_report_to_dict(report)


def _cmd_add(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.corpus.add import add_items

    outcomes = add_items(args.items, settings, replace=args.replace)
    if not args.json:
        for o in outcomes:
            print(_line(o), file=sys.stderr if o.status == "error" else sys.stdout)
    report = _index(settings, any(o.status in CHANGED for o in outcomes), args)
    if args.json:
        print_json({"items": [asdict(o) for o in outcomes], "index": _report_dict(report)})
    return 1 if any(o.status == "error" for o in outcomes) else 0


def _cmd_feeds(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.corpus import feeds

    if args.feeds_cmd == "add":
        feed, new = feeds.add_feed(settings, args.url)
        print(f"added feed {feed.url}; fetch its entries with: warta sync" if new
              else f"{feed.url} is already configured")
        return 0
    if args.feeds_cmd == "remove":
        feed = feeds.remove_feed(settings, args.url)
        print(f"removed feed {feed.url} (the {len(feed.seen)} documents it added stay in the corpus; "
              "remove them by file if you wish)")
        return 0
    listed = feeds.list_feeds(settings)
    if args.json:
        print_json([asdict(f) | {"seen": len(f.seen)} for f in listed])
        return 0
    if not listed:
        print("no feeds configured. Add one with: warta feeds add URL", file=sys.stderr)
    for f in listed:
        state = f"error: {f.last_error}" if f.last_error else (f"synced {f.last_sync}" if f.last_sync else "never synced")
        print(f"{f.url}  {f.title or '-'}  {len(f.seen)} entries  {state}")
    return 0


def _cmd_sync(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.corpus import feeds

    def progress(feed: Any) -> None:
        if not args.json:
            print(f"polling {feed.url}", file=sys.stderr)

    outcomes = feeds.sync(settings, progress=progress)
    if not outcomes and not args.json:
        print("no feeds configured. Add one with: warta feeds add URL", file=sys.stderr)
    changed = False
    for s in outcomes:
        new = [o for o in s.added if o.status in CHANGED]
        changed = changed or bool(new)
        if args.json:
            continue
        if s.error:
            print(f"error: {s.error}", file=sys.stderr)
            continue
        state = "not modified (304)" if s.not_modified else f"{len(new)} new of {s.entries} entries"
        print(f"{s.url}: {state}" + (f" ({s.note})" if s.note else ""))
        for o in s.added:
            print("  " + _line(o))
    report = _index(settings, changed, args)
    if args.json:
        print_json({"feeds": [asdict(s) for s in outcomes], "index": _report_dict(report)})
    return 1 if any(s.error for s in outcomes) else 0


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add `add`, `feeds` and `sync` to the `warta` parser."""
    p = sub.add_parser("add", help="copy files or fetch URLs into the corpus folder, then index")
    p.add_argument("items", nargs="+", metavar="PATH_OR_URL",
                   help="files, folders (their files) or http(s) URLs")
    p.add_argument("--replace", action="store_true",
                   help="replace a corpus document of the same name instead of adding under a numbered name")
    p.add_argument("--no-index", action="store_true", help="only put the files in the corpus folder")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_cmd_add)

    p = sub.add_parser("feeds", help="the RSS/Atom feeds `warta sync` polls")
    fsub = p.add_subparsers(dest="feeds_cmd", required=True)
    fadd = fsub.add_parser("add", help="follow a feed (nothing is fetched until: warta sync)")
    fadd.add_argument("url")
    fremove = fsub.add_parser("remove", help="stop following a feed (its documents stay)")
    fremove.add_argument("url")
    flist = fsub.add_parser("list", help="the configured feeds and their last sync")
    flist.add_argument("--json", action="store_true")
    p.set_defaults(func=_cmd_feeds)

    p = sub.add_parser("sync", help="poll every feed, add the new entries, then index")
    p.add_argument("--no-index", action="store_true", help="only put the new entries in the corpus folder")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_cmd_sync)
