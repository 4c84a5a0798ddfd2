"""Refusal rules read the Query and the EvidenceSet: one of the best passages must mention the names a
question asserts (in either language); a how-many question needs a quantity; nothing close enough means
no answer."""

from __future__ import annotations

from dataclasses import replace

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


def test_identifiers_and_years_are_exact() -> None:
    from assistant.search.evidence import exact_names_met

    def hits(*texts: str, published: str = "2005-10-13") -> list:  # type: ignore[type-arg]
        out = []
        for i, t in enumerate(texts, start=1):
            hit = _evidence(i, f"d{i}", [t]).hit
            out.append(replace(hit, chunk=replace(hit.chunk, published=published)))
        return out

    shenzhou = read_query("Siapa antariksawan China yang berjalan di luar angkasa dalam misi Shenzhou 7?", SETTINGS)
    assert shenzhou.identifiers == ("shenzhou 7",)
    assert not exact_names_met(shenzhou, hits("Misi Shenzhou 6 membawa dua antariksawan China."))
    assert exact_names_met(shenzhou, hits("Misi Shenzhou 6 usai.", "Shenzhou-7 membawa tiga antariksawan."))
    election = read_query("How many votes did Ahmadinejad get in the 2009 election?", SETTINGS)
    assert election.years == ("2009",)
    assert not exact_names_met(election, hits("Ahmadinejad memenangi pemilu presiden bulan Juni lalu."))
    # An article of 2009 need not write the year it was published in.
    assert exact_names_met(election, hits("Ahmadinejad memenangi pemilu bulan Juni lalu.", published="2009-08-04"))
    assert exact_names_met(election, hits("Pada pemilu 2009, Ahmadinejad meraih 24 juta suara."))
    ev = _evidence(1, "a", ["Misi Shenzhou 6 membawa dua antariksawan China."])
    assert should_refuse(shenzhou, EvidenceSet(passages=(ev,), vectors={}, exact_names_met=False), SETTINGS)


def test_a_brief_topic_has_no_exact_names() -> None:
    q = read_query("Buatkan ringkasan tentang otomotif 2021-2024", SETTINGS)
    assert q.briefing and q.years == () and q.identifiers == ()


def test_english_common_words_are_not_names_to_find() -> None:
    q = read_query("Who is the Forestry Minister's adviser on natural resources?", SETTINGS)
    assert "forestry" not in q.names
    assert "sharapova" in read_query("How many titles has Maria Sharapova won?", SETTINGS).names
    # Country names, months and weekdays stay: they are matched across the languages.
    assert "france" in read_query("What did Indonesia agree with France on aircraft?", SETTINGS).names
    assert {"japan", "monday"} <= set(read_query("Who met the Japan delegation on Monday?", SETTINGS).names)
