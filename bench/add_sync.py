"""`warta add` and `warta sync` without the embedding (which `warta index` pays afterwards, and which
bench/ingest.py measures): how fast files are copied in, pages fetched from a local server and checked by
the readers, and feed entries written; and what an unchanged feed costs on the next sync (one 304).

Fixtures: N variants of the seed articles (a number added to the title and the first paragraph so that
every one is a different document), as .txt files, as HTML pages and as one RSS feed of N entries, served
by tests/newsserver.py on 127.0.0.1.

    .venv/bin/python bench/add_sync.py [-n 200]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import REPO, log, save  # noqa: E402

sys.path.insert(0, str(REPO / "tests"))
from newsserver import NewsServer, Route, article_page, plain_text, rss, seeds  # noqa: E402

from assistant.corpus import feeds  # noqa: E402
from assistant.corpus.add import add_items  # noqa: E402
from assistant.settings import Settings  # noqa: E402


def variants(n: int) -> list:  # type: ignore[type-arg]
    base = seeds()
    out = []
    for i in range(n):
        s = base[i % len(base)]
        out.append(replace(s, stem=f"{s.stem}-{i}", title=f"{s.title} ({i})",
                           paragraphs=[f"Laporan nomor {i}. {s.paragraphs[0]}", *s.paragraphs[1:]]))
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=200)
    n = parser.parse_args().n
    arts = variants(n)
    result: dict[str, object] = {"documents": n}
    with tempfile.TemporaryDirectory() as tmp, NewsServer() as site:
        root = Path(tmp)
        for name in ("files", "pages", "feed", "in"):
            (root / name).mkdir()
        for a in arts:
            (root / "in" / f"{a.stem}.txt").write_bytes(plain_text(a))
            site.routes[f"/berita/{a.stem}"] = Route(article_page(a))
        site.routes["/rss"] = Route(rss([(a, site.url(f"/berita/{a.stem}")) for a in arts]),
                                    content_type="application/rss+xml", etag='"v1"')

        def settings(folder: str) -> Settings:
            return Settings(corpus_dir=root / folder, index_dir=root / "ix", max_file_mb=20)

        t0 = time.perf_counter()
        out = add_items([str(root / "in")], settings("files"))
        s = time.perf_counter() - t0
        assert sum(o.status == "added" for o in out) == n, out[:3]
        result["add_files"] = {"seconds": round(s, 3), "files_per_s": round(n / s, 1)}
        log("files", result["add_files"])

        t0 = time.perf_counter()
        out = add_items([site.url(f"/berita/{a.stem}") for a in arts], settings("pages"))
        s = time.perf_counter() - t0
        assert sum(o.status == "added" for o in out) == n, [o for o in out if o.status != "added"][:3]
        result["add_urls"] = {"seconds": round(s, 3), "pages_per_s": round(n / s, 1)}
        log("urls", result["add_urls"])

        feeds.add_feed(settings("feed"), site.url("/rss"))
        t0 = time.perf_counter()
        (first,) = feeds.sync(settings("feed"))
        s = time.perf_counter() - t0
        assert len(first.added) == n and not first.error
        result["sync_first"] = {"seconds": round(s, 3), "entries_per_s": round(n / s, 1)}
        t0 = time.perf_counter()
        (second,) = feeds.sync(settings("feed"))
        result["sync_unchanged_ms"] = round((time.perf_counter() - t0) * 1000, 1)
        assert second.not_modified
        log("sync", result["sync_first"], result["sync_unchanged_ms"])
    save("add_sync", result)


if __name__ == "__main__":
    main()
