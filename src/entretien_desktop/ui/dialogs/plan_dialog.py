"""The dialog that plans an interview for one employee: a date, a kind, and the status
"planned", added to the employee's interviews in one save.

Planned for an obligation, the date proposed is the latest working day of the company's
country that keeps the invitation notice and meets the deadline (services/planning.py), and
a line under the date says, as it changes, what is wrong with the day: after the deadline,
a weekend, a public holiday, too soon for the notice. A warning does not stop planning; a
day the employee is not with the company is refused. When an interview is already planned
or invited for the obligation, the dialog opens that one (a second would be a duplicate)
and saving changes it. The kind is the one the obligation asks for. A refusal (from the
dialog's own checks or from the workspace) is shown inside the dialog, which stays open with
everything as typed.
"""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import Qt, QTime
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from entretien_desktop.domain import Employee, Interview, InterviewKind, InterviewStatus, limits
from entretien_desktop.i18n import _, format_date, format_number, ngettext
from entretien_desktop.rules import Obligation, ObligationKind
from entretien_desktop.services import interview_life
from entretien_desktop.services.board import (
    INTERVIEW_KIND_FOR,
    Meeting,
    interview_under_way,
    shared_meeting,
)
from entretien_desktop.services.errors import ChangeRefused, FieldProblem, UserError
from entretien_desktop.services.interview_life import context_for
from entretien_desktop.services.labels import obligation_name
from entretien_desktop.services.planning import (
    company_calendar,
    date_warnings,
    late_proposal,
    notice_days,
    propose_date,
)
from entretien_desktop.services.templates import built_in_templates, choose_template
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.ui import theme
from entretien_desktop.ui.labels import interview_kind_label, interview_status_label
from entretien_desktop.ui.widgets.buttons import ok_cancel
from entretien_desktop.ui.widgets.date_fields import make_date_edit
from entretien_desktop.ui.widgets.problems import fit_dialog

_ERROR_STYLE = theme.ERROR_BANNER_STYLE
_WARNING_STYLE = theme.WARNING_STYLE
DEFAULT_TIME = time(10, 0)
"""The time a new interview is proposed at: mid-morning, within anyone's working day."""


def interview_kind_for(obligation_kind: ObligationKind) -> InterviewKind:
    """The interview that meets an obligation (a periodic one: a professional interview)."""
    return INTERVIEW_KIND_FOR[obligation_kind]


