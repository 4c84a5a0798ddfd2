"""What kind of answer a question wants (text.answer_type.kind_of) and whether a sentence holds one beyond
the question's own words (holds)."""

from __future__ import annotations

import re

import pytest

from assistant.text import answer_type


def _asked(q: str) -> set[str]:
    return {w.lower() for w in re.findall(r"\w+", q)}


@pytest.mark.parametrize("question,kind", [
    ("Berapakah jumlah korban banjir?", "quantity"),
    ("How many people were evacuated?", "quantity"),
    ("Kapan jembatan itu diresmikan?", "date"),
    ("When did the strike end?", "date"),
    ("Siapa ketua panitia festival itu?", "name"),
    ("Di manakah konser kedua digelar?", "name"),
    ("Apa nama kapal yang tenggelam?", "name"),
    ("Which city hosted the summit?", "name"),
    ("Mengapa harga beras naik?", None),
    ("What did the report recommend?", None),
])
def test_kind_of(question: str, kind: str | None) -> None:
    assert answer_type.kind_of(question) == kind


def test_a_sentence_holds_the_kind_only_beyond_the_question_words() -> None:
    q = "Kapan Festival Danau 2005 dibuka?"
    assert answer_type.holds("date", "Festival Danau 2005 dibuka Senin (15/8) di tepi danau.", _asked(q))
    assert not answer_type.holds("date", "Festival Danau 2005 dibuka dengan meriah.", _asked(q))  # its own year only
    q = "Berapa rumah terendam?"
    assert answer_type.holds("quantity", "Sebanyak 1.200 rumah terendam.", _asked(q))
    assert answer_type.holds("quantity", "Dua ratus rumah terendam.", _asked(q))
    assert not answer_type.holds("quantity", "Banyak rumah terendam.", _asked(q))
    q = "Siapa pelatih tim itu?"
    assert answer_type.holds("name", "Tim itu dilatih oleh Budi Santoso sejak awal musim.", _asked(q))
    assert not answer_type.holds("name", "Pelatih tim itu belum diumumkan.", _asked(q))  # first word only
    assert not answer_type.holds(None, "Sebanyak 1.200 rumah terendam.", set())
