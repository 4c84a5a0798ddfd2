"""Ingest: read the corpus folder into decoded SourceFiles.

Contract: `read_corpus(folder, max_mb)` returns every readable text file as a SourceFile (doc id = file
name without extension) and a FileProblem for each file it could not read or had to read specially, with a
reason a user can act on. One bad file never stops the others.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from assistant.records import FileProblem, SourceFile

TEXT_SUFFIXES = {".txt", ".md", ".text"}


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


def read_file(path: Path, max_mb: float) -> tuple[SourceFile | None, FileProblem | None]:
    """One file: (SourceFile, None), (SourceFile, warning) or (None, error)."""
    doc_id = path.stem
    name = str(path)
    try:
        size = path.stat().st_size
        if size > max_mb * 1024 * 1024:
            return None, FileProblem(doc_id, name, f"file is {size / 1048576:.1f} MB, over the {max_mb:g} MB limit "
                                     "(WARTA_MAX_FILE_MB); skipped")
        raw = path.read_bytes()
    except OSError as exc:
        return None, FileProblem(doc_id, name, f"cannot be read: {exc.strerror or exc}")
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


def read_corpus(folder: Path, max_mb: float) -> tuple[list[SourceFile], list[FileProblem]]:
    folder = Path(folder)
    if not folder.is_dir():
        return [], [FileProblem("", str(folder), "corpus folder does not exist")]
    sources: list[SourceFile] = []
    problems: list[FileProblem] = []
    seen: dict[str, str] = {}
    for path in sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")):
        if path.suffix.lower() not in TEXT_SUFFIXES:
            problems.append(FileProblem(path.stem, str(path), f"unsupported file type {path.suffix or '(none)'}; "
                                        f"supported: {', '.join(sorted(TEXT_SUFFIXES))}", severity="warning"))
            continue
        if path.stem in seen:
            problems.append(FileProblem(path.stem, str(path), f"same document id as {seen[path.stem]}; skipped"))
            continue
        source, problem = read_file(path, max_mb)
        if problem:
            problems.append(problem)
        if source:
            seen[source.doc_id] = path.name
            sources.append(source)
    return sources, problems
