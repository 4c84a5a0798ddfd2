"""Rule-based sentence splitting for Indonesian and English news text.

General splitters break on Indonesian abbreviations ("Kab.", "Jl.", "Dr.") and on initials ("Budi S.A.
Santoso"); this one keeps those together and splits on ., ! or ? (optionally followed by a closing quote)
when the next sentence starts with an upper-case letter, digit or opening quote. Newlines are hard breaks.
"""

from __future__ import annotations

import re

from assistant.text import lexicon

# Abbreviations normally followed by a name or number (both languages: articles mix them): never a
# sentence end.
_NO_SPLIT_AFTER = lexicon.words("abbreviations")

_BOUNDARY = re.compile(r"([.!?…]+[”\"')\]]?)(\s+)(?=[“\"'(\[]?[A-Z0-9])")


def _last_token(text: str) -> str:
    match = re.search(r"(\S+)$", text)
    return match.group(1) if match else ""


def _is_abbreviation(before: str) -> bool:
    token = _last_token(before).lstrip("(“\"'").rstrip(".")
    if not token:
        return False
    if len(token) == 1 and token.isalpha():  # an initial: "Rina M. Sari"
        return True
    if re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", token):  # "S.A", "U.S"
        return True
    return token.lower() in _NO_SPLIT_AFTER


def split_sentences(text: str) -> list[str]:
    """Split text into sentences; whitespace inside a sentence is collapsed to single spaces."""
    sentences: list[str] = []
    for line in text.splitlines():
        line = re.sub(r"\s+", " ", line).strip()
        if not line:
            continue
        start = 0
        for match in _BOUNDARY.finditer(line):
            end = match.end(1)
            punct = match.group(1)
            if punct.startswith(".") and _is_abbreviation(line[start:match.start(1)]):
                continue
            piece = line[start:end].strip()
            if piece:
                sentences.append(piece)
            start = match.end()
        tail = line[start:].strip()
        if tail:
            sentences.append(tail)
    return sentences
