"""Refusal rules read the Query and the EvidenceSet: one of the best passages must mention the names a
question asserts (in either language); a how-many question needs a quantity; nothing close enough means
no answer."""

from __future__ import annotations

from helpers import _evidence

from assistant.answer.refusal import should_refuse
from assistant.records import EvidenceSet
from assistant.search.evidence import states_quantity
from assistant.search.query import read_query
from assistant.settings import Settings
from assistant.text import gazetteer

SETTINGS = Settings()


def _hits():  # type: ignore[no-untyped-def]
    return [_evidence(i, d, [t]).hit for i, (d, t) in enumerate(
        [("a", "Menperin bertemu Menteri Jepang di Tokyo."), ("b", "MoU dengan Rusia diteken.")], start=1)]


def _covered(question: str) -> bool:
    named = list(read_query(question, SETTINGS).countries)
    return not named or any(gazetteer.mentions_all(f"{h.chunk.title} {h.chunk.text}", named) for h in _hits())


def test_the_query_names_countries_once() -> None:
    q = read_query("What did Indonesia agree with France on aircraft?", SETTINGS)
    assert [sorted(g)[0] for g in q.countries] == ["france"]  # Indonesia says nothing about the topic
    assert read_query("Who runs the Minsk Automobile Plant?", SETTINGS).countries  # Minsk: Belarus
    assert read_query("Who runs the automobile plant?", SETTINGS).countries == ()


def test_refusal_when_the_named_country_is_absent() -> None:
    assert not _covered("What did Indonesia agree with France on aircraft?")
    assert _covered("What did Indonesia sign with Russia?")
    assert not _covered("Who runs the Minsk Automobile Plant?")
    assert _covered("Who runs the automobile plant?")


def test_should_refuse_reads_the_evidence_flags() -> None:
    q = read_query("What did Indonesia sign with Russia?", SETTINGS)
    ev = _evidence(1, "a", ["MoU dengan Rusia diteken."])
    good = EvidenceSet(passages=(ev,), vectors={})
    assert not should_refuse(q, good, SETTINGS)
    assert should_refuse(q, EvidenceSet(passages=(), vectors={}), SETTINGS)
    assert should_refuse(q, EvidenceSet(passages=(ev,), vectors={}, name_coverage=0.0), SETTINGS)
    assert should_refuse(q, EvidenceSet(passages=(ev,), vectors={}, has_quantity=False), SETTINGS)


def test_how_many_and_quantities() -> None:
    assert read_query("Berapa nilai ekspor ke Belarus?", SETTINGS).how_many
    assert read_query("How many MoUs were signed?", SETTINGS).how_many
    assert not read_query("Who signed the MoU?", SETTINGS).how_many
    assert states_quantity("Ekspor mencapai 38 juta dolar.") and states_quantity("two agreements were signed")
    assert not states_quantity("Kedua menteri bertemu di Tokyo.")


def test_name_coverage_crosses_languages() -> None:
    from assistant.search.evidence import name_coverage

    hits = _hits()
    assert name_coverage(read_query("What did Indonesia sign with Russia?", SETTINGS), hits) == 1.0
    assert name_coverage(read_query("Who met the Japanese minister in Tokyo?", SETTINGS), hits) == 1.0
    assert name_coverage(read_query("What did France sign in Paris in 2019?", SETTINGS), hits) == 0.0
    assert name_coverage(read_query("who signed it?", SETTINGS), hits) == 1.0  # no names: nothing to miss
