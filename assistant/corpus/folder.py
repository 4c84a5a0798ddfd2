"""The write side of the corpus folder for `warta add` and `warta sync`: never over another document, never
outside the folder, never half a file.

Contract: a `CorpusFolder(path)` reads the folder's entries once (their document ids: file stems, whatever
the suffix; and the regular files by size) and keeps that view up to date with what it writes, so adding N
files costs N writes, not N scans of a growing folder. Another process writing at the same time cannot make
it overwrite anything: a new name is taken with os.link, which fails on any existing entry (then the next
free number is tried).
- `same_content(data)`: a regular file holding exactly `data` (only files of that size are read, each once),
  or None;
- `write_new(stem, suffix, data)`: `data` under `stem`, else the first free "<stem>-2", "-3"…;
- `write_replace(name, data)`: `data` as `name`, atomically replacing a regular file of that name (a link or
  special file there is refused, never written through);
- `remove(path)`: a regular file of the folder, gone.
Data goes to a hidden temporary file first (the reader skips hidden files), is flushed to disk, then linked or
renamed into place: a crash leaves the old state or the new one.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterable
from pathlib import Path

from assistant.corpus import names
from assistant.corpus.read import safe_path
from assistant.errors import OutsideCorpus

TMP_PREFIX = ".warta-add-"


class CorpusFolder:
    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.stems: dict[str, list[Path]] = {}
        self._by_size: dict[int, list[Path]] = {}
        self._digests: dict[Path, bytes] = {}  # read once, when a file of the same size comes along
        for p in sorted(self.path.iterdir()):
            if not p.name.startswith("."):
                self._note(p)

    def _note(self, p: Path) -> None:
        self.stems.setdefault(p.stem, []).append(p)
        try:
            st = os.lstat(p)
        except OSError:
            return
        if stat.S_ISREG(st.st_mode):
            self._by_size.setdefault(st.st_size, []).append(p)

    def _forget(self, p: Path) -> None:
        self._digests.pop(p, None)
        for table in (self.stems, self._by_size):
            for key, paths in list(table.items()):  # type: ignore[attr-defined]
                if p in paths:
                    paths.remove(p)
                    if not paths:
                        del table[key]  # type: ignore[attr-defined]

    def same_content(self, data: bytes, ignore: Iterable[Path] = ()) -> Path | None:
        skip = {p.name for p in ignore}
        digest = hashlib.sha256(data).digest()
        for p in self._by_size.get(len(data), []):
            if p.name in skip:
                continue
            if p not in self._digests:
                try:
                    self._digests[p] = hashlib.sha256(p.read_bytes()).digest()
                except OSError:
                    continue
            if self._digests[p] == digest:
                return p
        return None

    def _temp(self, data: bytes) -> Path:
        for attempt in range(100):
            tmp = self.path / f"{TMP_PREFIX}{os.getpid()}-{attempt}.tmp"
            try:
                fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
            except FileExistsError:
                continue
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            return tmp
        raise OSError(f"cannot create a temporary file in {self.path}")

    def write_new(self, stem: str, suffix: str, data: bytes) -> Path:
        tmp = self._temp(data)
        try:
            for n in range(1, 10_000):
                candidate = stem if n == 1 else names.numbered(stem, n)
                if candidate in self.stems:
                    continue
                target = safe_path(self.path, candidate + suffix)
                try:
                    os.link(tmp, target)
                except FileExistsError:  # appeared meanwhile (another `warta add`): the next number
                    continue
                self._note(target)
                self._digests[target] = hashlib.sha256(data).digest()
                return target
            raise OSError(f"no free name for {stem}{suffix} in {self.path}")
        finally:
            tmp.unlink(missing_ok=True)

    def write_replace(self, name: str, data: bytes) -> Path:
        target = safe_path(self.path, name)
        if os.path.lexists(target) and not stat.S_ISREG(os.lstat(target).st_mode):
            raise OutsideCorpus(f"{target} is a link or special file, not a document; not replaced")
        tmp = self._temp(data)
        try:
            os.replace(tmp, target)
        finally:
            tmp.unlink(missing_ok=True)
        self._forget(target)
        self._note(target)
        self._digests[target] = hashlib.sha256(data).digest()
        return target

    def remove(self, path: Path) -> None:
        if stat.S_ISREG(os.lstat(path).st_mode):
            path.unlink()
            self._forget(path)
