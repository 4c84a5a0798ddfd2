"""Prompts and words: `prompts/id.toml` and `prompts/en.toml`, one file per language, validated together.

Each file has two parts:

- top-level keys (`REQUIRED`): the LLM prompts and the phrases the answer stage writes into answers;
- a `[words]` table: every label the UI and the CLI show, plus the example questions and month names.

Contract: `load(folder, lang)` returns one language, but only once both languages have passed the checks:
the same keys in both parts, a non-empty string (or, for `LIST_WORDS`, a non-empty list of strings of the same
length) under every key, the placeholders `REQUIRED` names present in each prompt and the same in both
languages, and in `[words]` exactly the placeholders `WORD_FIELDS` declares (the callers fill those and no
others, so a typo would otherwise fail at run time, in front of a user). Any failure is a `PromptError`.

`folder=None` reads the files shipped as the package data `assistant.prompts` (pyproject maps it to the
top-level prompts/ folder), so a normal, non-editable install finds them; tests pass a folder of their own.
"""

from __future__ import annotations

import string
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import get_args

from assistant.errors import PromptError
from assistant.records import Lang

LANGS: tuple[Lang, ...] = get_args(Lang)

# Top-level keys, each with the placeholders it must contain (the answer stage fills them).
REQUIRED: dict[str, tuple[str, ...]] = {
    "system": (),
    "briefing_system": (),
    "user": ("passages", "question"),
    "claims_system": (),
    "claims_user": ("passages", "question"),
    "translate_system": (),
    "translate_user": ("text",),
    "extractive_intro": (),
    # The extractive answer's lead over a quote in the other language (answer.lead).
    "quoted_in_id": (),
    "quoted_in_en": (),
    "lead_plain": ("quoted",),
    "lead_numbers": ("items", "quoted"),
    "lead_when": ("items", "quoted"),
    "lead_names": ("items", "quoted"),
    "briefing_intro": (),
    "timeline_heading": (),
    "undated": (),
    "reported": (),
    "actors_heading": (),
    "refusal": (),
    # Follow-ups (answer.condense) and the date window an answer states (answer.timeframe).
    "condense_system": (),
    "condense_user": ("history", "question"),
    "window_year": ("year",),
    "window_month": ("month",),
    "window_range": ("start", "end"),
    "window_since": ("start",),
    "window_until": ("end",),
    "undated_left_out": ("n",),
    "newest_first_note": (),
    "brief_system": (),
    "brief_translate": ("points",),
    "brief_summary": ("points", "topic"),
}

WORDS = "words"
# The [words] entries with placeholders, and exactly which; every other word has none.
WORD_FIELDS: dict[str, frozenset[str]] = {
    "status_done": frozenset({"seconds", "generator"}),
    "status_refused": frozenset({"seconds"}),
    "dropped": frozenset({"n"}),
    "error": frozenset({"message"}),
    "corpus_intro": frozenset({"docs", "chunks"}),
    "corpus_error": frozenset({"message"}),
    "upload_saved": frozenset({"name", "doc_id"}),
    "upload_refused": frozenset({"name", "reason"}),
    "upload_indexed": frozenset({"docs", "chunks", "embedded"}),
    "upload_problem": frozenset({"name", "reason"}),
    "removed": frozenset({"doc_id", "docs"}),
    "searching_for": frozenset({"question"}),
    "llm_fallback": frozenset({"reason"}),
    "llm_remote": frozenset({"url"}),
    "brief_lead": frozenset({"n", "span", "parts"}),
    "brief_lead_undated": frozenset({"n", "parts"}),
    "brief_lead_mixed": frozenset({"n", "span", "parts", "undated"}),
}
# [words] entries that are lists (checked to have the same length in every language where it matters).
LIST_WORDS: dict[str, int | None] = {"example_questions": None, "months": 12}


@dataclass(frozen=True)
class Prompts:
    """One language's file. `p["user"]` is a prompt key; `p.word("send")` a UI/CLI word, filled in."""

    lang: Lang
    texts: Mapping[str, str]
    words: Mapping[str, str | tuple[str, ...]]

    def __getitem__(self, key: str) -> str:
        return self.texts[key]

    def word(self, key: str, **fields: object) -> str:
        value = self.words[key]
        if not isinstance(value, str):
            raise TypeError(f"[words] {key} is a list: use Prompts.words_list")
        return value.format(**fields) if fields else value

    def words_list(self, key: str) -> tuple[str, ...]:
        value = self.words[key]
        if isinstance(value, str):
            raise TypeError(f"[words] {key} is a string: use Prompts.word")
        return value


