"""Follow-up questions by rules: the newest question and the conversation so far -> a standalone question.

Contract: `standalone(question, earlier)` returns the question to search for, given the earlier questions of
the conversation (oldest first). Without earlier questions, or when `is_followup` finds no sign that the
question leans on them, the question is returned unchanged: a new topic does not inherit the old one. The
earlier questions are first made standalone themselves, each against the one before (a fold), so a third
turn sees the topic of the first.

A question leans on the previous one (`is_followup`) when it opens with a continuation ("And …?", "What
about …?", "dan …", "bagaimana dengan …"), uses a pronoun that points back ("them", "mereka", "tersebut"),
is short and uses a demonstrative or the suffix -nya ("When was that signed?", "Siapa pemimpinnya?"), or
has no topic of its own (only names, countries or a time: "Japan?", "In 2021?"; or nothing: "When?").

How the standalone question is built from the previous standalone question P:
- only new anchors (countries, names, a time; "And with Japan?", "dan dengan Rusia?", "What about 2021?"):
  P with its anchor of the same kind replaced ("... with Russia?" -> "... with Japan?"), or, when P has
  none, the new words added at its end;
- otherwise ("Who leads them?"): the question, with P's words it does not repeat added in parentheses:
  P's topic words, its countries and names (unless the question names its own), and P's time expression
  (unless the question names its own), so the search and the time window carry over.
Word lists: lexicon keys `followup_*`, `stopwords`, `when_words`, `countries`.
"""

from __future__ import annotations

import re

from assistant.text.stems import query_tokens
from assistant.text import gazetteer, language, lexicon, when

# A question of at most this many words is "short": its demonstratives point back ("When was that signed?").
SHORT = 6
MIN_SUFFIXED = 6  # "-nya" counts on words at least this long ("pemimpinnya", not "hanya")
_WORD = re.compile(r"[^\W_][\w'’-]*")
_END = re.compile(r"[\s?!.。]*$")
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _opener(text: str) -> re.Match[str] | None:
    return re.match(rf"\s*(?:{lexicon.alternation('followup_openers')})\b[\s,]*", text, re.I)


def _function_words() -> frozenset[str]:
    out = set(lexicon.words("stopwords") | lexicon.words("followup_pronouns") | lexicon.words("followup_fillers")
              | lexicon.words("followup_demonstratives"))
    for phrases in (lexicon.words("when_words"), lexicon.words("followup_openers")):
        out |= {w for phrase in phrases for w in phrase.split()}
    return frozenset(out)


def _is_country(word: str) -> bool:
    return any(word.lower() in g for g in gazetteer.GROUPS)


def _time_span(text: str) -> tuple[int, int] | None:
    """Where `text` names a period (text.when; the date it resolves to does not matter here)."""
    from datetime import date

    return when.read_time(text, date.today()).span


def content_words(text: str) -> list[str]:
    """The words of `text` that carry meaning (names, countries and numbers included), in order; the time
    expression excluded."""
    span = _time_span(text)
    if span:
        text = f"{text[:span[0]]} {text[span[1]:]}"
    skip = _function_words()
    return [w for w in _words(text) if w.lower() not in skip]


def _anchors(text: str) -> tuple[list[str], list[str]]:
    """(country words, other names and numbers) among the content words of `text`."""
    words = content_words(text)
    countries = [w for w in words if _is_country(w)]
    names = [w for w in words if not _is_country(w) and (w[0].isupper() or w[0].isdigit())]
    return countries, names


def _partners(countries: list[str]) -> list[str]:
    """The country words that name a country besides Indonesia (every article's own)."""
    return [w for w in countries if "indonesia" not in next(g for g in gazetteer.GROUPS if w.lower() in g)]


def _topic(text: str) -> list[str]:
    """Content words that are not anchors: what the question is about."""
    countries, names = _anchors(text)
    return [w for w in content_words(text) if w not in countries and w not in names]


def _points_back(question: str) -> bool:
    """A demonstrative that is not the determiner of a name ("that" in "When was that signed?", not "itu" in
    "Apa itu ASEAN?") nor a copula after a question word ("Apa itu kemitraan ekonomi?")."""
    copulas = [m.end() for m in lexicon.pattern("copula_phrases").finditer(question)]
    for m in lexicon.pattern("followup_demonstratives").finditer(question):
        after = question[m.end():]
        if re.match(r"\s+[A-Z0-9]", after) or (m.end() in copulas and _words(after)):
            continue
        return True
    return False


