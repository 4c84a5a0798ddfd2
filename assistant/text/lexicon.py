"""Word lists as data: `lexicon/id.toml` and `lexicon/en.toml`, same keys, validated at load.

Every list is general language knowledge (function words, question words, number words, month names…),
never names taken from a corpus. A key is a list of lower-case words or phrases in each language; callers
ask for one language or for both (questions and articles mix them).
"""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from importlib import resources

from assistant.errors import LexiconError

LANGS = ("id", "en")


@lru_cache(maxsize=1)
def _tables() -> dict[str, dict[str, object]]:
    tables: dict[str, dict[str, object]] = {}
    folder = resources.files("assistant.text") / "lexicon"
    for lang in LANGS:
        path = folder / f"{lang}.toml"
        try:
            tables[lang] = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise LexiconError(f"cannot load the word list {path}: {exc}") from exc
    keys = [set(t) for t in tables.values()]
    if any(k != keys[0] for k in keys):
        diff = sorted(set.union(*keys) - set.intersection(*keys))
        raise LexiconError(f"word lists in {folder} must have the same keys; only in one language: {', '.join(diff)}")
    return tables


def entry(key: str, lang: str) -> object:
    """The raw value of `key` in one language (a list, or a table for structured entries)."""
    try:
        return _tables()[lang][key]
    except KeyError:
        raise LexiconError(f"the word lists have no key {key!r}") from None


@lru_cache(maxsize=256)
def words(key: str, lang: str | None = None) -> frozenset[str]:
    """The words (or phrases) listed under `key`, in `lang` or in both languages."""
    out: set[str] = set()
    for code in ((lang,) if lang else LANGS):
        value = entry(key, code)
        if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
            raise LexiconError(f"word list {key!r} ({code}) must be a list of strings")
        out.update(w.lower() for w in value)
    return frozenset(out)


@lru_cache(maxsize=64)
def pattern(key: str, lang: str | None = None) -> re.Pattern[str]:
    """A case-insensitive whole-word regex matching any phrase under `key` (longest first)."""
    phrases = sorted(words(key, lang), key=len, reverse=True)
    body = "|".join(r"\s+".join(map(re.escape, p.split())) for p in phrases)
    return re.compile(rf"\b(?:{body})\b", re.I)
