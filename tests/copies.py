"""Syndicated copies of the seed articles, built the way outlets republish a press release: another outlet
(its own dateline), a new headline, a later date, two paragraphs swapped and one sentence of its own. Shared
by the syndication tests (CLI and browser)."""

from __future__ import annotations

import shutil
from pathlib import Path

from assistant.corpus.clean import clean
from assistant.corpus.read import read_file

# Seeds given copies (the other two stay alone), and per copy: outlet, headline prefix, its own sentence.
COPIED = ("000_d2637c6a7287ab0d", "003_2b84a5672fd4a3da", "004_25aa0378524a9eee")
OUTLETS = ("Kabarindustri.com", "Suaraekonomi.id")
ADDED = {
    "000_d2637c6a7287ab0d": ("Sebuah pabrik traktor di Minsk disebut siap mengirim tim teknis ke Karawang "
                             "pada bulan Maret untuk menilai calon mitra perakitan."),
    "003_2b84a5672fd4a3da": ("Sebanyak empat puluh insinyur cetakan dari Cikarang akan dilatih di Nagoya "
                             "selama enam minggu sebagai bagian dari proyek percontohan tersebut."),
    "004_25aa0378524a9eee": ("Delegasi Indonesia juga meninjau pabrik gerbong kereta di Tver pada hari kedua "
                             "kunjungan untuk menjajaki pasokan komponen rel."),
}
SECOND_ADDED = "Redaksi {outlet} menghubungi kementerian untuk konfirmasi tambahan, namun belum mendapat jawaban."


def _next_day(published: str) -> str:
    from datetime import date, timedelta

    day = date.fromisoformat(published[:10]) + timedelta(days=1)
    return f"{day.isoformat()} 10:15:00"


def copy_text(seed: Path, outlet: str, n: int) -> str:
    """The text of copy `n` (0 or 1) of a seed file, in the seeds' own layout (headline, date, paragraphs)."""
    source, problem = read_file(seed, 5)
    assert source is not None, problem
    doc = clean(source)
    paras = list(doc.paragraphs)
    paras[0] = f"Jakarta, {outlet} - {paras[0]}"
    if len(paras) > 3:  # a shuffled paragraph
        paras[1 + n], paras[2 + n] = paras[2 + n], paras[1 + n]
    added = ADDED[doc.doc_id] if n == 0 else SECOND_ADDED.format(outlet=outlet.split(".")[0])
    paras.insert(3, added)  # an added sentence, as a paragraph of its own
    headline = ("Pemerintah Dorong Kerja Sama Industri: " if n == 0 else "Kemenperin Bergerak: ") + doc.title
    assert doc.published, doc.doc_id
    return "\n\n".join([headline, _next_day(doc.published) if n == 0 else _next_day(_next_day(doc.published)),
                        *paras]) + "\n"


def build(seeds: list[Path], folder: Path) -> dict[str, list[str]]:
    """The seeds plus two copies of each of COPIED in `folder`; -> seed doc id -> its copies' doc ids."""
    folder.mkdir(parents=True, exist_ok=True)
    groups: dict[str, list[str]] = {}
    for seed in seeds:
        shutil.copy(seed, folder / seed.name)
        groups[seed.stem] = []
        if seed.stem in COPIED:
            for n, outlet in enumerate(OUTLETS):
                copy_id = f"{seed.stem}_copy{n + 1}"
                (folder / f"{copy_id}.txt").write_text(copy_text(seed, outlet, n), encoding="utf-8")
                groups[seed.stem].append(copy_id)
    return groups
