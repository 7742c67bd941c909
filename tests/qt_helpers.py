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
