"""Batches of documents written in a folder, with a progress dialog that can be cancelled:
the report of every interview held in a year, one PDF each; the invitation letter and
calendar file of every member of a campaign whose interview is planned or invited.

A batch is a list of items, each the files of one person: their names and how to build
them. The files are built on the interface thread, one item per turn of the event loop (a
single-shot timer started again after each item): building a report switches the
process's language for its duration, so two can never be built at once, and between two
items the window repaints and the Cancel button is heard. Cancelling stops after the item
being written; the files already written stay. Each PDF is recorded as issued, like any PDF
the program writes, so that ``verify`` recognises it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
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

from entretien_desktop.domain import Campaign, Company, Employee, Interview, InterviewStatus
from entretien_desktop.i18n import _, format_number, ngettext
from entretien_desktop.services import signing
from entretien_desktop.services.campaigns import board
from entretien_desktop.services.interview_life import OPEN_STATUSES
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.storage import StorageError
from entretien_desktop.ui.labels import interview_kind_label
from entretien_desktop.ui.report_documents import (
    INTERVIEW_REPORT,
    INVITATION_LETTER,
    default_folder,
    interview_file_stem,
    safe_file_name,
)


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
    return [
        BatchItem(e.full_name, (BatchFile(f"{stem}.pdf", _report_build(company, e, i)),))
        for stem, (e, i) in zip(stems, pairs, strict=True)
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
    campaign interview is planned or invited, by name; and how many members have no
    interview yet. The files are named by employee and interview date (then number when
    two namesakes meet the same day); an interview without a date has no calendar file."""
    rows = board(company, campaign)
    waiting = sum(1 for row in rows if row.interview is None)
    pairs = sorted(
        (
            (row.employee, row.interview)
            for row in rows
            if row.interview is not None and row.interview.status in OPEN_STATUSES
        ),
        key=lambda pair: (pair[0].full_name, pair[0].ref),
    )
    stems = [
        safe_file_name(
            _("Invitation-{name}-{date}").format(
                name=e.full_name, date=(i.date or today).isoformat()
            )
        )
        for e, i in pairs
    ]
    repeated = Counter(stems)
    stems = [
        safe_file_name(f"{stem}-{e.ref}") if repeated[stem] > 1 else stem
        for stem, (e, _i) in zip(stems, pairs, strict=True)
    ]
    items = []
    for stem, (employee, interview) in zip(stems, pairs, strict=True):
        letter, calendar = _invitation_builds(company, employee, interview, today)
        files = [BatchFile(f"{stem}.pdf", letter)]
        if interview.date is not None:
            files.append(BatchFile(f"{stem}.ics", calendar))
        items.append(BatchItem(employee.full_name, tuple(files)))
    return items, waiting


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
    """Writes the files of ``items`` into ``folder``, one item per timer tick, under a
    progress dialog; ``words`` say what is written (reports by default) and ``note`` is
    added to the final message."""

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
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._step)

    def start(self) -> None:
        self.progress.setValue(0)
        self.progress.show()
        self._timer.start()

    def cancel(self) -> None:
        """Stop after the item being written."""
        self.cancelled = True

    def _step(self) -> None:
        """Write the next item's files, then come back on the next turn of the event loop."""
        self.cancelled = self.cancelled or self.progress.wasCanceled()
        if self.cancelled or self.written >= len(self.items):
            self._finish()
            return
        from entretien_desktop.services.company_file import (  # noqa: PLC0415
            write_file_atomically,
        )

        item = self.items[self.written]
        self.progress.setLabelText(
            self.words.step.format(
                number=format_number(self.written + 1),
                count=format_number(len(self.items)),
                name=item.name,
            )
        )
        for file in item.files:
            try:
                write_file_atomically(self.folder / file.name, file.build(self.workspace))
            except (OSError, StorageError, ValueError) as error:
                reason = error.strerror if isinstance(error, OSError) and error.strerror else error
                self.problem = _("{name} could not be written: {reason}").format(
                    name=file.name, reason=reason
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
