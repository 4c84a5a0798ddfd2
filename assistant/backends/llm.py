"""The local LLM: a GGUF model via llama-cpp-python, as a LangChain chat model. llama_cpp is imported only here.

`LlamaCppChat` is a small `BaseChatModel` over `Llama.create_chat_completion`: the chat template comes from
the GGUF, sampling is Warta's (temperature, max_tokens from settings; a call may pass its own max_tokens), and
`stream` yields the model's pieces as they come. Nothing leaves the machine. Remote providers (an
OpenAI-compatible server, Ollama) are built in backends.chat; all of them answer the same messages.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage, convert_to_openai_messages
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from pydantic import PrivateAttr

from assistant.backends.model_files import resolve
from assistant.settings import Settings


def llama_available() -> bool:
    try:
        import llama_cpp  # noqa: F401
    except ImportError:
        return False
    return True


class LlamaCppChat(BaseChatModel):
    """A GGUF model on the CPU. The model file is loaded on first use (or by `load()`), once."""

    model_path: str
    model_name: str = ""
    n_ctx: int = 4096
    n_threads: int = 2
    temperature: float = 0.1
    max_tokens: int = 320

    _llama: Any = PrivateAttr(default=None)
    _load_lock: Any = PrivateAttr(default_factory=threading.Lock)

    @property
    def _llm_type(self) -> str:
        return "llama-cpp-python"

    @property
    def _identifying_params(self) -> dict[str, Any]:
        return {"model_path": self.model_path, "n_ctx": self.n_ctx, "temperature": self.temperature}

    def load(self) -> Any:
        """The llama_cpp.Llama, loaded once (a few seconds for the 1.5B model)."""
        with self._load_lock:
            if self._llama is None:
                from llama_cpp import Llama

                self._llama = Llama(model_path=self.model_path, n_ctx=self.n_ctx, n_threads=self.n_threads,
                                    n_threads_batch=self.n_threads, verbose=False)
        return self._llama

    def _params(self, messages: list[BaseMessage], stop: list[str] | None, kwargs: dict[str, Any]) -> dict[str, Any]:
        params = {"messages": convert_to_openai_messages(messages), "stop": stop,
                  "max_tokens": int(kwargs.get("max_tokens") or self.max_tokens),
                  "temperature": float(kwargs.get("temperature", self.temperature))}
        if kwargs.get("response_format"):  # {"type": "json_object", "schema": …}: llama.cpp builds a grammar
            params["response_format"] = kwargs["response_format"]
        return params

    def _generate(self, messages: list[BaseMessage], stop: list[str] | None = None,
                  run_manager: CallbackManagerForLLMRun | None = None, **kwargs: Any) -> ChatResult:
        out = self.load().create_chat_completion(**self._params(messages, stop, kwargs))
        text = out["choices"][0]["message"].get("content") or ""
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=text))])

    def _stream(self, messages: list[BaseMessage], stop: list[str] | None = None,
                run_manager: CallbackManagerForLLMRun | None = None, **kwargs: Any) -> Iterator[ChatGenerationChunk]:
        for part in self.load().create_chat_completion(stream=True, **self._params(messages, stop, kwargs)):
            delta = part["choices"][0].get("delta", {}).get("content")
            if delta:
                chunk = ChatGenerationChunk(message=AIMessageChunk(content=delta))
                if run_manager is not None:
                    run_manager.on_llm_new_token(delta, chunk=chunk)
                yield chunk


def make_local_chat(settings: Settings) -> LlamaCppChat:
    """The local GGUF of `settings.llm_model` (a pulled model id or a .gguf path), loaded."""
    chat = LlamaCppChat(model_path=str(resolve(settings.models_dir, settings.llm_model)),
                        model_name=settings.llm_model, n_ctx=settings.llm_ctx, n_threads=settings.llm_threads,
                        temperature=settings.llm_temperature, max_tokens=settings.llm_max_tokens)
    chat.load()
    return chat
