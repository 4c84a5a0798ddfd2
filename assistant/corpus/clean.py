"""Clean: a scraped SourceFile -> a Document with metadata and a body free of boilerplate.

Contract: `clean(source)` returns a Document whose paragraphs hold only article text: no related-article
headlines ("Baca juga: …", also when glued to the next sentence), ads, newsletter blurbs, photo credits,
captions, keyword lines, share/comment widgets, editor initials or bylines; run-on sentences
("Selasa .Langkah", "negara.“Kerja") are repaired. Title, publication date (ISO, WIB), outlet and byline
are lifted out of the header. A one-line article or a headline-only item keeps its line as its text.
Raises NoArticleText only when nothing readable is left.
"""

from __future__ import annotations

import re

from assistant.errors import NoArticleText
from assistant.records import Document, SourceFile
from assistant.text import dates, lexicon
from assistant.text import language as langid
from assistant.text.sentences import split_sentences


def _phrases(key: str) -> str:
    """The lexicon's phrases under `key` (both languages) as a regex alternation. Lines are matched after
    their whitespace is collapsed to single spaces, so a phrase's words are joined by one literal space."""
    return lexicon.alternation(key, space=" ")


# A line starting with a footer phrase (after an optional "+" widget glyph) or with a footer label and a
# colon ends the article: everything after is site furniture.
_FOOTER = re.compile(rf"^(?:(?:\+\s*)?(?:{_phrases('footer')})|(?:{_phrases('footer_labels')})\s*:)\b", re.I)
# Whole lines that are furniture wherever they appear.
_DROP_LINE = re.compile(
    rf"^(?:{_phrases('furniture_lines')}|(?:{_phrases('furniture_prefixes')}).*|"
    r"\d+\s+min(?:ute)?s? read|loading\.*|"  # "3 min read", "Loading..."
    r"\(?[a-z]{2,5}(?:/[a-z]{2,5})+\)?|"  # editor initials: (prf/ega)
    r"©.*)$",
    re.I,
)
_BYLINE = re.compile(rf"^(?:{_phrases('byline_labels')})\s*:?\s+(.{{2,80}})$", re.I)
_PHOTO_CREDIT = re.compile(r"^(?:[A-Z .]*\bFOTO\b|FOTO|Foto\s*:|Photo\s*:|Photo by|Sumber foto|Ilustrasi\s*:)|^[A-Z][A-Z .]+/[A-Z][A-Z .]+$")
_KEYWORDS = re.compile(r"^(?:[a-z0-9][a-z0-9 \-]{0,30},\s*){2,}[a-z0-9 \-]{0,30},?$")
_CAPTION_DATE = re.compile(r"\(\d{1,2}/\d{1,2}/\d{2,4}\)\.?$")
_SECTION = re.compile(rf"^(?:{_phrases('section_names')})$", re.I)
_BACA_JUGA = re.compile(r"\bbaca\s+juga\b\s*:?", re.I)
# Dateline at the start of the lead: "Jakarta (Reuters) – ", "Bandung, Example.com - ", "– ".
_DATELINE = re.compile(
    r"^(?:(?P<city>[A-Z][A-Za-z .]{1,25}?)\s*(?:\((?P<paren>[A-Za-z .]{2,25})\)|,\s*(?P<domain>[A-Z][\w-]*\.(?:com|co\.id|id|net)))\s*)?[-–—]\s+"
)
_OUTLET_DOMAIN = re.compile(r"\b([A-Z][\w-]*\.(?:com|co\.id|id|net))\b")
# "<speaker> mengungkapkan, <reported clause>": a derived headline keeps the clause.
_REPORTING = re.compile(rf"\b(?:{_phrases('reporting_verbs')})\s*,\s+", re.I)


def _strip_baca_juga(text: str) -> str:
    """Remove "Baca juga: <headline>" up to the end of the line or to where the headline is glued to the
    next sentence (a lower-case letter or digit directly followed by a capital: "8.653Pertemuan")."""
    out: list[str] = []
    pos = 0
    for match in _BACA_JUGA.finditer(text):
        if match.start() < pos:
            continue
        out.append(text[pos:match.start()])
        i = match.end()
        end = len(text)
        while i < len(text):
            ch = text[i]
            if ch == "\n":
                end = i
                break
            # Require a capitalised word ("Pertemuan"), so acronyms with digits ("B2B") stay whole.
            glued_word = i + 1 < len(text) and text[i + 1].islower()
            if ch.isupper() and glued_word and (text[i - 1].islower() or text[i - 1].isdigit()):
                end = i
                break
            i += 1
        pos = end
    out.append(text[pos:])
    return "".join(out)


