"""The conversation so far -> the standalone question to search for, by the LLM when it is the generator,
else by rules (search.followup); and the one reader of a conversation's history.

Contract:
- `read_history(value, max_chars)`: a list of {"question", "answer"} (or Turns) -> a tuple of Turn; anything
  else is InvalidInput naming the entry and the field ("history[2].question must be text").
- `condense(question, history, lang, settings, llm=None)`: the question itself when there is no history or
  the rules see no follow-up (a question that stands alone is never rewritten, and a new topic inherits
  nothing); else the LLM's rewrite (prompt `condense_system`/`condense_user` of the answer's language) when
  `llm` is given and its output passes `acceptable`, else the rules' rewrite. Only the earlier questions go
  to the LLM, not the answers: they carry the topic, and article text in a prompt is untrusted.
"""

from __future__ import annotations

from typing import Any

import re
from collections.abc import Sequence

from assistant.answer import prompts
from assistant.backends.chat import chat_pieces
from assistant.errors import WartaError
from assistant.errors import InvalidInput
from assistant.records import Lang, Turn
from assistant.search import followup
from assistant.text.stems import query_tokens
from assistant.settings import Settings
from assistant.text import gazetteer, names

MAX_TURNS = 50  # more earlier turns than any conversation needs; each costs a rule step
LLM_TURNS = 3  # the earlier questions the LLM sees (the prompt is the cost on 2 cores)
MAX_TOKENS = 80
_LABEL = re.compile(r"^\s*[*_\"'`]*[^\W\d][^:?\n]{0,40}:\s*")  # "Standalone question: …"


def read_history(value: object, max_chars: int) -> tuple[Turn, ...]:
    """The earlier turns, checked (see the module contract); None or [] is no history."""
    if value is None:
        return ()
    if not isinstance(value, (list, tuple)):
        raise InvalidInput(f'history must be a list of {{"question", "answer"}} objects, not {type(value).__name__}')
    if len(value) > MAX_TURNS:
        raise InvalidInput(f"history has {len(value)} turns; the limit is {MAX_TURNS}")
    turns = []
    for i, item in enumerate(value):
        if isinstance(item, Turn):
            item = {"question": item.question, "answer": item.answer}
        if not isinstance(item, dict):
            raise InvalidInput(f'history[{i}] must be an object with "question" and "answer", not {type(item).__name__}')
        for key in ("question", "answer"):
            if not isinstance(item.get(key, ""), str):
                raise InvalidInput(f"history[{i}].{key} must be text, not {type(item[key]).__name__}")
        question, answer = str(item.get("question") or "").strip(), str(item.get("answer") or "")
        if not question:
            raise InvalidInput(f"history[{i}].question is missing or empty")
        if len(question) > max_chars:
            raise InvalidInput(f"history[{i}].question is {len(question):,} characters long; the limit is {max_chars:,}")
        turns.append(Turn(question=question, answer=answer[:max_chars]))
    return tuple(turns)


def _as_data(text: str) -> str:
    # Inert inside the prompt: no tag or chat-template token can be opened or closed.
    return " ".join(text.replace("<", "‹").replace(">", "›").split())


def _clean(text: str) -> str:
    line = next((ln for ln in text.strip().splitlines() if ln.strip()), "")
    line = _LABEL.sub("", line, count=1) if ":" in line[:45] else line
    return line.strip().strip("*_\"'`“”").strip()


def _countries(text: str) -> set[frozenset[str]]:
    return set(gazetteer.partners_in(text))


def acceptable(rewrite: str, question: str, earlier: Sequence[str], limit: int) -> bool:
    """The LLM's rewrite is used only when it is a question of sensible length (ending with "?" when the
    follow-up does), not a refusal or an answer with citation markers, keeps the countries, names and numbers the new question names, brings in no
    country or number the conversation never named, and shares a word with the conversation."""
    if not rewrite or len(rewrite) > limit or "NOT_FOUND" in rewrite or re.search(r"\[\d+\]", rewrite):
        return False
    if question.rstrip().endswith("?") and not rewrite.endswith("?"):
        return False  # an answer, not the question
    said = " ".join([question, *earlier])
    if not _countries(question) <= _countries(rewrite) or not _countries(rewrite) <= _countries(said):
        return False
    words = names.words(rewrite)
    if not all(names.mentioned(n, words) for n in names.names(question) | names.numbers(question)):
        return False
    if not names.numbers(rewrite) <= names.numbers(said):
        return False
    # Country names alone do not make it on topic ("How is the weather in Japan?"); a rewrite in the other
    # language than every earlier question shares no word with them either, and the rules serve it instead.
    return bool(set(query_tokens(_without_countries(rewrite))) & set(query_tokens(_without_countries(said))))


def _without_countries(text: str) -> str:
    words = {w for g in gazetteer.GROUPS for w in g}
    return " ".join(w for w in re.findall(r"\w+", text) if w.lower() not in words)


def by_llm(question: str, earlier: Sequence[str], lang: Lang, settings: Settings, llm: Any) -> str:
    """`llm`: a LangChain chat model (backends.chat), or anything with `stream_chat(system, user, max_tokens)`."""
    p = prompts.load(settings.prompts_dir, lang)
    conversation = "\n".join(f"- {_as_data(q)}" for q in earlier[-LLM_TURNS:])
    user = p["condense_user"].format(history=conversation, question=_as_data(question))
    return _clean("".join(chat_pieces(llm, p["condense_system"], user, MAX_TOKENS, settings)))


def condense(question: str, history: Sequence[Turn], lang: Lang, settings: Settings, llm: Any = None) -> str:
    """The standalone question to search for (see the module contract)."""
    earlier = [t.question for t in history]
    if not earlier or not followup.is_followup(question):
        return question
    ruled = followup.standalone(question, earlier)
    if llm is None:
        return ruled
    limit = min(settings.max_question_chars, 2 * (len(question) + len(ruled)) + 40)
    try:
        rewrite = by_llm(question, earlier, lang, settings, llm)
    except WartaError:  # the LLM server is down or timed out: the rules serve (the answer step says why)
        return ruled
    return rewrite if acceptable(rewrite, question, earlier, limit) else ruled
