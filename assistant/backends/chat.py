"""The LLM behind the generator, as a LangChain chat model, chosen by setting. langchain_openai and
langchain_ollama are imported only here (llama_cpp only in backends.llm).

- `make_chat_model(settings)`: WARTA_LLM_PROVIDER=local -> the GGUF via llama-cpp-python (backends.llm);
  openai -> `ChatOpenAI` at WARTA_LLM_BASE_URL (any OpenAI-compatible server); ollama -> `ChatOllama`. The
  same sampling settings for all (temperature, max tokens), a timeout of WARTA_LLM_TIMEOUT_S.
- `stream_text(llm, system, user, max_tokens, ...)`: the answer's text pieces from any BaseChatModel. For a
  remote model every failure becomes `LLMUnavailable` with a message naming the server ("LLM server at URL
  did not answer in 30 s"); connection failures and timeouts before the first piece are retried with
  exponential backoff (never after it: the text would start again). A local model's failure is a bug and
  propagates as it is.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from typing import Any

from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import HumanMessage, SystemMessage

from assistant.errors import LLMUnavailable
from assistant.settings import Settings

__all__ = ["BaseChatModel", "chat_pieces", "endpoint_of", "make_chat_model", "model_label", "stream_text"]

log = logging.getLogger("warta.llm")

BACKOFF_S = 0.5  # first wait between attempts; doubles each time


def make_chat_model(settings: Settings) -> BaseChatModel:
    """The configured chat model (the local one is loaded here: a few seconds)."""
    if settings.llm_provider == "openai":
        from langchain_openai import ChatOpenAI

        # max_tokens goes in the body as `max_tokens` (stream_text): ChatOpenAI would send OpenAI's newer
        # `max_completion_tokens`, which llama.cpp's and other OpenAI-compatible servers ignore.
        # Retries are stream_text's (only before the first piece), so the client's own are off.
        return ChatOpenAI(model=settings.llm_model, base_url=settings.llm_endpoint(),
                          api_key=settings.llm_api_key or "not-needed", temperature=settings.llm_temperature,
                          timeout=settings.llm_timeout_s, max_retries=0)
    if settings.llm_provider == "ollama":
        from langchain_ollama import ChatOllama

        return ChatOllama(model=settings.llm_model, base_url=settings.llm_endpoint(),
                          temperature=settings.llm_temperature, num_predict=settings.llm_max_tokens,
                          num_ctx=settings.llm_ctx, client_kwargs={"timeout": settings.llm_timeout_s})
    from assistant.backends.llm import make_local_chat

    return make_local_chat(settings)


def model_label(settings: Settings) -> str:
    """The generator's name for the configured model: "llm:<model>" locally, "llm:<provider>:<model>" remote."""
    if settings.llm_provider == "local":
        return f"llm:{settings.llm_model}"
    return f"llm:{settings.llm_provider}:{settings.llm_model}"


def endpoint_of(llm: Any) -> str | None:
    """The server a chat model sends requests to, or None for one that runs in this process."""
    for attr in ("openai_api_base", "base_url"):
        value = getattr(llm, attr, None)
        if isinstance(value, str) and value:
            return value
    defaults = {"ChatOpenAI": "https://api.openai.com/v1", "ChatOllama": "http://127.0.0.1:11434"}
    return defaults.get(type(llm).__name__)


def _token_limit(llm: Any, max_tokens: int) -> dict[str, Any]:
    """Per-call keyword arguments that cap the answer at `max_tokens`, in the form each model takes."""
    fields = getattr(type(llm), "model_fields", {})
    if "openai_api_base" in fields:
        return {"extra_body": {"max_tokens": max_tokens}}
    if "num_predict" in fields:
        return {"options": {k: v for k, v in {"temperature": getattr(llm, "temperature", None),
                                              "num_ctx": getattr(llm, "num_ctx", None),
                                              "num_predict": max_tokens}.items() if v is not None}}
    if "max_tokens" in fields:
        return {"max_tokens": max_tokens}
    return {}  # a model of the caller's: its own limits


