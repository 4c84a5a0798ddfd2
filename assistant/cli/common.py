"""What every `warta` command module shares: JSON output, the service, argument types."""

from __future__ import annotations

import argparse
import json
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
