"""The dialog that plans an interview for one employee: a date, a kind, and the status
"planned", added to the employee's interviews in one save.

The date proposed is today plus the company's invitation notice, so that the invitation can
still go out in time; the kind is the one the obligation asks for. A refusal (from the
dialog's own checks or from the workspace) is shown inside the dialog, which stays open with
everything as typed.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from entretien_desktop.domain import Employee, Interview, InterviewKind, InterviewStatus, limits
from entretien_desktop.i18n import _, format_number, ngettext
from entretien_desktop.rules import ObligationKind
from entretien_desktop.services import interview_life
from entretien_desktop.services.errors import ChangeRefused, FieldProblem, UserError
from entretien_desktop.services.interview_life import context_for
from entretien_desktop.services.templates import built_in_templates, choose_template
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.ui import theme
from entretien_desktop.ui.labels import interview_kind_label, interview_status_label
from entretien_desktop.ui.widgets.buttons import ok_cancel
from entretien_desktop.ui.widgets.date_fields import make_date_edit
from entretien_desktop.ui.widgets.problems import fit_dialog

_INTERVIEW_KINDS = {
    ObligationKind.PERIODIC: InterviewKind.PROFESSIONAL,
    ObligationKind.SUMMARY_REVIEW: InterviewKind.SUMMARY_REVIEW,
    ObligationKind.RETURN: InterviewKind.RETURN,
    ObligationKind.MID_CAREER: InterviewKind.MID_CAREER,
    ObligationKind.END_OF_CAREER: InterviewKind.END_OF_CAREER,
    ObligationKind.ANNUAL_REVIEW: InterviewKind.ANNUAL_REVIEW,
    ObligationKind.CAREER_CONVERSATION: InterviewKind.CAREER_CONVERSATION,
}

_ERROR_STYLE = theme.ERROR_BANNER_STYLE


def interview_kind_for(obligation_kind: ObligationKind) -> InterviewKind:
    """The interview that meets an obligation (a periodic one: a professional interview)."""
    return _INTERVIEW_KINDS[obligation_kind]


class PlanInterviewDialog(QDialog):
    """Plan an interview of ``kind`` for the employee numbered ``employee_ref``."""

    def __init__(
        self,
        workspace: Workspace,
        employee_ref: str,
        kind: InterviewKind,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("plan_interview_dialog")
        self.setWindowTitle(_("Plan an interview"))
        self._workspace = workspace
        self._ref = employee_ref
        employee = workspace.employee(employee_ref)
        notice = workspace.require_company().settings.effective("invitation_notice_days")
        assert isinstance(notice, int)

        self.date_edit = make_date_edit(workspace.today() + timedelta(days=notice))
        self.date_edit.setObjectName("interview_date")
        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("interview_kind")
        for each in InterviewKind:
            self.kind_combo.addItem(interview_kind_label(each), each.value)
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(kind.value))
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
        self.error_label = QLabel()
        self.error_label.setObjectName("plan_errors")
        self.error_label.setWordWrap(True)
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setStyleSheet(_ERROR_STYLE)
        self.error_label.hide()
        buttons, self.ok_button = ok_cancel(self, _("Plan"))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 20, 20, 16)
        layout.setSpacing(12)
        layout.addLayout(_heading(employee))
        layout.addLayout(self._form(notice))
        layout.addWidget(self.error_label)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)

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
        form.addRow("", hint)
        form.addRow(_("Kind:"), self.kind_combo)
        form.addRow(_("Form:"), self.template_combo)
        form.addRow(_("Interviewer:"), self.interviewer_edit)
        form.addRow(_("Place:"), self.place_edit)
        form.addRow(_("Follows:"), self.context_edit)
        form.addRow(_("Status:"), QLabel(interview_status_label(InterviewStatus.PLANNED)))
        return form

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
        interview = Interview(
            id="",
            kind=self.interview_kind(),
            status=InterviewStatus.PLANNED,
            date=self.interview_date(),
            template=self.template_combo.currentData() or None,
            interviewer=self.interviewer_edit.text().strip(),
            place=self.place_edit.text().strip(),
            context=self.context_edit.text().strip(),
        )
        interview_life.plan(self._workspace, self._ref, interview)


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
