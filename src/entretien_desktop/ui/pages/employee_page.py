"""One employee's page: identity and contract, then a timeline of everything dated in their
record (hire, leaves, interviews, trainings...) together with their obligations, newest
first, so that what falls due next sits at the top and the history reads downwards; next to
it, in a second tab, the action plan agreed in their interviews.

Every dated fact of the record (leaves, interviews, trainings, certifications, progressions,
medical visits) is recorded, corrected and removed from here; the obligations that follow (a
return interview, a periodic interview met) appear when the obligations feed reports after
the change.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from entretien_desktop.domain import (
    Certification,
    Employee,
    Interview,
    MedicalVisit,
    Progression,
    Training,
)
from entretien_desktop.i18n import _, format_date, ngettext
from entretien_desktop.rules import Obligation, Status, seniority_years
from entretien_desktop.services.employee_checks import employee_warnings
from entretien_desktop.services.interview_forms import action_plan
from entretien_desktop.services.training_requests import requests_of
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.ui.changes import run_change
from entretien_desktop.ui.dialogs.employee_dialog import EmployeeDialog
from entretien_desktop.ui.dialogs.history_dialogs import (
    CertificationDialog,
    MedicalVisitDialog,
    ProgressionDialog,
    RecordDialog,
    TrainingDialog,
)
from entretien_desktop.ui.dialogs.interview_record_dialog import InterviewRecordDialog
from entretien_desktop.ui.dialogs.journal_dialog import JournalDialog
from entretien_desktop.ui.dialogs.leave_dialog import WARNING_STYLE, LeaveDialog
from entretien_desktop.ui.dialogs.plan_dialog import PlanInterviewDialog, interview_kind_for
from entretien_desktop.ui.feed import ObligationsFeed
from entretien_desktop.ui.labels import (
    contract_label,
    interview_kind_label,
    language_label,
    leave_label,
    medical_visit_label,
    progression_label,
    working_time_label,
)
from entretien_desktop.ui.pages.action_plan_view import ActionPlanView
from entretien_desktop.ui.widgets.timeline import IDENTITY, Timeline, timeline_entries

RECORD_DIALOGS: dict[str, type[RecordDialog]] = {
    "interviews": InterviewRecordDialog,
    "trainings": TrainingDialog,
    "certifications": CertificationDialog,
    "progressions": ProgressionDialog,
    "medical_visits": MedicalVisitDialog,
}
"""The form of each list of the record but leaves, which have their own."""


def _value_label() -> QLabel:
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class EmployeePage(QWidget):
    """Shows the employee given to ``show_employee`` from ``workspace`` and ``feed``."""

    back_requested = Signal()

    def __init__(
        self, workspace: Workspace, feed: ObligationsFeed, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("employee_page")
        self.workspace, self.feed = workspace, feed
        self.ref: str | None = None
        self.employee: Employee | None = None
        self.edit_dialog: EmployeeDialog | None = None
        self.journal_dialog: JournalDialog | None = None
        self.leave_dialog: LeaveDialog | None = None
        self.history_dialog: RecordDialog | None = None
        self.plan_dialog: PlanInterviewDialog | None = None
        self._build()
        feed.report_ready.connect(self._report_ready)
        feed.busy_changed.connect(self.updating_label.setVisible)

    # -- building ---------------------------------------------------------------------------
    def _build(self) -> None:
        self.timeline = Timeline()
        self.timeline.itemSelectionChanged.connect(self._update_buttons)
        self.timeline.itemActivated.connect(self._item_activated)
        self.timeline.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.warning_label = QLabel()
        self.warning_label.setStyleSheet(WARNING_STYLE)
        self.warning_label.setWordWrap(True)
        self.warning_label.hide()
        history = QWidget()
        history_layout = QVBoxLayout(history)
        history_layout.setContentsMargins(0, 6, 0, 0)
        history_layout.addLayout(self._actions())
        history_layout.addWidget(self.warning_label)
        history_layout.addWidget(self.timeline, 1)
        self.action_plan = ActionPlanView()
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(history, _("&History and obligations"))
        self.tabs.addTab(self.action_plan, "")
        self._name_action_plan_tab()
        layout = QVBoxLayout(self)
        layout.addLayout(self._heading())
        layout.addLayout(self._facts())
        layout.addSpacing(6)
        layout.addWidget(self.tabs, 1)
        self._update_buttons()

    def _heading(self) -> QHBoxLayout:
        back = QKeySequence(QKeySequence.StandardKey.Back)
        self.back_button = QPushButton(_("← Employees"))
        self.back_button.setToolTip(
            _("Back to the employee register ({shortcut})").format(
                shortcut=back.toString(QKeySequence.SequenceFormat.NativeText)
            )
        )
        self.back_button.setShortcut(back)
        self.back_button.clicked.connect(self.back_requested)
        self.name_label = _value_label()
        font = self.name_label.font()
        if font.pointSizeF() > 0:
            font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.name_label.setFont(font)
        self.summary_label = _value_label()
        self.summary_label.setWordWrap(True)
        self.edit_button = QPushButton(_("&Edit…"))
        self.edit_button.clicked.connect(self.edit_employee)
        self.journal_button = QPushButton(_("&Journal…"))
        self.journal_button.setToolTip(_("Who changed this employee's record, what and when"))
        self.journal_button.clicked.connect(self.show_journal)
        heading = QVBoxLayout()
        heading.setSpacing(2)
        heading.addWidget(self.name_label)
        heading.addWidget(self.summary_label)
        top = QHBoxLayout()
        top.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignTop)
        top.addSpacing(8)
        top.addLayout(heading, 1)
        top.addWidget(self.journal_button, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.edit_button, 0, Qt.AlignmentFlag.AlignTop)
        return top

    def _facts(self) -> QHBoxLayout:
        self.fields: dict[str, QLabel] = {}
        facts = QHBoxLayout()
        for names in (
            (("born", _("Born:")), ("language", _("Language:")), ("manager", _("Manager:"))),
            (
                ("hired", _("Hired:")),
                ("seniority", _("Seniority:")),
                ("contract", _("Contract:")),
                ("left", _("Left:")),
            ),
        ):
            form = QFormLayout()
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
            for key, text in names:
                self.fields[key] = _value_label()
                form.addRow(text, self.fields[key])
            facts.addLayout(form, 1)
        return facts

    def _actions(self) -> QHBoxLayout:
        self.add_leave_button = QPushButton(_("Add &leave…"))
        self.add_leave_button.clicked.connect(self.add_leave)
        self.add_menu = QMenu(self)
        self.add_actions = {
            "leaves": self.add_menu.addAction(_("&Leave…")),
            "interviews": self.add_menu.addAction(_("&Interview…")),
            "trainings": self.add_menu.addAction(_("&Training…")),
            "certifications": self.add_menu.addAction(_("&Certification…")),
            "progressions": self.add_menu.addAction(_("&Progression…")),
            "medical_visits": self.add_menu.addAction(_("&Medical visit…")),
        }
        for field, action in self.add_actions.items():
            action.triggered.connect(lambda _checked=False, f=field: self.add_record(f))
        self.add_button = QPushButton(_("&Add…"))
        self.add_button.setMenu(self.add_menu)
        self.plan_button = QPushButton(_("Plan interview…"))
        self.plan_button.setToolTip(_("Plan the interview of the selected obligation"))
        self.plan_button.clicked.connect(self.plan_selected)
        self.edit_entry_button = QPushButton(_("Edi&t entry…"))
        self.edit_entry_button.setToolTip(_("Edit the selected row of the history"))
        self.edit_entry_button.clicked.connect(self.edit_selected)
        self.remove_entry_button = QPushButton(_("Re&move entry…"))
        self.remove_entry_button.clicked.connect(self.remove_selected)
        for button in (self.edit_entry_button, self.remove_entry_button):
            action = QAction(button.text().replace("&", ""), self.timeline)
            action.triggered.connect(button.click)
            self.timeline.addAction(action)
            button.setProperty("timeline_action", action)
        self.updating_label = QLabel(_("Updating obligations…"))
        self.updating_label.hide()
        actions = QHBoxLayout()
        actions.addWidget(self.updating_label)
        actions.addStretch(1)
        for button in (
            self.plan_button,
            self.add_leave_button,
            self.add_button,
            self.edit_entry_button,
            self.remove_entry_button,
        ):
            actions.addWidget(button)
        return actions

    def _name_action_plan_tab(self) -> None:
        count = self.action_plan.count()
        title = _("Action &plan ({count})").format(count=count) if count else _("Action &plan")
        self.tabs.setTabText(self.tabs.indexOf(self.action_plan), title)

    # -- showing ----------------------------------------------------------------------------
    def _report_ready(self, _report: object) -> None:
        self.refresh()

    def show_employee(self, ref: str) -> None:
        self.ref = ref
        self.refresh()
        self.timeline.scrollToTop()

    def refresh(self) -> None:
        """Draw the employee again from the workspace, and their obligations from the feed."""
        if self.ref is None:
            return
        try:
            employee = self.workspace.employee(self.ref)
        except KeyError:
            self.employee = None
            self.timeline.clear()
            self.action_plan.show_agreements([], self.workspace.today())
            self._name_action_plan_tab()
            self._update_buttons()
            return
        self.employee = employee
        self._show_identity(employee)
        report = self.feed.latest
        obligations = (
            [o for o in report.obligations if o.employee_ref == employee.ref] if report else []
        )
        warnings = employee_warnings(employee)
        today = report.as_of if report else self.workspace.today()
        company = self.workspace.company
        requests = requests_of(company, employee) if company is not None else []
        self.timeline.show_entries(
            timeline_entries(employee, obligations, today, requests),
            {w.field for w in warnings},
        )
        self.warning_label.setText(
            ngettext(
                "{count} leave overlaps the one before it.",
                "{count} leaves overlap the one before them.",
                len(warnings),
            ).format(count=len(warnings))
        )
        self.warning_label.setVisible(bool(warnings))
        self.action_plan.show_agreements(
            action_plan(self.workspace.require_company(), employee), today
        )
        self._name_action_plan_tab()
        self._update_buttons()

    def _show_identity(self, employee: Employee) -> None:
        self.name_label.setText(employee.full_name)
        parts = [employee.ref, employee.job_title, employee.department, employee.site]
        self.summary_label.setText(" · ".join(p for p in parts if p))
        manager = self._manager_name(employee.manager_ref)
        self.fields["born"].setText(_date_or_dash(employee.birth_date))
        self.fields["language"].setText(language_label(employee.language))
        self.fields["manager"].setText(manager)
        hired = format_date(employee.hire_date)
        if employee.seniority_date is not None:
            hired = _("{date} (seniority from {seniority})").format(
                date=hired, seniority=format_date(employee.seniority_date)
            )
        self.fields["hired"].setText(hired)
        on = self.workspace.today()
        if employee.exit_date is not None:
            on = min(on, employee.exit_date)
        years = seniority_years(self.workspace.require_company(), employee, on)
        self.fields["seniority"].setText(
            ngettext("{count} completed year", "{count} completed years", years).format(count=years)
        )
        contract = _("{contract} · {working_time}").format(
            contract=contract_label(employee.contract),
            working_time=working_time_label(employee.working_time),
        )
        if employee.forfait_jours_since is not None:
            contract = _("{contract} · forfait jours since {date}").format(
                contract=contract, date=format_date(employee.forfait_jours_since)
            )
        self.fields["contract"].setText(contract)
        self.fields["left"].setText(_date_or_dash(employee.exit_date))

    def _manager_name(self, ref: str | None) -> str:
        if ref is None:
            return "—"
        try:
            manager = self.workspace.employee(ref)
        except KeyError:
            return ref
        return f"{manager.full_name} ({manager.ref})"

    def _update_buttons(self) -> None:
        shown = self.employee is not None
        for button in (self.edit_button, self.add_leave_button, self.add_button):
            button.setEnabled(shown)
        self.plan_button.setEnabled(shown and self._open_obligation() is not None)
        record = self.timeline.selected_record() if shown else None
        removable = record is not None and record[0] != IDENTITY
        self.remove_entry_button.setToolTip(_("Remove the selected row of the history"))
        if record is not None and self._signed(record):
            removable = False
            self.remove_entry_button.setToolTip(_("A signed interview cannot be removed."))
        for button, enabled in (
            (self.edit_entry_button, record is not None),
            (self.remove_entry_button, removable),
        ):
            button.setEnabled(enabled)
            button.property("timeline_action").setEnabled(enabled)

    def _signed(self, record: tuple[str, int]) -> bool:
        field, index = record
        return (
            self.employee is not None
            and field == "interviews"
            and self.employee.interviews[index].signed_on is not None
        )

    def _item_activated(self) -> None:
        # Only what the buttons allow: a role that may not change the register (greyed
        # buttons, ui/role_window.py) opens nothing by a double-click either.
        if self.timeline.selected_record() is not None:
            if self.edit_entry_button.isEnabled():
                self.edit_selected()
        elif self._open_obligation() is not None and self.plan_button.isEnabled():
            self.plan_selected()

    def _open_obligation(self) -> Obligation | None:
        """The selected row's obligation, if it is still open (there is something to plan)."""
        obligation = self.timeline.selected_obligation()
        if obligation is None or obligation.status not in _OPEN:
            return None
        return obligation

    def plan_selected(self) -> None:
        """Plan the interview of the selected obligation: its deadline known, or the
        interview already planned for it opened."""
        obligation = self._open_obligation()
        if self.employee is None or obligation is None:
            return
        dialog = PlanInterviewDialog(
            self.workspace,
            self.employee.ref,
            interview_kind_for(obligation.kind),
            self,
            obligation=obligation,
        )
        self._replace_dialog("plan_dialog", dialog)
        dialog.open()

    # -- changes ----------------------------------------------------------------------------
    def edit_employee(self) -> None:
        if self.employee is None:
            return
        dialog = EmployeeDialog(self.workspace, self.employee, self)
        dialog.accepted.connect(lambda: self._edited(dialog))
        self._replace_dialog("edit_dialog", dialog)
        dialog.open()

    def show_journal(self) -> None:
        """Who changed this employee's record, what and when."""
        if self.employee is None:
            return
        dialog = JournalDialog(self.workspace, self.employee.ref, self)
        self._replace_dialog("journal_dialog", dialog)
        dialog.open()

    def _edited(self, dialog: EmployeeDialog) -> None:
        if dialog.saved_ref is not None:
            self.show_employee(dialog.saved_ref)

    def add_leave(self) -> None:
        self._open_leave_dialog(None)

    def add_record(self, field: str) -> None:
        """Open the form adding a fact to the record's list ``field`` (``trainings``)."""
        if field == "leaves":
            self.add_leave()
        else:
            self._open_record_dialog(field, None)

    def edit_selected(self) -> None:
        """Open the form of the selected row's fact; the hire and exit rows open the
        employee's own form."""
        record = self.timeline.selected_record()
        if record is None:
            return
        field, index = record
        if field == IDENTITY:
            self.edit_employee()
        elif field == "leaves":
            self._open_leave_dialog(index)
        else:
            self._open_record_dialog(field, index)

    def remove_selected(self) -> None:
        record = self.timeline.selected_record()
        if record is None or record[0] == IDENTITY or self._signed(record):
            return
        field, index = record
        if field == "leaves":
            self.remove_leave()
            return
        if self.employee is None:
            return
        items = getattr(self.employee, field)
        answer = QMessageBox.question(
            self,
            _("Remove from the history"),
            _("Remove “{entry}” of {date} from {name}'s record?").format(
                entry=_describe(items[index]),
                date=_date_or_dash(_day(items[index])),
                name=self.employee.full_name,
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.timeline.clearSelection()
            self._save(field, items[:index] + items[index + 1 :])

    def _open_record_dialog(self, field: str, index: int | None) -> None:
        if self.employee is None:
            return
        dialog = RECORD_DIALOGS[field](
            self.employee, self.workspace.require_company(), self.workspace.today(), index, self
        )
        dialog.accepted.connect(lambda: self._save(field, dialog.records()))
        self._replace_dialog("history_dialog", dialog)
        dialog.open()

    def _open_leave_dialog(self, index: int | None) -> None:
        if self.employee is None:
            return
        dialog = LeaveDialog(
            self.employee, self.workspace.require_company(), self.workspace.today(), index, self
        )
        dialog.accepted.connect(lambda: self._save("leaves", dialog.leaves()))
        self._replace_dialog("leave_dialog", dialog)
        dialog.open()

    def remove_leave(self) -> None:
        index = self.timeline.selected_leave()
        if self.employee is None or index is None:
            return
        leave = self.employee.leaves[index]
        answer = QMessageBox.question(
            self,
            _("Remove leave"),
            _("Remove the {leave} starting on {date} from {name}'s record?").format(
                leave=leave_label(leave.kind),
                date=format_date(leave.start),
                name=self.employee.full_name,
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.timeline.clearSelection()
            self._save("leaves", self.employee.leaves[:index] + self.employee.leaves[index + 1 :])

    def _save(self, field: str, items: tuple[object, ...]) -> None:
        """Save the employee with their list ``field`` (``leaves``) made of ``items``."""
        if self.employee is None:
            return
        shown = self.employee
        changes: dict[str, Any] = {field: items}
        # Made from the copy this page shows: what it did not touch is taken as stored now
        # (a form typed in meanwhile keeps its answers).
        run_change(
            self,
            _("The change could not be saved"),
            lambda: self.workspace.save_employee(
                replace(shown, **changes), replacing=shown.ref, based_on=shown
            ),
        )
        self.refresh()

    def _replace_dialog(self, name: str, dialog: QWidget) -> None:
        previous = getattr(self, name)
        if previous is not None:
            previous.deleteLater()
        setattr(self, name, dialog)


_OPEN = frozenset({Status.OVERDUE, Status.DUE_SOON, Status.UPCOMING})


def _date_or_dash(value: date | None) -> str:
    return "—" if value is None else format_date(value)


def _day(item: object) -> date | None:
    """The date a fact of the record is known by."""
    if isinstance(item, Training):
        return item.start
    if isinstance(item, Interview | Certification | Progression | MedicalVisit):
        return item.date
    return None


def _describe(item: object) -> str:
    """A fact of the record as a removal question names it."""
    if isinstance(item, Interview):
        return interview_kind_label(item.kind)
    if isinstance(item, Training | Certification):
        return item.title
    if isinstance(item, Progression):
        return progression_label(item.kind)
    if isinstance(item, MedicalVisit):
        return medical_visit_label(item.kind)
    return ""
