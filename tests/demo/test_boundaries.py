"""The demo data is wired one way: teilhabe.demo imports the apps, never the reverse, and
nothing finds demo modules by name at run time."""

from __future__ import annotations

import ast
from importlib.util import find_spec
from pathlib import Path

import pytest

import teilhabe

SRC = Path(teilhabe.__file__).parent
APPS = sorted(p.name for p in SRC.iterdir() if (p / "apps.py").is_file() and p.name != "demo")


def imported_modules(source: str, package: str) -> set[str]:
    """Every module a source imports, relative imports resolved against its package."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{parent}.{base}" if base else parent
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def dynamic_imports(path: Path) -> list[str]:
    """Calls of import_module / find_spec / __import__: how demo modules used to be found."""
    calls = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in ("import_module", "find_spec", "__import__"):
                calls.append(f"{path.relative_to(SRC)}:{node.lineno}")
    return calls


def package_of(path: Path) -> str:
    return ".".join(path.relative_to(SRC.parent).with_suffix("").parts[:-1])


def python_files(package: str) -> list[Path]:
    return sorted((SRC / package).rglob("*.py"))


def test_the_apps_under_test_are_found() -> None:
    assert {"core", "people", "casework", "offers", "privacy"} <= set(APPS)


@pytest.mark.parametrize("app", APPS)
def test_no_app_imports_the_demo_package(app: str) -> None:
    offenders = {
        f"{path.relative_to(SRC)}: {module}"
        for path in python_files(app)
        for module in imported_modules(path.read_text(encoding="utf-8"), package_of(path))
        if module == "teilhabe.demo" or module.startswith("teilhabe.demo.")
    }
    assert offenders == set()


def test_core_has_no_demo_code_and_looks_up_no_module_by_name() -> None:
    assert not (SRC / "core" / "demo").exists()
    assert not list((SRC / "core" / "management" / "commands").glob("seed*.py"))
    assert [call for path in python_files("core") for call in dynamic_imports(path)] == []


def test_the_demo_package_names_its_steps_instead_of_discovering_them() -> None:
    assert [call for path in python_files("demo") for call in dynamic_imports(path)] == []


@pytest.mark.parametrize("app", APPS)
def test_no_app_keeps_a_demo_module(app: str) -> None:
    assert find_spec(f"teilhabe.{app}.demo") is None
    assert not list((SRC / app).rglob("demo.py"))


def test_the_import_scan_sees_relative_and_absolute_imports() -> None:
    # The checks above are only as good as this resolution.
    source = "from ..demo import seed\nfrom . import models\nimport teilhabe.demo.people\n"
    found = imported_modules(source, "teilhabe.people")
    assert {"teilhabe.demo", "teilhabe.demo.seed", "teilhabe.demo.people"} <= found
    assert "teilhabe.people.models" in found
