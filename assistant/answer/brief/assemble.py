"""Merge the per-article extracts into one brief, in code: de-duplicated across articles, numbered, checked.

Contract: `assemble(scope, articles, extracts, sources, lang, p, settings)` -> the sections of a Briefing.
- key points: one per development, not one per article: first each article's best point (best articles
  first), then the most relevant remaining points, up to `brief_max_points`; a point nearly the same as a
  chosen one (cosine >= `brief_duplicate`: the same news in two outlets) adds its article to that point's
  citations instead of repeating it;
- timeline: the dated events of every article, de-duplicated the same way, in date order; an article
  without a dated event contributes its best point on its publication date (`dated_by="published"`);
- next steps: announced meetings, signings, deadlines, dated when the text says when, in date order;
- actors: the people named, merged across articles ("Budi Santoso" within "Budi S. Santoso"), each with
  its stated role and every article that names them; the name and the role are verbatim in the cited text;
- coverage: per outlet, its articles and their dates, with every other outlet's syndicated copy of them
  (`reported`: canonical doc id -> its copies, `release`: copy -> canonical, from the index) grouped under
  the article it copies;
- summary: a coverage sentence built from the sources' metadata (how many articles, when, which parts),
  then the two best key points;
- every quoted statement is checked (answer.brief.check); what fails is dropped.
Leads are labels from metadata only: the parts an article covers, a date, the quote's language when it is
not the brief's ("quote in Indonesian"), so an English brief never passes a quote off as English.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

from assistant.answer.brief import when
from assistant.answer.brief.check import Sources
from assistant.answer.brief.extract import Article, Extract, Sentence, point_score
from assistant.answer.brief.scope import Scope
from assistant.answer.brief.select import in_window
from assistant.answer.prompts import Prompts
from assistant.records import (Actor, BriefStatement, CopyCoverage, Lang, OutletCoverage, ReportedBy,
                               TimelineEntry)
from assistant.settings import Settings
from assistant.text import names

MAX_ACTORS = 12
# Key points: a bonus per name a point adds to those already told (capped), so the brief covers the
# agreements, programmes and companies the articles name rather than restating the general intent.
NOVEL_BONUS, NOVEL_CAP = 0.03, 5


@dataclass
class _Item:
    sentence: Sentence
    docs: list[str]
    date: str | None = None
    dated_by: str = "text"


@dataclass(frozen=True)
class Sections:
    summary: tuple[BriefStatement, ...]
    key_points: tuple[BriefStatement, ...]
    timeline: tuple[TimelineEntry, ...]
    actors: tuple[Actor, ...]
    next_steps: tuple[TimelineEntry, ...]
    coverage: tuple[OutletCoverage, ...]


def _merge_into(items: list[_Item], s: Sentence, doc: str, threshold: float, date: str | None = None) -> bool:
    """Add `doc` to an item saying nearly the same thing (and, for dated items, on the same date)."""
    for item in items:
        same_date = date is None or item.date is None or item.date[:7] == date[:7]
        if same_date and float(item.sentence.vector @ s.vector) >= threshold:
            if doc not in item.docs:
                item.docs.append(doc)
            return True
    return False


def _key_points(extracts: list[Extract], settings: Settings) -> list[_Item]:
    chosen: list[_Item] = []
    for ex in extracts:  # best articles first
        if ex.points and len(chosen) < settings.brief_max_points:
            if not _merge_into(chosen, ex.points[0], ex.article.doc_id, settings.brief_duplicate):
                chosen.append(_Item(ex.points[0], [ex.article.doc_id]))
    # Then the best remaining points wherever they are, each time the one that adds most (maximal marginal
    # relevance: its score less `brief_diversity` x its likeness to what is chosen, so five wordings of
    # "the cooperation is important" do not crowd out the agreement that was signed). An article gives at
    # most its share (at least `brief_points_per_article`), so one long article cannot crowd out the rest.
    share = max(settings.brief_points_per_article, -(-settings.brief_max_points // max(len(extracts), 1)))
    pool = [(s, ex.article.doc_id) for ex in extracts for s in ex.points[1:]]
    taken = {ex.article.doc_id: 1 for ex in extracts}
    # Names already told: a point naming new things (an agreement, a programme, a company) adds more.
    told = {n for c in chosen for n in names.names(c.sentence.text)}
    while pool and len(chosen) < settings.brief_max_points:
        pool = [e for e in pool if taken[e[1]] < share]
        def gain(entry: tuple[Sentence, str]) -> float:
            likeness = max((float(entry[0].vector @ c.sentence.vector) for c in chosen), default=0.0)
            novel = len(names.names(entry[0].text) - told)
            return point_score(entry[0]) - settings.brief_diversity * likeness + NOVEL_BONUS * min(novel, NOVEL_CAP)
        if not pool:
            break
        best = max(pool, key=gain)
        pool.remove(best)
        taken[best[1]] += 1
        told |= names.names(best[0].text)
        if not _merge_into(chosen, best[0], best[1], settings.brief_duplicate):
            chosen.append(_Item(best[0], [best[1]]))
    return chosen


def _dated(extracts: list[Extract], settings: Settings) -> tuple[list[_Item], list[_Item]]:
    events: list[_Item] = []
    steps: list[_Item] = []
    for ex in extracts:
        doc = ex.article.doc_id
        for date, s in ex.events:
            if not _merge_into(events, s, doc, settings.brief_duplicate, date):
                events.append(_Item(s, [doc], date))
        if not ex.events and ex.points and ex.article.published:
            s = ex.points[0]
            if not _merge_into(events, s, doc, settings.brief_duplicate, ex.article.published[:10]):
                events.append(_Item(s, [doc], ex.article.published[:10], "published"))
        for date, s in ex.next_steps:
            if not _merge_into(steps, s, doc, settings.brief_duplicate, date):
                steps.append(_Item(s, [doc], date))
    events.sort(key=lambda i: when.sort_key(i.date or ""))
    steps.sort(key=lambda i: (i.date is None, when.sort_key(i.date or "")))
    return events, steps


# Two spellings of one name across outlets ("Suryadarma", "Suryadharma"): same first word, nearly the same.
SAME_NAME = 0.9


def _same_person(a: str, b: str) -> bool:
    wa, wb = set(a.split()), set(b.split())
    if wa <= wb or wb <= wa:
        return True
    return a.split()[0] == b.split()[0] and SequenceMatcher(None, a, b).ratio() >= SAME_NAME


def _actors(extracts: list[Extract], sources: Sources) -> list[Actor]:
    merged: dict[str, list] = {}  # name -> [role, docs]
    for ex in extracts:
        for name, role, _ in ex.actors:
            key = next((k for k in merged if _same_person(name, k)), None)
            if key is None:
                merged[name] = [role, [ex.article.doc_id]]
                continue
            entry = merged[key]
            entry[0] = entry[0] or role
            if ex.article.doc_id not in entry[1]:
                entry[1].append(ex.article.doc_id)
    ranked = sorted(merged.items(), key=lambda kv: (not kv[1][0], -len(kv[1][1])))
    return [Actor(name=name, role=role, cites=tuple(sorted(sources.n_of[d] for d in docs)))
            for name, (role, docs) in ranked[:MAX_ACTORS]]


def _coverage(articles: list[Article], scope: Scope, reported: dict[str, tuple[ReportedBy, ...]],
              release: dict[str, str]) -> list[OutletCoverage]:
    """Per outlet: its articles and dates, and under them every other outlet's copy of those articles (the
    index's syndicated copies, in the window): a copy that is itself a source goes under its canonical."""
    ids = {a.doc_id for a in articles}
    of = {a.doc_id: release[a.doc_id] for a in articles if release.get(a.doc_id) in ids}
    by_outlet: dict[str | None, list[Article]] = {}
    for a in articles:
        if a.doc_id not in of:
            by_outlet.setdefault(a.source, []).append(a)
    out = []
    for source, group in by_outlet.items():
        dated = sorted(a.published[:10] for a in group if a.published)
        copies = [CopyCoverage(of=a.doc_id, doc_id=r.doc_id, source=r.source, published=r.published, title=r.title)
                  for a in group for r in reported.get(a.doc_id, ()) if in_window(r.published, scope)]
        out.append(OutletCoverage(source=source, articles=len(group), first=dated[0] if dated else None,
                                  last=dated[-1] if dated else None, doc_ids=tuple(a.doc_id for a in group),
                                  copies=tuple(sorted(copies, key=lambda c: (c.of, c.published or "9999", c.doc_id)))))
    return sorted(out, key=lambda o: (-o.articles, o.source is None, o.source or ""))


