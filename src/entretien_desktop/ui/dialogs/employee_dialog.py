"""The form that adds an employee or edits one's identity and contract.

Every edit is checked at once with the same rules the save applies
(``employee_problems``): each refusal is shown in red under its field and the save button
stays disabled while any remains. An edited employee keeps their whole history (leaves,
interviews, trainings...): the form only replaces the fields it shows.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import replace
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from entretien_desktop.domain import Company, Contract, Employee, WorkingTime, limits
from entretien_desktop.i18n import _
from entretien_desktop.services.employee_checks import (
    ChangeRefused,
    FieldProblem,
    employee_problems,
)
from entretien_desktop.services.errors import StaleRecordError, UserError
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.ui.labels import (
    LANGUAGES,
    contract_label,
    language_label,
    working_time_label,
)
from entretien_desktop.ui.stale import offer_reload
from entretien_desktop.ui.widgets.buttons import enable_or_say_why, ok_cancel
from entretien_desktop.ui.widgets.date_fields import OptionalDateField, make_date_edit
from entretien_desktop.ui.widgets.problems import error_label, show_messages

_TEXT_FIELDS = ("ref", "first_name", "last_name")


def next_number(company: Company) -> str:
    """The number after the highest one of the most common pattern (``E025`` -> ``E026``)."""
    numbered = [m for e in company.employees if (m := re.fullmatch(r"(.*?)(\d+)", e.ref))]
    if not numbered:
        return ""
    prefix = Counter(m.group(1) for m in numbered).most_common(1)[0][0]
    digits = [m.group(2) for m in numbered if m.group(1) == prefix]
    width = max(len(d) for d in digits)
    return f"{prefix}{max(int(d) for d in digits) + 1:0{width}d}"


def _address_edit(address: str) -> QPlainTextEdit:
    """The postal address, a few lines; Tab leaves it (as it leaves a line edit)."""
    edit = QPlainTextEdit(address)
    edit.setObjectName("employee_address")
    edit.setTabChangesFocus(True)
    edit.setPlaceholderText(_("Street\nPostcode and city"))
    edit.setToolTip(_("Where the invitation letters are sent (optional)."))
    edit.setFixedHeight(edit.fontMetrics().lineSpacing() * 3 + 12)
    return edit


def _combo(items: list[tuple[str, object]], current: object) -> QComboBox:
    combo = QComboBox()
    for text, value in items:
        combo.addItem(text, value)
    combo.setCurrentIndex(max(0, combo.findData(current)))
    return combo


def _editable_combo(values: set[str], current: str) -> QComboBox:
    combo = QComboBox()
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.addItems(sorted(v for v in values if v))
    combo.setCurrentText(current)
    line = combo.lineEdit()
    assert line is not None  # editable
    line.setMaxLength(limits.MAX_NAME)
    return combo


class EmployeeDialog(QDialog):
    """Adds an employee when ``employee`` is ``None``, edits ``employee`` otherwise."""

    def __init__(
        self, workspace: Workspace, employee: Employee | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.original = employee
        self.original_ref = employee.ref if employee is not None else None
        self._over_theirs = False
        """Set once the user, told another user changed the same fields, chose Reload."""
        self.saved_ref: str | None = None
        self._touched: set[str] = set()
        self._show_all = employee is not None
        company = workspace.require_company()
        today = workspace.today()
        if employee is None:
            self.setWindowTitle(_("New employee"))
        else:
            self.setWindowTitle(_("Edit {name}").format(name=employee.full_name))
        self._build(company, employee, today)
        self._check()

    # -- building ---------------------------------------------------------------------------
    def _build(self, company: Company, employee: Employee | None, today: date) -> None:
        self.errors: dict[str, QLabel] = {}
        self.ref_edit = QLineEdit(employee.ref if employee else next_number(company))
        self.first_name_edit = QLineEdit(employee.first_name if employee else "")
        self.last_name_edit = QLineEdit(employee.last_name if employee else "")
        self.birth_field = OptionalDateField(
            _("Known"), employee.birth_date if employee else None, date(today.year - 30, 1, 1)
        )
        self.language_combo = _combo(
            [(language_label(code), code) for code in LANGUAGES],
            employee.language if employee else "fr",
        )
        self.hire_edit = make_date_edit(employee.hire_date if employee else today)
        self.exit_field = OptionalDateField(
            _("Has left"), employee.exit_date if employee else None, today
        )
        self._build_contract_dates(employee, today)
        self.contract_combo = _combo(
            [(contract_label(c), c) for c in Contract],
            employee.contract if employee else Contract.PERMANENT,
        )
        self.working_time_combo = _combo(
            [(working_time_label(w), w) for w in WorkingTime],
            employee.working_time if employee else WorkingTime.FULL_TIME,
        )
        self.address_edit = _address_edit(employee.address if employee else "")
        self.job_edit = QLineEdit(employee.job_title if employee else "")
        for line in (self.ref_edit, self.first_name_edit, self.last_name_edit, self.job_edit):
            line.setMaxLength(limits.MAX_NAME)
        self.department_combo = _editable_combo(
            {e.department for e in company.employees}, employee.department if employee else ""
        )
        self.site_combo = _editable_combo(
            {e.site for e in company.employees}, employee.site if employee else ""
        )
        self._offer_own_sites(employee)
        others = sorted(
            (e for e in company.employees if e.ref != self.original_ref),
            key=lambda e: (e.last_name.casefold(), e.first_name.casefold()),
        )
        self.manager_combo = _combo(
            [(_("(none)"), None)] + [(f"{e.full_name} ({e.ref})", e.ref) for e in others],
            employee.manager_ref if employee else None,
        )

        identity = QGroupBox(_("Identity"))
        identity_form = self._form(identity)
        self._row(identity_form, _("&Number:"), self.ref_edit, "ref")
        self._row(identity_form, _("&First name:"), self.first_name_edit, "first_name")
        self._row(identity_form, _("&Last name:"), self.last_name_edit, "last_name")
        self._row(identity_form, _("&Birth date:"), self.birth_field, "birth_date")
        self._row(identity_form, _("Lan&guage:"), self.language_combo, "language")
        self._row(identity_form, _("Postal &address:"), self.address_edit, "address")
        employment = QGroupBox(_("Employment"))
        employment_form = self._form(employment)
        employment_rows: tuple[tuple[str, QWidget, str], ...] = (
            (_("&Hire date:"), self.hire_edit, "hire_date"),
            (_("E&xit date:"), self.exit_field, "exit_date"),
            (_("Seniorit&y:"), self.seniority_field, "seniority_date"),
            (_("F&orfait jours:"), self.forfait_field, "forfait_jours_since"),
            (_("&Contract:"), self.contract_combo, "contract"),
            (_("&Working time:"), self.working_time_combo, "working_time"),
            (_("&Job title:"), self.job_edit, "job_title"),
            (_("&Department:"), self.department_combo, "department"),
            (_("&Site:"), self.site_combo, "site"),
            (_("&Manager:"), self.manager_combo, "manager_ref"),
        )
        for text, field, name in employment_rows:
            self._row(employment_form, text, field, name)

        self.general_errors = error_label()
        self.buttons, self.ok_button = ok_cancel(
            self, _("Add employee") if employee is None else _("Save")
        )

        groups = QHBoxLayout()
        groups.addWidget(identity, 1, Qt.AlignmentFlag.AlignTop)
        groups.addWidget(employment, 1, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addLayout(groups)
        layout.addStretch(1)
        layout.addWidget(self.general_errors)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(700)
        self._connect()
        self._set_tab_order()

    def _build_contract_dates(self, employee: Employee | None, today: date) -> None:
        """The seniority date of a transferred contract and the forfait jours' start."""
        hired = employee.hire_date if employee else today
        self.seniority_field = OptionalDateField(
            _("Carried over from"), employee.seniority_date if employee else None, hired
        )
        self.seniority_field.setToolTip(
            _(
                "A contract transferred from another employer keeps its seniority: the "
                "interviews' cycle counts from this date instead of the hire date."
            )
        )
        self.forfait_field = OptionalDateField(
            _("Since"), employee.forfait_jours_since if employee else None, hired
        )
        self.forfait_field.setToolTip(
            _(
                "An annual days-based working-time agreement: a review of workload, "
                "organisation, work/private-life balance and pay is owed every 12 months."
            )
        )

    @staticmethod
    def _form(box: QGroupBox) -> QFormLayout:
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        return form

    def _row(self, form: QFormLayout, text: str, field: QWidget, name: str) -> None:
        label = QLabel(text)
        label.setBuddy(field)
        error = error_label()
        self.errors[name] = error
        cell = QWidget()
        column = QVBoxLayout(cell)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(field)
        column.addWidget(error)
        form.addRow(label, cell)

    def _connect(self) -> None:
        def touch(name: str) -> None:
            self._touched.add(name)
            self._check()

        self.ref_edit.textEdited.connect(lambda: touch("ref"))
        self.first_name_edit.textEdited.connect(lambda: touch("first_name"))
        self.last_name_edit.textEdited.connect(lambda: touch("last_name"))
        self.birth_field.changed.connect(lambda: touch("birth_date"))
        self.hire_edit.changed.connect(lambda: touch("hire_date"))
        self.exit_field.changed.connect(lambda: touch("exit_date"))
        self.seniority_field.changed.connect(lambda: touch("seniority_date"))
        self.forfait_field.changed.connect(lambda: touch("forfait_jours_since"))
        self.manager_combo.currentIndexChanged.connect(lambda: touch("manager_ref"))
        for combo in (self.language_combo, self.contract_combo, self.working_time_combo):
            combo.currentIndexChanged.connect(self._recheck)
        self.job_edit.textEdited.connect(self._recheck)
        self.address_edit.textChanged.connect(self._recheck)
        self.department_combo.editTextChanged.connect(self._recheck)
        self.site_combo.editTextChanged.connect(self._recheck)

    def _offer_own_sites(self, employee: Employee | None) -> None:
        """A site manager on a server adds and moves employees within their sites only
        (services/permissions.py): the site is chosen among them, not typed."""
        sites = self.workspace.access.sites
        if not sites:
            return
        current = employee.site if employee is not None else ""
        self.site_combo.setEditable(False)
        self.site_combo.clear()
        self.site_combo.addItems(list(sites))
        self.site_combo.setCurrentIndex(max(0, self.site_combo.findText(current)))
        self.site_combo.setToolTip(_("The sites you manage"))
        self.site_combo.currentIndexChanged.connect(self._recheck)

    def _set_tab_order(self) -> None:
        chain: list[QWidget] = [
            self.ref_edit,
            self.first_name_edit,
            self.last_name_edit,
            self.birth_field.check,
            self.birth_field.edit,
            self.language_combo,
            self.address_edit,
            self.hire_edit,
            self.exit_field.check,
            self.exit_field.edit,
            self.seniority_field.check,
            self.seniority_field.edit,
            self.forfait_field.check,
            self.forfait_field.edit,
            self.contract_combo,
            self.working_time_combo,
            self.job_edit,
            self.department_combo,
            self.site_combo,
            self.manager_combo,
            self.buttons,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)
        self.ref_edit.setFocus()

    # -- checking ---------------------------------------------------------------------------
    def candidate(self) -> Employee:
        """The employee as typed, with the edited one's history untouched."""
        base = self.original or Employee(
            ref="", first_name="", last_name="", hire_date=date.min, contract=Contract.PERMANENT
        )
        return replace(
            base,
            ref=self.ref_edit.text().strip(),
            first_name=self.first_name_edit.text().strip(),
            last_name=self.last_name_edit.text().strip(),
            birth_date=self.birth_field.value(),
            language=str(self.language_combo.currentData()),
            hire_date=self.hire_edit.last_good(),
            exit_date=self.exit_field.value(),
            seniority_date=self.seniority_field.value(),
            forfait_jours_since=self.forfait_field.value(),
            contract=Contract(self.contract_combo.currentData()),
            working_time=WorkingTime(self.working_time_combo.currentData()),
            job_title=self.job_edit.text().strip(),
            department=self.department_combo.currentText().strip(),
            site=self.site_combo.currentText().strip(),
            manager_ref=self.manager_combo.currentData(),
            address="\n".join(
                line.strip()
                for line in self.address_edit.toPlainText().splitlines()
                if line.strip()
            ),
        )

    def _shown(self, problem: FieldProblem) -> bool:
        """A required field left blank is only reproached once someone has been there."""
        if self._show_all or problem.field in self._touched:
            return True
        edits = {
            "ref": self.ref_edit,
            "first_name": self.first_name_edit,
            "last_name": self.last_name_edit,
        }
        edit = edits.get(problem.field)
        return edit is None or bool(edit.text().strip())

    def _recheck(self, *_args: object) -> None:
        """Slot form of ``_check``: a slot connected to a signal returns nothing."""
        self._check()

    def _check(self) -> list[FieldProblem]:
        problems = employee_problems(
            self.candidate(), self.workspace.require_company(), self.original_ref
        )
        self._show_problems([p for p in problems if self._shown(p)])
        enable_or_say_why(self.ok_button, [p.message for p in problems])
        return problems

    def _show_problems(self, problems: list[FieldProblem]) -> None:
        by_field: dict[str, list[str]] = {name: [] for name in self.errors}
        general: list[str] = []
        for problem in problems:
            by_field.get(problem.field, general).append(problem.message)
        for name, label in self.errors.items():
            show_messages(label, by_field[name])
        show_messages(self.general_errors, general)

    def problems_shown(self) -> dict[str, str]:
        """The messages on screen by field (``general`` for those of no field shown)."""
        shown = {name: label.text() for name, label in self.errors.items() if not label.isHidden()}
        if not self.general_errors.isHidden():
            shown["general"] = self.general_errors.text()
        return shown

    # -- saving -----------------------------------------------------------------------------
    def _reloaded(self) -> None:
        """The company was read again: what was typed stays; OK saves it over the record
        as it is now (the fields left alone take the other user's values, those typed here
        are kept over theirs)."""
        self._over_theirs = True
        self._show_problems([])
        self.ok_button.setEnabled(True)

    def accept(self) -> None:
        self._show_all = True
        if self._check():
            return
        candidate = self.candidate()
        try:
            self.workspace.save_employee(
                candidate,
                replacing=self.original_ref,
                based_on=self.original,
                over_theirs=self._over_theirs,
            )
        except ChangeRefused as refused:
            # The file changed since the last check (a race): say why, keep what was typed.
            self._show_problems(refused.problems)
            self.ok_button.setEnabled(False)
            return
        except StaleRecordError as stale:  # another user saved first: say who, offer a reload
            self._show_problems([FieldProblem("", stale.user_message)])
            self.reload_box = offer_reload(self, self.workspace, stale, self._reloaded)
            return
        except UserError as error:  # the file: read-only, full... what was typed stays
            self._show_problems([FieldProblem("", error.user_message)])
            return
        self.saved_ref = candidate.ref
        super().accept()
