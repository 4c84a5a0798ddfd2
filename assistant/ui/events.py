"""The thread bridge between Gradio and the answer stream. No Gradio here.

Gradio drives a sync generator with `next()` on whichever worker thread is free, and on cancel closes it from
the event loop. The service holds its lock (the guard of the models, one question at a time) across the
stream's yields, and a lock must be released by the thread that took it: so the stream never meets Gradio's
threads. `events_in_thread` runs it to the end in one thread of its own and hands its events over a queue.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TypeVar

log = logging.getLogger("warta.ui")

E = TypeVar("E")


@dataclass(frozen=True)
class _Failed:
    exc: BaseException


_END = object()


def events_in_thread(make_events: Callable[[], Iterator[E]], cancel: threading.Event) -> Iterator[E]:
    """The events of `make_events()`, produced in one worker thread and re-raised errors included.

    Closing this iterator (the Stop button, a closed tab) sets `cancel`; the worker then closes the stream
    after its next event, which stops the LLM and releases the service's lock."""
    events: queue.Queue[object] = queue.Queue()

    def work() -> None:
        stream: Iterator[E] | None = None
        try:
            stream = make_events()
            for event in stream:
                events.put(event)
                if cancel.is_set():
                    break
        except BaseException as exc:  # noqa: BLE001 - handed to the consumer, which decides
            events.put(_Failed(exc))
        finally:
            close = getattr(stream, "close", None)
            if close is not None:
                try:
                    close()
                except Exception:  # noqa: BLE001 - the answer is over either way; keep the trace
                    log.exception("closing the answer stream failed")
            events.put(_END)

    threading.Thread(target=work, name="warta-ask", daemon=True).start()
    try:
        while True:
            item = events.get()
            if item is _END:
                return
            if isinstance(item, _Failed):
                raise item.exc
            yield item  # type: ignore[misc]
    finally:
        cancel.set()
