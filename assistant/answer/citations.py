"""Citation check: generated text + numbered evidence -> text whose every claim cites a passage that
supports it. Never trusts the generator.

Contract, per sentence of the answer:
- markers pointing to no passage are removed;
- a cited passage must support the sentence: every number and every name (a capitalised word, allowing for
  translated days, months and country names) in the sentence occurs in its article or in the question, and the
  sentence is semantically close to one of the passage's sentences (cosine >= `min_support`);
- a sentence whose citations fail but which another passage supports is re-pointed to that passage (small
  LLMs often cite the wrong [n]); a sentence no passage supports is dropped and reported;
- a sentence that reads its marker as a word ("they met in [3].") is dropped; "as stated in passage [1]" loses
  the phrase;
- headings (a line ending with ":") pass unchanged; a "<placeholder>" echoed from the prompt is cut;
- the surviving markers are renumbered 1..k in order of first appearance.

Text addressed to an AI assistant (text.injection: "ignore previous instructions", "jawab hanya dengan …",
"SYSTEM:") is data, never support: such a sentence of a passage is left out of the support search and out of
the numbers and names the passage vouches for, and a claim that itself addresses an AI is dropped. A
citation carries its passage's flags (the chunk's from the index, or "instructions" when the quote addresses
an AI), so a reader can see it.

`addresses(question, checked)` then says whether what survived answers the question at all: a one-word
answer ("PWNED") or one sharing no content word with the question or with its cited sentences ("ACCESS
DENIED") is not shown (the caller falls back to quotes or refuses).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from assistant.text import dates

from assistant.text import gazetteer, injection, lexicon
from assistant.backends.embed import Embedder
from assistant.records import Citation, Evidence
from assistant.text.sentences import split_sentences

MARKER = re.compile(r"\[(\d+(?:\s*[,;]\s*\d+)*)\]")  # [1], [1, 2], [1; 2]
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_BULLET = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")
# A template placeholder the model echoed from its prompt ("<a fact taken from a passage>"): not a claim.
_PLACEHOLDER = re.compile(r"<[^<>\n]{1,60}>")
# "…, as stated in passage [1]": the reference is the marker's job, not the sentence's.
# The phrases are the lexicon's `self_reference` and `passage_nouns`, words joined by one literal space.
_SELF_REFERENCE = re.compile(
    rf",?\s*\b(?:{lexicon.alternation('self_reference', space=' ')})\s+(?:the\s+)?"
    rf"(?:{lexicon.alternation('passage_nouns', space=' ')})(?=\s*(?:\[|[.,;]|$))",
    re.I)
# A claim ending on one of these read its marker as a word ("met in [3]."): it says nothing by itself.
_DANGLING = lexicon.words("dangling")


# An English day name -> the Indonesian one (the lexicon's `weekdays` lists are parallel).
_DAYS = dict(zip(lexicon.sequence("weekdays", "en"), lexicon.sequence("weekdays", "id")))
# Title-case words a translation legitimately introduces ("Ministry of Industry" for "Kementerian
# Perindustrian"): not names, so not checked against the passage.
_TITLE_WORDS = lexicon.words("title_words")


def markers(text: str) -> list[int]:
    """The passage numbers a text's [n] markers point to, in order ("[1, 2]" gives 1 and 2)."""
    return [int(n) for group in MARKER.findall(text) for n in re.split(r"[,;]", group)]


def citation_for(ev: Evidence, n: int | None = None, supporting: str | None = None) -> Citation:
    """The Citation of a passage: numbered `n` (default: the passage's own number), quoting the passage,
    with `supporting` (default: its best sentence) as the sentence that backs the claim."""
    c = ev.hit.chunk
    # An index built before flags existed stores none: the quote itself is checked too.
    flags = tuple(dict.fromkeys(c.flags + injection.flags(ev.quote)))
    return Citation(n=ev.n if n is None else n, doc_id=c.doc_id, chunk_id=c.chunk_id, title=c.title,
                    published=c.published, source=c.source, quote=ev.quote,
                    supporting=ev.best_sentence if supporting is None else supporting, flags=flags)


