"""The skills matrix printed or exported from the window: "Print the skills matrix (PDF)…"
opens it in the report viewer (preview, Print…, Save as…, the language; built on a worker,
with a progress dialog past a moment), "Export the skills matrix (.xlsx)…" asks where to
save and writes the workbook on the report pool, with a progress dialog whose Cancel
leaves nothing written.

Both print the matrix of the filter they are given when triggered (``chosen``): the skills
page passes its own (site, department, job); the main window's File menu passes the
current page's ``matrix_filter()`` when it has one, else the whole company.

Wiring, for a page or a menu::

    outputs = SkillsMatrixOutputs(parent, workspace, chosen=lambda: MatrixFilter(site=...))
    toolbar.addAction(outputs.print_action)
    toolbar.addAction(outputs.export_action)
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from entretien_desktop.domain import Company
from entretien_desktop.i18n import _
from entretien_desktop.services.report_batches import safe_file_name
from entretien_desktop.services.skills_grid import MatrixFilter
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.ui.excel_export import ask_xlsx_path
from entretien_desktop.ui.reports.report_documents import ReportDocument
from entretien_desktop.ui.reports.report_worker import ReportRun, failure_text, was_stopped

SKILLS_MATRIX = "skills_matrix"
"""What a printed matrix is recorded as (``verify``)."""
BUSY_AFTER_MS = 400
"""A workbook written faster than this shows no progress dialog."""


def _title(chosen: MatrixFilter) -> str:
    words = chosen.words()
    title = _("Skills matrix")
    return f"{title} — {words}" if words else title


def _stem(chosen: MatrixFilter, today: date) -> str:
    parts = [_("Skills-matrix"), chosen.site, chosen.department, chosen.job, today.isoformat()]
    return safe_file_name("-".join(part for part in parts if part))


def _matrix_pdf(company: Company, today: date, chosen: MatrixFilter, language: str) -> bytes:
    # reportlab is imported here, on the worker, the first time a matrix is built.
    from entretien_desktop.services.reports.skills_matrix_pdf import (  # noqa: PLC0415
        skills_matrix_pdf,
    )

    return skills_matrix_pdf(company, today, chosen, language)


def skills_matrix_document(
    workspace: Workspace, chosen: MatrixFilter, interface_language: str
) -> ReportDocument:
    """The printed matrix of ``chosen`` as of today, in the interface's language."""
    company, today = workspace.require_company(), workspace.today()
    return ReportDocument(
        title=_title(chosen),
        file_stem=_stem(chosen, today),
        kind=SKILLS_MATRIX,
        build=partial(_matrix_pdf, company, today, chosen),
        language=interface_language,
    )


