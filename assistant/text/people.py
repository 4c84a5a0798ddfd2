"""People named in passages, for the "actors" part of a briefing. No Indonesian NER model ships offline, so
this is a conservative rule: a run of 2-4 capitalised words (initials allowed: "Eko SA Cahyanto") none of
which is an institution, title, place, calendar or sentence-opening word. Only names that occur in the
cited passages are ever listed, so a miss costs completeness, never a wrong citation."""

from __future__ import annotations

import re

from assistant.text import dates

from assistant.text import gazetteer
from assistant.text.sentences import split_sentences

_NOT_NAME = set("""
menteri menperin kementerian kemenperin kemperin perindustrian industri perdagangan ekonomi federasi direktur
jenderal dirjen ditjen duta besar presiden perdana wakil kepala ketua gubernur sekretaris pemerintah
ketahanan perwilayahan akses internasional nasional kerja sama sidang komisi bersama program pusat
pengembangan koperasi manufaktur perjanjian kemitraan gabungan kendaraan bermotor asia tenggara eropa timur
barat utara selatan tengah global south new plant automobile tractor electrical equipment letter intent
cooperation field research safe use shipbuilding working group trade investment industry minister ministry
president prime ambassador director general government the of and for in on at jakarta tokyo bekasi
menurut sementara adapun selain salah satu sebagai hingga setelah dalam untuk pada kami saya kedua dengan
lebih beberapa berbagai terkait guna namun sedangkan oleh ia dia mereka baca juga berita reporter editor
foto antara kompas beritasatu antaranews jumat kamis rabu selasa senin sabtu minggu monday tuesday
wednesday thursday friday saturday sunday technical arrangement concept terms reference development mold
dies sme tor ta pt tbk ojsc bate maz midec ijepa meti azec loi mou kpaii gakindo wbp sector sektor
automotive otomotif ekosistem ecosystem produksi production komunitas community nol zero emisi emission
chrysotile asbestos energi energy transisi transition premier chancellor king queen prince governor mayor
senator ceo chief chairman vice deputy spokesman spokesperson juru bicara kata ujar tutur ungkap jelas tambah
lanjut said says according
""".split())


def _is_name_word(word: str) -> bool:
    w = word.lower().rstrip(".")
    if w in _NOT_NAME or w in dates.MONTHS:
        return False
    return not any(w in g for g in gazetteer.GROUPS)


def people(text: str) -> list[str]:
    """Names in order of first appearance."""
    found: list[str] = []
    for sentence in split_sentences(text):
        # Runs of adjacent capitalised tokens, separated only by single spaces.
        for run in re.finditer(r"(?:(?:[A-Z]\.){1,3}|[A-Z][\w-]*)(?: (?:(?:[A-Z]\.){1,3}|[A-Z][\w-]*))+", sentence):
            words = run.group(0).split()
            # Drop leading title/institution words: "Menteri Perindustrian Agus Gumiwang" -> "Agus Gumiwang".
            while words and not _is_name_word(words[0]):
                words.pop(0)
            while words and not _is_name_word(words[-1]):
                words.pop()
            full_words = [w for w in words if len(w.rstrip(".")) > 2 or w.isupper()]
            if not (2 <= len(words) <= 4) or not all(_is_name_word(w) for w in words):
                continue
            if all(w.isupper() for w in words) or len(full_words) < 2 and not any(w.isupper() for w in words):
                continue
            if words[0].isupper() and len(words[0]) > 1:  # an acronym opens it: an organisation
                continue
            name = " ".join(words)
            # "Eko Cahyanto" after "Eko SA Cahyanto" is the same person.
            if not any(set(words) <= set(other.split()) for other in found):
                found.append(name)
    return found
