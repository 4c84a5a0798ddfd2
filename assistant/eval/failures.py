"""Failure-class metrics of answers (issue 16): each class of wrong answer measured on its own.

Pure like `assistant.eval.metrics` (no index, no generator, no clock); it reads word frequencies (wordfreq,
through text.frequency) and the language detector (text.language) for the untranslated check.

Definitions (denominators in brackets; a metric with an empty denominator is null):
- untranslated_share [the sentences of the non-refused, non-empty answers to English questions, pooled]:
  share of sentences carrying Indonesian. An answer is read with its citation markers stripped and split
  into sentences (text.sentences). From each sentence, quoted terms are removed (a span inside “…”, "…",
  ‘…’ or «…» of at most QUOTED_TERM_MAX_WORDS words; a longer quotation is judged like the rest: a reader
  without Indonesian cannot read it), and so are names: every word that starts with a capital letter (names,
  titles, acronyms; a capitalised sentence-initial common word too, which rule (c) covers) and every token
  with a digit. What remains are the sentence's words (lower case; a lower-case word inside a title, the
  "dan" of "Menteri Industri dan Perdagangan", stays). A sentence is untranslated when
    (a) one of its words is an Indonesian function word: the lexicon's Indonesian `stopwords` and
        `language_markers` that the English lists do not also hold ("yang", "dan", "untuk"); or
    (b) one of its words is an Indonesian content word: at least MIN_LETTERS letters, a wordfreq Zipf
        frequency of at least ID_MIN_ZIPF in Indonesian and at most EN_MAX_ZIPF in English, the Indonesian
        one higher by at least ID_OVER_EN ("kendaraan", "mesin", "pertanian"; not "halal", "agro", "data",
        "program", which English writes too); or
    (c) it has at least DETECT_MIN_WORDS words and the project's detector (text.language.detect) reads them,
        joined, as Indonesian.
  untranslated_answers [the same answers]: share with at least one untranslated sentence.
- list_completeness [answerable questions, false-premise ones left out, with >= 2 `must` groups]: mean over
  questions of the share of groups the answer covers (a refusal covers none).
- wrong_fact_rate [number/date questions: not unanswerable, not refused, some `must` alternative states a
  number]: share whose answer gives a wrong number instead of the right one: a `must` group with a number
  in an alternative (a "number group") is not covered, and the answer states a number that a cited passage
  (`Citation.quote`) states too, that the question does not state, and that is no number of a number
  group's alternatives nor has one as a part. A number is a digit run with inner separators (`38,03`,
  `2.000`, `21/6`, `28/2/2021`) not glued to a word (the digits of "G20" or "Covid-19" are a name's), compared
  with `.` and `,` removed ("2,000" = "2.000" = "2000", "38.03" = "38,03"); its parts are its pieces between
  `/`, `:` and `-` ("28/2/2021" has the part "2021"; "1999" has no part "99"). A text "states" a number when
  its numbers or their parts include it.
- false_premise_handled [false-premise questions]: refused, or the answer contains one of the `must`
  alternatives (of any group; a false-premise question without `must` is handled only by a refusal).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any, Protocol

from assistant.eval.matching import covered, strip_markers
from assistant.eval.questions import Question
from assistant.text.foreign import (DETECT_MIN_WORDS, EN_MAX_ZIPF, ID_MIN_ZIPF, ID_OVER_EN, MIN_LETTERS,  # noqa: F401
                                    QUOTED_TERM_MAX_WORDS, _detect, indonesian_word, sentence_words, untranslated)
from assistant.text.sentences import split_sentences


class QuestionRun(Protocol):
    """What these metrics read of `assistant.eval.metrics.QuestionRun` (which imports this module)."""

    @property
    def question(self) -> Question: ...
    @property
    def answer(self) -> str: ...
    @property
    def refused(self) -> bool: ...
    @property
    def cited_texts(self) -> tuple[str, ...]: ...


# Not glued to a word: the 20 of "G20" and the 19 of "Covid-19" are parts of names, not numbers.
_NUMBER = re.compile(r"(?<!\w)(?<![^\W\d_]-)\d+(?:[.,/:-]\d+)*(?!\w)")
_PART_SEP = re.compile(r"[/:-]")


def answer_sentences(answer: str) -> list[str]:
    """The sentences of an answer, citation markers stripped; a sentence without a letter is no sentence."""
    return [s for s in split_sentences(strip_markers(answer)) if any(c.isalpha() for c in s)]


def untranslated_sentences(answer: str) -> list[str]:
    return [s for s in answer_sentences(answer) if untranslated(s)]


# Numbers -------------------------------------------------------------------------------------------------
def numbers(text: str) -> set[str]:
    """The numbers a text states, `.` and `,` removed ("US$ 38,03 juta" -> {"3803"})."""
    return {m.replace(".", "").replace(",", "") for m in _NUMBER.findall(text)}


def _parts(number: str) -> set[str]:
    return {p for p in _PART_SEP.split(number) if p}


def number_parts(text: str) -> set[str]:
    """The numbers of a text and their parts ("21/6" -> {"21/6", "21", "6"})."""
    out = set()
    for n in numbers(text):
        out |= {n} | _parts(n)
    return out


def _number_groups(must: Sequence[Sequence[str]]) -> list[Sequence[str]]:
    """The groups with an alternative that states a number."""
    return [g for g in must if any(numbers(alt) for alt in g)]


def is_number_question(run: QuestionRun) -> bool:
    return not run.question.unanswerable and bool(_number_groups(run.question.must))


def wrong_numbers(run: QuestionRun) -> list[str]:
    """The numbers the answer gives instead of the asked one (see wrong_fact_rate); empty when the answer
    covers every number group, or is refused."""
    groups = _number_groups(run.question.must)
    if run.refused or not groups or all(covered(run.answer, g) for g in groups):
        return []
    alts = [alt for g in groups for alt in g]
    right_full = set().union(*(numbers(a) for a in alts))
    right_any = set().union(*(number_parts(a) for a in alts))
    cited = set().union(set(), *(number_parts(t) for t in run.cited_texts))
    asked = number_parts(run.question.question)
    return sorted(n for n in numbers(strip_markers(run.answer))
                  if n in cited and n not in asked and n not in right_any and not (_parts(n) & right_full))


# Lists and false premises --------------------------------------------------------------------------------
def is_list_question(run: QuestionRun) -> bool:
    q = run.question
    return not q.unanswerable and not q.false_premise and len(q.must) >= 2


def groups_covered(run: QuestionRun) -> float:
    """Share of the question's `must` groups the answer covers; 0 for a refusal."""
    must = run.question.must
    if not must or run.refused:
        return 0.0
    return sum(covered(run.answer, g) for g in must) / len(must)


