"""Ingest: read the corpus folder into decoded SourceFiles, and never anything outside it.

Contract: `read_corpus(folder, max_mb)` returns the documents of every readable file directly in `folder`
as SourceFiles (read by corpus.formats, chosen by content: text, HTML, feeds, PDF, DOCX; doc id = file name
without extension, or one id per feed entry) and a FileProblem for each entry it could not read or had to
read specially, with a reason a user can act on. One bad file never stops the others. A missing folder
raises CorpusMissing (an empty result would make the builder empty the index).

The boundary: an entry is read only when it is a regular file whose real path (every symlink resolved) lies
inside the real corpus folder. A link that leads out, a broken link, a folder named like a document and a
special file (fifo, socket, device) are reported and never opened; files are opened without following a
link and without blocking, then checked again on the open descriptor, so an entry swapped between the
check and the open is refused too. `inside` and `safe_path` are the same rule for uploads and `warta add`.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from assistant.corpus.formats import SUFFIXES, TEXT_SUFFIXES, read_document
from assistant.errors import CorpusMissing, OutsideCorpus, UnreadableDocument
from assistant.records import FileProblem, SourceFile

__all__ = ["SUFFIXES", "TEXT_SUFFIXES", "check_folder", "inside", "read_corpus", "read_file", "read_path",
           "safe_path"]
NOT_READ = "; not read"


def inside(folder: Path, path: Path) -> bool:
    """True when `path`, with every symlink resolved, is `folder` or lies under it (`folder` resolved too).
    A path that does not exist yet is judged by where it would be created."""
    root = Path(os.path.realpath(folder))
    real = Path(os.path.realpath(path))
    return real == root or real.is_relative_to(root)


def safe_path(folder: Path, name: str) -> Path:
    """`folder / name` for a file name given by a user (an upload, `warta add`), or OutsideCorpus when it
    would leave the folder ("../x", an absolute path, a link out). Only a plain name is accepted: documents
    live directly in the corpus folder."""
    if not name or name != Path(name).name or name in (".", ".."):
        raise OutsideCorpus(f"{name!r} is not a plain file name; documents go directly in the corpus folder")
    path = Path(folder) / name
    if not inside(folder, path):
        raise OutsideCorpus(f"{name!r} points outside the corpus folder")
    return path


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe (fifo)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def _read_bytes(path: Path, limit: int) -> bytes:
    """At most `limit` + 1 bytes of a regular file, opened without following a final link or blocking on a
    fifo. Raises OSError, or ValueError(kind) when the descriptor is not a regular file."""
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(fd, "rb") as fh:
        mode = os.fstat(fh.fileno()).st_mode
        if not stat.S_ISREG(mode):
            raise ValueError(_kind(mode))
        return fh.read(limit + 1)  # + 1: a file that grew past the limit since its stat is still caught


def read_path(path: Path, max_mb: float, doc_id: str | None = None, shown: str | None = None,
              ) -> tuple[list[SourceFile], list[FileProblem]]:
    """The documents of one regular file and its problems (errors: not read; warnings: read anyway).
    `path` is opened without following a final symlink; `doc_id` and `shown` name it (default: from `path`);
    the bytes go to corpus.formats.read_document."""
    doc_id = doc_id if doc_id is not None else path.stem
    name = shown or str(path)
    limit = int(max_mb * 1024 * 1024)
    too_big = f"over the {max_mb:g} MB limit (WARTA_MAX_FILE_MB); skipped"
    try:
        size = path.stat().st_size
        if size > limit:
            return [], [FileProblem(doc_id, name, f"file is {size / 1048576:.1f} MB, {too_big}")]
        raw = _read_bytes(path, limit)
    except ValueError as exc:
        return [], [FileProblem(doc_id, name, f"is {exc}, not a text file{NOT_READ}")]
    except OSError as exc:
        return [], [FileProblem(doc_id, name, f"cannot be read: {exc.strerror or exc}")]
    if len(raw) > limit:
        return [], [FileProblem(doc_id, name, f"file is {too_big}")]
    try:
        sources = read_document(raw, name, doc_id=doc_id)
    except UnreadableDocument as exc:
        return [], [FileProblem(doc_id, name, str(exc))]
    problems = [FileProblem(s.doc_id, name, note, severity="warning") for s in sources for note in s.notes]
    return sources, problems


def read_file(path: Path, max_mb: float, doc_id: str | None = None, shown: str | None = None,
              ) -> tuple[SourceFile | None, FileProblem | None]:
    """One single-document file: (SourceFile, None), (SourceFile, warning) or (None, error); see read_path
    (a feed's entries after the first are not returned: use read_path for those)."""
    sources, problems = read_path(path, max_mb, doc_id=doc_id, shown=shown)
    return (sources[0] if sources else None), (problems[0] if problems else None)


def _target(folder: Path, path: Path) -> tuple[Path | None, os.stat_result | None, str | None]:
    """Where an entry's bytes are: (real path, its stat, None), or (None, None, reason) when it must not be
    read: a link leaving the folder, a broken link or loop, an entry that vanished."""
    try:
        st = os.lstat(path)
    except OSError as exc:
        return None, None, f"cannot be read: {exc.strerror or exc}"
    if not stat.S_ISLNK(st.st_mode):
        return path, st, None
    if not inside(folder, path):
        return None, None, f"is a link that points outside the corpus folder{NOT_READ}"
    real = Path(os.path.realpath(path))
    try:
        return real, os.stat(real), None
    except OSError:
        return None, None, f"is a broken link{NOT_READ}"


def check_folder(folder: Path) -> None:
    """CorpusMissing unless `folder` is an existing folder (a link to one is fine)."""
    if not Path(folder).is_dir():
        raise CorpusMissing(f"the corpus folder {folder} does not exist. Create it and put the articles in it, "
                            "or point WARTA_CORPUS_DIR to it")


def read_corpus(folder: Path, max_mb: float) -> tuple[list[SourceFile], list[FileProblem]]:
    """Every entry directly in `folder` (hidden ones excepted), in name order; see the module contract."""
    folder = Path(folder)
    check_folder(folder)
    sources: list[SourceFile] = []
    problems: list[FileProblem] = []
    seen: dict[str, str] = {}
    for path in sorted(p for p in folder.iterdir() if not p.name.startswith(".")):
        doc_id, name, named_like_text = path.stem, str(path), path.suffix.lower() in SUFFIXES
        real, st, refused = _target(folder, path)
        if refused or real is None or st is None:
            problems.append(FileProblem(doc_id, name, refused or f"cannot be read{NOT_READ}"))
            continue
        if stat.S_ISDIR(st.st_mode):
            if named_like_text:  # "dir.txt" looks like an article: say why it is not one
                problems.append(FileProblem(doc_id, name, f"is a folder, not a file{NOT_READ}"))
            continue  # other folders: Warta reads only the files directly in the corpus folder
        if not stat.S_ISREG(st.st_mode):
            problems.append(FileProblem(doc_id, name, f"is {_kind(st.st_mode)}, not a text file{NOT_READ}"))
            continue
        if doc_id in seen:
            problems.append(FileProblem(doc_id, name, f"same document id as {seen[doc_id]}; skipped"))
            continue
        found, file_problems = read_path(real, max_mb, doc_id=doc_id, shown=name)
        problems.extend(file_problems)
        for source in found:
            if source.doc_id in seen:  # a feed entry also in another feed, or a file of the same stem
                problems.append(FileProblem(source.doc_id, name, f"same document id as {seen[source.doc_id]}; "
                                            "skipped", severity="warning" if source.format == "feed" else "error"))
                continue
            seen[source.doc_id] = path.name
            sources.append(source)
    return sources, problems
