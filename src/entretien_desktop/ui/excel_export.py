"""The "Export to Excel…" button of the register, the dashboard and the training plan: asks
where to save, then writes the page's workbook (services/xlsx_export.py) from the newest
obligations report, in the interface's language; a file that cannot be written is said in
a message, and nothing is left behind."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QGuiApplication, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton, QWidget

from entretien_desktop.i18n import _
from entretien_desktop.services.xlsx_export import Export, export_xlsx
from entretien_desktop.ui.feed import ObligationsFeed
from entretien_desktop.ui.reports.report_documents import default_folder


def _file_stem(what: Export) -> str:
    stems = {
        Export.REGISTER: _("Register"),
        Export.OBLIGATIONS: _("Obligations"),
        Export.TRAINING: _("Training plan"),
        Export.ALL: _("Register"),
    }
    return stems[what]


class ExcelExportButton(QPushButton):
    """Writes the workbook ``what`` of ``feed``'s newest report where the user says."""

    def __init__(self, feed: ObligationsFeed, what: Export, parent: QWidget | None = None) -> None:
        super().__init__(_("Export to E&xcel…"), parent)
        self.setObjectName(f"export_xlsx_{what.value}")
        self.setToolTip(
            _("Save this list as an Excel workbook: real dates and numbers, filters on the titles.")
        )
        self.feed, self.what = feed, what
        self.last_written: Path | None = None
        self.setEnabled(feed.latest is not None)
        feed.report_ready.connect(self._report_arrived)
        self.clicked.connect(self._clicked)

    def _report_arrived(self, *_report: object) -> None:
        self.setEnabled(True)

    def _clicked(self, *_checked: object) -> None:
        self.export()

    def export(self) -> Path | None:
        """Ask the file's name, then write it; the path written, or ``None``."""
        report = self.feed.latest
        if report is None:
            return None
        stem = f"{_file_stem(self.what)} {report.as_of.isoformat()}.xlsx"
        name, _chosen = QFileDialog.getSaveFileName(
            self.window(),
            _("Export to Excel"),
            str(default_folder() / stem),
            _("Excel workbooks (*.xlsx)"),
        )
        if not name:
            return None
        path = Path(name)
        if path.suffix.lower() != ".xlsx":
            path = path.with_name(f"{path.name}.xlsx")
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            export_xlsx(report, self.what, path)
        except OSError as error:
            QGuiApplication.restoreOverrideCursor()
            QMessageBox.warning(
                self.window(),
                _("The Excel file could not be written"),
                _("{path} could not be written: {reason}").format(
                    path=path, reason=error.strerror or error
                ),
            )
            return None
        QGuiApplication.restoreOverrideCursor()
        self.last_written = path
        return path
