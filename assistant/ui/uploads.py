"""The file names inside a multipart upload, read as the body streams in. No Gradio here.

`FilenameSniffer.for_content_type(content_type, check)` is None unless the body is multipart/form-data;
`feed(chunk)` parses the part headers and calls `check(filename)` for every part that carries a file name
(the parts Gradio stores as files: it reads the same `filename` parameter). `check` raises to refuse; a body
that is not valid multipart raises MalformedUpload.
"""

from __future__ import annotations

from collections.abc import Callable

from python_multipart.exceptions import MultipartParseError
from python_multipart.multipart import MultipartParser, parse_options_header

from assistant.errors import MalformedUpload


class FilenameSniffer:
    def __init__(self, boundary: bytes, check: Callable[[str], None]) -> None:
        self._check = check
        self._field = bytearray()
        self._value = bytearray()
        self._disposition: bytes | None = None
        self._parser = MultipartParser(boundary, {
            "on_header_field": self._on_field,
            "on_header_value": self._on_value,
            "on_header_end": self._on_header_end,
            "on_headers_finished": self._on_headers_finished,
        })

    @classmethod
    def for_content_type(cls, content_type: str, check: Callable[[str], None]) -> FilenameSniffer | None:
        kind, options = parse_options_header(content_type.encode("latin-1"))
        if kind != b"multipart/form-data":
            return None
        # A multipart body without a boundary cannot be parsed by the route either; an empty one is refused
        # the same way, as a file without a name.
        return cls(options.get(b"boundary", b"") or b"-", check)

    def feed(self, chunk: bytes) -> None:
        if not chunk:
            return
        try:
            self._parser.write(chunk)
        except MultipartParseError as exc:
            raise MalformedUpload(str(exc)) from exc

    def _on_field(self, data: bytes, start: int, end: int) -> None:
        self._field += data[start:end]

    def _on_value(self, data: bytes, start: int, end: int) -> None:
        self._value += data[start:end]

    def _on_header_end(self) -> None:
        if bytes(self._field).strip().lower() == b"content-disposition":
            self._disposition = bytes(self._value)
        self._field.clear()
        self._value.clear()

    def _on_headers_finished(self) -> None:
        disposition, self._disposition = self._disposition, None
        if disposition is None:
            return
        _, options = parse_options_header(disposition)
        if b"filename" in options:
            self._check(options[b"filename"].decode("utf-8", errors="replace"))
