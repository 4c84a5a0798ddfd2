"""The `warta` command line. One module per group of commands, each with a `register(sub)` that adds its
subcommands (their `func(args, settings) -> exit code`); errors become messages here, in one place (exit code
1 for user errors, 2 for bad usage and bad settings). Add a command group by writing a module with
`register` and listing it in COMMAND_MODULES."""

from __future__ import annotations

import argparse
import importlib
import sys

from assistant.offline import enforce_offline
from assistant.settings import Settings

# Modules under assistant.cli with a `register(sub)`; the order is the order of `warta --help`.
COMMAND_MODULES = ("commands", "add", "remove", "chat", "brief")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="warta", description="Bilingual (id/en) cited question answering over news.")
    sub = parser.add_subparsers(dest="cmd", required=True)
    for name in COMMAND_MODULES:
        importlib.import_module(f"assistant.cli.{name}").register(sub)
    return parser


def _settings_problem(exc: Exception) -> str:
    """A settings validation error as one line: "WARTA_PORT: Input should be a valid integer"."""
    errors = getattr(exc, "errors", None)
    if not callable(errors):
        return str(exc).splitlines()[0]
    return "; ".join(f"WARTA_{'_'.join(str(part) for part in e['loc']).upper()}: {e['msg']} (got {e.get('input')!r})"
                     for e in errors())


def main(argv: list[str] | None = None) -> int:
    enforce_offline()
    args = build_parser().parse_args(argv)
    try:
        settings = Settings()
    except Exception as exc:  # pydantic ValidationError: a bad WARTA_* value
        print(f"error: invalid settings: {_settings_problem(exc)}", file=sys.stderr)
        return 2
    from assistant.errors import user_message

    try:
        return int(args.func(args, settings))
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as exc:
        message = user_message(exc)
        if message is None and isinstance(exc, OSError):
            # The machine, not Warta: an unreadable folder, a full disk, a port in use.
            message = f"{exc.strerror or exc}" + (f": {exc.filename}" if exc.filename else "")
        if message is None:
            raise
        print(f"error: {message}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
