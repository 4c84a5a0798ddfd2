"""`warta remove DOC_ID…`: take documents out of the corpus folder (their files move to `<corpus>/.removed/`)
and out of the index. Removing a syndicated release's canonical makes its next copy canonical."""

from __future__ import annotations

import argparse
import sys

from assistant.cli.common import print_json, warta
from assistant.settings import Settings


def _cmd_remove(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.serialize import index_report_to_dict

    service = warta(settings)
    done = []
    for doc_id in args.doc_ids:
        moved, report = service.remove(doc_id)
        done.append({"doc_id": doc_id, "moved_to": str(moved), "index": index_report_to_dict(report)})
        if not args.json:
            print(f"removed {doc_id} (its file is now {moved}); the index holds {report.documents} documents, "
                  f"{report.chunks} chunks", file=sys.stdout)
    if args.json:
        print_json(done)
    return 0


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("remove", help="remove documents from the corpus and the index")
    p.add_argument("doc_ids", nargs="+", metavar="DOC_ID", help="as listed by `warta docs`")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_cmd_remove)
