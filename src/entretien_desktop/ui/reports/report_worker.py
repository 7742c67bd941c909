"""Reports built off the interface thread, their outcome told on it.

A report takes from a few hundredths of a second (an interview) to seconds (the register of
a large company); a year's batch, minutes. Built on the interface thread, they froze the
window. A ``ReportRun`` does one piece of such work (build a PDF, seal and record it, write
a file) on a thread of the report pool and tells ``succeeded`` or ``failed`` on the
interface thread. The rules it keeps:

- The language: a pool thread does not inherit the interface thread's context
  (``i18n.language_context``), so the work runs in the language the interface spoke when
  the run was started; each report then chooses its reader's language for itself, on that
  thread only.
- Widgets are touched on the interface thread only: the work gets and returns plain values,
  and its outcome comes back by a queued signal.
- Python's cyclic garbage collector runs on the interface thread only (``collector.py``):
  installed before the first run.
- Closing the window that started a run: workers emit on one relay that belongs to the
  pool, never on an object of a window. Qt deletes the pool's children only after the
  pool has waited for its workers, so no worker ever emits on a deleted object (the crash
  ``feed.py`` describes; a relay per run, deleted once its outcome arrived, still raced
  with the worker finishing its emit and lost outcomes). The relay hands each outcome to
  its run by number; a run deleted with its window meanwhile is skipped. A run deleted
  with its window, or cancelled, sets its stop event: a report being built gives up at its
  next page (``reports.stop_when``).
- A failure is logged on the worker with its whole traceback, then told as the exception
  (without the tracebacks: the worker's frames stay there); the window shows a message,
  never the crash dialog.
- The application quitting stops every run at its next page and waits for the pool, so no
  worker still writes when the data file closes.
- The window stays responsive while a worker builds (``bench/ui.py``: the register of
  1,000 employees stalled the event loop 200 to 700 ms at a time without the measures
  below, some 50 ms with them). Two threads share one interpreter lock: each Python call of
  the interface (a model's ``data()`` while a view repaints, a timer's slot) waited up to
  the switch interval (5 ms) for the worker to let go of it, and a repaint makes hundreds of
  such calls; while reports are built the interval is 0.2 ms. And the collector runs on the
  interface thread, from a timer: the hundreds of thousands of objects a report makes
  between two of its checks were walked there (40-60 ms for the youngest generation,
  150-300 ms for the older ones, which also hold the open company). While reports are
  built, what exists is frozen (``gc.freeze``: moved aside, no collection walks it) when
  the first job starts and every 100 ms after, so that a collection walks only what was
  made since; the last job to end unfreezes it all into the oldest generation. A report's
  cyclic garbage is small (19,000 objects for that register, 90 for an interview report):
  the rest is collected by the interface thread's collections as usual. Jobs change and
  put back these settings themselves (the first to start, the last to end), so they are
  back whenever the pool is idle.
"""

from __future__ import annotations

import gc
import itertools
import logging
import sys
import threading
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import (
    QCoreApplication,
    QObject,
    QRunnable,
    QThreadPool,
    QTimer,
    Signal,
    SignalInstance,
)

from entretien_desktop.i18n import _, current_language, language_context
from entretien_desktop.services.errors import UserError
from entretien_desktop.ui.collector import install_collector

log = logging.getLogger(__name__)

POOL_NAME = "report_pool"
_running: set[threading.Event] = set()
"""The stop events of the runs started and not yet finished (touched under the GIL)."""
_waiting: dict[int, ReportRun] = {}
"""The runs whose outcome has not arrived yet, by number (interface thread only)."""
_numbers = itertools.count(1)
SWITCH_INTERVAL_S = 0.0002
"""The interpreter's switch interval while reports are built (Python's default: 5 ms)."""
FREEZE_EVERY_MS = 100
"""How often the objects made meanwhile are frozen while reports are built."""