def quote_label(article_lang: Lang, lang: Lang, p: Prompts) -> str:
    return "" if article_lang == lang else p.word("brief_quoted_id" if article_lang == "id" else "brief_quoted_en")


def _lead(article: Article, scope: Scope, lang: Lang, p: Prompts, date: str | None = None) -> str:
    bits = []
    if date:
        bits.append(when.display(date, p.words_list("months")))
    if len(scope.parts) > 1:
        bits.extend(article.parts)
    label = quote_label(article.language, lang, p)
    if label:
        bits.append(label)
    return " · ".join(bits)


def _checked(items: list[_Item], sources: Sources, scope: Scope, by_doc: dict[str, Article], lang: Lang,
             p: Prompts, dated: bool) -> list[tuple[_Item, BriefStatement]]:
    verdicts = sources.check([(i.sentence.text, tuple(sources.n_of[d] for d in i.docs)) for i in items])
    out = []
    for item, cites in zip(items, verdicts):
        if not cites:
            continue
        article = by_doc[item.docs[0]]
        lead = _lead(article, scope, lang, p)
        out.append((item, BriefStatement(text=item.sentence.text, cites=cites, lang=article.language, lead=lead,
                                         quoted=True)))
    return out


def _span(articles: list[Article], p: Prompts) -> str:
    dated = sorted(a.published[:10] for a in articles if a.published)
    if not dated:
        return ""
    months = p.words_list("months")
    first, last = when.display(dated[0], months), when.display(dated[-1], months)
    return first if first == last else f"{first} – {last}"


