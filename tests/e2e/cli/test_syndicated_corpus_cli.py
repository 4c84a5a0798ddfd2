"""Syndicated copies end to end (real EmbeddingGemma, real Chroma, the real `warta` CLI): three seeds each with
two lightly edited copies (tests/copies.py: another outlet, a new headline, a shuffled paragraph, an added
sentence) are 5 canonical documents with their copies listed; a copy's added sentence is retrievable and
cited under the copy; no answer cites two copies of one release; `warta remove` keeps the index consistent
(removing a canonical promotes its next copy)."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

import copies
from conftest import PYTHON, REPO, SEEDS, dev_questions

pytestmark = pytest.mark.slow


def run_cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([PYTHON, "-m", "assistant", *args], env=env, cwd=REPO, capture_output=True, text=True,
                          timeout=900)


def cli_json(env: dict[str, str], *args: str):  # type: ignore[no-untyped-def]
    proc = run_cli(env, *args, "--json")
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


@pytest.fixture(scope="module")
def syndicated(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, str], dict[str, list[str]]]:
    corpus = tmp_path_factory.mktemp("syndicated-corpus")
    groups = copies.build(SEEDS, corpus)
    env = {**os.environ, "WARTA_CORPUS_DIR": str(corpus), "WARTA_INDEX_DIR": str(tmp_path_factory.mktemp("syn-index")),
           "WARTA_GENERATOR": "extractive", "PYTHONPATH": str(REPO)}
    report = cli_json(env, "index")
    assert report["documents"] == 5 and report["copies"] == 6, report
    assert not [p for p in report["problems"] if p["severity"] == "error"], report["problems"]
    return env, groups


def releases(docs: list[dict]) -> dict[str, str]:
    """doc id -> the release (canonical doc id) it belongs to, for canonicals and copies."""
    out = {d["doc_id"]: d["doc_id"] for d in docs}
    out.update({c["doc_id"]: d["doc_id"] for d in docs for c in d["copies"]})
    return out


def test_five_canonical_documents_each_with_its_copies(syndicated) -> None:  # type: ignore[no-untyped-def]
    env, groups = syndicated
    docs = cli_json(env, "docs")
    assert sorted(d["doc_id"] for d in docs) == sorted(groups)
    for d in docs:
        listed = [c["doc_id"] for c in d["copies"]]
        assert listed == groups[d["doc_id"]], d["doc_id"]  # earliest first: copy1 is a day older than copy2
        for c in d["copies"]:
            assert c["source"] in copies.OUTLETS and c["published"] > d["published"]
            assert c["title"] != d["title"] and c["chunks"] == 1  # its added sentence, nothing else
    # The Belarus seeds share a topic, not a text: 001 stays its own document without copies.
    assert next(d for d in docs if d["doc_id"] == "001_156286c4fd23f61a")["copies"] == []
    text = run_cli(env, "docs").stdout
    assert text.count("also reported by") == 6 and "Kabarindustri.com" in text


def test_the_added_sentence_is_retrievable_and_cited_under_its_copy(syndicated) -> None:  # type: ignore[no-untyped-def]
    env, _ = syndicated
    hits = cli_json(env, "search", "pabrik gerbong kereta di Tver")["hits"]
    assert hits[0]["doc_id"] == "004_25aa0378524a9eee_copy1" and "Tver" in hits[0]["text"]
    assert hits[0]["source"] == "Kabarindustri.com"
    answer = cli_json(env, "ask", "Apa yang ditinjau delegasi Indonesia di Tver?")
    assert not answer["refused"] and "Tver" in answer["answer"]
    cited = {c["doc_id"] for c in answer["citations"]}
    assert "004_25aa0378524a9eee_copy1" in cited and "004_25aa0378524a9eee" not in cited
    assert all(c["also_reported_by"] == [] for c in answer["citations"])  # only this outlet reported it


def test_no_answer_cites_two_copies_of_one_release(syndicated) -> None:  # type: ignore[no-untyped-def]
    env, groups = syndicated
    release = releases(cli_json(env, "docs"))
    questions = ["Apa saja MoU dengan Rusia?", "What is the New MIDEC quick win program?",
                 "Kapan Indonesia dan Belarusia menargetkan penandatanganan LoI?"]
    for question in questions:
        answer = cli_json(env, "ask", question)
        assert not answer["refused"], question
        cited = {c["doc_id"] for c in answer["citations"]}
        assert len({release[d] for d in cited}) == len(cited), (question, cited)
        for c in answer["citations"]:  # a canonical's citation names the other outlets of its release
            assert [r["doc_id"] for r in c["also_reported_by"]] == groups.get(c["doc_id"], []), question


def test_the_dev_questions_never_cite_two_copies_in_process(syndicated) -> None:  # type: ignore[no-untyped-def]
    """All 20 dev-set questions through one service (the CLI test above runs a few through `warta ask`)."""
    from assistant.service import Warta
    from assistant.settings import Settings

    env, groups = syndicated
    w = Warta(Settings(corpus_dir=Path(env["WARTA_CORPUS_DIR"]), index_dir=Path(env["WARTA_INDEX_DIR"]),
                       generator="extractive"))
    release = releases([{"doc_id": d.doc_id, "copies": [{"doc_id": c.doc_id} for c in d.copies]}
                        for d in w.documents()])
    answered = 0
    for q in dev_questions():
        answer = w.ask(q["question"])
        for refs in (answer.citations, answer.closest):
            docs = {c.doc_id for c in refs}
            assert len({release[d] for d in docs}) == len(docs), (q["id"], docs)
        answered += not answer.refused
        hits = w.search(q["question"], k=20).hits
        assert len({release[h.chunk.doc_id] for h in hits}) == len({h.chunk.doc_id for h in hits}), q["id"]
    assert answered >= 15


def _section(text: str, heading: str, following: str) -> str:
    """The part of a brief's text (Markdown or a PDF's) from one section heading to the next."""
    start = text.index(heading)
    return text[start:text.index(following, start)]


def test_the_brief_coverage_lists_every_copy_under_its_article(syndicated, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Coverage names every outlet that carried the release, with its date, grouped under the article it copies
    (the JSON brief, its Markdown and its PDF); the copies are not extra sources."""
    from pypdf import PdfReader

    env, groups = syndicated
    topic = "Brief me on Indonesia's industrial cooperation with Russia"
    canonical = "004_25aa0378524a9eee"
    proc = run_cli(env, "brief", topic, "--format", "json")
    assert proc.returncode == 0, proc.stderr
    b = json.loads(proc.stdout)
    assert [s["doc_id"] for s in b["sources"]] == [canonical]  # one release, one source
    (entry,) = [c for c in b["coverage"] if canonical in c["doc_ids"]]
    assert [c["doc_id"] for c in entry["copies"]] == groups[canonical]
    assert {c["source"] for c in entry["copies"]} == set(copies.OUTLETS)
    assert all(c["of"] == canonical and c["published"] > b["sources"][0]["published"] for c in entry["copies"])
    assert not any(c["source"] in copies.OUTLETS for c in b["coverage"])  # grouped, not outlets of their own

    md = run_cli(env, "brief", topic, "--format", "md")
    assert md.returncode == 0, md.stderr
    pdf_file = tmp_path / "brief.pdf"
    pdf = run_cli(env, "brief", topic, "--format", "pdf", "-o", str(pdf_file))
    assert pdf.returncode == 0, pdf.stderr
    pdf_text = "\n".join(page.extract_text() for page in PdfReader(pdf_file).pages)
    for text in (_section(md.stdout, "## Coverage", "## Sources"), _section(pdf_text, "Coverage", "Sources")):
        flat = " ".join(text.split())
        for c in entry["copies"]:
            assert c["source"] in flat and c["doc_id"] in flat, (c, flat)
        assert "13 January 2026" in flat and "14 January 2026" in flat  # each copy's own date
        assert flat.count("copy of [1]") == len(entry["copies"])


