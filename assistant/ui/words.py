"""The UI's words: lookups into the `[words]` tables of prompts/{id,en}.toml (the one place where labels are
written, for the UI and the CLI alike), plus the little logic around them. No Gradio here.

    t(lang, key, **fields)           -> a label in the labels' language, placeholders filled
    example_questions()              -> the example questions of every language, taking turns
    lang_choices(lang)               -> the answer-language selector's (label, value) pairs
    format_date(iso, lang)           -> "12 January 2026" / "12 Januari 2026"
    ui_lang_from_accept_language(h)  -> "id" | "en"

The UI reads the files shipped with the package (`prompts.load(None, …)`); any language other than "id"
reads as English, so a missing or odd value never breaks a page.
"""

from __future__ import annotations

from itertools import chain, zip_longest

from assistant.answer import prompts
from assistant.records import Lang

def ui_lang(lang: str | None) -> Lang:
    return "id" if lang == "id" else "en"


def t(lang: str | None, key: str, **fields: object) -> str:
    return prompts.load(None, ui_lang(lang)).word(key, **fields)


def example_questions() -> tuple[str, ...]:
    """Every language's examples, one of each in turn: they are offered whatever the labels' language (the
    corpus is mixed, and asking across languages is the point)."""
    # English first: the page opens in English until the browser's language is known.
    langs = sorted(prompts.LANGS, key=lambda code: code != "en")
    per_lang = [prompts.load(None, code).words_list("example_questions") for code in langs]
    return tuple(q for q in chain.from_iterable(zip_longest(*per_lang)) if q is not None)


def lang_choices(lang: str | None) -> list[tuple[str, str]]:
    """Auto in the labels' language; each language under its own name, which never changes."""
    return [(t(lang, "lang_auto"), "auto")] + [
        (prompts.load(None, code).word("language_name"), code) for code in prompts.LANGS]


def format_date(iso: str | None, lang: str | None) -> str:
    """'2026-01-12T06:49:54+07:00' -> '12 January 2026' / '12 Januari 2026'; unparseable text is shown as is."""
    table = prompts.load(None, ui_lang(lang))
    if not iso:
        return table["undated"]  # the answers' own word for it (timelines)
    try:
        year, month, day = (int(part) for part in iso[:10].split("-"))
        if month < 1:
            raise ValueError(month)
        name = table.words_list("months")[month - 1]
    except (ValueError, IndexError):
        return iso
    return f"{day} {name} {year}"


def ui_lang_from_accept_language(header: str | None) -> Lang:
    """The browser's preferred language among ours: the first of id/en in Accept-Language, else English.
    ('in' is the old ISO code for Indonesian that some systems still send.)"""
    for part in (header or "").split(","):
        primary = part.split(";")[0].strip().lower().split("-")[0]
        if primary in ("id", "in"):
            return "id"
        if primary == "en":
            return "en"
    return "en"
