"""The conversations the end-to-end tests hold over the seeds (CLI, API, browser), and a small corpus of
dated articles written for the date tests (seed-like, invented: several years, one undated)."""

from __future__ import annotations

from pathlib import Path

BELARUS = {"000_d2637c6a7287ab0d", "001_156286c4fd23f61a"}
RUSSIA = {"004_25aa0378524a9eee"}

# (question, documents every citation must come from, words the searched question must hold, must not hold)
CONVERSATIONS = {
    "en": [
        ("What cooperation is Indonesia discussing with Belarus?", BELARUS, ("Belarus",), ()),
        ("Who leads them?", BELARUS, ("Belarus", "leads"), ()),
        ("dan dengan Rusia?", RUSSIA, ("Russia",), ("Belarus",)),
    ],
    "id": [
        ("Apa isi kerja sama industri Indonesia dengan Belarusia?", BELARUS, ("Belarusia",), ()),
        ("Siapa yang memimpin perundingan itu?", BELARUS, ("Belarusia", "memimpin"), ()),
        ("dan dengan Rusia?", RUSSIA, ("Rusia",), ("Belarusia",)),
    ],
}
# The language each turn is answered in: the newest turn's.
TURN_LANGS = {"en": ["en", "en", "id"], "id": ["id", "id", "id"]}


def check_turn(answer: dict, docs: set[str], must: tuple[str, ...], must_not: tuple[str, ...], lang: str) -> None:
    """One turn's answer (the `ask --json` shape) cites only the right documents and searched the right thing."""
    assert not answer["refused"], answer
    cited = {c["doc_id"] for c in answer["citations"]}
    assert cited and cited <= docs, (answer["standalone_question"], cited, docs)
    searched = answer["standalone_question"]
    assert all(w in searched for w in must) and not any(w in searched for w in must_not), searched
    assert answer["language"] == lang, answer


# Dated articles: (file name, title, date line or None, body). Tractor talks with Belarus in 2021, 2023 and
# 2025 and one undated; two articles about Japan (2021 and, newest of all, 2026: new but off the topic).
DATED = [
    ("a2021_belarus.txt", "Indonesia dan Belarusia Jajaki Kerja Sama Perakitan Traktor", "12 Maret 2021, 09:15",
     "Kementerian Perindustrian membuka pembicaraan dengan Belarusia tentang perakitan traktor pertanian di "
     "Indonesia. Kedua pihak membahas kebutuhan komponen dan pelatihan teknisi. Pembicaraan lanjutan "
     "direncanakan setelah kunjungan delegasi Belarusia ke Jakarta."),
    ("a2023_belarus.txt", "Indonesia dan Belarusia Teken Nota Kesepahaman Traktor", "5 Juni 2023, 10:30",
     "Indonesia dan Belarusia menandatangani nota kesepahaman tentang perakitan traktor pertanian. Nota itu "
     "mengatur alih teknologi, pasokan komponen, dan pelatihan teknisi di dua kota industri. Pemerintah "
     "menargetkan perakitan traktor pertama dimulai dalam dua tahun."),
    ("a2025_belarus.txt", "Pabrik Perakitan Traktor Indonesia-Belarusia Mulai Beroperasi", "20 Agustus 2025, 14:00",
     "Pabrik perakitan traktor hasil kerja sama Indonesia dan Belarusia mulai beroperasi di Jawa Timur. Pabrik "
     "itu merakit tiga ratus traktor pertanian pada tahun pertama. Komponen utama masih didatangkan dari "
     "Belarusia sambil pemasok lokal disiapkan."),
    ("a_undated_belarus.txt", "Belarusia Tawarkan Teknologi Traktor kepada Indonesia", None,
     "Belarusia menawarkan teknologi traktor pertanian kepada industri Indonesia. Tawaran itu mencakup "
     "pelatihan teknisi dan pasokan komponen."),
    ("a2021_japan.txt", "Indonesia dan Jepang Bahas Pelatihan Industri Otomotif", "3 Mei 2021, 08:00",
     "Indonesia dan Jepang membahas program pelatihan bagi pekerja industri otomotif. Program itu melibatkan "
     "politeknik dan perusahaan otomotif di kawasan industri."),
    ("a2026_japan.txt", "Indonesia dan Jepang Kembangkan Ekosistem Kendaraan Listrik", "10 Februari 2026, 11:00",
     "Indonesia dan Jepang sepakat mengembangkan ekosistem kendaraan listrik, termasuk baterai dan stasiun "
     "pengisian daya."),
]
DOC = {name.removesuffix(".txt"): name.removesuffix(".txt") for name, *_ in DATED}


def write_dated_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, title, when, body in DATED:
        header = f"{title}\n\n{when}\n\n" if when else f"{title}\n\n"
        (folder / name).write_text(header + body + "\n", encoding="utf-8")
    return folder