class SkillsMatrixOutputs(QObject):
    """The two actions, and what they do. ``written`` with the workbook's path once
    written; ``not_written`` with the message shown when it could not be; ``opened`` with
    the report viewer."""

    written = Signal(object)
    not_written = Signal(str)
    opened = Signal(object)

    def __init__(
        self,
        parent: QWidget,
        workspace: Workspace,
        chosen: Callable[[], MatrixFilter] = MatrixFilter,
    ) -> None:
        super().__init__(parent)
        self.parent_widget, self.workspace, self.chosen = parent, workspace, chosen
        self.path: Path | None = None
        self.progress: QProgressDialog | None = None
        self.print_action = QAction(_("Print the skills &matrix (PDF)…"), parent)
        self.print_action.setObjectName("print_skills_matrix")
        self.print_action.setToolTip(
            _("The skills matrix on landscape pages for the wall, with its legend.")
        )
        self.print_action.triggered.connect(self._print_triggered)
        self.export_action = QAction(_("Export the skills matrix (.&xlsx)…"), parent)
        self.export_action.setObjectName("export_skills_matrix")
        self.export_action.setToolTip(
            _(
                "The skills matrix as an Excel workbook, with the catalogue, the jobs' needs "
                "and the history of the levels."
            )
        )
        self.export_action.triggered.connect(self._export_triggered)
        self.run = self._new_run()
        self.busy = QTimer(self)
        self.busy.setSingleShot(True)
        self.busy.setInterval(BUSY_AFTER_MS)
        self.busy.timeout.connect(self._show_progress)

    def _new_run(self) -> ReportRun:
        run = ReportRun(self, expected=(OSError,))
        run.succeeded.connect(self._written)
        run.failed.connect(self._failed)
        return run

    def actions(self) -> list[QAction]:
        return [self.print_action, self.export_action]

    def update_enabled(self) -> None:
        """Both need a company; exporting waits for the workbook under way."""
        has_company = self.workspace.summary().company_name is not None
        self.print_action.setEnabled(has_company)
        self.export_action.setEnabled(has_company and not self.run.running)

    def _print_triggered(self, _checked: bool = False) -> None:
        self.show_matrix()

    def _export_triggered(self, _checked: bool = False) -> None:
        self.export()

    # -- the PDF --------------------------------------------------------------------------
    def show_matrix(self, language: str | None = None) -> QWidget | None:
        """The matrix in the report viewer (built there on a worker); the viewer, or
        ``None`` without a company."""
        if self.workspace.summary().company_name is None:
            return None
        from entretien_desktop.i18n import current_language  # noqa: PLC0415
        from entretien_desktop.ui.reports.report_viewer import open_viewer  # noqa: PLC0415

        document = skills_matrix_document(
            self.workspace, self.chosen(), language or current_language()
        )
        viewer = open_viewer(self.workspace, document, self.parent_widget)
        self.opened.emit(viewer)
        return viewer

    # -- the workbook ---------------------------------------------------------------------
    def export(self, path: Path | None = None) -> bool:
        """Ask the file's name (unless given), then write the workbook on the report pool;
        whether it was started."""
        if self.run.running or self.workspace.summary().company_name is None:
            return False
        company, today, chosen = (
            self.workspace.require_company(),
            self.workspace.today(),
            self.chosen(),
        )
        if path is None:
            path = ask_xlsx_path(
                self.parent_widget.window(),
                _("Export the skills matrix"),
                _stem(chosen, today),
            )
            if path is None:
                return False
        elif path.suffix.lower() != ".xlsx":
            path = path.with_name(f"{path.name}.xlsx")
        from entretien_desktop.services.skills_matrix_xlsx import (  # noqa: PLC0415 (openpyxl)
            export_skills_matrix_xlsx,
        )

        self.path = path
        self.export_action.setEnabled(False)
        self.run.start(partial(export_skills_matrix_xlsx, company, today, path, chosen))
        self.busy.start()
        return True

    def _show_progress(self) -> None:
        if not self.run.running:
            return
        progress = QProgressDialog(
            _("Writing the skills matrix…"), _("Cancel"), 0, 0, self.parent_widget.window()
        )
        progress.setWindowTitle(_("Export the skills matrix"))
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)
        progress.canceled.connect(self.cancel)
        progress.show()
        self.progress = progress

    def cancel(self) -> None:
        """Give up the workbook under way: nothing is written (the worker stops before
        writing); another export may start at once, on a run of its own."""
        self.run.cancel()
        self.run = self._new_run()
        self._done()

    def _done(self) -> None:
        self.busy.stop()
        if self.progress is not None:
            self.progress.canceled.disconnect(self.cancel)
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None
        self.export_action.setEnabled(not self.run.running)

    def _written(self, *_outcome: object) -> None:
        self._done()
        self.written.emit(self.path)

    def _failed(self, error: object) -> None:
        self._done()
        if was_stopped(error):
            return
        reason = failure_text(error)
        message = _("{path} could not be written: {reason}").format(path=self.path, reason=reason)
        QMessageBox.warning(
            self.parent_widget.window(), _("The Excel file could not be written"), message
        )
        self.not_written.emit(message)
