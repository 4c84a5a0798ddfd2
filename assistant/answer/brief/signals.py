"""What makes a sentence of a news article a key point beyond its closeness to the topic: language knowledge,
in both languages, never names from any article.

- `outcome(text)`: the sentence reports something concluded: agreed, signed, launched, an outcome
  ("disepakati", "ditandatangani", "capaian", "signed", "agreed"), not announced for later (answer.brief.when
  `is_future`). Those are the developments a brief is read for, while a statement of intent restates the
  topic in general words and so sits closer to it in meaning.
- `offices(text)`: the offices a text names, in either language, as language-neutral words ("Duta Besar",
  "Dubes", "Ambassador" -> "ambassador"; "Perdana Menteri" -> "prime", "minister"; "Mendag" -> "minister").
  A sentence the LLM wrote may name no office its source does not: the citation check lets title words
  through ("Prime Minister" is not a name), so a small model's "Prime Minister" for "Duta Besar" would pass.
"""

from __future__ import annotations

import re

from assistant.answer.brief import when
from assistant.text import lexicon

# The words of a concluded development: the lexicon's `outcome_words`, both languages.
_OUTCOME = lexicon.pattern("outcome_words")


# Offices, each a language-neutral key with its words in English and Indonesian (abbreviations included).
OFFICES = {
    "minister": ["minister", "ministers", "menteri", "menko"], "prime": ["prime", "premier", "perdana"],
    "ambassador": ["ambassador", "envoy", "duta besar", "dubes"], "president": ["president", "presiden"],
    "director": ["director", "directors", "direktur", "dirjen"], "governor": ["governor", "gubernur"],
    "secretary": ["secretary", "sekretaris", "sekjen"], "chair": ["chairman", "chairwoman", "chair", "ketua"],
    "head": ["head", "kepala"], "deputy": ["deputy", "vice", "wakil", "wamen"],
    "spokesperson": ["spokesperson", "spokesman", "spokeswoman", "juru bicara", "jubir"],
    "mayor": ["mayor", "wali kota", "walikota"], "regent": ["regent", "bupati"],
}
_OFFICE_OF = {w: key for key, words in OFFICES.items() for w in words}
# "Mendag", "Menkeu": the minister of an office, as Indonesian news abbreviates it (lexicon office_fields).
_OFFICE_OF.update({f"men{f}": "minister" for f in lexicon.words("office_fields", "id")})
_OFFICE = re.compile(r"\b(?:" + "|".join(r"\s+".join(map(re.escape, w.split()))
                                         for w in sorted(_OFFICE_OF, key=len, reverse=True)) + r")\b", re.I)


def offices(text: str) -> set[str]:
    return {_OFFICE_OF[" ".join(m[0].lower().split())] for m in _OFFICE.finditer(text)}


def outcome(text: str) -> bool:
    """A concluded development: an outcome word, and nothing that puts it in the future ("akan", "will")."""
    return bool(_OUTCOME.search(text)) and not when.is_future(text)

