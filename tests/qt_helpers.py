"""Test helpers that need Qt: an obligations feed that has already reported once."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from entretien_desktop.services.workspace import Workspace
from entretien_desktop.ui.feed import ObligationsFeed

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
        for collector in application.findChildren(InterfaceThreadCollector):
            collector.stop()
            collector.setParent(None)
    if enabled:
        gc.enable()
    else:
        gc.disable()
