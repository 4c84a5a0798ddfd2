"""corpus.feeds and corpus.feedstate with the real readers and a local server (no models): the feed list,
conditional polls answered 304, new entries only, per-feed errors, and a synced feed giving the same
documents and ids as the same feed file in the corpus folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.corpus import feeds, feedstate
from assistant.corpus.read import read_corpus
from assistant.errors import FeedError
from assistant.settings import Settings
from newsserver import NewsServer, Route, atom, rss, seeds

LAST_MODIFIED = "Fri, 21 Jan 2022 01:41:00 GMT"


@pytest.fixture()
def settings(tmp_path: Path) -> Settings:
    (tmp_path / "corpus").mkdir()
    return Settings(corpus_dir=tmp_path / "corpus", index_dir=tmp_path / "ix", fetch_timeout_s=2.0)


@pytest.fixture()
def site():  # type: ignore[no-untyped-def]
    with NewsServer() as s:
        yield s


def _items(site: NewsServer, which: list[int]) -> list:  # type: ignore[type-arg]
    all_seeds = seeds()
    return [(all_seeds[i], site.url(f"/berita/{all_seeds[i].stem}")) for i in which]


def test_the_feed_list_is_kept_in_a_hidden_file(settings) -> None:  # type: ignore[no-untyped-def]
    feed, new = feeds.add_feed(settings, "https://Berita.example.id/rss?utm_source=x")
    assert new and feed.url == "https://Berita.example.id/rss?utm_source=x"
    assert feeds.add_feed(settings, "https://berita.example.id/rss")[1] is False  # the same feed, other spelling
    feeds.add_feed(settings, "https://lain.example.id/atom.xml")
    assert [f.url for f in feeds.list_feeds(settings)] == ["https://Berita.example.id/rss?utm_source=x",
                                                          "https://lain.example.id/atom.xml"]
    state = Path(settings.corpus_dir) / feedstate.STATE_NAME
    assert json.loads(state.read_text())["version"] == 1
    assert read_corpus(Path(settings.corpus_dir), 5.0) == ([], [])  # hidden: never read as a document
    assert feeds.remove_feed(settings, "https://berita.example.id/rss").url.startswith("https://Berita")
    with pytest.raises(FeedError, match="is not a configured feed .configured: https://lain.example.id/atom.xml."):
        feeds.remove_feed(settings, "https://berita.example.id/rss")
    with pytest.raises(FeedError, match=r"only http:// and https:// URLs are fetched \(file:// refused\)"):
        feeds.add_feed(settings, "file:///etc/passwd")
    state.write_text("{not json")
    with pytest.raises(FeedError, match="not valid JSON .*; fix or delete the file"):
        feeds.list_feeds(settings)


def test_sync_adds_new_entries_only_with_conditional_requests(settings, site) -> None:  # type: ignore[no-untyped-def]
    site.routes["/rss"] = Route(rss(_items(site, [0, 1, 2])), content_type="application/rss+xml", etag='"r1"')
    site.routes["/atom"] = Route(atom(_items(site, [3, 4])), content_type="application/atom+xml",
                                 last_modified=LAST_MODIFIED)
    site.routes["/rusak"] = Route(b"<?xml version='1.0'?><rss><channel><<< ini bukan xml", content_type="text/xml")
    site.routes["/halaman"] = Route(b"<!doctype html><html><body><p>Bukan feed.</p></body></html>")
    for path in ("/rss", "/rusak", "/hilang", "/halaman", "/atom"):
        feeds.add_feed(settings, site.url(path))

    first = {s.url.rsplit("/", 1)[1]: s for s in feeds.sync(settings)}
    assert [o.status for o in first["rss"].added] == ["added"] * 3 and first["rss"].entries == 3
    assert [o.status for o in first["atom"].added] == ["added"] * 2
    assert "not a valid RSS or Atom feed (XML error" in (first["rusak"].error or "")
    assert "not found (HTTP 404)" in (first["hilang"].error or "")
    assert "is html, not an RSS or Atom feed; for a single page use: warta add URL" in (first["halaman"].error or "")
    listed = {f.url.rsplit("/", 1)[1]: f for f in feeds.list_feeds(settings)}
    assert listed["rss"].etag == '"r1"' and listed["atom"].last_modified == LAST_MODIFIED
    assert len(listed["rss"].seen) == 3 and listed["rusak"].last_error and listed["rss"].last_error is None
    assert listed["rss"].title == "Warta Lokal"
    corpus = Path(settings.corpus_dir)
    assert len([p for p in corpus.iterdir() if p.suffix == ".html"]) == 5

    site.requests.clear()
    second = {s.url.rsplit("/", 1)[1]: s for s in feeds.sync(settings)}
    assert second["rss"].not_modified and second["atom"].not_modified and site.not_modified == 2
    assert not second["rss"].added and not second["atom"].added
    sent = {path: headers for path, headers in site.requests}
    assert sent["/rss"]["if-none-match"] == '"r1"' and sent["/atom"]["if-modified-since"] == LAST_MODIFIED

    # The feed gains an entry (and a new validator): exactly that one is added.
    site.routes["/rss"] = Route(rss(_items(site, [0, 1, 2, 3])), content_type="application/rss+xml", etag='"r2"')
    third = {s.url.rsplit("/", 1)[1]: s for s in feeds.sync(settings)}
    assert [o.status for o in third["rss"].added] == ["added"] and third["rss"].entries == 4
    # Without validators the feed is downloaded again, and still nothing is added twice.
    site.routes["/rss"] = Route(rss(_items(site, [0, 1, 2, 3])), content_type="application/rss+xml")
    assert not next(s for s in feeds.sync(settings) if s.url.endswith("/rss")).added
    assert len([p for p in corpus.iterdir() if p.suffix == ".html"]) == 6
    assert not [p for p in corpus.iterdir() if ".tmp" in p.name]


def test_a_synced_feed_gives_the_same_documents_as_the_feed_file(settings, site, tmp_path) -> None:  # type: ignore[no-untyped-def]
    body = rss(_items(site, [0, 1, 2, 3, 4]))
    site.routes["/rss"] = Route(body, content_type="application/rss+xml")
    feeds.add_feed(settings, site.url("/rss"))
    assert all(not s.error for s in feeds.sync(settings))
    as_file = tmp_path / "as-file"
    as_file.mkdir()
    (as_file / "warta-lokal.xml").write_bytes(body)
    synced, problems = read_corpus(Path(settings.corpus_dir), 5.0)
    direct, problems2 = read_corpus(as_file, 5.0)
    assert not problems and not problems2 and len(direct) == 5

    def view(docs):  # type: ignore[no-untyped-def]
        return {d.doc_id: (d.title, d.published, d.outlet, d.url, d.text) for d in docs}
    assert view(synced) == view(direct)
    assert {Path(d.path).stem for d in synced} == {d.doc_id for d in direct}  # the file is named by the id


def test_a_headline_without_text_is_not_added(settings, site) -> None:  # type: ignore[no-untyped-def]
    site.routes["/rss"] = Route(b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Antara</title>
<item><title>Judul saja</title><link>http://x.id/a</link></item>
<item><title>Tanpa tautan</title><guid isPermaLink="false">abc-123</guid>
<description>Isi berita tanpa tautan yang cukup panjang untuk dibaca.</description></item></channel></rss>""",
                                content_type="application/rss+xml")
    feeds.add_feed(settings, site.url("/rss"))
    (outcome,) = feeds.sync(settings)
    assert [(o.item, o.status) for o in outcome.added] == [("http://x.id/a", "skipped"), (outcome.added[1].item, "added")]
    assert outcome.added[0].note == "the entry has a title but no text; not added"
    docs, problems = read_corpus(Path(settings.corpus_dir), 5.0)
    assert not problems and [d.title for d in docs] == ["Tanpa tautan"] and docs[0].url is None
    assert not feeds.sync(settings)[0].added  # both remembered


def test_sync_never_replaces_a_document_already_there(settings, site) -> None:  # type: ignore[no-untyped-def]
    from assistant.corpus.formats import read_document

    body = rss(_items(site, [0, 1]))
    site.routes["/rss"] = Route(body, content_type="application/rss+xml")
    first_id = read_document(body, "feed.xml")[0].doc_id
    mine = Path(settings.corpus_dir) / f"{first_id}.txt"
    mine.write_text("Tulisan saya\n\nSebuah dokumen milik pengguna dengan nama yang sama.", encoding="utf-8")
    feeds.add_feed(settings, site.url("/rss"))
    (outcome,) = feeds.sync(settings)
    assert [o.status for o in outcome.added] == ["skipped", "added"]
    assert outcome.added[0].note == f"the corpus already has {mine.name}; left as it is"
    assert mine.read_text(encoding="utf-8").startswith("Tulisan saya")
