"""A conversation and questions about time, end to end through the real CLI: the EmbeddingGemma model, a
Chroma store on disk, `warta ask --history`, `warta chat` and `warta search` as subprocesses.

Over the seeds: a three-turn conversation in each language cites the right documents at every turn. Over
a corpus of dated articles written for the test (tests/conversations.py): a window cites only articles
inside it and reports the undated one as excluded; "latest" puts the newest relevant article first."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from conftest import PYTHON, REPO
from conversations import CONVERSATIONS, TURN_LANGS, check_turn, write_dated_corpus

pytestmark = pytest.mark.slow


def run_cli(env: dict[str, str], *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([PYTHON, "-m", "assistant", *args], env=env, cwd=REPO, capture_output=True, text=True,
                          timeout=600, input=stdin)


@pytest.mark.parametrize("lang", ["en", "id"])
def test_three_turns_through_ask_history(indexed_env: dict[str, str], tmp_path: Path, lang: str) -> None:
    history: list[dict[str, str]] = []
    for (question, docs, must, must_not), answer_lang in zip(CONVERSATIONS[lang], TURN_LANGS[lang]):
        args = ["ask", question, "--json"]
        if history:  # inline JSON for the second turn, a file for the third
            if len(history) == 1:
                args += ["--history", json.dumps(history)]
            else:
                path = tmp_path / "history.json"
                path.write_text(json.dumps(history, ensure_ascii=False), encoding="utf-8")
                args += ["--history", str(path)]
        proc = run_cli(indexed_env, *args)
        assert proc.returncode == 0, proc.stderr
        answer = json.loads(proc.stdout)
        check_turn(answer, docs, must, must_not, answer_lang)
        assert answer["question"] == question and answer["date_window"] is None
        if not history:
            assert answer["standalone_question"] == question  # the first turn stands alone
        history.append({"question": question, "answer": answer["answer"]})


def test_chat_keeps_the_conversation_and_shows_what_it_searched(indexed_env: dict[str, str]) -> None:
    turns = CONVERSATIONS["en"]
    stdin = "\n".join(q for q, *_ in turns) + "\n\n"
    proc = run_cli(indexed_env, "chat", "--json", stdin=stdin)
    assert proc.returncode == 0, proc.stderr
    answers = [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]
    assert len(answers) == 3
    for answer, (question, docs, must, must_not), lang in zip(answers, turns, TURN_LANGS["en"]):
        check_turn(answer, docs, must, must_not, lang)
    # Plain text: "Searching for: …" / "Mencari: …" before a rewritten question's answer.
    proc = run_cli(indexed_env, "chat", stdin="What did Indonesia sign with Japan?\ndan dengan Rusia?\n")
    assert proc.returncode == 0, proc.stderr
    assert "Mencari: What did Indonesia sign with Russia?" in proc.stdout
    assert proc.stdout.count("Mencari:") == 1  # the first question stood alone


def test_bad_history_is_a_clear_error(indexed_env: dict[str, str]) -> None:
    proc = run_cli(indexed_env, "ask", "And with Japan?", "--history", '[{"answer": "x"}]')
    assert proc.returncode == 1 and "history[0].question is missing" in proc.stderr, proc.stderr
    proc = run_cli(indexed_env, "ask", "And with Japan?", "--history", "no-such-file.json")
    assert proc.returncode == 1 and "--history must be a JSON list" in proc.stderr, proc.stderr
    proc = run_cli(indexed_env, "ask", "q", "--now", "2026-02-30")
    assert proc.returncode == 2 and "YYYY-MM-DD" in proc.stderr


# Several years of dated articles -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def dated_env(warta, indexed_env: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:  # type: ignore[no-untyped-def]
    from assistant.service import Warta
    from assistant.settings import Settings

    corpus = write_dated_corpus(tmp_path_factory.mktemp("dated") / "corpus")
    index = tmp_path_factory.mktemp("dated-index")
    settings = Settings(corpus_dir=corpus, index_dir=index, generator="extractive")
    report = Warta(settings, embedder=warta.embedder).index(progress=False)  # the session's loaded model
    assert report.documents == 6 and not report.problems
    return {**indexed_env, "WARTA_CORPUS_DIR": str(corpus), "WARTA_INDEX_DIR": str(index)}


def _ask(env: dict[str, str], question: str, *args: str) -> dict:
    proc = run_cli(env, "ask", question, "--json", *args)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_docs_carry_their_dates(dated_env: dict[str, str]) -> None:
    proc = run_cli(dated_env, "docs", "--json")
    published = {d["doc_id"]: d["published"] for d in json.loads(proc.stdout)}
    assert published["a2023_belarus"].startswith("2023-06-05") and published["a_undated_belarus"] is None


@pytest.mark.parametrize(("question", "window", "inside"), [
    ("Berita kerja sama traktor dengan Belarusia tahun 2023", {"from": "2023-01-01", "to": "2023-12-31"},
     {"a2023_belarus"}),
    ("What was reported about tractor cooperation with Belarus in 2021?", {"from": "2021-01-01", "to": "2021-12-31"},
     {"a2021_belarus", "a2021_japan"}),
    ("Apa kabar kerja sama traktor dengan Belarusia sejak Januari 2023?", {"from": "2023-01-01", "to": None},
     {"a2023_belarus", "a2025_belarus", "a2026_japan"}),
])
def test_a_window_cites_only_articles_inside_it(dated_env: dict[str, str], question: str, window: dict,
                                                inside: set[str]) -> None:
    answer = _ask(dated_env, question)
    assert answer["date_window"] == window
    assert answer["undated_excluded"] == 1  # the undated article is reported, not silently dropped
    cited = {c["doc_id"] for c in answer["citations"]} | {c["doc_id"] for c in answer["closest"]}
    assert cited and cited <= inside, cited
    assert not answer["refused"], answer
    head = answer["answer"].split("\n")[0]
    assert head.startswith(("In articles from 2021:", "Dalam artikel tahun 2023:", "Dalam artikel sejak 1 Januari 2023:")), head
    assert "undated" in answer["answer"] or "tanpa tanggal" in answer["answer"]
    # The same question without its time finds the other years too.
    proc = run_cli(dated_env, "search", question.replace("tahun 2023", "").replace(" in 2021", "")
                   .replace(" sejak Januari 2023", ""), "--json")
    assert {h["doc_id"] for h in json.loads(proc.stdout)["hits"]} - inside


def test_relative_window_resolves_against_now(dated_env: dict[str, str]) -> None:
    answer = _ask(dated_env, "Berita traktor Belarusia 3 bulan terakhir", "--now", "2025-09-30")
    assert answer["date_window"] == {"from": "2025-06-30", "to": "2025-09-30"}
    assert {c["doc_id"] for c in answer["citations"] + answer["closest"]} == {"a2025_belarus"}
    proc = run_cli(dated_env, "search", "tractor news from Belarus last month", "--json", "--now", "2023-07-10")
    data = json.loads(proc.stdout)
    assert data["date_window"] == {"from": "2023-06-01", "to": "2023-06-30"} and data["undated_excluded"] == 1
    assert {h["doc_id"] for h in data["hits"]} == {"a2023_belarus"}


def test_latest_puts_the_newest_relevant_article_first(dated_env: dict[str, str]) -> None:
    for question in ("What's the latest on the tractor cooperation with Belarus?",
                     "Kabar terbaru soal kerja sama traktor dengan Belarusia"):
        proc = run_cli(dated_env, "search", question, "--json")
        hits = json.loads(proc.stdout)["hits"]
        order = list(dict.fromkeys(h["doc_id"] for h in hits))
        # Newest relevant first; the 2026 article is newer but about something else, so it stays behind.
        assert order[0] == "a2025_belarus", order
        assert order.index("a2026_japan") > max(order.index(d) for d in ("a2021_belarus", "a2023_belarus", "a2025_belarus"))
        answer = _ask(dated_env, question)
        assert answer["citations"][0]["doc_id"] == "a2025_belarus", answer
        assert answer["date_window"] is None
