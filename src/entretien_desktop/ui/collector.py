"""Python's cyclic garbage collector, run on the interface thread only.

Left automatic, the collector runs on whichever thread happens to allocate when a
threshold is crossed: often the worker that recomputes obligations. A collection there can
destroy Qt objects of the interface thread that sat in a reference cycle, which Qt does
not allow and which ends in a crash. So while the interface runs, automatic collection is
off and a timer on the interface thread collects as often as the thresholds ask.
Reference counting, which frees nearly everything, is unaffected.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, QTimer

_CHECK_EVERY_MS = 250


class InterfaceThreadCollector(QObject):
    """Turns automatic collection off and collects from a timer on this object's thread."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.collections = 0
        """How many collections this object ran (for the tests)."""
        self._timer = QTimer(self)
        self._timer.setInterval(_CHECK_EVERY_MS)
        self._timer.timeout.connect(self.check)
        gc.disable()
        self._timer.start()
        self.destroyed.connect(gc.enable)

    def retire(self) -> None:
        """Stop collecting and go, leaving automatic collection off: the caller decides.

        Automatic collection must not come back from inside this object's destructor (its
        ``destroyed`` signal): a collection run there can destroy other Qt objects while Qt
        holds a lock, and the process hangs."""
        self._timer.stop()
        self.destroyed.disconnect(gc.enable)
        gc.disable()
        self.setParent(None)  # Python owns it now; the caller drops it

    def check(self) -> None:
        """Collect the oldest generation whose count crossed its threshold, as the
        automatic collector would have."""
        counts, thresholds = gc.get_count(), gc.get_threshold()
        for generation in (2, 1, 0):
            if counts[generation] > thresholds[generation]:
                gc.collect(generation)
                self.collections += 1
                return


def install_collector() -> InterfaceThreadCollector | None:
    """The application's collector, created on first call (None without an application)."""
    application = QCoreApplication.instance()
    if application is None:
        return None
    found = application.findChild(InterfaceThreadCollector)
    if isinstance(found, InterfaceThreadCollector):
        return found
    return InterfaceThreadCollector(application)
