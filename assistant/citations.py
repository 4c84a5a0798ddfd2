"""Citation check: generated text + numbered evidence -> text whose every claim cites a passage that
supports it. Never trusts the generator.

Contract, per sentence of the answer:
- markers pointing to no passage are removed;
- a cited passage must support the sentence: every number in the sentence occurs in it (or its title/date),
  and the sentence is semantically close to one of its sentences (cosine >= `min_support`);
- a sentence whose citations fail but which another passage supports is re-pointed to that passage (small
  LLMs often cite the wrong [n]); a sentence no passage supports is dropped and reported;
- headings (a line ending with ":") pass unchanged;
- the surviving markers are renumbered 1..k in order of first appearance.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from .embed import Embedder
from .records import Citation, Evidence
from .sentences import split_sentences

_MARKER = re.compile(r"\[(\d+(?:\s*[,;]\s*\d+)*)\]")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_BULLET = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")


def _numbers(text: str) -> set[str]:
    # "2.000", "2,000" and "2000" are one number; single digits carry little and are often spelled out.
    return {re.sub(r"\D", "", n) for n in _NUMBER.findall(text) if len(re.sub(r"\D", "", n)) >= 2}


@dataclass(frozen=True)
class Checked:
    text: str
    citations: tuple[Citation, ...]
    dropped: tuple[str, ...]


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
            markers = [int(n) for group in _MARKER.findall(sentence) for n in re.split(r"[,;]", group)]
            claim = re.sub(r"\s+", " ", _MARKER.sub("", sentence)).strip()
            claim = re.sub(r"\s+([.,;:!?])", r"\1", claim)
            if not claim:  # a lone marker: attach it to the previous claim
                if units and units[-1].line == line_no:
                    units[-1].markers.extend(markers)
                continue
            heading = claim.endswith(":") and not markers
            units.append(_Unit(prefix if not units or units[-1].line != line_no else "", claim, markers, heading, line_no))
    return units


def check(text: str, evidence: list[Evidence], passage_vectors: dict[int, np.ndarray], embedder: Embedder,
          min_support: float) -> Checked:
    by_n = {ev.n: ev for ev in evidence}
    units = _units(text)
    claims = [u for u in units if not u.heading]
    vectors = embedder.encode_documents([u.claim for u in claims]) if claims else np.zeros((0, 1))
    claim_vec = {id(u): v for u, v in zip(claims, vectors)}
    numbers_of = {ev.n: _numbers(" ".join([ev.hit.chunk.title, ev.hit.chunk.published or "", ev.quote, ev.hit.chunk.text]))
                  for ev in evidence}

    def support(u: _Unit, n: int) -> tuple[float, int]:
        sims = passage_vectors[n] @ claim_vec[id(u)]
        best = int(np.argmax(sims))
        return float(sims[best]), best

    kept: list[tuple[_Unit, list[int]]] = []
    dropped: list[str] = []
    supporting: dict[int, str] = {}
    for u in units:
        if u.heading:
            kept.append((u, []))
            continue
        nums = _numbers(u.claim)
        scored = {n: support(u, n) for n in by_n if nums <= numbers_of[n]}
        good = [n for n in dict.fromkeys(u.markers) if n in scored and scored[n][0] >= min_support]
        if not good and scored:
            best_n = max(scored, key=lambda n: scored[n][0])
            if scored[best_n][0] >= min_support:
                good = [best_n]
        if not good:
            dropped.append(u.claim)
            continue
        for n in good:
            supporting.setdefault(n, by_n[n].sentences[scored[n][1]] if scored[n][1] < len(by_n[n].sentences)
                                  else by_n[n].best_sentence)
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
    citations = tuple(
        Citation(n=new, doc_id=by_n[old].hit.chunk.doc_id, chunk_id=by_n[old].hit.chunk.chunk_id,
                 title=by_n[old].hit.chunk.title, published=by_n[old].hit.chunk.published,
                 source=by_n[old].hit.chunk.source, quote=by_n[old].quote, supporting=supporting[old])
        for old, new in sorted(order.items(), key=lambda kv: kv[1])
    )
    has_claims = any(ns for _, ns in kept)
    return Checked(text=out if has_claims else "", citations=citations, dropped=tuple(dropped))
