"""What a question asks for, read once onto the Query (search.query.read_query): a quantity, a person."""

from __future__ import annotations

import pytest

from assistant.search.query import read_query
from assistant.settings import Settings

S = Settings()


@pytest.mark.parametrize("text,who,how_many", [
    ("Who signed the agreement?", True, False),
    ("Siapa yang menandatangani perjanjian itu?", True, False),
    ("Siapakah menteri yang hadir?", True, False),
    ("Which fields were discussed?", False, False),
    ("How many houses were flooded?", False, True),
    ("Berapa rumah yang terendam?", False, True),
    ("Whole-word only: somewhosever wrote", False, False),
])
def test_who_and_how_many(text: str, who: bool, how_many: bool) -> None:
    q = read_query(text, S)
    assert (q.asks_who, q.how_many) == (who, how_many)
