"""The app's wiring, built over a stand-in service (nothing is launched): one concurrency group for everything
that answers, private page events, the three public endpoints, the elem_ids the browser tests use."""

from __future__ import annotations

from typing import Any

import pytest

from assistant.ui.app import ANSWERING, build_app


@pytest.fixture(scope="module")
def app() -> Any:
    return build_app(object())  # type: ignore[arg-type]


def test_everything_that_answers_shares_one_concurrency_group(app: Any) -> None:
    answering = {f.name for f in app.fns.values() if f.concurrency_id == ANSWERING["concurrency_id"]}
    # the Corpus tab's upload and remove, the Briefing tab and /brief hold the models too: they queue with the answers
    assert answering == {"respond", "ask", "upload", "remove", "generate", "brief"}
    for f in app.fns.values():
        if f.name in answering:
            assert f.concurrency_limit == 1 and f.queue, f.name
    # the chat's four triggers (Enter, Send, each example) and /ask
    assert sum(f.name == "respond" for f in app.fns.values()) >= 3


def test_only_the_three_endpoints_are_public(app: Any) -> None:
    public = {f.api_name for f in app.fns.values() if f.api_visibility != "private"}
    assert public == {"ask", "search", "documents", "brief"}


def test_the_elem_ids_the_browser_tests_find(app: Any) -> None:
    ids = {b.elem_id for b in app.blocks.values() if getattr(b, "elem_id", None)}
    assert {"warta-header", "warta-lang", "warta-chat", "warta-status", "warta-question", "warta-send",
            "warta-stop", "warta-clear", "warta-examples", "warta-sources", "warta-corpus-intro",
            "warta-corpus", "warta-upload", "warta-manage-result", "warta-remove-id", "warta-remove"} <= ids


def test_the_chat_renders_warta_html_only(app: Any) -> None:
    """Markdown off (an article's ![x](http://…) would become an image), no LaTeX, the sanitizer still on."""
    import gradio as gr

    chat = next(b for b in app.blocks.values() if isinstance(b, gr.Chatbot))
    assert chat.render_markdown is False and chat.sanitize_html is True
    assert chat.latex_delimiters == [] and chat.allow_tags is False


def test_launch_puts_the_guard_the_upload_limit_and_the_login_throttle_in_place() -> None:
    import inspect

    from assistant.settings import Settings
    from assistant.ui.app import launch_kwargs
    from assistant.ui.guard import Guard

    open_kwargs = launch_kwargs(Settings(port=7999, max_upload_mb=2))
    assert open_kwargs["auth"] is None and open_kwargs["max_file_size"] == 2 * 1024 * 1024
    (middleware,) = open_kwargs["app_kwargs"]["middleware"]
    assert middleware.cls is Guard and "127.0.0.1:7999" in middleware.kwargs["policy"].hosts
    auth = launch_kwargs(Settings(username="me", password="pw"))["auth"]
    # Gradio awaits the callable only when it is a coroutine function; a plain call would return a truthy coroutine.
    assert inspect.iscoroutinefunction(auth)