class PlanInterviewDialog(QDialog):
    """Plan an interview of ``kind`` for the employee numbered ``employee_ref``; for
    ``obligation`` (its deadline, the interview already under way for it) when given."""

    def __init__(
        self,
        workspace: Workspace,
        employee_ref: str,
        kind: InterviewKind,
        parent: QWidget | None = None,
        *,
        obligation: Obligation | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("plan_interview_dialog")
        self.setWindowTitle(_("Plan an interview"))
        self._workspace = workspace
        self._ref = employee_ref
        employee = workspace.employee(employee_ref)
        self._know_the_calendar(employee, obligation)
        notice = self._notice

        self.date_edit = make_date_edit(self._proposal.day)
        self.date_edit.setObjectName("interview_date")
        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("interview_kind")
        for each in InterviewKind:
            self.kind_combo.addItem(interview_kind_label(each), each.value)
        if self.meeting is not None:
            kind = self.meeting.kind
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(kind.value))
        self.time_check, self.time_edit = _time_fields()
        self.interviewer_edit = QLineEdit()
        self.interviewer_edit.setObjectName("interviewer")
        self.interviewer_edit.setMaxLength(limits.MAX_NAME)
        self.place_edit = QLineEdit()
        self.place_edit.setObjectName("place")
        self.place_edit.setMaxLength(limits.MAX_TEXT)
        self.place_edit.setPlaceholderText(_("A room, an address or a video link"))
        self.template_combo = QComboBox()
        self.template_combo.setObjectName("template")
        self.context_edit = QLineEdit()
        self.context_edit.setObjectName("context")
        self.context_edit.setMaxLength(limits.MAX_TEXT)
        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()
        self.warning_label = _message_label("plan_warnings", _WARNING_STYLE)
        self.already_label = _message_label("already_planned", _WARNING_STYLE)
        self.error_label = _message_label("plan_errors", _ERROR_STYLE)
        buttons, self.ok_button = ok_cancel(self, _("Plan"))
        self.status_label = QLabel(interview_status_label(InterviewStatus.PLANNED))
        self._say_what_is_planned()
        self.date_edit.changed.connect(self._date_changed)
        self._date_changed()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 20, 20, 16)
        layout.setSpacing(12)
        layout.addLayout(_heading(employee))
        layout.addWidget(self.already_label)
        layout.addLayout(self._form(notice))
        layout.addWidget(self.error_label)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)

    def _know_the_calendar(self, employee: Employee, obligation: Obligation | None) -> None:
        """The notice, the working days, the deadline, the day proposed, and the interview
        already planned or invited for the obligation (``existing``, the one shown)."""
        company = self._workspace.require_company()
        self._notice = notice_days(company)
        self._calendar = company_calendar(company)
        self._deadline = obligation.deadline if obligation is not None else None
        self.existing = (
            interview_under_way(employee, obligation) if obligation is not None else None
        )
        self.meeting: Meeting | None = None
        if obligation is not None and self.existing is None:
            self.meeting = shared_meeting(company, employee, obligation, self._workspace.today())
        if self.meeting is not None:  # the meeting is due when the first it covers is
            self._deadline = min(o.deadline for o in self.meeting.covers)
        self._proposal = propose_date(
            deadline=self._deadline,
            today=self._workspace.today(),
            notice=self._notice,
            calendar=self._calendar,
        )

    def _form(self, notice: int) -> QFormLayout:
        hint = QLabel(
            ngettext(
                "Your company invites employees {count} day ahead.",
                "Your company invites employees {count} days ahead.",
                notice,
            ).format(count=format_number(notice))
        )
        hint.setWordWrap(True)
        hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(_("Date:"), self.date_edit)
        form.addRow("", self.warning_label)
        form.addRow("", hint)
        time_row = QHBoxLayout()
        time_row.addWidget(self.time_check)
        time_row.addWidget(self.time_edit)
        time_row.addStretch(1)
        form.addRow(_("Time:"), time_row)
        form.addRow(_("Kind:"), self.kind_combo)
        form.addRow(_("Form:"), self.template_combo)
        form.addRow(_("Interviewer:"), self.interviewer_edit)
        form.addRow(_("Place:"), self.place_edit)
        form.addRow(_("Follows:"), self.context_edit)
        form.addRow(_("Status:"), self.status_label)
        return form

    def _say_what_is_planned(self) -> None:
        """The interview already under way for the obligation, or the one meeting that
        covers it with others: each said above the form."""
        if self.existing is not None:
            self._show_existing(self.existing)
        elif self.meeting is not None:
            self.already_label.setText(_one_meeting(self.meeting))
            self.already_label.show()

    def _show_existing(self, interview: Interview) -> None:
        """Open the interview already planned or invited for the obligation: its day,
        interviewer and place, saying so; its kind and form stay as they are."""
        if interview.date is not None:
            self.date_edit.set_value(interview.date)
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(interview.kind.value))
        self.kind_combo.setEnabled(False)
        found = self.template_combo.findData(interview.template)
        if found >= 0:
            self.template_combo.setCurrentIndex(found)
        self.template_combo.setEnabled(False)
        self.interviewer_edit.setText(interview.interviewer)
        self.place_edit.setText(interview.place)
        self.context_edit.setText(interview.context)
        self.time_check.setChecked(interview.time is not None)
        if interview.time is not None:
            self.time_edit.setTime(QTime(interview.time.hour, interview.time.minute))
        self.status_label.setText(interview_status_label(interview.status))
        self.already_label.setText(_already_planned(interview))
        self.already_label.show()
        self.setWindowTitle(_("Interview already planned"))
        self.ok_button.setText(_("Save"))

    def _date_changed(self) -> None:
        """Say, under the date, what is wrong with the day chosen (nothing: no line)."""
        day = self.interview_date()
        lines = [
            w.message
            for w in date_warnings(
                day,
                deadline=self._deadline,
                today=self._workspace.today(),
                notice=self._notice,
                calendar=self._calendar,
                invited_on=self.existing.invited_on if self.existing is not None else None,
            )
        ]
        if self._proposal.late and day == self._proposal.day and self.existing is None:
            lines.insert(0, late_proposal())
        self.warning_label.setText("\n".join("⚠ " + line for line in lines))
        self.warning_label.setVisible(bool(lines))
        fit_dialog(self)

    def warnings(self) -> str:
        """The warnings shown under the date (empty when there are none)."""
        return self.warning_label.text() if self.warning_label.isVisibleTo(self) else ""

    def _kind_changed(self) -> None:
        """Offer the forms of the kind chosen (the one that fits the employee first) and
        say what the interview follows (the leave, the medical visit)."""
        kind = self.interview_kind()
        company = self._workspace.require_company()
        employee = self._workspace.employee(self._ref)
        best = choose_template(kind, employee, company.templates)
        others = [
            t for t in (*company.templates, *built_in_templates()) if t.kind is kind and t != best
        ]
        self.template_combo.clear()
        for template in (best, *others):
            label = _(template.title) + ("" if template.built_in else " · " + _("company's own"))
            self.template_combo.addItem(label, template.key)
        self.context_edit.setText(context_for(employee, kind, self._workspace.today()))

    def interview_date(self) -> date:
        return self.date_edit.last_good()

    def interview_time(self) -> time | None:
        """The time chosen, or ``None`` when it is left to be written on the letter."""
        if not self.time_check.isChecked():
            return None
        chosen = self.time_edit.time()
        return time(chosen.hour(), chosen.minute())

    def interview_kind(self) -> InterviewKind:
        return InterviewKind(self.kind_combo.currentData())

    def accept(self) -> None:
        """Save the planned interview; on a refusal, say why and stay open."""
        try:
            self._save()
        except ChangeRefused as refused:
            self.show_problems(refused.problems)
            return
        except UserError as error:  # the file: read-only, full...
            self.show_problems([FieldProblem("", error.user_message)])
            return
        super().accept()

    def show_problems(self, problems: list[FieldProblem]) -> None:
        self.error_label.setText("\n".join(p.message for p in problems))
        self.error_label.show()
        fit_dialog(self)
        if any(p.field == "date" or p.field.endswith(".date") for p in problems):
            self.date_edit.setFocus()

    def _save(self) -> None:
        if self.existing is not None:
            interview_life.reschedule(
                self._workspace,
                self._ref,
                self.existing.id,
                day=self.interview_date(),
                interviewer=self.interviewer_edit.text().strip(),
                place=self.place_edit.text().strip(),
                context=self.context_edit.text().strip(),
                at=self.interview_time(),
            )
            return
        interview = Interview(
            id="",
            kind=self.interview_kind(),
            status=InterviewStatus.PLANNED,
            date=self.interview_date(),
            time=self.interview_time(),
            template=self.template_combo.currentData() or None,
            interviewer=self.interviewer_edit.text().strip(),
            place=self.place_edit.text().strip(),
            context=self.context_edit.text().strip(),
        )
        interview_life.plan(self._workspace, self._ref, interview)


