"""Adding files to the corpus folder and taking documents out of it (the Corpus tab, `warta remove`).

Contract:
- `add_file(folder, name, source, max_mb)` copies one offered file (an upload: `name` as the client gave it,
  `source` where its bytes are) into `folder` under a safe name and returns an `AddedFile`: saved (its
  doc id), or refused with a reason a user can act on. Never raises for a bad file; never writes outside
  `folder`; never overwrites: a name taken by another document gets a numbered one ("x-2.txt"), and a file
  whose bytes equal the one already under that name is not saved twice.
- `take_out(folder, path)` moves a document's file into `<folder>/.removed/` (hidden: never read as a
  document; delete it there to free the space), so a removal can be undone by moving it back.

Names: only the last path component counts, whichever separator the client used ("../../etc/passwd" is
"passwd"); characters other than letters, digits, ".", "-" and "_" become "_"; leading dots go (no hidden
files); the suffix must be one of `UPLOAD_SUFFIXES`.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import unicodedata
from pathlib import Path, PurePosixPath, PureWindowsPath

from assistant.corpus.read import inside, safe_path
from assistant.errors import OutsideCorpus
from assistant.records import AddedFile

# What the Corpus tab and the server accept (the readers of these formats live in corpus/).
UPLOAD_SUFFIXES = (".txt", ".md", ".html", ".htm", ".xml", ".rss", ".atom", ".pdf", ".docx")
TRASH = ".removed"
_UNSAFE = re.compile(r"[^\w.-]+")
MAX_STEM = 80


def plain_name(name: str) -> str:
    """The file name an offered `name` is saved under, before collisions: see the module docstring."""
    last = PureWindowsPath(PurePosixPath(name.replace("\x00", "")).name).name
    last = unicodedata.normalize("NFKC", last).strip()
    suffix = PurePosixPath(last).suffix.lower()  # ".hidden" has none; "..txt" is ".txt"
    stem = last[: len(last) - len(suffix)] if suffix else last
    stem = _UNSAFE.sub("_", stem).strip("._ ")[:MAX_STEM] or "upload"
    return f"{stem}{suffix}"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _stems(folder: Path) -> dict[str, Path]:
    """doc id (file stem) -> entry, for every visible entry of the corpus folder."""
    return {p.stem: p for p in Path(folder).iterdir() if not p.name.startswith(".")}


def add_file(folder: Path, name: str, source: Path, max_mb: float) -> AddedFile:
    wanted = plain_name(name)
    suffix = PurePosixPath(wanted).suffix
    if suffix not in UPLOAD_SUFFIXES:
        return AddedFile(name, None, f"file type {suffix or '(none)'} is not accepted; "
                                     f"accepted: {', '.join(s.lstrip('.') for s in UPLOAD_SUFFIXES)}")
    try:
        size = Path(source).stat().st_size
    except OSError as exc:
        return AddedFile(name, None, f"cannot be read: {exc.strerror or exc}")
    if size > max_mb * 1024 * 1024:
        return AddedFile(name, None, f"file is {size / 1048576:.1f} MB, over the {max_mb:g} MB limit "
                                     "(WARTA_MAX_UPLOAD_MB)")
    if size == 0:
        return AddedFile(name, None, "file is empty")
    stems = _stems(folder)
    stem = wanted[: len(wanted) - len(suffix)]
    note = ""
    if stem in stems:
        same = stems[stem]
        if same.name == wanted and same.is_file() and _sha256(same) == _sha256(Path(source)):
            return AddedFile(name, stem, f"already in the corpus as {same.name}; not copied again")
        n = 2
        while f"{stem}-{n}" in stems:
            n += 1
        note = f"saved as {stem}-{n}{suffix}: {stem} is another document"
        stem = f"{stem}-{n}"
    try:
        target = safe_path(folder, f"{stem}{suffix}")
        # "x": never replace a file that appeared since the listing above.
        with open(Path(source), "rb") as src, open(target, "xb") as dst:
            shutil.copyfileobj(src, dst)
    except (OutsideCorpus, OSError) as exc:
        return AddedFile(name, None, f"not saved: {getattr(exc, 'strerror', None) or exc}")
    return AddedFile(name, stem, note)


def take_out(folder: Path, path: Path) -> Path:
    """Move a document's file to the corpus folder's hidden `.removed/` folder; returns where it went.
    OutsideCorpus when `path` is not a file of `folder` itself."""
    path = Path(path)
    if path.parent.resolve() != Path(folder).resolve() or not inside(folder, path) or path.is_symlink():
        raise OutsideCorpus(f"{path} is not a file of the corpus folder {folder}; not removed")
    trash = Path(folder) / TRASH
    trash.mkdir(exist_ok=True)
    target, n = trash / path.name, 2
    while target.exists():
        target, n = trash / f"{path.stem}-{n}{path.suffix}", n + 1
    os.replace(path, target)
    return target
