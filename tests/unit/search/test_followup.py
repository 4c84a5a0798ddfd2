"""Follow-ups condensed into a standalone question: the rules (search.followup) and the LLM path around a
stand-in LLM (search.condense; the real local LLM: tests/e2e/cli/test_condense_llm.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from assistant.errors import InvalidInput
from assistant.records import Turn
from assistant.search.condense import acceptable, condense, read_history
from assistant.search.followup import is_followup, standalone
from assistant.settings import Settings

SIGN_RU = "What did Indonesia sign with Russia?"
TALKS_BY = "What cooperation is Indonesia discussing with Belarus?"
KERJA_BY = "Apa isi kerja sama industri Indonesia dengan Belarusia?"


@pytest.mark.parametrize(("earlier", "question", "expected"), [
    # only a new entity: the previous question with it in place of the old one
    ([SIGN_RU], "And with Japan?", "What did Indonesia sign with Japan?"),
    ([SIGN_RU], "What about Japan?", "What did Indonesia sign with Japan?"),
    (["Apa saja MoU Indonesia dengan Rusia?"], "dan dengan Jepang?", "Apa saja MoU Indonesia dengan Jepang?"),
    (["Apa saja MoU Indonesia dengan Rusia?"], "Bagaimana dengan Jepang?", "Apa saja MoU Indonesia dengan Jepang?"),
    # no country to replace: the follow-up's words are added
    (["What did Indonesia sign?"], "And with Japan?", "What did Indonesia sign with Japan?"),
    # a time: replaced, or carried over
    (["What happened with Belarus in 2021?"], "What about 2022?", "What happened with Belarus in 2022?"),
    (["Berita tentang Belarusia pada 2021"], "Bagaimana dengan tahun 2022?", "Berita tentang Belarusia tahun 2022"),
    (["What happened with Belarus in 2021?"], "And Japan?", "What happened with Japan in 2021?"),
    # a pronoun: the question with the previous topic in parentheses
    ([TALKS_BY], "Who leads them?", "Who leads them (cooperation Indonesia discussing Belarus)?"),
    ([KERJA_BY], "Siapa yang memimpin mereka?", "Siapa yang memimpin mereka (isi kerja sama industri Indonesia Belarusia)?"),
    (["Apa saja MoU dengan Rusia?"], "Kapan itu ditandatangani?", "Kapan itu ditandatangani (MoU Rusia)?"),
    (["Apa saja MoU dengan Rusia?"], "Siapa pemimpinnya?", "Siapa pemimpinnya (MoU Rusia)?"),
    ([SIGN_RU], "Who signed it for Russia?", "Who signed it for Russia (Indonesia)?"),
    ([SIGN_RU], "When?", "When (Indonesia sign Russia)?"),
    # the time window goes with the topic
    (["What happened with Belarus in 2021?"], "Who leads them?", "Who leads them (happened Belarus in 2021)?"),
    # three turns: the third sees the first turn's topic through the second
    ([TALKS_BY, "Who leads them?"], "dan dengan Rusia?", "Who leads them (cooperation Indonesia discussing Russia)?"),
    ([KERJA_BY, "Siapa yang memimpin perundingan itu?"], "dan dengan Rusia?",
     "Siapa yang memimpin perundingan itu (isi kerja sama industri Indonesia Rusia)?"),
])
def test_a_followup_becomes_standalone(earlier: list[str], question: str, expected: str) -> None:
    assert is_followup(question)
    assert standalone(question, earlier) == expected


@pytest.mark.parametrize("question", [
    # stands alone: unchanged, and a new topic inherits nothing
    "Where did the Indonesian and Japanese ministers meet?", "What is the new manufacturing programme with Japan?",
    "Apa itu kemitraan ekonomi?", "Apa itu ASEAN?", "Who is the ambassador of Belarus?",
    "Berapa jumlah karyawan pabrik di Minsk?", "What did the MoU on shipbuilding cover in detail for both sides?",
])
def test_a_question_that_stands_alone_is_unchanged(question: str) -> None:
    assert not is_followup(question)
    assert standalone(question, [SIGN_RU, "And with Japan?"]) == question


def test_without_history_nothing_changes() -> None:
    assert standalone("Who leads them?", []) == "Who leads them?"


# The LLM path, around a stand-in -------------------------------------------------------------------------

class FakeLLM:
    name = "fake"

    def __init__(self, reply: str) -> None:
        self.reply = reply
        self.prompts: list[tuple[str, str]] = []

    def stream_chat(self, system: str, user: str, max_tokens: int) -> Iterator[str]:
        self.prompts.append((system, user))
        yield from (self.reply[i:i + 5] for i in range(0, len(self.reply), 5))


S = Settings()
HISTORY = (Turn(SIGN_RU, "Two MoUs [1]."),)


def test_the_llm_rewrite_is_used_when_it_checks_out() -> None:
    llm = FakeLLM("Standalone question: What did Indonesia sign with Japan?\n")
    assert condense("And with Japan?", HISTORY, "en", S, llm) == "What did Indonesia sign with Japan?"
    system, user = llm.prompts[0]
    assert "standalone" in system and SIGN_RU in user and "And with Japan?" in user
    assert "Two MoUs" not in user  # answers never go to the LLM
    llm = FakeLLM("Apa yang ditandatangani Indonesia dengan Jepang?")
    history_id = (Turn("Apa yang ditandatangani Indonesia dengan Rusia?", "Dua MoU [1]."),)
    assert condense("dan dengan Jepang?", history_id, "id", S, llm) == "Apa yang ditandatangani Indonesia dengan Jepang?"
    assert "bahasa Indonesia" in llm.prompts[0][0]
    # Across languages the rewrite shares no word with the conversation to check it by: the rules serve.
    llm = FakeLLM("Apa yang ditandatangani Indonesia dengan Jepang?")
    assert condense("dan dengan Jepang?", HISTORY, "id", S, llm) == "What did Indonesia sign with Japan?"


@pytest.mark.parametrize("reply", [
    "",  # empty
    "What did Indonesia sign with Russia?",  # lost the new country
    "What did Indonesia sign with Japan and China in 2019?",  # a country and a year nobody named
    "Indonesia signed two MoUs with Japan [1].",  # an answer, with a marker
    "NOT_FOUND",
    "What did Indonesia sign with Japan? " * 20,  # far too long
    "Bagaimana cuaca di Jepang?",  # off topic: nothing in common with the conversation
])
def test_a_bad_llm_rewrite_falls_back_to_the_rules(reply: str) -> None:
    assert condense("And with Japan?", HISTORY, "en", S, FakeLLM(reply)) == "What did Indonesia sign with Japan?"


def test_the_llm_is_not_asked_about_a_question_that_stands_alone() -> None:
    llm = FakeLLM("something else entirely?")
    assert condense("Where did the Indonesian and Japanese ministers meet?", HISTORY, "en", S, llm) == \
        "Where did the Indonesian and Japanese ministers meet?"
    assert llm.prompts == []


def test_acceptable_keeps_names_and_numbers() -> None:
    assert acceptable("Who met Putin in 2024?", "And Putin in 2024?", ["Who met the minister?"], 200)
    assert not acceptable("Who met the minister?", "And Putin in 2024?", ["Who met the minister?"], 200)


# The history a caller passes ---------------------------------------------------------------------------

def test_history_is_read_and_checked() -> None:
    assert read_history([{"question": " q1 ", "answer": "a1"}, Turn("q2", "a2")], 100) == (Turn("q1", "a1"), Turn("q2", "a2"))
    assert read_history(None, 100) == () and read_history([], 100) == ()
    assert read_history([{"question": "q"}], 100) == (Turn("q", ""),)  # the answer may be left out


@pytest.mark.parametrize(("value", "message"), [
    ("not a list", "history must be a list"),
    ([1], r"history\[0\] must be an object"),
    ([{"question": "ok", "answer": "a"}, {"answer": "a"}], r"history\[1\].question is missing"),
    ([{"question": 5, "answer": "a"}], r"history\[0\].question must be text"),
    ([{"question": "q", "answer": ["a"]}], r"history\[0\].answer must be text"),
    ([{"question": "x" * 101, "answer": ""}], r"history\[0\].question is 101 characters long"),
    ([{"question": "q", "answer": ""}] * 51, "the limit is 50"),
])
def test_bad_history_names_what_and_where(value: object, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        read_history(value, 100)
