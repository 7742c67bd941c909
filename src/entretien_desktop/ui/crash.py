"""What happens on a programming error: the traceback goes to the log, and the user sees
"Something went wrong" with the details, where the log is, and what became of their data.

Environment problems (a locked or full file) never come here: they are shown where they
happen, with their own message. Every change is committed to the data file when it is
made, so a crash loses at most the change under way, and the dialog says so.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QMessageBox

from entretien_desktop.i18n import _

log = logging.getLogger(__name__)


class CrashHandler(QObject):
    """Catches uncaught exceptions of every thread; the dialog always opens on the GUI thread."""

    _report = Signal(str)

    def __init__(self, log_path: Path) -> None:
        super().__init__()
        self.log_path = log_path
        self._showing = False
        self._previous_hook = sys.excepthook
        self._previous_thread_hook = threading.excepthook
        self._report.connect(self._show_dialog)

    def install(self) -> None:
        self._previous_hook = sys.excepthook
        self._previous_thread_hook = threading.excepthook
        sys.excepthook = self.handle
        threading.excepthook = self._handle_thread

    def uninstall(self) -> None:
        sys.excepthook = self._previous_hook
        threading.excepthook = self._previous_thread_hook

    def handle(
        self,
        kind: type[BaseException],
        error: BaseException,
        trace: TracebackType | None,
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            self._previous_hook(kind, error, trace)
            return
        log.critical("Unexpected error", exc_info=(kind, error, trace))
        details = "".join(traceback.format_exception(kind, error, trace))
        if QApplication.instance() is None:
            sys.stderr.write(details)
            return
        self._report.emit(details)

    def _handle_thread(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None or issubclass(args.exc_type, SystemExit):
            return
        self.handle(args.exc_type, args.exc_value, args.exc_traceback)

    def dialog(self, details: str) -> QMessageBox:
        box = QMessageBox(QMessageBox.Icon.Critical, _("Something went wrong"), "")
        box.setObjectName("crash_dialog")
        box.setText(_("Something went wrong"))
        box.setInformativeText(
            _(
                "Every change saved before this moment is safe in your data file; the "
                "action under way may not have been completed. Please check it, then go on "
                "working or restart Entretien Desktop.\n\nThe details are in the log: {path}"
            ).format(path=self.log_path)
        )
        box.setDetailedText(details)
        box.setStandardButtons(QMessageBox.StandardButton.Close)
        return box

    def _show_dialog(self, details: str) -> None:
        # An error raised while the dialog is open (a paint failing again) is logged only.
        if self._showing:
            return
        self._showing = True
        try:
            self.dialog(details).exec()
        finally:
            self._showing = False


def install_crash_handler(log_path: Path) -> CrashHandler:
    """Route uncaught exceptions to the log and a dialog; ``uninstall()`` undoes it."""
    handler = CrashHandler(log_path)
    handler.install()
    return handler
