"""Nothing outside the corpus folder gets in (issue 14), through the real CLI: `warta index` over a corpus
holding links to /etc/passwd and to a file outside, a fifo and a folder named like a document reports each
one, indexes the rest, and `warta docs` / `warta ask` never show the outside text."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import PYTHON, REPO, SEEDS, copy_index

pytestmark = pytest.mark.slow


def run_cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([PYTHON, "-m", "assistant", *args], env=env, cwd=REPO, capture_output=True, text=True,
                          timeout=600)


def test_links_out_fifos_and_folders_are_reported_and_never_indexed(indexed_env, settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    corpus = tmp_path / "corpus"
    shutil.copytree(settings.corpus_dir, corpus)
    outside = tmp_path / "rahasia.txt"
    outside.write_text("Dokumen Rahasia Kementerian\n\nKata sandi brankas kementerian adalah merpati-biru-77. "
                       "Dokumen ini tidak boleh masuk ke indeks mana pun.", encoding="utf-8")
    os.symlink("/etc/passwd", corpus / "evil.txt")
    os.symlink(outside, corpus / "bocor.txt")
    os.symlink("../rahasia.txt", corpus / "naik.txt")
    os.symlink(SEEDS[0].name, corpus / "alias.txt")  # a link inside the folder is fine (same text: a duplicate)
    os.mkfifo(corpus / "pipa.txt")
    (corpus / "dir.txt").mkdir()
    env = dict(indexed_env, WARTA_CORPUS_DIR=str(corpus), WARTA_INDEX_DIR=str(copy_index(settings, tmp_path / "ix")))

    proc = run_cli(env, "index")  # a fifo opened for reading would hang here: the timeout would fail the test
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    for name in ("evil.txt", "bocor.txt", "naik.txt"):
        assert f"ERROR: {corpus / name}: is a link that points outside the corpus folder; not read" in proc.stderr
    assert f"ERROR: {corpus / 'pipa.txt'}: is a named pipe (fifo), not a text file; not read" in proc.stderr
    assert f"ERROR: {corpus / 'dir.txt'}: is a folder, not a file; not read" in proc.stderr
    assert "alias.txt: same article text as" in proc.stderr  # read (inside), then indexed once
    assert f"{len(SEEDS)} documents" in proc.stdout

    docs = json.loads(run_cli(env, "docs", "--json").stdout)
    assert {d["doc_id"] for d in docs} == {p.stem for p in SEEDS}
    listing = run_cli(env, "docs").stdout
    assert "root" not in listing.lower() and "Rahasia" not in listing

    hits = json.loads(run_cli(env, "search", "What is the login shell of root?", "--json").stdout)["hits"]
    assert hits and all("root:x:0:0" not in h["text"] and "merpati" not in h["text"] for h in hits)
    answer = json.loads(run_cli(env, "ask", "Apa kata sandi brankas kementerian?", "--json").stdout)
    assert "merpati" not in json.dumps(answer) and "root:x" not in json.dumps(answer)
