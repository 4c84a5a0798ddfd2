"""`warta add`: put files and fetched pages into the corpus folder under stable, safe names. No indexing here
(the CLI runs the service's incremental `index` afterwards).

Contract: `add_items(items, settings)` handles each item on its own and returns one `AddOutcome` per file
(a folder given as an item stands for the files directly in it); one bad item never stops the others and
nothing already in the corpus is lost:
- a name is always a plain visible name made by `names.safe_name` and checked by `read.safe_path`, so
  "../../etc/passwd" lands (if at all) as corpus/passwd, never outside the folder;
- a file whose type Warta does not read (by suffix) is refused before anything is copied, and so is one the
  corpus readers cannot read (an encrypted PDF, an empty DOCX: `check_readable`, with the reader's reason);
- a source that is a link leaving its own folder is refused (as the corpus reader refuses one): handing
  someone `article.txt -> ~/.ssh/id_rsa` must not put a key into a served index; fifos and devices are
  refused without blocking;
- the same bytes as a document already in the corpus: skipped, naming that document;
- a name (document id: the file stem, whatever the suffix) taken by a different document: the file is added
  under the next free "<stem>-2", "-3"... and the note says so, unless `replace` is asked for;
- a URL (`fetch.fetch`: http(s) only, redirects checked, timeout, size and type limits) is checked by the
  readers and saved as `<names.url_doc_id(canonical URL)>.<suffix of its format>` (the page's own canonical
  URL when it names one on its own host, else the URL after redirects): re-adding it updates that document
  instead of duplicating it;
- files are written to a hidden temporary file and then linked (new names: never over an existing entry)
  or renamed (updates) into place, so a crash leaves no half document; an existing link is never written
  through or replaced.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

from assistant.corpus import names
from assistant.corpus.fetch import MEDIA_TYPES, check_url, fetch
from assistant.corpus.formats import SUFFIXES, read_document, sniff
from assistant.corpus.read import check_folder, inside, safe_path
from assistant.errors import FetchError, OutsideCorpus, UnreadableDocument
from assistant.records import AddOutcome, Fetched, SourceFile
from assistant.settings import Settings

Fetcher = Callable[..., Fetched]
TMP_PREFIX = ".warta-add-"


# The suffix a fetched document is saved with, by what its bytes are (formats.sniff).
FORMAT_SUFFIX = {"html": ".html", "feed": ".xml", "pdf": ".pdf", "docx": ".docx", "text": ".txt"}


def readable_suffixes() -> set[str]:
    """The file suffixes the corpus reader reads."""
    return set(SUFFIXES)


def check_readable(data: bytes, name: str) -> tuple[str, list[SourceFile]]:
    """The format and documents the corpus reader will find in `data` (named `name`), or UnreadableDocument
    with its reason: a document that cannot be indexed is refused now, with the reader's message, rather
    than copied in and reported by the next `warta index`."""
    kind = sniff(data, name)
    return kind, read_document(data, name)


def is_url(item: str) -> bool:
    """True for anything with a scheme ("https://…", "file:///…", "ftp://…"): those go to the fetcher, which
    refuses every scheme but http(s). A Windows drive letter is not a scheme."""
    head, sep, _ = item.partition("://")
    return bool(sep) and head.isalpha() and len(head) > 1


# The corpus folder as it is ----------------------------------------------------------------------------
def _entries(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if not p.name.startswith(".")]


def _stems(folder: Path) -> dict[str, list[Path]]:
    out: dict[str, list[Path]] = {}
    for p in _entries(folder):
        out.setdefault(p.stem, []).append(p)
    return out


def same_content(folder: Path, data: bytes, ignore: Iterable[Path] = ()) -> Path | None:
    """A regular file directly in `folder` (links left alone) holding exactly `data`, if any. Only files of
    the same size are read, so this stays cheap for a large corpus."""
    skip = {p.name for p in ignore}
    digest = hashlib.sha256(data).digest()
    for p in sorted(_entries(folder)):
        try:
            st = os.lstat(p)
        except OSError:
            continue
        if p.name in skip or not stat.S_ISREG(st.st_mode) or st.st_size != len(data):
            continue
        try:
            if hashlib.sha256(p.read_bytes()).digest() == digest:
                return p
        except OSError:
            continue
    return None


# Writing ------------------------------------------------------------------------------------------------
def _temp(folder: Path, data: bytes) -> Path:
    """`data` in a new hidden file in `folder` (the reader skips hidden files), flushed to disk."""
    for attempt in range(100):
        tmp = folder / f"{TMP_PREFIX}{os.getpid()}-{attempt}.tmp"
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
        except FileExistsError:
            continue
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        return tmp
    raise OSError(f"cannot create a temporary file in {folder}")


def write_new(folder: Path, stem: str, suffix: str, data: bytes) -> Path:
    """`data` under `stem + suffix`, or the first free numbered stem when that document id is taken; never
    over an existing entry (os.link fails instead), never outside the folder."""
    tmp = _temp(folder, data)
    try:
        taken = _stems(folder)
        for n in range(1, 10_000):
            candidate = stem if n == 1 else names.numbered(stem, n)
            if candidate in taken:
                continue
            target = safe_path(folder, candidate + suffix)
            try:
                os.link(tmp, target)
            except FileExistsError:  # appeared meanwhile (another `warta add`): the next number
                continue
            return target
        raise OSError(f"no free name for {stem}{suffix} in {folder}")
    finally:
        tmp.unlink(missing_ok=True)


def write_replace(folder: Path, name: str, data: bytes) -> Path:
    """`data` as `name`, replacing a regular file of that name atomically (a reader sees old or new bytes).
    A link or anything else not a regular file there is refused, never written through."""
    target = safe_path(folder, name)
    if os.path.lexists(target) and not stat.S_ISREG(os.lstat(target).st_mode):
        raise OutsideCorpus(f"{target} is a link or special file, not a document; not replaced")
    tmp = _temp(folder, data)
    try:
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    return target


# Files -----------------------------------------------------------------------------------------------------
def _read_source(path: Path, limit: int) -> bytes:
    """A regular file's bytes (at most `limit` + 1), opened without following a final link or blocking."""
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
            raise IsADirectoryError(f"{path} is not a regular file")
        return fh.read(limit + 1)


