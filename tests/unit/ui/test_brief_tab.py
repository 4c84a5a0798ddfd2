"""The Briefing tab's HTML: article text escaped, only Warta's markup (headings, lists, bold, [n] links)."""

from __future__ import annotations

from assistant.records import Actor, Briefing, BriefSource, BriefStatement, OutletCoverage, TimelineEntry
from assistant.settings import Settings
from assistant.ui.brief_tab import brief_html, sources_html


def _brief() -> Briefing:
    hostile = BriefStatement(text='<img src=x onerror=alert(1)> [link](http://evil.example) **not bold**',
                             cites=(1,), lang="id", lead="quote in Indonesian", quoted=True)
    return Briefing(
        topic="<b>fisheries</b>", language="en", parts=("Egypt",), window=None, refused=False,
        summary=(BriefStatement(text="1 article(s) cover Egypt.", cites=(1,), lang="en"),), key_points=(hostile,),
        timeline=(TimelineEntry(date="2019-07-03", dated_by="text", published=None, statement=hostile),),
        actors=(Actor(name="Budi <Santoso>", role="Menteri", cites=(1,)),), next_steps=(),
        coverage=(OutletCoverage(source="Outlet", articles=1, first=None, last=None, doc_ids=("d1",)),),
        sources=(BriefSource(n=1, doc_id="d1", title="<script>x</script>", source=None, published=None,
                             language="id", quote="<i>q</i>"),),
        generator="extractive")


def test_article_text_is_escaped_and_markers_link_to_cards() -> None:
    html = brief_html(_brief(), Settings())
    assert "<img" not in html and "&lt;img" in html and "<b>fisheries" not in html
    assert 'href="http' not in html and "Budi &lt;Santoso&gt;" in html
    assert '<a href="#brief-src-1" class="warta-cite">[1]</a>' in html
    assert "<h3>Timeline</h3>" in html and "<h3>Sources</h3>" not in html  # sources: their own panel
    panel = sources_html(_brief(), "en")
    assert 'id="brief-src-1"' in panel and "<script>" not in panel and "&lt;i&gt;q&lt;/i&gt;" in panel
