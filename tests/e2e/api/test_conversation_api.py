"""A three-turn conversation in each language through the API: gradio_client against a real `warta serve`
(a subprocess over the session index of the seeds, extractive generator), passing the conversation so far
to `/ask` at every turn."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from conftest import ServeProcess
from conversations import CONVERSATIONS, TURN_LANGS, check_turn

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def client(request: pytest.FixtureRequest) -> Iterator[Any]:
    from gradio_client import Client

    env = dict(request.getfixturevalue("indexed_env"))
    server = ServeProcess({**env, "WARTA_GENERATOR": "extractive"}, "conversation-api")
    try:
        server.wait_ready()
        yield Client(server.url, verbose=False, download_files=False)
    finally:
        server.stop()


@pytest.mark.parametrize("lang", ["en", "id"])
def test_three_turns_cite_the_right_documents(client: Any, lang: str) -> None:
    history: list[dict[str, str]] = []
    for (question, docs, must, must_not), answer_lang in zip(CONVERSATIONS[lang], TURN_LANGS[lang]):
        answer = client.predict(question, "auto", history, api_name="/ask")
        check_turn(answer, docs, must, must_not, answer_lang)
        assert {"standalone_question", "date_window", "undated_excluded"} <= set(answer)
        history.append({"question": question, "answer": answer["answer"]})


def test_ask_without_history_still_works_and_bad_history_is_named(client: Any) -> None:
    from gradio_client.exceptions import AppError

    answer = client.predict("What did Indonesia sign with Russia?", "auto", api_name="/ask")
    assert answer["standalone_question"] == "What did Indonesia sign with Russia?" and not answer["refused"]
    with pytest.raises(AppError, match=r"history\[0\]\.question"):
        client.predict("And with Japan?", "auto", [{"answer": "no question"}], api_name="/ask")
