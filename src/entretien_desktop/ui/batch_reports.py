"""Reports of a year: the report of every interview held in a year, one PDF each, written
in a folder, with a progress dialog that can be cancelled.

The reports are built on the interface thread, one per turn of the event loop (a
single-shot timer started again after each file): building a report switches the
process's language for its duration, so two can never be built at once, and between two
files the window repaints and the Cancel button is heard. Cancelling stops after the file
being written; the files already written stay. Each file is recorded as issued, like any
PDF the program writes, so that ``verify`` recognises it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QWidget,
)

from entretien_desktop.domain import Company, Employee, Interview, InterviewStatus
from entretien_desktop.i18n import _, format_number, ngettext
from entretien_desktop.services import signing
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.storage import StorageError
from entretien_desktop.ui.labels import interview_kind_label
from entretien_desktop.ui.report_documents import (
    INTERVIEW_REPORT,
    default_folder,
    interview_file_stem,
    safe_file_name,
)


@dataclass(frozen=True, slots=True)
class BatchItem:
    employee: Employee
    interview: Interview
    file_name: str


def held_interviews(company: Company, year: int) -> list[tuple[Employee, Interview]]:
    """The interviews held in ``year`` (signed or not), by date then name."""
    found = [
        (employee, interview)
        for employee in company.employees
        for interview in employee.interviews
        if interview.status is InterviewStatus.HELD
        and interview.date is not None
        and interview.date.year == year
    ]
    return sorted(found, key=lambda pair: (pair[1].date, pair[0].full_name, pair[1].id))


def years_held(company: Company) -> list[tuple[int, int]]:
    """(year, number of interviews held that year), the latest year first."""
    counts = Counter(
        interview.date.year
        for employee in company.employees
        for interview in employee.interviews
        if interview.status is InterviewStatus.HELD and interview.date is not None
    )
    return sorted(counts.items(), reverse=True)


def batch_items(company: Company, year: int) -> list[BatchItem]:
    """The reports of ``year``, each with a file name of its own: the employee and the date,
    then the kind when one person had two interviews that day, then the number."""
    pairs = held_interviews(company, year)
    # Every interview held in ``year`` has its date: the fallback day is never used.
    stems = [interview_file_stem(e, i, date(year, 1, 1)) for e, i in pairs]
    repeated = Counter(stems)
    stems = [
        safe_file_name(f"{stem}-{interview_kind_label(i.kind)}") if repeated[stem] > 1 else stem
        for stem, (_e, i) in zip(stems, pairs, strict=True)
    ]
    repeated = Counter(stems)
    stems = [
        safe_file_name(f"{stem}-{i.id}") if repeated[stem] > 1 else stem
        for stem, (_e, i) in zip(stems, pairs, strict=True)
    ]
    return [BatchItem(e, i, f"{stem}.pdf") for stem, (e, i) in zip(stems, pairs, strict=True)]


class BatchReports(QObject):
    """Writes ``items`` into ``folder``, one per timer tick, under a progress dialog."""

    progressed = Signal(int)
    """The number of files written so far."""
    finished = Signal(int)
    """The number of files written in all (fewer when cancelled or failed)."""

    def __init__(
        self,
        workspace: Workspace,
        items: Sequence[BatchItem],
        folder: Path,
        title: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace, self.items, self.folder = workspace, list(items), Path(folder)
        self.company = workspace.require_company()
        self.parent_widget = parent
        self.title = title
        self.written = 0
        self.cancelled = False
        self.problem: str | None = None
        self.progress = QProgressDialog(
            _("Writing the reports…"), _("Cancel"), 0, len(self.items), parent
        )
        self.progress.setWindowTitle(title)
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(0)
        self.progress.setAutoReset(False)
        self.progress.setAutoClose(False)
        self.progress.setMinimumWidth(420)
        self.progress.canceled.connect(self.cancel)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._step)

    def start(self) -> None:
        self.progress.setValue(0)
        self.progress.show()
        self._timer.start()

    def cancel(self) -> None:
        """Stop after the file being written."""
        self.cancelled = True

    def _step(self) -> None:
        """Write the next report, then come back on the next turn of the event loop."""
        self.cancelled = self.cancelled or self.progress.wasCanceled()
        if self.cancelled or self.written >= len(self.items):
            self._finish()
            return
        from entretien_desktop.services import reports  # noqa: PLC0415

        item = self.items[self.written]
        self.progress.setLabelText(
            _("Report {number} of {count}: {name}").format(
                number=format_number(self.written + 1),
                count=format_number(len(self.items)),
                name=item.employee.full_name,
            )
        )
        try:
            signatures = signing.drawn_signatures(self.workspace, item.interview)
            data = reports.interview_report(
                self.company, item.employee, item.interview, signatures=signatures
            )
            data = signing.issue(self.workspace, data, INTERVIEW_REPORT, item.interview)
            reports.write_pdf_atomically(self.folder / item.file_name, data)
        except (OSError, StorageError) as error:
            reason = error.strerror if isinstance(error, OSError) and error.strerror else error
            self.problem = _("{name} could not be written: {reason}").format(
                name=item.file_name, reason=reason
            )
            self._finish()
            return
        self.written += 1
        self.progress.setValue(self.written)  # a modal progress dialog hears Cancel here
        self.progressed.emit(self.written)
        self._timer.start()

    def _finish(self) -> None:
        self.progress.close()
        self.progress.deleteLater()
        self._tell()
        self.finished.emit(self.written)

    def _tell(self) -> None:
        count = len(self.items)
        where = str(self.folder)
        written = ngettext(
            "{written} of {count} report written in {folder}.",
            "{written} of {count} reports written in {folder}.",
            count,
        ).format(written=self.written, count=count, folder=where)
        if self.problem is not None:
            QMessageBox.warning(self.parent_widget, self.title, f"{self.problem}\n\n{written}")
        elif self.cancelled and self.written < count:
            kept = _("Stopped. The files already written are kept.")
            QMessageBox.information(self.parent_widget, self.title, f"{kept}\n\n{written}")
        else:
            QMessageBox.information(
                self.parent_widget,
                self.title,
                ngettext(
                    "{count} report written in {folder}.",
                    "{count} reports written in {folder}.",
                    count,
                ).format(count=count, folder=where),
            )


class YearReportsDialog(QDialog):
    """Choose a year and a folder, then write the reports of that year there."""

    batch_started = Signal(object)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.setWindowTitle(_("Reports of a year"))
        self.year_combo = QComboBox()
        for year, count in years_held(workspace.require_company()):
            text = ngettext(
                "{year} — {count} interview held", "{year} — {count} interviews held", count
            ).format(year=year, count=format_number(count))
            self.year_combo.addItem(text, year)
        self.folder_edit = QLineEdit(str(default_folder()))
        self.folder_edit.setMinimumWidth(320)
        browse = QPushButton(_("&Browse…"))
        browse.setAutoDefault(False)
        browse.clicked.connect(self.choose_folder)
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.message_label.hide()
        note = QLabel(
            _(
                "One PDF for each interview held that year, named by employee and date, in "
                "the employee's language."
            )
        )
        note.setWordWrap(True)
        self.button_box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.button_box.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(_("&Write the reports"))
        ok.setEnabled(self.year_combo.count() > 0)
        self.button_box.accepted.connect(self.accept)
        self.button_box.rejected.connect(self.reject)

        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(browse)
        form = QFormLayout(self)
        year_label = QLabel(_("&Year:"))
        year_label.setBuddy(self.year_combo)
        folder_label = QLabel(_("&Folder:"))
        folder_label.setBuddy(self.folder_edit)
        form.addRow(year_label, self.year_combo)
        form.addRow(folder_label, folder_row)
        form.addRow(note)
        if not self.year_combo.count():
            self._say(_("No interview has been held yet."))
        form.addRow(self.message_label)
        form.addRow(self.button_box)

    def _say(self, message: str) -> None:
        self.message_label.setText(message)
        self.message_label.show()

    def choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self, _("Folder for the reports"), self.folder_edit.text()
        )
        if chosen:
            self.folder_edit.setText(chosen)

    def accept(self) -> None:
        year = self.year_combo.currentData()
        folder = Path(self.folder_edit.text().strip())
        if year is None:
            return
        if not folder.is_dir():
            self._say(_("This folder does not exist: choose another one."))
            return
        items = batch_items(self.workspace.require_company(), int(year))
        taken = [item for item in items if (folder / item.file_name).exists()]
        if taken:
            answer = QMessageBox.question(
                self,
                self.windowTitle(),
                ngettext(
                    "{count} file of the same name is already in this folder. Replace it?",
                    "{count} files of the same name are already in this folder. Replace them?",
                    len(taken),
                ).format(count=len(taken)),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        batch = BatchReports(
            self.workspace,
            items,
            folder,
            _("Reports of {year}").format(year=year),
            self.parentWidget(),
        )
        super().accept()
        batch.start()
        self.batch_started.emit(batch)
