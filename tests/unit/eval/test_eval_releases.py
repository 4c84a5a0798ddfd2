"""Eval over a corpus with syndicated copies: finding a gold copy's canonical (or another copy of the same
release) counts as finding the gold document; other documents are left as they are."""

from assistant.eval.run import as_gold


def test_a_document_of_the_gold_release_counts_as_the_gold_document() -> None:
    releases = {"copy1": "orig", "copy2": "orig"}
    assert as_gold(["orig", "other"], ["copy1"], releases) == ("copy1", "other")
    assert as_gold(["copy2"], ["copy1"], releases) == ("copy1",)
    assert as_gold(["copy1", "orig"], ["orig"], releases) == ("orig", "orig")
    assert as_gold(["a", "b"], ["b"], {}) == ("a", "b")