def coverage_lead(articles: list[Article], parts: str, p: Prompts) -> str:
    """The summary's first sentence, from metadata: how many articles cover which parts, and when. The span
    covers the dated articles only, so the undated ones are counted apart rather than given its dates."""
    span = _span(articles, p)
    undated = sum(1 for a in articles if not a.published)
    if span and undated:
        return p.word("brief_lead_mixed", n=len(articles), span=span, parts=parts, undated=undated)
    if span:
        return p.word("brief_lead", n=len(articles), span=span, parts=parts)
    return p.word("brief_lead_undated", n=len(articles), parts=parts)


def assemble(scope: Scope, articles: list[Article], extracts: list[Extract], sources: Sources, lang: Lang,
             p: Prompts, settings: Settings, reported: dict[str, tuple[ReportedBy, ...]] | None = None,
             release: dict[str, str] | None = None) -> Sections:
    by_doc = {a.doc_id: a for a in articles}
    points = _checked(_key_points(extracts, settings), sources, scope, by_doc, lang, p, dated=False)
    events, steps = _dated(extracts, settings)
    timeline = [TimelineEntry(date=i.date or "", dated_by="published" if i.dated_by == "published" else "text",
                              published=by_doc[i.docs[0]].published, statement=st)
                for i, st in _checked(events, sources, scope, by_doc, lang, p, dated=True)]
    next_steps = [TimelineEntry(date=i.date or "", dated_by="text", published=by_doc[i.docs[0]].published,
                                statement=st) for i, st in _checked(steps, sources, scope, by_doc, lang, p, dated=True)]
    covered = [a for a in articles if a.parts]
    parts = f" {p.word('brief_and')} ".join(dict.fromkeys(label for a in covered for label in a.parts))
    lead_text = coverage_lead(articles, parts, p)
    summary = [BriefStatement(text=lead_text, cites=tuple(range(1, len(articles) + 1)), lang=lang)]
    summary += [st for _, st in points[:2]]
    return Sections(summary=tuple(summary), key_points=tuple(st for _, st in points), timeline=tuple(timeline),
                    actors=tuple(_actors(extracts, sources)), next_steps=tuple(next_steps),
                    coverage=tuple(_coverage(articles, scope, reported or {}, release or {})))
