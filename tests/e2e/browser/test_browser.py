"""The chat UI end to end: `python -m assistant serve` on a free port over an index of the seed articles,
driven in headless Chromium (Debian's /usr/bin/chromium through Playwright; no browser download).

Questions go through the real pipeline with the instant extractive generator; one extra test streams an
answer from the local LLM when llama-cpp-python and the model are installed. Screenshots land in
tests/artifacts/; with WARTA_UPDATE_SCREENSHOT=1 the answered English question is copied to docs/screenshot.png."""

from __future__ import annotations

import os
import re
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import CHROMIUM, ServeProcess

pytestmark = [pytest.mark.browser, pytest.mark.slow]

REPO = Path(__file__).resolve().parents[3]
ARTIFACTS = REPO / "tests" / "artifacts"
RUSSIA_DOC = "004_25aa0378524a9eee"
RUSSIA_TITLE = "Jelang Innoprom 2026, Menperin Pacu Penyelesaian MoU dengan Rusia"
STATUS = "#warta-status .warta-status"

if not Path(CHROMIUM).exists():
    pytest.skip("Debian chromium is not installed (apt-get install chromium)", allow_module_level=True)
pytest.importorskip("playwright.sync_api")


Server = ServeProcess


@pytest.fixture(scope="module")
def server(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    env = dict(request.getfixturevalue("indexed_env"))
    with Server({**env, "WARTA_GENERATOR": "extractive"}, "extractive") as srv:
        yield srv


class Page:
    """A browser tab on the app, recording requests that leave 127.0.0.1 and page errors."""

    def __init__(self, browser: Any, url: str, locale: str) -> None:
        self.context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale=locale)
        self.page = self.context.new_page()
        self.outbound: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", self._on_request)
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.page.goto(url)
        self.page.wait_for_selector("#warta-question textarea", timeout=60_000)
        # The load event has relabelled the page for the browser's language when the status line has data-lang.
        self.page.wait_for_selector(f"{STATUS}[data-lang]", state="attached", timeout=60_000)
        self.turn = 0

    def _on_request(self, req: Any) -> None:
        if not re.match(r"^(https?|wss?)://127\.0\.0\.1[:/]", req.url) and not req.url.startswith(("data:", "blob:")):
            self.outbound.append(req.url)

    def ask(self, question: str, timeout: float = 120_000) -> float:
        started = time.monotonic()
        self.page.fill("#warta-question textarea", question)
        self.page.click("#warta-send")
        return self.wait_answer(started, timeout)

    def wait_answer(self, started: float, timeout: float = 120_000) -> float:
        """Wait until the status line reports this page's next question (data-turn) as finished."""
        self.turn += 1
        final = ", ".join(f'{STATUS}[data-turn="{self.turn}"][data-status="{s}"]' for s in ("done", "refused", "error"))
        self.page.wait_for_selector(final, state="attached", timeout=timeout)
        return time.monotonic() - started

    def status(self) -> str:
        return self.page.locator(STATUS).get_attribute("data-status") or ""

    def last_answer(self) -> Any:
        return self.page.locator("#warta-chat .message.bot").last

    def screenshot(self, name: str) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / name
        self.page.screenshot(path=str(path), full_page=True)
        return path

    def close(self) -> None:
        self.context.close()


def _cited_numbers(page: Page) -> list[int]:
    hrefs = page.last_answer().locator('a[href^="#src-"]').evaluate_all("els => els.map(e => e.getAttribute('href'))")
    return sorted({int(h.split("-")[1]) for h in hrefs})


def _check_cited_answer(page: Page) -> list[int]:
    assert page.status() == "done", page.page.locator("#warta-chat").inner_text()
    text = page.last_answer().inner_text()
    assert re.search(r"\[\d+\]", text), text
    cited = _cited_numbers(page)
    assert cited, page.last_answer().inner_html()
    sources = page.page.locator("#warta-sources")
    assert sources.locator(".warta-sources").get_attribute("data-kind") == "answer"
    for n in cited:  # every [n] in the answer has its card
        assert sources.locator(f"#src-{n}").count() == 1, (n, sources.inner_html())
    assert RUSSIA_TITLE in sources.inner_text()
    assert sources.locator(f'.warta-card[data-doc-id="{RUSSIA_DOC}"]').count() >= 1
    assert sources.locator(".warta-card mark").count() >= 1  # the supporting sentence is highlighted
    return cited


