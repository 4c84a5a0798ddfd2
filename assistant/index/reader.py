"""The read side of the index: the one handle the service holds for searching.

Contract: `IndexReader(settings)` opens nothing until asked; `check()` raises NotIndexed / IndexMismatch
(see manifest); `chunks()`, `query()` and `sentences_of()` read the store; `documents()` reads the manifest.
The builder (index.build) owns every write.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from assistant.index import manifest
from assistant.index.store import ChromaStore, StoredSentence
from assistant.records import Chunk, DocInfo
from assistant.settings import Settings


class IndexReader:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.folder = Path(settings.index_dir)
        self._store: ChromaStore | None = None

    @property
    def store(self) -> ChromaStore:
        if self._store is None:
            self._store = ChromaStore(self.folder / "chroma")
        return self._store

    def check(self) -> None:
        manifest.check_compatible(self.folder, self.settings)

    def documents(self) -> list[DocInfo]:
        return manifest.documents(self.folder)

    def chunks(self) -> list[Chunk]:
        return self.store.all_chunks()

    def query(self, vector: np.ndarray, n: int, where: dict[str, Any] | None = None) -> list[tuple[str, float]]:
        return self.store.query(vector, n, where)

    def sentences_of(self, chunk_ids: list[str]) -> list[StoredSentence]:
        return self.store.sentences_of(chunk_ids)
