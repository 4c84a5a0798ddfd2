"""Fast unit tests of pure logic: citation checking (with a tiny deterministic embedder), prompts, ingest
of bad files, language detection, date parsing, chunking."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pytest

from assistant.text import dates

from assistant.text import language as langid
from assistant.corpus.chunk import chunk
from assistant.answer.citations import check
from assistant.corpus.read import read_corpus
from assistant.answer.prompts import _load, load_all
from assistant.errors import PromptError
from assistant.records import Chunk, Document, Evidence, Hit

REPO = Path(__file__).resolve().parents[3]



def test_prompts_load_with_same_keys() -> None:
    both = load_all(REPO / "prompts")
    assert set(both["id"].texts) == set(both["en"].texts)
    assert "{passages}" in both["en"]["user"] and "{question}" in both["id"]["user"]


def test_broken_prompt_file_is_rejected(tmp_path: Path) -> None:
    bad = tmp_path / "en.toml"
    bad.write_text((REPO / "prompts" / "en.toml").read_text().replace("{passages}", "{pasages}"))
    with pytest.raises(PromptError, match="placeholder"):
        _load(bad, "en")
    bad.write_text('system = "x"\n')
    with pytest.raises(PromptError, match="missing"):
        _load(bad, "en")
