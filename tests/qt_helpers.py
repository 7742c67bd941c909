"""Test helpers that need Qt: an obligations feed that has already reported once."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from pytestqt.qtbot import QtBot

from entretien_desktop.services.workspace import Workspace
from entretien_desktop.ui.feed import ObligationsFeed

if TYPE_CHECKING:
    from entretien_desktop.ui.main_window import MainWindow

WAIT_MS = 10_000


def ready_feed(qtbot: QtBot, workspace: Workspace) -> ObligationsFeed:
    feed = ObligationsFeed(workspace)
    with qtbot.waitSignal(feed.report_ready, timeout=WAIT_MS):
        feed.refresh()
    return feed


def settle_collection(enabled: bool) -> None:
    """Remove the application's interface-thread collector, if any, and leave automatic
    garbage collection ``enabled`` or not."""
    import gc  # noqa: PLC0415

    from PySide6.QtCore import QCoreApplication  # noqa: PLC0415

    from entretien_desktop.ui.collector import InterfaceThreadCollector  # noqa: PLC0415

    application = QCoreApplication.instance()
    if application is not None:
        collectors = application.findChildren(InterfaceThreadCollector)
        while collectors:
            collectors.pop().retire()  # destroyed here, with automatic collection off
    if enabled:
        gc.enable()
    else:
        gc.disable()


def window_on(qtbot: QtBot, workspace: Workspace, settings_file: Path) -> MainWindow:
    """The application's window on ``workspace``, built by the composition root as for a
    user (its pages and dialogs, its own worker pool: ``window.feed.pool``), its settings
    in ``settings_file``, with its first report of the obligations in."""
    window = program_window(workspace, settings_file)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.feed.report_ready, timeout=WAIT_MS):
        window.feed.refresh()
    return window


def program_window(workspace: Workspace, settings_file: Path) -> MainWindow:
    """``window_on`` without pytest-qt (a window of its own process, tests/window_process.py):
    built, not yet shown, its first report not asked for."""
    from PySide6.QtCore import QSettings, QThreadPool  # noqa: PLC0415

    from entretien_desktop.app import build_window  # noqa: PLC0415
    from entretien_desktop.services.errors import UserError  # noqa: PLC0415
    from entretien_desktop.ui.file_menu import FileActions  # noqa: PLC0415

    files = FileActions(
        open_file=lambda _path: None,
        new_file=lambda _path, _passphrase: None,
        save_copy=lambda _path: None,
        create_demo=lambda: None,
        user_errors=(UserError,),
    )
    settings = QSettings(str(settings_file), QSettings.Format.IniFormat)
    return build_window(workspace.database, settings, files, QThreadPool(), workspace=workspace)


@contextmanager
def real_window(qtbot: QtBot, workspace: Workspace) -> Iterator[MainWindow]:
    """``window_on`` a file's workspace, its settings beside the file; its worker pool
    waited for on leaving."""
    window = window_on(qtbot, workspace, workspace.path.with_suffix(".ini"))
    pool = window.feed.pool
    yield window
    pool.waitForDone()
