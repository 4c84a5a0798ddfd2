"""Extract, per on-topic article: its key sentences, its dated events, the people and organisations it
names with their stated role, and the next steps it announces. Code only, no LLM: every item is a sentence
of the article, verbatim, so the citation check later sees exactly what the article says.

Contract: `extract(article, settings)` -> `Extract`.
- points: the article's sentences at least `brief_min_relevance` close to the topic, and its lede (the first
  quotable sentence: news states the news first) when within `brief_sentence_margin` of its best sentence;
  the closest and most specific first (`point_score`: relevance, a bonus per name and number, and one for a
  concluded development, answer.brief.signals.outcome); quotable only (no text addressed to an AI, no
  caption or credit line, 6-70 words);
- events: those sentences with a date (answer.brief.when), past or present;
- next steps: sentences as close that announce something (lexicon `future_markers`), dated when they say
  when;
- actors: people the article names (text.people), each with the role written before the name
  ("Menteri Perindustrian Budi Santoso") or after it in apposition ("Budi Santoso, Menteri …").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

import numpy as np

from assistant.answer.brief import signals, when
from assistant.records import Lang
from assistant.settings import Settings
from assistant.text import injection, lexicon, names, people

_TOKEN = re.compile(r"[^\W_][\w.&'’-]*|[(),]")
_LOWER = re.compile(r"[a-z]")
MIN_WORDS, MAX_WORDS = 6, 70
MAX_ROLE_TOKENS = 24  # words and punctuation: long Indonesian office names run to ~20


@dataclass(frozen=True)
class Sentence:
    text: str
    vector: np.ndarray
    relevance: float  # cosine to the closest part of the topic (own or in-context vector)
    order: int  # position in the article
    bonus: float = 0.0  # what it tells beyond its closeness to the topic (set by `extract`: an outcome)


@dataclass(frozen=True)
class Article:
    doc_id: str
    title: str
    published: str | None
    source: str | None
    language: Lang
    sentences: tuple[Sentence, ...]
    relevance: float  # the best sentence's
    parts: tuple[str, ...]  # labels of the topic parts it covers
    flags: tuple[str, ...] = ()


@dataclass
class Extract:
    article: Article
    points: list[Sentence] = field(default_factory=list)
    events: list[tuple[str, Sentence]] = field(default_factory=list)
    next_steps: list[tuple[str | None, Sentence]] = field(default_factory=list)
    actors: list[tuple[str, str, Sentence]] = field(default_factory=list)


def quotable(text: str) -> bool:
    """A sentence fit to quote in a brief: prose of a sensible length, not a caption, credit or injection."""
    words = text.split()
    if not MIN_WORDS <= len(words) <= MAX_WORDS or injection.addressed_to_ai(text):
        return False
    letters = [c for c in text if c.isalpha()]
    if not letters or sum(c.isupper() for c in letters) > 0.4 * len(letters):
        return False  # "ANTARA FOTO/…": a credit line
    return bool(_LOWER.search(text)) and not text.rstrip().endswith(":")


# A point that names things (programmes, agreements, people, amounts) tells a reader more than a general
# statement of goodwill equally close to the topic: a small bonus per name or number, capped. A sentence
# reporting a concluded development (answer.brief.signals.outcome: agreed, signed, launched) is what a brief
# is read for, and often sits far from the topic in meaning (long agreement names, in English inside
# Indonesian text): a bonus large enough to put it among its article's first points.
SPECIFIC_BONUS, SPECIFIC_CAP = 0.02, 6
OUTCOME_BONUS = 0.25


def point_score(s: Sentence) -> float:
    specific = len(names.names(s.text)) + len(names.numbers(s.text))
    return s.relevance + SPECIFIC_BONUS * min(specific, SPECIFIC_CAP) + s.bonus


def _role_words() -> frozenset[str]:
    return lexicon.words("titles") | lexicon.words("institution_words")


def _is_role_token(tok: str, connectors: frozenset[str]) -> bool:
    return tok in "()," or tok[:1].isupper() or tok.lower() in connectors


def _trim(tokens: list[str], connectors: frozenset[str]) -> list[str]:
    while tokens and (tokens[0] in ",)" or tokens[0].lower() in connectors):
        tokens.pop(0)
    while tokens and (tokens[-1] in ",(" or tokens[-1].lower() in connectors):
        tokens.pop()
    return tokens


def _join(tokens: list[str]) -> str:
    text = " ".join(tokens)
    return re.sub(r"\s+([,)])", r"\1", re.sub(r"\(\s+", "(", text))


def role_of(sentence: str, name: str, others: list[str]) -> str:
    """The role written next to `name` in `sentence`: the run of capitalised words (and connectors) right
    before it that starts with a title or institution word, else one in apposition after it."""
    at = sentence.find(name)
    if at < 0:
        return ""
    connectors = lexicon.words("role_connectors")
    titles = _role_words()
    before = _TOKEN.findall(sentence[:at])
    run: list[str] = []
    other_words = {w for o in others if o != name for w in o.split()}
    for tok in reversed(before):
        if not _is_role_token(tok, connectors) or tok in other_words or len(run) >= MAX_ROLE_TOKENS:
            break
        run.insert(0, tok)
    start = next((i for i, t in enumerate(run) if t.lower() in titles), None)
    if start is not None:
        role = _trim(run[start:], connectors)
        if role and role[-1].lower() not in connectors:
            return _join(role)
    after = sentence[at + len(name):]
    m = re.match(r"\s*,\s*", after)
    if m:
        tail = _TOKEN.findall(after[m.end():])
        run = []
        for tok in tail:
            if tok == "," or not _is_role_token(tok, connectors) or len(run) >= MAX_ROLE_TOKENS:
                break
            run.append(tok)
        if run and run[0].lower() in titles:
            return _join(_trim(run, connectors))
    return ""


def extract(article: Article, settings: Settings) -> Extract:
    out = Extract(article)
    usable = [s for s in article.sentences if quotable(s.text)]
    if not usable:
        return out
    best = max(s.relevance for s in usable)
    lede = min(usable, key=lambda s: s.order)
    # The article is on topic: any of its on-topic sentences may be a point, and its lede when it is within
    # `brief_sentence_margin` of the article's best sentence (a lede states the news in its own words).
    on_topic = [s for s in usable if s.relevance >= settings.brief_min_relevance
                or s is lede and s.relevance >= best - settings.brief_sentence_margin]
    on_topic = [replace(s, bonus=OUTCOME_BONUS * signals.outcome(s.text)) for s in on_topic]
    # The closest and most specific first (the merge then prefers points unlike those already chosen).
    out.points = sorted(on_topic, key=lambda s: -point_score(s))
    # Events and announcements are what a brief is read for: any on-topic sentence of the article counts.
    for s in on_topic:
        dated = when.event_date(s.text, article.published)
        future = when.is_future(s.text)
        is_after = dated is not None and article.published is not None and dated[0] > article.published[:10]
        if future and (dated is None or is_after or article.published is None):
            out.next_steps.append((dated[0] if dated else None, s))
        elif dated is not None:
            out.events.append((dated[0], s))
    named: list[str] = []
    for s in article.sentences:
        for person in people.people(s.text):
            if not any(set(person.split()) <= set(o.split()) for o in named):
                named.append(person)
                out.actors.append((person, "", s))
    # A role is taken from any sentence naming the person (the first mention often has none).
    with_roles = []
    for person, _, first in out.actors:
        role, where = "", first
        for s in article.sentences:
            if person in s.text:
                role = role_of(s.text, person, named)
                if role:
                    where = s
                    break
        with_roles.append((person, role, where))
    out.actors = with_roles
    return out
