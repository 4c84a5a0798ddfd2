"""The feed list and what `warta sync` remembers of each feed, in one small JSON file in the corpus folder.

Contract: the file is `<corpus>/.warta-feeds.json`. It is hidden, so the corpus reader (which skips hidden
entries) never reads it as a document, and it is not in the index folder: the index is derived and may be
rebuilt or deleted at any time, while the feed list and the entries already seen are the user's data.
`load(folder)` returns the feeds in the order they were added ([] when there is no file yet) or raises
FeedError naming the file when it is not valid; `save(folder, feeds)` writes it atomically (a temporary file,
fsync, rename), so a crash leaves the old list or the new one, never half of one. `locked(folder)` is the
one writer at a time (`warta feeds add/remove`, `warta sync`); a second one gets FeedError at once.

    {"version": 1, "feeds": [{"url": ..., "title": ..., "etag": ..., "last_modified": ...,
                              "seen": [entry keys, oldest first], "last_sync": ..., "last_error": ...}]}
"""

from __future__ import annotations

import fcntl
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path

from assistant.corpus.names import canonical_url
from assistant.errors import FeedError
from assistant.records import FeedState

STATE_NAME = ".warta-feeds.json"
LOCK_NAME = ".warta-feeds.lock"
VERSION = 1
# Entry keys remembered per feed: a feed lists its latest few dozen entries; this many keeps years of them.
MAX_SEEN = 5000


def state_path(folder: Path) -> Path:
    return Path(folder) / STATE_NAME


def _feed(data: object, path: Path, i: int) -> FeedState:
    if not isinstance(data, dict) or not isinstance(data.get("url"), str):
        raise FeedError(f"{path}: feed {i + 1} has no url; fix or delete the file (then add the feeds again)")
    seen = data.get("seen") or []
    if not isinstance(seen, list) or not all(isinstance(k, str) for k in seen):
        raise FeedError(f"{path}: feed {data['url']} has a malformed 'seen' list; fix or delete the file")
    text = {k: data.get(k) if isinstance(data.get(k), str) else None
            for k in ("etag", "last_modified", "last_sync", "last_error")}
    return FeedState(url=data["url"], title=str(data.get("title") or ""), seen=tuple(seen), **text)


def load(folder: Path) -> list[FeedState]:
    """See the module contract."""
    path = state_path(folder)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except FileNotFoundError:
        return []
    except OSError as exc:
        raise FeedError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    with os.fdopen(fd, "r", encoding="utf-8") as fh:
        try:
            data = json.load(fh)
        except (ValueError, UnicodeDecodeError) as exc:
            raise FeedError(f"{path}: not valid JSON ({exc}); fix or delete the file") from None
    if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("feeds"), list):
        raise FeedError(f"{path}: not a Warta feed list (version {VERSION}); fix or delete the file")
    return [_feed(item, path, i) for i, item in enumerate(data["feeds"])]


def save(folder: Path, feeds: list[FeedState]) -> None:
    """See the module contract."""
    path = state_path(folder)
    data = {"version": VERSION, "feeds": [dict(asdict(f), seen=list(f.seen[-MAX_SEEN:])) for f in feeds]}
    tmp = path.with_name(f"{STATE_NAME}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o644)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False, indent=1)
            fh.write("\n")
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)  # replaces a link at `path` itself, never the file it points to
    finally:
        tmp.unlink(missing_ok=True)


@contextmanager
def locked(folder: Path) -> Iterator[None]:
    with open(Path(folder) / LOCK_NAME, "a") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise FeedError(f"another `warta sync` or `warta feeds` is changing the feed list in {folder}; "
                            "try again when it is done") from None
        yield


def find(feeds: list[FeedState], url: str) -> int | None:
    """The position of the feed `url` names (compared in canonical form), or None."""
    wanted = canonical_url(url)
    return next((i for i, f in enumerate(feeds) if canonical_url(f.url) == wanted), None)
