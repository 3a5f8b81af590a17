"""The apps import each other without cycles, so the wiring can be followed top-down.

Every `import` in `src/teilhabe` counts, also those inside functions and under
TYPE_CHECKING. One cycle is documented and allowed: people ↔ casework (a person's access
depends on their cases, a case belongs to a person). The imports in `KNOWN` still close
cycles and are to be removed by moving code to its owner; the list may only shrink.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import teilhabe

SRC = Path(teilhabe.__file__).parent
ALLOWED_PAIR = frozenset({"people", "casework"})

# (importing module, imported module) that close a cycle today.
KNOWN: set[tuple[str, str]] = set()


def _module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(source: str) -> set[str]:
    """Modules (or packages) of teilhabe this source imports, wherever the import stands."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            # `from teilhabe.x import y` may name a module y: count the deeper name too.
            found |= {node.module, *(f"{node.module}.{a.name}" for a in node.names)}
    return {name for name in found if name.startswith("teilhabe.")}


def module_imports() -> set[tuple[str, str]]:
    modules = {_module_name(p): p for p in SRC.rglob("*.py")}
    edges = set()
    for importer, path in modules.items():
        resolved = set()
        for imported in _imports(path.read_text(encoding="utf-8")):
            # Keep the deepest name that is a module of ours (drops `…models.Case`).
            while imported not in modules and "." in imported:
                imported = imported.rsplit(".", 1)[0]
            resolved.add(imported)
        # `from teilhabe.x import y` with y a module imports y, not only the package x.
        deepest = {m for m in resolved if not any(o.startswith(m + ".") for o in resolved)}
        edges |= {(importer, imported) for imported in deepest}
    return edges


def app_of(module: str) -> str:
    return module.split(".")[1] if module.count(".") else module


def app_cycles(edges: set[tuple[str, str]]) -> list[list[str]]:
    """Strongly connected groups of apps (people and casework count as one)."""
    graph: dict[str, set[str]] = defaultdict(set)

    def node(module: str) -> str:
        app = app_of(module)
        return "people+casework" if app in ALLOWED_PAIR else app

    for importer, imported in edges:
        a, b = node(importer), node(imported)
        if a != b:
            graph[a].add(b)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[list[str]] = []

    def visit(v: str) -> None:  # Tarjan
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for v in list(graph):
        if v not in index:
            visit(v)
    return groups


def test_the_apps_import_each_other_without_a_cycle_besides_people_and_casework() -> None:
    edges = module_imports() - KNOWN
    assert app_cycles(edges) == [], "an import closes a cycle between apps; see KNOWN"


def test_every_known_exception_still_exists_so_the_list_only_shrinks() -> None:
    assert KNOWN - module_imports() == set(), "remove these entries from KNOWN"


def test_the_check_finds_a_cycle_through_an_import_inside_a_function() -> None:
    late = "def f():\n    from teilhabe.offers.models import Offer\n"
    assert _imports(late) == {"teilhabe.offers.models", "teilhabe.offers.models.Offer"}
    edges = {
        ("teilhabe.offers.views", "teilhabe.people.access"),
        ("teilhabe.people.services", "teilhabe.offers.models"),
    }
    assert app_cycles(edges) == [["offers", "people+casework"]]
