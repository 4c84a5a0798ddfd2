"""Fast unit tests of pure logic: citation checking (with a tiny deterministic embedder), prompts, ingest
of bad files, language detection, date parsing, chunking."""

from __future__ import annotations

from pathlib import Path



from assistant.answer.citations import check

REPO = Path(__file__).resolve().parents[3]

from helpers import BagOfWordsEmbedder, _evidence, ev  # noqa: F401


def test_markers_pointing_nowhere_are_dropped_and_citations_renumbered(ev) -> None:  # type: ignore[no-untyped-def]
    evidence, vecs = ev
    out = check("The ministers met in Tokyo on Friday [2][7].", evidence, vecs, BagOfWordsEmbedder(), 0.5)
    assert out.text == "The ministers met in Tokyo on Friday. [1]"
    assert [(c.n, c.doc_id) for c in out.citations] == [(1, "b")]


def test_wrong_marker_is_repointed_to_the_supporting_passage(ev) -> None:  # type: ignore[no-untyped-def]
    evidence, vecs = ev
    out = check("Indonesia signed two memoranda with Russia on shipbuilding [2].", evidence, vecs,
                BagOfWordsEmbedder(), 0.5)
    assert [c.doc_id for c in out.citations] == ["a"]
    assert out.text.endswith("[1]")


def test_sentence_with_numbers_absent_from_sources_is_dropped(ev) -> None:  # type: ignore[no-untyped-def]
    evidence, vecs = ev
    out = check("Exports to Belarus reached 38.03 million dollars in 2020 [3]. Exports to Belarus reached 99 "
                "million dollars in 2021 [3].", evidence, vecs, BagOfWordsEmbedder(), 0.5)
    assert "99" not in out.text and "38.03" in out.text
    assert len(out.dropped) == 1 and "99" in out.dropped[0]


def test_unsupported_claim_is_dropped_and_nothing_left_means_no_citations(ev) -> None:  # type: ignore[no-untyped-def]
    evidence, vecs = ev
    out = check("France agreed to build aircraft with Indonesia [1].", evidence, vecs, BagOfWordsEmbedder(), 0.5)
    assert out.citations == () and out.text == ""


def test_headings_and_bullets_survive(ev) -> None:  # type: ignore[no-untyped-def]
    evidence, vecs = ev
    text = "Key points:\n- The ministers met in Tokyo on Friday [2]\n- Indonesia signed two memoranda with Russia on shipbuilding and asbestos research [1]"
    out = check(text, evidence, vecs, BagOfWordsEmbedder(), 0.5)
    assert out.text.splitlines() == ["Key points:", "- The ministers met in Tokyo on Friday [1]",
                                     "- Indonesia signed two memoranda with Russia on shipbuilding and asbestos research [2]"]


def test_markers_used_as_words_are_caught(ev) -> None:  # type: ignore[no-untyped-def]
    evidence, vecs = ev
    out = check("The ministers met in [2]. The ministers met in Tokyo on Friday, as stated in passage [2].",
                evidence, vecs, BagOfWordsEmbedder(), 0.5)
    assert out.text == "The ministers met in Tokyo on Friday. [1]"
    assert out.dropped == ("The ministers met in.",)


def test_names_absent_from_the_source_are_not_supported(ev) -> None:  # type: ignore[no-untyped-def]
    evidence, vecs = ev
    e = BagOfWordsEmbedder()
    out = check("The ministers met in Jakarta on Friday to discuss automotive cooperation [2].", evidence, vecs, e, 0.3)
    assert out.text == "" and out.dropped  # Jakarta is in no passage
    ok = check("The Japanese and Indonesian ministers met in Tokyo on Friday to discuss automotive cooperation [2].",
               evidence, vecs, e, 0.3, question="Where did the Indonesian and Japanese ministers meet?")
    assert ok.text.endswith("[1]") and not ok.dropped


def test_hyphenated_names_are_checked_word_by_word(ev) -> None:  # type: ignore[no-untyped-def]
    evidence, vecs = ev
    quote = evidence[0].sentences[0]
    out = check(f"{quote[:-1]} with Russia-Indonesia ties [1].", evidence, vecs, BagOfWordsEmbedder(), 0.3,
                question="Indonesia")
    assert out.citations and not out.dropped
