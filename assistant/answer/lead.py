"""The extractive answer's lead: when the quote is in another language than the question (an English question
over an Indonesian article), one line in the question's language, built in code from the question's type and
the quote's own numbers, dates and names, says what the quote answers; the quote follows, labelled with its
language.

Contract of `lead(query, sentence, phrases)`: a line ending with ":" (a heading: the citation check passes it
unchanged, and everything it states is copied from `sentence`, which the check does verify), or the
phrase-book's plain label when the quote is in the question's language or nothing can be picked out. It
never translates words: only numbers, dates and capitalised names travel, which read the same in both
languages.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from assistant.records import Query
from assistant.text import dates, language, lexicon, names

# "1.200", "12,5", "2.500 m2"; a percent sign or the lexicon's percent words make "12%".
_NUMBER = re.compile(r"(?<![\w/])\d+(?:[.,]\d+)*(?![\w/])")
_CAPITALISED = re.compile(r"[A-Z][\w'’-]*")
_MAX_ITEMS = 3
# A confident language reading of the quote only; below it the plain label says "original language".
_MIN_CONFIDENCE = 0.6


def _percent_after(sentence: str, end: int) -> bool:
    rest = sentence[end:end + 12].lstrip().lower()
    return rest.startswith("%") or any(rest.startswith(w) for w in lexicon.words("percent_words"))


def _numbers(sentence: str, question: str) -> list[str]:
    asked = {re.sub(r"\D", "", n) for n in _NUMBER.findall(question)}
    found = []
    for m in _NUMBER.finditer(sentence):
        if re.sub(r"\D", "", m[0]) in asked:
            continue
        found.append(m[0] + ("%" if _percent_after(sentence, m.end()) else ""))
    return list(dict.fromkeys(found))[:_MAX_ITEMS]


def _names(sentence: str, question: str) -> list[str]:
    """Runs of capitalised words after the sentence's first word that the question does not already name."""
    asked = {w.lower() for w in re.findall(r"\w+", question)}
    skip = lexicon.words("title_words") | lexicon.words("weekdays") | set(dates.MONTHS)
    runs: list[list[str]] = [[]]
    for token in sentence.split()[1:]:
        word = token.strip(",.;:()\"“”'")
        if token.startswith("(") and runs[-1]:  # "Kementerian Kesehatan (Kemenkes)": two names
            runs.append([])
        if word and _CAPITALISED.fullmatch(word) and word.lower() not in skip:
            runs[-1].append(word)
            if token != token.rstrip(",.;:)\"”'"):  # a comma, a stop or a bracket ends the name
                runs.append([])
        elif runs[-1]:
            runs.append([])
    # A name the question already asks about, in either language ("Rusia" for "Russia"), is no answer.
    # Offices and institutions ("Menteri Kesehatan") would need translating, a lone word is too vague:
    # the lead names people and places of two or more words.
    office = lexicon.words("titles") | lexicon.words("institution_words")
    runs = [r[next((i for i, w in enumerate(r) if w.lower() not in office), len(r)):] for r in runs]
    spans = [" ".join(r) for r in runs
             if len(r) >= 2 and not any(w.lower() in office for w in r)
             and not all(w.lower() in asked or names.mentioned(w.lower(), asked) for w in r)]
    return list(dict.fromkeys(spans))[:_MAX_ITEMS]


def lead(query: Query, sentence: str, phrases: Mapping[str, str]) -> str:
    quote_lang, confidence = language.detect(sentence, fallback=query.language)
    if quote_lang == query.language or confidence < _MIN_CONFIDENCE:
        return phrases["extractive_intro"]
    quoted = phrases[f"quoted_in_{quote_lang}"]
    if query.asks_when and (when := dates.event_date(sentence)):
        return phrases["lead_when"].format(items=when, quoted=quoted)
    if query.how_many and (numbers := _numbers(sentence, query.text)):
        return phrases["lead_numbers"].format(items=", ".join(numbers), quoted=quoted)
    if query.asks_who and (named := _names(sentence, query.text)):
        return phrases["lead_names"].format(items="; ".join(named), quoted=quoted)
    return phrases["lead_plain"].format(quoted=quoted)
