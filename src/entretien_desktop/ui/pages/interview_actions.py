"""The buttons that move one interview through its life: fill its form, record the
invitation, the refusal (with its reason), the cancellation, the signature on paper; and
those of its documents: the report and the invitation letter (previewed, printed, saved),
the signature on screen, the scan of the signed paper copy, the reports of a whole year.

Each step goes through services/interview_life.py, which refuses with a reason; the reason
is shown and nothing is saved. A step that cannot be undone asks first. The documents'
dialogs live in their own modules (report_viewer, sign_dialog, batch_reports), imported
when first used: reportlab and QtPdf are slow to import and the window starts without them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from entretien_desktop.domain import Interview, limits
from entretien_desktop.i18n import _
from entretien_desktop.services import interview_life
from entretien_desktop.services.interview_life import Stage
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.ui.changes import FAILED, run_change
from entretien_desktop.ui.widgets.buttons import enable_or_say_why
from entretien_desktop.ui.widgets.date_fields import accept_if_dates_valid, make_date_edit

SCAN_TYPES = {".pdf": "application/pdf", ".png": "image/png", ".jpg": "image/jpeg"}
SCAN_TYPES[".jpeg"] = SCAN_TYPES[".jpg"]
_SCAN_MAGIC = {"application/pdf": b"%PDF", "image/png": b"\x89PNG", "image/jpeg": b"\xff\xd8\xff"}


class DateAndReasonDialog(QDialog):
    """A date (and, for a refusal, the reason given) for one step of an interview."""

    def __init__(
        self, title: str, day: date, *, reason: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.date_edit = make_date_edit(day)
        self.reason_edit = QLineEdit()
        self.reason_edit.setMaxLength(limits.MAX_TEXT)
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
        buttons.accepted.connect(lambda: accept_if_dates_valid(self))
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    @property
    def day(self) -> date:
        return self.date_edit.last_good()

    @property
    def reason(self) -> str:
        return self.reason_edit.text()


class InterviewActions(QWidget):
    """Buttons acting on the interview chosen by ``set_current``."""

    changed = Signal()
    form_opened = Signal(object)
    """The wizard just opened (tests and the window use it)."""
    dialog_opened = Signal(object)
    """A report viewer, the signing dialog or the year's reports dialog just opened."""

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
        self.report_button = QPushButton(_("Re&port…"))
        self.invitation_button = QPushButton(_("In&vitation…"))
        self.sign_screen_button = QPushButton(_("Sign on scr&een…"))
        self.scan_button = QPushButton(_("A&ttach the signed scan…"))
        self.year_button = QPushButton(_("Reports of a &year…"))
        # One by one, so that the architecture test sees every slot returns nothing.
        self.form_button.clicked.connect(self.open_form)
        self.invite_button.clicked.connect(self.invite_today)
        self.refuse_button.clicked.connect(self.record_refusal)
        self.cancel_button.clicked.connect(self.cancel)
        self.sign_button.clicked.connect(self.record_signature)
        self.amend_button.clicked.connect(self.amend)
        self.report_button.clicked.connect(self.open_report)
        self.invitation_button.clicked.connect(self.open_invitation)
        self.sign_screen_button.clicked.connect(self.sign_on_screen)
        self.scan_button.clicked.connect(self.attach_scan)
        self.year_button.clicked.connect(self.reports_of_year)
        self.year_button.setToolTip(_("Write the report of every interview held in a year"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        for row_buttons, last in (
            (self._life_buttons(), self.year_button),
            (self._document_buttons(), None),
        ):
            row = QHBoxLayout()
            for button in row_buttons:
                row.addWidget(button)
            row.addStretch(1)
            if last is not None:
                row.addWidget(last)
            layout.addLayout(row)
        self.set_current(None, None)

    def _life_buttons(self) -> list[QPushButton]:
        return [
            self.form_button,
            self.invite_button,
            self.refuse_button,
            self.cancel_button,
            self.amend_button,
        ]

    def _document_buttons(self) -> list[QPushButton]:
        return [
            self.report_button,
            self.invitation_button,
            self.sign_screen_button,
            self.sign_button,
            self.scan_button,
        ]

    def buttons(self) -> list[QPushButton]:
        return [*self._life_buttons(), *self._document_buttons(), self.year_button]

    def set_current(self, ref: str | None, interview: Interview | None) -> None:
        self.ref, self.interview = ref, interview
        current = interview_life.stage(interview) if interview is not None else None
        open_ = current in {Stage.PLANNED, Stage.INVITED, Stage.IN_PROGRESS}
        usable = current is not None and current not in {Stage.REFUSED, Stage.CANCELLED}
        self.form_button.setText(
            _("View the &form…") if current is Stage.SIGNED else _("Fill the &form…")
        )
        # Each greyed button says why (widgets/buttons.enable_or_say_why).
        none = [_("Choose an interview in the list first.")] if current is None else []
        closed = none or (
            [] if usable else [_("A declined or cancelled interview has no form or report.")]
        )
        not_open = none or (
            [] if open_ else [_("Only a planned or invited interview can be changed this way.")]
        )
        not_held = none or (
            []
            if current is Stage.HELD
            else [_("Only an interview held, and not yet signed, can be signed.")]
        )
        not_signed = none or (
            []
            if current is Stage.SIGNED
            else [_("Only a signed interview is amended, or gets the scan of its paper copy.")]
        )
        for button, reasons in (
            (self.form_button, closed),
            (self.report_button, closed),
            (self.invite_button, not_open),
            (self.refuse_button, not_open),
            (self.cancel_button, not_open),
            (self.invitation_button, not_open),
            (self.sign_button, not_held),
            (self.sign_screen_button, not_held),
            (self.amend_button, not_signed),
            (self.scan_button, not_signed),
        ):
            enable_or_say_why(button, reasons)

    # -- steps -------------------------------------------------------------------------
    def _apply(self, step: Callable[[Interview], Interview]) -> Interview | None:
        """Apply ``step`` to the current interview as the file holds it now, and save it;
        a refusal is shown and nothing is saved. Returns the interview as saved."""
        workspace = self.workspace
        return self._run(
            lambda ref, interview_id: workspace.update_interview(ref, interview_id, step)
        )

    def _run(self, action: Callable[[str, str], Interview]) -> Interview | None:
        """Run ``action(employee number, interview id)`` on the current interview through
        the one error path; the interview it returns becomes the current one."""
        if self.ref is None or self.interview is None:
            return None
        ref, interview_id = self.ref, self.interview.id
        return self._changed(run_change(self, _("Interview"), lambda: action(ref, interview_id)))

    def _changed(self, updated: object) -> Interview | None:
        if not isinstance(updated, Interview):
            return None
        self.set_current(self.ref, updated)
        self.changed.emit()
        return updated

    def open_form(self) -> None:
        if self.ref is None or self.interview is None:
            return
        from entretien_desktop.ui.forms.interview_wizard import open_wizard  # noqa: PLC0415

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
            from entretien_desktop.services import signing  # noqa: PLC0415

            self._run(
                lambda ref, interview_id: signing.sign(self.workspace, ref, interview_id, day)
            )

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
            from entretien_desktop.services import signing  # noqa: PLC0415

            if self._run(
                lambda ref, interview_id: signing.amend(self.workspace, ref, interview_id)
            ):
                self.open_form()

    # -- documents ------------------------------------------------------------------------
    def open_report(self) -> None:
        """Preview the interview's report, in the employee's language unless changed."""
        if self.ref is None or self.interview is None:
            return
        from entretien_desktop.ui.reports.report_documents import (  # noqa: PLC0415
            interview_report_document,
        )
        from entretien_desktop.ui.reports.report_viewer import open_viewer  # noqa: PLC0415

        document = interview_report_document(self.workspace, self.ref, self.interview)
        self.dialog_opened.emit(open_viewer(self.workspace, document, self.window()))

    def open_invitation(self) -> None:
        """Preview the invitation letter; its viewer also saves the meeting's calendar file."""
        if self.ref is None or self.interview is None:
            return
        from entretien_desktop.ui.reports.report_documents import invitation_document  # noqa: PLC0415
        from entretien_desktop.ui.reports.report_viewer import open_viewer  # noqa: PLC0415

        ref, interview = self.ref, self.interview
        viewer = open_viewer(
            self.workspace, invitation_document(self.workspace, ref, interview), self.window()
        )
        button = viewer.add_tool_button(
            _("Save &calendar file…"),
            lambda: self.save_calendar(viewer, ref, interview),
            _("The meeting as an .ics file, for any calendar program"),
        )
        if interview.date is None:
            button.setEnabled(False)
            button.setToolTip(_("The interview has no date yet."))
        self.dialog_opened.emit(viewer)

    def save_calendar(self, viewer: QWidget, ref: str, interview: Interview) -> None:
        from entretien_desktop.services.company_file import (  # noqa: PLC0415
            write_file_atomically,
        )
        from entretien_desktop.ui.reports.report_documents import (  # noqa: PLC0415
            default_folder,
            invitation_calendar,
        )
        from entretien_desktop.ui.reports.report_viewer import ReportViewer  # noqa: PLC0415

        assert isinstance(viewer, ReportViewer)
        data = invitation_calendar(self.workspace, ref, interview, viewer.language)
        suggestion = default_folder() / f"{viewer.document.file_stem}.ics"
        name, _chosen = QFileDialog.getSaveFileName(
            viewer,
            _("Save the calendar file"),
            str(suggestion),
            _("Calendar files (*.ics)"),
        )
        if not name:
            return
        path = Path(name) if name.lower().endswith(".ics") else Path(f"{name}.ics")
        try:
            write_file_atomically(path, data)
        except OSError as error:
            QMessageBox.warning(viewer, _("The calendar file could not be saved"), str(error))
            return
        viewer.status_label.setText(_("Saved to {path}").format(path=path))

    def sign_on_screen(self) -> None:
        """Both people sign on screen; the interview is signed when the dialog is accepted."""
        if self.ref is None or self.interview is None:
            return
        from entretien_desktop.ui.dialogs.sign_dialog import SignOnScreenDialog  # noqa: PLC0415

        dialog = SignOnScreenDialog(self.workspace, self.ref, self.interview, self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.signed.connect(self._signed_on_screen)
        dialog.open()
        self.dialog_opened.emit(dialog)

    def _signed_on_screen(self, signed: Interview) -> None:
        self.set_current(self.ref, signed)
        self.changed.emit()
        self.offer_signed_report()

    def offer_signed_report(self) -> None:
        """After a signature: print the signed report, or save it, now."""
        answer = QMessageBox.question(
            self,
            _("Signed"),
            _("The interview is signed and locked. Open the signed report to print it or save it?"),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.open_report()

    def attach_scan(self) -> None:
        """Keep the scan of the paper copy signed by both people with the interview."""
        if self.interview is None:
            return
        name, _chosen = QFileDialog.getOpenFileName(
            self,
            _("The scan of the signed report"),
            "",
            _("Scans (*.pdf *.png *.jpg *.jpeg)"),
        )
        if name:
            self.attach_scan_file(Path(name))

    def attach_scan_file(self, path: Path) -> bool:
        if self.interview is None:
            return False
        title = _("Attach the signed scan")
        media_type = SCAN_TYPES.get(path.suffix.lower())
        try:
            data = path.read_bytes()
        except OSError as error:
            QMessageBox.warning(self, title, str(error))
            return False
        if media_type is None or not data.startswith(_SCAN_MAGIC[media_type]):
            QMessageBox.warning(self, title, _("Choose a PDF, PNG or JPEG file."))
            return False
        from entretien_desktop.services import signing  # noqa: PLC0415

        ref, interview_id = self.ref, self.interview.id
        if ref is None:
            return False
        done = run_change(
            self,
            title,
            lambda: signing.attach(
                self.workspace,
                ref,
                interview_id,
                signing.SIGNED_SCAN,
                media_type=media_type,
                data=data,
            ),
        )
        if done is FAILED:
            return False
        QMessageBox.information(
            self, title, _("The scan {name} is kept with the interview.").format(name=path.name)
        )
        return True

    def reports_of_year(self) -> None:
        """Choose a year and a folder, then write the report of every interview held."""
        from entretien_desktop.ui.reports.batch_reports import YearReportsDialog  # noqa: PLC0415

        dialog = YearReportsDialog(self.workspace, self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.dialog_opened.emit(dialog)
