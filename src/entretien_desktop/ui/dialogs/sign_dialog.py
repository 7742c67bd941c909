"""The dialog where the employee and the interviewer both sign an interview on screen.

Beside the two pads, the report as it will be signed: built from the interview as the file
holds it when the dialog opens (any form still typing is saved first), scrollable. On Sign
the dialog checks the date the way ``interview_life`` does and asks for a confirmation (a
signed record can no longer be changed); if the stored text changed since the preview was
built, the preview is rebuilt and the signature waits for a second look. Signing reads the
interview again inside its change and fingerprints that (``signing.sign``), with both
drawings kept in the same change.
"""

from __future__ import annotations

import logging
from datetime import date
from html import escape

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt, Signal
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from entretien_desktop.domain import Interview
from entretien_desktop.i18n import _, format_date
from entretien_desktop.services import interview_life, signing
from entretien_desktop.services.errors import ChangeRefused
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.ui.changes import run_change
from entretien_desktop.ui.labels import interview_kind_label
from entretien_desktop.ui.widgets.buttons import ok_cancel
from entretien_desktop.ui.widgets.date_fields import make_date_edit
from entretien_desktop.ui.widgets.signature_pad import FLAGGED, SignaturePad

log = logging.getLogger(__name__)


class SignOnScreenDialog(QDialog):
    """Both people sign on screen, the report to sign beside them; Sign signs the interview
    (after a confirmation)."""

    signed = Signal(object)
    """The interview as signed."""

    def __init__(
        self, workspace: Workspace, ref: str, interview: Interview, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        workspace.flush_drafts()  # a form still typing is saved before the preview is made
        self.workspace, self.ref = workspace, ref
        self.interview = workspace.interview(ref, interview.id)
        self.signed_interview: Interview | None = None
        employee = workspace.employee(ref)
        self.setWindowTitle(_("Sign on screen"))
        when = format_date(self.interview.date) if self.interview.date else ""
        intro = QLabel(
            _(
                "{kind} of {date} with {name}. Read the report, then each person signs in "
                "their box with the mouse, a pen or a finger."
            ).format(
                kind=interview_kind_label(self.interview.kind), date=when, name=employee.full_name
            )
        )
        intro.setWordWrap(True)
        self.employee_pad = SignaturePad()
        self.employee_pad.setAccessibleName(_("The employee's signature"))
        self.interviewer_pad = SignaturePad()
        self.interviewer_pad.setAccessibleName(_("The interviewer's signature"))
        self.date_edit = make_date_edit(workspace.today())
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.message_label.setStyleSheet(f"color: {FLAGGED.name()};")
        self.message_label.hide()
        self.button_box, self.ok_button = ok_cancel(self, _("&Sign"))

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self._preview_side())
        splitter.addWidget(self._signing_side(intro, employee.full_name))
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self._fit_screen()

    def _preview_side(self) -> QWidget:
        """The report as it will be signed, scrollable."""
        self._buffer = QBuffer(self)
        self.preview_document = QPdfDocument(self)
        self.preview = QPdfView(self)
        self.preview.setObjectName("signing_preview")
        self.preview.setDocument(self.preview_document)
        self.preview.setPageMode(QPdfView.PageMode.MultiPage)
        self.preview.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.preview.setAccessibleName(_("The report as it will be signed"))
        self.previewed: Interview | None = None
        self.preview_data = b""
        self.show_preview()

        preview_side = QWidget()
        left = QVBoxLayout(preview_side)
        left.setContentsMargins(0, 0, 0, 0)
        caption = QLabel(_("<b>The report as it will be signed</b>"))
        left.addWidget(caption)
        left.addWidget(self.preview, 1)
        return preview_side

    def _signing_side(self, intro: QLabel, employee_name: str) -> QWidget:
        """The two pads, the date of signature and the buttons."""
        signing_side = QWidget()
        side = QVBoxLayout(signing_side)
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(intro)
        for role, name, pad in (
            (_("The employee"), employee_name, self.employee_pad),
            (_("The interviewer"), self.interview.interviewer, self.interviewer_pad),
        ):
            self._add_pad(side, role, name, pad)
        date_row = QHBoxLayout()
        date_label = QLabel(_("&Date of signature:"))
        date_label.setBuddy(self.date_edit)
        date_row.addWidget(date_label)
        date_row.addWidget(self.date_edit)
        date_row.addStretch(1)
        side.addLayout(date_row)
        side.addWidget(self.message_label)
        side.addWidget(self.button_box)

        return signing_side

    def _fit_screen(self) -> None:
        available = self.screen().availableGeometry().size()
        self.resize(min(1100, available.width() - 40), min(720, available.height() - 60))

    def show_preview(self) -> None:
        """Build the report of the interview as stored now and show it."""
        from entretien_desktop.ui.reports.report_documents import (  # noqa: PLC0415
            interview_report_document,
        )

        stored = self.workspace.interview(self.ref, self.interview.id)
        document = interview_report_document(self.workspace, self.ref, stored)
        self.preview_data = document.build(document.language)
        self.previewed = stored
        self.preview_document.close()
        self._buffer.close()
        self._buffer.setData(QByteArray(self.preview_data))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.preview_document.load(self._buffer)

    def _add_pad(self, column: QVBoxLayout, role: str, name: str, pad: SignaturePad) -> None:
        heading = QLabel(f"<b>{role}</b>" + (f" — {escape(name)}" if name.strip() else ""))
        heading.setWordWrap(True)
        clear = QPushButton(_("Clear"))
        clear.setAutoDefault(False)
        clear.setToolTip(_("Erase this signature to sign again"))
        clear.clicked.connect(pad.clear)
        pad.changed.connect(self._pad_changed)
        row = QHBoxLayout()
        row.addWidget(heading, 1)
        row.addWidget(clear)
        column.addLayout(row)
        column.addWidget(pad, 1)

    def _pad_changed(self) -> None:
        if not self.missing():
            self.message_label.hide()

    def missing(self) -> list[SignaturePad]:
        """The pads still empty."""
        return [pad for pad in (self.employee_pad, self.interviewer_pad) if pad.is_empty()]

    @property
    def day(self) -> date:
        return self.date_edit.last_good()

    def _say(self, message: str) -> None:
        self.message_label.setText(message)
        self.message_label.show()

    def accept(self) -> None:
        missing = self.missing()
        if missing:
            for pad in missing:
                pad.set_flagged(True)
            self._say(self._missing_text(missing))
            return
        self.workspace.flush_drafts()
        stored = self.workspace.interview(self.ref, self.interview.id)
        if stored != self.previewed:
            self.show_preview()
            self._say(
                _(
                    "The form was changed since this report was shown: it now shows the "
                    "text as saved. Read it again, then sign."
                )
            )
            return
        try:
            interview_life.mark_signed(stored, self.day, self.workspace.today())
        except ChangeRefused as refusal:
            self._say(refusal.user_message)
            return
        answer = QMessageBox.question(
            self,
            _("Sign on screen"),
            _("Once signed, the record can no longer be changed. Record the signature?"),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        signed = run_change(self, _("Sign on screen"), self._sign)
        if not isinstance(signed, Interview):
            return
        self.signed_interview = signed
        self.signed.emit(signed)
        super().accept()

    def _missing_text(self, missing: list[SignaturePad]) -> str:
        if len(missing) == 2:
            return _("Both people sign before the interview is signed: neither has signed yet.")
        if missing[0] is self.employee_pad:
            return _("Both people sign before the interview is signed: the employee has not yet.")
        return _("Both people sign before the interview is signed: the interviewer has not yet.")

    def _sign(self) -> Interview:
        """Sign the interview as the file holds it now, keeping both drawings with it, in
        one change: the fingerprint covers exactly the text of the preview."""
        drawn = {
            signing.SIGNATURE_EMPLOYEE: self.employee_pad.png(),
            signing.SIGNATURE_INTERVIEWER: self.interviewer_pad.png(),
        }
        return signing.sign(self.workspace, self.ref, self.interview.id, self.day, drawn)