def test_remove_keeps_the_index_consistent(syndicated) -> None:  # type: ignore[no-untyped-def]
    env, groups = syndicated
    corpus = Path(env["WARTA_CORPUS_DIR"])
    canonical = "004_25aa0378524a9eee"
    first, second = groups[canonical]
    done = cli_json(env, "remove", canonical)
    assert done[0]["doc_id"] == canonical and not (corpus / f"{canonical}.txt").exists()
    assert (corpus / ".removed" / f"{canonical}.txt").is_file()  # moved aside, not destroyed
    docs = {d["doc_id"]: d for d in cli_json(env, "docs")}
    assert canonical not in docs and first in docs  # the next copy is the release now, in full
    assert [c["doc_id"] for c in docs[first]["copies"]] == [second] and docs[first]["chunks"] >= 2
    hits = cli_json(env, "search", "Innoprom MoU Rusia Menperin", "-k", "20")["hits"]
    assert canonical not in {h["doc_id"] for h in hits} and hits[0]["doc_id"] == first

    removed = cli_json(env, "remove", second)[0]
    assert removed["index"]["removed"] == 1 and removed["index"]["embedded"] == 0  # its one own chunk
    docs = {d["doc_id"]: d for d in cli_json(env, "docs")}
    assert docs[first]["copies"] == [] and second not in docs
    # Consistent: indexing again changes nothing.
    again = cli_json(env, "index")
    assert (again["embedded"], again["removed"], again["documents"], again["copies"]) == (0, 0, 5, 4)

    missing = run_cli(env, "remove", "no-such-doc")
    assert missing.returncode == 1 and "no indexed document has the id 'no-such-doc'" in missing.stderr
    assert "Traceback" not in missing.stderr
