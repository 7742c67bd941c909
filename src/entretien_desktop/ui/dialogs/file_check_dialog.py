"""File › Check the file…: the full check of the open file, on a worker, then its verdict.

Opening a file checks it cheaply (``quick_check``); this reads every page and every
reference between records (services/recovery.py), which takes seconds on a large file: it
runs on the report pool under a busy indicator, and the window stays responsive. The
verdict is a message: the file is whole (with what was checked), or its problems with the
offer to restore the latest good backup into a new file, which then opens; the open file
is never overwritten.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QAbstractButton, QMessageBox, QProgressDialog, QWidget

from entretien_desktop.i18n import _, format_number, ngettext
from entretien_desktop.services.backups import BackupListing
from entretien_desktop.services.errors import UserError
from entretien_desktop.services.recovery import (
    FileCheck,
    check_open_file,
    latest_good_backup,
    restore_beside,
)
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.ui.dialogs.damaged_file_dialog import (
    RESTORE_BACKUP,
    backup_offer_text,
    restore_button_text,
)
from entretien_desktop.ui.reports.report_worker import ReportRun, failure_text

PROGRESS_NAME = "file_check_progress"
RESULT_NAME = "file_check_result"
MAX_PROBLEMS_SHOWN = 20
BUSY_AFTER_MS = 400
"""The busy indicator shows only when the check lasts: a small file is checked sooner."""


def whole_text(found: FileCheck) -> str:
    return _(
        "The file is whole: {pages} pages checked, {employees} employees and {interviews} "
        "interviews read."
    ).format(
        pages=format_number(found.pages),
        employees=format_number(found.employees or 0),
        interviews=format_number(found.interviews or 0),
    )


def damaged_text(found: FileCheck) -> str:
    return ngettext(
        "The file is damaged: the full check found {count} problem.",
        "The file is damaged: the full check found {count} problems.",
        len(found.problems),
    ).format(count=len(found.problems))


class FileChecker(QObject):
    """One full check of the open file of ``workspace``: started by ``start``, it shows a
    busy indicator, then its verdict (``reported`` with the ``FileCheck`` once shown).
    ``open_file`` opens the file a backup was restored into."""

    reported = Signal(object)

    def __init__(
        self,
        workspace: Workspace,
        folder: Path,
        open_file: Callable[[Path], None],
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.workspace, self.folder, self.open_file = workspace, folder, open_file
        self.parent_widget = parent
        self.progress: QProgressDialog | None = None
        self.box: QMessageBox | None = None
        self.listing: BackupListing | None = None
        self.run = ReportRun(self, expected=(UserError,))
        self.run.succeeded.connect(self._checked)
        self.run.failed.connect(self._failed)

    @property
    def running(self) -> bool:
        return self.run.running

    def start(self) -> None:
        progress = QProgressDialog(
            _("Checking every page of the file…"), "", 0, 0, self.parent_widget
        )
        progress.setObjectName(PROGRESS_NAME)
        progress.setWindowTitle(_("Check the file"))
        progress.setCancelButton(None)  # SQLite's check cannot be stopped half-way
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(BUSY_AFTER_MS)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.setMinimumWidth(360)
        progress.setValue(0)
        self.progress = progress
        self.run.start(partial(check_open_file, self.workspace.database))

    def _end_progress(self) -> None:
        progress, self.progress = self.progress, None
        if progress is not None:
            progress.reset()
            progress.hide()
            progress.deleteLater()

    def _checked(self, found: object) -> None:
        self._end_progress()
        assert isinstance(found, FileCheck)
        if found.whole:
            box = QMessageBox(
                QMessageBox.Icon.Information,
                _("Check the file"),
                whole_text(found),
                QMessageBox.StandardButton.Ok,
                self.parent_widget,
            )
        else:
            box = self._damaged_box(found)
        box.setObjectName(RESULT_NAME)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.buttonClicked.connect(self._answered)
        self.box = box
        box.open()
        self.reported.emit(found)

    def _damaged_box(self, found: FileCheck) -> QMessageBox:
        box = QMessageBox(
            QMessageBox.Icon.Critical,
            _("Check the file"),
            damaged_text(found),
            QMessageBox.StandardButton.Close,
            self.parent_widget,
        )
        box.setDetailedText("\n".join(found.problems[:MAX_PROBLEMS_SHOWN]))
        self.listing = latest_good_backup(
            self.workspace.path, self.folder, self.workspace.database.key
        )
        if self.listing is None:
            box.setInformativeText(
                _(
                    "No good backup of it was found in {folder}. Keep a copy of the file as "
                    "it is, then save your work in a new file."
                ).format(folder=self.folder)
            )
            return box
        box.setInformativeText(backup_offer_text(self.listing, damaged=True))
        button = box.addButton(restore_button_text(self.listing), QMessageBox.ButtonRole.AcceptRole)
        button.setObjectName(RESTORE_BACKUP)
        return box

    def _answered(self, button: QAbstractButton) -> None:
        if button.objectName() != RESTORE_BACKUP or self.listing is None:
            return
        try:
            restored = restore_beside(
                self.workspace.path, self.listing, self.workspace.database.key
            )
        except UserError as failed:
            QMessageBox.warning(self.parent_widget, _("Check the file"), failed.user_message)
            return
        self.open_file(restored)

    def _failed(self, error: object) -> None:
        self._end_progress()
        QMessageBox.warning(self.parent_widget, _("Check the file"), failure_text(error))
