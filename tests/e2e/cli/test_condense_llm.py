"""The LLM path of follow-up condensing with the real local LLM (Qwen GGUF via llama-cpp-python): a few
prompts only (each costs seconds on 2 cores). The parsing and checks around it: tests/unit/search/test_followup.py."""

from __future__ import annotations

import pytest

from assistant.records import Turn
from assistant.answer.condense import acceptable, by_llm, condense
from assistant.settings import Settings
from assistant.text import gazetteer

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def llm():  # type: ignore[no-untyped-def]
    from assistant.backends.llm import llama_available, make_local_chat
    from assistant.backends.model_files import is_verified

    settings = Settings()
    if not (llama_available() and is_verified(settings.models_dir, settings.llm_model)):
        pytest.skip("llama-cpp-python or the LLM is not installed (warta models pull llm)")
    return make_local_chat(settings)  # the LangChain chat model over the GGUF, as the generator uses


def _names(text: str) -> set[str]:
    return {sorted(g)[0] for g in gazetteer.partners_in(text)}


@pytest.mark.parametrize(("earlier", "question", "lang", "country"), [
    (["What did Indonesia sign with Russia?"], "And with Japan?", "en", "japan"),
    (["Apa saja MoU yang ditandatangani Indonesia dengan Rusia?"], "Kapan itu ditandatangani?", "id", "rusia"),
])
def test_the_llm_rewrites_a_followup(llm, earlier: list[str], question: str, lang: str, country: str) -> None:  # type: ignore[no-untyped-def]
    settings = Settings()
    rewrite = by_llm(question, earlier, lang, settings, llm)  # type: ignore[arg-type]
    print(f"{question!r} -> {rewrite!r}")
    assert acceptable(rewrite, question, earlier, 300), rewrite
    partners = gazetteer.partners_in(rewrite)
    assert len(partners) == 1 and country in partners[0], rewrite  # the follow-up's country, and only it
    history = tuple(Turn(q, "") for q in earlier)
    assert condense(question, history, lang, settings, llm) == rewrite  # type: ignore[arg-type]


def test_a_standalone_question_and_a_new_topic_stay_unchanged(llm) -> None:  # type: ignore[no-untyped-def]
    history = (Turn("What did Indonesia sign with Russia?", ""),)
    for question in ("Where did the Indonesian and Japanese ministers meet?", "Apa itu kemitraan ekonomi?"):
        assert condense(question, history, "en", Settings(), llm) == question
