"""The corpus boundary (issue 14): nothing outside the corpus folder is read. Real symlinks, a real fifo,
a real folder named like a document; no mocks."""

from __future__ import annotations

import os
import socket
import threading
from pathlib import Path

import pytest

from assistant.corpus.read import inside, read_corpus, safe_path
from assistant.errors import CorpusMissing, OutsideCorpus

ARTICLE = "Judul Berita Yang Cukup Panjang\n\nIni adalah isi berita yang baik tentang pabrik baru di Bekasi."


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "good.txt").write_text(ARTICLE, encoding="utf-8")
    return folder


def by_id(problems):  # type: ignore[no-untyped-def]
    return {p.doc_id: p for p in problems}


def test_links_out_of_the_folder_are_refused(corpus: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("Rahasia Negara\n\nIsi yang tidak boleh masuk ke indeks sama sekali.", encoding="utf-8")
    os.symlink("/etc/passwd", corpus / "evil.txt")
    os.symlink(secret, corpus / "outside.txt")
    os.symlink("../secret.txt", corpus / "relative.txt")  # relative link climbing out
    (tmp_path / "elsewhere").mkdir()
    os.symlink(tmp_path / "elsewhere", corpus / "folder.txt")  # a link to a folder outside
    sources, problems = read_corpus(corpus, max_mb=1)
    assert [s.doc_id for s in sources] == ["good"]
    found = by_id(problems)
    for doc in ("evil", "outside", "relative", "folder"):
        assert "points outside the corpus folder; not read" in found[doc].reason, found[doc]
        assert found[doc].severity == "error"
    assert not any("root:" in s.text or "Rahasia" in s.text for s in sources)


def test_a_link_inside_the_folder_is_read(corpus: Path) -> None:
    (corpus / "sub").mkdir()
    (corpus / "sub" / "deep.txt").write_text(ARTICLE.replace("Bekasi", "Batang"), encoding="utf-8")
    os.symlink("sub/deep.txt", corpus / "alias.txt")
    sources, problems = read_corpus(corpus, max_mb=1)
    assert sorted(s.doc_id for s in sources) == ["alias", "good"]
    alias = next(s for s in sources if s.doc_id == "alias")
    assert "Batang" in alias.text and alias.path.endswith("alias.txt")
    assert problems == []  # the plain folder "sub" is not an article: nothing to report


def test_broken_and_looping_links_are_reported(corpus: Path) -> None:
    os.symlink("missing.txt", corpus / "broken.txt")
    os.symlink("loop.txt", corpus / "loop.txt")
    _, problems = read_corpus(corpus, max_mb=1)
    found = by_id(problems)
    assert "broken link" in found["broken"].reason and "broken link" in found["loop"].reason


def test_fifo_socket_and_folder_named_like_documents_are_reported_never_opened(corpus: Path) -> None:
    os.mkfifo(corpus / "pipe.txt")  # opening it for reading would block forever
    (corpus / "dir.txt").mkdir()
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(corpus / "sock.txt"))
    done: list[object] = []
    worker = threading.Thread(target=lambda: done.append(read_corpus(corpus, max_mb=1)), daemon=True)
    worker.start()
    worker.join(20)
    sock.close()
    if not done:
        # Unblock the reader stuck on the fifo, so the test process can exit, then fail.
        with open(corpus / "pipe.txt", "w"):
            pass
        pytest.fail("read_corpus blocked on a fifo")
    sources, problems = done[0]  # type: ignore[misc]
    assert [s.doc_id for s in sources] == ["good"]
    found = by_id(problems)
    assert "named pipe" in found["pipe"].reason and "not read" in found["pipe"].reason
    assert "is a folder, not a file; not read" in found["dir"].reason
    assert "socket" in found["sock"].reason


def test_a_missing_corpus_folder_is_an_error_not_an_empty_corpus(tmp_path: Path) -> None:
    with pytest.raises(CorpusMissing, match="does not exist"):
        read_corpus(tmp_path / "nowhere", max_mb=1)
    (tmp_path / "file").write_text("x")
    with pytest.raises(CorpusMissing):
        read_corpus(tmp_path / "file", max_mb=1)


def test_inside_and_safe_path(corpus: Path, tmp_path: Path) -> None:
    assert inside(corpus, corpus / "good.txt") and inside(corpus, corpus / "not-yet.txt")
    assert not inside(corpus, tmp_path / "x.txt") and not inside(corpus, corpus / ".." / "x.txt")
    os.symlink("/etc", corpus / "etc")
    assert not inside(corpus, corpus / "etc" / "passwd")
    assert safe_path(corpus, "new.txt") == corpus / "new.txt"
    for bad in ("../x.txt", "/etc/passwd", "sub/x.txt", "..", "", "etc"):
        with pytest.raises(OutsideCorpus):
            safe_path(corpus, bad)
    # The corpus folder itself may be a link (corpus -> /data/news): its inside is still inside.
    link = tmp_path / "corpus-link"
    os.symlink(corpus, link)
    assert inside(link, link / "good.txt") and [s.doc_id for s in read_corpus(link, 1)[0]] == ["good"]