def _time_fields() -> tuple[QCheckBox, QTimeEdit]:
    """The meeting's time: 10:00 unless changed, ticked; untick it to leave a line to fill
    in by hand on the letter (and a whole-day event in the calendar file)."""
    check = QCheckBox()
    check.setObjectName("time_set")
    check.setChecked(True)
    check.setToolTip(_("Untick to leave the time to be written on the letter by hand."))
    edit = QTimeEdit(QTime(DEFAULT_TIME.hour, DEFAULT_TIME.minute))
    edit.setObjectName("interview_time")
    edit.setDisplayFormat("HH:mm")
    check.toggled.connect(edit.setEnabled)
    return check, edit


def _message_label(name: str, style: str) -> QLabel:
    """A line of text the dialog shows when it has something to say (hidden till then)."""
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setStyleSheet(style)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    label.hide()
    return label


def _one_meeting(meeting: Meeting) -> str:
    """``One summary review covers both: …``: why the kind is not the one asked for."""
    covered = "; ".join(
        _("{kind}, due {date}").format(kind=obligation_name(o), date=format_date(o.deadline))
        for o in meeting.covers
    )
    return ngettext(
        "One {kind} covers {count} obligation: {obligations}.",
        "One {kind} covers these {count} obligations: {obligations}.",
        len(meeting.covers),
    ).format(
        kind=interview_kind_label(meeting.kind).lower(),
        count=len(meeting.covers),
        obligations=covered,
    )


def _already_planned(interview: Interview) -> str:
    if interview.date is None:
        return _("An interview is already planned for this, with no date yet: change it here.")
    if interview.status is InterviewStatus.INVITED:
        message = _("Already invited for {date}: change it here; no other interview is added.")
    else:
        message = _("Already planned for {date}: change it here; no other interview is added.")
    return message.format(date=format_date(interview.date))


def _heading(employee: Employee) -> QVBoxLayout:
    """Who the interview is for: the name in bold, then the job and the employee number."""
    name = QLabel(employee.full_name)
    name.setTextFormat(Qt.TextFormat.PlainText)
    font = name.font()
    font.setBold(True)
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * 1.2)
    name.setFont(font)
    details = QLabel(" · ".join(p for p in (employee.job_title, employee.ref) if p))
    details.setTextFormat(Qt.TextFormat.PlainText)
    details.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    heading = QVBoxLayout()
    heading.setSpacing(2)
    heading.addWidget(name)
    heading.addWidget(details)
    return heading
