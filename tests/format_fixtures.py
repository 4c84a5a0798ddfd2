"""The five seed articles rendered in every format Warta reads, with real writers, at test time: news-site
HTML pages with the usual clutter, an RSS 2.0 feed and an Atom feed of them, and a PDF and a DOCX press
release of each (fpdf2 and python-docx). Also the bad inputs of issue 10.

Everything is derived from the `.txt` pipeline (read_file + clean of corpus/*.txt): the golden values the
other formats must reproduce are what the `.txt` version gives, never hand-typed guesses.
"""

from __future__ import annotations

import html
import io
import json
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime
from pathlib import Path

from assistant.corpus.clean import clean
from assistant.corpus.read import read_file
from assistant.records import Document
from assistant.text.sentences import split_sentences

REPO = Path(__file__).resolve().parent.parent
SEEDS = sorted((REPO / "corpus").glob("*.txt"))
FEED_TITLE = "Kabar Industri Nusantara"
# Indonesian month names, for dates written as Indonesian outlets write them.
BULAN = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
         "November", "Desember")
FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"),)


@dataclass(frozen=True)
class Golden:
    """What the `.txt` pipeline gives for one seed."""

    doc_id: str
    title: str
    title_derived: bool
    published: str | None
    source: str | None
    first: str
    last: str
    doc: Document

    @property
    def host(self) -> str:
        """The invented site this seed's page is published on."""
        return f"www.{self.source.lower()}" if self.source and "." in self.source else f"berita{self.doc_id[:3]}.example.id"

    @property
    def url(self) -> str:
        return f"https://{self.host}/read/{self.doc_id}"


def goldens() -> list[Golden]:
    out = []
    for path in SEEDS:
        source, problem = read_file(path, 5)
        assert source is not None and problem is None
        doc = clean(source)
        sentences = split_sentences(doc.body)
        out.append(Golden(doc.doc_id, doc.title, doc.title_derived, doc.published, doc.source, sentences[0],
                          sentences[-1], doc))
    return out


def words_date(iso: str) -> str:
    """"2022-01-21T08:41:00+07:00" -> "21 Januari 2022, 08:41:00 WIB" (as a press release writes it)."""
    dt = datetime.fromisoformat(iso)
    return f"{dt.day} {BULAN[dt.month - 1]} {dt.year}, {dt:%H:%M:%S} WIB"


def lead_with_dateline(g: Golden) -> list[str]:
    """The body paragraphs, the lead opening with the dateline a release carries ("Jakarta (Antara) – ")."""
    paragraphs = list(g.doc.paragraphs)
    if g.source:
        paragraphs[0] = f"Jakarta ({g.source}) – {paragraphs[0]}"
    return paragraphs


# --- HTML ---------------------------------------------------------------------------------------------

