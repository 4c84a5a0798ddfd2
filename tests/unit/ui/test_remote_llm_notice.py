"""With a remote LLM configured the page says where questions go; with the local model it says nothing."""

from __future__ import annotations

from types import SimpleNamespace

from assistant.settings import Settings
from assistant.ui.app import build_app


def _notice(settings: Settings) -> list[str]:
    app = build_app(SimpleNamespace(settings=settings))  # type: ignore[arg-type]
    return [b.value for b in app.blocks.values() if getattr(b, "elem_id", None) == "warta-remote-llm"]


def test_a_remote_llm_is_named_on_the_page() -> None:
    (html,) = _notice(Settings(llm_provider="openai", llm_base_url="http://gpu-box:8000/v1"))
    assert "http://gpu-box:8000/v1" in html and "sent there" in html and "dikirim" in html


def test_the_local_model_needs_no_notice() -> None:
    assert _notice(Settings()) == []
