"""Generators: a Query and its numbered Evidence -> answer text with [n] markers, streamed. Two behind one
interface:

- ExtractiveGenerator: the best source sentences, quoted with their citation (instant, no LLM).
- LLMGenerator: the local LLM, given only the best sentences (on 2 cores the prompt is the cost).

Both may emit anything; citations are checked afterwards in code (answer.citations), never trusted.
The LLM signals "no answer in the passages" with the token NOT_FOUND.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

from assistant.answer import prompts
from assistant.backends.llm import LLM, llama_available, make_llm
from assistant.backends.model_files import is_verified
from assistant.errors import ModelError
from assistant.records import Evidence, Query
from assistant.settings import Settings

NOT_FOUND = "NOT_FOUND"


class Generator(Protocol):
    name: str

    def generate(self, query: Query, evidence: list[Evidence]) -> Iterator[str]: ...


class ExtractiveGenerator:
    name = "extractive"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def generate(self, query: Query, evidence: list[Evidence]) -> Iterator[str]:
        p = prompts.load(self.settings.prompts_dir, query.language)
        if not evidence:
            yield NOT_FOUND
            return
        if query.briefing:
            lines = [p["briefing_intro"]]
            seen: set[str] = set()
            for ev in evidence:
                if ev.hit.chunk.doc_id in seen:
                    continue
                seen.add(ev.hit.chunk.doc_id)
                lines.append(f"- {ev.best_sentence} [{ev.n}]")
            yield "\n".join(lines)
            return
        best = evidence[0]
        parts = [f"{p['extractive_intro']}\n{best.quote} [{best.n}]"]
        # One more sentence only when nearly as relevant and saying something else.
        for ev in evidence[1:3]:
            if ev.similarity >= best.similarity - 0.05 and ev.best_sentence not in best.sentences:
                parts.append(f"{ev.best_sentence} [{ev.n}]")
                break
        yield " ".join(parts)


def format_passages(evidence: list[Evidence]) -> str:
    lines = []
    for ev in evidence:
        c = ev.hit.chunk
        meta = ", ".join(x for x in (c.source, (c.published or "")[:10]) if x)
        lines.append(f"[{ev.n}] ({c.title}{'; ' + meta if meta else ''}) {ev.quote}")
    return "\n".join(lines)


class LLMGenerator:
    def __init__(self, settings: Settings, llm: LLM | None = None) -> None:
        self.settings = settings
        self._llm = llm
        self.name = f"llm:{settings.llm_model}"

    @property
    def llm(self) -> LLM:
        if self._llm is None:
            self._llm = make_llm(self.settings)
        return self._llm

    def generate(self, query: Query, evidence: list[Evidence]) -> Iterator[str]:
        if not evidence:
            yield NOT_FOUND
            return
        p = prompts.load(self.settings.prompts_dir, query.language)
        system = p["briefing_system"] if query.briefing else p["system"]
        user = p["user"].format(passages=format_passages(evidence), question=query.text)
        max_tokens = self.settings.llm_max_tokens * (2 if query.briefing else 1)
        yield from self.llm.stream_chat(system, user, max_tokens)


def make_generator(settings: Settings) -> Generator:
    """`auto`: the LLM when llama-cpp-python and the model are installed, else extractive. `llm` insists."""
    if settings.generator == "extractive":
        return ExtractiveGenerator(settings)
    llm_ready = llama_available() and (is_verified(settings.models_dir, settings.llm_model)
                                       or settings.llm_model.endswith(".gguf"))
    if settings.generator == "llm" and not llm_ready:
        raise ModelError("the LLM generator needs llama-cpp-python (pip install -e '.[llm]') and the model "
                         "(warta models pull llm)")
    return LLMGenerator(settings) if llm_ready else ExtractiveGenerator(settings)
