"""`warta ask` prints its headings from the same word table as the UI, in the answer's language."""

from __future__ import annotations

from typing import Any

import pytest

from assistant import cli
from assistant.cli import commands
from assistant.records import Answer, Citation

CARD = Citation(n=1, doc_id="d1", chunk_id="d1#0", title="Judul", published=None, source=None, quote="Kutipan.",
                supporting="Kutipan.")


class _Answers:
    def __init__(self, answer: Answer) -> None:
        self.answer = answer

    def ask(self, question: str, language: str | None = None, history: object = None) -> Answer:
        return self.answer


@pytest.mark.parametrize(("language", "refused", "heading", "meta"), [
    ("id", False, "Sumber:", "[1] Judul — media tidak diketahui, tanpa tanggal (d1)"),
    ("en", False, "Sources:", "[1] Judul — unknown outlet, undated (d1)"),
    ("en", True, "Closest sources:", "[1] Judul — unknown outlet, undated (d1)"),
])
def test_sources_heading_follows_the_answer(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                                            language: str, refused: bool, heading: str, meta: str) -> None:
    answer = Answer(question="q", language=language, answer="Teks [1].", refused=refused,  # type: ignore[arg-type]
                    citations=() if refused else (CARD,), closest=(CARD,) if refused else (), generator="extractive")
    monkeypatch.setattr(commands, "_warta", lambda settings: _Answers(answer))
    assert cli.main(["ask", "q"]) == 0
    lines: list[Any] = capsys.readouterr().out.splitlines()
    assert lines[:4] == ["Teks [1].", "", heading, meta]
