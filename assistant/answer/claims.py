"""Claims: the LLM answers as a JSON object of short claims, each bound to one passage number, and the prose is
assembled here, in code.

Why: a 1.5B model asked for cited prose on 2 cores mixes facts of two passages in one sentence, cites the
wrong [n], restates the question, or writes "several MoUs were signed" instead of naming them. Asked for
one fact per claim, each with the number of the one passage it comes from, it has less to get wrong, and
every claim reaches the citation check (answer.citations) already bound to its passage.

The object (`SCHEMA`; a local model is held to it by llama.cpp's grammar, a remote one is asked for it):

    {"found": true, "claims": [{"passage": 2, "fact": "…"}, …]}

Contract of `stream_claims(pieces, numbers, not_found)`: reads the model's text pieces as they come and yields each
claim's sentence, "fact [n]", as soon as its object is complete (so the first checked sentence can be shown
early); `"found": false` or no claim yields the NOT_FOUND sentinel. A claim naming no given passage keeps
its text without a marker (the citation check then drops or re-points it). Text that is not the object at
all (a remote model ignoring the format) is passed on whole, as prose, to the same check.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

MAX_CLAIMS = 6
MAX_FACT_CHARS = 300


SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "found": {"type": "boolean"},
        "claims": {
            "type": "array",
            "maxItems": MAX_CLAIMS,
            "items": {
                "type": "object",
                "properties": {"passage": {"type": "integer"},
                               "fact": {"type": "string", "maxLength": MAX_FACT_CHARS}},
                "required": ["passage", "fact"],
            },
        },
    },
    "required": ["found", "claims"],
}


# One complete claim object inside the growing text: {"passage": 2, "fact": "…"} (keys in either order; the
# fact's key is read whatever its spelling, as a remote model held to no grammar may rename it).
_CLAIM = re.compile(
    r'\{\s*(?:"passage"\s*:\s*(?P<n1>-?\d+)\s*,\s*"\w+"\s*:\s*(?P<f1>"(?:[^"\\]|\\.)*")'
    r'|"\w+"\s*:\s*(?P<f2>"(?:[^"\\]|\\.)*")\s*,\s*"passage"\s*:\s*(?P<n2>-?\d+))\s*\}')
_NOT_FOUND_FLAG = re.compile(r'"found"\s*:\s*false')


def sentence(fact: str, n: int, numbers: Iterable[int]) -> str:
    """A claim as one sentence of the answer: the fact, a full stop, its marker (none for a number that names
    no passage)."""
    fact = " ".join(fact.split()).strip()
    fact = re.sub(r"\s*\[\d+(?:\s*[,;]\s*\d+)*\]\s*", " ", fact).strip()  # the marker is ours to place
    if fact and fact[-1] not in ".!?\"”'":
        fact += "."
    return f"{fact} [{n}]" if n in set(numbers) else fact


def stream_claims(pieces: Iterable[str], numbers: Iterable[int], not_found: str) -> Iterator[str]:
    """See the module contract. `numbers`: the passage numbers given to the model."""
    given = list(numbers)
    text = ""
    done = 0  # how far into `text` claims were already read
    emitted = 0
    said: set[str] = set()  # a small model repeats a claim under another passage number
    for piece in pieces:
        text += piece
        if not text.lstrip().startswith("{"):
            continue
        if emitted == 0 and _NOT_FOUND_FLAG.search(text):
            continue  # the model says the passages do not answer: what follows is not shown
        for m in _CLAIM.finditer(text, done):
            done = m.end()
            if emitted >= MAX_CLAIMS:
                continue
            try:
                fact = json.loads(m.group("f1") or m.group("f2"))
            except json.JSONDecodeError:
                continue
            n = int(m.group("n1") or m.group("n2"))
            key = " ".join(fact.lower().split()) if isinstance(fact, str) else ""
            if not key or key in said:
                continue
            said.add(key)
            yield ("" if emitted == 0 else " ") + sentence(fact[:MAX_FACT_CHARS], n, given)
            emitted += 1
    stripped = text.strip()
    if not stripped.startswith("{"):
        yield stripped  # not the object: prose for the check (or the model's own NOT_FOUND)
        return
    if emitted == 0:
        yield not_found
