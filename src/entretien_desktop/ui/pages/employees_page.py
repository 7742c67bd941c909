"""The employee register: every employee with their next obligation, searched and filtered
at once, sorted by any column, with the buttons to add someone and to record an exit.

The rows come from the obligations feed: the page redraws when a new report arrives and
keeps the employee that was selected (or selects the one just added).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from entretien_desktop.domain import Company, Contract, Employee
from entretien_desktop.i18n import _, format_number, ngettext
from entretien_desktop.rules import Status
from entretien_desktop.services.employee_checks import employee_problems
from entretien_desktop.services.labels import obligation_status_label
from entretien_desktop.services.obligations import ObligationsReport
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.services.xlsx_export import Export
from entretien_desktop.ui.changes import run_change
from entretien_desktop.ui.dialogs.employee_dialog import EmployeeDialog
from entretien_desktop.ui.excel_export import ExcelExportButton
from entretien_desktop.ui.feed import ObligationsFeed
from entretien_desktop.ui.labels import contract_label
from entretien_desktop.ui.pages.employees_model import (
    NO_OBLIGATION,
    REF_ROLE,
    Column,
    EmployeesFilter,
    EmployeesModel,
    Presence,
)
from entretien_desktop.ui.widgets.buttons import ok_cancel
from entretien_desktop.ui.widgets.column_fit import ColumnFitter
from entretien_desktop.ui.widgets.date_fields import make_date_edit
from entretien_desktop.ui.widgets.problems import error_label, show_messages

# Caps on the widths measured from the contents, so that the whole register fits 1100 pixels;
# an elided cell shows its whole text in a tooltip.
# When the window is narrow, the columns that give up width, down to so many characters
# (the number and the name keep theirs: they say whose row it is).
_FLOORS: dict[int, int] = {
    Column.STATUS: 24,
    Column.JOB: 12,
    Column.DEPARTMENT: 10,
    Column.CONTRACT: 10,
    Column.SITE: 9,
}

_WIDEST = {
    Column.NUMBER: 72,
    Column.NAME: 170,
    Column.STATUS: 310,
    Column.JOB: 150,
    Column.DEPARTMENT: 120,
    Column.SITE: 100,
    Column.CONTRACT: 130,
}


class ExitDialog(QDialog):
    """Asks the last day of ``employee`` in the company, and says what recording it does."""

    def __init__(
        self, employee: Employee, company: Company, today: date, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.employee, self.company = employee, company
        self.setWindowTitle(_("Record an exit"))
        heading = QLabel(
            _("Record the exit of {name} ({ref})").format(name=employee.full_name, ref=employee.ref)
        )
        heading.setTextFormat(Qt.TextFormat.PlainText)
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        self.date_edit = make_date_edit(employee.exit_date or max(today, employee.hire_date))
        self.error = error_label()
        explanation = QLabel(
            _(
                "{name} stays in the register with their whole history, among the people "
                "who left. Obligations falling due after this day no longer apply."
            ).format(name=employee.full_name)
        )
        explanation.setWordWrap(True)
        explanation.setTextFormat(Qt.TextFormat.PlainText)
        self.buttons, self.ok_button = ok_cancel(self, _("Record exit"))

        form = QFormLayout()
        label = QLabel(_("&Last day in the company:"))
        label.setBuddy(self.date_edit)
        cell = QVBoxLayout()
        cell.addWidget(self.date_edit)
        cell.addWidget(self.error)
        form.addRow(label, cell)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(explanation)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)
        self.date_edit.changed.connect(self._recheck)
        self._check()

    def exit_date(self) -> date:
        return self.date_edit.last_good()

    def _recheck(self, *_args: object) -> None:
        """Slot form of ``_check``: a slot connected to a signal returns nothing."""
        self._check()

    def _check(self) -> bool:
        candidate = replace(self.employee, exit_date=self.exit_date())
        problems = employee_problems(candidate, self.company, self.employee.ref)
        messages = [p.message for p in problems if p.field == "exit_date"]
        show_messages(self.error, messages)
        self.ok_button.setEnabled(not messages)
        return not messages

    def accept(self) -> None:
        if self._check():
            super().accept()


class EmployeesPage(QWidget):
    """The register of ``workspace``'s employees, drawn from ``feed``'s reports."""

    employee_activated = Signal(str)

    def __init__(
        self, workspace: Workspace, feed: ObligationsFeed, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("employees_page")
        self.workspace, self.feed = workspace, feed
        self.employee_dialog: EmployeeDialog | None = None
        self.exit_dialog: ExitDialog | None = None
        self._wanted_ref: str | None = None
        self._sized = False
        self.model = EmployeesModel(self)
        self.proxy = EmployeesFilter(self)
        self.proxy.setSourceModel(self.model)
        self._build()
        feed.report_ready.connect(self.show_report)
        if feed.latest is not None:
            self.show_report(feed.latest)

    # -- building ---------------------------------------------------------------------------
    def _build(self) -> None:
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Name, number or job title"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._search_changed)
        self.presence_combo = self._filter_combo(
            [(_("Present"), Presence.PRESENT), (_("Left"), Presence.LEFT), (_("All"), Presence.ALL)]
        )
        self.new_button = QPushButton(_("&New employee"))
        self.new_button.clicked.connect(self.new_employee)
        self.exit_button = QPushButton(_("&Record exit…"))
        self.exit_button.clicked.connect(self.record_exit)
        self.excel_button = ExcelExportButton(self.feed, Export.REGISTER)

        self.site_combo = self._filter_combo([(_("All sites"), None)])
        self.department_combo = self._filter_combo([(_("All departments"), None)])
        self.contract_combo = self._filter_combo(
            [(_("All contracts"), None)] + [(contract_label(c), c) for c in Contract]
        )
        statuses = [Status.OVERDUE, Status.DUE_SOON, Status.UPCOMING]
        self.status_combo = self._filter_combo(
            [(_("Any"), None)]
            + [(obligation_status_label(s), s) for s in statuses]
            + [(_("Nothing due"), NO_OBLIGATION)]
        )

        top = QHBoxLayout()
        top.addWidget(self._label(_("&Search:"), self.search))
        top.addWidget(self.search, 1)
        top.addWidget(self._label(_("S&how:"), self.presence_combo))
        top.addWidget(self.presence_combo)
        top.addSpacing(12)
        top.addWidget(self.new_button)
        top.addWidget(self.exit_button)
        top.addWidget(self.excel_button)
        filters = QHBoxLayout()
        for text, combo in (
            (_("S&ite:"), self.site_combo),
            (_("&Department:"), self.department_combo),
            (_("&Contract:"), self.contract_combo),
            (_("O&bligation:"), self.status_combo),
        ):
            filters.addWidget(self._label(text, combo))
            filters.addWidget(combo, 1)

        self.table = self._build_table()
        self.count_label = QLabel()
        self.count_label.setObjectName("employee_count")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)
        self._update_buttons()

    @staticmethod
    def _label(text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy)
        return label

    def _filter_combo(self, items: list[tuple[str, object]]) -> QComboBox:
        combo = QComboBox()
        # Narrow enough for 800 pixels; the list that drops down shows whole names.
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(7)
        for text, value in items:
            combo.addItem(text, value)
        combo.currentIndexChanged.connect(self._filters_changed)
        return combo

    def _build_table(self) -> QTableView:
        table = QTableView()
        table.setModel(self.proxy)
        table.setSortingEnabled(True)
        table.sortByColumn(Column.NAME, Qt.SortOrder.AscendingOrder)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        rows = table.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(table.fontMetrics().height() + 10)
        header = table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.column_fitter = ColumnFitter(table, _FLOORS)
        table.activated.connect(self._activated)
        table.selectionModel().selectionChanged.connect(self._update_buttons)
        return table

    # -- refreshing -------------------------------------------------------------------------
    def show_report(self, report: ObligationsReport) -> None:
        """Show ``report``'s register, keeping the selected employee selected."""
        wanted = self._wanted_ref or self.selected_ref()
        self.model.set_report(report)
        employees = report.company.employees
        self._fill_values(self.site_combo, {e.site for e in employees})
        self._fill_values(self.department_combo, {e.department for e in employees})
        self._filters_changed()
        # Sized on the first rows: columns fitted to the headers alone would cut every status.
        if not self._sized and self.model.rowCount():
            self._size_columns()
        if wanted is not None and self.select(wanted):
            self._wanted_ref = None

    def _fill_values(self, combo: QComboBox, values: set[str]) -> None:
        chosen = combo.currentData()
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        for value in sorted((v for v in values if v), key=str.casefold):
            combo.addItem(value, value)
        combo.setCurrentIndex(max(0, combo.findData(chosen)))
        combo.blockSignals(False)

    def _size_columns(self) -> None:
        self._sized = True
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        for column, width in _WIDEST.items():
            header.resizeSection(column, min(header.sectionSize(column), width))
        self.column_fitter.remember_natural_widths()

    def _search_changed(self, text: str) -> None:
        self.proxy.set_search(text)
        self._after_filtering()

    def _filters_changed(self) -> None:
        self.proxy.set_presence(self.presence_combo.currentData())
        self.proxy.set_site(self.site_combo.currentData())
        self.proxy.set_department(self.department_combo.currentData())
        # Qt hands back a string enum's value as a plain string: give it its type again.
        contract = self.contract_combo.currentData()
        self.proxy.set_contract(None if contract is None else Contract(contract))
        status = self.status_combo.currentData()
        self.proxy.set_status(status if status in (None, NO_OBLIGATION) else Status(status))
        self._after_filtering()

    def _after_filtering(self) -> None:
        shown = self.proxy.rowCount()
        self.count_label.setText(
            ngettext("{count} employee shown", "{count} employees shown", shown).format(
                count=format_number(shown)
            )
        )
        self._update_buttons()

    # -- selection --------------------------------------------------------------------------
    def selected_ref(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(REF_ROLE) if rows else None

    def select(self, ref: str) -> bool:
        """Select and show employee ``ref`` if the filters let them through."""
        source_row = self.model.row_of(ref)
        if source_row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(source_row, 0))
        if not index.isValid():
            return False
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)
        return True

    def _update_buttons(self) -> None:
        ref = self.selected_ref()
        row = self.model.row_of(ref) if ref is not None else None
        present = row is not None and self.model.row_at(row).present
        self.exit_button.setEnabled(present)

    def _activated(self, index: QModelIndex) -> None:
        ref = index.data(REF_ROLE)
        if ref:
            self.employee_activated.emit(ref)

    # -- actions ----------------------------------------------------------------------------
    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def new_employee(self) -> None:
        """Open the form that adds an employee; the register selects them once saved."""
        dialog = EmployeeDialog(self.workspace, None, self)
        dialog.accepted.connect(lambda: self._added(dialog))
        self._replace_dialog("employee_dialog", dialog)
        dialog.open()

    def _added(self, dialog: EmployeeDialog) -> None:
        self._wanted_ref = dialog.saved_ref

    def record_exit(self) -> None:
        """Ask the exit date of the selected employee, then record it."""
        ref = self.selected_ref()
        if ref is None:
            return
        dialog = ExitDialog(
            self.workspace.employee(ref),
            self.workspace.require_company(),
            self.workspace.today(),
            self,
        )
        dialog.accepted.connect(lambda: self._exit_confirmed(ref, dialog))
        self._replace_dialog("exit_dialog", dialog)
        dialog.open()

    def _exit_confirmed(self, ref: str, dialog: ExitDialog) -> None:
        day = dialog.exit_date()
        run_change(
            self,
            _("The exit could not be recorded"),
            lambda: self.workspace.record_exit(ref, day),
        )

    def _replace_dialog(self, name: str, dialog: QDialog) -> None:
        previous = getattr(self, name)
        if previous is not None:
            previous.deleteLater()
        setattr(self, name, dialog)
