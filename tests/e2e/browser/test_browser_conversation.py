"""A conversation in the browser: `warta serve` over the seeds (extractive), driven in headless Chromium.
Each follow-up shows the standalone question it was searched as ("Searching for: …" / "Mencari: …") and
its sources are the right documents; a question that stands alone shows no such line."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from conftest import ServeProcess
from conversations import CONVERSATIONS

pytestmark = [pytest.mark.browser, pytest.mark.slow]

browser_suite = pytest.importorskip("test_browser")  # the Chromium setup and the Page driver


@pytest.fixture(scope="module")
def server(request: pytest.FixtureRequest) -> Iterator[ServeProcess]:
    env = dict(request.getfixturevalue("indexed_env"))
    with ServeProcess({**env, "WARTA_GENERATOR": "extractive"}, "conversation-browser") as srv:
        yield srv


@pytest.mark.parametrize(("lang", "locale", "label"), [("en", "en-US", "Searching for:"), ("id", "id-ID", "Mencari:")])
def test_a_conversation_shows_the_standalone_question(server: ServeProcess, browser: Any, lang: str, locale: str,
                                                      label: str) -> None:
    page = browser_suite.Page(browser, server.url, locale=locale)
    try:
        for i, (question, docs, must, must_not) in enumerate(CONVERSATIONS[lang]):
            page.ask(question)
            assert page.status() == "done", page.page.locator("#warta-chat").inner_text()
            reply = page.last_answer()
            line = reply.locator(".warta-standalone")
            if i == 0:
                assert line.count() == 0  # stood alone: searched as asked
            else:
                assert line.count() == 1, reply.inner_html()
                shown = line.inner_text()
                assert ("Searching for:" in shown or "Mencari:" in shown) and all(w in shown for w in must), shown
                assert not any(w in shown for w in must_not), shown
            cards = page.page.locator('#warta-sources .warta-sources[data-kind="answer"] .warta-card')
            cited = set(cards.evaluate_all("els => els.map(e => e.dataset.docId)"))
            assert cited and cited <= docs, (question, cited)
        assert page.page.locator("#warta-chat .message.user").count() == 3
        page.screenshot(f"ui-conversation-{lang}.png")
        assert not page.outbound, page.outbound
        assert not page.errors, page.errors
        # New chat: the conversation starts over, a follow-up has nothing to lean on.
        page.page.click("#warta-clear")
        page.page.wait_for_function("() => document.querySelectorAll('#warta-chat .message.user').length === 0",
                                    timeout=10_000)
        page.turn = 0
        page.ask("dan dengan Rusia?")
        assert page.last_answer().locator(".warta-standalone").count() == 0
    finally:
        page.close()