def add_file(src: Path, folder: Path, settings: Settings, replace: bool = False, explicit: bool = True,
             ) -> AddOutcome:
    """One local file into `folder` (see the module contract). `explicit`: named by the user (an unreadable
    type is an error) rather than found in a folder they named (then it is skipped)."""
    item = str(src)
    if not os.path.lexists(src):
        return AddOutcome(item, "error", note="no such file")
    if os.path.islink(src) and not inside(src.parent, src):
        return AddOutcome(item, "error", note=f"is a link to {os.path.realpath(src)}, outside its folder; not "
                          "added (add the file itself if you mean it)")
    real = Path(os.path.realpath(src))
    if inside(folder, real) and real.parent == Path(os.path.realpath(folder)):
        return AddOutcome(item, "unchanged", path=str(real), note="already in the corpus folder")
    name = names.safe_name(src.name)
    suffix = Path(name).suffix
    supported = readable_suffixes()
    if suffix not in supported:
        note = (f"unsupported file type {suffix or '(none)'}; Warta adds "
                f"{', '.join(sorted(supported))}; not added")
        return AddOutcome(item, "error" if explicit else "skipped", note=note)
    limit = int(settings.max_file_mb * 1024 * 1024)
    try:
        data = _read_source(real, limit)
    except OSError as exc:
        kind = "not a regular file" if isinstance(exc, IsADirectoryError) else (exc.strerror or str(exc))
        return AddOutcome(item, "error", note=f"cannot be read: {kind}; not added")
    if len(data) > limit:
        return AddOutcome(item, "error", note=f"over the {settings.max_file_mb:g} MB limit (WARTA_MAX_FILE_MB); "
                          "not added")
    if not data.strip():
        return AddOutcome(item, "error", note="file is empty; not added")
    twin = same_content(folder, data)
    if twin is not None:
        return AddOutcome(item, "skipped", path=str(twin), note=f"same content as {twin.name}; not added again")
    try:
        check_readable(data, name)
    except UnreadableDocument as exc:
        return AddOutcome(item, "error", note=f"{str(exc).removesuffix('; skipped').removesuffix('; not read')}; "
                          "not added")
    stem = Path(name).stem
    if replace and stem in _stems(folder):
        olds = _stems(folder)[stem]
        target = write_replace(folder, name, data)
        for old in olds:
            if old.name != target.name and stat.S_ISREG(os.lstat(old).st_mode):
                old.unlink()
        return AddOutcome(item, "updated", path=str(target), note=f"replaced {', '.join(o.name for o in olds)}")
    target = write_new(folder, stem, suffix, data)
    note = "" if target.name == name else (f"the corpus already has a different document {stem!r}; added as "
                                           f"{target.name} (use --replace to replace it)")
    return AddOutcome(item, "added", path=str(target), note=note)


