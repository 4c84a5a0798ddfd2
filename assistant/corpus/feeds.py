"""Feeds: `warta feeds add/list/remove` and `warta sync`. No indexing here (the CLI runs the service's
incremental `index` after a sync that added something).

Contract: `sync(settings)` polls every configured feed once, in the order they were added, and returns one
SyncOutcome per feed; a feed that fails (unreachable, not found, invalid XML, not a feed) gets its error in
its outcome and in the feed list (`last_error`), and the other feeds still sync. Each poll is a conditional
request (If-None-Match / If-Modified-Since from the last answer's ETag / Last-Modified), so an unchanged
feed costs a 304 and nothing else. A feed's entries are read by the corpus readers (corpus.formats, the
same reader as for a feed file in the corpus folder) and each entry not seen before (keyed by its link, else
its id: guid, or title + text when it has neither) becomes one file `<entry id>.html`: a minimal article
page carrying the entry's title, date, outlet, author, link and language as meta tags and its text as
paragraphs. The HTML reader reads that page back into the same document with the same id (the file stem
is the feed reader's id for the entry) as the entry has inside the feed, so a feed file dropped into the
corpus and the same feed synced give the same documents and ids. The feed list is saved after every feed,
so an interrupted sync keeps what it added. `add_feed` / `remove_feed` change only the list; nothing is
fetched until `sync`.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

from assistant.corpus import feedstate
from assistant.corpus.add import Fetcher, save_document
from assistant.corpus.fetch import check_url, fetch
from assistant.corpus.formats import read_document, sniff
from assistant.corpus.read import check_folder
from assistant.errors import FeedError, FetchError, UnreadableDocument
from assistant.records import AddOutcome, FeedState, SourceFile, SyncOutcome
from assistant.settings import Settings

ENTRY_SUFFIX = ".html"


def add_feed(settings: Settings, url: str) -> tuple[FeedState, bool]:
    """The feed `url` names and whether it was new (False: it was already in the list; nothing changes)."""
    folder = Path(settings.corpus_dir)
    check_folder(folder)
    try:
        url = check_url(url)
    except FetchError as exc:
        raise FeedError(str(exc)) from None
    with feedstate.locked(folder):
        feeds = feedstate.load(folder)
        at = feedstate.find(feeds, url)
        if at is not None:
            return feeds[at], False
        feed = FeedState(url=url)
        feedstate.save(folder, [*feeds, feed])
        return feed, True


def remove_feed(settings: Settings, url: str) -> FeedState:
    """Take `url` off the list (FeedError when it is not on it). The documents it added stay in the corpus."""
    folder = Path(settings.corpus_dir)
    check_folder(folder)
    with feedstate.locked(folder):
        feeds = feedstate.load(folder)
        at = feedstate.find(feeds, url)
        if at is None:
            listed = ", ".join(f.url for f in feeds) or "none"
            raise FeedError(f"{url} is not a configured feed (configured: {listed}); see: warta feeds list")
        feedstate.save(folder, feeds[:at] + feeds[at + 1:])
        return feeds[at]


def list_feeds(settings: Settings) -> list[FeedState]:
    check_folder(Path(settings.corpus_dir))
    return feedstate.load(Path(settings.corpus_dir))


def entry_key(doc: SourceFile) -> str:
    """What identifies an entry across polls: its link, else its id (the reader's, from guid or content)."""
    return doc.url or doc.doc_id


def entry_page(doc: SourceFile) -> bytes:
    """One feed entry as a minimal article page the HTML reader reads back into the same document."""
    esc = html.escape
    title = doc.title or ""
    meta = [f'<meta property="og:title" content="{esc(title)}">'] if title else []
    if doc.published:
        meta.append(f'<meta property="article:published_time" content="{esc(doc.published)}">')
    if doc.outlet:
        meta.append(f'<meta property="og:site_name" content="{esc(doc.outlet)}">')
    if doc.author:
        meta.append(f'<meta name="author" content="{esc(doc.author)}">')
    if doc.url:
        meta.append(f'<link rel="canonical" href="{esc(doc.url)}">')
    lang = f' lang="{esc(doc.language)}"' if doc.language else ""
    paragraphs = "\n".join(f"<p>{esc(line)}</p>" for line in doc.text.split("\n") if line.strip())
    heading = f"<h1>{esc(title)}</h1>\n" if title else ""
    return (f'<!doctype html>\n<html{lang}><head><meta charset="utf-8"><title>{esc(title)}</title>\n'
            + "\n".join(meta) + f'\n</head><body><article>\n{heading}{paragraphs}\n</article></body></html>\n'
            ).encode("utf-8")


def _entries(feed: FeedState, body: bytes) -> tuple[list[SourceFile], str]:
    """The feed's entries and its own note (a partly broken feed), or FeedError with the reader's reason."""
    try:
        kind = sniff(body, feed.url)
        if kind != "feed":
            raise FeedError(f"{feed.url}: is {kind}, not an RSS or Atom feed; for a single page use: warta add URL")
        docs = read_document(body, feed.url)
    except UnreadableDocument as exc:
        raise FeedError(f"{feed.url}: {exc}") from None
    notes = "; ".join(n for d in docs for n in d.notes)
    return docs, notes


def _poll(folder: Path, feed: FeedState, settings: Settings, fetcher: Fetcher) -> tuple[FeedState, SyncOutcome]:
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    try:
        got = fetcher(feed.url, settings, etag=feed.etag, last_modified=feed.last_modified)
        if got.not_modified:
            state = replace(feed, etag=got.etag, last_modified=got.last_modified, last_sync=now, last_error=None)
            return state, SyncOutcome(feed.url, not_modified=True)
        docs, note = _entries(feed, got.body)
    except (FetchError, FeedError) as exc:
        return replace(feed, last_error=str(exc)), SyncOutcome(feed.url, error=str(exc))
    seen = list(feed.seen)
    known = set(seen)
    added: list[AddOutcome] = []
    for doc in docs:
        key = entry_key(doc)
        if key in known:
            continue
        if " ".join(doc.text.split()) == " ".join((doc.title or "").split()):
            # A headline without text: the page would read back as empty; there is no article to index.
            added.append(AddOutcome(key, "skipped", note="the entry has a title but no text; not added"))
        else:
            added.append(save_document(folder, key, doc.doc_id, ENTRY_SUFFIX, entry_page(doc), update=False))
        seen.append(key)
        known.add(key)
    title = next((d.outlet for d in docs if d.outlet), None) or feed.title
    state = FeedState(url=feed.url, title=title, etag=got.etag, last_modified=got.last_modified,
                      seen=tuple(seen), last_sync=now, last_error=None)
    return state, SyncOutcome(feed.url, added=tuple(added), entries=len(docs), note=note)


def sync(settings: Settings, fetcher: Fetcher = fetch,
         progress: Callable[[FeedState], None] | None = None) -> list[SyncOutcome]:
    """See the module contract. `progress(feed)` is called before each poll (the CLI prints the URL)."""
    folder = Path(settings.corpus_dir)
    check_folder(folder)
    outcomes: list[SyncOutcome] = []
    with feedstate.locked(folder):
        feeds = feedstate.load(folder)
        for i, feed in enumerate(list(feeds)):
            if progress is not None:
                progress(feed)
            feeds[i], outcome = _poll(folder, feed, settings, fetcher)
            feedstate.save(folder, feeds)  # after every feed: an interrupted sync keeps what it added
            outcomes.append(outcome)
    return outcomes
