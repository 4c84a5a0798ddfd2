"""Relabelling: every labelled component gets a value, in LABELLED order; nothing is re-sent when unchanged."""

from __future__ import annotations

import gradio as gr

from assistant.errors import NotIndexed
from assistant.records import DocInfo
from assistant.ui.labels import LABELLED, Corpus, label_values, relabel
from assistant.ui.state import CorpusState, PanelState, StatusState


def test_every_labelled_component_has_a_value() -> None:
    values = label_values("id", "auto", PanelState(), StatusState(), CorpusState())
    assert set(values) == set(LABELLED)
    out = relabel("auto", "id", None, PanelState(), StatusState(), CorpusState())
    assert len(out) == len(LABELLED) + 2 and out[-2:] == ("id", "id")
    assert out[LABELLED.index("header")].endswith("Setiap klaim tertaut ke sumbernya.")


def test_the_selector_wins_over_the_fallback_and_an_unchanged_language_is_skipped() -> None:
    out = relabel("en", "id", None, PanelState(), StatusState(), CorpusState())
    assert out[-2:] == ("en", "en")
    same = relabel("auto", "id", "id", PanelState(), StatusState(), CorpusState())
    assert all(v == gr.skip() for v in same[:-2]) and same[-2:] == ("id", "id")


class _Docs:
    def __init__(self, result: list[DocInfo] | Exception) -> None:
        self.result = result

    def documents(self) -> list[DocInfo]:
        if isinstance(self.result, Exception):
            raise self.result
        return self.result


def test_the_corpus_listing_and_its_failures() -> None:
    doc = DocInfo("d1", "Title", None, None, "id", 2)
    assert Corpus(_Docs([doc])).listing() == CorpusState((doc,))  # type: ignore[arg-type]
    failed = Corpus(_Docs(NotIndexed("no index"))).listing()  # type: ignore[arg-type]
    assert failed == CorpusState(failed=True, message="no index")
    assert Corpus(_Docs(RuntimeError("bug"))).listing() == CorpusState(failed=True)  # type: ignore[arg-type]
