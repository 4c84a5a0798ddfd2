"""`warta brief` through the real CLI (a subprocess over the session index of the seeds, extractive): JSON,
Markdown, PDF (read back with pypdf) and DOCX (read back with python-docx) hold the same sections and every
citation of the JSON brief; a topic no article covers is refused (exit 3); `warta eval` on the briefing set
reports the goals (tests/data/briefs.jsonl, written before tuning)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO

pytestmark = pytest.mark.slow

TOPIC = "Brief me on Indonesia's industrial cooperation with Japan and Russia"
JAPAN_DOCS = {"002_f1673245c3cd19fc", "003_2b84a5672fd4a3da"}
RUSSIA_DOC = "004_25aa0378524a9eee"
HEADINGS_EN = ("Summary", "Key points", "Timeline", "Actors", "What comes next", "Coverage", "Sources")


def _brief(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "assistant", "brief", *args], cwd=REPO, env=env,
                          capture_output=True, timeout=600)


@pytest.fixture(scope="module")
def brief_json(indexed_env: dict[str, str]) -> dict:
    run = _brief(indexed_env, TOPIC, "--format", "json")
    assert run.returncode == 0, run.stderr.decode()
    return json.loads(run.stdout)


def _markers(brief: dict) -> set[str]:
    """Every citation group the brief's statements and actors carry, as written ("[1][3]")."""
    statements = [*brief["summary"], *brief["key_points"], *(e["statement"] for e in brief["timeline"]),
                  *(e["statement"] for e in brief["next_steps"])]
    groups = {"".join(f"[{n}]" for n in s["cites"]) for s in statements}
    return groups | {"".join(f"[{n}]" for n in a["cites"]) for a in brief["actors"]}


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _assert_holds_the_brief(text: str, brief: dict) -> None:
    flat = _squash(text)
    for heading in HEADINGS_EN:
        assert _squash(heading) in flat, heading
    for group in _markers(brief):
        assert group in flat, group
    for s in brief["sources"]:
        assert f"[{s['n']}]" in flat and s["doc_id"] in flat, s
    for st in brief["key_points"]:
        assert _squash(st["text"])[:60] in flat, st["text"]


def test_json_brief_covers_both_parts_and_nothing_else(brief_json: dict) -> None:
    b = brief_json
    assert not b["refused"] and b["language"] == "en" and b["parts"] == ["Japan", "Russia"]
    docs = {s["doc_id"] for s in b["sources"]}
    assert docs == JAPAN_DOCS | {RUSSIA_DOC}  # the Belarus articles are off topic
    cited = {s["doc_id"] for s in b["sources"] if any(s["n"] in st["cites"] for st in b["key_points"])}
    assert cited == docs  # key points across all on-topic articles
    for section in ("summary", "key_points"):
        assert b[section] and all(st["cites"] for st in b[section])
    dates = [e["date"] for e in b["timeline"]]
    assert dates and dates == sorted(dates)
    # Quotes of Indonesian articles in an English brief are labelled as such, never passed off as English.
    assert all("quote in Indonesian" in st["lead"] for st in b["key_points"] if st["quoted"] and st["lang"] == "id")
    assert any(a["role"] for a in b["actors"])
    assert b["timings_ms"]["extract"] > 0


def test_markdown_to_stdout(indexed_env: dict[str, str], brief_json: dict) -> None:
    run = _brief(indexed_env, TOPIC, "--format", "md")
    assert run.returncode == 0, run.stderr.decode()
    _assert_holds_the_brief(run.stdout.decode("utf-8"), brief_json)


def test_pdf_holds_every_section_and_citation(indexed_env: dict[str, str], brief_json: dict, tmp_path: Path) -> None:
    from pypdf import PdfReader

    out = tmp_path / "brief.pdf"
    run = _brief(indexed_env, TOPIC, "--format", "pdf", "-o", str(out))
    assert run.returncode == 0, run.stderr.decode()
    text = "\n".join(page.extract_text() for page in PdfReader(out).pages)
    _assert_holds_the_brief(text, brief_json)
    assert "Perindustrian" in text  # Indonesian text renders (a Unicode font, not Latin-1 boxes)


def test_docx_holds_every_section_and_citation(indexed_env: dict[str, str], brief_json: dict, tmp_path: Path) -> None:
    from docx import Document

    run = _brief(indexed_env, TOPIC, "--format", "docx", "-o", str(tmp_path / "b.docx"))
    assert run.returncode == 0, run.stderr.decode()
    doc = Document(str(tmp_path / "b.docx"))
    _assert_holds_the_brief("\n".join(p.text for p in doc.paragraphs), brief_json)
    assert any(p.style.name.startswith("Heading") and p.text == "Timeline" for p in doc.paragraphs)


def test_a_topic_without_coverage_is_refused(indexed_env: dict[str, str]) -> None:
    run = _brief(indexed_env, "Buatkan ringkasan ekspor kopi Indonesia ke Brasil", "--format", "json")
    assert run.returncode == 3, run.stderr.decode()
    b = json.loads(run.stdout)
    assert b["refused"] and b["language"] == "id" and not b["sources"] and not b["key_points"]


def test_bad_dates_are_one_line_errors(indexed_env: dict[str, str]) -> None:
    run = _brief(indexed_env, "kerja sama industri", "--from", "2021-02-30")
    assert run.returncode == 1 and b"date_from" in run.stderr and b"Traceback" not in run.stderr


def test_briefing_eval_meets_the_goals(indexed_env: dict[str, str]) -> None:
    run = subprocess.run([sys.executable, "-m", "assistant", "eval", "tests/data/briefs.jsonl", "--json",
                          "--generator", "extractive"], cwd=REPO, env=indexed_env, capture_output=True, timeout=1200)
    assert run.returncode == 0, run.stderr.decode()
    r = json.loads(run.stdout)["briefings"]
    assert r["n"] >= 12
    assert r["coverage"] >= 0.95 and r["off_topic_citations"] == 0
    assert r["timeline_ordered"] == 1.0 and r["no_coverage_refused"] == 1.0 and r["wrongly_refused"] == 0.0
    assert r["every_statement_cited"] == 1.0 and r["quotes_checked"] == 1.0
    # The goal: measured 0.92 (README; the lede and concluded agreements as points).
    assert r["must"] >= 0.90
