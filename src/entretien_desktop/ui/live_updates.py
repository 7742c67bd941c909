"""Other users' changes arriving in the window, on a shared server (services/live.py).

The server's notices are heard on a thread of the storage layer; ``LiveUpdates`` carries
each one to the interface's thread (a signal, queued), lets a burst settle (a 300-row
import by another user is one refresh, not 300), reads the company again on the window's
worker pool, and gives it to the workspace, which announces it: the dashboard, the
register and every other page show it as after a change made here. The status bar says
so, discreetly, with the time. Nothing of this on a file.
"""

from __future__ import annotations

import logging
import math
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QLocale,
    QObject,
    Qt,
    QThreadPool,
    QTime,
    QTimer,
    Signal,
    SignalInstance,
)

from entretien_desktop.domain import Company
from entretien_desktop.i18n import _
from entretien_desktop.services.claims import CLAIMS
from entretien_desktop.services.errors import UserError
from entretien_desktop.services.live import Arrival, Watch
from entretien_desktop.services.workspace import Workspace

if TYPE_CHECKING:
    from entretien_desktop.ui.main_window import MainWindow

log = logging.getLogger(__name__)

SETTLE_MS = 300
"""How long notices are gathered before the company is read again."""
PAUSE_MS = 1_500
"""The least time from the end of one read of the company to the start of the next:
another user typing in a form saves every few hundred milliseconds, each save a notice,
and a window would otherwise read the whole company again without a pause."""
MESSAGE_MS = 15_000
"""How long the status bar says that another user's changes came in."""


class _Relay(QObject):
    """Carries a worker's read to the interface's thread (deleted with the window)."""

    read = Signal(int, object)
    failed = Signal(str)


class LiveUpdates(QObject):
    refreshed = Signal(str)
    """Another user's changes are in the workspace (announced); the status bar's message."""
    _arrived = Signal()

    def __init__(
        self,
        workspace: Workspace,
        pool: QThreadPool | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.pool = pool or QThreadPool.globalInstance()
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self._read_again)
        self._reading = False
        self._again = False
        self._last_read = -math.inf
        """When the last read ended (``time.monotonic``)."""
        self._relay = _Relay(self)
        self._relay.read.connect(self._take)
        self._relay.failed.connect(self._failed)
        self._arrived.connect(self._gather, Qt.ConnectionType.QueuedConnection)
        self.watch: Watch | None = workspace.watch(self._hear)
        if self.watch is not None:
            # Stopped before this object goes: a notice is never emitted on a deleted one.
            self.destroyed.connect(self.watch.stop)

    @property
    def watching(self) -> bool:
        return self.watch is not None

    def stop(self) -> None:
        if self.watch is not None:
            self.watch.stop()

    def _hear(self, arrival: Arrival) -> None:
        """On the listening thread: hand over to the interface's thread."""
        if arrival.table == CLAIMS:  # a form closed elsewhere: nothing a page shows
            return
        self._arrived.emit()

    def _gather(self) -> None:
        if not self._settle.isActive():
            since_ms = (time.monotonic() - self._last_read) * 1000
            self._settle.start(math.ceil(max(SETTLE_MS, PAUSE_MS - since_ms)))

    def _read_again(self) -> None:
        if self._reading:
            self._again = True
            return
        self._reading = True
        commits = self.workspace.commits
        read, relay = self.workspace.read_company, self._relay

        def work() -> None:
            try:
                company = read()
            except UserError as error:
                _emit(relay.failed, error.user_message)
                return
            except Exception:
                log.exception("The company could not be read again after another user's change")
                _emit(relay.failed, "")
                return
            _emit(relay.read, commits, company)

        self.pool.start(work)

    def _take(self, commits: int, company: object) -> None:
        self._reading, self._last_read = False, time.monotonic()
        read = company if isinstance(company, Company) else None
        if self.workspace.take_company(read, commits):
            when = QLocale().toString(QTime.currentTime(), QLocale.FormatType.ShortFormat)
            message = _("Updated: changes by another user ({time})").format(time=when)
            log.info("Another user's changes read again")
            self.refreshed.emit(message)
        else:  # a change of this window came in while it was read: read once more
            self._again = True
        self._follow_up()

    def _failed(self, message: str) -> None:
        self._reading, self._last_read = False, time.monotonic()
        log.warning("Another user's changes could not be read: %s", message)
        self._follow_up()

    def _follow_up(self) -> None:
        if self._again:
            self._again = False
            self._gather()


def watch_others(window: MainWindow, pool: QThreadPool | None = None) -> LiveUpdates:
    """Other users' changes shown in ``window`` as they come (nothing on a file), said on
    its status bar."""
    live = LiveUpdates(window.workspace, pool, parent=window)

    def say(message: str) -> None:
        window.statusBar().showMessage(message, MESSAGE_MS)

    live.refreshed.connect(say)
    return live


def _emit(signal: SignalInstance, *values: object) -> None:
    try:
        signal.emit(*values)
    except RuntimeError:
        log.debug("Another user's changes read for a window already closed")


__all__ = ["LiveUpdates", "watch_others"]
