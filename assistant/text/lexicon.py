"""Word lists as data: `lexicon/id.toml` and `lexicon/en.toml`, same keys, validated at load.

Every list is general language knowledge (function words, question words, number words, month names…),
never names taken from a corpus. A key is a list of lower-case words or phrases in each language; callers
ask for one language or for both (questions and articles mix them). A few keys are structured:

- `months`: a table word -> month number (`numbers`);
- `countries`: a table country -> its names, the same countries in both languages (`groups`);
- `weekdays`: a list whose positions correspond across languages (`sequence`).

Contract: the first call loads and checks both files completely; a missing or unreadable file, a key in
one language only, or a value of the wrong shape raises `LexiconError` naming the file and the key.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from types import MappingProxyType

from assistant.errors import LexiconError

LANGS = ("id", "en")

# Keys whose value is not a plain list of words, by shape.
# word -> positive integer; a word in both languages has one number
_NUMBERED = frozenset({"months", "number_words", "time_units", "single_units", "ordinals"})
_GROUPED = frozenset({"countries", "sectors"})  # group -> list of words; same groups in the same order in both
_PARALLEL = frozenset({"weekdays"})  # list of words; position i means the same thing in both languages

Tables = dict[str, dict[str, object]]


def _check_words(value: object, where: str) -> list[str]:
    """A list of lower-case words or single-spaced phrases; anything else is a LexiconError."""
    if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
        raise LexiconError(f"{where} must be a list of strings")
    for w in value:
        # Callers build regexes and set lookups from these: stray case or spacing would silently not match.
        if not w or w != w.strip() or w != w.lower() or "  " in w:
            raise LexiconError(f"{where}: {w!r} must be lower case, with single spaces and no padding")
    return value


def _check_entry(key: str, value: object, where: str) -> None:
    if key in _NUMBERED:
        if not isinstance(value, dict):
            raise LexiconError(f"{where} must be a table of word = number")
        _check_words(list(value), where)
        if not all(isinstance(n, int) and not isinstance(n, bool) and n > 0 for n in value.values()):
            raise LexiconError(f"{where}: every value must be a positive integer")
    elif key in _GROUPED:
        if not isinstance(value, dict):
            raise LexiconError(f"{where} must be a table of group = [words]")
        for group, names in value.items():
            _check_words(names, f"{where}.{group}")
    else:
        _check_words(value, where)


def _check_across(tables: Tables, folder: object) -> None:
    """What must agree between the languages: the keys, the groups, parallel lengths, shared numbers."""
    keys = [set(t) for t in tables.values()]
    if any(k != keys[0] for k in keys):
        diff = sorted(set.union(*keys) - set.intersection(*keys))
        raise LexiconError(f"word lists in {folder} must have the same keys; only in one language: {', '.join(diff)}")
    first, *others = LANGS
    for key in _GROUPED:
        order = list(tables[first][key])  # type: ignore[arg-type]
        for lang in others:
            if list(tables[lang][key]) != order:  # type: ignore[arg-type]
                raise LexiconError(f"word lists in {folder}: {key!r} must list the same groups in the same order")
    for key in _PARALLEL:
        lengths = {len(tables[lang][key]) for lang in LANGS}  # type: ignore[arg-type]
        if len(lengths) > 1:
            raise LexiconError(f"word lists in {folder}: {key!r} must have as many entries in every language")
    for key in _NUMBERED:
        seen: dict[str, int] = {}
        for lang in LANGS:
            for word, n in tables[lang][key].items():  # type: ignore[union-attr]
                if seen.setdefault(word, n) != n:
                    raise LexiconError(f"word lists in {folder}: {key}.{word} has different numbers per language")


def read_tables(folder: Traversable | Path) -> Tables:
    """Load `<folder>/id.toml` and `<folder>/en.toml` and check them; raises LexiconError."""
    tables: Tables = {}
    for lang in LANGS:
        path = folder / f"{lang}.toml"
        try:
            tables[lang] = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise LexiconError(f"cannot load the word list {path}: {exc}") from exc
        for key, value in tables[lang].items():
            _check_entry(key, value, f"word list {path}: {key!r}")
    for key in _NUMBERED | _GROUPED | _PARALLEL:
        if any(key not in t for t in tables.values()):
            raise LexiconError(f"word lists in {folder} lack the key {key!r}")
    _check_across(tables, folder)
    return tables


@lru_cache(maxsize=1)
def _tables() -> Tables:
    # importlib.resources: found inside the installed package, editable or not.
    return read_tables(resources.files("assistant.text") / "lexicon")


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
        if not isinstance(value, list):
            raise LexiconError(f"word list {key!r} ({code}) is a table, not a list of words")
        out.update(value)
    return frozenset(out)


@lru_cache(maxsize=64)
def sequence(key: str, lang: str) -> tuple[str, ...]:
    """The list under `key` in one language, in file order (for parallel lists such as `weekdays`)."""
    value = entry(key, lang)
    if not isinstance(value, list):
        raise LexiconError(f"word list {key!r} ({lang}) is a table, not a list of words")
    return tuple(value)


@lru_cache(maxsize=16)
def numbers(key: str, lang: str | None = None) -> Mapping[str, int]:
    """A word -> number table (`months`), of `lang` or of both languages merged (the numbers agree).
    Read-only: it is shared by every caller."""
    if key not in _NUMBERED:
        raise LexiconError(f"word list {key!r} is not a table of numbers")
    out: dict[str, int] = {}
    for code in ((lang,) if lang else LANGS):
        out.update(entry(key, code))  # type: ignore[arg-type]
    return MappingProxyType(out)


@lru_cache(maxsize=16)
def groups(key: str) -> tuple[frozenset[str], ...]:
    """A grouped table (`countries`): one frozenset per group, its words in every language, in file order."""
    if key not in _GROUPED:
        raise LexiconError(f"word list {key!r} is not a table of groups")
    tables = [entry(key, code) for code in LANGS]
    return tuple(frozenset(w for t in tables for w in t[name]) for name in tables[0])  # type: ignore[index, union-attr]


@lru_cache(maxsize=128)
def alternation(key: str, lang: str | None = None, space: str = r"\s+") -> str:
    """Regex source (no group, no anchors) matching any phrase under `key`, longest first so a phrase wins
    over its own prefix; words are escaped and joined by `space` (a regex, `" "` for one literal space).
    An empty list gives a regex that never matches (an empty alternation would match everywhere)."""
    phrases = sorted(words(key, lang), key=lambda p: (-len(p), p))
    if not phrases:
        return "(?!)"
    return "|".join(space.join(map(re.escape, p.split())) for p in phrases)


@lru_cache(maxsize=64)
def pattern(key: str, lang: str | None = None) -> re.Pattern[str]:
    """A case-insensitive whole-word regex matching any phrase under `key` (longest first)."""
    return re.compile(rf"\b(?:{alternation(key, lang)})\b", re.I)