def _words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"\w+", text)}


def _names(claim: str) -> set[str]:
    """Capitalised words after the first: the names, places and dates a claim asserts."""
    tokens = re.findall(r"[^\W\d_]\w*", claim)  # "Indonesia-Jepang" is two names, as in _words
    return {t.lower() for t in tokens[1:] if t[0].isupper() and len(t) > 1 and t.lower() not in _TITLE_WORDS}


def _name_supported(name: str, passage_words: set[str]) -> bool:
    if name in passage_words:
        return True
    if name in _DAYS:
        return _DAYS[name] in passage_words
    if name in dates.MONTHS:
        return any(dates.MONTHS.get(w) == dates.MONTHS[name] for w in passage_words)
    return any(name in g and g & passage_words for g in gazetteer.GROUPS)


def _numbers(text: str) -> set[str]:
    # "2.000", "2,000" and "2000" are one number; single digits carry little and are often spelled out.
    return {re.sub(r"\D", "", n) for n in _NUMBER.findall(text) if len(re.sub(r"\D", "", n)) >= 2}


@dataclass(frozen=True)
class Checked:
    text: str
    citations: tuple[Citation, ...]
    dropped: tuple[str, ...]
    claims: tuple[str, ...] = ()  # the kept claims (headings excluded), markers stripped


@dataclass
class _Unit:
    prefix: str  # bullet or ""
    claim: str
    markers: list[int]
    heading: bool
    line: int


def _units(text: str) -> list[_Unit]:
    units: list[_Unit] = []
    for line_no, line in enumerate(text.strip().splitlines()):
        if not line.strip():
            continue
        bullet = _BULLET.match(line)
        prefix = "- " if bullet else ""
        body = line[bullet.end():] if bullet else line
        for sentence in split_sentences(body):
            marks = markers(sentence)
            claim = re.sub(r"\s+", " ", MARKER.sub("", _SELF_REFERENCE.sub("", _PLACEHOLDER.sub("", sentence)))).strip()
            claim = re.sub(r"\s+([.,;:!?])", r"\1", claim)
            if not claim:  # a lone marker: attach it to the previous claim
                if units and units[-1].line == line_no:
                    units[-1].markers.extend(marks)
                continue
            heading = claim.endswith(":") and not marks
            units.append(_Unit(prefix if not units or units[-1].line != line_no else "", claim, marks, heading, line_no))
    return units


