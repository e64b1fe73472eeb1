"""The shape of the code: stages that import one way, small functions, data in models/.

Read with ``ast`` (nothing is imported), so a breach fails here before it grows.
"""
from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "nkextract"
MODELS = Path(__file__).resolve().parents[1] / "models"
MAX_FUNCTION_LINES = 60


def modules() -> dict[str, Path]:
    """Every module of the package by dotted name (packages by their own name)."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def imported(name: str, path: Path, known: set[str]) -> set[str]:
    """The package modules a module imports at its top level or inside functions."""
    is_package = path.name == "__init__.py"
    here = name.split(".") if is_package else name.split(".")[:-1]
    targets = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = here[: len(here) - node.level + 1]
                stem = ".".join(base + ([node.module] if node.module else []))
            else:
                stem = node.module or ""
            candidates = [stem] + [f"{stem}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            candidates = [alias.name for alias in node.names]
        else:
            continue
        targets |= {c for c in candidates if c in known and c != name}
    # a submodule's import of its own package's __init__ is Python's doing, not a cycle
    return {t for t in targets if not name.startswith(t + ".")}


def graph() -> dict[str, set[str]]:
    found = modules()
    return {name: imported(name, path, set(found)) for name, path in found.items()}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan's algorithm, by hand:
    twenty lines, and no graph library is on the design card)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(edges.get(node, ())):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return groups


def test_the_import_graph_is_read():
    edges = graph()
    assert "nkextract.crosscheck" in edges and "nkextract.crosscheck.certainty" in edges["nkextract.crosscheck"]


def test_no_import_cycles():
    assert cycles(graph()) == []


def test_a_cycle_would_be_found():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


@pytest.mark.parametrize("stage,forbidden", [
    ("nkextract.text", "spacy"),
    ("nkextract.crosscheck", "spacy"),
    ("nkextract.text", "nkextract.components"),
    ("nkextract.crosscheck", "nkextract.components"),
    ("nkextract.components", "nkextract.batch"),
    ("nkextract.components", "nkextract.views"),
])
def test_stages_import_one_way(stage, forbidden):
    offenders = []
    for name, path in modules().items():
        if not (name == stage or name.startswith(stage + ".")):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) and not node.level else [])
            resolved = names
            if isinstance(node, ast.ImportFrom) and node.level:
                here = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
                resolved = [".".join(here[: len(here) - node.level + 1] + ([node.module] if node.module else []))]
            offenders += [f"{name} imports {n}" for n in resolved if n == forbidden or n.startswith(forbidden + ".")]
    assert offenders == []


def long_functions() -> list[str]:
    found = []
    for name, path in modules().items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = node.end_lineno - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    found.append(f"{name}.{node.name} ({length} lines)")
    return found


def test_no_function_longer_than_a_screen():
    assert long_functions() == []


def test_every_lexicon_in_models_reads_and_says_what_it_is():
    files = sorted(MODELS.rglob("*.json")) + sorted(MODELS.rglob("*.jsonl"))
    assert len(files) >= 5
    for path in files:
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".jsonl":
            lines = [json.loads(line) for line in text.splitlines() if line.strip()]
            assert lines, f"{path.name} is empty"
            assert all(isinstance(line, dict) and "label" in line and ("pattern" in line or "phrases" in line)
                       for line in lines), path.name
        else:
            data = json.loads(text)
            assert isinstance(data, dict) and isinstance(data.get("_doc", data.get("_comment")), str), \
                f"{path.name} needs a _doc string saying what it holds"
            assert all(key for key in data), f"{path.name} has an empty key"


def test_every_package_is_installed():
    """setup.cfg lists packages by hand (models/ is mapped into the package): a new
    subpackage left out installs fine with ``-e`` and breaks ``pip install .``."""
    import configparser

    config = configparser.ConfigParser()
    config.read(PACKAGE.parent / "setup.cfg")
    listed = set(config["options"]["packages"].split())
    packages = {name for name, path in modules().items() if path.name == "__init__.py"}
    assert packages and packages <= listed
