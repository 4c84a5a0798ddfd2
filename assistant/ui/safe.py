"""Untrusted text -> HTML that can only contain Warta's own markup. No Gradio here.

Articles are untrusted: their text reaches the page as answers, quotes, titles and outlets, and an article
may carry HTML (`<img src=http://…>`, `<a href=…>`, `onerror=`), Markdown (`![x](http://…)`, `[x](…)`,
`<http://…>`) or bare URLs. The chat shows answers with Markdown rendering off (ui/app.py), so the only
elements on the page are the ones written here:

    text_html(text)         plain text -> escaped HTML: paragraphs (<p>), "- " lines as a list (<ul><li>),
                            other line breaks (<br>), [n] markers as links to the source cards (`#src-n`)
    markdown_literal(text)  plain text to embed in a gr.Markdown value: shown literally, never a tag, link,
                            image or emphasis

Contract: for any input, the result holds no element but p, ul, li, br and `a.warta-cite` links whose href
is `#src-<digits>`; every character of the input is shown as text.
"""

from __future__ import annotations

import html
import re

from assistant.answer.citations import MARKER

_BULLET = re.compile(r"^\s*[-*•]\s+")  # Warta's lists ("- point [1]"); an LLM may write "* " or "• "
_BLANK_LINES = re.compile(r"\n\s*\n")


def escape(text: str | None) -> str:
    """HTML-escaped text, quotes included (safe inside an attribute too)."""
    return html.escape(text or "", quote=True)


def link_markers(escaped: str) -> str:
    """'… in Moscow [1][2].' (already escaped) -> the markers as links to the source cards. '[1, 2]' becomes
    two links. Only digits reach the href, so nothing from the text can become a URL."""

    def links(match: re.Match[str]) -> str:
        return "".join(f'<a class="warta-cite" href="#src-{int(n)}">[{int(n)}]</a>'
                       for n in re.findall(r"\d+", match.group(1)))

    return MARKER.sub(links, escaped)


def _block(lines: list[str]) -> str:
    """One paragraph's lines: runs of bullet lines become a list, the rest are joined by <br>."""
    out: list[str] = []
    prose: list[str] = []
    items: list[str] = []

    def flush() -> None:
        if prose:
            out.append("<p>" + "<br>".join(prose) + "</p>")
            prose.clear()
        if items:
            out.append("<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>")
            items.clear()

    for line in lines:
        bullet = _BULLET.match(line)
        if bullet:
            if prose:
                flush()
            items.append(link_markers(escape(line[bullet.end():].strip())))
        else:
            if items:
                flush()
            prose.append(link_markers(escape(line.strip())))
    flush()
    return "".join(out)


def text_html(text: str | None) -> str:
    """Plain text (an answer, streamed or final) as HTML with only Warta's markup. Empty text -> ""."""
    blocks = [b for b in _BLANK_LINES.split((text or "").strip()) if b.strip()]
    return "".join(_block([line for line in b.splitlines() if line.strip()]) for b in blocks)


# Markdown's punctuation, and the two marks of a URL that GFM turns into a link even when bare ("http://",
# "www."): each is written as an HTML entity, which Markdown shows as the character and never parses.
_MD_SPECIAL = re.compile(r"[\\`*_{}\[\]()#+\-.!|<>~:&\"'=]")


def markdown_literal(text: str | None) -> str:
    """Text shown literally inside a gr.Markdown value: every special character becomes an entity."""
    return _MD_SPECIAL.sub(lambda m: f"&#{ord(m.group(0))};", text or "")