def test_english_question_then_indonesian_question(server: Server, browser: Any) -> None:
    page = Page(browser, server.url, locale="en-US")
    try:
        p = page.page
        # Labels follow the browser's language (English here).
        assert p.locator("#warta-send").inner_text().strip() == "Ask"
        assert "Corpus" in p.get_by_role("tab").all_inner_texts()

        seconds = page.ask("What did Indonesia sign with Russia?")
        cited = _check_cited_answer(page)
        assert "Answered in" in p.locator("#warta-status").inner_text()
        assert seconds < 60

        # Clicking [n] brings card n into view (and flashes it).
        n = cited[-1]
        p.locator("#warta-sources").evaluate("el => el.scrollTop = el.scrollHeight")
        page.last_answer().locator(f'a[href="#src-{n}"]').first.click()
        p.wait_for_function(f"() => document.getElementById('src-{n}').classList.contains('warta-flash')",
                            timeout=5_000)
        p.wait_for_timeout(700)  # smooth scrolling
        assert p.locator(f"#src-{n}").is_visible()
        in_view = p.locator(f"#src-{n}").evaluate(
            """el => { const r = el.getBoundingClientRect(), box = document.getElementById('warta-sources').getBoundingClientRect();
                       return r.top >= box.top - 2 && r.top < box.bottom; }""")
        assert in_view
        shot = page.screenshot("ui-english-answer.png")
        if os.environ.get("WARTA_UPDATE_SCREENSHOT") == "1":  # refresh the README's picture on request only
            shutil.copyfile(shot, REPO / "docs" / "screenshot.png")

        # An Indonesian question from the examples: answered in Indonesian, labels switch (Auto).
        started = time.monotonic()
        p.get_by_role("button", name="Apa saja MoU dengan Rusia?").click()
        page.wait_answer(started)
        _check_cited_answer(page)
        assert p.locator("#warta-send").inner_text().strip() == "Tanya"
        assert "Dijawab dalam" in p.locator("#warta-status").inner_text()
        assert "Korpus" in p.get_by_role("tab").all_inner_texts()
        assert p.locator("#warta-chat .message.user").count() == 2
        page.screenshot("ui-indonesian-answer.png")

        # The selector overrides: English labels, the current sources re-rendered in English.
        p.get_by_label("English", exact=True).check()
        p.wait_for_function("() => document.querySelector('#warta-send').innerText.trim() === 'Ask'", timeout=10_000)
        assert p.locator("#warta-sources .warta-sources-head").inner_text().strip() == "Sources"

        assert not page.outbound, page.outbound
        assert not page.errors, page.errors
    finally:
        page.close()


def test_refusal_shows_closest_sources(server: Server, browser: Any) -> None:
    page = Page(browser, server.url, locale="id-ID")
    try:
        p = page.page
        assert p.locator("#warta-send").inner_text().strip() == "Tanya"  # Indonesian browser
        page.ask("How do I bake chocolate chip cookies?")
        assert page.status() == "refused"
        assert "Not found in the corpus" in page.last_answer().inner_text()
        assert "Not found in the corpus" in p.locator("#warta-status").inner_text()
        assert p.locator("#warta-sources .warta-sources").get_attribute("data-kind") == "refused"
        assert "Closest sources" in p.locator("#warta-sources").inner_text()
        assert not page.last_answer().locator('a[href^="#src-"]').count()
        page.screenshot("ui-refusal.png")

        page.ask("Bagaimana cara membuat kue kering cokelat?")
        assert page.status() == "refused"
        assert "Tidak ditemukan di korpus" in page.last_answer().inner_text()
        assert "Sumber terdekat" in p.locator("#warta-sources").inner_text()
    finally:
        page.close()


def test_corpus_tab_lists_the_documents(server: Server, browser: Any) -> None:
    page = Page(browser, server.url, locale="en-US")
    try:
        p = page.page
        p.get_by_role("tab", name="Corpus").click()
        p.wait_for_selector("#warta-corpus", state="visible")
        assert "5 documents" in p.locator("#warta-corpus-intro").inner_text()
        table = p.locator("#warta-corpus").inner_text()
        assert RUSSIA_TITLE in table and RUSSIA_DOC in table and "12 January 2026" in table
        page.screenshot("ui-corpus.png")
    finally:
        page.close()


def _llm_available() -> bool:
    try:
        import llama_cpp  # noqa: F401
    except ImportError:
        return False
    from assistant.backends import model_files as models
    from assistant.settings import Settings

    return models.is_verified(Settings().models_dir, models.LLM_ID)


