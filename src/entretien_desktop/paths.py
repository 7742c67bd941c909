"""Where the application keeps its files by default, per the operating system's conventions."""

from __future__ import annotations

import getpass
import os
from pathlib import Path

from platformdirs import PlatformDirs

APP_NAME = "EntretienDesktop"
DEFAULT_FILE_NAME = "entretien.entretien"
EARLIER_DEFAULT_FILE_NAME = "entretien.sqlite"
"""The default data file of versions before the ``.entretien`` extension: still the one
opened by default where it exists, so that an update finds its data."""

_dirs = PlatformDirs(APP_NAME, appauthor=False)


def default_database_path() -> Path:
    """The data file opened when no ``--db`` is given: in the user's data folder (never in
    the program's own folder, which an update replaces)."""
    folder = Path(_dirs.user_data_dir)
    earlier = folder / EARLIER_DEFAULT_FILE_NAME
    return earlier if earlier.exists() else folder / DEFAULT_FILE_NAME


def system_user() -> str:
    """The operating system's name of the user running the program (their number where the
    system has no name for it)."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (a bare container)
        return str(os.getuid()) if hasattr(os, "getuid") else ""


def log_dir() -> Path:
    return Path(_dirs.user_log_dir)


def config_dir() -> Path:
    return Path(_dirs.user_config_dir)


def resources_dir() -> Path:
    """The program's read-only resources (interview templates...): ``resources/`` beside
    ``src/`` in a source tree, else inside the installed package."""
    return resources_dir_of(Path(__file__).resolve().parent)


def resources_dir_of(package: Path) -> Path:
    """The resources of the package in the folder ``package``. A source tree is told by its
    ``pyproject.toml``, not by a ``resources`` folder two levels up alone: in a macOS
    application that folder is ``Contents/``, whose ``Resources`` (PyInstaller's, no
    templates in it) answers to ``resources`` on the case-insensitive disks macOS uses."""
    root = package.parents[1]
    if (root / "pyproject.toml").is_file() and (root / "resources").is_dir():
        return root / "resources"
    return package / "resources"
