"""People named in passages: general word lists (titles, institutions, quote verbs…) plus rules for what no
list can know (acronyms, ministry abbreviations, the rest of a Title-Case name of a thing)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.corpus.clean import clean
from assistant.corpus.read import read_file
from assistant.text.people import people

REPO = Path(__file__).resolve().parents[3]


def test_actors_are_people_not_institutions() -> None:
    text = ("Menteri Perindustrian Agus Gumiwang Kartasasmita bertemu Menteri Industri dan Perdagangan Federasi "
            "Rusia Anton Alikhanov di Moscow. Direktur Jenderal KPAII Kementerian Perindustrian Eko S.A. Cahyono "
            "hadir. Kata Eko Cahyono, Minsk Automobile Plant (MAZ) dan Kementerian Perindustrian Belarusia setuju.")
    assert people(text) == ["Agus Gumiwang Kartasasmita", "Anton Alikhanov", "Eko S.A. Cahyono"]


# The people found in the cleaned body of each seed article, as before the word lists became data.
SEED_PEOPLE = {
    "000_d2637c6a7287ab0d": ["Eko SA Cahyanto"],
    "001_156286c4fd23f61a": ["Eko S.A. Cahyono"],
    "002_f1673245c3cd19fc": ["Agus Gumiwang Kartasamita", "Ken Saito", "Joko Widodo", "Fumio Kishida"],
    "003_2b84a5672fd4a3da": ["Eko SA Cahyanto", "Kanasugi Kenji"],
    "004_25aa0378524a9eee": ["Agus Gumiwang Kartasasmita", "Anton Alikhanov"],
}


@pytest.mark.parametrize("doc_id", sorted(SEED_PEOPLE))
def test_people_in_the_seed_articles(doc_id: str) -> None:
    source, problem = read_file(REPO / "corpus" / f"{doc_id}.txt", 5)
    assert source is not None and problem is None
    assert people("\n".join(clean(source).paragraphs)) == SEED_PEOPLE[doc_id]


@pytest.mark.parametrize("text,expected", [
    # Titles and offices before the name, in both languages.
    ("Menteri Keuangan Budi Santoso hadir.", ["Budi Santoso"]),
    ("Prime Minister Taro Yamada met President Budi Santoso.", ["Taro Yamada", "Budi Santoso"]),
    ("Minister of Trade Budi Santoso said the talks went well.", ["Budi Santoso"]),
    # Ministry abbreviations are offices: prefix + clipped field.
    ("Menkeu Rina Wulandari dan Kemenlu Retno Marsudi hadir.", ["Rina Wulandari", "Retno Marsudi"]),
    ("Menkopolhukam Budi Santoso juga datang.", ["Budi Santoso"]),
    # Acronyms are organisations: trimmed before a title or place, a whole run when they head a phrase.
    ("Direktur Jenderal ABCD Kementerian Keuangan Rina Wulandari hadir.", ["Rina Wulandari"]),
    ("XYZ Jepang Taro Yamada datang.", ["Taro Yamada"]),
    ("Baca juga: IHSG Dibuka Menguat Tipis", []),
    ("PT Maju Jaya Tbk menandatangani kontrak.", []),
    # A capitalised run continuing the English name of a thing is not a person...
    ("Kedua negara meneken MoU on the Safe Use of Fine Chemicals.", []),
    ("pabrik “Grand Plant of Automotive and Farm Machinery Parts” itu", []),
    # ...but a person after a connector following a name or a lower-case word still is.
    ("The visit of Budi Santoso went well.", ["Budi Santoso"]),
    ("Taro Yamada and Budi Santoso signed.", ["Taro Yamada", "Budi Santoso"]),
    # Quote verbs, days, months, regions and countries are never part of a name.
    ("“Kami siap,” kata Budi Santoso, Senin.", ["Budi Santoso"]),
    ("Rapat di Jawa Tengah pada Januari dengan Asia Tenggara.", []),
    ("Duta Besar Jepang untuk Indonesia, Taro Yamada berharap banyak.", ["Taro Yamada"]),
    # Initials belong to the name; the shorter form later is the same person.
    ("Budi S.A. Santoso hadir. Kata Budi Santoso, rapat selesai.", ["Budi S.A. Santoso"]),
    ("Oleh: Rina AL Wulandari", ["Rina AL Wulandari"]),
])
def test_general_rules(text: str, expected: list[str]) -> None:
    assert people(text) == expected
