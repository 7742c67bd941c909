"""File › Import employees…: a spreadsheet's first rows, the field proposed for each column
(a combo each, the user corrects it), the table of values (``CDI`` -> permanent contract),
then the dry run: the problems with their sheet, row and column, the employees to add, to
update and those unchanged. Only the import button writes, in one change (one undo step);
Cancel never writes. The mapping and the values are remembered per file shape in this
computer's settings (services/sheet_import.py)."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from entretien_desktop.domain import Contract, WorkingTime
from entretien_desktop.i18n import _, ngettext
from entretien_desktop.services import sheet_import
from entretien_desktop.services.import_sites import within_sites
from entretien_desktop.services.labels import contract_label, working_time_label
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.ui.changes import FAILED, run_change
from entretien_desktop.ui.widgets.buttons import enable_or_say_why, ok_cancel

SETTINGS_KEY = "sheet_import/{shape}"
PREVIEW_ROWS = 5
MAX_VALUES = 40
"""The distinct values of a column offered in the table of values (a column of hundreds of
different texts is no closed list)."""


def remembered(settings: QSettings, sheet: sheet_import.Sheet) -> sheet_import.Settings:
    """The mapping chosen last time for a sheet of this shape, else the proposal."""
    stored = settings.value(SETTINGS_KEY.format(shape=sheet.shape))
    if isinstance(stored, str):
        try:
            return sheet_import.settings_for(sheet.headers, json.loads(stored))
        except (ValueError, sheet_import.SheetRefused):
            pass  # an older or damaged memory: the proposal again
    return sheet_import.settings_for(sheet.headers)


def _cell_text(cell: sheet_import.Cell) -> str:
    return sheet_import.cell_text(cell)


class SheetImportDialog(QDialog):
    imported = Signal(int, int)
    """Employees added and updated, once written."""

    def __init__(
        self,
        workspace: Workspace,
        path: Path,
        sheet: sheet_import.Sheet,
        settings: QSettings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace, self.path, self.sheet, self.settings = workspace, path, sheet, settings
        self.plan: sheet_import.Plan | None = None
        chosen = remembered(settings, sheet)
        self.values: dict[str, dict[str, str]] = {k: dict(v) for k, v in chosen.values.items()}
        self.setWindowTitle(_("Import employees"))
        layout = QVBoxLayout(self)
        about = ngettext(
            "{file}, sheet {sheet}: headers on row {header}, {count} row under them.",
            "{file}, sheet {sheet}: headers on row {header}, {count} rows under them.",
            len(sheet.rows),
        ).format(file=path.name, sheet=sheet.name, header=sheet.header_row, count=len(sheet.rows))
        self.about_label = QLabel(about)
        self.about_label.setWordWrap(True)
        layout.addWidget(self.about_label)
        layout.addWidget(self._preview())

        middle = QHBoxLayout()
        self.column_boxes: list[QComboBox] = []
        middle.addWidget(self._mapping_box(chosen))
        self.values_box = QGroupBox(_("Table of values"))
        self.values_layout = QFormLayout()
        self.values_box.setLayout(self.values_layout)
        values_scroll = QScrollArea()
        values_scroll.setWidgetResizable(True)
        values_scroll.setWidget(self.values_box)
        middle.addWidget(values_scroll)
        layout.addLayout(middle)

        self.check_button = QPushButton(_("C&heck the rows"))
        self.check_button.clicked.connect(self.check)
        self.summary_label = QLabel()
        self.summary_label.setObjectName("sheet_import_summary")
        self.summary_label.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.check_button)
        row.addWidget(self.summary_label, 1)
        layout.addLayout(row)
        self.results = QTreeWidget()
        self.results.setHeaderLabels([_("Row"), _("What")])
        self.results.setObjectName("sheet_import_results")
        layout.addWidget(self.results, 1)

        self.buttons, self.import_button = ok_cancel(self, _("&Import"))
        self.buttons.accepted.disconnect()
        self.buttons.accepted.connect(self.write)
        layout.addWidget(self.buttons)
        self.resize(960, 720)
        self._fill_values()
        self.check()
        if self.column_boxes:
            self.column_boxes[0].setFocus()

    # -- building -------------------------------------------------------------------------
    def _preview(self) -> QTableWidget:
        rows = self.sheet.rows[:PREVIEW_ROWS]
        table = QTableWidget(len(rows), len(self.sheet.headers))
        table.setObjectName("sheet_preview")
        table.setHorizontalHeaderLabels(list(self.sheet.headers))
        table.setVerticalHeaderLabels([str(r.number) for r in rows])
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setTabKeyNavigation(False)  # Tab leaves the preview for the mapping
        for r, row in enumerate(rows):
            for c, cell in enumerate(row.cells):
                table.setItem(r, c, QTableWidgetItem(_cell_text(cell)))
        table.setMaximumHeight(140)
        table.setAccessibleName(_("The first rows of the sheet"))
        return table

    def _mapping_box(self, chosen: sheet_import.Settings) -> QScrollArea:
        box = QGroupBox(_("Columns and the fields they fill"))
        form = QFormLayout(box)
        for index, header in enumerate(self.sheet.headers):
            combo = QComboBox()
            combo.addItem(_("(not read)"), None)
            for name in sheet_import.FIELDS:
                combo.addItem(sheet_import.field_label(name), name)
            combo.setCurrentIndex(max(0, combo.findData(chosen.columns[index])))
            combo.currentIndexChanged.connect(self._mapping_changed)
            label = QLabel(f"{header} ({sheet_import.column_letter(index)})")
            label.setBuddy(combo)
            form.addRow(label, combo)
            self.column_boxes.append(combo)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(box)
        return scroll

    def current_settings(self) -> sheet_import.Settings:
        columns = tuple(combo.currentData() for combo in self.column_boxes)
        return sheet_import.Settings(columns, {k: dict(v) for k, v in self.values.items()})

    def _fill_values(self) -> None:
        """A combo for each distinct text of the contract and working time columns."""
        while self.values_layout.rowCount():
            self.values_layout.removeRow(0)
        self.value_boxes: list[tuple[str, str, QComboBox]] = []
        columns = self.current_settings().columns
        for kind in sheet_import.VALUE_FIELDS:
            if kind not in columns:
                continue
            index = columns.index(kind)
            texts = sorted(
                {_cell_text(r.cells[index]) for r in self.sheet.rows} - {""}, key=str.casefold
            )[:MAX_VALUES]
            for text in texts:
                combo = QComboBox()
                combo.addItem(_("(unknown)"), None)
                members = Contract if kind == "contract" else WorkingTime
                for member in members:
                    combo.addItem(
                        contract_label(member)
                        if isinstance(member, Contract)
                        else working_time_label(member),
                        member.value,
                    )
                found = sheet_import.table_value(kind, text, self.values)
                combo.setCurrentIndex(max(0, combo.findData(found)))
                combo.currentIndexChanged.connect(self._value_changed)
                label = QLabel(
                    _("{field}: {value}").format(field=sheet_import.field_label(kind), value=text)
                )
                label.setBuddy(combo)
                self.values_layout.addRow(label, combo)
                self.value_boxes.append((kind, text, combo))
        if not self.value_boxes:
            self.values_layout.addRow(
                QLabel(_("No column is read as the contract or the working time."))
            )

    # -- acting ---------------------------------------------------------------------------
    def _mapping_changed(self, _index: int) -> None:
        self._fill_values()
        self._outdated()

    def _value_changed(self, _index: int) -> None:
        for kind, text, combo in self.value_boxes:
            value = combo.currentData()
            table = self.values.setdefault(kind, {})
            if value is None:
                table.pop(text, None)
            else:
                table[text] = value
        self._outdated()

    def _outdated(self) -> None:
        """A choice changed: the dry run shown no longer holds until checked again."""
        self.plan = None
        self.summary_label.setText(_("The choices changed: check the rows again."))
        self.results.clear()
        enable_or_say_why(self.import_button, [_("Check the rows first.")])

    def check(self) -> None:
        """The dry run: nothing is written."""
        company = self.workspace.require_company()
        settings = self.current_settings()
        plan = sheet_import.dry_run(self.sheet, settings, company, self.workspace.today())
        # A site manager's rows of other sites: refused here, before writing.
        self.plan = within_sites(plan, self.sheet, settings, self.workspace.access)
        self._remember(settings)
        self._show(self.plan)

    def _show(self, plan: sheet_import.Plan) -> None:
        self.results.clear()
        groups = (
            (_("Problems ({count})"), [(p.row, str(p)) for p in plan.problems]),
            (_("To add ({count})"), [_line(p) for p in plan.added]),
            (_("To update ({count})"), [_line(p) for p in plan.updated]),
            (_("Unchanged ({count})"), [_line(p) for p in plan.unchanged]),
        )
        for title, lines in groups:
            top = QTreeWidgetItem([title.format(count=len(lines)), ""])
            for row, text in lines:
                item = QTreeWidgetItem([str(row), text])
                item.setToolTip(1, text)  # a long problem is elided in its line
                top.addChild(item)
            self.results.addTopLevelItem(top)
            top.setExpanded(bool(lines) and len(lines) <= 200)
        self.results.resizeColumnToContents(0)
        writes = len(plan.added) + len(plan.updated)
        if plan.problems:
            summary = ngettext(
                "{count} problem: correct the sheet or the choices above, then check again. "
                "Nothing is written meanwhile.",
                "{count} problems: correct the sheet or the choices above, then check again. "
                "Nothing is written meanwhile.",
                len(plan.problems),
            ).format(count=len(plan.problems))
            reasons = [_("The rows have problems.")]
        elif not writes:
            summary = _("Every employee of the sheet is already in the file as it is.")
            reasons = [_("There is nothing to import.")]
        else:
            summary = _("{added} to add, {updated} to update, {unchanged} unchanged.").format(
                added=len(plan.added), updated=len(plan.updated), unchanged=len(plan.unchanged)
            )
            reasons = []
        self.summary_label.setText(summary)
        enable_or_say_why(self.import_button, reasons)

    def _remember(self, settings: sheet_import.Settings) -> None:
        document = settings.document(self.sheet.headers)
        self.settings.setValue(
            SETTINGS_KEY.format(shape=self.sheet.shape), json.dumps(document, ensure_ascii=False)
        )

    def write(self) -> None:
        """Write what the dry run found, in one change; the dialog closes once written."""
        plan = self.plan
        if plan is None or plan.problems:
            return
        done = run_change(
            self,
            _("The employees could not be imported"),
            lambda: sheet_import.write(self.workspace, plan, self.path.name),
            wait=True,
        )
        if done is FAILED:
            self.check()  # the file changed meanwhile: show what holds now
            return
        self.imported.emit(len(plan.added), len(plan.updated))
        self.accept()


def _line(planned: sheet_import.Planned) -> tuple[int, str]:
    employee = planned.employee
    return planned.row, f"{employee.ref} — {employee.full_name}"
