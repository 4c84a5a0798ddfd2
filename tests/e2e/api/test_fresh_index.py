"""A running server answers from the current index (issue 14): a real `python -m assistant serve` over a
private copy of the session index, while other processes run `warta index`. An added article is found by
/search and cited by /ask within 10 s, without a restart; a deleted one is never returned again; after a
rebuild the server reads the rebuilt store (not the files it had open before)."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import PYTHON, REPO, SEEDS, copy_index, ServeProcess

pytestmark = pytest.mark.slow

NEW_ID = "zz_finlandia_baterai"
NEW_ARTICLE = """Indonesia dan Finlandia Sepakat Bangun Pabrik Daur Ulang Baterai di Morowali

2026-03-04 10:15:00
Kementerian Perindustrian

Pemerintah Indonesia dan Finlandia menandatangani nota kesepahaman pembangunan pabrik daur ulang baterai kendaraan listrik di Morowali, Sulawesi Tengah, pada Rabu.

Pabrik daur ulang baterai itu akan dibangun oleh konsorsium Nordkap Kierrätys dengan nilai investasi 410 juta dolar AS dan ditargetkan beroperasi pada 2028.

Menurut Kementerian Perindustrian, pabrik tersebut mampu mengolah 60.000 ton baterai bekas per tahun dan menyerap sekitar 1.800 tenaga kerja lokal.
"""
QUESTION = "Berapa nilai investasi pabrik daur ulang baterai Nordkap Kierrätys di Morowali?"
FRESH_WITHIN_S = 10.0


class Server(ServeProcess):
    def __init__(self, env: dict[str, str], log_path: Path) -> None:
        super().__init__(env, "fresh", log_path)


@pytest.fixture(scope="module")
def served(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """A server over private copies of the seed corpus and the session index, and its environment."""
    settings = request.getfixturevalue("settings")
    base = dict(request.getfixturevalue("indexed_env"))
    root = tmp_path_factory.mktemp("fresh")
    corpus = root / "corpus"
    shutil.copytree(settings.corpus_dir, corpus)
    env = {**os.environ, **base, "WARTA_CORPUS_DIR": str(corpus),
           "WARTA_INDEX_DIR": str(copy_index(settings, root / "index")), "WARTA_GENERATOR": "extractive"}
    server = Server(env, root / "serve.log")
    try:
        server.wait_ready()
        from gradio_client import Client

        yield {"env": env, "corpus": corpus, "server": server,
               "client": Client(server.url, verbose=False, download_files=False)}
    finally:
        server.stop()


def warta_index(env: dict[str, str], *args: str) -> None:
    """`warta index` in another process, as a user would run it next to a running server."""
    proc = subprocess.run([PYTHON, "-m", "assistant", "index", *args], env=env, cwd=REPO, capture_output=True,
                          text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr


def hit_docs(client: Any, question: str, k: int = 8) -> list[str]:
    return [h["doc_id"] for h in client.predict(question, k, api_name="/search")["hits"]]


def within(seconds: float, check: Callable[[], bool]) -> float:
    """Seconds until `check()` held (polling), or fail after `seconds`."""
    started = time.monotonic()
    while not check():
        if time.monotonic() - started > seconds:
            pytest.fail(f"not current within {seconds} s")
        time.sleep(0.25)
    return time.monotonic() - started


def test_added_then_deleted_article_while_the_server_runs(served: dict[str, Any]) -> None:
    client, env, corpus = served["client"], served["env"], served["corpus"]
    assert NEW_ID not in hit_docs(client, QUESTION)  # the server has read the old index once

    (corpus / f"{NEW_ID}.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    warta_index(env)
    waited = within(FRESH_WITHIN_S, lambda: NEW_ID in hit_docs(client, QUESTION)[:3])
    print(f"added article searchable after {waited:.2f} s")
    answer = client.predict(QUESTION, "auto", api_name="/ask")
    assert not answer["refused"], answer
    assert NEW_ID in {c["doc_id"] for c in answer["citations"]}
    assert "410" in answer["answer"]
    assert NEW_ID in {d["doc_id"] for d in client.predict(api_name="/documents")}

    (corpus / f"{NEW_ID}.txt").unlink()
    warta_index(env)
    # Never returned again: the first request after the index changed already reads the new one.
    for question in (QUESTION, "pabrik daur ulang baterai Morowali Finlandia", "Nordkap Kierrätys"):
        assert NEW_ID not in hit_docs(client, question, k=20), question
    answer = client.predict(QUESTION, "auto", api_name="/ask")
    assert NEW_ID not in {c["doc_id"] for c in answer["citations"] + answer["closest"]}
    assert NEW_ID not in {d["doc_id"] for d in client.predict(api_name="/documents")}
    assert "Traceback" not in served["server"].log_path.read_text()


def test_rebuild_while_the_server_runs(served: dict[str, Any]) -> None:
    """A rebuild replaces the store's files under the server: it must read the new ones. A smaller corpus
    keeps the rebuild short (two seeds and the new article)."""
    client, env, corpus = served["client"], served["env"], served["corpus"]
    kept = {SEEDS[0].stem, SEEDS[4].stem}
    assert SEEDS[2].stem in hit_docs(client, "New MIDEC quick win Jepang", k=20)
    for f in corpus.glob("*.txt"):
        if f.stem not in kept:
            f.unlink()
    (corpus / f"{NEW_ID}.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    warta_index(env, "--rebuild")
    within(FRESH_WITHIN_S, lambda: NEW_ID in hit_docs(client, QUESTION)[:3])
    assert {d["doc_id"] for d in client.predict(api_name="/documents")} == kept | {NEW_ID}
    for question in ("New MIDEC quick win Jepang", "Minsk Automobile Plant MAZ", "kerja sama industri"):
        assert set(hit_docs(client, question, k=20)) <= kept | {NEW_ID}, question
    answer = client.predict("Apa saja MoU dengan Rusia?", "auto", api_name="/ask")
    assert {c["doc_id"] for c in answer["citations"]} <= kept | {NEW_ID}
    assert "Traceback" not in served["server"].log_path.read_text()