@pytest.mark.skipif(not _llm_available(), reason="llama-cpp-python or the LLM is not installed")
def test_llm_answer_streams_after_the_evidence(request: pytest.FixtureRequest,
                                               tmp_path_factory: pytest.TempPathFactory, browser: Any) -> None:
    env = dict(request.getfixturevalue("indexed_env"))
    srv = Server({**env, "WARTA_GENERATOR": "llm"}, "llm")
    try:
        srv.wait_ready()
        page = Page(browser, srv.url, locale="en-US")
        try:
            p = page.page
            started = time.monotonic()
            p.fill("#warta-question textarea", "What did Indonesia sign with Russia?")
            p.click("#warta-send")
            # Evidence first, long before the answer is done.
            p.wait_for_selector('#warta-sources .warta-sources[data-kind="evidence"]', timeout=30_000)
            evidence_at = time.monotonic() - started
            assert p.locator(STATUS).get_attribute("data-status") in ("searching", "writing", "checking")
            assert RUSSIA_TITLE in p.locator("#warta-sources").inner_text()
            page.wait_answer(started, timeout=180_000)
            total = time.monotonic() - started
            print(f"LLM answer: evidence shown after {evidence_at:.1f} s, answer done after {total:.1f} s")
            assert evidence_at < min(20.0, total)
            _check_cited_answer(page)
            page.screenshot("ui-llm-answer.png")
        finally:
            page.close()
    finally:
        srv.stop()


def test_missing_index_is_a_message_not_a_traceback(tmp_path: Path, browser: Any) -> None:
    empty = tmp_path / "index"
    empty.mkdir()
    srv = Server({"WARTA_INDEX_DIR": str(empty), "WARTA_CORPUS_DIR": str(tmp_path / "corpus"),
                  "WARTA_GENERATOR": "extractive"}, "no-index")
    try:
        srv.wait_ready()
        page = Page(browser, srv.url, locale="en-US")
        try:
            page.ask("What did Indonesia sign with Russia?")
            assert page.status() == "error"
            text = page.last_answer().inner_text()
            assert text.startswith("Sorry, I could not answer:") and "warta index" in text, text
            assert "Traceback" not in text and "Traceback" not in srv.log_path.read_text()
            page.page.get_by_role("tab", name="Corpus").click()
            page.page.wait_for_selector("#warta-corpus-intro", state="visible")
            assert "No documents are indexed yet" in page.page.locator("#warta-corpus-intro").inner_text()
        finally:
            page.close()
    finally:
        srv.stop()


# Untrusted article markup -------------------------------------------------------------------------------------

# An article whose title and text are full of HTML and Markdown tricks, each pointing off the machine (every
# host but 127.0.0.1 fails to resolve in this browser, but the request is still seen).
TRICKS_ARTICLE = """\
Festival Layang-Layang Parangtritis <img src="http://evil.test/title.gif" \
onerror="fetch('http://evil.test/t-onerror')"> <a href="javascript:alert(1)">Diikuti</a> 40 Tim \
![t](http://evil.test/t.png) [tautan](http://evil.test/t-link)

Festival layang-layang internasional di Pantai Parangtritis, Bantul, diikuti 40 tim dari 12 negara pada Sabtu \
(5/7/2025) <img src="http://evil.test/pixel.gif" onerror="fetch('http://evil.test/onerror')"> \
![banner](http://evil.test/banner.png) menurut <a href="http://evil.test/login">panitia festival</a>.

Layang-layang terbesar di festival Parangtritis berukuran 25 meter <script>fetch("http://evil.test/script")</script> \
<iframe src="http://evil.test/frame"></iframe> <a href="javascript:alert(2)">situs resmi</a> \
<span style="background-image:url(http://evil.test/bg.png)">loket</span> <img src=x onerror=alert(3)> \
<style>body{background:url(http://evil.test/css.png)}</style> dan dibuat oleh tim dari Bali, lihat \
[foto](http://evil.test/foto) [js](javascript:alert(4)) atau <http://evil.test/jadwal> dan www.evil.test/jadwal.

Festival ditutup dengan parade lampion pada Minggu malam, kata ketua panitia Made Wirawan.
"""
# Text of the tricks that must be shown as text (at least one of them reaches the page in every view).
TRICK_TEXTS = ("<img", "<script", "](http://evil.test", "javascript:", "<iframe", "url(http://evil.test")

