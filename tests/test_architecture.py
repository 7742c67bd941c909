"""The folders are the architecture (docs/architecture.md): imports point one way.

Nothing outside ``ui/`` and the composition root imports PySide6; ``domain/`` and ``rules/``
import neither PySide6 nor SQLAlchemy; nothing imports ``ui/`` but the composition root;
SQL stays in ``storage/``. Read from the source with ``ast``, so a lazy import counts too.
"""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "entretien_desktop"
COMPOSITION_ROOT = {"app.py", "self_test.py"}  # self_test builds the window to check it


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


# -- the layering as import-linter contracts (pyproject.toml) -----------------------------
ROOT = PACKAGE.parents[1]


def _lint_imports(source_root: Path) -> subprocess.CompletedProcess[str]:
    """Run the project's import contracts on the package under ``source_root``."""
    environment = {**os.environ, "PYTHONPATH": str(source_root)}
    return subprocess.run(
        [
            str(Path(sys.executable).parent / "lint-imports"),
            "--no-cache",
            "--config",
            "pyproject.toml",
        ],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.slow
def test_the_layers_are_kept() -> None:
    result = _lint_imports(ROOT / "src")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 3 kept, 0 broken." in result.stdout


@pytest.mark.slow
@pytest.mark.parametrize(
    ("module", "planted", "contract"),
    [
        (
            "rules/engine.py",
            "from entretien_desktop.services import labels",
            "Each layer imports only the layers below it",
        ),
        (
            "storage/uow.py",
            "from entretien_desktop.services import workspace",
            "Each layer imports only the layers below it",
        ),
        (
            "ui/pages/welcome.py",
            "from entretien_desktop.storage import open_database",
            "The interface talks to services, never to storage or SQL",
        ),
    ],
)
def test_a_planted_forbidden_import_breaks_the_check(
    tmp_path: Path, module: str, planted: str, contract: str
) -> None:
    """Guards the guard: a copy of the package with one import that goes the wrong way
    fails the check, naming the contract broken."""
    copy = tmp_path / "src" / "entretien_desktop"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "locale"))
    target = copy / module
    text = target.read_text(encoding="utf-8")
    marker = "from __future__ import annotations\n"
    target.write_text(text.replace(marker, f"{marker}\n{planted}  # noqa\n", 1), "utf-8")
    result = _lint_imports(tmp_path / "src")
    assert result.returncode != 0
    assert f"{contract} BROKEN" in result.stdout


# -- every write goes through the gate ------------------------------------------------------
GATE = {"services/workspace.py"}


def _opens_a_unit_of_work(path: Path) -> bool:
    return any(
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "unit_of_work"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
    )


def test_only_storage_and_the_gate_open_a_unit_of_work() -> None:
    """A change is made in ``Workspace.change`` (or read through it), never by opening a
    unit of work elsewhere: one place re-reads, checks, commits, records the undo step."""
    opening = {
        str(path.relative_to(PACKAGE))
        for path in _modules()
        if _layer(path) != "storage" and _opens_a_unit_of_work(path)
    }
    assert opening == GATE
