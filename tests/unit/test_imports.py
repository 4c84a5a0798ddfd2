"""The house has no import cycles: neither between modules nor between rooms (subpackages).

Every import of an `assistant` module counts, also the lazy ones inside functions: a cycle that only works
because one side imports late is still a cycle in the design.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "assistant"


def _module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in PACKAGE.rglob("*.py")}


def _imports(path: Path, known: set[str]) -> set[str]:
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            # "from assistant.text import dates" imports the module assistant.text.dates.
            names = [f"{node.module}.{a.name}" if f"{node.module}.{a.name}" in known else node.module
                     for a in node.names]
        else:
            assert not (isinstance(node, ast.ImportFrom) and node.level), f"{path}: use absolute imports"
            continue
        out.update(n for n in names if n in known)
    return out


def _graph() -> dict[str, set[str]]:
    mods = _modules()
    known = set(mods)
    return {name: _imports(path, known) - {name} for name, path in mods.items()}


def _find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}  # 1: on the stack, 2: done
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def _room(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 2 else "(top)"


def test_no_module_import_cycle() -> None:
    cycle = _find_cycle(_graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_no_cycle_between_rooms() -> None:
    rooms: dict[str, set[str]] = {}
    for module, deps in _graph().items():
        if _room(module) == "(top)":
            continue  # service, cli, records, settings, errors: the edge and the shared records
        rooms.setdefault(_room(module), set()).update(_room(d) for d in deps if _room(d) not in ("(top)", _room(module)))
    cycle = _find_cycle(rooms)
    assert cycle is None, "rooms import each other: " + " -> ".join(cycle or [])


def test_the_finder_sees_a_cycle() -> None:
    assert _find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _find_cycle({"a": {"b"}, "b": set()}) is None


def test_modules_stay_small() -> None:
    long = {str(p.relative_to(PACKAGE)): n for p in PACKAGE.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 320}
    assert not long, f"modules over ~300 lines: {long}"


def test_test_files_have_unique_basenames() -> None:
    # pytest's default import mode cannot load two test modules with one basename (no __init__.py here).
    tests = PACKAGE.parent / "tests"
    seen: dict[str, list[str]] = {}
    for p in tests.rglob("test_*.py"):
        seen.setdefault(p.name, []).append(str(p.relative_to(tests)))
    assert not {k: v for k, v in seen.items() if len(v) > 1}
