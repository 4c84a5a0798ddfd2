"""`warta add` end to end through the real CLI (subprocesses, real embedder, real Chroma): a file and a web
page served on 127.0.0.1 go into the corpus folder and the index, `warta search --json` and `warta ask --json`
find them; in the same run every bad URL (404, timeout, redirect to file://, too large by header and by
streamed body, wrong type) and every bad path (a "../../etc/passwd"-style name, a link pointing outside)
gets its own clear message, and nothing else is lost."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import PYTHON, REPO, copy_index
from newsserver import FRESH, NewsServer, Route, article_page, plain_text, redirect, sleeping, streamed

pytestmark = pytest.mark.slow


def run_cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([PYTHON, "-m", "assistant", *args], env=env, cwd=REPO, capture_output=True, text=True,
                          timeout=900)


def test_add_files_and_urls_then_find_them(indexed_env, settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    corpus = tmp_path / "corpus"
    shutil.copytree(settings.corpus_dir, corpus)
    before = sorted(p.name for p in corpus.iterdir())
    env = dict(indexed_env, WARTA_CORPUS_DIR=str(corpus), WARTA_INDEX_DIR=str(copy_index(settings, tmp_path / "ix")),
               WARTA_FETCH_TIMEOUT_S="2", WARTA_MAX_FILE_MB="0.2")
    surabaya, maluku = FRESH[0], FRESH[1]
    inbox = tmp_path / "kiriman" / "hari-ini"
    inbox.mkdir(parents=True)
    (inbox / "Pabrik Daur Ulang.txt").write_bytes(plain_text(surabaya))
    secret = tmp_path / "rahasia.txt"
    secret.write_text("Rahasia\n\nKata sandi brankas kementerian adalah merpati-biru-77.", encoding="utf-8")
    os.symlink(secret, inbox / "artikel.txt")
    (tmp_path / "kiriman" / "passwd").write_text("root:x:0:0:root:/root:/bin/bash\n")

    with NewsServer() as site:
        site.routes["/en/maluku-cold-storage"] = Route(article_page(maluku, outlet="Kabar Timur",
                                                                    published="2022-03-15T10:00:00+07:00"))
        site.routes["/lambat"] = Route(handler=sleeping(6))
        site.routes["/ke-file"] = redirect("file:///etc/passwd")
        site.routes["/besar"] = Route(b"x" * 300_000, content_type="text/plain")
        site.routes["/aliran"] = Route(handler=streamed(2_000_000))
        site.routes["/foto"] = Route(b"\x89PNG\r\n", content_type="image/png")
        good_url = site.url("/en/maluku-cold-storage")
        items = [str(inbox / "Pabrik Daur Ulang.txt"), good_url, site.url("/hilang"), site.url("/lambat"),
                 site.url("/ke-file"), site.url("/besar"), site.url("/aliran"), site.url("/foto"),
                 str(inbox / ".." / "passwd"), str(inbox / "artikel.txt"), "file:///etc/passwd"]
        proc = run_cli(env, "add", *items)
    assert proc.returncode == 1, proc.stdout + proc.stderr  # some items failed; the good ones went in
    assert "Traceback" not in proc.stderr
    err = proc.stderr
    assert f"error: {site.url('/hilang')}: not found (HTTP 404); check the address" in err
    assert f"{site.url('/lambat')}: no answer within 2 s (WARTA_FETCH_TIMEOUT_S); not added" in err
    assert (f"{site.url('/ke-file')}: redirects to file:///etc/passwd; only http(s) redirects are followed; "
            "nothing fetched") in err
    assert f"{site.url('/besar')}: the server announces 0.3 MB, over the 0.2 MB limit (WARTA_MAX_FILE_MB)" in err
    assert f"{site.url('/aliran')}: the body grew past" in err and "over the 0.2 MB limit" in err
    assert f"{site.url('/foto')}: the server sent image/png; Warta adds HTML, RSS/Atom/XML, PDF, DOCX" in err
    assert "passwd: unsupported file type (none)" in err
    assert f"artikel.txt: is a link to {secret}, outside its folder; not added" in err
    assert "file:///etc/passwd: only http:// and https:// URLs are fetched (file:// refused)" in err
    added = sorted(set(p.name for p in corpus.iterdir()) - set(before))
    assert len(added) == 2 and "Pabrik-Daur-Ulang.txt" in added, added
    page_file = next(n for n in added if n.endswith(".html"))
    assert page_file.startswith("maluku-cold-storage-")
    assert "indexed: 7 documents" in proc.stdout, proc.stdout

    docs = {d["doc_id"]: d for d in json.loads(run_cli(env, "docs", "--json").stdout)}
    page_id = Path(page_file).stem
    assert docs[page_id]["title"] == maluku.title and docs[page_id]["source"] == "Kabar Timur"
    assert docs[page_id]["published"].startswith("2022-03-15") and "Pabrik-Daur-Ulang" in docs
    assert "merpati" not in json.dumps(docs) and "root:x" not in json.dumps(docs)

    hits = json.loads(run_cli(env, "search", "Berapa ton sampah plastik yang diolah pabrik di Benowo?",
                              "--json").stdout)["hits"]
    assert hits[0]["doc_id"] == "Pabrik-Daur-Ulang", [h["doc_id"] for h in hits]
    answer = json.loads(run_cli(env, "ask", "How many solar-powered cold storage units did fishermen in Maluku "
                                "receive?", "--json").stdout)
    assert not answer["refused"] and answer["citations"][0]["doc_id"] == page_id, answer
    assert "200" in answer["answer"]

    # Again: the file is already there (same content), the page unchanged; nothing is indexed.
    with NewsServer() as site2:
        site2.routes["/en/maluku-cold-storage"] = Route(article_page(maluku, outlet="Kabar Timur",
                                                                     published="2022-03-15T10:00:00+07:00"))
        again = run_cli(env, "add", str(inbox / "Pabrik Daur Ulang.txt"), "--json")
    out = json.loads(again.stdout)
    assert again.returncode == 0 and out["index"] is None
    assert out["items"][0]["status"] == "skipped" and "same content as Pabrik-Daur-Ulang.txt" in out["items"][0]["note"]
