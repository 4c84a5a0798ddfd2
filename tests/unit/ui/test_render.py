"""Rendering: citation links, source cards, the sources panel, the status line, answers, the corpus table."""

from __future__ import annotations

from assistant.records import Answer, Citation, DocInfo, ReportedBy
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
    copy = ReportedBy("d1-copy", "New headline", "2022-01-22", "Other outlet", 1)
    docs = (DocInfo("d1", "Title", "2022-01-21", None, "id", 3, copies=(copy,), path="/c/d1.html", format="html"),
            DocInfo("d2", "Other", None, "Outlet", "en", 4))
    intro, table = render_corpus(CorpusState(docs), "en")
    assert intro == "2 documents, 8 passages in the index."  # the copy's own passage counts
    assert list(table.columns) == ["Title", "Date", "Outlet", "Language", "Format", "Passages", "Copies",
                                   "Document ID"]
    assert table.values.tolist()[0] == ["Title", "21 January 2022", "—", "Indonesian", "html", 3,
                                        "Other outlet, 22 January 2022 (d1-copy)", "d1"]
    assert table.values.tolist()[1][4:7] == ["text", 4, "—"]
    assert table.values.tolist()[1][1] == "undated"
    assert render_corpus(CorpusState(), "id")[0].startswith("Belum ada dokumen")
    assert render_corpus(CorpusState(failed=True, message="no index"), "en")[0].endswith(": no index")
    assert "log server" in render_corpus(CorpusState(failed=True), "id")[0]


# Untrusted text ---------------------------------------------------------------------------------------------------

TRICKS = ('<img src="http://evil.test/p.gif" onerror="alert(1)"> <a href="http://evil.test/login">log in</a> '
          '<script>alert(2)</script> ![x](http://evil.test/x.png) [y](http://evil.test/y) <http://evil.test/z> '
          'www.evil.test [z](javascript:alert(3)) <span style="background:url(http://evil.test/bg)">s</span>')


def _tags(html: str) -> list[str]:
    import re

    return re.findall(r"<\s*([a-zA-Z][\w-]*)", html)


def test_article_markup_in_an_answer_is_text_and_only_citation_links_are_links() -> None:
    html = render_answer(_answer(answer=f"From the sources:\n{TRICKS} [1]\n\nTimeline:\n- 2021: {TRICKS} [1]"))
    assert set(_tags(html)) <= {"p", "br", "ul", "li", "a"}, _tags(html)
    assert html.count("<a ") == 2 and html.count('href="#src-1"') == 2  # the two markers, nothing else
    assert "&lt;img src=&quot;http://evil.test/p.gif&quot; onerror=&quot;alert(1)&quot;&gt;" in html
    assert "![x](http://evil.test/x.png)" in html  # Markdown is shown as typed: the chatbot does not parse it
    assert "<ul><li>2021:" in html


def test_a_streamed_answer_is_escaped_like_the_final_one() -> None:
    assert link_citations(f"{TRICKS} [2]") == render_answer(_answer(answer=f"{TRICKS} [2]"))


def test_titles_outlets_quotes_and_ids_of_a_card_are_escaped() -> None:
    card = Citation(n=1, doc_id='d"><img src=x>', chunk_id="c", title=TRICKS, published=None, source=TRICKS,
                    quote=f"Before. {TRICKS} After.", supporting=TRICKS)
    html = render_sources(PanelState("answer", (card,)), "en")
    assert set(_tags(html)) <= {"div", "ol", "li", "span", "code", "blockquote", "mark"}, _tags(html)
    assert "href=\"" not in html and "onerror=\"" not in html and 'data-doc-id="d&quot;&gt;&lt;img src=x&gt;"' in html


def test_the_corpus_error_message_is_shown_literally_in_markdown() -> None:
    intro, _ = render_corpus(CorpusState(failed=True, message="bad file ![x](http://evil.test/x.png) <b>"), "en")
    assert "![" not in intro and "](" not in intro and "<b>" not in intro and "http://" not in intro
    assert "&#33;&#91;x&#93;&#40;http&#58;//evil&#46;test" in intro


def test_the_askers_question_is_text() -> None:
    from assistant.ui.render import render_question

    assert render_question(" <img src=x onerror=alert(1)> [1] ") == "&lt;img src=x onerror=alert(1)&gt; [1]"


# Ingest flags -----------------------------------------------------------------------------------------------------


def _flagged(flags: object) -> Citation:
    card = Citation(n=3, doc_id="d3", chunk_id="d3#0", title="T", published=None, source=None, quote="Q.",
                    supporting="Q.")
    object.__setattr__(card, "flags", flags)  # the field the ingest check adds; set like it on the frozen record
    return card


def test_a_flagged_passage_gets_a_badge_in_the_labels_language() -> None:
    en = render_sources(PanelState("answer", (_flagged(["instructions"]),)), "en")
    assert '<span class="warta-flag" data-flag="instructions">contains instructions; treated as data</span>' in en
    idn = render_sources(PanelState("evidence", (_flagged(("instructions", "instructions")),)), "id")
    assert idn.count("warta-flag\"") == 1 and "berisi instruksi; diperlakukan sebagai data" in idn
    other = render_sources(PanelState("refused", (_flagged(["<b>odd</b>"]),)), "en")
    assert 'data-flag="&lt;b&gt;odd&lt;/b&gt;"' in other and "flagged at ingest; treated as data" in other


def test_no_flags_no_badge() -> None:
    for flags in (None, [], ()):
        assert "warta-flag" not in render_sources(PanelState("answer", (_flagged(flags),)), "en")
    assert "warta-flag" not in render_sources(PanelState("answer", (CARD,)), "en")  # a record without the field


def test_a_card_lists_the_other_outlets_of_its_release_escaped() -> None:
    copy = ReportedBy("d1-copy", "<b>Headline</b>", "2022-01-22", "Outlet <x>", 0)
    card = render_sources(PanelState("answer", (Citation(1, "d1", "d1#0", "T", "2022-01-21", "Src", "Quote.", "Quote.",
                                                         also_reported_by=(copy,)),)), "en")
    assert "Also reported by" in card and 'data-doc-id="d1-copy"' in card and "22 January 2022" in card
    assert "&lt;b&gt;Headline&lt;/b&gt;" in card and "<b>" not in card and "Outlet &lt;x&gt;" in card
    plain = render_sources(PanelState("answer", (Citation(1, "d1", "d1#0", "T", None, None, "Q.", "Q."),)), "en")
    assert "warta-copies" not in plain
