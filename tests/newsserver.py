"""A local news site for the ingest tests: `http.server` on 127.0.0.1 in a thread, serving pages and feeds
made from the seed articles (corpus/*.txt), plus misbehaving routes (404, slow, redirect to file://, too
large by header and by streamed body, wrong type, conditional feeds answering 304). Every request's headers
are recorded, so a test can check what the client sent. Nothing here touches the internet."""

from __future__ import annotations

import hashlib
import html
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import format_datetime
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEEDS = sorted((REPO / "corpus").glob("*.txt"))


@dataclass
class Route:
    """What one path answers: a status, headers and a body; or `handler(request)` for anything special."""

    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None  # when set, If-None-Match with this value gets a 304
    last_modified: str | None = None  # when set, sent, and If-Modified-Since with this value gets a 304
    handler: Callable[[BaseHTTPRequestHandler], None] | None = None


@dataclass
class Seed:
    """A seed article split the way a news page shows it."""

    stem: str
    title: str
    paragraphs: list[str]

    @property
    def first_sentence(self) -> str:
        return self.paragraphs[0].split(". ")[0]


def seeds() -> list[Seed]:
    """The seed articles as Warta's own cleaner reads them (title and body paragraphs)."""
    from assistant.corpus.clean import clean
    from assistant.corpus.read import read_file

    out = []
    for path in SEEDS:
        source, _ = read_file(path, 5.0)
        assert source is not None
        doc = clean(source)
        out.append(Seed(path.stem, doc.title, list(doc.paragraphs)))
    return out


def article_page(seed: Seed, outlet: str = "Warta Lokal", published: str = "2022-01-21T08:41:00+07:00") -> bytes:
    """A news-site page with the usual clutter around the article."""
    paras = "\n".join(f"<p>{html.escape(p)}</p>" for p in seed.paragraphs)
    page = f"""<!doctype html><html lang="id"><head><meta charset="utf-8">
<title>{html.escape(seed.title)} - {outlet}</title>
<meta property="og:title" content="{html.escape(seed.title)}">
<meta property="og:site_name" content="{outlet}">
<meta property="article:published_time" content="{published}">
</head><body><nav><a href="/">Beranda</a> <a href="/ekonomi">Ekonomi</a></nav>
<div class="ad">Iklan</div><article><h1>{html.escape(seed.title)}</h1>
<time datetime="{published}">{published[:10]}</time>{paras}</article>
<footer>Hak cipta {outlet}</footer></body></html>"""
    return page.encode("utf-8")


def plain_text(seed: Seed) -> bytes:
    return (seed.title + "\n\n" + "\n\n".join(seed.paragraphs) + "\n").encode("utf-8")


def rss(items: list[tuple[Seed, str]], title: str = "Warta Lokal", start: datetime | None = None) -> bytes:
    """An RSS 2.0 feed, one item per (seed, link), full text in content:encoded."""
    start = start or datetime(2022, 1, 21, 8, 41, tzinfo=timezone(timedelta(hours=7)))
    entries = []
    for i, (seed, link) in enumerate(items):
        body = "".join(f"<p>{html.escape(p)}</p>" for p in seed.paragraphs)
        entries.append(f"""<item><title>{html.escape(seed.title)}</title><link>{link}</link>
<guid isPermaLink="false">{hashlib.sha1(link.encode()).hexdigest()}</guid>
<pubDate>{format_datetime(start + timedelta(hours=i))}</pubDate>
<description>{html.escape(seed.paragraphs[0])}</description>
<content:encoded><![CDATA[{body}]]></content:encoded></item>""")
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>{title}</title><link>http://example.invalid/</link><description>Berita</description>
{''.join(entries)}</channel></rss>""".encode("utf-8")


def atom(items: list[tuple[Seed, str]], title: str = "Kabar Atom") -> bytes:
    entries = "".join(f"""<entry><title>{html.escape(seed.title)}</title><link href="{link}"/><id>{link}</id>
<updated>2022-02-0{i + 1}T10:00:00+07:00</updated><content type="html">{html.escape(''.join(f'<p>{p}</p>' for p in seed.paragraphs))}</content></entry>"""
                      for i, (seed, link) in enumerate(items))
    return f"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>{title}</title>
<id>urn:kabar</id><updated>2022-02-05T10:00:00+07:00</updated>{entries}</feed>""".encode("utf-8")


