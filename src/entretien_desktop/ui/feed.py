"""The obligations of the open file, recomputed off the interface thread after each change.

Pages listen to ``report_ready`` instead of asking the rules themselves: the evaluation of
a large company takes a second or more, and the window must never freeze. A result that
arrives after a newer change started is dropped.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, SignalInstance

from entretien_desktop.domain import Company
from entretien_desktop.services.errors import UserError
from entretien_desktop.services.obligations import ObligationsReport, company_obligations
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.ui.collector import install_collector

log = logging.getLogger(__name__)


class _Relay(QObject):
    done = Signal(int, object)
    failed = Signal(int, str)


class _Evaluation(QRunnable):
    def __init__(
        self, version: int, company: Callable[[], Company | None], as_of: date, relay: _Relay
    ) -> None:
        super().__init__()
        self.version, self.company, self.as_of, self.relay = version, company, as_of, relay

    def run(self) -> None:
        try:
            company = self.company()
            # An empty file: nothing to compute, but the interface must hear that it is done.
            report = None if company is None else company_obligations(company, self.as_of)
        except UserError as error:  # the file could not be read: the user can act on it
            log.warning("The obligations could not be computed: %s", error)
            self._report(self.relay.failed, error.user_message)
            return
        except Exception:  # a bug: the whole traceback to the log, a message to the window
            log.exception("The obligations could not be computed")
            self._report(self.relay.failed, "")
            return
        self._report(self.relay.done, report)

    def _report(self, signal: SignalInstance, payload: object) -> None:
        try:
            signal.emit(self.version, payload)
        except RuntimeError:
            # The window closed while this ran (Qt deleted the relay with it): nobody is
            # left to tell, and nothing was changed.
            log.debug("Obligations computed for a window already closed")


class ObligationsFeed(QObject):
    report_ready = Signal(object)
    """The newest ``ObligationsReport``."""
    busy_changed = Signal(bool)
    failed = Signal(str)
    """The evaluation failed: the user's message for a problem of the file, or "" for a bug
    (whose traceback is in the log)."""

    def __init__(
        self,
        workspace: Workspace,
        pool: QThreadPool | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        # Python code runs on the pool's threads: collection must stay on this one.
        install_collector()
        self.workspace = workspace
        self.pool = pool or QThreadPool.globalInstance()
        self.latest: ObligationsReport | None = None
        self._wanted = -1
        self._relay = _Relay(self)
        self._relay.done.connect(self._done)
        self._relay.failed.connect(self._failed)
        workspace.add_listener(self.refresh)

    def refresh(self) -> None:
        """Recompute for the workspace as it is now (no company: nothing to compute).

        The first time, the company itself is read on the worker thread too: the window is
        usable while a large file loads."""
        workspace = self.workspace
        if workspace.loaded:
            company = workspace.company
            if company is None:
                return

            def source() -> Company | None:
                return company

        else:
            source = workspace.read_company
        self._wanted = workspace.version
        self.busy_changed.emit(True)
        self.pool.start(_Evaluation(self._wanted, source, workspace.today(), self._relay))

    def stop(self) -> None:
        """Drop the evaluations not yet started and wait for the running one. Called when
        the window closes: the result is sent through this feed's relay, which Qt deletes
        with the window, and a worker emitting on a deleted object crashes the process."""
        self.pool.clear()
        self.pool.waitForDone()

    def _done(self, version: int, report: object) -> None:
        if version != self._wanted:
            return
        if report is None:  # the file holds no company (yet)
            self.busy_changed.emit(False)
            return
        assert isinstance(report, ObligationsReport)
        self.workspace.adopt(report.company)
        self.latest = report
        self.busy_changed.emit(False)
        self.report_ready.emit(report)

    def _failed(self, version: int, message: str) -> None:
        if version == self._wanted:
            self.busy_changed.emit(False)
            self.failed.emit(message)
