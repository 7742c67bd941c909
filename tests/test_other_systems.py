"""What Windows and macOS do differently, tested here on Linux: the folders the program
uses there, its Windows lock and file handling (with ``msvcrt`` played by a fake), the
files a macOS application finds in its bundle."""

from __future__ import annotations

from pathlib import Path

from entretien_desktop import paths


def test_a_source_tree_reads_its_resources_beside_src(tmp_path: Path) -> None:
    package = tmp_path / "src" / "entretien_desktop"
    package.mkdir(parents=True)
    (tmp_path / "resources").mkdir()
    (tmp_path / "pyproject.toml").write_text("", encoding="utf-8")
    assert paths.resources_dir_of(package) == tmp_path / "resources"


def test_a_macos_application_reads_the_packages_resources_not_contents_resources(
    tmp_path: Path,
) -> None:
    """In ``Entretien Desktop.app`` the package is ``Contents/Frameworks/entretien_desktop``
    (or ``Contents/Resources/...`` once its link is resolved): two levels up is
    ``Contents/``, whose ``Resources`` a case-insensitive disk finds as ``resources``. Made
    here as ``resources``, since this disk tells the two apart."""
    contents = tmp_path / "Entretien Desktop.app" / "Contents"
    package = contents / "Frameworks" / "entretien_desktop"
    (package / "resources" / "templates").mkdir(parents=True)
    (contents / "resources").mkdir()
    assert paths.resources_dir_of(package) == package / "resources"


def test_this_source_tree_is_one() -> None:
    root = Path(__file__).resolve().parents[1]
    assert paths.resources_dir() == root / "resources"
