"""The "Export to Excel…" button of the register, the dashboard and the training plan: asks
where to save, then writes the page's workbook (services/xlsx_export.py) from the newest
obligations report, in the interface's language, on the report pool (the window stays
responsive); a file that cannot be written is said in a message, and nothing is left
behind."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton, QWidget

from entretien_desktop.i18n import _
from entretien_desktop.services.xlsx_export import Export, export_xlsx
from entretien_desktop.ui.feed import ObligationsFeed
from entretien_desktop.ui.reports.report_documents import default_folder
from entretien_desktop.ui.reports.report_worker import ReportRun, was_stopped


def _file_stem(what: Export) -> str:
    stems = {
        Export.REGISTER: _("Register"),
        Export.OBLIGATIONS: _("Obligations"),
        Export.TRAINING: _("Training plan"),
        Export.ALL: _("Register"),
    }
    return stems[what]


def ask_xlsx_path(window: QWidget, title: str, stem: str) -> Path | None:
    """The workbook's path the user chooses (``None``: cancelled), in the usual folder,
    named ``stem`` to start with, always ending in ``.xlsx``."""
    name, _chosen = QFileDialog.getSaveFileName(
        window, title, str(default_folder() / f"{stem}.xlsx"), _("Excel workbooks (*.xlsx)")
    )
    if not name:
        return None
    path = Path(name)
    return path if path.suffix.lower() == ".xlsx" else path.with_name(f"{path.name}.xlsx")


class ExcelExportButton(QPushButton):
    """Writes the workbook ``what`` of ``feed``'s newest report where the user says, on the
    report pool (the obligations of a large company take seconds): ``written`` with the
    path once written; ``not_written`` with the message shown when it could not be."""

    written = Signal(object)
    not_written = Signal(str)

    def __init__(self, feed: ObligationsFeed, what: Export, parent: QWidget | None = None) -> None:
        super().__init__(_("Export to E&xcel…"), parent)
        self.setObjectName(f"export_xlsx_{what.value}")
        self.setToolTip(
            _("Save this list as an Excel workbook: real dates and numbers, filters on the titles.")
        )
        self.feed, self.what = feed, what
        self.path: Path | None = None
        self.run = ReportRun(self, expected=(OSError,))
        self.run.succeeded.connect(self._written)
        self.run.failed.connect(self._failed)
        self.setEnabled(feed.latest is not None)
        feed.report_ready.connect(self._report_arrived)
        self.clicked.connect(self._clicked)

    def _report_arrived(self, *_report: object) -> None:
        self.setEnabled(not self.run.running)

    def _clicked(self, *_checked: object) -> None:
        self.export()

    def export(self) -> bool:
        """Ask the file's name, then start writing it; whether it was started."""
        report = self.feed.latest
        if report is None or self.run.running:
            return False
        stem = f"{_file_stem(self.what)} {report.as_of.isoformat()}"
        path = ask_xlsx_path(self.window(), _("Export to Excel"), stem)
        if path is None:
            return False
        self.path = path
        self.setEnabled(False)
        QGuiApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
        self.run.start(partial(export_xlsx, report, self.what, path))
        return True

    def _written(self, *_outcome: object) -> None:
        QGuiApplication.restoreOverrideCursor()
        self.setEnabled(True)
        self.written.emit(self.path)

    def _failed(self, error: object) -> None:
        QGuiApplication.restoreOverrideCursor()
        self.setEnabled(True)
        if was_stopped(error):
            return
        reason = error.strerror if isinstance(error, OSError) and error.strerror else error
        message = _("{path} could not be written: {reason}").format(path=self.path, reason=reason)
        QMessageBox.warning(self.window(), _("The Excel file could not be written"), message)
        self.not_written.emit(message)
