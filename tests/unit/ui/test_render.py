"""Rendering: citation links, source cards, the sources panel, the status line, answers, the corpus table."""

from __future__ import annotations

from assistant.records import Answer, Citation, DocInfo
from assistant.ui.render import link_citations, render_answer, render_corpus, render_sources, render_status
from assistant.ui.state import CorpusState, PanelState, StatusState

CARD = Citation(n=2, doc_id="d1", chunk_id="d1#0", title="A <b>bold</b> title", published="2026-01-12T06:49:54+07:00",
                source="Kompas.com", quote="First sentence.  Second   <sentence> here. Third.",
                supporting="Second <sentence> here.")


def _answer(**fields: object) -> Answer:
    base: dict[str, object] = {"question": "q", "language": "en", "answer": "It was signed [1].", "refused": False,
                               "citations": (CARD,), "generator": "extractive"}
    return Answer(**{**base, **fields})  # type: ignore[arg-type]


def test_citation_markers_become_links_to_cards() -> None:
    html = link_citations("Two MoUs were signed [1][2]. Also [3, 4]. Not a marker: [x] or [1")
    assert '<a class="warta-cite" href="#src-1">[1]</a><a class="warta-cite" href="#src-2">[2]</a>' in html
    assert 'href="#src-3">[3]</a><a class="warta-cite" href="#src-4">[4]</a>' in html
    assert "[x] or [1" in html


def test_source_card_escapes_text_and_marks_the_supporting_sentence() -> None:
    html = render_sources(PanelState("answer", (CARD,)), "id")
    assert 'data-kind="answer"' in html and "Sumber" in html
    assert 'id="src-2"' in html and 'data-doc-id="d1"' in html
    assert "A &lt;b&gt;bold&lt;/b&gt; title" in html
    assert "<mark>Second   &lt;sentence&gt; here.</mark>" in html
    assert "12 Januari 2026" in html and "Kompas.com" in html


def test_panel_headings_per_kind() -> None:
    assert "Closest sources" in render_sources(PanelState("refused"), "en")
    assert "No sources." in render_sources(PanelState("refused"), "en")
    assert "Bagian yang ditemukan" in render_sources(PanelState("evidence", (CARD,)), "id")
    empty = render_sources(PanelState(), "en")
    assert "data-kind" not in empty and "numbered like the [n] markers" in empty


def test_status_line_carries_what_tests_wait_for() -> None:
    assert render_status(StatusState(), "en", initial=True) == '<div class="warta-status idle"></div>'
    assert 'data-lang="id"' in render_status(StatusState(), "id")
    done = render_status(StatusState("done", 3, seconds=1.25, generator="extractive"), "en")
    assert 'data-status="done"' in done and 'data-turn="3"' in done and "Answered in 1.2 s · extractive" in done
    busy = render_status(StatusState("writing", 1), "id")
    assert 'class="warta-status busy"' in busy and "Menulis jawaban…" in busy


def test_answer_links_markers_and_notes_dropped_sentences() -> None:
    html = render_answer(_answer(dropped=("x", "y")))
    assert 'href="#src-1"' in html and "2 sentence(s) without support" in html


def test_a_refusal_is_marked_by_its_flag_not_its_words() -> None:
    refusal = render_answer(_answer(refused=True, citations=(), answer="Whatever the answer stage says [1]."))
    assert refusal == '<span class="warta-refused">Whatever the answer stage says [1].</span>'
    assert "Tidak ditemukan di korpus" in render_answer(_answer(refused=True, language="id", answer=" "))
    # The same words without the flag are an answer like any other.
    assert "warta-refused" not in render_answer(_answer(answer="Not found in the corpus [1]."))


def test_corpus_table_and_its_messages() -> None:
    docs = (DocInfo("d1", "Title", "2022-01-21", None, "id", 3), DocInfo("d2", "Other", None, "Outlet", "en", 4))
    intro, table = render_corpus(CorpusState(docs), "en")
    assert intro == "2 documents, 7 passages in the index."
    assert list(table.columns) == ["Title", "Date", "Outlet", "Language", "Passages", "Document ID"]
    assert table.values.tolist()[0] == ["Title", "21 January 2022", "—", "Indonesian", 3, "d1"]
    assert table.values.tolist()[1][1] == "undated"
    assert render_corpus(CorpusState(), "id")[0].startswith("Belum ada dokumen")
    assert render_corpus(CorpusState(failed=True, message="no index"), "en")[0].endswith(": no index")
    assert "log server" in render_corpus(CorpusState(failed=True), "id")[0]
