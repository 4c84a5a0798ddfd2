"""Read the question once: text -> a `Query` record.

Contract: `read_query` validates the question and returns a Query with everything later stages need
(language, keyword tokens, countries named, briefing or not, how-many or not, hard date window, soft time
preference, history, k). Retrieval, evidence selection and refusal read its fields; nothing downstream parses
the question text again. Raises EmptyQuestion for an empty question.
"""

from __future__ import annotations

from assistant.errors import EmptyQuestion
from assistant.records import DateWindow, Lang, Query, Turn
from assistant.search.bm25 import query_tokens
from assistant.settings import Settings
from assistant.text import dates, gazetteer, language, lexicon

# Below this confidence the question's language is a guess: the caller's fallback (UI language, previous
# turn) decides instead. Name-only questions ("MAZ trucks Indonesia") land here.
MIN_LANGUAGE_CONFIDENCE = 0.6


def detect_language(text: str, fallback: Lang = "en") -> Lang:
    lang, confidence = language.detect(text, fallback=fallback)
    return lang if confidence >= MIN_LANGUAGE_CONFIDENCE else fallback


def is_briefing(text: str) -> bool:
    return bool(lexicon.pattern("briefing").search(text))


def asks_how_many(text: str) -> bool:
    return bool(lexicon.pattern("how_many").search(text))


def read_query(text: str, settings: Settings, *, language: Lang | None = None, fallback: Lang = "en",
               k: int | None = None, date_from: str | None = None, date_to: str | None = None,
               history: tuple[Turn, ...] = ()) -> Query:
    """The question as a Query. `language` forces the answer language; `date_from`/`date_to` ("YYYY-MM-DD")
    are a hard filter; a time named in the question is a soft preference."""
    text = (text or "").strip()
    if not text:
        raise EmptyQuestion()
    window = DateWindow(date_from, date_to) if (date_from or date_to) else None
    named = dates.year_range(text)
    return Query(
        text=text,
        language=language or detect_language(text, fallback),
        k=k or settings.top_k,
        tokens=tuple(query_tokens(text)),
        countries=tuple(gazetteer.partners_in(text)),
        briefing=is_briefing(text),
        how_many=asks_how_many(text),
        window=window,
        prefer=DateWindow(*named) if named else None,
        history=tuple(history),
    )
