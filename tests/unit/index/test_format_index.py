"""Every format indexes like the `.txt` corpus (issue 10), with the real embedding model and real Chroma:
the dev-set questions (tests/data/dev_qa.jsonl) retrieve the same top-3 documents over each format's
corpus (seeds as HTML pages, RSS, Atom, PDF, DOCX) as over the seed .txt files. And a feed, one file of
several documents, is indexed incrementally: an unchanged feed re-embeds nothing, an entry taken out of
it loses its chunks, the file removed loses all of them.

One index per format, built once for the module, each starting from a copy of the session's .txt index:
the indexer's content-hash cache then reuses a stored vector for every chunk whose text (title and
sentences) is byte-identical to a .txt chunk, and embeds, for real, any chunk a format reads differently.
Each format must need no new embedding at all: its chunks are the .txt chunks."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from format_fixtures import FORMATS, goldens, rss, write_corpus

from conftest import copy_index, dev_questions

pytestmark = pytest.mark.slow
TOP = 3


def _top_seeds(w, questions: list[dict], seed_of_id: dict[str, str]) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    out = {}
    for q in questions:
        hits = w.search(q["question"], k=10).hits
        seen: list[str] = []
        for h in hits:
            seed = seed_of_id.get(h.chunk.doc_id, h.chunk.doc_id)
            if seed not in seen:
                seen.append(seed)
        out[q["id"]] = seen[:TOP]
    return out


@pytest.fixture(scope="module")
def format_indexes(warta, settings, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """format -> (Warta over that format's corpus, its index report); the embedder is the session's."""
    from assistant.service import Warta

    gs = goldens()
    built = {}
    for fmt in FORMATS:
        root = tmp_path_factory.mktemp(f"fmt-{fmt}")
        corpus = write_corpus(fmt, root / "corpus", gs)
        s = settings.model_copy(update={"corpus_dir": corpus, "index_dir": copy_index(settings, root / "index")})
        w = Warta(s, embedder=warta.embedder)
        built[fmt] = (w, w.index(progress=False))
    return built


def test_every_format_retrieves_the_same_documents_as_the_txt_corpus(warta, format_indexes) -> None:  # type: ignore[no-untyped-def]
    gs = goldens()
    by_url = {g.url: g.doc_id for g in gs}
    questions = dev_questions()
    expected = _top_seeds(warta, questions, {})
    assert all(expected.values())
    for fmt, (w, report) in format_indexes.items():
        assert report.documents == len(gs) and not [p for p in report.problems if p.severity == "error"], (fmt, report)
        assert report.embedded == 0, f"{fmt}: {report.embedded} chunks read differently from the .txt corpus"
        docs = w.documents()
        assert {d.format for d in docs} == {"feed" if fmt in ("rss", "atom") else fmt}
        seed_of_id = {d.doc_id: by_url.get(d.url or "", d.doc_id) for d in docs}
        assert sorted(seed_of_id.values()) == sorted(g.doc_id for g in gs), fmt
        got = _top_seeds(w, questions, seed_of_id)
        differ = {q: (got[q], expected[q]) for q in expected if got[q] != expected[q]}
        assert not differ, f"{fmt}: top-{TOP} documents differ from the .txt corpus: {differ}"


def test_a_feed_is_indexed_incrementally_entry_by_entry(format_indexes, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from assistant.service import Warta

    w, report = format_indexes["rss"]
    corpus = tmp_path / "corpus"
    shutil.copytree(w.settings.corpus_dir, corpus)
    s = w.settings.model_copy(update={"corpus_dir": corpus, "index_dir": copy_index(w.settings, tmp_path / "ix")})
    mine = Warta(s, embedder=w.embedder)

    again = mine.index(progress=False)
    assert (again.documents, again.chunks) == (report.documents, report.chunks)
    assert again.embedded == 0 and again.reused == 0 and again.removed == 0

    gs = goldens()
    dropped = gs[1]
    (corpus / "kabar.rss").write_text(rss([g for g in gs if g is not dropped]), encoding="utf-8")
    fewer = mine.index(progress=False)
    assert fewer.documents == len(gs) - 1 and fewer.embedded == 0 and fewer.removed > 0
    assert dropped.url not in {d.url for d in mine.documents()}
    assert fewer.chunks == report.chunks - fewer.removed

    (corpus / "kabar.rss").unlink()
    # The same article as a .txt: its chunks have other ids but the same text, so their vectors are reused.
    (corpus / "keep.txt").write_bytes(Path(gs[0].doc.path).read_bytes())
    gone = mine.index(progress=False)
    assert [(d.doc_id, d.format) for d in mine.documents()] == [("keep", "text")]
    assert gone.removed == fewer.chunks and gone.embedded == 0 and gone.reused == gone.chunks > 0
