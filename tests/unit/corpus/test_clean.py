"""Golden tests of ingest + clean on the five real seed scrapes, and of the sentence splitter."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.corpus.clean import clean
from assistant.corpus.read import read_file
from assistant.records import SourceFile
from assistant.text.sentences import split_sentences

REPO = Path(__file__).resolve().parents[3]
CORPUS = REPO / "corpus"

GOLDEN = {
    "000_d2637c6a7287ab0d": dict(
        title="RI Targetkan Kerja Sama Manufaktur dengan Belarusia Tahun Ini",
        published="2022-01-21T08:41:00+07:00", source=None, byline="Andi M. Arief",
        first="Kemenperin melanjutkan diskusi dengan Belarusia soal kerja sama di bidang manufaktur.",
        last="“Penjajakan kerja sama Indonesia - Belarusia dapat lebih jauh ditingkatkan dalam upaya pengembangan "
             "kemitraan sumber daya industri, seperti penyediaan bahan baku pupuk yang diperlukan industri di dalam "
             "negeri,” kata Eko."),
    "001_156286c4fd23f61a": dict(
        title="Belarusia Tertarik Bekerja Sama di Sektor Otomotif dengan Indonesia",
        published=None, source=None, byline="editorial",
        first="Dalam rangka menjalin kerja sama antara Indonesia dan Belarusia di sektor industri, pemerintah "
              "Indonesia dan Belarusia melakukan penandatanganan Letter of Intent antara kedua Kementrian "
              "Perindustrian negara masing-masing.",
        last="Hingga saat ini baru Belarusia menjadi negara Eropa Timur pertama yang bekerja sama dengan Indonesia "
             "di sektor otomotif pasca pandemi."),
    "002_f1673245c3cd19fc": dict(
        title="Menperin jajaki peningkatan kerja sama industri otomotif dengan Jepang",
        published=None, source="Antara", byline=None,
        first="Menteri Perindustrian Agus Gumiwang Kartasamita bertemu dengan Menteri Ekonomi, Perdagangan, dan "
              "Industri (METI) Jepang Ken Saito untuk membahas peningkatan kerja sama di sektor manufaktur, "
              "khususnya sektor otomotif.",
        last="Kedua menteri berencana bertemu kembali pada bulan Agustus untuk membahas kerja sama industri lebih "
             "lanjut antara kedua negara."),
    "003_2b84a5672fd4a3da": dict(
        # The scrape has no title line: one is derived from the lead's reported clause.
        title="Indonesia dan Jepang telah sepakat akan melakukan kerja sama di bidang pengembangan sektor industri…",
        published="2021-02-28T17:20:00+07:00", source="Beritasatu.com", byline="Herman, Leonard AL Cahyoputra",
        first="Direktur Jenderal Ketahanan, Perwilayahan dan Akses Industri Internasional (KPAII) Kementerian "
              "Perindustrian (Kemperin) Eko SA Cahyanto mengungkapkan, Indonesia dan Jepang telah sepakat akan "
              "melakukan kerja sama di bidang pengembangan sektor industri melalui program New Manufacturing "
              "Industry Development Center (New MIDEC).",
        last="“Selain itu, dengan adanya sekitar 2.000 perusahaan Jepang di Indonesia, Jepang selama ini turut "
             "berkontribusi besar bagi kemajuan perekonomian Indonesia, seperti melalui penciptaan lapangan kerja "
             "dan perluasan ekspor,” ujar Kenji."),
    "004_25aa0378524a9eee": dict(
        title="Jelang Innoprom 2026, Menperin Pacu Penyelesaian MoU dengan Rusia",
        published="2026-01-12T06:49:54+07:00", source="Kompas.com", byline=None,
        first="Kementerian Perindustrian (Kemenperin) menegaskan komitmennya dalam memperkuat diplomasi industri "
              "di kancah global melalui kunjungan kerja Menteri Perindustrian (Menperin) Agus Gumiwang "
              "Kartasasmita ke Moscow, Rusia, Senin.",
        last="Lebih lanjut, pertemuan bilateral itu juga meninjau tindak lanjut hasil Sidang Komisi Bersama "
             "Indonesia–Rusia, terutama dalam working group on trade, investment, and industry."),
}

BOILERPLATE = [
    "IHSG Dibuka Menguat", "Sentuh 8.653", "recall", "725.000 SUV", "Baca juga", "Baca Juga", "Advertisement",
    "News Alert", "newsletter", "Video Pilihan", "Artikel Terkait", "You May Also Like", "More From Author",
    "There are no comments", "Add yours", "Berita Terpopuler", "(prf/ega)", "Estimated read time", "Image title",
    "ANTARA FOTO", "Pekerja merakit mesin mobil", "manufaktur, kemenperin", "P2MI", "Ekstradisi", "Reporter:",
    "By editorial", "Oleh :",
]


def _doc(doc_id: str):  # type: ignore[no-untyped-def]
    source, problem = read_file(CORPUS / f"{doc_id}.txt", 5)
    assert source is not None and problem is None
    return clean(source)


@pytest.mark.parametrize("doc_id", sorted(GOLDEN))
def test_golden_metadata_and_body(doc_id: str) -> None:
    gold = GOLDEN[doc_id]
    doc = _doc(doc_id)
    assert doc.title == gold["title"]
    assert doc.published == gold["published"]
    assert doc.source == gold["source"]
    assert doc.byline == gold["byline"]
    assert doc.language == "id"
    sentences = split_sentences(doc.body)
    assert sentences[0] == gold["first"]
    assert sentences[-1] == gold["last"]


@pytest.mark.parametrize("doc_id", sorted(GOLDEN))
def test_no_boilerplate_left(doc_id: str) -> None:
    body = _doc(doc_id).body
    for junk in BOILERPLATE:
        assert junk not in body, f"{junk!r} survived cleaning in {doc_id}"


def test_glued_headlines_removed_and_run_ons_repaired() -> None:
    sentences = split_sentences(_doc("004_25aa0378524a9eee").body)
    assert ("Sebagai bagian dari agenda kunjungan, Agus menghadiri pertemuan bilateral dengan Menteri Industri dan "
            "Perdagangan Federasi Rusia Anton Alikhanov.") in sentences
    assert any(s.startswith("Pertemuan itu tidak hanya membahas percepatan penyelesaian MoU") for s in sentences)
    assert any(s.startswith("Adapun MoU on Cooperation in the Field of Shipbuilding") for s in sentences)
    assert any(s.startswith("Langkah tersebut, lanjut dia") for s in sentences)  # was "Selasa .Langkah"
    assert not any(" ." in s for s in sentences)


def test_title_line_repeated_in_body_is_dropped() -> None:
    doc = _doc("004_25aa0378524a9eee")
    assert doc.title not in doc.body


def test_sentence_splitter_keeps_abbreviations_and_initials() -> None:
    text = ("Eko S.A. Cahyono bertemu Dr. Budi di Jl. Sudirman, Kab. Bogor. Reporter Andi M. Arief menulis. "
            "Harga naik 2.000 rupiah. “Kami setuju,” kata dia. What happened? It rained.")
    assert split_sentences(text) == [
        "Eko S.A. Cahyono bertemu Dr. Budi di Jl. Sudirman, Kab. Bogor.",
        "Reporter Andi M. Arief menulis.",
        "Harga naik 2.000 rupiah.",
        "“Kami setuju,” kata dia.",
        "What happened?",
        "It rained.",
    ]


def test_english_article_with_html_free_layout() -> None:
    text = ("Indonesia and Japan agree on industrial cooperation\n\nBy Jane Doe\n\nJanuary 21, 2022\n\n"
            "JAKARTA (Reuters) - Indonesia and Japan agreed on Monday to deepen cooperation. Officials said "
            "talks would continue.\n\nAdvertisement\n\nRead more\n\nUnrelated story")
    doc = clean(SourceFile("en1", "en1.txt", text, "utf-8", "x"))
    assert doc.title == "Indonesia and Japan agree on industrial cooperation"
    assert doc.published == "2022-01-21"
    assert doc.byline == "Jane Doe"
    assert doc.source == "Reuters"
    assert doc.language == "en"
    assert split_sentences(doc.body) == ["Indonesia and Japan agreed on Monday to deepen cooperation.",
                                         "Officials said talks would continue."]


@pytest.mark.parametrize("text,kept", [
    ("Mudah-mudahan tahun depan cabang ini bisa masuk daftar pertandingan, kata Rita. (SAH)",
     "Mudah-mudahan tahun depan cabang ini bisa masuk daftar pertandingan, kata Rita."),
    ("Pemerintah keluar dari perjanjian itu pada Januari 2003. (AFP/Reuters/muk)",
     "Pemerintah keluar dari perjanjian itu pada Januari 2003."),
    ("Begitulah kota itu menapak usia ke-195 tahun, Minggu (25/9). (ynt/d03/d09)",
     "Begitulah kota itu menapak usia ke-195 tahun, Minggu (25/9)."),
    ("Pesaing Semakin Banyak, Perusahaan Berusaha Kompetitif", "Pesaing Semakin Banyak, Perusahaan Berusaha Kompetitif"),
    ("Pakar dari Universitas Indonesia (UI) menilai kondisi sungai kritis. (RYO/DOE)",
     "Pakar dari Universitas Indonesia (UI) menilai kondisi sungai kritis."),
])
def test_one_line_and_headline_only_items_keep_their_text(text: str, kept: str) -> None:
    """Real one-line news items (FacQA-like): the initials go, the sentence stays; a headline is its own text."""
    doc = clean(SourceFile(doc_id="x", path="x.txt", text=text + "\n", encoding="utf-8", sha256="0"))
    assert doc.body == kept and doc.title