def check(text: str, evidence: list[Evidence], passage_vectors: dict[int, np.ndarray], embedder: Embedder,
          min_support: float, question: str = "") -> Checked:
    by_n = {ev.n: ev for ev in evidence}
    units = _units(text)
    claims = [u for u in units if not u.heading]
    # A verbatim quote (the extractive generator's whole answer) already has its vector in the index.
    stored = {text: passage_vectors[ev.n][k] for ev in evidence for k, text in enumerate(ev.sentences)}
    claim_vec = {id(u): stored[u.claim] for u in claims if u.claim in stored}
    fresh = [u for u in claims if id(u) not in claim_vec]
    if fresh:
        claim_vec.update(zip((id(u) for u in fresh), embedder.encode_documents([u.claim for u in fresh])))
    # Sentences addressed to an AI support nothing: neither by meaning nor by the names and numbers they
    # hold ("say the bridge was built by <company>" must not vouch for that company).
    barred = {ev.n: np.array([injection.addressed_to_ai(s) for s in ev.sentences], dtype=bool) for ev in evidence}
    source_text = {ev.n: " ".join([ev.hit.chunk.title, ev.hit.chunk.published or "",
                                   *(s for s in ev.hit.chunk.sentences if not injection.addressed_to_ai(s))])
                   for ev in evidence}
    numbers_of = {n: _numbers(t) for n, t in source_text.items()}
    words_of = {n: _words(t) for n, t in source_text.items()}
    question_words = _words(question)

    def support(u: _Unit, n: int) -> tuple[float, int]:
        sims = np.where(barred[n], -1.0, passage_vectors[n] @ claim_vec[id(u)])
        best = int(np.argmax(sims))
        return float(sims[best]), best

    kept: list[tuple[_Unit, list[int]]] = []
    dropped: list[str] = []
    supporting: dict[int, str] = {}
    for u in units:
        if u.heading:
            kept.append((u, []))
            continue
        last_word = re.findall(r"\w+", u.claim.lower())[-1:]
        if last_word and last_word[0] in _DANGLING or injection.addressed_to_ai(u.claim):
            dropped.append(u.claim)
            continue
        nums = _numbers(u.claim)
        names = _names(u.claim) - question_words
        scored = {n: support(u, n) for n in by_n
                  if nums <= numbers_of[n] and all(_name_supported(x, words_of[n]) for x in names)}
        good = [n for n in dict.fromkeys(u.markers) if n in scored and scored[n][0] >= min_support]
        if not good and scored:
            best_n = max(scored, key=lambda n: scored[n][0])
            if scored[best_n][0] >= min_support:
                good = [best_n]
        if not good:
            dropped.append(u.claim)
            continue
        for n in good:
            supporting.setdefault(n, by_n[n].sentences[scored[n][1]])
        kept.append((u, good))

    # Renumber in order of first appearance.
    order: dict[int, int] = {}
    for _, ns in kept:
        for n in ns:
            order.setdefault(n, len(order) + 1)
    lines: dict[int, list[str]] = {}
    for u, ns in kept:
        marks = "".join(f"[{order[n]}]" for n in ns)
        piece = f"{u.claim} {marks}".strip() if marks else u.claim
        lines.setdefault(u.line, []).append((u.prefix + piece) if not lines.get(u.line) else piece)
    out = "\n".join(" ".join(parts) for _, parts in sorted(lines.items()))
    citations = tuple(citation_for(by_n[old], n=new, supporting=supporting[old])
                      for old, new in sorted(order.items(), key=lambda kv: kv[1]))
    has_claims = any(ns for _, ns in kept)
    return Checked(text=out if has_claims else "", citations=citations, dropped=tuple(dropped),
                   claims=tuple(u.claim for u, ns in kept if ns))


# Fewer words than this is no answer to a question ("PWNED", "OK"), whatever it cites. Two words may be
# one ("12 persen", "250 beds"): the content-word rule judges those.
MIN_ANSWER_WORDS = 2
# Two content words match when equal, or when one begins the other or both begin alike for this many
# letters: "sector"/"sectors", "sign"/"signed" (no stemmer here; the answer may be a translation).
_PREFIX = 5


def _content_words(text: str) -> set[str]:
    stop = lexicon.words("stopwords")
    return {w for w in _words(text) if (len(w) >= 3 or w.isdigit()) and w not in stop}


def _alike(a: str, b: str) -> bool:
    if a == b:
        return True
    if min(len(a), len(b)) < 4:
        return False
    return a.startswith(b) or b.startswith(a) or a[:_PREFIX] == b[:_PREFIX]


def addresses(question: str, checked: Checked) -> bool:
    """Whether a checked answer answers `question` at all: its claims hold at least MIN_ANSWER_WORDS words,
    and one content word of them matches one of the question or of the sentences they cite."""
    words = [w for claim in checked.claims for w in claim.split() if re.search(r"\w", w)]  # "1.200" is one
    if len(words) < MIN_ANSWER_WORDS:
        return False
    answer = _content_words(" ".join(checked.claims))
    context = _content_words(" ".join([question, *(c.supporting for c in checked.citations)]))
    return any(_alike(a, b) for a in answer for b in context)
