"""People named in passages, for the "actors" part of a briefing. No Indonesian NER model ships offline, so
this is a conservative rule: a run of 2-4 capitalised words (initials allowed: "Budi SA Santoso") none of
which is an institution, title, place, calendar or sentence-opening word. Only names that occur in the
cited passages are ever listed, so a miss costs completeness, never a wrong citation.

The word lists are general language knowledge (the lexicon keys below); what no list can know is decided
by rule: an acronym ("ABC", three or more capitals) is an organisation, and so is a run holding a company
form ("PT … Tbk"); a ministry abbreviation is an office ("Kemenkeu", "Menlu"); a capitalised run that
continues the English name of a thing across a connector ("… Safe Use of Fine Chemicals") is the rest of
that name.
"""

from __future__ import annotations

import re

from assistant.text import dates, gazetteer, lexicon
from assistant.text.sentences import split_sentences

# The lexicon keys whose words are never part of a person's name: titles, institutions, quote verbs…
NOT_NAME_KEYS = ("titles", "institution_words", "title_words", "section_names", "quote_verbs", "reporting_verbs",
                 "connectives", "news_words", "regions", "weekdays")
_NOT_NAME = frozenset().union(*(lexicon.words(key) for key in NOT_NAME_KEYS))
_COMPANY_FORMS = lexicon.words("company_forms")

_RUN = re.compile(r"(?:(?:[A-Z]\.){1,3}|[A-Z][\w-]*)(?: (?:(?:[A-Z]\.){1,3}|[A-Z][\w-]*))+")
# An acronym: three or more capitals (two are as often initials: "Budi SA Santoso", "Rina AL …").
_ACRONYM = re.compile(r"[A-Z]{3,}")
# Indonesian ministry and minister abbreviations: a prefix (kemen-, kem-, men-) glued to a clipped field
# (-keu, -lu, -perin …), optionally through "ko" (coordinating): "Kemenkeu", "Menlu", "Menkopolhukam".
_OFFICE = re.compile(rf"(?:{lexicon.alternation('office_prefixes', space='')})(?:ko)?"
                     rf"(?:{lexicon.alternation('office_fields', space='')})", re.I)
# Text ending in "<Capitalised word> <connector> " ("… Use of "): a run after it may continue that name.
_BEFORE_CONTINUATION = re.compile(rf"\b([A-Z][\w-]*) (?:{lexicon.alternation('name_connectors', space=' ')}) $")


def _is_name_word(word: str) -> bool:
    w = word.rstrip(".")
    lw = w.lower()
    if lw in _NOT_NAME or lw in dates.MONTHS or _ACRONYM.fullmatch(w) or _OFFICE.fullmatch(w):
        return False
    return not any(lw in g for g in gazetteer.GROUPS)


def _continues_title(before: str) -> bool:
    """True when the text before a run ends in a capitalised non-name word and a connector ("Use of "):
    the run is the rest of the name of a thing ("Safe Use of Fine Chemicals"), not a person."""
    match = _BEFORE_CONTINUATION.search(before)
    return bool(match) and not _is_name_word(match.group(1))


def people(text: str) -> list[str]:
    """Names in order of first appearance."""
    found: list[str] = []
    for sentence in split_sentences(text):
        # Runs of adjacent capitalised tokens, separated only by single spaces.
        for run in _RUN.finditer(sentence):
            words = run.group(0).split()
            # Drop leading title/institution words: "Menteri Keuangan Budi Santoso" -> "Budi Santoso".
            while words and not _is_name_word(words[0]):
                if _ACRONYM.fullmatch(words[0].rstrip(".")) and len(words) > 1 and _is_name_word(words[1]):
                    # An acronym heading capitalised words ("ABC Buka Cabang Baru") is an organisation
                    # and its headline; one followed by titles or places ("ABC Jepang Budi …") is trimmed.
                    words = []
                    break
                words.pop(0)
            trimmed_front = len(words) < len(run.group(0).split())
            while words and not _is_name_word(words[-1]):
                words.pop()
            full_words = [w for w in words if len(w.rstrip(".")) > 2 or w.isupper()]
            if not (2 <= len(words) <= 4) or not all(_is_name_word(w) for w in words):
                continue
            if all(w.isupper() for w in words) or len(full_words) < 2 and not any(w.isupper() for w in words):
                continue
            if words[0].isupper() and len(words[0]) > 1:  # an acronym opens it: an organisation
                continue
            # "Minister of Trade Budi …" names its office first, so the title rule does not apply.
            if not trimmed_front and _continues_title(sentence[:run.start()]):
                continue
            name = " ".join(words)
            # "Budi Santoso" after "Budi SA Santoso" is the same person.
            if not any(set(words) <= set(other.split()) for other in found):
                found.append(name)
    return found
