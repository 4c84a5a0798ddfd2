"""`warta index` reads every format (issue 10), through the real CLI: a corpus holding one seed as a news
page, one in an RSS feed, one in an Atom feed, one as a PDF and one as a DOCX release, next to bad files,
indexes the five articles with their metadata (`warta docs --json` shows format and URL), and names every
bad file with its reason while the rest is indexed."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from format_fixtures import atom, encrypted_pdf, goldens, page, press_release_docx, press_release_pdf, rss, scanned_pdf

from conftest import PYTHON, REPO, copy_index

pytestmark = pytest.mark.slow


def run_cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([PYTHON, "-m", "assistant", *args], env=env, cwd=REPO, capture_output=True, text=True,
                          timeout=900)


def test_warta_index_reads_every_format_and_reports_bad_files(indexed_env, settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    g = goldens()
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / f"{g[0].doc_id}.html").write_text(page(g[0]), encoding="utf-8")
    (corpus / "kabar.rss").write_text(rss([g[1]]), encoding="utf-8")
    (corpus / "kabar.atom").write_text(atom([g[2]]), encoding="utf-8")
    (corpus / f"{g[3].doc_id}.pdf").write_bytes(press_release_pdf(g[3]))
    (corpus / f"{g[4].doc_id}.docx").write_bytes(press_release_docx(g[4]))
    (corpus / "rusak.html").write_text("<html><head><title>Rapat", encoding="utf-8")
    (corpus / "rusak.xml").write_text('<?xml version="1.0"?><rss version="2.0"><channel><<<>>></rss>', encoding="utf-8")
    (corpus / "terkunci.pdf").write_bytes(encrypted_pdf(g[0]))
    (corpus / "pindaian.pdf").write_bytes(scanned_pdf())
    (corpus / "kosong.docx").write_bytes(b"")
    (corpus / "data.bin").write_bytes(os.urandom(2048))
    (tmp_path / "luar.html").write_text(page(g[1]), encoding="utf-8")
    (corpus / "luar.html").symlink_to(tmp_path / "luar.html")
    # From a copy of the .txt index: chunks read exactly as from the .txt files reuse their vectors.
    env = dict(indexed_env, WARTA_CORPUS_DIR=str(corpus), WARTA_INDEX_DIR=str(copy_index(settings, tmp_path / "ix")))

    proc = run_cli(env, "index")
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert "5 documents" in proc.stdout
    for name, reason in [("rusak.html", "no article text found in this HTML page"),
                         ("rusak.xml", "not a valid RSS or Atom feed"),
                         ("terkunci.pdf", "the PDF is encrypted (password protected)"),
                         ("pindaian.pdf", "no text layer; OCR is not supported"),
                         ("kosong.docx", "file is empty (0 bytes)"),
                         ("data.bin", "unsupported file type .bin"),
                         ("luar.html", "is a link that points outside the corpus folder")]:
        assert f"ERROR: {corpus / name}: {reason}" in proc.stderr, (name, proc.stderr)

    docs = {d["title"]: d for d in json.loads(run_cli(env, "docs", "--json").stdout)}
    assert sorted(docs) == sorted(x.title for x in g)
    formats = {x.doc_id: f for x, f in zip(g, ("html", "feed", "feed", "pdf", "docx"))}
    for x in g:
        d = docs[x.title]
        assert d["format"] == formats[x.doc_id] and d["published"] == (x.published or d["published"])
        if d["format"] in ("html", "feed"):
            assert d["url"] == x.url
        else:
            assert d["url"] is None and d["doc_id"] == x.doc_id
    listing = run_cli(env, "docs").stdout
    assert " pdf " in listing and " docx " in listing and " feed " in listing
