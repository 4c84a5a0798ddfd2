"""tests/data/answers_dev.jsonl, the answer dev set over the seed articles (issue 16): its shape, its balance,
and that every expected fact is really in the articles it names (no models: the corpus files are read)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from assistant.eval import failures
from assistant.eval.questions import Question, load_questions

REPO = Path(__file__).resolve().parents[3]
ANSWERS_DEV = REPO / "tests" / "data" / "answers_dev.jsonl"
DEV_QA = REPO / "tests" / "data" / "dev_qa.jsonl"
CORPUS = REPO / "corpus"
KINDS = ("list", "when", "num", "multi", "fp", "un", "fact")  # the second part of every id: en-list-1


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


@pytest.fixture(scope="module")
def questions() -> list[Question]:
    return load_questions(ANSWERS_DEV)


@pytest.fixture(scope="module")
def articles() -> dict[str, str]:
    return {p.stem: _norm(p.read_text(encoding="utf-8")) for p in CORPUS.glob("*.txt")}


def _kind(q: Question) -> str:
    return q.id.split("-")[1]


def test_size_languages_and_classes(questions: list[Question]) -> None:
    assert len(questions) >= 64
    langs = Counter(q.lang for q in questions)
    assert langs["en"] == langs["id"] == len(questions) // 2
    assert {_kind(q) for q in questions} == set(KINDS)
    for lang in ("en", "id"):
        mine = [q for q in questions if q.lang == lang]
        assert sum(len(q.must) >= 2 for q in mine if not q.false_premise) >= 8  # list and multi-part
        assert sum(any(c.isdigit() for g in q.must for a in g for c in a) for q in mine) >= 6  # numbers, dates
        assert sum(q.false_premise for q in mine) >= 4
        assert sum(q.unanswerable and not q.false_premise for q in mine) >= 4
        assert sum(_kind(q) == "when" for q in mine) >= 4


def test_classes_match_the_flags(questions: list[Question]) -> None:
    for q in questions:
        kind = _kind(q)
        assert q.false_premise == (kind == "fp"), q.id
        if kind == "un" or q.unanswerable:
            assert q.unanswerable and q.docs == () and q.must == (), q.id
        else:
            assert q.docs and q.must, q.id
        if kind == "list":
            assert len(q.must) >= 2, q.id


def test_splits_are_balanced_by_class_and_language(questions: list[Question]) -> None:
    assert all(q.split in ("tune", "heldout") for q in questions)
    splits = Counter(q.split for q in questions)
    assert abs(splits["tune"] - splits["heldout"]) <= 2
    for lang in ("en", "id"):
        for kind in KINDS:
            group = Counter(q.split for q in questions if q.lang == lang and _kind(q) == kind)
            assert abs(group["tune"] - group["heldout"]) <= 1, (lang, kind, group)
        per_lang = Counter(q.split for q in questions if q.lang == lang)
        assert abs(per_lang["tune"] - per_lang["heldout"]) <= 2, (lang, per_lang)
    for kind in KINDS:  # odd-sized classes alternate between the languages
        group = Counter(q.split for q in questions if _kind(q) == kind)
        assert group["tune"] == group["heldout"], (kind, group)


def test_expected_documents_exist(questions: list[Question], articles: dict[str, str]) -> None:
    for q in questions:
        assert set(q.docs) <= set(articles), (q.id, q.docs)


def test_no_question_of_the_old_dev_set_is_repeated(questions: list[Question]) -> None:
    old = {_norm(q.question) for q in load_questions(DEV_QA)}
    assert not [q.id for q in questions if _norm(q.question) in old]


def _in_docs(alt: str, q: Question, articles: dict[str, str]) -> bool:
    return any(_norm(alt) in articles[d] for d in q.docs)


def _english(alt: str) -> bool:
    """An alternative that is no Indonesian text: no Indonesian word (failures.indonesian_word, on every word
    lower-cased), and not read as Indonesian by the detector when it has several words."""
    words = re.findall(r"[^\W\d_]+", alt.lower())
    if any(failures.indonesian_word(w) for w in words):
        return False
    return len(words) < 3 or failures._detect(alt) != "id"


def test_every_fact_is_in_its_articles(questions: list[Question], articles: dict[str, str]) -> None:
    """Each `must` group has an alternative in one of the question's `docs`; every alternative of an
    Indonesian question is in them; an alternative of an English question missing from them must be an
    English rendering (so every Indonesian-language alternative occurs in the article text)."""
    problems = []
    for q in questions:
        for group in q.must:
            if not any(_in_docs(alt, q, articles) for alt in group):
                problems.append((q.id, group, "no alternative in the articles"))
            for alt in group:
                if _in_docs(alt, q, articles):
                    continue
                if q.lang == "id" or not _english(alt):
                    problems.append((q.id, alt, "Indonesian alternative not in the articles"))
    assert not problems, problems


def test_the_english_check_tells_the_languages_apart() -> None:
    assert _english("upstream chemical") and _english("state-owned") and _english("June 21")
    assert not _english("kimia hulu") and not _english("bahan baku pupuk") and not _english("21 Juni")