class _Building:
    """The interpreter's settings while at least one report is built: changed by the first
    job to start, put back by the last to end (on their workers, so that they are back as
    soon as the pool is idle, whether or not the outcomes were delivered)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.jobs = 0
        self.calm_interval = 0.0

    def begin(self) -> None:
        with self.lock:
            self.jobs += 1
            if self.jobs == 1:
                self.calm_interval = sys.getswitchinterval()
                sys.setswitchinterval(SWITCH_INTERVAL_S)
                gc.freeze()  # moves the objects aside; collects nothing

    def refreeze(self) -> None:
        """Freeze what was made since (interface thread, from a timer), if still building."""
        with self.lock:
            if self.jobs:
                gc.freeze()

    def end(self) -> None:
        with self.lock:
            self.jobs -= 1
            if self.jobs == 0:
                gc.unfreeze()  # to the oldest generation: walked at the next full collection
                sys.setswitchinterval(self.calm_interval)


_building = _Building()


class Stopped(Exception):
    """What a run that was stopped (a report given up at a page) fails with."""


class _Relay(QObject):
    """Carries outcomes from the workers to the interface thread: (run number, outcome)."""

    done = Signal(int, object)
    failed = Signal(int, object)

    def __init__(self, pool: QThreadPool) -> None:
        super().__init__(pool)
        self.done.connect(self._done)
        self.failed.connect(self._failed)
        self.freezer = QTimer(self)
        self.freezer.setInterval(FREEZE_EVERY_MS)
        self.freezer.timeout.connect(_building.refreeze)

    def _done(self, number: int, outcome: object) -> None:
        self._tell(number, outcome, failed=False)

    def _failed(self, number: int, error: object) -> None:
        self._tell(number, error, failed=True)

    def _tell(self, number: int, outcome: object, *, failed: bool) -> None:
        # What the report left since the last freeze is collected here, on the interface
        # thread, before a batch starts its next report.
        gc.collect(0)
        run = _waiting.pop(number, None)
        if not _waiting:
            self.freezer.stop()
        if run is not None and shiboken6.isValid(run):
            run.arrived(outcome, failed=failed)


class _Job(QRunnable):
    def __init__(
        self,
        number: int,
        work: Callable[[], object],
        *,
        language: str,
        stop: threading.Event,
        relay: _Relay,
        expected: tuple[type[Exception], ...],
    ) -> None:
        super().__init__()
        self.number, self.work, self.language, self.stop = number, work, language, stop
        self.relay, self.expected = relay, expected

    def run(self) -> None:
        from entretien_desktop.services.reports import (  # noqa: PLC0415
            ReportStopped,
            stop_when,
        )

        signal: SignalInstance = self.relay.done
        _building.begin()
        try:
            with language_context(self.language), stop_when(self.stop):
                outcome: object = self.work()
        except ReportStopped:
            log.debug("A report was given up while it was built")
            signal, outcome = self.relay.failed, Stopped()
        except Exception as error:  # told to the interface thread, never lost
            if isinstance(error, self.expected):
                log.warning("Report not made: %s", error, exc_info=error)
            else:
                log.error("A report failed on its worker", exc_info=error)
            signal, outcome = self.relay.failed, _bare(error)
        finally:
            _building.end()
        # Before the outcome is told: the next run may start as soon as it is.
        _running.discard(self.stop)
        signal.emit(self.number, outcome)


def _bare(error: BaseException) -> BaseException:
    """``error`` without the tracebacks of its chain (logged already): the worker's frames,
    and what they hold, are not carried to the interface thread."""
    seen: set[int] = set()
    link: BaseException | None = error
    while link is not None and id(link) not in seen:
        seen.add(id(link))
        link.__traceback__ = None
        link = link.__cause__ or link.__context__
    return error


def report_pool() -> QThreadPool:
    """The pool the reports are built on, the application's child (created on first use;
    the application waits for it as it ends)."""
    application = QCoreApplication.instance()
    assert application is not None, "reports are built on a worker only in an application"
    found = application.findChild(QThreadPool, POOL_NAME)
    if isinstance(found, QThreadPool):
        return found
    pool = QThreadPool(application)
    pool.setObjectName(POOL_NAME)
    # Reports are Python: a second thread lets a small report pass a long one, more would
    # only share the same interpreter lock.
    pool.setMaxThreadCount(2)
    _Relay(pool)  # the pool's child: deleted only after the pool waited for its workers
    application.aboutToQuit.connect(stop_all)
    return pool


def _relay(pool: QThreadPool) -> _Relay:
    found = pool.findChild(_Relay)
    assert isinstance(found, _Relay)
    return found


def stop_all() -> None:
    """Stop every run at its next page and wait for the pool (the application ends)."""
    for stop in list(_running):
        stop.set()
    application = QCoreApplication.instance()
    found = application.findChild(QThreadPool, POOL_NAME) if application is not None else None
    if isinstance(found, QThreadPool):
        found.clear()
        found.waitForDone()


class ReportRun(QObject):
    """One piece of work at a time on the report pool (``start``), its outcome told on this
    thread: ``succeeded`` with what the work returned, or ``failed`` with the exception it
    raised (``expected`` exceptions, such as a file that cannot be written, are logged as
    warnings, any other as an error, with its traceback). Cancelled, or deleted with its
    parent, it tells nothing more and a report being built gives up at its next page."""

    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(
        self, parent: QObject | None = None, *, expected: tuple[type[Exception], ...] = ()
    ) -> None:
        super().__init__(parent)
        install_collector()
        self.expected = expected
        self.stop = threading.Event()
        self.running = False
        self.cancelled = False
        # Deleted with its window while the worker builds: the build gives up.
        self.destroyed.connect(self.stop.set)

    def start(self, work: Callable[[], object]) -> None:
        """Do ``work`` on the report pool, in the language the interface speaks now."""
        assert not self.running, "a run does one piece of work at a time"
        pool = report_pool()
        number = next(_numbers)
        _waiting[number] = self
        relay = _relay(pool)
        relay.freezer.start()
        _running.add(self.stop)
        self.running = True
        job = _Job(
            number,
            work,
            language=current_language(),
            stop=self.stop,
            relay=relay,
            expected=self.expected,
        )
        pool.start(job)

    def cancel(self) -> None:
        """Tell nothing of the work under way; a report being built gives up."""
        self.cancelled = True
        self.stop.set()

    def arrived(self, outcome: object, *, failed: bool) -> None:
        """The outcome of the work, on this thread (from the relay)."""
        self.running = False
        if self.cancelled:
            return
        if failed:
            self.failed.emit(outcome)
        else:
            self.succeeded.emit(outcome)


def failure_text(error: object) -> str:
    """What the user is told of a run that failed: the reason, and that the log has the
    details (the traceback was written there on the worker)."""
    if isinstance(error, UserError):  # a refusal that says what to do: nothing in the log
        return error.user_message
    if isinstance(error, OSError) and error.strerror:
        reason = error.strerror
    else:
        reason = str(error) or type(error).__name__
    return _("{reason}\n\nThe details are in the program's log.").format(reason=reason)


def was_stopped(error: object) -> bool:
    """Whether a run failed only because it was stopped (nothing to tell the user)."""
    return isinstance(error, Stopped)
