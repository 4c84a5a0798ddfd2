"""Translate the claims of an English answer that came out in Indonesian (a small model copies the passage's
words): claim sentences in, the same sentences out, the flagged ones translated.

Contract of `translated(sentences, llm, p, settings)`: each sentence `text.foreign.untranslated` flags (markers
stripped) goes to the model alone (prompts' `translate_system` / `translate_user`: a 1.5B model asked to
translate several numbered lines at once, or a passage with instructions around it, hands most of them back
unchanged; one plain sentence at a time it translates), at most MAX_SENTENCES per answer. A translation
replaces its sentence, with the sentence's own markers put back, only when it is no longer flagged and has at
least MIN_WORDS words. Anything else (a failed call, a line still in Indonesian) keeps the original: the reader
sees the passage's words, never nothing. The citation check runs on the result as on any generated text.
"""

from __future__ import annotations

from typing import Any

from assistant.answer import citations
from assistant.answer.prompts import Prompts
from assistant.backends.chat import chat_pieces
from assistant.settings import Settings
from assistant.text.foreign import untranslated

__all__ = ["bare", "translated", "untranslated"]

MIN_WORDS = 3
MAX_SENTENCES = 3
TOKENS_PER_WORD = 3  # generous: Indonesian words -> English tokens


def bare(sentence: str) -> str:
    return " ".join(citations.MARKER.sub("", sentence).split())


def _one(text: str, llm: Any, p: Prompts, settings: Settings) -> str:
    user = p["translate_user"].format(text=text)
    out = "".join(chat_pieces(llm, p["translate_system"], user, TOKENS_PER_WORD * len(text.split()) + 16, settings))
    line = next((ln.strip() for ln in out.splitlines() if ln.strip()), "")
    return line.strip(" \"“”")


def translated(sentences: list[str], llm: Any, p: Prompts, settings: Settings) -> list[str]:
    out = list(sentences)
    todo = [i for i, s in enumerate(sentences) if untranslated(bare(s))][:MAX_SENTENCES]
    for i in todo:
        try:
            line = _one(bare(sentences[i]), llm, p, settings)
        except Exception:  # noqa: BLE001 - the untranslated claim stands, cited, as it is
            break
        if len(line.split()) >= MIN_WORDS and not untranslated(line):
            marks = "".join(f"[{m}]" for m in citations.markers(sentences[i]))
            out[i] = f"{line} {marks}" if marks else line
    return out
