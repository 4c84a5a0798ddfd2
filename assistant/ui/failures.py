"""How the UI reports a failure, written once: a known error (`assistant.errors.WartaError`) becomes its
message for the user; anything else is a bug, logged with its traceback, and the caller shows a generic line.
No Gradio here."""

from __future__ import annotations

import logging

from assistant.errors import user_message

log = logging.getLogger("warta.ui")


def known_message(exc: BaseException, doing: str) -> str | None:
    """The message to show for `exc`, or None for a bug (then logged: "<doing> failed" and the traceback)."""
    message = user_message(exc)
    if message is None:
        log.error("%s failed", doing, exc_info=exc)
    return message