def page(g: Golden) -> str:
    """A news-site article page: nav, ads, a "Baca juga" box and an inline "Baca juga" line, a related
    list, share buttons, a newsletter box, comments and a footer around the article; meta tags and JSON-LD
    in the head."""
    e = html.escape
    site = g.source or g.host.removeprefix("www.")
    head_title = f"<title>{e(g.title)} - {e(site)}</title>" if not g.title_derived else f"<title>{e(site)}</title>"
    meta = [f'<meta property="og:site_name" content="{e(g.source)}">' if g.source else "",
            f'<meta property="og:title" content="{e(g.title)}">' if not g.title_derived else "",
            f'<meta property="article:published_time" content="{g.published}">' if g.published else "",
            f'<meta name="author" content="{e(g.doc.byline)}">' if g.doc.byline else "",
            f'<link rel="canonical" href="{g.url}">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            '<meta name="keywords" content="industri, kerja sama, ekonomi">']
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "mainEntityOfPage": g.url,
          **({"headline": g.title} if not g.title_derived else {}),
          **({"datePublished": g.published} if g.published else {}),
          **({"publisher": {"@type": "Organization", "name": g.source}} if g.source else {})}
    paras = [f"<p>{e(p)}</p>" for p in g.doc.paragraphs]
    # Clutter inside the article, where real sites put it.
    paras.insert(1, '<div class="ads"><span>ADVERTISEMENT</span><div id="div-gpt-ad-1"></div></div>')
    paras.insert(3, '<div class="baca-juga"><strong>Baca juga:</strong><ul><li><a href="/read/x1">Harga emas '
                    'naik lagi hari ini</a></li><li><a href="/read/x2">Lima tips hemat listrik di rumah</a></li></ul></div>')
    if len(paras) > 6:
        paras.insert(5, '<p><strong>Baca juga: <a href="/read/x3">Rupiah menguat terhadap dolar AS sore ini</a>'
                        '</strong></p>')
    headline = f"<h1 class=\"title\">{e(g.title)}</h1>" if not g.title_derived else ""
    time_tag = (f'<time datetime="{g.published}">{e(words_date(g.published))}</time>' if g.published else "")
    byline = f'<div class="author">{e(g.doc.byline)}</div>' if g.doc.byline else ""
    return f"""<!DOCTYPE html>
<html lang="id"><head><meta charset="utf-8">{head_title}
{chr(10).join(m for m in meta if m)}
<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>
<script>window.dataLayer = window.dataLayer || []; function gtag(){{dataLayer.push(arguments);}}</script>
<style>.ads{{min-height:250px}}</style></head>
<body>
<header><div class="logo"><a href="/">{e(site)}</a></div>
<nav><ul><li><a href="/">Beranda</a></li><li><a href="/nasional">Nasional</a></li><li><a href="/ekonomi">Ekonomi</a></li>
<li><a href="/olahraga">Olahraga</a></li><li><a href="/tekno">Tekno</a></li><li><a href="/indeks">Indeks</a></li></ul></nav>
<form class="search"><input type="text" placeholder="Cari berita"><button>Cari</button></form></header>
<div class="ads top"><p>Advertisement</p></div>
<main><div class="breadcrumb"><a href="/">Home</a> &gt; <a href="/ekonomi">Ekonomi</a></div>
<article class="detail">
{headline}
<div class="meta">{byline} {time_tag}</div>
<div class="share"><a href="#">Bagikan</a> <a href="#">Facebook</a> <a href="#">Twitter</a> <a href="#">WhatsApp</a></div>
<div class="detail-text">
{chr(10).join(paras)}
</div>
<div class="tags"><span>Tag:</span> <a href="/tag/industri">industri</a> <a href="/tag/ekonomi">ekonomi</a></div>
</article>
<section class="newsletter"><h3>Newsletter</h3><p>Dapatkan berita pilihan setiap pagi langsung di kotak masuk Anda.</p>
<form><input type="email" placeholder="Email"><button>Langganan</button></form></section>
<aside class="related"><h3>Berita Terkait</h3><ul>
<li><a href="/read/r1">Pemerintah siapkan insentif baru untuk pabrik baterai</a></li>
<li><a href="/read/r2">Ekspor furnitur tumbuh dua digit tahun lalu</a></li>
<li><a href="/read/r3">Pelabuhan baru mulai beroperasi bulan depan</a></li></ul></aside>
<section id="comments" class="comments"><h3>Komentar (2)</h3>
<div class="comment"><span class="name">pembaca_setia</span><p>Mantap, semoga cepat terealisasi dan membuka lapangan kerja!</p></div>
<div class="comment"><span class="name">warga123</span><p>Beritanya bagus tapi kapan harga mobil turun?</p></div></section>
</main>
<footer><p>Tentang Kami | Redaksi | Pedoman Media Siber | Kontak</p><p>&copy; 2026 {e(site)}. All rights reserved.</p></footer>
</body></html>
"""


# Text that must not survive extraction: it is the page's clutter, never the article's.
CLUTTER = ("Beranda", "Olahraga", "ADVERTISEMENT", "Advertisement", "Harga emas", "Lima tips hemat",
           "Rupiah menguat", "Baca juga", "Berita Terkait", "insentif baru untuk pabrik baterai", "Newsletter",
           "kotak masuk", "pembaca_setia", "Mantap, semoga", "kapan harga mobil turun", "Pedoman Media Siber",
           "All rights reserved", "Bagikan", "WhatsApp", "Cari berita")


