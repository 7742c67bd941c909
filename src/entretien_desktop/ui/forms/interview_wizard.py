"""The interview wizard: the form of one interview, a step per section of its template.

What is typed is written to the data file (the interview's answers, one row, through the
workspace's gate) ``SAVE_DELAY_MS`` after the last keystroke, and at once when the focus
leaves a field, the step changes, the form closes or the interview is signed: a killed
process loses at most the last half second, and opening the interview again brings the
draft back on the step that was being typed. A session of typing is one undo step. The
form starts prefilled from the history (services/interview_forms.py). Moving on checks the
section's required fields and dates and names the missing or wrong ones (a step holding a
date that is no date is marked ⚠, never ✓); "Finish" checks them all, then records the
interview as held (on the day ``interview_life.held_on`` says).

Lists offer the options of the interview's day (``form_day``): a dated option (the funding
of a training request by Pro-A until 2025, by a reconversion period from 2026) is offered
only within its dates. An answer already given with one is shown with its dates and kept,
but a step holding it is marked ⚠ and the form is not finished on it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import date

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QCloseEvent, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from entretien_desktop.domain import Interview, InterviewStatus
from entretien_desktop.domain.date_entry import short_pattern
from entretien_desktop.domain.templates import Answers, Field, FieldType, Role, Section, Template
from entretien_desktop.i18n import _, format_date, format_number
from entretien_desktop.services import interview_life
from entretien_desktop.services.claims import (
    Claim,
    claim_interview,
    claim_notice,
    keep_claim,
    release_interview,
    released_notice,
)
from entretien_desktop.services.errors import StaleRecordError, UserError
from entretien_desktop.services.interview_forms import (
    choice_dates_text,
    first_incomplete_section,
    first_unfinished_section,
    form_day,
    invalid_dates,
    missing_required,
    prefilled_answers,
    required_progress,
    template_for,
    unoffered_choices,
)
from entretien_desktop.services.typed_trainings import record_trainings, typed_trainings
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.ui import theme
from entretien_desktop.ui.changes import run_change
from entretien_desktop.ui.forms.claim_wait import ClaimWait
from entretien_desktop.ui.forms.form_fields import FieldEditor, editor_for
from entretien_desktop.ui.forms.skill_requests_note import pending_skill_requests_note
from entretien_desktop.ui.labels import interview_kind_label
from entretien_desktop.ui.widgets.text import health_warning

log = logging.getLogger(__name__)

SAVE_DELAY_MS = 400
"""How long after the last keystroke the form is written (at most this much is lost)."""
_DONE_MARK = "✓ "
_TODO_MARK = "○ "
_WRONG_MARK = "⚠ "
"""A step holding text typed for a date that is no date: never shown as done."""


class InterviewWizard(QDialog):
    saved = Signal()
    """After every write of the draft to the file."""
    finished_interview = Signal(str)
    """The interview's id, once it is recorded as held."""

    def __init__(
        self, workspace: Workspace, ref: str, interview_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.workspace, self.ref = workspace, ref
        self.typed_trainings_box: QMessageBox | None = None
        company = workspace.require_company()
        employee = workspace.employee(ref)
        interview = next(i for i in employee.interviews if i.id == interview_id)
        self.template: Template = template_for(company, employee, interview)
        self.read_only = interview.signed_on is not None
        # On a server, another user typing in this interview makes it read-only here.
        self.claimed_by = None if self.read_only else self._claim(interview_id)
        self.read_only = self.read_only or self.claimed_by is not None
        self.typed_fields: set[str] = set()
        """Fields typed since the last save: kept over the text a reload brings."""
        self.answers: Answers = (
            dict(interview.answers or {})
            if self.read_only
            else prefilled_answers(company, employee, interview, self.template, workspace.today())
        )
        self.interview = replace(interview, template=self.template.key)
        self.day = form_day(interview, workspace.today())
        """The day the form's lists offer their options for (read when it opens)."""
        self.editors: dict[str, FieldEditor] = {}
        self.typed_step: int | None = None
        self.pending = False
        """Typed but not yet written to the file."""
        self._showing = False
        """Answers being put in the editors from the file (not typed)."""
        self._draft_closed = False
        self.save_timer = QTimer(self)
        self.save_timer.setSingleShot(True)
        self.save_timer.setInterval(SAVE_DELAY_MS)
        self.save_timer.timeout.connect(self.flush)
        self.setWindowTitle(
            _("{kind} with {name}").format(
                kind=interview_kind_label(interview.kind), name=employee.full_name
            )
        )
        self._build(employee.full_name)
        self._load_answers()
        if not self.read_only:
            self._start_draft()
        self.claim_wait: ClaimWait | None = None
        if self.claimed_by is not None:  # editable by itself once the other user is done
            self.claim_wait = ClaimWait(workspace, interview_id, self.claimed_by, self)
            self.claim_wait.taken.connect(self._claim_released)
            self.claim_wait.held_by.connect(self._claimed_by_another)
        self.show_section(self._opening_step(interview))
        self.resize(960, 680)

    def _start_draft(self) -> None:
        """Typing here is saved: the prefilled answers are written with the first keystroke
        (opening and closing a form changes nothing, and leaves nothing to undo)."""
        self.workspace.add_draft(self.flush)
        self.workspace.add_listener(self._stored_changed)
        application = QApplication.instance()
        if isinstance(application, QApplication):
            application.focusChanged.connect(self._focus_changed)

    # -- waiting for another user's claim (ui/forms/claim_wait.py) ----------------------
    def _claim_released(self) -> None:
        """The other user closed their form (or left it past ``STALE_AFTER``): this form
        holds the claim now and becomes editable, showing the text as they left it."""
        previous = self.claimed_by
        assert previous is not None
        try:
            if not self.workspace.is_current(("interview", self.interview.id)):
                self.workspace.reload()  # their last save, before anything is typed over it
            stored = self.workspace.interview(self.ref, self.interview.id)
        except KeyError:
            self._give_claim_back()
            self.claim_label.setText(_("This interview is no longer in the file."))
            return
        except UserError as error:  # the server could not be read: still read-only
            self._give_claim_back()
            self.claim_label.setText(error.user_message)
            return
        if stored.signed_on is not None:  # signed meanwhile: read-only for good
            self._give_claim_back()
            self.claim_label.setText(
                _("Signed on {date}: this record can no longer be changed.").format(
                    date=format_date(stored.signed_on)
                )
            )
            return
        self.claimed_by, self.read_only = None, False
        self.interview = replace(stored, template=self.template.key)
        self.answers = (
            dict(stored.answers)
            if stored.answers
            else prefilled_answers(
                self.workspace.require_company(),
                self.workspace.employee(self.ref),
                stored,
                self.template,
                self.workspace.today(),
            )
        )
        self._showing = True
        try:
            for field_id, editor in self.editors.items():
                editor.set_value(self.answers.get(field_id))
                editor.setEnabled(True)
        finally:
            self._showing = False
        self._mark_steps()
        self._start_draft()
        self.finish_button.setVisible(self.interview.status is not InterviewStatus.HELD)
        self.claim_label.setText(released_notice(previous))
        log.info("Claim on %s taken over after %s", self.interview.id, previous.name)

    def _claimed_by_another(self, claim: Claim) -> None:
        """A third user took the claim first: still read-only, under their name."""
        self.claimed_by = claim
        self.claim_label.setText(claim_notice(claim))

    def _give_claim_back(self) -> None:
        try:
            release_interview(self.workspace, self.interview.id)
        except UserError as error:  # left to go stale; others take it over then
            log.warning("Claim on %s not released: %s", self.interview.id, error)

    def _stop_waiting(self) -> None:
        if self.claim_wait is not None:
            self.claim_wait.stop()

    def _opening_step(self, interview: Interview) -> int:
        """The step last typed in, else the first incomplete one (the first for a form
        never typed in)."""
        count = len(self.template.sections)
        if interview.form_step is not None and 0 <= interview.form_step < count:
            return interview.form_step
        start = first_incomplete_section(self.template, self.answers)
        return 0 if start is None or not interview.answers else start

    # -- construction ------------------------------------------------------------------
    def _build(self, name: str) -> None:
        self.steps = QListWidget()
        self.steps.setMinimumWidth(200)
        self.steps.setWordWrap(True)
        self.steps.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.steps.setSpacing(2)
        self.steps.currentRowChanged.connect(self._step_chosen)
        self.pages = QStackedWidget()
        for section in self.template.sections:
            self.steps.addItem(QListWidgetItem(_TODO_MARK + _(section.title)))
            self.pages.addWidget(self._section_page(section))
        self.heading = QLabel()
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)
        self.section_help = QLabel()
        self.section_help.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(f"{theme.ERROR_STYLE} font-weight: bold;")
        self.problem.hide()
        self.status = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self._who(name))
        if self.claimed_by is not None:
            layout.addWidget(self._claim_notice())
        elif self.read_only:
            layout.addWidget(self._signed_notice())
        else:
            layout.addWidget(health_warning())
        layout.addWidget(self._body(), 1)
        layout.addWidget(self._stale_bar())
        layout.addLayout(self._buttons())

    def _who(self, name: str) -> QLabel:
        return QLabel(
            _("{name} · template {title} (version {version})").format(
                name=name, title=_(self.template.title), version=self.template.version
            )
        )

    def _signed_notice(self) -> QLabel:
        signed = self.interview.signed_on
        assert signed is not None
        notice = QLabel(
            _("Signed on {date}: this record can no longer be changed.").format(
                date=format_date(signed)
            )
        )
        notice.setStyleSheet("font-weight: bold;")
        return notice

    def _claim(self, interview_id: str) -> Claim | None:
        """The other user's claim on the interview, or ``None`` (this form's own now). A
        role that may not claim (the server refused) opens it as before: the versions
        still refuse a stale write."""
        try:
            return claim_interview(self.workspace, interview_id)
        except UserError as error:
            log.warning("Claim on %s not taken: %s", interview_id, error)
            return None

    def _claim_notice(self) -> QLabel:
        assert self.claimed_by is not None
        self.claim_label = QLabel(claim_notice(self.claimed_by))
        self.claim_label.setWordWrap(True)
        self.claim_label.setStyleSheet("font-weight: bold;")
        return self.claim_label

    def _stale_bar(self) -> QWidget:
        """Shown when another user saved this interview since it was read: their message
        and a Reload button; what was typed stays in the fields until then."""
        self.stale_bar = QWidget()
        self.stale_message = QLabel()
        self.stale_message.setWordWrap(True)
        self.stale_message.setStyleSheet(f"{theme.ERROR_STYLE} font-weight: bold;")
        self.reload_button = QPushButton(_("&Reload"))
        self.reload_button.clicked.connect(self._reload_clicked)
        bar = QHBoxLayout(self.stale_bar)
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.stale_message, 1)
        bar.addWidget(self.reload_button)
        self.stale_bar.hide()
        return self.stale_bar

    def _reload_clicked(self) -> None:
        """Read the company again; the fields typed here keep what was typed (saved over
        the reloaded text), the others show the other user's."""
        typed = {field_id: self.answers.get(field_id) for field_id in self.typed_fields}
        try:
            self.workspace.reload()
            stored = self.workspace.interview(self.ref, self.interview.id)
        except (UserError, KeyError):
            self.stale_message.setText(_("This interview is no longer in the file."))
            return
        self.interview = replace(stored, template=self.template.key)
        self.answers = {**dict(stored.answers or {}), **typed}
        self._showing = True
        try:
            for field_id, editor in self.editors.items():
                editor.set_value(self.answers.get(field_id))
        finally:
            self._showing = False
        self._mark_steps()
        # Hidden last: the focus leaving the button saves the form, with these answers.
        self.stale_bar.hide()
        self.status.setText(_("Reloaded: what you typed here is kept and saved over it."))
        if typed:
            self.save_timer.start()

    def _body(self) -> QSplitter:
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.progress)
        right_layout.addWidget(self.heading)
        right_layout.addWidget(self.section_help)
        right_layout.addWidget(self.pages, 1)
        right_layout.addWidget(self.problem)
        splitter = QSplitter()
        splitter.addWidget(self.steps)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        return splitter

    def _buttons(self) -> QHBoxLayout:
        self.back_button = QPushButton(_("&Back"))
        self.next_button = QPushButton(_("&Next"))
        self.finish_button = QPushButton(_("&Finish: mark as held"))
        self.close_button = QPushButton(_("Save and &close"))
        self.back_button.clicked.connect(lambda: self.show_section(self.current - 1))
        self.next_button.clicked.connect(self.go_next)
        self.finish_button.clicked.connect(self._finish_clicked)
        self.close_button.clicked.connect(self.close)
        self.next_button.setDefault(True)
        QShortcut(QKeySequence("Ctrl+PgDown"), self, self.go_next)
        QShortcut(QKeySequence("Ctrl+PgUp"), self, lambda: self.show_section(self.current - 1))
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        for button in (self.back_button, self.next_button, self.finish_button, self.close_button):
            buttons.addWidget(button)
        return buttons

    def _section_page(self, section: Section) -> QScrollArea:
        content = QWidget()
        form = QFormLayout(content)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        for field in section.fields:
            editor = editor_for(field, self.day)
            editor.setEnabled(not self.read_only)
            self.editors[field.id] = editor
            label = QLabel(_(field.label) + (" *" if field.required else ""))
            label.setWordWrap(True)
            label.setBuddy(editor)
            holder = QWidget()
            holder_layout = QVBoxLayout(holder)
            holder_layout.setContentsMargins(0, 0, 0, 0)
            holder_layout.addWidget(editor)
            if field.help:
                hint = QLabel(_(field.help))
                hint.setWordWrap(True)
                hint.setStyleSheet("color: palette(mid);")
                holder_layout.addWidget(hint)
                editor.setToolTip(_(field.help))
            if field.role is Role.TRAINING_REQUESTS and self.interview.signed_on is None:
                # The trainings asked for from the skills map's gaps (issue 21), also on a
                # form read-only while another user types (it becomes editable later).
                note = pending_skill_requests_note(self.workspace, self.ref)
                if note is not None:
                    holder_layout.addWidget(note)
            if field.type is FieldType.TABLE:  # the whole width for its columns
                form.addRow(label)
                form.addRow(holder)
            else:
                form.addRow(label, holder)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        return scroll

    def _load_answers(self) -> None:
        for field_id, editor in self.editors.items():
            editor.set_value(self.answers.get(field_id))
            editor.changed.connect(lambda field_id=field_id: self._edited(field_id))
        self._mark_steps()

    # -- saving ------------------------------------------------------------------------
    def _edited(self, field_id: str) -> None:
        if self.read_only or self._showing:
            return
        self.answers[field_id] = self.editors[field_id].value()
        self.typed_fields.add(field_id)
        self.typed_step = self.template.section_index(field_id)
        self.pending = True
        self.status.setText(_("Editing…"))
        self.save_timer.start()  # again: saved once typing pauses
        self._mark_steps()

    def flush(self) -> None:
        """Write what was typed now, if anything waits (a failure is said in the status
        line and tried again later)."""
        self.save_timer.stop()
        if self.pending:
            self._save()

    def _stored_changed(self) -> None:
        """The file changed (an undo of this form's typing, for one): show the answers as
        stored now, so that the next keystroke does not write the undone text back. Typing
        not yet saved wins: it is the newest."""
        if self.pending or self._draft_closed:
            return
        try:
            stored = self.workspace.interview(self.ref, self.interview.id)
        except KeyError:  # the interview itself was undone
            self.status.setText(_("This interview is no longer in the file."))
            for editor in self.editors.values():
                editor.setEnabled(False)
            self.finish_button.setEnabled(False)
            return
        answers = (
            dict(stored.answers)
            if stored.answers
            else prefilled_answers(
                self.workspace.require_company(),
                self.workspace.employee(self.ref),
                stored,
                self.template,
                self.workspace.today(),
            )
        )
        self.interview = replace(stored, template=self.template.key)
        if answers == self.answers:
            return
        self.answers = answers
        self._showing = True
        try:
            for field_id, editor in self.editors.items():
                editor.set_value(answers.get(field_id))
        finally:
            self._showing = False
        self._mark_steps()
        self.status.setText(_("Shows the text as saved."))

    def _focus_changed(self, old: QWidget | None, _new: QWidget | None) -> None:
        if old is not None and self.isAncestorOf(old):
            self.flush()

    def _save(self) -> bool:
        answers, step = dict(self.answers), self.typed_step
        template = self.template.key

        def typed(stored: Interview) -> Interview:
            form_step = step if step is not None else stored.form_step
            return replace(stored, answers=answers, template=template, form_step=form_step)

        refused = self._write(
            typed, lambda name: _("typing in the form of {name}").format(name=name), announce=False
        )
        if isinstance(refused, StaleRecordError):
            # Another user saved since: trying again would be refused again. Say who,
            # offer to reload; what was typed stays on screen.
            self.stale_message.setText(refused.user_message)
            self.stale_bar.show()
            self.status.setText(_("Not saved"))
            log.warning("Draft of %s not saved: %s", self.interview.id, refused)
            return False
        if refused is not None:
            self.status.setText(_("Not saved: {reason}").format(reason=refused.user_message))
            log.warning("Draft of %s not saved: %s", self.interview.id, refused)
            self.save_timer.start()  # tried again later; what was typed stays on screen
        return refused is None

    def _write(
        self,
        step: Callable[[Interview], Interview],
        describe: Callable[[str], str],
        *,
        announce: bool,
    ) -> UserError | None:
        """Apply ``step`` to the interview as stored, through the gate, into this session
        of typing's undo step (``describe(name)`` says what it was, in the language of the
        moment it is read); the refusal, if any."""
        name = self.workspace.employee(self.ref).full_name
        try:
            self.interview = self.workspace.update_interview(
                self.ref,
                self.interview.id,
                step,
                describe=lambda: describe(name),
                announce=announce,
                merge=("form", self.interview.id),
            )
        except UserError as refused:
            return refused
        self.pending = False
        self.typed_fields.clear()
        self.status.setText(_("Saved"))
        try:
            keep_claim(self.workspace, self.interview.id)
        except UserError as error:  # the claim only informs others; the text is saved
            log.warning("Claim on %s not kept: %s", self.interview.id, error)
        self.saved.emit()
        return None

    # -- navigation --------------------------------------------------------------------
    @property
    def current(self) -> int:
        return self.pages.currentIndex()

    def show_section(self, index: int) -> None:
        if not 0 <= index < len(self.template.sections):
            return
        self.flush()
        section = self.template.sections[index]
        self.pages.setCurrentIndex(index)
        self.steps.blockSignals(True)
        self.steps.setCurrentRow(index)
        self.steps.blockSignals(False)
        self.heading.setText(
            _("Step {number} of {total}: {title}").format(
                number=index + 1, total=len(self.template.sections), title=_(section.title)
            )
        )
        self.section_help.setText(_(section.help) if section.help else "")
        self.section_help.setVisible(bool(section.help))
        self.back_button.setEnabled(index > 0)
        self.next_button.setEnabled(index < len(self.template.sections) - 1)
        self.finish_button.setVisible(
            not self.read_only and self.interview.status is not InterviewStatus.HELD
        )
        self.problem.hide()
        first = section.fields[0].id if section.fields else None
        if first is not None:
            self.editors[first].setFocus()

    def _step_chosen(self, index: int) -> None:
        self.show_section(index)

    def _wrong(self, section: Section) -> bool:
        """Whether ``section`` holds what must be corrected (not merely completed)."""
        return bool(invalid_dates(section, self.answers)) or bool(
            unoffered_choices(section, self.answers, self.day)
        )

    def _missing_text(self, section: Section, day: date | None = None) -> str | None:
        """What keeps ``section`` from being done: required fields left empty, dates that
        are no dates, options not offered on ``day`` (the form's by default); ``None``
        when nothing does."""
        lines = []
        missing = missing_required(section, self.answers)
        if missing:
            names = ", ".join(_(f.label) for f in missing)
            lines.append(_("Still required in this step: {fields}.").format(fields=names))
        wrong = invalid_dates(section, self.answers)
        if wrong:
            names = ", ".join(_(f.label) for f in wrong)
            lines.append(
                _("Not a date in this step: {fields}. Type it as {pattern}.").format(
                    fields=names, pattern=short_pattern()
                )
            )
        day = day or self.day
        unoffered = unoffered_choices(section, self.answers, day)
        if unoffered:
            options = "; ".join(
                _("{field}: “{option}”, {dates}").format(
                    field=_(f.label), option=_(c.label), dates=choice_dates_text(c)
                )
                for f, c in unoffered
            )
            lines.append(
                _("Not offered for an interview on {date}: {options}. Choose another.").format(
                    date=format_date(day), options=options
                )
            )
        return "\n".join(lines) or None

    def _first_problem(self, section: Section) -> Field | None:
        found = missing_required(section, self.answers) + invalid_dates(section, self.answers)
        found += [f for f, _c in unoffered_choices(section, self.answers, self.day)]
        return found[0] if found else None

    def go_next(self) -> None:
        if self.read_only:
            self.show_section(self.current + 1)
            return
        message = self._missing_text(self.template.sections[self.current])
        if message is not None:
            self.problem.setText(message)
            self.problem.show()
            first = self._first_problem(self.template.sections[self.current])
            if first is not None:
                self.editors[first.id].setFocus()
            return
        self.show_section(self.current + 1)

    def _mark_steps(self) -> None:
        for index, section in enumerate(self.template.sections):
            wrong = self._wrong(section)
            complete = not wrong and not missing_required(section, self.answers)
            mark = _WRONG_MARK if wrong else _DONE_MARK if complete else _TODO_MARK
            item = self.steps.item(index)
            item.setText(mark + _(section.title))
            item.setForeground(QBrush(QColor(theme.ERROR)) if wrong else QBrush())
            item.setToolTip(self._missing_text(section) or "" if wrong else "")
        given, required = required_progress(self.template, self.answers)
        self.progress.setRange(0, max(required, 1))
        self.progress.setValue(given if required else 1)
        self.progress.setFormat(
            _("{given} of {total} required answers given").format(given=given, total=required)
            if required
            else _("Nothing is required in this form")
        )

    def _finish_clicked(self) -> None:
        self.finish()

    def finish(self) -> bool:
        """Check every section (required fields, dates), then record the interview as held
        (on its planned date if that day has come, else today)."""
        today = self.workspace.today()
        # The options of the day it is held on: a form filled ahead of a meeting planned
        # later is held today when it is finished now.
        day = interview_life.held_on(self.interview, today)
        incomplete = first_unfinished_section(self.template, self.answers, day)
        if incomplete is not None:
            self.show_section(incomplete)
            message = self._missing_text(self.template.sections[incomplete], day)
            self.problem.setText(message or "")
            self.problem.show()
            return False
        self.save_timer.stop()
        answers, template = dict(self.answers), self.template.key

        def held(stored: Interview) -> Interview:
            typed = replace(stored, answers=answers, template=template)
            return interview_life.hold(typed, interview_life.held_on(typed, today), today)

        refused = self._write(
            held,
            lambda name: _("the form of {name}, marked as held").format(name=name),
            announce=True,
        )
        if refused is not None:
            self.problem.setText(refused.user_message)
            self.problem.show()
            if self.pending:
                self.save_timer.start()  # what was typed is still to be saved
            return False
        self.finished_interview.emit(self.interview.id)
        self.typed_trainings_box = self._offer_typed_trainings()
        self.accept()
        return True

    def _offer_typed_trainings(self) -> QMessageBox | None:
        """Trainings typed in "trainings followed" that the history lacks: listed, and
        recorded if the user says so (a window-modal question that outlives the form)."""
        workspace, ref = self.workspace, self.ref
        found = typed_trainings(
            workspace.require_company(),
            workspace.employee(ref),
            workspace.interview(ref, self.interview.id),
            workspace.today(),
        )
        if not found:
            return None
        name = workspace.employee(ref).full_name
        listed = "\n".join(
            f"• {t.title}, {format_date(t.start)}, {format_number(t.hours)} h" for t in found
        )
        box = QMessageBox(
            QMessageBox.Icon.Question,
            _("Trainings typed in the form"),
            _("Record in {name}'s history the trainings typed in the form?").format(name=name)
            + "\n\n"
            + listed,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self.parentWidget(),
        )
        box.setObjectName("typed_trainings_box")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        parent = self.parentWidget()

        def answered(button: object) -> None:
            if button is box.button(QMessageBox.StandardButton.Yes):
                run_change(
                    parent or box,
                    _("The trainings could not be recorded"),
                    lambda: record_trainings(workspace, ref, found),
                )

        box.buttonClicked.connect(answered)
        box.open()
        return box

    def done(self, result: int) -> None:
        if self._kept_open():
            return
        self._stop_waiting()
        self._close_draft()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        # Everything typed is written now; say so rather than ask.
        if self._kept_open():
            event.ignore()
            return
        self._stop_waiting()
        self._close_draft()
        event.accept()

    def _kept_open(self) -> bool:
        """Whether the form stays open because what was typed could not be saved over
        another user's newer text: closing would lose it; Reload first."""
        if self.read_only or self._draft_closed:
            return False
        self.flush()
        return self.pending and not self.stale_bar.isHidden()

    def _close_draft(self) -> None:
        if self.read_only or self._draft_closed:
            return
        self._draft_closed = True
        self.flush()
        self.workspace.remove_draft(self.flush)
        self.workspace.remove_listener(self._stored_changed)
        application = QApplication.instance()
        if isinstance(application, QApplication):
            application.focusChanged.disconnect(self._focus_changed)
        self.workspace.history.close_merging()
        try:
            release_interview(self.workspace, self.interview.id)
        except UserError as error:  # left to go stale; others take it over then
            log.warning("Claim on %s not released: %s", self.interview.id, error)
        self.workspace.announce()  # the screens show the form's state now


def open_wizard(
    workspace: Workspace, ref: str, interview: Interview, parent: QWidget | None = None
) -> InterviewWizard | None:
    """The wizard for ``interview``, or ``None`` (after saying why) when it cannot be filled."""
    if interview.status in {InterviewStatus.REFUSED, InterviewStatus.CANCELLED}:
        QMessageBox.information(
            parent,
            _("Interview form"),
            _("This interview was refused or cancelled: it has no form to fill."),
        )
        return None
    wizard = InterviewWizard(workspace, ref, interview.id, parent)
    wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    return wizard
