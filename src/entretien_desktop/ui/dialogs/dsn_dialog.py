"""File › Import a DSN…: the DSN files chosen (monthly declarations, event reports), the
summary of what they change (people, leaves, exits, records skipped, problems) and, once
the user confirms, the write as one change (services/dsn, docs/import.md)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from entretien_desktop.i18n import _, ngettext
from entretien_desktop.services.dsn import DsnPlan, import_files, plan_files
from entretien_desktop.services.errors import UserError
from entretien_desktop.services.workspace import Workspace


class DsnImportDialog(QDialog):
    imported = Signal(int)
    """The number of employees added or updated."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.paths: list[Path] = []
        self.plan: DsnPlan | None = None
        self.setWindowTitle(_("Import a DSN"))
        self.resize(640, 480)
        intro = QLabel(
            _(
                "Choose the DSN files your payroll software or accountant produced: monthly "
                "declarations and event reports, in any order. Nothing is written until you "
                "confirm; a month imported twice changes nothing."
            )
        )
        intro.setWordWrap(True)
        self.choose_button = QPushButton(_("&Choose DSN files…"))
        self.choose_button.clicked.connect(self._choose)
        self.files_label = QLabel(_("No file chosen."))
        self.files_label.setWordWrap(True)
        self.summary = QPlainTextEdit()
        self.summary.setReadOnly(True)
        self.summary.setObjectName("dsn_summary")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(
            _("&Import"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setEnabled(False)
        self.buttons.accepted.connect(self._import)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.choose_button)
        layout.addWidget(self.files_label)
        layout.addWidget(self.summary, 1)
        layout.addWidget(self.buttons)

    def _choose(self) -> None:
        names, _chosen = QFileDialog.getOpenFileNames(
            self, _("Choose DSN files"), "", _("DSN files (*.dsn *.txt *.edi);;All files (*)")
        )
        if names:
            self.load([Path(name) for name in names])

    def load(self, paths: Sequence[Path]) -> None:
        """Read ``paths`` and show what importing them would change (the dry run)."""
        self.paths = list(paths)
        self.files_label.setText(
            ngettext("{count} file: {names}", "{count} files: {names}", len(self.paths)).format(
                count=len(self.paths), names=", ".join(path.name for path in self.paths)
            )
        )
        try:
            self.plan = plan_files(self.workspace, self.paths)
        except OSError as error:
            self.plan = None
            self.summary.setPlainText(
                _("The files could not be read: {reason}").format(reason=error.strerror)
            )
            self.import_button.setEnabled(False)
            return
        plan = self.plan
        lines = plan.summary()
        if plan.warnings:
            lines += ["", _("Records skipped:"), *plan.warnings]
        if plan.problems:
            lines += ["", _("The import is refused:"), *plan.problems]
        elif not plan.changes:
            lines += ["", _("Nothing to change: the register already holds these files.")]
        self.summary.setPlainText("\n".join(lines))
        self.import_button.setEnabled(not plan.problems and plan.changes)

    def _import(self) -> None:
        try:
            plan = import_files(self.workspace, self.paths)
        except (UserError, OSError) as error:
            message = error.user_message if isinstance(error, UserError) else str(error)
            QMessageBox.warning(self, _("The DSN could not be imported"), message)
            return
        self.imported.emit(len(plan.added) + len(plan.updated))
        self.accept()