# --- Feeds --------------------------------------------------------------------------------------------

def _html_body(paragraphs: list[str] | tuple[str, ...]) -> str:
    return "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)


def rss(gs: list[Golden]) -> str:
    """RSS 2.0 with content:encoded (full text) and a short description; one item carries its full text in
    the description only, one writes its date the Indonesian way, items name their outlet in <source>."""
    items = []
    for i, g in enumerate(gs):
        parts = []
        if not g.title_derived:
            parts.append(f"<title>{html.escape(g.title)}</title>")
        parts.append(f"<link>{g.url}</link><guid isPermaLink=\"true\">{g.url}</guid>")
        if g.published:
            dt = datetime.fromisoformat(g.published)
            date = f"{('Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu', 'Minggu')[dt.weekday()]}, {words_date(g.published)}" \
                if i == 0 else format_datetime(dt)
            parts.append(f"<pubDate>{date}</pubDate>")
        if g.source:
            parts.append(f'<source url="https://{g.host}/rss">{html.escape(g.source)}</source>')
        if g.doc.byline:
            parts.append(f"<dc:creator>{html.escape(g.doc.byline)}</dc:creator>")
        if i == 1:  # the whole article in the description, no content:encoded
            parts.append(f"<description>{html.escape(_html_body(g.doc.paragraphs))}</description>")
        else:
            parts.append(f"<description>{html.escape(split_sentences(g.doc.paragraphs[0])[0])}</description>")
            parts.append(f"<content:encoded><![CDATA[{_html_body(g.doc.paragraphs)}]]></content:encoded>")
        items.append("<item>" + "".join(parts) + "</item>")
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>{FEED_TITLE}</title><link>https://kabar.example.id/</link><description>Berita industri</description>
<language>id</language>
{chr(10).join(items)}
</channel></rss>
"""


def atom(gs: list[Golden]) -> str:
    """Atom 1.0: html content for most entries, one with its full text as the summary only."""
    entries = []
    for i, g in enumerate(gs):
        title = "" if g.title_derived else html.escape(g.title)
        body = html.escape(_html_body(g.doc.paragraphs))
        text = (f'<summary type="html">{body}</summary>' if i == 2 else
                f'<summary>{html.escape(split_sentences(g.doc.paragraphs[0])[0])}</summary>'
                f'<content type="html">{body}</content>')
        entries.append(
            f"<entry><title>{title}</title><link rel=\"alternate\" href=\"{g.url}\"/><id>{g.url}</id>"
            + (f"<published>{g.published}</published><updated>{g.published}</updated>" if g.published else
               "<updated>2026-01-01T00:00:00Z</updated>")
            + (f"<author><name>{html.escape(g.doc.byline)}</name></author>" if g.doc.byline else "")
            + (f"<source><title>{html.escape(g.source)}</title><id>https://{g.host}/</id></source>" if g.source else "")
            + text + "</entry>")
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="id"><title>{FEED_TITLE}</title><id>urn:kabar:industri</id>
<updated>2026-01-12T06:49:54+07:00</updated><link rel="self" href="https://kabar.example.id/atom"/>
{chr(10).join(entries)}
</feed>
"""


# --- PDF and DOCX -------------------------------------------------------------------------------------

def font_path(bold: bool = False) -> Path:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    for folder in FONT_DIRS:
        if (folder / name).is_file():
            return folder / name
    import matplotlib

    return Path(matplotlib.get_data_path()) / "fonts" / "ttf" / name


def _new_pdf(cls=None):  # type: ignore[no-untyped-def]
    import warnings

    from fpdf import FPDF

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # fpdf2's note that A-series sizes were corrected in 2.8.5
        pdf = (cls or FPDF)(format=(105, 148))  # A6
    pdf.add_font("dv", "", str(font_path()))
    pdf.add_font("dv", "B", str(font_path(bold=True)))
    return pdf