class NewsServer:
    """`with NewsServer() as site: site.routes["/a"] = Route(...); site.url("/a")`; `site.requests` lists
    (path, headers) of every request."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.not_modified = 0  # 304s answered
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:  # quiet test output
                pass

            def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
                server.requests.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
                route = server.routes.get(self.path)
                if route is None:
                    self.send_error(404, "Not Found")
                    return
                if route.handler is not None:
                    route.handler(self)
                    return
                if ((route.etag and self.headers.get("If-None-Match") == route.etag)
                        or (route.last_modified and self.headers.get("If-Modified-Since") == route.last_modified)):
                    server.not_modified += 1
                    self.send_response(304)
                    if route.etag:
                        self.send_header("ETag", route.etag)
                    self.end_headers()
                    return
                self.send_response(route.status)
                self.send_header("Content-Type", route.content_type)
                self.send_header("Content-Length", str(len(route.body)))
                if route.etag:
                    self.send_header("ETag", route.etag)
                if route.last_modified:
                    self.send_header("Last-Modified", route.last_modified)
                for k, v in route.headers.items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(route.body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}{path}"

    def __enter__(self) -> NewsServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def sleeping(seconds: float) -> Callable[[BaseHTTPRequestHandler], None]:
    """A handler that answers only after `seconds` (past a short WARTA_FETCH_TIMEOUT_S)."""
    def handle(request: BaseHTTPRequestHandler) -> None:
        time.sleep(seconds)
        try:
            request.send_response(200)
            request.send_header("Content-Type", "text/plain")
            request.end_headers()
            request.wfile.write(b"late")
        except OSError:
            pass
    return handle


def redirect(location: str, status: int = 302) -> Route:
    return Route(status=status, headers={"Location": location}, content_type="text/plain")


def streamed(total_bytes: int, content_type: str = "text/plain; charset=utf-8") -> Callable[[BaseHTTPRequestHandler], None]:
    """A body of `total_bytes` with no Content-Length (chunk after chunk, connection closed at the end)."""
    def handle(request: BaseHTTPRequestHandler) -> None:
        request.send_response(200)
        request.send_header("Content-Type", content_type)
        request.send_header("Connection", "close")
        request.end_headers()
        line = b"Berita panjang sekali. " * 40 + b"\n"
        sent = 0
        try:
            while sent < total_bytes:
                request.wfile.write(line)
                sent += len(line)
        except OSError:
            pass  # the client stopped reading at its limit
        request.close_connection = True
    return handle


# Articles that are not in the seed corpus (written for these tests), so a search that finds one proves it
# was added and indexed.
FRESH = [
    Seed("daur-ulang-surabaya", "Surabaya Resmikan Pabrik Daur Ulang Plastik Berkapasitas 40 Ton per Hari", [
        "Pemerintah Kota Surabaya meresmikan pabrik daur ulang plastik di kawasan Benowo pada Senin (14/3/2022). "
        "Pabrik tersebut mampu mengolah 40 ton sampah plastik per hari menjadi bijih plastik.",
        "Wali kota mengatakan pabrik itu menyerap 120 pekerja dari warga sekitar. Bijih plastik hasil olahan akan "
        "dijual kepada industri kemasan di Jawa Timur.",
        "Pembangunan pabrik menelan biaya Rp 85 miliar yang berasal dari kerja sama dengan pihak swasta. Pemerintah "
        "kota menargetkan sampah plastik yang masuk ke tempat pembuangan akhir turun sepertiga tahun depan."]),
    Seed("maluku-cold-storage", "Maluku Fishermen Receive 200 Solar-Powered Cold Storage Units", [
        "Fishing communities in Maluku received 200 solar-powered cold storage units on Tuesday, the provincial "
        "fisheries office said. Each unit keeps up to 500 kilograms of fish fresh for a week without diesel.",
        "The units were distributed to villages on Seram and Buru islands, where fishermen previously had to sell "
        "their catch on the day it was landed. Officials expect the price fishermen get to rise by a fifth.",
        "The programme is funded by a grant from a development bank and will be extended to North Maluku next year."]),
    Seed("dhoho-balikpapan", "Bandara Dhoho Kediri Buka Rute Baru ke Balikpapan", [
        "Bandara Dhoho di Kediri membuka rute penerbangan baru ke Balikpapan mulai Jumat (1/4/2022). Penerbangan "
        "dilayani tiga kali seminggu dengan pesawat berkapasitas 72 penumpang.",
        "Pengelola bandara menyebut rute ini untuk melayani pekerja asal Jawa Timur yang bekerja di Kalimantan "
        "Timur. Tiket perdana dijual mulai Rp 950 ribu."]),
    Seed("gayo-coffee", "Gayo Coffee Exports Rise 18 Percent on European Demand", [
        "Coffee exports from the Gayo highlands of Aceh rose 18 percent last year to 42,000 tonnes, the regional "
        "trade office said on Wednesday. Most of the increase went to buyers in Germany and the Netherlands.",
        "Farmers' cooperatives said higher prices for certified organic beans encouraged growers to replant "
        "ageing trees. The office expects exports to grow again this year if the harvest is not hit by rain."]),
    Seed("embung-sumba", "Sumba Timur Bangun 12 Embung Baru Hadapi Musim Kemarau", [
        "Pemerintah Kabupaten Sumba Timur membangun 12 embung baru untuk menampung air hujan menjelang musim "
        "kemarau. Setiap embung dapat menampung hingga 15.000 meter kubik air.",
        "Kepala dinas pertanian mengatakan embung tersebut akan mengairi sekitar 300 hektare lahan jagung milik "
        "petani di empat kecamatan."]),
    Seed("batik-app-bandung", "Bandung Startup Launches App That Recognises Batik Patterns", [
        "A Bandung startup has launched a mobile app that recognises more than 300 batik patterns from a photo "
        "and tells users the region each pattern comes from.",
        "The founders said the app was trained on photographs collected from batik makers in Pekalongan, Solo "
        "and Cirebon, and that makers can register their own designs to protect them from copying."]),
]
