"""The form that records or corrects one interview of an employee's history: its kind, its
status, its date and the day the employee was invited.

A new interview gets a number of its own, as a planned one does. A signed interview is
shown but cannot be changed: its record is what both parties signed.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QComboBox

from entretien_desktop.domain import Interview, InterviewKind, InterviewStatus
from entretien_desktop.i18n import _, format_date
from entretien_desktop.services.interview_life import new_interview_id
from entretien_desktop.ui.dialogs.history_dialogs import RecordDialog
from entretien_desktop.ui.labels import interview_kind_label, interview_status_label
from entretien_desktop.ui.widgets.date_fields import OptionalDateField


class InterviewRecordDialog(RecordDialog):
    field = "interviews"
    current: Interview | None

    def _titles(self) -> tuple[str, str]:
        return _("Record an interview for {name}"), _("Edit an interview of {name}")

    def _build(self) -> None:
        current = self.current
        self.kind_combo = QComboBox()
        for kind in InterviewKind:
            self.kind_combo.addItem(interview_kind_label(kind), kind)
        self.kind_combo.setCurrentIndex(
            self.kind_combo.findData(current.kind if current else InterviewKind.PROFESSIONAL)
        )
        self.status_combo = QComboBox()
        for status in InterviewStatus:
            self.status_combo.addItem(interview_status_label(status), status)
        self.status_combo.setCurrentIndex(
            self.status_combo.findData(current.status if current else InterviewStatus.HELD)
        )
        self.date_field = OptionalDateField(
            _("Known"), current.date if current else self.today, self.today
        )
        default_invitation = current.date if current and current.date else self.today
        self.invited_field = OptionalDateField(
            _("Sent"), current.invited_on if current else None, default_invitation
        )
        self._row(_("&Kind:"), self.kind_combo, "kind")
        self._row(_("&Status:"), self.status_combo, "status")
        self._row(_("&Date:"), self.date_field, "date")
        self._row(_("&Invitation:"), self.invited_field, "invited_on")
        self._watch(
            self.kind_combo.currentIndexChanged,
            self.status_combo.currentIndexChanged,
            self.date_field.changed,
            self.invited_field.changed,
        )
        if self.signed:
            self._make_read_only()

    @property
    def signed(self) -> bool:
        return self.current is not None and self.current.signed_on is not None

    def _make_read_only(self) -> None:
        assert self.current is not None and self.current.signed_on is not None
        self.note.setText(
            _(
                "This interview was signed on {date}: its record is what both parties "
                "signed, and it can no longer be changed."
            ).format(date=format_date(self.current.signed_on))
        )
        self.note.show()
        for field in (self.kind_combo, self.status_combo, self.date_field, self.invited_field):
            field.setEnabled(False)
        self.ok_button.hide()
        self.buttons.button(self.buttons.StandardButton.Cancel).setText(_("Close"))

    def record(self) -> Interview:
        kind = InterviewKind(self.kind_combo.currentData())
        status = InterviewStatus(self.status_combo.currentData())
        day, invited = self.date_field.value(), self.invited_field.value()
        if self.current is not None:
            return replace(self.current, kind=kind, status=status, date=day, invited_on=invited)
        number = new_interview_id(self.company, self.employee.ref, day or self.today)
        return Interview(number, kind, status, day, invited)

    def _check(self) -> bool:
        accepted = super()._check()
        if self.signed:
            self.ok_button.setEnabled(False)
            return False
        return accepted
