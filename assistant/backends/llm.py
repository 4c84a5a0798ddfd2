"""The local LLM backend behind a small Protocol. llama_cpp is imported only here.

A remote LLM would be another adapter with the same one method; none is configured by default, so
nothing leaves the machine.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

from assistant.backends.model_files import resolve
from assistant.settings import Settings


class LLM(Protocol):
    name: str

    def stream_chat(self, system: str, user: str, max_tokens: int) -> Iterator[str]: ...


def llama_available() -> bool:
    try:
        import llama_cpp  # noqa: F401
    except ImportError:
        return False
    return True


class LlamaCppLLM:
    """A GGUF model via llama-cpp-python, on the CPU; the chat template comes from the GGUF."""

    def __init__(self, path: str, n_ctx: int, threads: int, temperature: float, name: str | None = None) -> None:
        from llama_cpp import Llama

        self.model = Llama(model_path=path, n_ctx=n_ctx, n_threads=threads, n_threads_batch=threads, verbose=False)
        self.temperature = temperature
        self.name = name or path

    def stream_chat(self, system: str, user: str, max_tokens: int) -> Iterator[str]:
        stream = self.model.create_chat_completion(
            messages=[{"role": "system", "content": system}, {"role": "user", "content": user}],
            max_tokens=max_tokens, temperature=self.temperature, stream=True,
        )
        for part in stream:
            delta = part["choices"][0].get("delta", {}).get("content")
            if delta:
                yield delta


def make_llm(settings: Settings) -> LLM:
    path = resolve(settings.models_dir, settings.llm_model)
    return LlamaCppLLM(str(path), settings.llm_ctx, settings.llm_threads, settings.llm_temperature,
                       name=settings.llm_model)