# Editor or agency initials closing a paragraph: "… kata Rita. (SAH)", "… 2003. (AFP/Reuters/muk)". The
# sentence stays; only the parenthesis after its final punctuation goes.
_TRAILING_INITIALS = re.compile(r"(?<=[.!?\"”'])\s*\((?:[A-Za-z0-9]{2,8})(?:/[A-Za-z0-9]{2,8}){0,5}\)\s*$")


def _repair(text: str) -> str:
    """Fix run-ons left by scrapers that dropped spaces or dates."""
    text = re.sub(r"[ \t]+\.(?=\s|[A-Z“\"]|$)", ".", text)  # "Senin ." -> "Senin."
    text = re.sub(r"([a-z0-9)\]%])\.([“\"]?[A-Z])", r"\1. \2", text)  # "negara.Kerja"
    text = re.sub(r"([.!?,])([“])", r"\1 \2", text)  # "negara.“Kerja"
    text = re.sub(r"”(?=[A-Za-z])", "” ", text)
    text = re.sub(r"[ \t]{2,}", " ", text)
    return text.strip()


def _normalise(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r"[\u00a0\u2007\u202f]", " ", text)
    text = re.sub(r"[\u200b\u200c\u200d\ufeff]", "", text)
    return text


def _derive_title(lead: str) -> str:
    """A headline for articles scraped without one: the reported clause of the lead, clipped."""
    sentence = split_sentences(lead)[0] if lead else ""
    match = _REPORTING.search(sentence)
    if match:
        sentence = sentence[match.end():]
    words = sentence.rstrip(".").split()
    clipped = " ".join(words[:14]) + ("…" if len(words) > 14 else "")
    return clipped[:1].upper() + clipped[1:]


def clean(source: SourceFile) -> Document:
    text = _strip_baca_juga(_normalise(source.text))
    lines = [re.sub(r"\s+", " ", ln).strip() for ln in text.split("\n")]

    # What the format declared (a page's meta tags, a feed entry's fields) comes first; the text's own
    # header fills what it left open. A repeated headline line is then dropped as any other.
    title: str | None = source.title or None
    published: str | None = source.published or None
    byline: str | None = source.author or None
    outlet: str | None = source.outlet or None
    body: list[str] = []
    after_credit = False
    for line in lines:
        if not line:
            continue
        if _FOOTER.match(line):
            break
        credit, after_credit = after_credit, False
        if _DROP_LINE.match(line) or _KEYWORDS.match(line) or line == title:
            continue
        if _PHOTO_CREDIT.match(line) and len(line) < 80:
            after_credit = True
            continue
        if credit and _CAPTION_DATE.search(line):
            continue
        byline_match = _BYLINE.match(line)
        if byline_match and len(line.split()) <= 10:
            byline = byline or byline_match.group(1).split("/")[0].strip(" :")
            continue
        if dates.is_date_line(line):
            published = published or dates.parse_datetime(line)
            continue
        if title is None and not body:
            if _SECTION.match(line):
                continue
            words = line.split()
            if 3 <= len(words) <= 22 and not line.endswith((".", ",", ":")) and not _DATELINE.match(line):
                title = line
                continue
        body.append(line)
    if not body and title:
        # A one-line article or a headline-only item: the line taken as its title is all the text there is.
        body.append(title)

    paragraphs: list[str] = []
    for i, para in enumerate(body):
        if i == 0 or not paragraphs:
            dateline = _DATELINE.match(para)
            if dateline:
                outlet = outlet or dateline.group("paren") or dateline.group("domain")
                para = para[dateline.end():]
        para = _repair(_TRAILING_INITIALS.sub("", para))
        if para:
            paragraphs.append(para)
    if not paragraphs:
        raise NoArticleText("no article text left after removing boilerplate")
    if outlet is None:
        domain = _OUTLET_DOMAIN.search(" ".join(paragraphs))
        outlet = domain.group(1) if domain else None
    if outlet and outlet.isupper():
        outlet = outlet.title()
    # The first paragraph is the standfirst when the title is missing too: derive one.
    title_derived = not title
    title = title or _derive_title(paragraphs[0])
    # Detected, not declared: page templates often declare "en" on Indonesian articles. The declaration
    # only breaks a tie.
    declared = (source.language or "")[:2].lower()
    language, _ = langid.detect(" ".join(paragraphs)[:2000], fallback="en" if declared == "en" else "id")
    return Document(
        doc_id=source.doc_id,
        title=title,
        published=published,
        source=outlet,
        byline=byline,
        language=language,
        paragraphs=tuple(paragraphs),
        path=source.path,
        title_derived=title_derived,
        url=source.url,
        format=source.format,
    )