def premise_handled(run: QuestionRun) -> bool:
    if run.refused:
        return True
    return any(covered(run.answer, [alt]) for g in run.question.must for alt in g)


# Metrics over runs ---------------------------------------------------------------------------------------
def _judged_for_language(run: QuestionRun) -> bool:
    return run.question.lang == "en" and not run.refused and bool(run.answer.strip())


def _share(hits: int, total: int) -> float | None:
    return hits / total if total else None


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def failure_metrics(runs: Iterable[QuestionRun]) -> dict[str, Any]:
    """The failure-class metrics of a set of runs (definitions in the module docstring)."""
    runs = list(runs)
    english = [r for r in runs if _judged_for_language(r)]
    per_answer = [(len(answer_sentences(r.answer)), len(untranslated_sentences(r.answer))) for r in english]
    lists = [r for r in runs if is_list_question(r)]
    numeric = [r for r in runs if is_number_question(r) and not r.refused]
    premises = [r for r in runs if r.question.false_premise]
    return {
        "untranslated_share": _share(sum(bad for _, bad in per_answer), sum(n for n, _ in per_answer)),
        "untranslated_answers": _share(sum(bad > 0 for _, bad in per_answer), len(per_answer)),
        "n_english_answers": len(per_answer),
        "list_completeness": _mean([groups_covered(r) for r in lists]),
        "n_list": len(lists),
        "wrong_fact_rate": _share(sum(bool(wrong_numbers(r)) for r in numeric), len(numeric)),
        "n_number_answered": len(numeric),
        "false_premise_handled": _share(sum(premise_handled(r) for r in premises), len(premises)),
        "n_false_premise": len(premises),
    }


def failure_detail(run: QuestionRun) -> dict[str, Any]:
    """The per-question verdicts behind `failure_metrics` (null where the metric does not judge the run)."""
    return {
        "untranslated_sentences": untranslated_sentences(run.answer) if _judged_for_language(run) else None,
        "groups_covered": round(groups_covered(run), 3) if is_list_question(run) else None,
        "wrong_numbers": wrong_numbers(run) if is_number_question(run) and not run.refused else None,
        "premise_handled": premise_handled(run) if run.question.false_premise else None,
    }


__all__ = [
    "answer_sentences",
    "failure_detail",
    "failure_metrics",
    "groups_covered",
    "indonesian_word",
    "is_list_question",
    "is_number_question",
    "number_parts",
    "numbers",
    "premise_handled",
    "sentence_words",
    "untranslated",
    "untranslated_sentences",
    "wrong_numbers",
]
