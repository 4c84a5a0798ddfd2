"""corpus.add and corpus.names: safe names, no overwrite, duplicates skipped, links refused, URL ids stable.
Plain files and a local server; no models."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from assistant.corpus.add import add_items
from assistant.corpus.names import canonical_url, safe_name, url_doc_id
from assistant.settings import Settings
from newsserver import NewsServer, Route, plain_text, seeds


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    (tmp_path / "corpus").mkdir()
    return tmp_path / "corpus"


@pytest.fixture()
def settings(corpus: Path, tmp_path: Path) -> Settings:
    return Settings(corpus_dir=corpus, index_dir=tmp_path / "ix", fetch_timeout_s=2.0)


def _file(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder / name


@pytest.mark.parametrize("given, expected", [
    ("../../etc/passwd", "passwd"),
    ("/abs/path/Berita Hari Ini.TXT", "Berita-Hari-Ini.txt"),
    (".bashrc", "bashrc"),
    ("..", "document"),
    ("Siaran\x00Pers\n(final).md", "SiaranPers-final.md"),
    ("C:\\Users\\a\\kabar.txt", "kabar.txt"),
    ("Ekonomi–Bisnis é.txt", "Ekonomi-Bisnis-e.txt"),
])
def test_safe_names_are_plain_and_visible(given: str, expected: str) -> None:
    assert safe_name(given) == expected


def test_url_ids_are_stable_across_spellings() -> None:
    a = url_doc_id("https://News.Example.id:443/berita/ri-dan-rusia.html?b=2&a=1&utm_source=x#top")
    b = url_doc_id("https://news.example.id/berita/ri-dan-rusia.html?a=1&b=2")
    assert a == b and a.startswith("ri-dan-rusia-") and len(a.rsplit("-", 1)[1]) == 10
    assert url_doc_id("https://news.example.id/berita/lain.html") != a
    assert canonical_url("HTTP://x.id") == "http://x.id/"


def test_files_are_copied_under_safe_names_and_never_overwrite(settings, corpus, tmp_path) -> None:  # type: ignore[no-untyped-def]
    one = seeds()[0]
    src = tmp_path / "in"
    a = _file(src, "Kabar Satu.txt", plain_text(one).decode())
    other = _file(tmp_path / "in2", "Kabar Satu.txt", "Judul lain\n\nIsi yang sama sekali berbeda dari yang pertama tadi.")
    out = add_items([str(a), str(a), str(other)], settings)
    assert [o.status for o in out] == ["added", "skipped", "added"]
    assert out[0].path == str(corpus / "Kabar-Satu.txt") and "same content as Kabar-Satu.txt" in out[1].note
    assert out[2].path == str(corpus / "Kabar-Satu-2.txt") and "--replace" in out[2].note
    assert (corpus / "Kabar-Satu.txt").read_bytes() == a.read_bytes()  # the first one was not overwritten
    replaced = add_items([str(_file(tmp_path / "in3", "Kabar-Satu.txt", "Versi baru\n\nTeks yang diperbarui."))],
                         settings, replace=True)
    assert replaced[0].status == "updated" and (corpus / "Kabar-Satu.txt").read_text().startswith("Versi baru")
    assert not [p for p in corpus.iterdir() if p.name.startswith(".warta-add-")]  # no temporary left


def test_a_document_id_is_taken_whatever_the_suffix(settings, corpus, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _file(corpus, "laporan.md", "# Laporan\n\nIsi laporan pertama yang cukup panjang.")
    out = add_items([str(_file(tmp_path / "in", "laporan.txt", "Laporan\n\nIsi lain sama sekali."))], settings)
    assert out[0].status == "added" and out[0].path.endswith("laporan-2.txt")


def test_traversal_names_unknown_types_and_links_out_are_handled(settings, corpus, tmp_path) -> None:  # type: ignore[no-untyped-def]
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    secret = _file(tmp_path, "rahasia.txt", "Rahasia\n\nKata sandi brankas adalah merpati-biru-77.")
    os.symlink(secret, deep / "artikel.txt")  # a link leaving its folder
    os.symlink("/etc/passwd", deep / "pw.txt")
    os.mkfifo(deep / "pipa.txt")
    os.symlink("/etc/passwd", corpus / "evil.txt")  # a link already in the corpus: never written through
    _file(tmp_path / "etc", "passwd", "root:x:0:0:root:/root:/bin/bash\n")
    _file(tmp_path / "etc", "kabar.txt", "Kabar\n\nSebuah kabar biasa dari folder lain yang cukup panjang.")
    cwd = os.getcwd()
    os.chdir(deep)
    try:
        out = add_items(["../../etc/passwd", "../../etc/kabar.txt", "artikel.txt", "pw.txt", "pipa.txt", "tidak-ada.txt"], settings)
    finally:
        os.chdir(cwd)
    notes = {o.item: (o.status, o.note) for o in out}
    assert notes["../../etc/passwd"][0] == "error"
    assert notes["../../etc/passwd"][1].startswith("unsupported file type (none); Warta adds .atom, .docx")
    assert notes["../../etc/kabar.txt"][0] == "added"  # lands as corpus/kabar.txt, never elsewhere
    assert notes["artikel.txt"] == ("error", f"is a link to {secret}, outside its folder; not added "
                                             "(add the file itself if you mean it)")
    assert notes["pw.txt"][0] == "error" and "outside its folder" in notes["pw.txt"][1]
    assert notes["pipa.txt"] == ("error", "cannot be read: not a regular file; not added")
    assert notes["tidak-ada.txt"] == ("error", "no such file")
    assert sorted(p.name for p in corpus.iterdir()) == ["evil.txt", "kabar.txt"]
    assert "merpati" not in Path("/etc/passwd").read_text()
    evil = _file(tmp_path / "in", "evil.txt", "Evil\n\nTeks yang mencoba menimpa tautan di korpus.")
    out = add_items([str(evil)], settings, replace=True)
    assert out[0].status == "error" and out[0].note == "'evil.txt' points outside the corpus folder; not added"
    out = add_items([str(evil)], settings)
    assert out[0].status == "added" and out[0].path.endswith("evil-2.txt") and os.path.islink(corpus / "evil.txt")


def test_a_folder_adds_its_readable_files_and_skips_the_rest(settings, corpus, tmp_path) -> None:  # type: ignore[no-untyped-def]
    src = tmp_path / "kiriman"
    for s in seeds()[:2]:
        _file(src, f"{s.stem}.txt", plain_text(s).decode())
    (src / "foto.jpg").write_bytes(b"\xff\xd8\xff")
    out = add_items([str(src)], settings)
    assert sorted(o.status for o in out) == ["added", "added", "skipped"]
    assert "unsupported file type .jpg" in next(o.note for o in out if o.status == "skipped")


def test_a_url_is_saved_by_its_id_and_re_adding_updates_it(settings, corpus) -> None:  # type: ignore[no-untyped-def]
    one, two = seeds()[:2]
    with NewsServer() as site:
        site.routes["/berita/kabar-satu"] = Route(plain_text(one), content_type="text/plain; charset=utf-8")
        site.routes["/lama.txt"] = Route("Judul\n\nHarga naik menjadi Rp 5.000 per kilogram.".encode("cp1252"),
                                         content_type="text/plain; charset=windows-1252")
        url = site.url("/berita/kabar-satu")
        first = add_items([url, site.url("/hilang"), site.url("/lama.txt")], settings)
        assert [o.status for o in first] == ["added", "error", "added"]
        assert Path(first[0].path).name == url_doc_id(url) + ".txt"
        assert "not found (HTTP 404)" in first[1].note
        assert Path(first[2].path).read_text(encoding="utf-8").endswith("Rp 5.000 per kilogram.")
        assert [o.status for o in add_items([url], settings)] == ["unchanged"]
        site.routes["/berita/kabar-satu"] = Route(plain_text(two), content_type="text/plain")
        again = add_items([url], settings)
        assert again[0].status == "updated" and again[0].path == first[0].path
        assert Path(again[0].path).read_bytes() == plain_text(two)
    assert len([p for p in corpus.iterdir()]) == 2


def test_a_page_is_named_by_its_canonical_url_and_checked_by_the_reader(settings, corpus) -> None:  # type: ignore[no-untyped-def]
    from newsserver import article_page

    one = seeds()[0]
    with NewsServer() as site:
        canonical = site.url("/berita/ri-belarusia")
        page = article_page(one).replace(b"</head>", f'<link rel="canonical" href="{canonical}"></head>'.encode())
        site.routes["/berita/ri-belarusia?utm_source=wa"] = Route(page)
        site.routes["/amp/ri-belarusia"] = Route(page)
        site.routes["/kosong"] = Route(b"<!doctype html><html><head><title></title></head><body></body></html>")
        site.routes["/feed"] = Route(b"<?xml version='1.0'?><rss version='2.0'><channel><title>K</title><item>"
                                     b"<title>Satu</title><link>http://x.id/1</link><description>Isi berita satu "
                                     b"yang cukup panjang.</description></item></channel></rss>",
                                     content_type="application/rss+xml")
        # Another host's page naming this page as its canonical URL does not take its document.
        spoof = article_page(seeds()[1]).replace(b"</head>", f'<link rel="canonical" href="{canonical}"></head>'.encode())
        site.routes["/tiruan"] = Route(spoof)
        spoof_url = site.url("/tiruan").replace("127.0.0.1", "localhost")
        out = add_items([site.url("/berita/ri-belarusia?utm_source=wa"), site.url("/amp/ri-belarusia"),
                         site.url("/kosong"), site.url("/feed"), spoof_url], settings)
    assert [o.status for o in out] == ["added", "unchanged", "error", "added", "added"]
    assert Path(out[4].path).name == url_doc_id(spoof_url) + ".html"
    assert Path(out[0].path).name == url_doc_id(canonical) + ".html" and out[1].path == out[0].path
    assert out[2].note.endswith("no article text found in this HTML page (broken markup, or not an article); "
                                "not added")
    assert out[3].path.endswith(".xml") and "a feed of 1 entries" in out[3].note and "warta feeds add" in out[3].note
    assert sorted(p.suffix for p in corpus.iterdir()) == [".html", ".html", ".xml"]


def test_unreadable_files_are_refused_with_the_readers_reason(settings, corpus, tmp_path) -> None:  # type: ignore[no-untyped-def]
    src = tmp_path / "in"
    src.mkdir()
    (src / "kosong.docx").write_bytes(b"")
    (src / "palsu.pdf").write_bytes(b"\x00\x01\x02 binary junk" * 10)
    (src / "arsip.docx").write_bytes(b"PK\x03\x04" + b"\x00" * 40)
    out = {Path(o.item).name: o for o in add_items([str(p) for p in sorted(src.iterdir())], settings)}
    assert out["kosong.docx"].note == "file is empty; not added"
    assert "not a valid PDF (no %PDF header)" in out["palsu.pdf"].note
    assert "DOCX" in out["arsip.docx"].note
    assert all(o.status == "error" for o in out.values()) and not list(corpus.iterdir())
