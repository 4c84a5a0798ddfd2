"""The LLM's part of a brief (answer.brief.write) with a scripted model: what it is asked (one system prompt
for every call, small prompts, capped max_tokens), and what of its text is kept (only what passes the
citation check; a failing point keeps its quote). Invented examples, not the seed articles; properties of
the real model's output are in tests/e2e/cli/test_brief_llm.py."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.answer import prompts
from assistant.answer.brief import write
from assistant.answer.brief.check import Sources
from assistant.answer.brief.extract import Article, Sentence
from assistant.records import BriefStatement
from assistant.settings import Settings
from helpers import BagOfWordsEmbedder

QUOTES = ["Menteri Perikanan Budi Santoso bertemu Menteri Mesir di Alexandria pada Senin.",
          "Kedua negara sepakat membangun pabrik pakan ikan di Alexandria tahun 2025.",
          "Nilai ekspor ikan ke Mesir mencapai US$ 12 juta pada 2023.",
          "Kedua menteri berencana bertemu kembali di Jakarta bulan depan."]
# What a faithful translation says, as far as the stand-in embedder can tell: the same words.
ENGLISH = {"Minister Budi Santoso met Egypt's minister in Alexandria on Monday.": QUOTES[0],
           "The two countries agreed to build a fish feed plant in Alexandria in 2025.": QUOTES[1],
           "The ministers plan to meet again in Jakarta next month.": QUOTES[3],
           "Budi Santoso and Egypt agreed on a fish feed plant in Alexandria.": QUOTES[1],
           "Prime Minister Budi Santoso met Egypt's minister in Alexandria on Monday.": QUOTES[0]}


class Translating(BagOfWordsEmbedder):
    def _vec(self, text: str) -> np.ndarray:  # a known translation embeds as its original
        return super()._vec(ENGLISH.get(text.strip(), text))


class Scripted:
    """A stand-in model: replies in order, records every call."""

    def __init__(self, replies: list[str], fail_at: int | None = None) -> None:
        self.replies, self.fail_at, self.calls = list(replies), fail_at, []

    def stream_chat(self, system: str, user: str, max_tokens: int):  # type: ignore[no-untyped-def]
        self.calls.append((system, user, max_tokens))
        if self.fail_at is not None and len(self.calls) > self.fail_at:
            raise RuntimeError("the model crashed")
        for i, word in enumerate(self.replies.pop(0).split(" ")):  # in pieces, as a model streams
            yield word if i == 0 else " " + word


@pytest.fixture()
def brief():  # type: ignore[no-untyped-def]
    emb = Translating()
    sentences = tuple(Sentence(q, emb._vec(q), 0.6, i) for i, q in enumerate(QUOTES))
    article = Article("d1", "Judul", "2024-03-04", "Outlet", "id", sentences, 0.6, ("Egypt",))
    sources = Sources([article], embedder=emb, settings=Settings(), topic="fisheries Egypt")  # type: ignore[arg-type]

    class Sections:
        key_points = tuple(BriefStatement(text=q, cites=(1,), lang="id", lead="Egypt · quote in Indonesian", quoted=True)
                           for q in QUOTES)
    return Sections(), sources


def _run(model: Scripted, brief, lang: str = "en"):  # type: ignore[no-untyped-def]
    sections, sources = brief
    events = []
    gen = write.llm_write(sections, sources, "fisheries with Egypt", lang, prompts.load(None, lang), model, Settings())
    while True:
        try:
            events.append(next(gen))
        except StopIteration as done:
            return events, done.value


def test_translated_points_replace_quotes_only_when_they_pass_the_check(brief) -> None:  # type: ignore[no-untyped-def]
    model = Scripted([
        "1. Minister Budi Santoso met Egypt's minister in Alexandria on Monday.\n"
        "2. Putin and Erdogan agreed to build a fish feed plant in Ankara.\n"  # names not in the article
        "3. Nilai ekspor ikan ke Mesir mencapai US$ 12 juta pada 2023.",  # the quote copied back
        "1. The ministers plan to meet again in Jakarta next month.",
        "Summary:\nBudi Santoso and Egypt agreed on a fish feed plant in Alexandria [1]. Putin visited Cairo [1].",
    ])
    events, usage = _run(model, brief)
    points = [v for k, v in events if k == "key_points"][-1]
    assert [p.quoted for p in points] == [False, True, True, False]
    assert points[0].lang == "en" and points[0].cites == (1,) and points[0].lead == "Egypt"  # no "quote in" label
    assert points[1].text == QUOTES[1] and points[2].text == QUOTES[2]  # failed: the extractive quote stays
    summary = [v for k, v in events if k == "summary"][-1]
    assert [s.text for s in summary] == ["Budi Santoso and Egypt agreed on a fish feed plant in Alexandria."]
    assert summary[0].cites == (1,) and not summary[0].quoted
    assert (usage.calls, usage.translated, usage.kept, usage.failed) == (3, 2, 2, False)
    assert any(k == "token" for k, _ in events)


def test_one_system_prompt_small_prompts_capped_tokens(brief) -> None:  # type: ignore[no-untyped-def]
    model = Scripted(["1. x", "1. x", "Summary: nothing."])
    _run(model, brief)
    systems = {system for system, _, _ in model.calls}
    assert len(systems) == 1  # llama.cpp reuses the evaluated system prompt across calls
    first, second, summary = model.calls
    task = prompts.load(None, "en")["brief_translate"].split("{points}")[0]
    assert first[1].startswith(task) and second[1].startswith(task)  # the task's tokens are shared too
    assert first[1].count("<passage") == write.BATCH and second[1].count("<passage") == 1
    assert first[2] <= write.TOKENS_PER_POINT * write.BATCH + 8 and summary[2] <= write.SUMMARY_MAX_TOKENS
    assert summary[1].count("<passage") == 1  # one passage per source, from the top points only
    assert all(len(user) < 2000 for _, user, _ in model.calls)
    assert sum(cap for _, _, cap in model.calls) <= Settings().brief_llm_max_tokens  # the generation budget


def test_same_language_brief_asks_only_for_the_summary(brief) -> None:  # type: ignore[no-untyped-def]
    model = Scripted(["Menteri Perikanan Budi Santoso bertemu Menteri Mesir di Alexandria pada Senin [1]."])
    events, usage = _run(model, brief, lang="id")
    assert usage.calls == 1 and not [k for k, _ in events if k == "key_points"]
    assert [s.text for s in dict(events)["summary"]] == [QUOTES[0].rstrip(".") + "."]


def test_a_failing_model_keeps_what_was_checked(brief) -> None:  # type: ignore[no-untyped-def]
    model = Scripted(["1. Minister Budi Santoso met Egypt's minister in Alexandria on Monday."], fail_at=1)
    events, usage = _run(model, brief)
    points = [v for k, v in events if k == "key_points"][-1]
    assert not points[0].quoted and all(p.quoted for p in points[1:])
    assert usage.failed and not [k for k, _ in events if k == "summary"] and usage.calls == 2


def test_no_batch_starts_after_the_budget(brief, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(write, "BUDGET_S", 0.0)
    model = Scripted(["Summary: nothing to say here [1]."])
    events, usage = _run(model, brief)
    assert usage.calls == 1 and usage.kept == len(QUOTES)  # the summary only; every point stays a quote


def test_numbered_lines_and_summary_sentences() -> None:
    p = prompts.load(None, "en")
    assert write.numbered_lines("Here:\n1. First point [2]\n**2)** “Second point”\n2. again\n- 3: Third") == \
        {1: "First point", 2: "Second point", 3: "Third"}
    assert write.summary_sentences("**Summary:** Two ministers met [1]. They agreed [2].\n- A third [1].", p) == \
        ["Two ministers met [1].", "They agreed [2].", "A third [1]."]
    assert write.summary_sentences("Summary in English: Two ministers met [1].", p) == ["Two ministers met [1]."]


def test_a_sentence_in_the_wrong_language_is_dropped(brief) -> None:  # type: ignore[no-untyped-def]
    """A small model may answer an English brief in the passages' Indonesian: checked or not, it is not kept."""
    model = Scripted(["1. x", "1. x", "Menteri Perikanan Budi Santoso bertemu Menteri Mesir di Alexandria pada Senin [1]."])
    events, usage = _run(model, brief)
    assert "summary" not in dict(events) and usage.calls == 3


def test_a_written_point_naming_an_office_its_quote_does_not_is_dropped(brief) -> None:  # type: ignore[no-untyped-def]
    """"Prime Minister" for a quote naming a minister passes the citation check (title words are not names)."""
    model = Scripted(["1. Prime Minister Budi Santoso met Egypt's minister in Alexandria on Monday.", "1. x", "x"])
    events, usage = _run(model, brief)
    assert usage.translated == 0 and [v for k, v in events if k == "key_points"][-1][0].quoted
    assert write.signals.offices("Duta Besar Jepang, Dubes, Menperin") == {"ambassador", "minister"}
