"""The Corpus tab end to end in headless Chromium (Debian's /usr/bin/chromium through Playwright), on a real
`warta serve` over a private index: several files dropped at once (one of the wrong type, refused by the page
while the rest go in; one named "../../etc/passwd.txt", saved inside the corpus folder under a plain name),
indexed with the copies of a release grouped under it; the sources panel lists the other outlets of a cited
release; a copy is removed from the tab and leaves the table and the index."""

from __future__ import annotations

import base64
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import copies
from conftest import CHROMIUM, REPO, ServeProcess

pytestmark = [pytest.mark.browser, pytest.mark.slow]

RUSSIA = "004_25aa0378524a9eee"
ARTIFACTS = REPO / "tests" / "artifacts"
STATUS = "#warta-status .warta-status"
# An article of its own, uploaded under a name that tries to leave the corpus folder.
ESCAPE_ARTICLE = ("Festival Layang-Layang Digelar di Pantai Parangkusumo\n\n2025-07-14 08:00:00\n\n"
                  "Bantul, Kabarpesisir.com - Ratusan layang-layang dari dua belas negara memenuhi langit pantai "
                  "Parangkusumo pada akhir pekan. Panitia mencatat lebih dari lima ribu pengunjung datang setiap "
                  "hari selama festival berlangsung.\n")

if not Path(CHROMIUM).exists():
    pytest.skip("Debian chromium is not installed (apt-get install chromium)", allow_module_level=True)
pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[ServeProcess, Path, Path]]:
    """A server over the Russia seed alone, indexed by the CLI; -> (server, corpus folder, index folder)."""
    import subprocess
    import sys

    root = tmp_path_factory.mktemp("tab")
    corpus, index = root / "corpus", root / "index"
    corpus.mkdir()
    shutil.copy(REPO / "corpus" / f"{RUSSIA}.txt", corpus)
    env = {"WARTA_CORPUS_DIR": str(corpus), "WARTA_INDEX_DIR": str(index), "WARTA_GENERATOR": "extractive",
           "PYTHONPATH": str(REPO)}
    import os

    done = subprocess.run([sys.executable, "-m", "assistant", "index"], env={**os.environ, **env}, cwd=REPO,
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr
    with ServeProcess(env, "corpus-tab") as srv:
        yield srv, corpus, index


def _payload(name: str, text: str | bytes, mime: str = "text/plain") -> dict[str, Any]:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return {"name": name, "mimeType": mime, "buffer": data}


def _drop(page: Any, files: list[dict[str, Any]]) -> None:
    """Drop files on the upload area the way a file manager does: a DataTransfer on a `drop` event."""
    specs = [{"name": f["name"], "type": f["mimeType"], "b64": base64.b64encode(f["buffer"]).decode()} for f in files]
    page.evaluate("""([selector, specs]) => {
        const dt = new DataTransfer();
        for (const s of specs) {
            const bytes = Uint8Array.from(atob(s.b64), c => c.charCodeAt(0));
            dt.items.add(new File([bytes], s.name, {type: s.type}));
        }
        // The innermost drop area: drag events bubble up, never down.
        const zone = selector.map(q => document.querySelector(q)).find(Boolean);
        for (const kind of ["dragenter", "dragover", "drop"]) {
            zone.dispatchEvent(new DragEvent(kind, {bubbles: true, cancelable: true, dataTransfer: dt}));
        }
    }""", [["#warta-upload .upload-container", "#warta-upload button", "#warta-upload"], specs])


def test_upload_several_files_then_remove_a_copy(served, browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    srv, corpus, index = served
    seed = REPO / "corpus" / f"{RUSSIA}.txt"
    context = browser.new_context(viewport={"width": 1400, "height": 1100}, locale="en-US")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(srv.url)
    page.wait_for_selector(f"{STATUS}[data-lang]", state="attached", timeout=60_000)
    page.get_by_role("tab", name="Corpus").click()
    page.wait_for_selector("#warta-corpus", state="visible")
    assert "1 documents" in page.locator("#warta-corpus-intro").inner_text()

    # Several files at once through the file chooser: two copies of the release and one of the wrong type.
    page.locator("#warta-upload input[type=file]").set_input_files([
        _payload("kabarindustri-innoprom.txt", copies.copy_text(seed, copies.OUTLETS[0], 0)),
        _payload("suaraekonomi-innoprom.md", copies.copy_text(seed, copies.OUTLETS[1], 1)),
        _payload("tool.exe", b"MZ\x90\x00", "application/octet-stream"),
    ])
    page.wait_for_selector("#warta-manage-result li", timeout=600_000)
    result = page.locator("#warta-manage-result").inner_text()
    assert "kabarindustri-innoprom.txt: added as kabarindustri-innoprom" in result, result
    assert "suaraekonomi-innoprom.md: added as suaraekonomi-innoprom" in result, result
    assert "tool.exe" not in result  # never sent: the page refused it, and said so
    assert "Invalid file type" in page.locator("body").inner_text()
    table = page.locator("#warta-corpus").inner_text()
    assert "Kabarindustri.com" in table and "suaraekonomi-innoprom" in table and "1 documents" in \
        page.locator("#warta-corpus-intro").inner_text()
    page.screenshot(path=str(ARTIFACTS / "ui-corpus-upload.png"), full_page=True)

    # Dropped, under a name that tries to leave the folder, with a name-less file beside it.
    _drop(page, [_payload("../../etc/passwd.txt", ESCAPE_ARTICLE), _payload("../../etc/passwd", "root:x:0:0")])
    page.wait_for_function("() => document.querySelector('#warta-manage-result').innerText.includes('passwd')",
                           timeout=600_000)
    result = page.locator("#warta-manage-result").inner_text()
    assert "added as passwd" in result, result
    assert (corpus / "passwd.txt").read_text(encoding="utf-8") == ESCAPE_ARTICLE
    assert not (corpus.parent / "etc").exists() and not (corpus.parent.parent / "etc" / "passwd.txt").exists()
    assert sorted(p.name for p in corpus.iterdir() if not p.name.startswith(".")) == sorted(
        [f"{RUSSIA}.txt", "kabarindustri-innoprom.txt", "suaraekonomi-innoprom.md", "passwd.txt"])
    assert "2 documents" in page.locator("#warta-corpus-intro").inner_text()

    # A cited release names its other outlets on the source card.
    page.get_by_role("tab", name="Ask").click()
    page.fill("#warta-question textarea", "What did Indonesia sign with Russia?")  # English labels follow
    page.click("#warta-send")
    page.wait_for_selector(f'{STATUS}[data-turn="1"][data-status="done"]', state="attached", timeout=120_000)
    card = page.locator("#warta-sources .warta-card").first
    assert card.get_attribute("data-doc-id") == RUSSIA
    copies_text = card.locator(".warta-copies").inner_text()
    assert "Also reported by" in copies_text and "Kabarindustri.com" in copies_text and \
        "Suaraekonomi.id" in copies_text
    page.screenshot(path=str(ARTIFACTS / "ui-also-reported-by.png"), full_page=True)

    # Remove one copy from the tab.
    page.get_by_role("tab", name="Corpus").click()
    page.locator("#warta-remove-id input").click()
    page.locator("#warta-remove-id input").fill("kabarindustri")
    page.get_by_role("option", name="kabarindustri-innoprom").first.click()
    page.click("#warta-remove")
    page.wait_for_function("() => document.querySelector('#warta-manage-result').innerText.includes('Removed')",
                           timeout=600_000)
    assert "Removed kabarindustri-innoprom" in page.locator("#warta-manage-result").inner_text()
    table = page.locator("#warta-corpus").inner_text()
    assert "kabarindustri-innoprom" not in table and "suaraekonomi-innoprom" in table
    assert not (corpus / "kabarindustri-innoprom.txt").exists()
    assert (corpus / ".removed" / "kabarindustri-innoprom.txt").is_file()
    data = json.loads((index / "warta-index.json").read_text(encoding="utf-8"))
    assert sorted(data["copies"]) == ["suaraekonomi-innoprom"] and sorted(data["documents"]) == sorted(["passwd", RUSSIA])
    assert data["chunks"] == sum(d["chunks"] for d in (*data["documents"].values(), *data["copies"].values()))
    assert not errors, errors
    context.close()
