"""The wheel is a program that works on its own: templates, fonts and compiled catalogs
inside, found by the code once installed away from the source tree."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # Built from a copy: pip builds in the tree it is given and leaves build/ behind.
    source = tmp_path_factory.mktemp("source")
    for name in ("pyproject.toml", "setup.py", "README.md"):
        shutil.copy(ROOT / name, source / name)
    skip = shutil.ignore_patterns("__pycache__", "*.egg-info")
    for folder in ("src", "resources"):
        shutil.copytree(ROOT / folder, source / folder, ignore=skip)
    out = tmp_path_factory.mktemp("wheel")
    build = [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation"]
    subprocess.run([*build, "--wheel-dir", str(out), str(source)], check=True)
    return next(out.glob("entretien_desktop-*.whl"))


@pytest.mark.slow
def test_the_wheel_carries_templates_fonts_and_catalogs(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    templates = sorted(p.name for p in (ROOT / "resources" / "templates").glob("*.json"))
    assert templates
    for name in templates:
        assert f"entretien_desktop/resources/templates/{name}" in names
    assert "entretien_desktop/resources/fonts/DejaVuSans.ttf" in names
    for language in ("fr", "en", "nl", "nb"):
        assert f"entretien_desktop/locale/{language}/LC_MESSAGES/entretien_desktop.mo" in names


@pytest.mark.slow
def test_the_installed_package_finds_its_templates_and_fonts(wheel: Path, tmp_path: Path) -> None:
    installed = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(installed)
    probe = (
        "from entretien_desktop.services.templates import built_in_templates\n"
        "from entretien_desktop.services.reports.fonts import fonts_dir\n"
        "import entretien_desktop\n"
        "print(len(built_in_templates()), (fonts_dir() / 'DejaVuSans.ttf').is_file())\n"
        "print(entretien_desktop.__file__)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        env={"PYTHONPATH": str(installed), "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
    )
    count = len(list((ROOT / "resources" / "templates").glob("*.json")))
    found, fonts, module = done.stdout.split()
    assert (found, fonts) == (str(count), "True")
    assert Path(module).is_relative_to(installed)  # the wheel's copy, not the source tree
