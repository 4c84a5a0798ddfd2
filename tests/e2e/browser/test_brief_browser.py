"""The Briefing tab in headless Chromium (Debian's /usr/bin/chromium through Playwright) against `warta serve`
over the session index (extractive): a topic in, the brief and its sources panel out, the PDF downloaded and
read back. The screenshot goes to tests/artifacts/briefing.png and, with WARTA_UPDATE_SCREENSHOT=1, to
docs/briefing.png."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import ARTIFACTS, CHROMIUM, REPO, ServeProcess

pytestmark = [pytest.mark.browser, pytest.mark.slow]

STATUS = "#warta-brief-status .warta-brief-status"

if not Path(CHROMIUM).exists():
    pytest.skip("Debian chromium is not installed (apt-get install chromium)", allow_module_level=True)
pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def server(indexed_env: dict[str, str]) -> Iterator[ServeProcess]:
    with ServeProcess({**indexed_env, "WARTA_GENERATOR": "extractive"}, "brief-browser") as srv:
        yield srv


@pytest.fixture(scope="module")
def page(server: ServeProcess, browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1400, "height": 1100}, locale="en-US", accept_downloads=True)
    pg = context.new_page()
    outbound: list[str] = []
    pg.on("request", lambda r: None if re.match(r"^(https?|wss?)://127\.0\.0\.1[:/]|^(data|blob):", r.url)
          else outbound.append(r.url))
    pg.goto(server.url)
    pg.wait_for_selector("#warta-question textarea", timeout=60_000)
    pg.outbound = outbound  # type: ignore[attr-defined]
    yield pg
    context.close()


def test_briefing_tab_generates_and_downloads_a_pdf(page: Any, tmp_path: Path) -> None:
    from pypdf import PdfReader

    page.get_by_role("tab", name="Briefing").click()
    page.fill("#warta-brief-topic textarea", "Indonesia's industrial cooperation with Japan and Russia")
    page.click("#warta-brief-generate")
    page.wait_for_selector(f'{STATUS}[data-status="done"]', state="attached", timeout=180_000)
    body = page.locator("#warta-brief-body").inner_text()
    for heading in ("Summary", "Key points", "Timeline", "Actors", "Coverage"):
        assert heading in body, body[:2000]
    assert "quote in Indonesian" in body
    cards = page.locator("#warta-brief-sources .warta-brief-source")
    assert cards.count() == 3
    # A [n] marker links to its source card.
    first = page.locator("#warta-brief-body a.warta-cite").first
    assert re.fullmatch(r"#brief-src-\d+", first.get_attribute("href") or "")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTIFACTS / "briefing.png"
    page.screenshot(path=str(shot), full_page=True)
    if os.environ.get("WARTA_UPDATE_SCREENSHOT") == "1":
        shutil.copy(shot, REPO / "docs" / "briefing.png")

    with page.expect_download(timeout=60_000) as info:
        page.click("#warta-brief-pdf")
    download = info.value
    assert download.suggested_filename.startswith("briefing-") and download.suggested_filename.endswith(".pdf")
    saved = tmp_path / download.suggested_filename
    download.save_as(str(saved))
    text = "\n".join(p.extract_text() for p in PdfReader(saved).pages)
    assert "Timeline" in text and "[1]" in text and "004_25aa0378524a9eee" in text
    for md_or_docx in ("#warta-brief-md", "#warta-brief-docx"):
        assert page.locator(md_or_docx).is_visible()
    assert not page.outbound  # type: ignore[attr-defined]


def test_a_topic_without_coverage_says_so(page: Any) -> None:
    page.get_by_role("tab", name="Briefing").click()
    page.fill("#warta-brief-topic textarea", "Indonesia–Brazil coffee trade")
    page.click("#warta-brief-generate")
    page.wait_for_selector(f'{STATUS}[data-status="refused"]', state="attached", timeout=180_000)
    assert "Not found in the corpus" in page.locator("#warta-brief-body").inner_text()
    assert not page.locator("#warta-brief-pdf").is_visible()