# URLs -------------------------------------------------------------------------------------------------------
def save_document(folder: Path, item: str, stem: str, suffix: str, data: bytes, update: bool = True,
                  ) -> AddOutcome:
    """`data` as document `stem` (a URL's or a feed entry's stable id): added, updated in place (another
    suffix of the same id is removed), unchanged, or skipped when another document has these exact bytes.
    Without `update` a document already under `stem` is left as it is (skipped)."""
    olds = _stems(folder).get(stem, [])
    current = safe_path(folder, stem + suffix)
    if current in olds and stat.S_ISREG(os.lstat(current).st_mode) and current.read_bytes() == data:
        return AddOutcome(item, "unchanged", path=str(current), note="same content as before")
    if olds and not update:
        return AddOutcome(item, "skipped", path=str(olds[0]), note=f"the corpus already has {olds[0].name}; left as it is")
    twin = same_content(folder, data, ignore=olds)
    if twin is not None:
        return AddOutcome(item, "skipped", path=str(twin), note=f"same content as {twin.name}; not added again")
    target = write_replace(folder, stem + suffix, data)
    for old in olds:  # the same document saved earlier with another type
        if old.name != target.name and stat.S_ISREG(os.lstat(old).st_mode):
            old.unlink()
    return AddOutcome(item, "updated" if olds else "added", path=str(target))


def save_url(folder: Path, url: str, fetched: Fetched) -> AddOutcome:
    """A fetched body, checked by the corpus reader, as `<id>.<suffix of its format>`: the id is
    names.url_doc_id of the page's canonical URL (HTML that names one), else of the final URL. Text sent in
    another charset is stored as UTF-8."""
    data = fetched.body
    if fetched.content_type in ("text/plain", "text/markdown") and fetched.charset not in (None, "utf-8", "utf8"):
        try:
            data = data.decode(fetched.charset).encode("utf-8")
        except (LookupError, UnicodeDecodeError):
            pass  # the reader falls back to cp1252/latin-1 and warns
    guess = names.url_doc_id(fetched.final_url)
    try:
        kind, docs = check_readable(data, guess + MEDIA_TYPES[fetched.content_type])
    except UnreadableDocument as exc:
        reason = str(exc).removesuffix("; skipped").removesuffix("; not read")
        return AddOutcome(url, "error", note=f"{fetched.final_url}: {reason}; not added")
    # A page may name its canonical URL only on its own host: another site's page must not take (and
    # replace) the document of a URL it does not serve.
    canonical = docs[0].url if kind == "html" and docs[0].url and _same_host(docs[0].url, fetched.final_url) else None
    outcome = save_document(folder, url, names.url_doc_id(canonical or fetched.final_url), FORMAT_SUFFIX[kind], data)
    if kind == "feed" and outcome.status in ("added", "updated"):
        outcome = replace(outcome, note=f"a feed of {len(docs)} entries, indexed as they are now; to follow it: "
                          f"warta feeds add {url}")
    return outcome


def _same_host(a: str, b: str) -> bool:
    def host(url: str) -> str:
        name = (urlsplit(url).hostname or "").lower()
        return name.removeprefix("www.")
    return is_url(a) and urlsplit(a).scheme.lower() in ("http", "https") and host(a) == host(b) != ""


def add_url(url: str, folder: Path, settings: Settings, fetcher: Fetcher = fetch) -> AddOutcome:
    try:
        check_url(url)
        fetched = fetcher(url, settings)
    except FetchError as exc:
        return AddOutcome(url, "error", note=str(exc))
    return save_url(folder, url, fetched)


def add_items(items: Iterable[str], settings: Settings, replace: bool = False,
              fetcher: Fetcher = fetch) -> list[AddOutcome]:
    """See the module contract."""
    folder = Path(settings.corpus_dir)
    check_folder(folder)
    out: list[AddOutcome] = []
    for item in items:
        try:
            if is_url(item):
                out.append(add_url(item, folder, settings, fetcher))
                continue
            src = Path(item).expanduser()
            if src.is_dir() and not os.path.islink(src):
                files = sorted(p for p in src.iterdir() if not p.name.startswith(".") and not p.is_dir())
                out.extend(add_file(p, folder, settings, replace, explicit=False) for p in files)
                if not files:
                    out.append(AddOutcome(item, "skipped", note="the folder holds no files"))
                continue
            out.append(add_file(src, folder, settings, replace))
        except (OutsideCorpus, OSError) as exc:  # one item's trouble is reported, the others still go in
            reason = str(exc) if isinstance(exc, OutsideCorpus) else f"{exc.strerror or exc}"
            out.append(AddOutcome(item, "error", note=f"{reason}; not added"))
    return out
