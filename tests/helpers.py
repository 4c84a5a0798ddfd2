"""Small deterministic stand-ins shared by unit tests (never the only proof: e2e tests use the real model)."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import numpy as np
import pytest

from assistant.records import Chunk, Evidence, Hit


class BagOfWordsEmbedder:
    """Deterministic stand-in for the citation-check unit tests only: hashed bag of words."""

    name = "bow"
    dim = 256

    def _vec(self, text: str) -> np.ndarray:
        v = np.zeros(self.dim, dtype=np.float32)
        for w in text.lower().replace(".", " ").replace(",", " ").split():
            v[int(hashlib.md5(w.encode()).hexdigest(), 16) % self.dim] += 1
        return v / (np.linalg.norm(v) or 1)

    def encode_documents(self, texts: list[str]) -> np.ndarray:
        return np.stack([self._vec(t) for t in texts])

    def encode_query(self, text: str) -> np.ndarray:
        return self._vec(text)


def _evidence(n: int, doc: str, sentences: list[str]) -> Evidence:
    c = Chunk(chunk_id=f"{doc}#0", doc_id=doc, ordinal=0, text=" ".join(sentences), sentences=tuple(sentences),
              title=f"Title {doc}", published="2022-01-21", source="Outlet", language="en")
    return Evidence(n=n, hit=Hit(rank=n, chunk=c, score=1.0), sentences=tuple(sentences),
                    best_sentence=sentences[0], similarity=0.8)


@pytest.fixture()
def ev() -> tuple[list[Evidence], dict[int, np.ndarray]]:
    e = BagOfWordsEmbedder()
    evidence = [
        _evidence(1, "a", ["Indonesia signed two memoranda with Russia on shipbuilding and asbestos research."]),
        _evidence(2, "b", ["The ministers met in Tokyo on Friday to discuss automotive cooperation."]),
        _evidence(3, "c", ["Exports to Belarus reached 38.03 million dollars in 2020."]),
    ]
    return evidence, {x.n: e.encode_documents(list(x.sentences)) for x in evidence}


def copy_lang_files(source: Path, target: Path, langs: tuple[str, ...]) -> Path:
    """A private copy of per-language data files (`<lang>.toml`), for a test to break; returns `target`."""
    for lang in langs:
        shutil.copy(source / f"{lang}.toml", target / f"{lang}.toml")
    return target


def edit_lang_file(folder: Path, lang: str, old: str, new: str) -> None:
    """Replace the first `old` in `<folder>/<lang>.toml` by `new`; `old` must be there."""
    path = folder / f"{lang}.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
