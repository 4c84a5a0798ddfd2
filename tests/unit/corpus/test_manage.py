"""Adding offered files to the corpus folder (corpus.manage): safe names, the type allow-list, the size limit,
never an overwrite, nothing written outside the folder; removal moves the file to .removed/."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.corpus import manage
from assistant.errors import OutsideCorpus


@pytest.mark.parametrize(("given", "saved"), [
    ("../../etc/passwd.txt", "passwd.txt"), ("..\\..\\win.ini.md", "win.ini.md"), ("/abs/path/a.TXT", "a.txt"),
    ("..txt", "upload.txt"), (".hidden.md", "hidden.md"), ("rilis pers (final).PDF", "rilis_pers_final.pdf"),
    ("a\x00b.txt", "ab.txt"), ("../../etc/passwd", "passwd"),
])
def test_plain_names(given: str, saved: str) -> None:
    assert manage.plain_name(given) == saved


def _offer(tmp: Path, name: str, data: bytes) -> Path:
    """The offered bytes in a temporary file of their own (as Gradio's upload cache holds them)."""
    folder = tmp / "incoming"
    folder.mkdir(exist_ok=True)
    src = folder / f"{len(list(folder.iterdir()))}-{name}"
    src.write_bytes(data)
    return src


def test_add_file_refuses_what_it_must_and_never_leaves_the_folder(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    ok = manage.add_file(corpus, "../../etc/passwd.txt", _offer(tmp_path, "x", b"Judul\n\nIsi."), 1)
    assert ok.doc_id == "passwd" and (corpus / "passwd.txt").read_bytes() == b"Judul\n\nIsi."
    assert not (tmp_path / "etc").exists()
    bad = manage.add_file(corpus, "../../etc/passwd", _offer(tmp_path, "x", b"root:x:0:0"), 1)
    assert bad.doc_id is None and "(none) is not accepted" in bad.note
    exe = manage.add_file(corpus, "tool.exe", _offer(tmp_path, "x", b"MZ"), 1)
    assert exe.doc_id is None and ".exe is not accepted" in exe.note and "docx" in exe.note
    big = manage.add_file(corpus, "big.txt", _offer(tmp_path, "x", b"a" * 2_000_000), 1)
    assert big.doc_id is None and "over the 1 MB limit" in big.note
    empty = manage.add_file(corpus, "empty.md", _offer(tmp_path, "x", b""), 1)
    assert empty.doc_id is None and "empty" in empty.note
    assert sorted(p.name for p in corpus.iterdir()) == ["passwd.txt"]


def test_add_file_never_overwrites(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "rilis.txt").write_text("Judul lama\n\nIsi lama.")
    (corpus / "berita.md").write_text("Judul\n\nIsi.")
    same = manage.add_file(corpus, "rilis.txt", _offer(tmp_path, "x", "Judul lama\n\nIsi lama.".encode()), 1)
    assert same.doc_id == "rilis" and "already in the corpus" in same.note
    other = manage.add_file(corpus, "rilis.txt", _offer(tmp_path, "x", b"Judul baru\n\nIsi baru."), 1)
    assert other.doc_id == "rilis-2" and "saved as rilis-2.txt" in other.note
    assert (corpus / "rilis.txt").read_text() == "Judul lama\n\nIsi lama."
    # Same doc id under another suffix is another document too (doc ids are file stems).
    html = manage.add_file(corpus, "berita.html", _offer(tmp_path, "x", b"<html></html>"), 1)
    assert html.doc_id == "berita-2"


def test_take_out_moves_the_file_to_the_hidden_trash(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for _ in range(2):
        (corpus / "a.txt").write_text("x")
        moved = manage.take_out(corpus, corpus / "a.txt")
        assert moved.parent == corpus / ".removed" and not (corpus / "a.txt").exists()
    assert sorted(p.name for p in (corpus / ".removed").iterdir()) == ["a-2.txt", "a.txt"]
    (tmp_path / "outside.txt").write_text("keep")
    with pytest.raises(OutsideCorpus):
        manage.take_out(corpus, tmp_path / "outside.txt")
    (corpus / "link.txt").symlink_to(tmp_path / "outside.txt")
    with pytest.raises(OutsideCorpus):
        manage.take_out(corpus, corpus / "link.txt")
    assert (tmp_path / "outside.txt").read_text() == "keep"
