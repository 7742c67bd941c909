"""The buttons that move one interview through its life: fill its form, record the
invitation, the refusal (with its reason), the cancellation, the signature on paper.

Each step goes through services/interview_life.py, which refuses with a reason; the reason
is shown and nothing is saved. A step that cannot be undone asks first.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QWidget,
)

from entretien_desktop.domain import Interview
from entretien_desktop.i18n import _
from entretien_desktop.services import interview_life, signing
from entretien_desktop.services.employee_checks import ChangeRefused
from entretien_desktop.services.interview_life import Stage
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.storage import StorageError
from entretien_desktop.ui.date_fields import make_date_edit, to_date
from entretien_desktop.ui.interview_wizard import open_wizard


class DateAndReasonDialog(QDialog):
    """A date (and, for a refusal, the reason given) for one step of an interview."""

    def __init__(
        self, title: str, day: date, *, reason: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.date_edit = make_date_edit(day)
        self.reason_edit = QLineEdit()
        form = QFormLayout(self)
        date_label = QLabel(_("&Date:"))
        date_label.setBuddy(self.date_edit)
        form.addRow(date_label, self.date_edit)
        if reason:
            reason_label = QLabel(_("&Reason given by the employee:"))
            reason_label.setBuddy(self.reason_edit)
            form.addRow(reason_label, self.reason_edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    @property
    def day(self) -> date:
        return to_date(self.date_edit.date())

    @property
    def reason(self) -> str:
        return self.reason_edit.text()


class InterviewActions(QWidget):
    """Buttons acting on the interview chosen by ``set_current``."""

    changed = Signal()
    form_opened = Signal(object)
    """The wizard just opened (tests and the window use it)."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.ref: str | None = None
        self.interview: Interview | None = None
        self.form_button = QPushButton(_("Fill the &form…"))
        self.invite_button = QPushButton(_("&Invited today"))
        self.refuse_button = QPushButton(_("&Refused…"))
        self.cancel_button = QPushButton(_("Ca&ncel interview"))
        self.sign_button = QPushButton(_("&Signed on paper…"))
        self.amend_button = QPushButton(_("&Amend…"))
        self.amend_button.clicked.connect(self.amend)
        self.form_button.clicked.connect(self.open_form)
        self.invite_button.clicked.connect(self.invite_today)
        self.refuse_button.clicked.connect(self.record_refusal)
        self.cancel_button.clicked.connect(self.cancel)
        self.sign_button.clicked.connect(self.record_signature)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for button in self.buttons():
            layout.addWidget(button)
        layout.addStretch(1)
        self.set_current(None, None)

    def buttons(self) -> list[QPushButton]:
        return [
            self.form_button,
            self.invite_button,
            self.refuse_button,
            self.cancel_button,
            self.sign_button,
            self.amend_button,
        ]

    def set_current(self, ref: str | None, interview: Interview | None) -> None:
        self.ref, self.interview = ref, interview
        current = interview_life.stage(interview) if interview is not None else None
        open_ = current in {Stage.PLANNED, Stage.INVITED, Stage.IN_PROGRESS}
        self.form_button.setEnabled(
            current is not None and current not in {Stage.REFUSED, Stage.CANCELLED}
        )
        self.form_button.setText(
            _("View the &form…") if current is Stage.SIGNED else _("Fill the &form…")
        )
        self.invite_button.setEnabled(open_)
        self.refuse_button.setEnabled(open_)
        self.cancel_button.setEnabled(open_)
        self.sign_button.setEnabled(current is Stage.HELD)
        self.amend_button.setEnabled(current is Stage.SIGNED)

    # -- steps -------------------------------------------------------------------------
    def _apply(self, step: Callable[[Interview], Interview], *, saved: bool = False) -> bool:
        """Run ``step`` on the current interview and save the result (``saved``: the step
        saves it itself)."""
        if self.ref is None or self.interview is None:
            return False
        try:
            updated = step(self.interview)
            if not saved:
                self.workspace.put_interview(self.ref, updated)
        except (ChangeRefused, StorageError) as error:
            QMessageBox.warning(self, _("Interview"), str(error))
            return False
        self.set_current(self.ref, updated)
        self.changed.emit()
        return True

    def open_form(self) -> None:
        if self.ref is None or self.interview is None:
            return
        wizard = open_wizard(self.workspace, self.ref, self.interview, self.window())
        if wizard is not None:
            wizard.finished.connect(lambda _code: self.changed.emit())
            wizard.show()
            self.form_opened.emit(wizard)

    def invite_today(self) -> None:
        today = self.workspace.today()
        self._apply(lambda i: interview_life.invite(i, today))

    def record_refusal(self) -> None:
        today = self.workspace.today()
        dialog = DateAndReasonDialog(_("Refused by the employee"), today, reason=True, parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            day, reason = dialog.day, dialog.reason
            self._apply(lambda i: interview_life.refuse(i, day, reason, today))

    def cancel(self) -> None:
        answer = QMessageBox.question(
            self,
            _("Cancel interview"),
            _("Cancel this interview? It stays in the history as cancelled."),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._apply(interview_life.cancel)

    def record_signature(self) -> None:
        today = self.workspace.today()
        dialog = DateAndReasonDialog(_("Signed on paper"), today, parent=self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        day = dialog.day
        confirm = QMessageBox.question(
            self,
            _("Signed on paper"),
            _("Once signed, the record can no longer be changed. Record the signature?"),
        )
        if confirm == QMessageBox.StandardButton.Yes and self.ref is not None:
            ref = self.ref
            self._apply(lambda i: signing.sign(self.workspace, ref, i, day), saved=True)

    def amend(self) -> None:
        """Start a new version of a signed interview and open its form."""
        if self.ref is None or self.interview is None:
            return
        answer = QMessageBox.question(
            self,
            _("Amend"),
            _(
                "The signed record stays as it is. Start an amendment: a new version to "
                "correct, then sign again?"
            ),
        )
        if answer == QMessageBox.StandardButton.Yes:
            ref = self.ref
            if self._apply(lambda i: signing.amend(self.workspace, ref, i), saved=True):
                self.open_form()
