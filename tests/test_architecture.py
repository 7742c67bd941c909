"""The folders are the architecture (docs/architecture.md): imports point one way.

Nothing outside ``ui/`` and the composition root imports PySide6; ``domain/`` and ``rules/``
import neither PySide6 nor SQLAlchemy; nothing imports ``ui/`` but the composition root;
SQL stays in ``storage/``. Read from the source with ``ast``, so a lazy import counts too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "entretien_desktop"
COMPOSITION_ROOT = {"app.py"}


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "migrations" not in p.parts)


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _layer(path: Path) -> str:
    relative = path.relative_to(PACKAGE)
    return relative.parts[0] if len(relative.parts) > 1 else relative.name


def _offenders(allowed_layers: set[str], forbidden_prefix: str) -> list[str]:
    return [
        f"{path.relative_to(PACKAGE)} imports {name}"
        for path in _modules()
        if _layer(path) not in allowed_layers
        for name in _imports(path)
        if name == forbidden_prefix or name.startswith(forbidden_prefix + ".")
    ]


def test_the_package_has_its_layers() -> None:
    layers = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert {"domain", "storage", "services", "i18n", "ui"} <= layers


def test_only_the_interface_imports_qt() -> None:
    assert _offenders({"ui", *COMPOSITION_ROOT}, "PySide6") == []


def test_nothing_but_the_composition_root_imports_the_interface() -> None:
    assert _offenders({"ui", *COMPOSITION_ROOT}, "entretien_desktop.ui") == []


@pytest.mark.parametrize("layer", ["domain", "rules"])
@pytest.mark.parametrize("forbidden", ["PySide6", "sqlalchemy", "alembic", "sqlite3"])
def test_domain_and_rules_stay_pure(layer: str, forbidden: str) -> None:
    offenders = [
        f"{path.relative_to(PACKAGE)} imports {name}"
        for path in _modules()
        if _layer(path) == layer
        for name in _imports(path)
        if name == forbidden or name.startswith(forbidden + ".")
    ]
    assert offenders == []


@pytest.mark.parametrize("forbidden", ["sqlalchemy", "alembic", "sqlite3"])
def test_only_storage_knows_sql(forbidden: str) -> None:
    assert _offenders({"storage"}, forbidden) == []


def test_the_checks_do_see_imports() -> None:
    """Guards the guard: the parser finds the imports a module really has."""
    assert "sqlalchemy" in _imports(PACKAGE / "storage" / "engine.py")


def _returns_nothing(function: ast.FunctionDef) -> bool:
    annotation = function.returns
    if annotation is not None:
        return isinstance(annotation, ast.Constant) and annotation.value is None
    return not any(
        isinstance(node, ast.Return) and node.value is not None for node in ast.walk(function)
    )


def _slot_offenders(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    answers: dict[str, list[bool]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef):
            answers.setdefault(node.name, []).append(_returns_nothing(node))
    offenders = []
    for node in ast.walk(tree):
        if not (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "connect"
            and node.args
        ):
            continue
        target = node.args[0]
        if isinstance(target, ast.Lambda):
            if not isinstance(target.body, ast.Call):
                offenders.append(f"{path.name}:{node.lineno} lambda returns a value")
                continue
            target = target.body.func
        name = target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", None)
        if name in answers and not all(answers[name]):
            offenders.append(f"{path.name}:{node.lineno} {name} returns a value")
    return offenders


def test_slots_return_nothing() -> None:
    """Every function connected to a signal returns None: Qt ignores a slot's answer, so
    one that returns something is a function that does two jobs (answer and react)."""
    modules = [p for p in _modules() if _layer(p) in {"ui", *COMPOSITION_ROOT}]
    assert [o for path in modules for o in _slot_offenders(path)] == []
