"""What makes a sentence of a news article a key point beyond its closeness to the topic: language knowledge,
in both languages, never names from any article.

`outcome(text)`: the sentence reports something concluded: agreed, signed, launched, an outcome
("disepakati", "ditandatangani", "capaian", "signed", "agreed"), not announced for later (answer.brief.when
`is_future`). Those are the developments a brief is read for, while a statement of intent restates the topic
in general words and so sits closer to it in meaning.
"""

from __future__ import annotations

from assistant.answer.brief import when
from assistant.text import lexicon

# The words of a concluded development: the lexicon's `outcome_words`, both languages.
_OUTCOME = lexicon.pattern("outcome_words")


def outcome(text: str) -> bool:
    """A concluded development: an outcome word, and nothing that puts it in the future ("akan", "will")."""
    return bool(_OUTCOME.search(text)) and not when.is_future(text)