def is_followup(question: str) -> bool:
    """True when the question leans on the previous one (see the module contract)."""
    words = [w.lower() for w in _words(question)]
    if _opener(question) or lexicon.pattern("followup_pronouns").search(question):
        return True
    if len(words) <= SHORT:
        if _points_back(question):
            return True
        suffixes = tuple(lexicon.words("followup_suffixes"))
        if suffixes and any(len(w) >= MIN_SUFFIXED and w.endswith(suffixes) for w in words):
            return True
    if not content_words(question) and not _time_span(question):
        return True  # "When?", "Kapan?", "Tell me more"
    # Only anchors ("Japan?", "In 2021?"), unless asked about ("Who is …?", "Apa itu …?").
    return not _topic(question) and not lexicon.pattern("question_words").search(question)


def _country_name(group: frozenset[str], like: str) -> str:
    """The country's name in the language of the text `like`, capitalised."""
    lang, _ = language.detect(like)
    for names in lexicon.entry("countries", lang).values():  # type: ignore[union-attr]
        if group & set(names):
            return str(names[0]).title()
    return sorted(group)[0].title()


def _replace_country(previous: str, new_word: str) -> str | None:
    """`previous` with its first partner country (all its names) replaced by `new_word`'s country."""
    new_group = next(g for g in gazetteer.GROUPS if new_word.lower() in g)
    old = next((g for g in gazetteer.partners_in(previous) if g != new_group), None)
    if old is None:
        return None
    pattern = re.compile(rf"\b(?:{'|'.join(sorted(map(re.escape, old), key=len, reverse=True))})\b", re.I)
    return pattern.sub(_country_name(new_group, previous), previous)


def _append(previous: str, words: str) -> str:
    core = _END.sub("", previous)
    end = previous[len(core):].strip() or "?"
    return f"{core} {words.strip()}{end}"


def _substitute(question: str, previous: str) -> str:
    """`previous` with the anchors of an anchors-only follow-up put in (see the module contract)."""
    rest = question[_opener(question).end():] if _opener(question) else question
    rest = _END.sub("", rest)
    out, unplaced = previous, []
    span, old_span = _time_span(rest), _time_span(previous)
    if span and old_span:
        out = f"{previous[:old_span[0]]}{rest[span[0]:span[1]]}{previous[old_span[1]:]}"
    elif span:
        unplaced.append(rest[span[0]:span[1]])
    countries, names = _anchors(rest)
    year = _YEAR.search(rest)
    if not span and old_span and year:  # "What about 2022?": the year inside the old time expression
        phrase = _YEAR.sub(year.group(0), previous[old_span[0]:old_span[1]], count=1)
        out = f"{previous[:old_span[0]]}{phrase}{previous[old_span[1]:]}"
        names = [n for n in names if n != year.group(0)]
        span = old_span
    for word in countries:
        group = next(g for g in gazetteer.GROUPS if word.lower() in g)
        if "indonesia" in group or group in gazetteer.partners_in(out):
            continue  # nothing to replace: Indonesia is every article's, or the country is already there
        replaced = _replace_country(out, word)
        if replaced is None:
            unplaced.append(word)
        else:
            out = replaced
    unplaced += names
    if not unplaced:
        return out
    if len(unplaced) == len(countries) + len(names) + (1 if span else 0) and not (span and old_span):
        return _append(out, rest)  # nothing placed: the follow-up's own words, as written ("with Japan")
    return _append(out, " ".join(unplaced))


def _carry(question: str, previous: str) -> str:
    """The question with what it leaves out of `previous` in parentheses (see the module contract)."""
    asked = {w.lower() for w in _words(question)} | set(query_tokens(question))
    q_countries, q_names = _anchors(question)
    q_countries, p_countries = _partners(q_countries), _partners(_anchors(previous)[0])
    p_names = _anchors(previous)[1]
    carried: list[str] = []
    for w in content_words(previous):
        if w.lower() in asked or set(query_tokens(w)) & asked or w in carried:
            continue
        if (w in p_countries and q_countries) or (w in p_names and q_names):
            continue  # the question names its own
        carried.append(w)
    old_span = _time_span(previous)
    if old_span and not _time_span(question):
        carried.append(previous[old_span[0]:old_span[1]])
    if not carried:
        return question
    core = _END.sub("", question)
    end = question[len(core):].strip() or ""
    return f"{core} ({' '.join(carried)}){end}"


def rewrite(question: str, previous: str) -> str:
    """One step: `question` made standalone against the standalone question before it."""
    if not is_followup(question):
        return question
    if not _topic(_opener(question) and question[_opener(question).end():] or question) and any(_anchors(question)) \
            or (_time_span(question) and not _topic(question)):
        return _substitute(question, previous)
    return _carry(question, previous)


def standalone(question: str, earlier: list[str]) -> str:
    """The question to search for (see the module contract); `earlier`: the conversation's questions."""
    if not earlier:
        return question
    previous = earlier[0]
    for q in earlier[1:]:
        previous = rewrite(q, previous)
    return rewrite(question, previous)
