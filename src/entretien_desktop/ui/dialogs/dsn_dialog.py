"""File › Import a DSN…: the DSN files chosen (monthly declarations, event reports), the
summary of what they change (people, leaves, exits, records skipped, problems), the table
of the leave codes met in them (what each becomes, which the user can change: a code this
version does not know, or one their payroll software uses its own way; remembered on this
computer) and, once the user confirms, the write as one change (services/dsn,
docs/import.md)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from entretien_desktop.domain import LeaveKind
from entretien_desktop.i18n import _, ngettext
from entretien_desktop.services.dsn import (
    CODE_NAMES,
    SKIP,
    STOPPAGE,
    CodesRefused,
    DsnPlan,
    built_in,
    choices_from_json,
    choices_to_json,
    import_files,
    plan_files,
)
from entretien_desktop.services.errors import UserError
from entretien_desktop.services.labels import leave_label
from entretien_desktop.services.workspace import Workspace

CODES_KEY = "dsn/leave_codes"
"""The user's table of leave codes (services/dsn/choices.py's JSON) in the settings."""


def remembered_codes(settings: QSettings | None) -> dict[tuple[str, str], LeaveKind | None]:
    """The table of codes chosen on this computer; a damaged entry is forgotten."""
    stored = settings.value(CODES_KEY) if settings is not None else None
    if not isinstance(stored, str):
        return {}
    try:
        return choices_from_json(stored, CODES_KEY)
    except CodesRefused:
        return {}


class DsnImportDialog(QDialog):
    imported = Signal(int)
    """The number of employees added or updated."""

    def __init__(
        self,
        workspace: Workspace,
        settings: QSettings | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace, self.settings = workspace, settings
        self.paths: list[Path] = []
        self.plan: DsnPlan | None = None
        self.choices = remembered_codes(settings)
        self.setWindowTitle(_("Import a DSN"))
        self.resize(720, 560)
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
        self.codes_label = QLabel(
            _(
                "Leave codes in these files and what their records become. Change a line "
                "for a code this version does not know, or one your payroll software uses "
                "its own way; your choice is kept on this computer."
            )
        )
        self.codes_label.setWordWrap(True)
        self.codes = QTableWidget(0, 4)
        self.codes.setObjectName("dsn_codes")
        self.codes.setHorizontalHeaderLabels(
            [_("Block"), _("Code"), _("Meaning in the DSN"), _("Becomes")]
        )
        self.codes.verticalHeader().setVisible(False)
        self.codes.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.codes.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.codes.horizontalHeader()
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        codes_box = QWidget()
        codes_layout = QVBoxLayout(codes_box)
        codes_layout.setContentsMargins(0, 0, 0, 0)
        codes_layout.addWidget(self.codes_label)
        codes_layout.addWidget(self.codes, 1)
        codes_box.setVisible(False)
        self.codes_box = codes_box
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.summary)
        split.addWidget(codes_box)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
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
        layout.addWidget(split, 1)
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
        self._plan()

    def _plan(self) -> None:
        try:
            self.plan = plan_files(self.workspace, self.paths, self.choices)
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
        self._show_codes(plan)

    def _show_codes(self, plan: DsnPlan) -> None:
        met = sorted(plan.leave_codes)
        self.codes.setRowCount(len(met))
        self.codes_box.setVisible(bool(met))
        for row, (rubrique, code) in enumerate(met):
            block = _("Stoppage") if rubrique == STOPPAGE else _("Suspension")
            meaning = CODE_NAMES[rubrique].get(code) or _("unknown to this version")
            for column, text in enumerate((f"{block} ({rubrique})", code, meaning)):
                self.codes.setItem(row, column, QTableWidgetItem(text))
            becomes = QComboBox()
            becomes.addItem(_("Skip its records"), SKIP)
            for each in LeaveKind:
                becomes.addItem(leave_label(each), each.value)
            kind = plan.leave_codes[(rubrique, code)]
            becomes.setCurrentIndex(becomes.findData(SKIP if kind is None else kind.value))
            becomes.currentIndexChanged.connect(partial(self._choose_code, rubrique, code))
            self.codes.setCellWidget(row, 3, becomes)
        self.codes.resizeColumnsToContents()

    def _choose_code(self, rubrique: str, code: str, index: int) -> None:
        combo = self.codes.cellWidget(self._row_of(rubrique, code), 3)
        assert isinstance(combo, QComboBox)
        value = combo.itemData(index)
        kind = None if value == SKIP else LeaveKind(value)
        if kind == built_in(rubrique, code):
            self.choices.pop((rubrique, code), None)
        else:
            self.choices[(rubrique, code)] = kind
        if self.settings is not None:
            self.settings.setValue(CODES_KEY, choices_to_json(self.choices))
        self._plan()

    def _row_of(self, rubrique: str, code: str) -> int:
        return sorted(self.plan.leave_codes if self.plan else {}).index((rubrique, code))

    def _import(self) -> None:
        try:
            plan = import_files(self.workspace, self.paths, self.choices)
        except (UserError, OSError) as error:
            message = error.user_message if isinstance(error, UserError) else str(error)
            QMessageBox.warning(self, _("The DSN could not be imported"), message)
            return
        self.imported.emit(len(plan.added) + len(plan.updated))
        self.accept()
