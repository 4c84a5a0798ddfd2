"""The thread bridge: the answer stream runs in one thread of its own, is closed on cancel, passes errors on."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest

from assistant.errors import NotIndexed
from assistant.records import AskEvent
from assistant.ui.events import events_in_thread


def test_stream_runs_in_one_thread_and_closes_on_cancel() -> None:
    """The service holds a lock across its yields; Gradio resumes generators on any worker thread and closes
    them from another. events_in_thread keeps the stream on one thread and closes it on cancel."""
    lock = threading.RLock()  # must be released by the thread that took it
    seen_threads: set[int] = set()
    closed = threading.Event()

    def stream() -> Iterator[AskEvent]:
        with lock:
            try:
                for i in range(1000):
                    seen_threads.add(threading.get_ident())
                    time.sleep(0.002)
                    yield AskEvent(kind="token", text=str(i))
            finally:
                closed.set()

    events = events_in_thread(stream, threading.Event())
    results: list[str] = []

    def consume_one() -> None:
        results.append(next(events).text)

    for _ in range(3):  # resume from three different threads, as Gradio does
        worker = threading.Thread(target=consume_one)
        worker.start()
        worker.join()
    assert results == ["0", "1", "2"]
    events.close()  # from yet another thread: the Stop button
    assert closed.wait(5), "the stream was not closed"
    assert len(seen_threads) == 1
    assert lock.acquire(timeout=5), "the stream's lock was not released"
    lock.release()


def test_stream_passes_errors_on() -> None:
    def stream() -> Iterator[Any]:
        raise NotIndexed("no index")
        yield  # pragma: no cover

    with pytest.raises(NotIndexed):
        list(events_in_thread(stream, threading.Event()))


def test_a_finished_stream_ends_the_events() -> None:
    events = events_in_thread(lambda: iter([AskEvent(kind="token", text="a")]), threading.Event())
    assert [e.text for e in events] == ["a"]