def press_release_pdf(g: Golden) -> bytes:
    """A ministry-style release: a running header and a "Halaman N dari M" footer on every page, the
    headline in bold (and as /Title), the date line, then the body; A6 so every release spans pages."""
    from fpdf import FPDF

    class Release(FPDF):
        def header(self) -> None:
            self.set_font("dv", "", 7)
            self.cell(0, 4, "SIARAN PERS  ·  Biro Hubungan Masyarakat", new_x="LMARGIN", new_y="NEXT")
            self.ln(2)

        def footer(self) -> None:
            self.set_y(-10)
            self.set_font("dv", "", 7)
            self.cell(0, 4, f"Halaman {self.page_no()} dari {{nb}}", align="C")

    pdf = _new_pdf(Release)
    pdf.alias_nb_pages()
    pdf.set_auto_page_break(True, margin=14)
    if not g.title_derived:
        pdf.set_title(g.title)
    if g.doc.byline:
        pdf.set_author(g.doc.byline)
    pdf.add_page()
    if not g.title_derived:
        pdf.set_font("dv", "B", 11)
        pdf.multi_cell(0, 5.5, g.title, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    pdf.set_font("dv", "", 8)
    if g.published:
        pdf.multi_cell(0, 4.5, words_date(g.published), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    for paragraph in lead_with_dateline(g):
        pdf.multi_cell(0, 4.2, paragraph, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2.5)
    assert pdf.page_no() >= 2, "a release must span pages for the running lines to be found"
    return bytes(pdf.output())


def press_release_docx(g: Golden) -> bytes:
    import docx

    d = docx.Document()
    if not g.title_derived:
        d.core_properties.title = g.title
        d.add_heading(g.title, level=0)
    if g.doc.byline:
        d.core_properties.author = g.doc.byline
    section = d.sections[0]
    section.header.paragraphs[0].text = "SIARAN PERS — Biro Hubungan Masyarakat"
    section.footer.paragraphs[0].text = "Narahubung: Biro Humas, telepon 021-000000"
    if g.published:
        d.add_paragraph(words_date(g.published))
    for paragraph in lead_with_dateline(g):
        d.add_paragraph(paragraph)
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


# --- Corpora ------------------------------------------------------------------------------------------

FORMATS = ("html", "rss", "atom", "pdf", "docx")


def write_corpus(fmt: str, folder: Path, gs: list[Golden] | None = None) -> Path:
    """A corpus folder holding the five seeds in format `fmt` (one file each; a feed: one file)."""
    gs = gs or goldens()
    folder.mkdir(parents=True, exist_ok=True)
    if fmt == "rss":
        (folder / "kabar.rss").write_text(rss(gs), encoding="utf-8")
    elif fmt == "atom":
        (folder / "kabar.atom").write_text(atom(gs), encoding="utf-8")
    for g in gs:
        if fmt == "html":
            (folder / f"{g.doc_id}.html").write_text(page(g), encoding="utf-8")
        elif fmt == "pdf":
            (folder / f"{g.doc_id}.pdf").write_bytes(press_release_pdf(g))
        elif fmt == "docx":
            (folder / f"{g.doc_id}.docx").write_bytes(press_release_docx(g))
    return folder


def seed_of(doc: Document, gs: list[Golden]) -> str:
    """The seed a document was made from: its own id for files, its link for feed entries."""
    by_url = {g.url: g.doc_id for g in gs}
    return by_url.get(doc.url or "", doc.doc_id)


# --- Bad input ----------------------------------------------------------------------------------------

def encrypted_pdf(g: Golden) -> bytes:
    pdf = _new_pdf()
    pdf.set_encryption(owner_password="pemilik", user_password="rahasia")
    pdf.add_page()
    pdf.set_font("dv", "", 9)
    pdf.multi_cell(0, 5, g.doc.paragraphs[0])
    return bytes(pdf.output())


def scanned_pdf() -> bytes:
    """A page that is only a picture (a scan): no text layer."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (600, 800), "white")
    draw = ImageDraw.Draw(image)
    for y in range(60, 760, 24):
        draw.rectangle((50, y, 550, y + 10), fill="black")  # lines of "text" as ink, not characters
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    pdf = _new_pdf()
    pdf.add_page()
    pdf.image(io.BytesIO(buffer.getvalue()), x=5, y=5, w=95)
    return bytes(pdf.output())
