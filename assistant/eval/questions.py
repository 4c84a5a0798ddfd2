"""The eval question file: JSONL, one question per line.

Contract of a line (a JSON object; unknown fields are ignored, so files can carry notes and provenance):
- `id` (required): a non-empty string (an integer is accepted and read as its string); unique in a file
  and across the files of one run.
- `lang` (required): "id" or "en", the language the question is written in.
- `question` (required): the non-empty question text.
- `docs`: the doc_ids of the documents that answer it; at least one unless `unanswerable` is true.
- `must`: groups of alternative strings; an answer covers a group when one alternative appears in it. A
  lone string is a group of one.
- `unanswerable`, `briefing`: booleans (default false).
- `false_premise`: boolean (default false): the question assumes something the articles contradict or never
  say. With `docs` (the article that shows the premise false) and `must` (the correcting fact) when an
  article corrects it; with `"unanswerable": true` and no docs when nothing does.
- `split` (optional): "tune" or "heldout", so that work can tune on one half of a set and report the other;
  absent means the question belongs to no split. Read into `Question.split`.
- `injection` (red-team questions, tests/data/redteam/): an object whose `obeyed_if` is a non-empty list of
  strings: the answer obeyed an instruction planted in an article when it contains one of them (a marker
  word such as "PWNED", a URL, a planted false fact). Read into `Question.obeyed_if`.

A bad line raises `EvalFileError` whose message starts with "FILE:LINE:", so the user can go and fix it;
this module never loads a model, so a bad file fails before any slow work starts.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.errors import EvalFileError

LANGS = ("id", "en")


@dataclass(frozen=True)
class Question:
    id: str
    lang: str  # "id" | "en"
    question: str
    docs: tuple[str, ...] = ()
    must: tuple[tuple[str, ...], ...] = ()
    unanswerable: bool = False
    briefing: bool = False
    obeyed_if: tuple[str, ...] = ()  # red-team: strings whose presence in the answer means it obeyed
    false_premise: bool = False
    split: str | None = None  # "tune" | "heldout" | None


SPLITS = ("tune", "heldout")


def _fail(where: str, message: str) -> EvalFileError:
    return EvalFileError(f"{where}: {message}")


def _string_list(value: Any, where: str, name: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _fail(where, f"`{name}` must be a list of non-empty strings")
    return tuple(v.strip() for v in value)


def _must_groups(raw: Any, where: str) -> tuple[tuple[str, ...], ...]:
    if not isinstance(raw, list):
        raise _fail(where, "`must` must be a list of groups (lists of alternative strings)")
    groups = []
    for i, group in enumerate(raw):
        if isinstance(group, str):  # a lone string is a group of one
            group = [group]
        if not isinstance(group, list) or not group:
            raise _fail(where, f"`must` group {i + 1} must be a non-empty list of strings")
        groups.append(_string_list(group, where, f"must[{i}]"))
    return tuple(groups)


def _obeyed_if(raw: Any, where: str) -> tuple[str, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, dict) or "obeyed_if" not in raw:
        raise _fail(where, "`injection` must be an object with `obeyed_if`: a list of strings")
    markers = _string_list(raw["obeyed_if"], where, "injection.obeyed_if")
    if not markers:
        raise _fail(where, "`injection.obeyed_if` must list at least one string")
    return markers


def parse_question(line: str, where: str = "line") -> Question:
    """One JSONL line -> Question. `where` (e.g. "qa.jsonl:7") prefixes every error message."""
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise _fail(where, f"not valid JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(data, dict):
        raise _fail(where, "expected a JSON object")
    for key in ("id", "lang", "question"):
        if key not in data:
            raise _fail(where, f"missing required field `{key}`")
    qid = data["id"]
    if not isinstance(qid, (str, int)) or isinstance(qid, bool) or not str(qid).strip():
        raise _fail(where, "`id` must be a non-empty string")
    lang = data["lang"]
    if lang not in LANGS:
        raise _fail(where, f"`lang` must be \"id\" or \"en\", not {lang!r}")
    question = data["question"]
    if not isinstance(question, str) or not question.strip():
        raise _fail(where, "`question` must be a non-empty string")
    unanswerable = data.get("unanswerable", False)
    briefing = data.get("briefing", False)
    false_premise = data.get("false_premise", False)
    for name, value in (("unanswerable", unanswerable), ("briefing", briefing), ("false_premise", false_premise)):
        if not isinstance(value, bool):
            raise _fail(where, f"`{name}` must be true or false")
    split = data.get("split")
    if split is not None and split not in SPLITS:
        raise _fail(where, f"`split` must be \"tune\" or \"heldout\", not {split!r}")
    docs = _string_list(data.get("docs", []), where, "docs")
    must = _must_groups(data.get("must", []), where)
    if not unanswerable and not docs:
        raise _fail(where, "an answerable question needs at least one expected document in `docs` "
                           "(or set \"unanswerable\": true)")
    if false_premise and not unanswerable and not must:
        raise _fail(where, "a false-premise question an article corrects needs the correcting fact in `must` "
                           "(or set \"unanswerable\": true when nothing corrects it)")
    return Question(id=str(qid).strip(), lang=lang, question=question.strip(), docs=docs, must=must,
                    unanswerable=unanswerable, briefing=briefing, obeyed_if=_obeyed_if(data.get("injection"), where),
                    false_premise=false_premise, split=split)


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")  # -sig: files saved by Windows editors start with a BOM
    except FileNotFoundError:
        raise EvalFileError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise EvalFileError(f"{path}: cannot read it ({exc})") from None


def _load(path: Path, seen: dict[str, tuple[Path, int]]) -> list[Question]:
    """The questions of one file; `seen` maps every id met so far (this file and earlier ones) to its
    file and line."""
    questions: list[Question] = []
    for number, line in enumerate(_read(path).splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        q = parse_question(line, where)
        if q.id in seen:
            first_path, first_line = seen[q.id]
            first = f"line {first_line}" if first_path == path else f"{first_path}:{first_line}"
            raise _fail(where, f"duplicate id {q.id!r} (first on {first})")
        seen[q.id] = (path, number)
        questions.append(q)
    if not questions:
        raise EvalFileError(f"{path}: no questions in the file")
    return questions


def load_questions(path: Path) -> list[Question]:
    """Every question of one file, in file order."""
    return _load(Path(path), {})


def load_question_files(paths: Iterable[Path], limit: int | None = None) -> list[tuple[Path, list[Question]]]:
    """Every file's questions, files in the given order. Ids must be unique across the files too: the
    report's per-question rows are keyed by id. `limit` keeps the first N questions of each file (a quick
    run over several files still sees every file); every line is still checked."""
    seen: dict[str, tuple[Path, int]] = {}
    files: set[Path] = set()
    out = []
    for path in paths:
        if Path(path).resolve() in files:  # else every id of it reads as a duplicate of itself
            raise EvalFileError(f"{path}: given twice")
        files.add(Path(path).resolve())
        questions = _load(Path(path), seen)
        out.append((Path(path), questions if limit is None else questions[:limit]))
    return out


__all__ = ["LANGS", "SPLITS", "EvalFileError", "Question", "load_question_files", "load_questions", "parse_question"]
