"""Prompt templates: data files in prompts/ (one TOML per language, same keys), validated at load."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from assistant.errors import PromptError
from assistant.records import Lang

REQUIRED = {
    "language_name": (),
    "system": (),
    "briefing_system": (),
    "user": ("{passages}", "{question}"),
    "extractive_intro": (),
    "briefing_intro": (),
    "timeline_heading": (),
    "sources_heading": (),
    "undated": (),
    "reported": (),
    "actors_heading": (),
    "refusal": (),
}



@dataclass(frozen=True)
class Prompts:
    lang: Lang
    texts: dict[str, str]

    def __getitem__(self, key: str) -> str:
        return self.texts[key]


def _load(path: Path, lang: Lang) -> Prompts:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise PromptError(f"cannot load prompts {path}: {exc}") from exc
    missing = [k for k in REQUIRED if not isinstance(data.get(k), str) or not data[k].strip()]
    if missing:
        raise PromptError(f"{path}: missing or empty keys: {', '.join(missing)}")
    extra = sorted(set(data) - set(REQUIRED))
    if extra:
        raise PromptError(f"{path}: unknown keys {', '.join(extra)} (keys must match across languages)")
    for key, placeholders in REQUIRED.items():
        for ph in placeholders:
            if ph not in data[key]:
                raise PromptError(f"{path}: key {key!r} lacks the placeholder {ph}")
    return Prompts(lang, {k: data[k] for k in REQUIRED})


@lru_cache(maxsize=8)
def load(folder: Path, lang: Lang) -> Prompts:
    return _load(Path(folder) / f"{lang}.toml", lang)


def load_all(folder: Path) -> dict[Lang, Prompts]:
    """Both languages, validated together (the UI and the CLI call this at start-up)."""
    return {lang: load(Path(folder), lang) for lang in ("id", "en")}
