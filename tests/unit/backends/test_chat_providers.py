"""The LLM providers (backends.chat) against small real HTTP servers written here: what goes on the wire
(the max_tokens and sampling settings an OpenAI-compatible server reads), and the message a user gets when
the server is down, slow, has no such model, or breaks off mid-answer. No model runs."""

from __future__ import annotations

import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from assistant.backends import chat
from assistant.errors import LLMUnavailable
from assistant.settings import Settings


def _sse(text: str) -> bytes:
    body = {"id": "x", "object": "chat.completion.chunk", "created": 0, "model": "m",
            "choices": [{"index": 0, "delta": {"content": text}, "finish_reason": None}]}
    return f"data: {json.dumps(body)}\n\n".encode()


class Server:
    """An OpenAI-compatible /v1/chat/completions on 127.0.0.1 that behaves as `mode` says."""

    def __init__(self, mode: str) -> None:
        self.mode, self.bodies = mode, []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:  # type: ignore[no-untyped-def]
                pass

            def do_POST(self) -> None:
                outer.bodies.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
                if outer.mode == "missing-model":
                    data = json.dumps({"error": {"message": "model 'nope' not found", "type": "invalid_request_error"}}).encode()
                    self.send_response(404)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                    return
                if outer.mode == "slow":
                    time.sleep(3)
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                pieces = [_sse("Two ministers "), _sse("signed it [1].")]
                if outer.mode == "breaks-off":
                    for p in pieces[:1]:
                        self.wfile.write(f"{len(p):x}\r\n".encode() + p + b"\r\n")
                    self.wfile.flush()
                    self.connection.shutdown(socket.SHUT_RDWR)  # no end of the body: the server died
                    return
                for p in pieces + [b"data: [DONE]\n\n"]:
                    self.wfile.write(f"{len(p):x}\r\n".encode() + p + b"\r\n")
                self.wfile.write(b"0\r\n\r\n")

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.handle_error = lambda *args: None  # type: ignore[method-assign]  # a client that gave up
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def _openai(url: str, **extra: object) -> object:
    return chat.make_chat_model(Settings(llm_provider="openai", llm_base_url=url, llm_model="qwen", **extra))


def test_openai_provider_streams_and_sends_warta_sampling_settings() -> None:
    server = Server("ok")
    try:
        llm = _openai(server.url, llm_temperature=0.1)
        pieces = list(chat.stream_text(llm, "system text", "user text", max_tokens=123))
    finally:
        server.close()
    assert "".join(pieces) == "Two ministers signed it [1]." and len(pieces) == 2
    body = server.bodies[0]
    # `max_tokens`, the name llama.cpp's server (and vLLM, LM Studio) read; not only max_completion_tokens.
    assert body["max_tokens"] == 123 and body["temperature"] == 0.1 and body["model"] == "qwen" and body["stream"]
    assert [m["role"] for m in body["messages"]] == ["system", "user"]
    assert body["messages"][1]["content"] == "user text"


def test_a_json_schema_goes_on_the_wire_with_the_token_limit() -> None:
    server = Server("ok")
    schema = {"type": "object", "properties": {"found": {"type": "boolean"}}, "required": ["found"]}
    try:
        list(chat.stream_text(_openai(server.url), "s", "u", max_tokens=50, schema=schema))
    finally:
        server.close()
    body = server.bodies[0]
    assert body["max_tokens"] == 50  # merged, not replaced
    assert body["response_format"] == {"type": "json_object", "schema": schema}  # llama.cpp server's form


def test_the_local_model_and_ollama_get_the_schema_in_their_own_form() -> None:
    from assistant.backends.llm import LlamaCppChat
    from langchain_core.messages import HumanMessage

    schema = {"type": "object"}
    local = LlamaCppChat(model_path="/nonexistent.gguf")
    kwargs = chat._merged(chat._token_limit(local, 10), chat._json_format(local, schema))
    params = local._params([HumanMessage("q")], None, kwargs)  # what create_chat_completion receives
    assert params["response_format"] == {"type": "json_object", "schema": schema} and params["max_tokens"] == 10
    assert "response_format" not in local._params([HumanMessage("q")], None, {})
    ollama = chat.make_chat_model(Settings(llm_provider="ollama", llm_model="m"))
    assert chat._json_format(ollama, schema) == {"format": schema}


def test_a_server_that_is_down_is_named_after_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again: nothing listens there
    monkeypatch.setattr(chat, "BACKOFF_S", 0.01)
    url = f"http://127.0.0.1:{port}/v1"
    with pytest.raises(LLMUnavailable, match=rf"LLM server at {url} did not answer \(no connection\)"):
        list(chat.stream_text(_openai(url), "s", "u", 10, retries=2, timeout_s=30))


def test_a_wrong_model_name_says_so() -> None:
    server = Server("missing-model")
    try:
        with pytest.raises(LLMUnavailable, match="has no model 'qwen' \\(check WARTA_LLM_MODEL\\)"):
            list(chat.stream_text(_openai(server.url), "s", "u", 10, retries=3, timeout_s=30))
    finally:
        server.close()
    assert len(server.bodies) == 1  # a missing model is not retried


def test_a_slow_server_times_out_with_the_timeout_in_the_message() -> None:
    server = Server("slow")
    try:
        with pytest.raises(LLMUnavailable, match=rf"LLM server at {server.url} did not answer in 0.5 s"):
            list(chat.stream_text(_openai(server.url, llm_timeout_s=0.5), "s", "u", 10, retries=0, timeout_s=0.5))
    finally:
        server.close()


def test_a_server_that_breaks_off_mid_answer_is_not_retried() -> None:
    server = Server("breaks-off")
    got: list[str] = []
    try:
        with pytest.raises(LLMUnavailable, match="stopped answering mid-answer"):
            for piece in chat.stream_text(_openai(server.url), "s", "u", 10, retries=3, timeout_s=30):
                got.append(piece)
    finally:
        server.close()
    assert got == ["Two ministers "] and len(server.bodies) == 1


def test_ollama_provider_is_configured_from_settings() -> None:
    llm = chat.make_chat_model(Settings(llm_provider="ollama", llm_model="qwen2.5:1.5b", llm_timeout_s=12))
    assert type(llm).__name__ == "ChatOllama"
    assert llm.model == "qwen2.5:1.5b" and llm.base_url == "http://127.0.0.1:11434"
    assert llm.temperature == 0.1 and llm.num_predict == 320 and llm.client_kwargs == {"timeout": 12}
    assert chat._token_limit(llm, 640)["options"]["num_predict"] == 640
    assert chat.model_label(Settings(llm_provider="ollama", llm_model="m")) == "llm:ollama:m"


def test_remote_settings_say_where_questions_go_and_hide_the_key() -> None:
    assert Settings().llm_endpoint() is None  # local: offline
    s = Settings(llm_provider="openai", llm_base_url="http://gpu.example:8000/v1", llm_api_key="sk-secret")
    assert s.llm_endpoint() == "http://gpu.example:8000/v1"
    assert s.public_dict()["llm_api_key"] == "***" and "sk-secret" not in json.dumps(s.public_dict())
