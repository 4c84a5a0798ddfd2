"""What makes a sentence of a news article a key point beyond its closeness to the topic: language knowledge,
in both languages, never names from any article.

`outcome(text)`: the sentence reports something concluded: agreed, signed, launched, an outcome
("disepakati", "ditandatangani", "capaian", "signed", "agreed"), not announced for later (answer.brief.when
`is_future`). Those are the developments a brief is read for, while a statement of intent restates the topic
in general words and so sits closer to it in meaning.
"""

from __future__ import annotations

import re

from assistant.answer.brief import when

# Verbs of a concluded development, perfective or passive (a noun such as "penandatanganan", "signing" names
# the act, done or not: "percepatan penandatanganan" is a plan), and the nouns of an outcome.
OUTCOME = {
    "id": ["sepakat", "bersepakat", "disepakati", "disepakatinya", "menyepakati", "ditandatangani",
           "ditandatanganinya", "menandatangani", "diteken", "meneken", "diluncurkan", "meluncurkan",
           "diresmikan", "meresmikan", "disahkan", "mengesahkan", "diratifikasi", "meratifikasi", "capaian",
           "hasil utama"],
    "en": ["agreed", "signed", "inked", "concluded", "launched", "inaugurated", "ratified", "approved",
           "achievement", "outcome", "reached an agreement"],
}


def _alt(table: dict[str, list[str]]) -> str:
    phrases = sorted({p for words in table.values() for p in words}, key=lambda p: (-len(p), p))
    return "|".join(r"\s+".join(map(re.escape, p.split())) for p in phrases)


_OUTCOME = re.compile(rf"\b(?:{_alt(OUTCOME)})\b", re.I)


def outcome(text: str) -> bool:
    """A concluded development: an outcome word, and nothing that puts it in the future ("akan", "will")."""
    return bool(_OUTCOME.search(text)) and not when.is_future(text)

