"""Errors a user can act on, turned into one-line messages at the edges (CLI, UI, API)."""

from __future__ import annotations


class WartaError(Exception):
    """Base for errors whose message is meant for the user."""


class NotIndexed(WartaError):
    """The index is empty or missing."""


def user_message(exc: BaseException) -> str | None:
    """The message to show for a known error, or None for a bug (which should surface with a traceback)."""
    from .indexer import IndexMismatch
    from .models import ModelError

    if isinstance(exc, (WartaError, ModelError, IndexMismatch)):
        return str(exc)
    if isinstance(exc, ValueError) and str(exc) == "empty question":
        return "the question is empty"
    return None
