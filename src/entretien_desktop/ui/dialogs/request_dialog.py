"""Correct a training request not yet done: its dates and hours (for instance the dates a
form once kept as text that was no date). The correction is kept with the decision, so a
signed form stays as signed; what the file refuses is said in the dialog, which stays open
with what was typed."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDoubleSpinBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from entretien_desktop.domain import limits
from entretien_desktop.i18n import _
from entretien_desktop.services.errors import ChangeRefused, UserError
from entretien_desktop.services.training_requests import TrainingRequest, correct
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.ui import theme
from entretien_desktop.ui.widgets.buttons import ok_cancel
from entretien_desktop.ui.widgets.date_fields import DateEdit
from entretien_desktop.ui.widgets.problems import show_messages


class RequestDialog(QDialog):
    """The dates and hours of ``request``, to correct."""

    def __init__(
        self, workspace: Workspace, request: TrainingRequest, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("request_dialog")
        self.setWindowTitle(_("Correct a training request"))
        self._workspace = workspace
        self._request = request
        today = workspace.today()
        self.start_edit = DateEdit(request.day("start"), required=False, today=today)
        self.start_edit.setObjectName("request_start")
        self.end_edit = DateEdit(request.day("end"), required=False, today=today)
        self.end_edit.setObjectName("request_end")
        self.hours_spin = QDoubleSpinBox()
        self.hours_spin.setObjectName("request_hours")
        self.hours_spin.setRange(limits.HOURS.low, limits.HOURS.high)
        self.hours_spin.setDecimals(1)
        self.hours_spin.setValue(request.number("hours"))
        self.problems = QLabel()
        self.problems.setObjectName("request_problems")
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet(theme.ERROR_BANNER_STYLE)
        self.problems.hide()
        buttons, self.ok_button = ok_cancel(self, _("Save"))

        heading = QLabel(f"<b>{request.course}</b> — {request.employee.full_name}")
        heading.setWordWrap(True)
        form = QFormLayout()
        form.addRow(_("&Start:"), self.start_edit)
        form.addRow(_("&End:"), self.end_edit)
        form.addRow(_("&Hours:"), self.hours_spin)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.problems)
        layout.addWidget(buttons)
        self.setMinimumWidth(380)

    def accept(self) -> None:
        """Save, or say why not and stay open."""
        try:
            correct(
                self._workspace,
                self._request,
                self.start_edit.value(),
                self.end_edit.value(),
                self.hours_spin.value(),
            )
        except ChangeRefused as refused:
            show_messages(self.problems, [p.message for p in refused.problems])
            return
        except UserError as error:  # the file itself: read-only, full...
            show_messages(self.problems, [error.user_message])
            return
        super().accept()
