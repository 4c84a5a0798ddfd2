"""The bilingual country gazetteer: one group per country, names of both languages, data in the lexicon."""

from __future__ import annotations

from itertools import combinations

from assistant.text import gazetteer


def test_gazetteer_crosses_languages_and_respects_word_boundaries() -> None:
    from assistant.text.stems import query_tokens

    assert "jepang" in query_tokens("Brief me on Indonesia–Japan cooperation")
    assert "russia" in query_tokens("Apa saja MoU dengan Rusia?")
    assert not gazetteer.mentions_all("Kerja sama dengan Belarusia", gazetteer.partners_in("Russia"))
    assert gazetteer.partners_in("What did Indonesia sign as a partner?") == []  # "as"/"Indonesia" ignored
    assert gazetteer.partners_in("What did the US sign?") != []


def test_one_group_per_country_with_both_languages() -> None:
    assert len(gazetteer.GROUPS) == 25
    assert gazetteer.GROUPS[0] == {"indonesia", "indonesian", "ri", "nusantara"}
    japan = next(g for g in gazetteer.GROUPS if "japan" in g)
    assert japan == {"japan", "japanese", "jepang"}
    america = next(g for g in gazetteer.GROUPS if "america" in g)
    assert {"amerika", "as", "us", "usa", "washington"} <= america
    for a, b in combinations(gazetteer.GROUPS, 2):
        assert not a & b, (a, b)  # a name belongs to one country


def test_groups_in_keeps_file_order_and_partners_drop_indonesia() -> None:
    text = "Rusia dan Jepang bertemu Indonesia"
    assert [min(g) for g in gazetteer.groups_in(text)] == ["indonesia", "japan", "moscow"]
    assert all("indonesia" not in g for g in gazetteer.partners_in(text))
    assert len(gazetteer.partners_in(text)) == 2


def test_ambiguous_short_names_count_only_in_capitals() -> None:
    assert gazetteer.groups_in("kerja sama as a whole") == []
    assert gazetteer.groups_in("AS dan RI") != []
    assert gazetteer.groups_in("negara Arab") != []
    assert gazetteer.groups_in("arab") == []
    assert gazetteer.mentions_all("Jepang dan Amerika Serikat", gazetteer.partners_in("Japan and the USA"))
