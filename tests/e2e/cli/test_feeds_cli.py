"""`warta feeds add|list|remove` and `warta sync` end to end through the real CLI against feeds served on
127.0.0.1: the first sync adds every entry and indexes them (real embedder, real Chroma), the second sends
the conditional headers, gets 304s and adds nothing, a new entry is added alone, a feed with invalid XML
fails with its own message while the others sync, and `warta search` finds a synced entry."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import PYTHON, REPO, copy_index
from newsserver import FRESH, NewsServer, Route, atom, rss

pytestmark = pytest.mark.slow
LAST_MODIFIED = "Wed, 06 Apr 2022 03:00:00 GMT"


def run_cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([PYTHON, "-m", "assistant", *args], env=env, cwd=REPO, capture_output=True, text=True,
                          timeout=900)


def test_feeds_sync_new_entries_only(indexed_env, settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    corpus = tmp_path / "corpus"
    shutil.copytree(settings.corpus_dir, corpus)
    env = dict(indexed_env, WARTA_CORPUS_DIR=str(corpus), WARTA_INDEX_DIR=str(copy_index(settings, tmp_path / "ix")),
               WARTA_FETCH_TIMEOUT_S="5")
    dhoho, gayo, sumba, batik = FRESH[2:6]
    with NewsServer() as site:
        def items(*seeds):  # type: ignore[no-untyped-def]
            return [(s, site.url(f"/berita/{s.stem}")) for s in seeds]
        site.routes["/rss"] = Route(rss(items(dhoho, gayo)), content_type="application/rss+xml", etag='"a1"')
        site.routes["/atom"] = Route(atom(items(sumba), title="Kabar Atom"), content_type="application/atom+xml",
                                     last_modified=LAST_MODIFIED)
        site.routes["/rusak"] = Route(b"<?xml version='1.0'?><rss><channel><<< ini bukan xml", content_type="text/xml")
        for path in ("/rss", "/rusak", "/atom"):
            proc = run_cli(env, "feeds", "add", site.url(path))
            assert proc.returncode == 0 and "fetch its entries with: warta sync" in proc.stdout, proc.stderr
        again = run_cli(env, "feeds", "add", site.url("/rss"))
        assert again.returncode == 0 and "is already configured" in again.stdout
        assert site.requests == []  # adding a feed fetches nothing
        listed = json.loads(run_cli(env, "feeds", "list", "--json").stdout)
        assert [f["url"] for f in listed] == [site.url(p) for p in ("/rss", "/rusak", "/atom")]

        first = run_cli(env, "sync")
        assert first.returncode == 1, first.stdout + first.stderr  # one feed failed; the others synced
        assert "Traceback" not in first.stderr
        assert f"{site.url('/rss')}: 2 new of 2 entries" in first.stdout
        assert f"{site.url('/atom')}: 1 new of 1 entries" in first.stdout
        assert f"error: {site.url('/rusak')}: not a valid RSS or Atom feed (XML error" in first.stderr
        assert "indexed: 8 documents" in first.stdout, first.stdout

        site.requests.clear()
        second = run_cli(env, "sync", "--json")
        out = json.loads(second.stdout)
        by_url = {f["url"]: f for f in out["feeds"]}
        assert by_url[site.url("/rss")]["not_modified"] and by_url[site.url("/atom")]["not_modified"]
        assert not by_url[site.url("/rss")]["added"] and out["index"] is None  # nothing new: nothing indexed
        sent = {path: headers for path, headers in site.requests}
        assert sent["/rss"]["if-none-match"] == '"a1"' and sent["/atom"]["if-modified-since"] == LAST_MODIFIED
        assert site.not_modified == 2

        site.routes["/rss"] = Route(rss(items(dhoho, gayo, batik)), content_type="application/rss+xml", etag='"a2"')
        third = run_cli(env, "sync")
        assert f"{site.url('/rss')}: 1 new of 3 entries" in third.stdout, third.stdout + third.stderr
        assert "indexed: 9 documents" in third.stdout

        listed = {f["url"]: f for f in json.loads(run_cli(env, "feeds", "list", "--json").stdout)}
        assert listed[site.url("/rss")]["seen"] == 3 and listed[site.url("/rss")]["etag"] == '"a2"'
        assert "not a valid RSS or Atom feed" in listed[site.url("/rusak")]["last_error"]
        removed = run_cli(env, "feeds", "remove", site.url("/rusak"))
        assert removed.returncode == 0 and "removed feed" in removed.stdout
        gone = run_cli(env, "feeds", "remove", site.url("/rusak"))
        assert gone.returncode == 1 and "is not a configured feed" in gone.stderr

    docs = {d["doc_id"]: d for d in json.loads(run_cli(env, "docs", "--json").stdout)}
    synced = sorted(p.stem for p in corpus.glob("*.html"))
    assert len(synced) == 4 and set(synced) <= set(docs)
    batik_id = next(i for i in synced if i.startswith("bandung-startup"))
    assert docs[batik_id]["title"] == batik.title and docs[batik_id]["source"] == "Warta Lokal"
    hits = json.loads(run_cli(env, "search", "app that recognises batik patterns from a photo", "--json").stdout)["hits"]
    assert hits[0]["doc_id"] == batik_id, [h["doc_id"] for h in hits]
