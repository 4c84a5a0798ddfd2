"""The index records what its vectors were built with: an index of int8 vectors is never read with full-
precision settings (or the reverse), and an index built before the setting existed reads as "none"."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.errors import IndexMismatch
from assistant.index import manifest
from assistant.settings import Settings


def _built_with(folder: Path, settings: Settings, drop: str | None = None) -> None:
    manifest.write(folder, settings, [], [])
    if drop:
        data = json.loads((folder / manifest.MANIFEST).read_text())
        del data["meta"][drop]
        (folder / manifest.MANIFEST).write_text(json.dumps(data))


def test_quantised_vectors_never_mix(tmp_path: Path) -> None:
    full, int8 = Settings(index_dir=tmp_path), Settings(index_dir=tmp_path, embed_quantize="int8")
    _built_with(tmp_path, int8)
    manifest.check_compatible(tmp_path, int8)
    with pytest.raises(IndexMismatch, match="embed_quantize: index has 'int8', settings say 'none'"):
        manifest.check_compatible(tmp_path, full)
    _built_with(tmp_path, full)
    with pytest.raises(IndexMismatch, match="embed_quantize"):
        manifest.check_compatible(tmp_path, int8)


def test_an_index_from_before_the_setting_reads_as_full_precision(tmp_path: Path) -> None:
    _built_with(tmp_path, Settings(index_dir=tmp_path), drop="embed_quantize")
    manifest.check_compatible(tmp_path, Settings(index_dir=tmp_path))
    with pytest.raises(IndexMismatch):
        manifest.check_compatible(tmp_path, Settings(index_dir=tmp_path, embed_quantize="int8"))