def _json_format(llm: Any, schema: dict[str, Any]) -> dict[str, Any]:
    """Per-call keyword arguments that hold the reply to a JSON `schema`, in the form each model takes (a
    model of the caller's: none; the prompt asks for the object anyway)."""
    fields = getattr(type(llm), "model_fields", {})
    response_format = {"type": "json_object", "schema": schema}
    if "openai_api_base" in fields:  # llama.cpp's server and others read it from the body
        return {"extra_body": {"response_format": response_format}}
    if "num_predict" in fields:
        return {"format": schema}
    if "max_tokens" in fields:
        return {"response_format": response_format}
    return {}


def _merged(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    out = dict(a)
    for key, value in b.items():
        out[key] = {**out[key], **value} if isinstance(out.get(key), dict) and isinstance(value, dict) else value
    return out


def _chain_of(exc: BaseException) -> list[BaseException]:
    out: list[BaseException] = []
    while exc is not None and exc not in out and len(out) < 8:
        out.append(exc)
        exc = exc.__cause__ or exc.__context__  # type: ignore[assignment]
    return out


def describe_failure(exc: BaseException, where: str, timeout_s: float | None, model: str) -> tuple[str, bool]:
    """(the user's message, whether trying again may help) for a remote model's failure."""
    chain = _chain_of(exc)
    names = " ".join(type(e).__name__ for e in chain)
    status = next((s for e in chain if isinstance(s := getattr(e, "status_code", None), int)), None)
    if "Timeout" in names:
        return f"LLM server at {where} did not answer in {timeout_s:g} s" if timeout_s else \
            f"LLM server at {where} did not answer in time", True
    if status == 404 or "NotFound" in names:
        return f"LLM server at {where} has no model {model!r} (check WARTA_LLM_MODEL)", False
    if status in (401, 403) or "Authentication" in names or "PermissionDenied" in names:
        return f"LLM server at {where} refused the request: check WARTA_LLM_API_KEY", False
    if any(n in names for n in ("RemoteProtocol", "ReadError", "IncompleteRead", "ChunkedEncoding")):
        return f"LLM server at {where} stopped answering mid-answer", True
    if any(n in names for n in ("ConnectError", "ConnectionRefused", "APIConnectionError", "ConnectionError")):
        return f"LLM server at {where} did not answer (no connection)", True
    detail = str(exc).splitlines()[0][:200] if str(exc) else ""
    return f"LLM server at {where} failed ({type(exc).__name__}{': ' + detail if detail else ''})", status is None \
        or status >= 500


def stream_text(llm: Any, system: str, user: str, max_tokens: int, retries: int = 0,
                timeout_s: float | None = None, schema: dict[str, Any] | None = None) -> Iterator[str]:
    """The answer's text pieces, as the model streams them (see the module contract). `schema`: the reply
    must be a JSON object of this schema (a grammar for the local model, the server's JSON mode remotely)."""
    messages = [SystemMessage(system), HumanMessage(user)]
    kwargs = _token_limit(llm, max_tokens)
    if schema is not None:
        kwargs = _merged(kwargs, _json_format(llm, schema))
    where = endpoint_of(llm)
    model = str(getattr(llm, "model_name", None) or getattr(llm, "model", None) or "")
    attempt = 0
    while True:
        started = False
        try:
            for chunk in llm.stream(messages, **kwargs):
                text = chunk.content if isinstance(chunk.content, str) else chunk.text
                if text:
                    started = True
                    yield text
            return
        except Exception as exc:  # noqa: BLE001 - a remote server's failure, whatever the client raises
            if where is None:
                raise
            message, retry = describe_failure(exc, where, timeout_s, model)
            if started or not retry or attempt >= retries:
                log.warning("%s (%s: %s)", message, type(exc).__name__, exc)
                raise LLMUnavailable(message) from exc
            time.sleep(BACKOFF_S * 2 ** attempt)
            attempt += 1


def chat_pieces(llm: Any, system: str, user: str, max_tokens: int, settings: Settings,
                schema: dict[str, Any] | None = None) -> Iterator[str]:
    """The text pieces of one chat turn: from a LangChain chat model through `stream_text` (retries, timeout,
    LLMUnavailable naming the server), or from anything with `stream_chat(system, user, max_tokens)` (a
    caller's own adapter or a test's stand-in)."""
    if not isinstance(llm, BaseChatModel) and hasattr(llm, "stream_chat"):
        return iter(llm.stream_chat(system, user, max_tokens))
    return stream_text(llm, system, user, max_tokens, retries=settings.llm_retries, timeout_s=settings.llm_timeout_s,
                       schema=schema)
