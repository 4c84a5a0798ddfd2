"""What kind of answer a question wants, and whether a sentence holds one: pure language knowledge (lexicon
keys `how_many`, `when_words`, `who_words`, `where_words`, `name_words`, `quantity`, `weekdays`, months).

Contract:
- `kind_of(question)` -> "quantity" (how many / berapa), "date" (when / kapan), "name" (who, where, a name or
  a title: siapa, di mana, nama, judul) or None (what, why, how: no type a sentence can be checked for);
- `holds(kind, sentence, asked)` -> whether `sentence` states something of that kind *besides* the words of
  the question (`asked`, lower case): a number, a date (a year, "15/8", a month or weekday, "kemarin"), or a
  capitalised word after the sentence's first. A passage that only repeats the question's own name or year
  does not hold its answer.
"""

from __future__ import annotations

import re
from typing import Literal

from assistant.text import dates, lexicon

Kind = Literal["quantity", "date", "name"]

_WORD = re.compile(r"\w+")
_DIGIT = re.compile(r"\d")
_YEAR = re.compile(r"\b(?:1[5-9]\d\d|20\d\d)\b")
_DAY_MONTH = re.compile(r"\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b")


def kind_of(question: str) -> Kind | None:
    if lexicon.pattern("how_many").search(question):
        return "quantity"
    if lexicon.pattern("when_words").search(question):
        return "date"
    if (lexicon.pattern("who_words").search(question) or lexicon.pattern("where_words").search(question)
            or lexicon.pattern("name_words").search(question)):
        return "name"
    return None


def _without(sentence: str, asked: set[str]) -> str:
    """The sentence with the question's own words blanked (so "2005" in both does not count)."""
    return _WORD.sub(lambda m: " " if m[0].lower() in asked else m[0], sentence)


def holds(kind: Kind | None, sentence: str, asked: set[str]) -> bool:
    if kind is None:
        return False
    rest = _without(sentence, asked)
    if kind == "quantity":
        return bool(_DIGIT.search(rest) or lexicon.pattern("quantity").search(rest))
    if kind == "date":
        words = {w.lower() for w in _WORD.findall(rest)}
        return bool(_YEAR.search(rest) or _DAY_MONTH.search(rest) or words & set(dates.MONTHS)
                    or words & lexicon.words("weekdays") or lexicon.pattern("rel_yesterday").search(rest))
    tokens = sentence.split()[1:]  # the first word is capitalised anyway
    for token in tokens:
        word = token.strip(",.;:()[]\"“”'‘’-")
        if len(word) > 1 and word[:1].isupper() and word.lower() not in asked:
            return True
    return False
