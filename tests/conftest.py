"""Shared test setup: Qt runs offscreen, so GUI tests need no display; each test starts in
English, whatever language an earlier test or the machine chose; every test that uses
``qtbot`` is marked ``gui`` (``pytest -m "not gui"`` is the fast loop); no test leaves
Python's garbage collector switched off for the next (the order is random: pytest-randomly).
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings

    from entretien_desktop.app import Session

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    from tests.helpers import on_server  # noqa: PLC0415

    server = on_server()
    for item in items:
        if "qtbot" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.gui)
        file_only = item.get_closest_marker("file_only")
        if server and file_only is not None:  # the server pass: a file's test is not for it
            reason = file_only.args[0] if file_only.args else "about data files"
            item.add_marker(pytest.mark.skip(reason=f"file only: {reason}"))


@pytest.fixture(autouse=True)
def _english_messages() -> Iterator[None]:
    from entretien_desktop.i18n import set_language  # noqa: PLC0415

    set_language("en")
    yield
    set_language("en")


@pytest.fixture(autouse=True)
def _collection_as_found() -> Iterator[None]:
    """The window's collector turns automatic collection off while the interface runs;
    after the test, it goes and collection is as the test found it."""
    enabled = gc.isenabled()
    yield
    from tests.qt_helpers import settle_collection  # noqa: PLC0415

    settle_collection(enabled)


@pytest.fixture(autouse=True)
def _private_user_folders(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """No test writes the log or the preferences into the folders of the account running it."""
    from entretien_desktop import paths  # noqa: PLC0415

    folder = tmp_path_factory.mktemp("user")
    saved = paths.log_dir, paths.config_dir
    paths.log_dir = lambda: folder / "log"  # type: ignore[method-assign]
    paths.config_dir = lambda: folder / "config"  # type: ignore[method-assign]
    yield
    paths.log_dir, paths.config_dir = saved  # type: ignore[method-assign]


# -- the application's session, for the tests of the window's life -------------------------
@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    """This computer's interface settings, in the test's folder."""
    from PySide6.QtCore import QSettings  # noqa: PLC0415

    return QSettings(str(tmp_path / "interface.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def session(settings: QSettings) -> Iterator[Session]:
    """The application's session on ``settings``; its window and file closed after."""
    from entretien_desktop.app import Session  # noqa: PLC0415

    opened = Session(settings)
    yield opened
    if opened.window is not None:
        opened.window.close()
    opened.close()
