"""Batches of documents written in a folder, with a progress dialog that can be cancelled:
the report of every interview held in a year, one PDF each; the invitation letter and
calendar file of every member of a campaign whose interview is planned or invited. What a
batch holds, and the names of its files, are chosen in ``services/report_batches.py``.

A batch is a list of items, each the files of one person: their names and how to build
them. Each item is built and written on a worker (``report_worker``), one after the
other: the next starts once the interface thread has heard that the last is written, so the
progress dialog moves on per person and its Cancel stops the batch after the item being
written; the files already written stay. Each PDF is sealed when the company seals its
reports and recorded as issued (``signing.issue``, on the worker), like any PDF the
program writes, so that ``verify`` recognises it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
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

from entretien_desktop.domain import Campaign, Company, Employee, Interview
from entretien_desktop.i18n import _, format_number, ngettext
from entretien_desktop.services import signing
from entretien_desktop.services.errors import StorageError
from entretien_desktop.services.report_batches import (
    campaign_invitations,
    year_reports,
    years_held,
)
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.ui.reports.report_documents import (
    INTERVIEW_REPORT,
    INVITATION_LETTER,
    default_folder,
)
from entretien_desktop.ui.reports.report_worker import ReportRun, failure_text, was_stopped


@dataclass(frozen=True, slots=True)
class BatchFile:
    """One file of a batch: its name in the folder and how to build its bytes (a PDF is
    issued by its build: sealed when enabled and recorded)."""

    name: str
    build: Callable[[Workspace], bytes]


@dataclass(frozen=True, slots=True)
class BatchItem:
    """One step of a batch: the files of one person, written one after the other."""

    name: str
    """Who the files are for, as the progress dialog names them."""
    files: tuple[BatchFile, ...]

    @property
    def file_names(self) -> list[str]:
        return [file.name for file in self.files]


@dataclass(frozen=True, slots=True)
class BatchWords:
    """What a batch says while it writes and when it ends, in the language of the moment."""

    writing: str
    """The progress dialog's first words: ``Writing the reports…``."""
    step: str
    """``Report {number} of {count}: {name}``."""
    some_written: Callable[[int], str]
    """For the number of items: ``{written} of {count} reports written in {folder}.``"""
    all_written: Callable[[int], str]
    """For the number of items: ``{count} reports written in {folder}.``"""


def report_words() -> BatchWords:
    return BatchWords(
        writing=_("Writing the reports…"),
        step=_("Report {number} of {count}: {name}"),
        some_written=lambda count: ngettext(
            "{written} of {count} report written in {folder}.",
            "{written} of {count} reports written in {folder}.",
            count,
        ),
        all_written=lambda count: ngettext(
            "{count} report written in {folder}.", "{count} reports written in {folder}.", count
        ),
    )


def invitation_words() -> BatchWords:
    return BatchWords(
        writing=_("Writing the invitations…"),
        step=_("Invitation {number} of {count}: {name}"),
        some_written=lambda count: ngettext(
            "{written} of {count} invitation written in {folder}.",
            "{written} of {count} invitations written in {folder}.",
            count,
        ),
        all_written=lambda count: ngettext(
            "{count} invitation written in {folder}.",
            "{count} invitations written in {folder}.",
            count,
        ),
    )


def _report_build(
    company: Company, employee: Employee, interview: Interview
) -> Callable[[Workspace], bytes]:
    def build(workspace: Workspace) -> bytes:
        from entretien_desktop.services import reports  # noqa: PLC0415

        signatures = signing.drawn_signatures(workspace, interview)
        data = reports.interview_report(company, employee, interview, signatures=signatures)
        return signing.issue(workspace, data, INTERVIEW_REPORT, interview)

    return build


def batch_items(company: Company, year: int) -> list[BatchItem]:
    """The reports of ``year`` (``report_batches.year_reports``: one per interview held,
    each with a file name of its own)."""
    return [
        BatchItem(
            entry.employee.full_name,
            (
                BatchFile(
                    f"{entry.stem}.pdf", _report_build(company, entry.employee, entry.interview)
                ),
            ),
        )
        for entry in year_reports(company, year)
    ]


def _invitation_builds(
    company: Company, employee: Employee, interview: Interview, today: date
) -> tuple[Callable[[Workspace], bytes], Callable[[Workspace], bytes]]:
    """How to build the letter (dated the invitation's day, else ``today``) and the
    calendar file, both in the employee's language."""

    def letter(workspace: Workspace) -> bytes:
        from entretien_desktop.services import reports  # noqa: PLC0415

        on = interview.invited_on or today
        data = reports.invitation_letter(company, employee, interview, on=on)
        return signing.issue(workspace, data, INVITATION_LETTER)

    def calendar(_workspace: Workspace) -> bytes:
        from entretien_desktop.services import reports  # noqa: PLC0415

        return reports.invitation_ics(company, employee, interview).encode("utf-8")

    return letter, calendar


def invitation_items(
    company: Company, campaign: Campaign, today: date
) -> tuple[list[BatchItem], int]:
    """The invitation letter and calendar file of each member of ``campaign`` whose
    campaign interview is planned or invited (``report_batches.campaign_invitations``), and
    how many members have no interview yet. An interview without a date has no calendar
    file."""
    entries, waiting = campaign_invitations(company, campaign, today)
    items = []
    for entry in entries:
        letter, calendar = _invitation_builds(company, entry.employee, entry.interview, today)
        files = [BatchFile(f"{entry.stem}.pdf", letter)]
        if entry.interview.date is not None:
            files.append(BatchFile(f"{entry.stem}.ics", calendar))
        items.append(BatchItem(entry.employee.full_name, tuple(files)))
    return items, waiting


