"""What every `warta` command module shares: JSON output, the service, argument types."""

from __future__ import annotations

import argparse
import json
from datetime import date
from typing import Any

from assistant.settings import Settings


def print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def warta(settings: Settings):  # type: ignore[no-untyped-def]
    """The service, imported lazily (it loads the heavy libraries)."""
    from assistant.service import Warta

    return Warta(settings)


def positive_int(text: str) -> int:
    value = int(text)  # argparse turns the ValueError into a usage error
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def iso_date(text: str) -> date:
    """A `--now` value: a real YYYY-MM-DD date (argparse turns the error into a usage message)."""
    try:
        if len(text) != 10:
            raise ValueError(text)
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a date in the form YYYY-MM-DD (e.g. 2026-03-15), not {text!r}") from None


def with_now(settings: Settings, now: object) -> Settings:
    """The settings with `--now` applied (relative times in questions resolve against it)."""
    return settings if now is None else settings.model_copy(update={"now": now})
