"""Generators: a Query and its numbered Evidence -> answer text with [n] markers, streamed. Two behind one
interface:

- ExtractiveGenerator: the best source sentences, quoted with their citation (instant, no LLM).
- LLMGenerator: a LangChain chat model (the local GGUF by default, or the configured remote provider, or any
  BaseChatModel passed in), given only the best sentences (on 2 cores the prompt is the cost). The prompt is
  the same for every model.

Both may emit anything; citations are checked afterwards in code (answer.citations), never trusted.
Passages are untrusted data: the LLM gets them delimited and neutralised (`format_passages`), and neither
generator quotes or passes on a sentence addressed to an AI assistant (text.injection).
The LLM signals "no answer in the passages" with the token NOT_FOUND.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

from assistant.answer import claims, lead, prompts, translate
from assistant.backends.chat import BaseChatModel, chat_pieces, make_chat_model, model_label
from assistant.backends.llm import llama_available
from assistant.backends.model_files import is_verified
from assistant.errors import ModelError
from assistant.records import Evidence, Query
from assistant.settings import Settings
from assistant.text import injection

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
        # Text addressed to an AI is never quoted as an answer (text.injection): it is data, not a fact.
        usable = [(ev, sentences) for ev in evidence if (sentences := quotable(ev))]
        if not usable:
            yield NOT_FOUND
            return
        if query.briefing:
            lines = [p["briefing_intro"]]
            seen: set[str] = set()
            for ev, sentences in usable:
                if ev.hit.chunk.doc_id in seen:
                    continue
                seen.add(ev.hit.chunk.doc_id)
                lines.append(f"- {ev.best_sentence if ev.best_sentence in sentences else sentences[-1]} [{ev.n}]")
            yield "\n".join(lines)
            return
        best, best_sentences = usable[0]
        intro = lead.lead(query, best.best_sentence if best.best_sentence in best_sentences else best_sentences[0], p)
        parts = [f"{intro}\n{' '.join(best_sentences)} [{best.n}]"]
        # One more sentence only when nearly as relevant and saying something else.
        for ev, sentences in usable[1:3]:
            if (ev.similarity >= best.similarity - 0.05 and ev.best_sentence in sentences
                    and ev.best_sentence not in best.sentences):
                parts.append(f"{ev.best_sentence} [{ev.n}]")
                break
        yield " ".join(parts)


def quotable(ev: Evidence) -> tuple[str, ...]:
    """The passage's sentences that may be quoted or given to the LLM: all but text addressed to an AI."""
    return tuple(s for s in ev.sentences if not injection.addressed_to_ai(s))


# What stands in the prompt for a sentence addressed to an AI (the system prompt explains it).
REMOVED = "[…]"


def _as_data(text: str) -> str:
    """Text made inert inside the prompt's markup: no angle bracket can open or close a tag (or a
    chat-template token such as "<|im_end|>"), no double quote can end an attribute."""
    return text.replace("<", "‹").replace(">", "›").replace('"', "'")


def format_passages(evidence: list[Evidence]) -> str:
    """The passages as the LLM sees them: each inside <passage n="…" title="…" source="…" date="…"> …
    </passage>, its text (and metadata) neutralised by `_as_data`, every sentence addressed to an AI
    replaced by REMOVED. The system prompt says that text inside a passage is never an instruction."""
    blocks = []
    for ev in evidence:
        c = ev.hit.chunk
        title = REMOVED if injection.addressed_to_ai(c.title) else _as_data(c.title)
        attrs = [f'n="{ev.n}"', f'title="{title}"']
        if c.source:
            attrs.append(f'source="{_as_data(c.source)}"')
        if c.published:
            attrs.append(f'date="{_as_data(c.published[:10])}"')
        body = " ".join(REMOVED if injection.addressed_to_ai(s) else _as_data(s) for s in ev.sentences)
        blocks.append(f"<passage {' '.join(attrs)}>\n{body}\n</passage>")
    return "\n".join(blocks)


class LLMGenerator:
    """`llm`: any LangChain chat model; None: the configured one (backends.chat.make_chat_model), made on
    first use. An object with the older `stream_chat(system, user, max_tokens)` (bench's recorder) also works."""

    def __init__(self, settings: Settings, llm: BaseChatModel | None = None) -> None:
        self.settings = settings
        self._llm = llm
        self.name = model_label(settings) if llm is None or not isinstance(llm, BaseChatModel) else \
            f"llm:{getattr(llm, 'model_name', None) or getattr(llm, 'model', None) or type(llm).__name__}"

    @property
    def llm(self) -> BaseChatModel:
        if self._llm is None:
            self._llm = make_chat_model(self.settings)
        return self._llm

    def generate(self, query: Query, evidence: list[Evidence]) -> Iterator[str]:
        if not evidence:
            yield NOT_FOUND
            return
        p = prompts.load(self.settings.prompts_dir, query.language)
        if self.settings.answer_format == "claims" and not query.briefing:
            user = p["claims_user"].format(passages=format_passages(evidence), question=query.text)
            pieces = chat_pieces(self.llm, p["claims_system"], user, self.settings.llm_max_tokens, self.settings,
                                 schema=claims.SCHEMA)
            yield from self._in_language(query, claims.stream_claims(pieces, [ev.n for ev in evidence], NOT_FOUND), p)
            return
        system = p["briefing_system"] if query.briefing else p["system"]
        user = p["user"].format(passages=format_passages(evidence), question=query.text)
        max_tokens = self.settings.llm_max_tokens * (2 if query.briefing else 1)
        yield from chat_pieces(self.llm, system, user, max_tokens, self.settings)

    def _in_language(self, query: Query, sentences: Iterator[str], p: prompts.Prompts) -> Iterator[str]:
        """Claim sentences as they come; in an English answer the ones still in Indonesian are held back and
        translated together at the end (answer.translate), so the checked ones stream first."""
        if query.language != "en":
            yield from sentences
            return
        held: list[str] = []
        first = True
        for s in sentences:
            s = s.strip()
            if s == NOT_FOUND or not translate.untranslated(translate.bare(s)):
                yield s if first else " " + s
                first = False
            else:
                held.append(s)
        for s in translate.translated(held, self.llm, p, self.settings):
            yield s if first else " " + s
            first = False


def make_generator(settings: Settings) -> Generator:
    """`auto`: the LLM when llama-cpp-python and the model are installed (or a remote provider is configured),
    else extractive. `llm` insists."""
    if settings.generator == "extractive":
        return ExtractiveGenerator(settings)
    if settings.llm_provider != "local":
        return LLMGenerator(settings)  # the server is checked when asked: a failure falls back with a note
    llm_ready = llama_available() and (is_verified(settings.models_dir, settings.llm_model)
                                       or settings.llm_model.endswith(".gguf"))
    if settings.generator == "llm" and not llm_ready:
        raise ModelError("the LLM generator needs llama-cpp-python (pip install -e '.[llm]') and the model "
                         "(warta models pull llm)")
    return LLMGenerator(settings) if llm_ready else ExtractiveGenerator(settings)
