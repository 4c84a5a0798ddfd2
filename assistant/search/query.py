"""Read the question once: text and parameters -> a `Query` record.

Contract: `read_query` is the one place where a question and its parameters are checked, for every entry
point (CLI, UI, API, MCP, Python). It raises, with a message naming the parameter:
- EmptyQuestion for a missing or blank question, QuestionTooLong past `settings.max_question_chars`;
- UnsupportedLanguage for a question clearly in neither Indonesian nor English (a message in both);
- InvalidInput for a `k` that is not a whole number 1-100, a date that is not a real YYYY-MM-DD date, a
  window whose start is after its end, an unknown answer language.
Otherwise it returns a Query with everything later stages need (language, keyword tokens, countries named,
briefing or not, how-many or not, hard date window, soft time preference, newest-first, history, k). A
time the question names (text.when, resolved against `settings.now`, else today) becomes the hard window
when `text.when.publication_window` says so and no explicit `date_from`/`date_to` was given (those win),
else the soft preference. Retrieval, evidence
selection and refusal read its fields; nothing downstream parses the question text again.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from assistant.errors import EmptyQuestion, InvalidInput, QuestionTooLong, UnsupportedLanguage
from assistant.records import DateWindow, Lang, Query, Turn
from assistant.text.stems import query_tokens
from assistant.settings import Settings
from assistant.text import answer_type, dates, frequency, gazetteer, language, lexicon, names, when

# Below this confidence the question's language is a guess: the caller's fallback (UI language, previous
# turn) decides instead. Name-only questions (a product name and a country) land here.
MIN_LANGUAGE_CONFIDENCE = 0.6
MAX_K = 100  # more hits than any answer can use; a bigger k only costs time in the shared queue


def detect_language(text: str, fallback: Lang = "en") -> Lang:
    lang, confidence = language.detect(text, fallback=fallback)
    return lang if confidence >= MIN_LANGUAGE_CONFIDENCE else fallback


def is_briefing(text: str) -> bool:
    return bool(lexicon.pattern("briefing").search(text))


def asks_how_many(text: str) -> bool:
    return bool(lexicon.pattern("how_many").search(text))


def asks_who(text: str) -> bool:
    return bool(lexicon.pattern("who_words").search(text))


# Parameters -----------------------------------------------------------------------------------------------
def read_question(text: object, max_chars: int) -> str:
    """The question, stripped. The length is checked first: nothing else runs over a huge input."""
    if text is None:
        raise EmptyQuestion()
    if not isinstance(text, str):
        raise InvalidInput(f"question must be text, not {type(text).__name__}")
    text = text.strip()
    if not text:
        raise EmptyQuestion()
    if len(text) > max_chars:
        raise QuestionTooLong(f"the question is {len(text):,} characters long; the limit is {max_chars:,} "
                              "(WARTA_MAX_QUESTION_CHARS)")
    return text


def read_k(k: object, default: int) -> int:
    """k as an int in 1..MAX_K; None or "" means the default. Strings of digits are accepted (form fields,
    command lines); booleans and fractions are not."""
    if k is None or (isinstance(k, str) and not k.strip()):
        return default
    value: int | None = None
    if isinstance(k, int) and not isinstance(k, bool):
        value = k
    elif isinstance(k, float) and k.is_integer():
        value = int(k)
    elif isinstance(k, str) and re.fullmatch(r"[+-]?\d{1,6}", k.strip()):
        value = int(k.strip())
    if value is None or not 1 <= value <= MAX_K:
        raise InvalidInput(f"k must be a whole number from 1 to {MAX_K}, not {k!r}")
    return value


def read_date(value: object, name: str) -> str | None:
    """An ISO date "YYYY-MM-DD" that exists in the calendar, or None for none."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.date):
        return value.isoformat()[:10]
    text = value.strip() if isinstance(value, str) else repr(value)
    # fromisoformat alone would also take "20210201" and week dates: the documented form is YYYY-MM-DD.
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise InvalidInput(f"{name} must be a date in the form YYYY-MM-DD (e.g. 2021-02-28), not {text!r}")
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(f"{name} {text!r} is not a real date (the form is YYYY-MM-DD, e.g. 2021-02-28)") from None
    return text


def read_window(date_from: object, date_to: object) -> DateWindow | None:
    start, end = read_date(date_from, "date_from"), read_date(date_to, "date_to")
    if start and end and start > end:  # ISO dates order as strings
        raise InvalidInput(f"date_from ({start}) is after date_to ({end})")
    return DateWindow(start, end) if (start or end) else None


def read_language(value: object) -> Lang | None:
    if value is None or value == "auto":
        return None
    if value in ("id", "en"):
        return value  # type: ignore[return-value]
    raise InvalidInput(f'language must be "auto", "id" or "en", not {value!r}')


# Languages Warta does not answer -------------------------------------------------------------------------
# Latin letters: Basic Latin and Latin-1, Latin Extended-A/B, Latin Extended Additional (Vietnamese marks).
_LATIN = ((0x41, 0x24F), (0x1E00, 0x1EFF))
# A name keeps its own language, not the sentence's: capitalised words after the first are left out.
_NAMES = re.compile(r"(?<=\S)(\s+)[A-Z][\w.'-]*")
_WORD = re.compile(r"[^\W\d_]+")
# The Latin-script languages most likely to be typed instead (Malay counts as ours: it is close enough to
# Indonesian that Warta answers it, and lingua confuses the two on short questions).
_OTHERS = ("FRENCH", "GERMAN", "SPANISH", "PORTUGUESE", "ITALIAN", "DUTCH", "TAGALOG", "VIETNAMESE", "TURKISH")
_OURS = ("ENGLISH", "INDONESIAN", "MALAY")


