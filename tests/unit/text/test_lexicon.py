"""The word lists as data: both languages have the same keys, the shapes are checked at load, and a broken
or mismatched file is a LexiconError naming what is wrong."""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

import pytest
from helpers import copy_lang_files, edit_lang_file

from assistant.errors import LexiconError
from assistant.text import lexicon

REPO = Path(__file__).resolve().parents[3]
FOLDER = REPO / "assistant" / "text" / "lexicon"


def _read(lang: str) -> dict[str, object]:
    return tomllib.loads((FOLDER / f"{lang}.toml").read_text(encoding="utf-8"))


def test_both_languages_have_the_same_keys_and_groups() -> None:
    ind, eng = _read("id"), _read("en")
    assert set(ind) == set(eng)
    assert list(ind["countries"]) == list(eng["countries"])  # type: ignore[arg-type]
    assert len(ind["weekdays"]) == len(eng["weekdays"]) == 7  # type: ignore[arg-type]
    assert {"briefing", "how_many", "quantity"} <= set(ind)  # read by search/query.py and search/evidence.py


def test_the_shipped_files_load() -> None:
    tables = lexicon.read_tables(FOLDER)
    assert set(tables) == set(lexicon.LANGS)


_READERS = {"words", "pattern", "alternation", "sequence", "numbers", "groups", "entry", "_phrases"}


def _keys_used_by_the_package() -> set[str]:
    """Every key the package asks the lexicon for by name: `lexicon.words("…")`, `pattern`, `alternation`…,
    and clean.py's `_phrases("…")`."""
    used: set[str] = set()
    for path in (REPO / "assistant").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant)
                    and isinstance(node.args[0].value, str)):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name in _READERS:
                used.add(node.args[0].value)
    return used


def test_every_key_the_code_reads_exists_and_every_key_is_read() -> None:
    from assistant.text import people

    used = _keys_used_by_the_package() | set(people.NOT_NAME_KEYS)  # people.py reads these through a tuple
    keys = set(_read("en"))
    assert used - keys == set(), "read but not in the word lists"
    assert keys - used == set(), "in the word lists but read by nothing"


def test_words_patterns_and_tables() -> None:
    assert "the" in lexicon.words("stopwords", "en") and "the" not in lexicon.words("stopwords", "id")
    assert lexicon.words("stopwords") == lexicon.words("stopwords", "id") | lexicon.words("stopwords", "en")
    assert lexicon.pattern("how_many").search("How  many MoUs?")  # phrases allow any spacing
    assert not lexicon.pattern("how_many").search("somehow manyfold")  # whole words only
    assert lexicon.sequence("weekdays", "id")[0] == "senin" and lexicon.sequence("weekdays", "en")[0] == "monday"
    assert lexicon.numbers("months")["agustus"] == lexicon.numbers("months")["aug"] == 8
    assert lexicon.groups("countries")[1] == {"japan", "japanese", "jepang"}


def test_alternation_prefers_the_longest_phrase_and_an_empty_list_never_matches() -> None:
    alt = lexicon.alternation("self_reference", space=" ")
    assert re.match(rf"(?:{alt})", "sesuai dengan kutipan").group(0) == "sesuai dengan"  # type: ignore[union-attr]
    assert re.fullmatch(r"(?:\w+\|)*\w+", lexicon.alternation("title_words", "id")) is None  # the empty id list
    assert not re.search(lexicon.alternation("title_words", "id"), "any text at all")


def test_structured_keys_refuse_plain_lookups() -> None:
    with pytest.raises(LexiconError):
        lexicon.words("months")
    with pytest.raises(LexiconError):
        lexicon.groups("stopwords")
    with pytest.raises(LexiconError):
        lexicon.entry("no_such_key", "en")


# --- broken and mismatched files --------------------------------------------------------------------------

@pytest.fixture
def copy(tmp_path: Path) -> Path:
    return copy_lang_files(FOLDER, tmp_path, lexicon.LANGS)


@pytest.mark.parametrize("lang,old,new,message", [
    ("en", "how_many = ", "how_many_en = ", "only in one language: how_many, how_many_en"),
    ("id", "how_many = [", "how_many = [[", "cannot load"),  # not TOML
    ("en", 'how_many = ["how many", "how much"]', 'how_many = "how many"', "must be a list of strings"),
    ("en", 'how_many = ["how many", "how much"]', 'how_many = ["How many"]', "lower case"),
    ("en", 'how_many = ["how many", "how much"]', 'how_many = ["how  many"]', "single spaces"),
    ("en", 'how_many = ["how many", "how much"]', 'how_many = [1, 2]', "must be a list of strings"),
    ("id", "jepang", "Jepang", "lower case"),
    ("en", "\njapan = [", "\nnippon = [", "same groups in the same order"),
    ("en", '"sunday"]', '"sunday", "funday"]', "as many entries"),
    ("en", "april = 4", "april = 5", "april has different numbers"),  # id.toml says 4
    ("en", "may = 5", "may = 0", "positive integer"),
    ("id", "\n[months]\n", "\n[monthz]\n", "'monthz' must be a list of strings"),
])
def test_a_broken_file_raises(copy: Path, lang: str, old: str, new: str, message: str) -> None:
    edit_lang_file(copy, lang, old, new)
    with pytest.raises(LexiconError, match=re.escape(message)):
        lexicon.read_tables(copy)


def test_a_missing_file_raises(copy: Path) -> None:
    (copy / "id.toml").unlink()
    with pytest.raises(LexiconError, match="cannot load"):
        lexicon.read_tables(copy)


def test_a_key_missing_in_both_languages_raises(copy: Path) -> None:
    for lang in lexicon.LANGS:
        text = (copy / f"{lang}.toml").read_text(encoding="utf-8")
        (copy / f"{lang}.toml").write_text(re.sub(r"(?m)^weekdays = .*$", "", text), encoding="utf-8")
    with pytest.raises(LexiconError, match="lack the key 'weekdays'"):
        lexicon.read_tables(copy)