def _fields(text: str, where: str) -> set[str]:
    try:
        return {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(text)
                if name is not None}
    except ValueError as exc:  # an unbalanced brace
        raise PromptError(f"{where}: {exc}") from exc


def _read(file: Traversable, lang: Lang) -> dict[str, object]:
    try:
        return tomllib.loads(file.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise PromptError(f"cannot load prompts {file}: {exc}") from exc


def _prompt_part(data: Mapping[str, object], where: str) -> dict[str, str]:
    missing = [k for k in REQUIRED if not isinstance(data.get(k), str) or not str(data[k]).strip()]
    if missing:
        raise PromptError(f"{where}: missing or empty keys: {', '.join(missing)}")
    extra = sorted(set(data) - set(REQUIRED) - {WORDS})
    if extra:
        raise PromptError(f"{where}: unknown keys {', '.join(extra)} (keys must match across languages)")
    texts = {k: str(data[k]) for k in REQUIRED}
    for key, placeholders in REQUIRED.items():
        have = _fields(texts[key], f"{where}: {key}")
        for name in placeholders:
            if name not in have:
                raise PromptError(f"{where}: key {key!r} lacks the placeholder {{{name}}}")
    return texts


def _words_part(data: Mapping[str, object], where: str) -> dict[str, str | tuple[str, ...]]:
    table = data.get(WORDS)
    if not isinstance(table, dict):
        raise PromptError(f"{where}: missing the [{WORDS}] table")
    words: dict[str, str | tuple[str, ...]] = {}
    for key, value in table.items():
        if key in LIST_WORDS:
            if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
                raise PromptError(f"{where}: [{WORDS}] {key} must be a non-empty list of non-empty strings")
            length = LIST_WORDS[key]
            if length is not None and len(value) != length:
                raise PromptError(f"{where}: [{WORDS}] {key} must have {length} entries, not {len(value)}")
            words[key] = tuple(value)
            continue
        if not isinstance(value, str) or not value.strip():
            raise PromptError(f"{where}: [{WORDS}] {key} must be a non-empty string")
        have = _fields(value, f"{where}: [{WORDS}] {key}")
        want = WORD_FIELDS.get(key, frozenset())
        if have != want:
            expected = ", ".join(f"{{{f}}}" for f in sorted(want)) or "none"
            raise PromptError(f"{where}: [{WORDS}] {key} has the placeholders "
                              f"{', '.join(f'{{{f}}}' for f in sorted(have)) or 'none'}; expected {expected}")
        words[key] = value
    absent = sorted((set(WORD_FIELDS) | set(LIST_WORDS)) - set(words))
    if absent:
        raise PromptError(f"{where}: [{WORDS}] lacks {', '.join(absent)}")
    return words


def _same_across_languages(loaded: Mapping[Lang, Prompts], where: str) -> None:
    first, *others = loaded.values()
    for other in others:
        diff = sorted(set(first.words) ^ set(other.words))
        if diff:
            raise PromptError(f"{where}: [{WORDS}] keys must match across languages; only in one: "
                              f"{', '.join(diff)}")
        for key, value in first.texts.items():
            if _fields(value, key) != _fields(other.texts[key], key):
                raise PromptError(f"{where}: key {key!r} has different placeholders in {first.lang} and {other.lang}")
        for key, value in first.words.items():
            if type(value) is not type(other.words[key]):
                raise PromptError(f"{where}: [{WORDS}] {key} is a list in one language only")


def _folder(folder: Path | None) -> Traversable:
    if folder is not None:
        return Path(folder)
    try:
        return resources.files("assistant.prompts")
    except ModuleNotFoundError:
        pass
    # Not installed as package data: a source checkout (run with PYTHONPATH, or an editable install that
    # does not map the package), where the files sit next to the package folder.
    checkout = Path(__file__).resolve().parents[2] / "prompts"
    if (checkout / f"{LANGS[0]}.toml").is_file():
        return checkout
    raise PromptError("the prompt files are not installed (package data assistant.prompts); reinstall Warta")


@lru_cache(maxsize=8)
def load_all(folder: Path | None = None) -> dict[Lang, Prompts]:
    """Both languages, validated together. `folder=None`: the files shipped with the package."""
    base = _folder(folder)
    loaded: dict[Lang, Prompts] = {}
    for lang in LANGS:
        file = base / f"{lang}.toml"
        data = _read(file, lang)
        loaded[lang] = Prompts(lang, _prompt_part(data, str(file)), _words_part(data, str(file)))
    _same_across_languages(loaded, str(base))
    return loaded


def load(folder: Path | None, lang: Lang) -> Prompts:
    """One language's prompts and words (after both languages were validated)."""
    return load_all(None if folder is None else Path(folder))[lang]