class FileNotWritten(Exception):
    """A file of a batch could not be built or written (a full disk, a folder gone, a data
    file that cannot record the issued PDF...)."""

    def __init__(self, name: str, reason: object) -> None:
        super().__init__(f"{name}: {reason}")
        self.name, self.reason = name, reason


def write_item(workspace: Workspace, folder: Path, item: BatchItem) -> int:
    """Build and write the files of ``item`` in ``folder``; returns how many. Runs on a
    worker: no Qt here."""
    from entretien_desktop.services.company_file import (  # noqa: PLC0415
        write_file_atomically,
    )

    for file in item.files:
        try:
            write_file_atomically(folder / file.name, file.build(workspace))
        except (OSError, StorageError, ValueError) as error:
            reason = error.strerror if isinstance(error, OSError) and error.strerror else error
            raise FileNotWritten(file.name, reason) from error
    return len(item.files)


def confirm_replacing(
    parent: QWidget | None, title: str, folder: Path, items: Sequence[BatchItem]
) -> bool:
    """Whether the batch may go on: no file of the same name in ``folder``, or the user
    agreed to replace them."""
    taken = [name for item in items for name in item.file_names if (folder / name).exists()]
    if not taken:
        return True
    answer = QMessageBox.question(
        parent,
        title,
        ngettext(
            "{count} file of the same name is already in this folder. Replace it?",
            "{count} files of the same name are already in this folder. Replace them?",
            len(taken),
        ).format(count=len(taken)),
    )
    return answer == QMessageBox.StandardButton.Yes


class BatchReports(QObject):
    """Writes the files of ``items`` into ``folder``, one item after the other on a worker,
    under a progress dialog; ``words`` say what is written (reports by default) and
    ``note`` is added to the final message."""

    progressed = Signal(int)
    """The number of items written so far."""
    finished = Signal(int)
    """The number of items written in all (fewer when cancelled or failed)."""

    def __init__(
        self,
        workspace: Workspace,
        items: Sequence[BatchItem],
        folder: Path,
        title: str,
        parent: QWidget | None = None,
        *,
        words: BatchWords | None = None,
        note: str = "",
    ) -> None:
        super().__init__(parent)
        self.workspace, self.items, self.folder = workspace, list(items), Path(folder)
        self.parent_widget = parent
        self.title = title
        self.words = words or report_words()
        self.note = note
        self.written = 0
        self.cancelled = False
        self.problem: str | None = None
        self.progress = QProgressDialog(self.words.writing, _("Cancel"), 0, len(self.items), parent)
        self.progress.setWindowTitle(title)
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(0)
        self.progress.setAutoReset(False)
        self.progress.setAutoClose(False)
        self.progress.setMinimumWidth(420)
        self.progress.canceled.connect(self.cancel)
        self.run = ReportRun(self, expected=(FileNotWritten,))
        self.run.succeeded.connect(self._written)
        self.run.failed.connect(self._failed)

    def start(self) -> None:
        self.progress.setValue(0)
        self.progress.show()
        self._next()

    def cancel(self) -> None:
        """Stop after the item being written."""
        self.cancelled = True

    def _next(self) -> None:
        """Start writing the next item's files on the worker, or end."""
        self.cancelled = self.cancelled or self.progress.wasCanceled()
        if self.cancelled or self.written >= len(self.items):
            self._finish()
            return
        item = self.items[self.written]
        self.progress.setLabelText(
            self.words.step.format(
                number=format_number(self.written + 1),
                count=format_number(len(self.items)),
                name=item.name,
            )
        )
        self.run.start(partial(write_item, self.workspace, self.folder, item))

    def _written(self, _files: object) -> None:
        self.written += 1
        self.progress.setValue(self.written)
        self.progressed.emit(self.written)
        self._next()

    def _failed(self, error: object) -> None:
        if was_stopped(error):  # the application ends: nobody to tell
            self.cancelled = True
            self._finish(tell=False)
            return
        if isinstance(error, FileNotWritten):
            name, reason = error.name, error.reason
        else:  # a fault of the program, logged with its traceback on the worker
            name, reason = self.items[self.written].file_names[0], failure_text(error)
        self.problem = _("{name} could not be written: {reason}").format(name=name, reason=reason)
        self._finish()

    def _finish(self, *, tell: bool = True) -> None:
        self.progress.canceled.disconnect(self.cancel)
        self.progress.reset()
        self.progress.hide()
        self.progress.deleteLater()
        if tell:
            self._tell()
        self.finished.emit(self.written)

    def _tell(self) -> None:
        count = len(self.items)
        where = str(self.folder)
        written = self.words.some_written(count).format(
            written=self.written, count=count, folder=where
        )
        note = f"\n\n{self.note}" if self.note else ""
        if self.problem is not None:
            QMessageBox.warning(
                self.parent_widget, self.title, f"{self.problem}\n\n{written}{note}"
            )
        elif self.cancelled and self.written < count:
            kept = _("Stopped. The files already written are kept.")
            QMessageBox.information(self.parent_widget, self.title, f"{kept}\n\n{written}{note}")
        else:
            done = self.words.all_written(count).format(count=count, folder=where)
            QMessageBox.information(self.parent_widget, self.title, f"{done}{note}")


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
        if not confirm_replacing(self, self.windowTitle(), folder, items):
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
