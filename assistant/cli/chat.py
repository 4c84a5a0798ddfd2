"""`warta chat`: an interactive conversation on the command line, and `--history` for `warta ask`.

Contract: `warta chat` reads one question per line from stdin until end of input (blank lines are skipped;
a prompt is shown only on a terminal), answers each with the earlier turns of this session as its history
(Warta.ask, so a follow-up is searched as a standalone question), and prints the answer, its sources and,
when the question was rewritten, "Searching for: …" first; with `--json` one JSON object per answer, per
line (the shape of `warta ask --json`). A question that cannot be answered prints its error and the
session goes on. `load_history(text)` reads `--history`: a JSON list of {"question", "answer"}, inline or
in a file; a bad value is an InvalidInput naming it.
"""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from pathlib import Path
from typing import Any

from assistant.cli.common import iso_date, warta, with_now
from assistant.errors import InvalidInput
from assistant.settings import Settings


def load_history(text: str | None) -> Any:
    """The parsed `--history` value: JSON text, or the path of a file holding it."""
    if text is None:
        return None
    source = "--history"
    candidate = Path(text)
    if not text.lstrip().startswith(("[", "{")):
        if not candidate.is_file():
            raise InvalidInput(f"--history must be a JSON list of {{\"question\", \"answer\"}} or a file holding "
                               f"one; {text!r} is neither")
        text, source = candidate.read_text(encoding="utf-8"), f"--history file {candidate}"
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidInput(f"{source} is not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})") from None


def print_answer(answer: Any, settings: Settings) -> None:
    """An Answer as `warta ask` prints it: the standalone question when rewritten, the text, the sources."""
    from assistant.answer import prompts

    words = prompts.load(settings.prompts_dir, answer.language)
    if answer.standalone_question and answer.standalone_question != answer.question:
        print(words.word("searching_for", question=answer.standalone_question))
        print()
    print(answer.answer)
    refs = answer.closest if answer.refused else answer.citations
    if refs:
        print()
        print(words.word("closest_heading" if answer.refused else "sources_heading") + ":")
    for c in refs:
        print(f"[{c.n}] {c.title} — {c.source or words.word('unknown_outlet')}, {c.published or words['undated']} "
              f"({c.doc_id})")
        print(textwrap.indent(textwrap.shorten(c.quote, 300), "    "))


def _cmd_chat(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.errors import user_message
    from assistant.records import Turn
    from assistant.serialize import answer_to_dict

    settings = with_now(settings, args.now)
    if args.generator:
        settings = settings.model_copy(update={"generator": args.generator})
    service = warta(settings)
    history: list[Turn] = []
    interactive = sys.stdin.isatty()
    while True:
        if interactive:
            print("> ", end="", flush=True)
        line = sys.stdin.readline()
        if not line:
            return 0
        question = line.strip()
        if not question:
            continue
        try:
            answer = service.ask(question, language=args.lang, history=tuple(history))
        except Exception as exc:  # a question that fails does not end the conversation
            message = user_message(exc)
            if message is None:
                raise
            print(f"error: {message}", file=sys.stderr, flush=True)
            continue
        history.append(Turn(question=question, answer=answer.answer))
        if args.json:
            print(json.dumps(answer_to_dict(answer), ensure_ascii=False), flush=True)
        else:
            print_answer(answer, settings)
            print(flush=True)


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add `warta chat`."""
    p = sub.add_parser("chat", help="a conversation: one question per line on stdin, follow-ups understood")
    p.add_argument("--lang", choices=["id", "en"], default=None, help="answer language (default: each question's)")
    p.add_argument("--generator", choices=["auto", "llm", "extractive"], default=None)
    p.add_argument("--now", type=iso_date, default=None, metavar="YYYY-MM-DD",
                   help="today, for relative times in questions (default WARTA_NOW, else today)")
    p.add_argument("--json", action="store_true", help="one JSON answer per line")
    p.set_defaults(func=_cmd_chat)
