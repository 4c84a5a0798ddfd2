"""Ingest: read the corpus folder into decoded SourceFiles, and never anything outside it.

Contract: `read_corpus(folder, max_mb)` returns every readable text file directly in `folder` as a
SourceFile (doc id = file name without extension) and a FileProblem for each entry it could not read or had
to read specially, with a reason a user can act on. One bad file never stops the others. A missing folder
raises CorpusMissing (an empty result would make the builder empty the index).

The boundary: an entry is read only when it is a regular file whose real path (every symlink resolved) lies
inside the real corpus folder. A link that leads out, a broken link, a folder named like a document and a
special file (fifo, socket, device) are reported and never opened; files are opened without following a
link and without blocking, then checked again on the open descriptor, so an entry swapped between the
check and the open is refused too. `inside` and `safe_path` are the same rule for uploads and `warta add`.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

from assistant.errors import CorpusMissing, OutsideCorpus
from assistant.records import FileProblem, SourceFile

TEXT_SUFFIXES = {".txt", ".md", ".text"}
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


def _looks_binary(raw: bytes) -> bool:
    sample = raw[:8192]
    if b"\x00" in sample:
        return True
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return control > max(8, len(sample) // 50)


def _decode(raw: bytes) -> tuple[str, str]:
    """Text and the encoding it was read with. UTF-8 first; then Windows-1252/Latin-1, common in old
    Indonesian scrapes."""
    try:
        return raw.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return raw.decode("latin-1"), "latin-1"


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


def read_file(path: Path, max_mb: float, doc_id: str | None = None, shown: str | None = None,
              ) -> tuple[SourceFile | None, FileProblem | None]:
    """One regular file: (SourceFile, None), (SourceFile, warning) or (None, error). `path` is opened (a
    final symlink is refused); `doc_id` and `shown` name it in the result (default: from `path`)."""
    doc_id = doc_id if doc_id is not None else path.stem
    name = shown or str(path)
    limit = int(max_mb * 1024 * 1024)
    too_big = f"over the {max_mb:g} MB limit (WARTA_MAX_FILE_MB); skipped"
    try:
        size = path.stat().st_size
        if size > limit:
            return None, FileProblem(doc_id, name, f"file is {size / 1048576:.1f} MB, {too_big}")
        raw = _read_bytes(path, limit)
    except ValueError as exc:
        return None, FileProblem(doc_id, name, f"is {exc}, not a text file{NOT_READ}")
    except OSError as exc:
        return None, FileProblem(doc_id, name, f"cannot be read: {exc.strerror or exc}")
    if len(raw) > limit:
        return None, FileProblem(doc_id, name, f"file is {too_big}")
    if not raw.strip():
        return None, FileProblem(doc_id, name, "file is empty; skipped")
    if _looks_binary(raw):
        return None, FileProblem(doc_id, name, "file is binary, not text; skipped")
    text, encoding = _decode(raw)
    if not text.strip():
        return None, FileProblem(doc_id, name, "file holds only whitespace; skipped")
    source = SourceFile(doc_id=doc_id, path=name, text=text, encoding=encoding,
                        sha256=hashlib.sha256(raw).hexdigest())
    if encoding != "utf-8":
        return source, FileProblem(doc_id, name, f"not valid UTF-8; read as {encoding}. Check accented "
                                   "characters, or save the file as UTF-8", severity="warning")
    return source, None


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
        doc_id, name, named_like_text = path.stem, str(path), path.suffix.lower() in TEXT_SUFFIXES
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
        if not named_like_text:
            problems.append(FileProblem(doc_id, name, f"unsupported file type {path.suffix or '(none)'}; "
                                        f"supported: {', '.join(sorted(TEXT_SUFFIXES))}", severity="warning"))
            continue
        if doc_id in seen:
            problems.append(FileProblem(doc_id, name, f"same document id as {seen[doc_id]}; skipped"))
            continue
        source, problem = read_file(real, max_mb, doc_id=doc_id, shown=name)
        if problem:
            problems.append(problem)
        if source:
            seen[source.doc_id] = path.name
            sources.append(source)
    return sources, problems
