"""No traceback from any CLI command for bad input (issue 14): each case is one line on stderr and exit code
1 (2 for argparse usage and bad settings). The real `warta` CLI in a subprocess over the session index."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from conftest import PYTHON, REPO, copy_index

pytestmark = pytest.mark.slow

BOTH_LANGUAGES = ("Warta answers questions in Bahasa Indonesia or English / "
                  "Warta menjawab pertanyaan dalam Bahasa Indonesia atau Inggris")


def run_cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([PYTHON, "-m", "assistant", *args], env=env, cwd=REPO, capture_output=True, text=True,
                          timeout=600)


def one_error_line(proc: subprocess.CompletedProcess[str], code: int = 1) -> str:
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert proc.returncode == code, (proc.returncode, proc.stderr)
    assert "Traceback" not in proc.stderr and len(lines) == 1, proc.stderr
    assert proc.stdout == ""
    return lines[0]


@pytest.mark.parametrize("args,expected", [
    (["search", "MoU Rusia", "--from", "01/02/2021"], "date_from must be a date in the form YYYY-MM-DD"),
    (["search", "MoU Rusia", "--from", "2021-02-30"], "date_from '2021-02-30' is not a real date"),
    (["search", "MoU Rusia", "--to", "2021-13-01", "--json"], "date_to '2021-13-01' is not a real date"),
    (["search", "MoU Rusia", "--from", "2022-01-02", "--to", "2022-01-01"], "is after date_to"),
    (["search", "MoU Rusia", "-k", "0"], "k must be a whole number from 1 to 100, not '0'"),
    (["search", "MoU Rusia", "-k", "abc"], "k must be a whole number from 1 to 100, not 'abc'"),
    (["search", "MoU Rusia", "-k", "101"], "k must be a whole number from 1 to 100"),
    (["search", ""], "the question is empty"),
    (["ask", "   "], "the question is empty"),
    (["ask", "kata " * 2000], "the limit is 4,000 (WARTA_MAX_QUESTION_CHARS)"),
    (["search", "印尼和俄罗斯签署了什么协议？"], BOTH_LANGUAGES),
    (["ask", "Что Индонезия подписала с Россией?"], BOTH_LANGUAGES),
    (["ask", "¿Cuáles son los acuerdos que firmó Indonesia con Rusia?", "--json"], BOTH_LANGUAGES),
])
def test_bad_question_or_parameter_is_one_line(indexed_env, args: list[str], expected: str) -> None:  # type: ignore[no-untyped-def]
    line = one_error_line(run_cli(indexed_env, *args))
    assert line.startswith("error: ") and expected in line, line


def test_good_parameters_still_work(indexed_env) -> None:  # type: ignore[no-untyped-def]
    proc = run_cli(indexed_env, "search", "kerja sama industri", "-k", "3", "--from", "2026-01-01",
                   "--to", "2026-12-31", "--json")
    assert proc.returncode == 0, proc.stderr
    hits = json.loads(proc.stdout)["hits"]
    assert 1 <= len(hits) <= 3 and {h["doc_id"] for h in hits} == {"004_25aa0378524a9eee"}


def test_usage_errors_are_argparse_exit_2(indexed_env) -> None:  # type: ignore[no-untyped-def]
    proc = run_cli(indexed_env, "search", "MoU", "-k")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr and "expected one argument" in proc.stderr


def test_ask_without_an_index(indexed_env, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    env = dict(indexed_env, WARTA_INDEX_DIR=str(tmp_path / "none"))
    assert "Run: warta index" in one_error_line(run_cli(env, "ask", "Apa saja MoU dengan Rusia?"))
    assert "Run: warta index" in one_error_line(run_cli(env, "search", "MoU Rusia"))
    docs = run_cli(env, "docs")
    assert docs.returncode == 0 and "Run: warta index" in docs.stderr and "Traceback" not in docs.stderr


def test_missing_corpus_folder_leaves_the_index_alone(indexed_env, settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    index = copy_index(settings, tmp_path / "ix")
    env = dict(indexed_env, WARTA_CORPUS_DIR=str(tmp_path / "no-such-corpus"), WARTA_INDEX_DIR=str(index))
    for args in (["index"], ["index", "--rebuild"], ["index", "--json"]):
        line = one_error_line(run_cli(env, *args))
        assert "corpus folder" in line and "does not exist" in line and "WARTA_CORPUS_DIR" in line
    # Nothing was wiped: the five seed documents are still indexed.
    docs = json.loads(run_cli(env, "docs", "--json").stdout)
    assert len(docs) == 5


def test_bad_setting_is_one_line(indexed_env) -> None:  # type: ignore[no-untyped-def]
    line = one_error_line(run_cli(dict(indexed_env, WARTA_TOP_K="0"), "settings"), code=2)
    assert "WARTA_TOP_K" in line
    line = one_error_line(run_cli(dict(indexed_env, WARTA_MAX_QUESTION_CHARS="many"), "search", "MoU"), code=2)
    assert "WARTA_MAX_QUESTION_CHARS" in line


def test_unwritable_index_folder_is_one_line(indexed_env, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    line = one_error_line(run_cli(dict(indexed_env, WARTA_INDEX_DIR=str(blocker / "index")), "index"))
    assert line.startswith("error: ") and str(blocker) in line
