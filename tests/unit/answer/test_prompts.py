"""The prompt and word files: prompts/{id,en}.toml load and validate together, from the package or a folder."""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import pytest

from assistant.answer import prompts
from assistant.errors import PromptError

REPO = Path(__file__).resolve().parents[3]
FOLDER = REPO / "prompts"


@pytest.fixture()
def copy(tmp_path: Path) -> Path:
    """A private copy of the prompt files, to break."""
    for lang in prompts.LANGS:
        shutil.copy(FOLDER / f"{lang}.toml", tmp_path / f"{lang}.toml")
    return tmp_path


def _edit(folder: Path, lang: str, old: str, new: str) -> None:
    path = folder / f"{lang}.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_both_languages_have_the_same_keys_in_both_parts() -> None:
    both = prompts.load_all(FOLDER)
    assert set(both) == {"id", "en"}
    assert set(both["id"].texts) == set(both["en"].texts) == set(prompts.REQUIRED)
    assert set(both["id"].words) == set(both["en"].words)
    assert "{passages}" in both["en"]["user"] and "{question}" in both["id"]["user"]
    assert both["id"].word("status_done", seconds=1.25, generator="x") == "Dijawab dalam 1.2 dtk · x"
    assert len(both["en"].words_list("months")) == 12


def test_the_default_is_the_packaged_files() -> None:
    """folder=None reads the installed files: the package data `assistant.prompts`, or in a source checkout
    the top-level prompts/ folder."""
    packaged = prompts.load_all(None)
    assert packaged["en"].texts == prompts.load_all(FOLDER)["en"].texts
    assert prompts.load(None, "id").word("send") == "Tanya"


def test_a_missing_placeholder_is_rejected(copy: Path) -> None:
    _edit(copy, "en", "{passages}", "{pasages}")
    with pytest.raises(PromptError, match="placeholder"):
        prompts.load_all(copy)


def test_a_missing_key_is_rejected(copy: Path) -> None:
    _edit(copy, "id", 'reported = "diberitakan"\n', "")
    with pytest.raises(PromptError, match="missing or empty keys: reported"):
        prompts.load_all(copy)


def test_a_word_only_in_one_language_is_rejected(copy: Path) -> None:
    _edit(copy, "en", "[words]\n", '[words]\nextra_label = "Extra"\n')
    with pytest.raises(PromptError, match="only in one: extra_label"):
        prompts.load_all(copy)


def test_a_word_with_a_placeholder_nobody_fills_is_rejected(copy: Path) -> None:
    _edit(copy, "id", 'send = "Tanya"', 'send = "Tanya {now}"')
    with pytest.raises(PromptError, match=r"send has the placeholders \{now\}; expected none"):
        prompts.load_all(copy)


def test_a_word_that_lost_its_placeholder_is_rejected(copy: Path) -> None:
    _edit(copy, "en", "Sorry, I could not answer: {message}", "Sorry, I could not answer.")
    with pytest.raises(PromptError, match=r"error has the placeholders none; expected \{message\}"):
        prompts.load_all(copy)


def test_lists_are_checked(copy: Path) -> None:
    _edit(copy, "id", '"Januari", ', "")
    with pytest.raises(PromptError, match="months must have 12 entries"):
        prompts.load_all(copy)


def test_an_unreadable_file_is_a_prompt_error(copy: Path) -> None:
    (copy / "en.toml").write_text('system = "x\n', encoding="utf-8")
    with pytest.raises(PromptError, match="cannot load prompts"):
        prompts.load_all(copy)
    (copy / "en.toml").unlink()
    with pytest.raises(PromptError, match="cannot load prompts"):
        prompts.load_all(copy)


def _string_literals() -> set[str]:
    found: set[str] = set()
    for path in (REPO / "assistant").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                found.add(node.value)
    return found


def test_every_key_is_read_somewhere() -> None:
    """A key nothing reads is dead text a translator would still have to keep up. Keys built from a prefix
    (status_<step>, lang_<code>) count when the code names the prefix."""
    literals = _string_literals()
    table = prompts.load_all(FOLDER)["en"]
    prefixes = {s for s in literals if s in ("status_", "lang_")}
    unread = [key for key in [*table.texts, *table.words]
              if key not in literals and not any(key.startswith(p) for p in prefixes)]
    assert not unread, f"keys nothing reads: {unread}"