# Every element that loads, links or runs something, anywhere on the page: what it points to.
_REFERENCES_JS = """() => {
  const found = [];
  const attrs = ['src', 'href', 'srcset', 'action', 'formaction', 'poster', 'data', 'xlink:href', 'background'];
  for (const el of document.querySelectorAll('*')) {
    for (const a of attrs) { const v = el.getAttribute(a); if (v) found.push([el.tagName, a, v]); }
    const style = el.getAttribute('style');
    if (style && style.includes('url(')) found.push([el.tagName, 'style', style]);
    for (const attr of el.attributes) {
      if (attr.name.startsWith('on')) found.push([el.tagName, attr.name, attr.value]);
    }
  }
  return found;
}"""
# Elements no answer, card or table cell may hold.
_FOREIGN_ELEMENTS = ("img, script, iframe, frame, object, embed, video, audio, source, style, link, form, input, "
                     "a:not(.warta-cite):not(.warta-tab-link)")  # Warta's own links: citations, the Briefing tab


def _off_machine(tag: str, attr: str, value: str) -> bool:
    """A reference that leaves 127.0.0.1, runs script, or is an inline event handler."""
    if attr.startswith("on") or value.strip().lower().startswith("javascript:"):
        return True
    urls = re.findall(r"url\(\s*['\"]?([^'\")]+)", value) if attr == "style" else [value.split()[0]]
    absolute = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.I)
    local = re.compile(r"^(?:https?:|wss?:)?//127\.0\.0\.1[:/]")
    return any(absolute.match(url) and not local.match(url) for url in urls)


@pytest.fixture(scope="module")
def tricks_server(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A server over an index of the tricks article (and one seed), indexed with the session's embedder."""
    from assistant.service import Warta
    from assistant.settings import Settings

    corpus = tmp_path_factory.mktemp("tricks-corpus")
    (corpus / "900_kite_festival.txt").write_text(TRICKS_ARTICLE, encoding="utf-8")
    shutil.copy(REPO / "corpus" / f"{RUSSIA_DOC}.txt", corpus)
    index = tmp_path_factory.mktemp("tricks-index")
    embedder = request.getfixturevalue("warta").embedder
    report = Warta(Settings(corpus_dir=corpus, index_dir=index, generator="extractive"), embedder=embedder).index(
        progress=False)
    assert report.documents == 2, report
    with Server({"WARTA_CORPUS_DIR": str(corpus), "WARTA_INDEX_DIR": str(index), "WARTA_GENERATOR": "extractive",
                  "PYTHONPATH": str(REPO)}, "tricks") as srv:
        yield srv


def test_article_markup_never_becomes_an_element_a_request_or_a_link(tricks_server: Server, browser: Any) -> None:
    page = Page(browser, tricks_server.url, locale="id-ID")
    dialogs: list[str] = []
    page.page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        p = page.page
        page.ask("Berapa ukuran layang-layang terbesar di festival Parangtritis?")
        assert page.status() == "done", p.locator("#warta-chat").inner_text()
        assert p.locator('#warta-sources .warta-card[data-doc-id="900_kite_festival"]').count() >= 1
        cited = _cited_numbers(page)
        assert cited and all(p.locator(f"#src-{n}").count() == 1 for n in cited)  # Warta's own links still work
        answer_text = page.last_answer().inner_text()
        page.ask("Brief me on the Parangtritis kite festival")  # a briefing: lists, a timeline, more quotes
        assert page.status() == "done", p.locator("#warta-chat").inner_text()
        shown = p.locator("#warta-chat").inner_text() + p.locator("#warta-sources").inner_text()
        page.screenshot("ui-untrusted-markup-chat.png")
        p.get_by_role("tab", name=re.compile("^(Korpus|Corpus)$")).click()  # the labels follow the last question
        p.wait_for_selector("#warta-corpus", state="visible")
        table = p.locator("#warta-corpus").inner_text()
        assert "Festival Layang-Layang Parangtritis" in table
        p.wait_for_timeout(1500)  # time for anything that would load to be requested
        page.screenshot("ui-untrusted-markup-corpus.png")

        for where in ("#warta-chat .message", "#warta-sources", "#warta-corpus table"):
            foreign = p.locator(where).locator(_FOREIGN_ELEMENTS)
            assert foreign.count() == 0, (where, foreign.evaluate_all("els => els.map(e => e.outerHTML)"))
        references = p.evaluate(_REFERENCES_JS)
        leaving = [r for r in references if _off_machine(*r)]
        assert not leaving, leaving
        assert any(trick in answer_text for trick in TRICK_TEXTS), answer_text  # the tricks are shown as text
        assert "evil.test" in shown + table
        assert not page.outbound, page.outbound  # every request the page made stayed on 127.0.0.1
        assert not dialogs, dialogs
        assert not page.errors, page.errors
    finally:
        page.close()