def _is_latin(ch: str) -> bool:
    return any(lo <= ord(ch) <= hi for lo, hi in _LATIN)


@lru_cache(maxsize=1)
def _others_detector():  # type: ignore[no-untyped-def]
    # NOTE: the one lingua use outside text/language.py (the id/en detector there knows only two languages).
    # Low-accuracy mode: ~40 MB of models, loaded only when a question reaches this check.
    from lingua import Language, LanguageDetectorBuilder

    languages = [getattr(Language, name) for name in _OURS + _OTHERS]
    return LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()


def _share_ours(text: str) -> float:
    """lingua's probability that `text` is English, Indonesian or Malay, among the languages it is shown."""
    return sum(v.value for v in _others_detector().compute_language_confidence_values(text)
               if v.language.name in _OURS)


def is_unsupported_language(text: str) -> bool:
    """True only when the question is clearly in another language. Conservative on purpose: a wrongly
    refused Indonesian or English question is worse than an answer to a French one.

    - Mostly non-Latin letters (Chinese, Japanese, Cyrillic, Arabic, Thai, ...): another language.
    - Latin script: another language only when all of these hold: at least four words besides names, under
      a quarter of its words are Indonesian/English function words (lexicon), and lingua, with the text and
      without its names, gives English+Indonesian+Malay under 10%.
    """
    letters = [ch for ch in text if ch.isalpha()]
    latin = sum(_is_latin(ch) for ch in letters)
    if letters and latin * 2 < len(letters):
        return True
    plain = _NAMES.sub("", text)
    if len(_WORD.findall(plain)) < 4:
        return False  # names and a word or two: no signal, and Warta can still search them
    words = [w.lower() for w in _WORD.findall(text)]
    ours = lexicon.words("language_markers") | lexicon.words("stopwords")
    if sum(w in ours for w in words) >= 0.25 * len(words):
        return False
    return _share_ours(text) < 0.1 and _share_ours(plain) < 0.1


# The Query ------------------------------------------------------------------------------------------------
def asserted_names(text: str, written_in: Lang = "id") -> tuple[str, ...]:
    """The names and numbers a question asserts, less Indonesia's own names (the corpus is Indonesian news,
    and its articles often leave the country unnamed) and, in an English question, the common words it
    title-cases that an Indonesian article translates ("Forestry Minister": text.frequency)."""
    home = next((g for g in gazetteer.GROUPS if "indonesia" in g), frozenset())
    found = names.names(text) - home
    if written_in == "en":  # country names, months and weekdays are matched across languages (text.names)
        known = set().union(*gazetteer.GROUPS) | set(dates.MONTHS) | lexicon.words("weekdays")
        found = {n for n in found if n in known or not frequency.translated_in_indonesian(n)}
    return tuple(sorted(found | names.numbers(text)))


def read_query(text: object, settings: Settings, *, language: Lang | None = None, fallback: Lang = "en",
               k: object = None, date_from: object = None, date_to: object = None,
               history: tuple[Turn, ...] = ()) -> Query:
    """The question as a Query. `language` forces the answer language; `date_from`/`date_to` ("YYYY-MM-DD")
    are a hard filter; a time named in the question is a hard filter or a soft preference (text.when). Every parameter is checked here
    (see the module contract) before any model runs."""
    question = read_question(text, settings.max_question_chars)
    wanted_k = read_k(k, settings.top_k)
    window = read_window(date_from, date_to)
    forced = read_language(language)
    if is_unsupported_language(question):
        raise UnsupportedLanguage()
    now = settings.now or dt.date.today()
    reading = when.read_time(question, now)
    named = _named_window(reading, now)
    hard = window is None and named is not None and when.publication_window(reading, now)
    # A period that filters is not a fact the passages must name ("What happened in 2021?": an article of
    # 2021 need not write "2021"), nor are "latest" words keywords; a preferred period still is.
    spans = reading.latest_spans + ((reading.span,) if hard and reading.span else ())
    plain = _without(question, spans)
    written_in = detect_language(question, fallback)
    briefing = is_briefing(question)
    return Query(
        text=question,
        language=forced or written_in,
        written_in=written_in,
        k=wanted_k,
        tokens=tuple(query_tokens(plain)),
        countries=tuple(gazetteer.partners_in(question)),
        names=asserted_names(plain, written_in),
        # A brief's topic ("automotive, 2021-2024") scopes the articles; a question's years and identifiers
        # are facts one passage must name.
        identifiers=() if briefing else tuple(sorted(names.identifiers(plain))),
        years=() if briefing else tuple(sorted(names.years(plain))),
        briefing=briefing,
        how_many=asks_how_many(question),
        window=named if hard else window,
        prefer=None if hard or named is None else DateWindow(named.start or "1900-01-01", named.end or now.isoformat()),
        history=tuple(history),
        newest_first=reading.newest_first,
        asks_when=reading.asks_when,
        asks_who=asks_who(question),
        answer_type=answer_type.kind_of(question),
        words=frozenset(w.lower() for w in re.findall(r"\w+", question)),
    )


def _named_window(reading: when.TimeReading, now: dt.date) -> DateWindow | None:
    """The period the question names, as ISO dates (None: it names none)."""
    if not reading.found:
        return None
    return DateWindow(reading.start.isoformat() if reading.start else None,
                      reading.end.isoformat() if reading.end else None)


def _without(text: str, spans: tuple[tuple[int, int], ...]) -> str:
    """`text` with the given character spans blanked out."""
    for start, end in sorted(spans, reverse=True):
        text = f"{text[:start]} {text[end:]}"
    return text
