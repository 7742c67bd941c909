"""The forms that record or correct one dated fact of an employee's history: a training, a
certification, a progression, a medical visit (the interview form is in
``interview_record_dialog``; leaves have ``leave_dialog``).

Each form checks the whole record while typing, with the same checks as the service: a
refusal shows under its field and disables the save button; nothing is ever refused only
after the button was pressed.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any, ClassVar

from PySide6.QtCore import Qt, SignalInstance
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from entretien_desktop.domain import (
    Certification,
    Company,
    Employee,
    MedicalVisit,
    MedicalVisitKind,
    Progression,
    Training,
    limits,
)
from entretien_desktop.i18n import _
from entretien_desktop.services.employee_checks import employee_problems
from entretien_desktop.ui.labels import (
    CERTIFICATION_VIAS,
    certification_via_label,
    medical_visit_label,
    progression_label,
)
from entretien_desktop.ui.widgets.buttons import enable_or_say_why, ok_cancel
from entretien_desktop.ui.widgets.date_fields import OptionalDateField, make_date_edit
from entretien_desktop.ui.widgets.problems import error_label, show_messages
from entretien_desktop.ui.widgets.text import health_warning


class RecordDialog(QDialog):
    """Adds one fact to the employee's list ``field`` (``index`` ``None``) or corrects the
    fact at ``index``; subclasses build the fields and say what fact they hold."""

    field: ClassVar[str]

    def __init__(
        self,
        employee: Employee,
        company: Company,
        today: date,
        index: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.employee, self.company, self.today, self.index = employee, company, today, index
        self.current: Any = getattr(employee, self.field)[index] if index is not None else None
        adding, editing = self._titles()
        title = adding if index is None else editing
        self.setWindowTitle(title.format(name=employee.full_name))
        self.errors: dict[str, QLabel] = {}
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.hide()
        self.general_error = error_label()
        self.buttons, self.ok_button = ok_cancel(self, _("Record") if index is None else _("Save"))
        self._build()
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addLayout(self.form)
        layout.addWidget(self.general_error)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)
        self._check()

    # -- for subclasses ---------------------------------------------------------------------
    def _titles(self) -> tuple[str, str]:
        """The window's title to add a fact and to edit one, with a ``{name}``."""
        raise NotImplementedError

    def _build(self) -> None:
        raise NotImplementedError

    def record(self) -> Any:
        """The fact as the form holds it now."""
        raise NotImplementedError

    def _row(self, text: str, field: QWidget, name: str | None = None) -> None:
        """A labelled row whose label gives ``field`` its mnemonic; ``name`` is the fact's
        attribute whose refusals show under the field."""
        label = QLabel(text)
        label.setBuddy(field)
        if name is None:
            self.form.addRow(label, field)
            return
        self.errors[name] = error_label()
        cell = QVBoxLayout()
        cell.setSpacing(2)
        cell.addWidget(field)
        cell.addWidget(self.errors[name])
        self.form.addRow(label, cell)

    def _watch(self, *signals: SignalInstance) -> None:
        for signal in signals:
            signal.connect(self._recheck)

    # -- checking and saving ----------------------------------------------------------------
    def records(self) -> tuple[Any, ...]:
        """The employee's list with this fact added or put in place of the one edited."""
        items = list(getattr(self.employee, self.field))
        if self.index is None:
            items.append(self.record())
        else:
            items[self.index] = self.record()
        return tuple(items)

    def changed_employee(self) -> Employee:
        changes: dict[str, Any] = {self.field: self.records()}
        return replace(self.employee, **changes)

    def _recheck(self, *_args: object) -> None:
        """Slot form of ``_check``: a slot connected to a signal returns nothing."""
        self._check()

    def _check(self) -> bool:
        position = len(getattr(self.employee, self.field)) if self.index is None else self.index
        problems = employee_problems(self.changed_employee(), self.company, self.employee.ref)
        mine = f"{self.field}[{position}]."
        for name, label in self.errors.items():
            show_messages(label, [p.message for p in problems if p.field == mine + name])
        shown = {mine + name for name in self.errors}
        show_messages(self.general_error, [p.message for p in problems if p.field not in shown])
        enable_or_say_why(self.ok_button, [p.message for p in problems])
        return not problems

    def accept(self) -> None:
        if self._check():
            super().accept()


class TrainingDialog(RecordDialog):
    field = "trainings"

    def _titles(self) -> tuple[str, str]:
        return _("Record a training for {name}"), _("Edit a training of {name}")

    current: Training | None

    def _build(self) -> None:
        current = self.current
        self.title_edit = QLineEdit(current.title if current else "")
        self.title_edit.setMaxLength(limits.MAX_NAME)
        self.start_edit = make_date_edit(current.start if current else self.today)
        self.end_field = OptionalDateField(
            _("Known"), current.end if current else None, current.start if current else self.today
        )
        self.hours_spin = QDoubleSpinBox()
        self.hours_spin.setRange(*limits.HOURS)
        self.hours_spin.setDecimals(1)
        self.hours_spin.setSuffix(_(" h"))
        self.hours_spin.setValue(current.hours if current else 0)
        self.mandatory_check = QCheckBox(_("Mandatory &training"))
        self.mandatory_check.setChecked(bool(current and current.mandatory))
        self.certifying_check = QCheckBox(_("Leads to a &certification"))
        self.certifying_check.setChecked(bool(current and current.certification))
        self._row(_("T&itle:"), self.title_edit, "title")
        self._row(_("&First day:"), self.start_edit, "start")
        self._row(_("&Last day:"), self.end_field, "end")
        self._row(_("&Hours:"), self.hours_spin, "hours")
        self.form.addRow("", self.mandatory_check)
        self.form.addRow("", self.certifying_check)
        self._watch(
            self.title_edit.textChanged,
            self.start_edit.changed,
            self.end_field.changed,
            self.hours_spin.valueChanged,
        )

    def record(self) -> Training:
        return Training(
            title=self.title_edit.text().strip(),
            start=self.start_edit.last_good(),
            end=self.end_field.value(),
            hours=self.hours_spin.value(),
            mandatory=self.mandatory_check.isChecked(),
            certification=self.certifying_check.isChecked(),
        )


class CertificationDialog(RecordDialog):
    field = "certifications"

    def _titles(self) -> tuple[str, str]:
        return _("Record a certification for {name}"), _("Edit a certification of {name}")

    current: Certification | None

    def _build(self) -> None:
        current = self.current
        self.title_edit = QLineEdit(current.title if current else "")
        self.date_edit = make_date_edit(current.date if current else self.today)
        # The usual ways in words (the file keeps "training" or "vae"); another is typed.
        self.via_edit = QComboBox()
        self.via_edit.setEditable(True)
        self.via_edit.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.via_edit.addItem("", "")
        for via in CERTIFICATION_VIAS:
            self.via_edit.addItem(certification_via_label(via), via)
        line = self.via_edit.lineEdit()
        assert line is not None
        line.setMaxLength(limits.MAX_NAME)
        self.via_edit.setEditText(certification_via_label(current.via) if current else "")
        self._row(_("T&itle:"), self.title_edit, "title")
        self._row(_("&Obtained on:"), self.date_edit, "date")
        self._row(_("&Through:"), self.via_edit, "via")
        self._watch(
            self.title_edit.textChanged, self.date_edit.changed, self.via_edit.editTextChanged
        )

    def via(self) -> str:
        """The way chosen: a usual one by its file value, another as typed."""
        typed = self.via_edit.currentText().strip()
        values = {certification_via_label(via): via for via in CERTIFICATION_VIAS}
        return values.get(typed, typed)

    def record(self) -> Certification:
        return Certification(self.title_edit.text().strip(), self.date_edit.last_good(), self.via())


PROGRESSION_KINDS = ("salary", "professional")


class ProgressionDialog(RecordDialog):
    field = "progressions"

    def _titles(self) -> tuple[str, str]:
        return _("Record a progression for {name}"), _("Edit a progression of {name}")

    current: Progression | None

    def _build(self) -> None:
        current = self.current
        self.kind_combo = QComboBox()
        kinds = list(PROGRESSION_KINDS)
        if current is not None and current.kind not in kinds:
            kinds.append(current.kind)  # a kind of the file's own, kept as it is
        for kind in kinds:
            self.kind_combo.addItem(progression_label(kind), kind)
        self.kind_combo.setCurrentIndex(
            self.kind_combo.findData(current.kind if current else "salary")
        )
        self.date_edit = make_date_edit(current.date if current else self.today)
        self.note_edit = QLineEdit(current.note if current else "")
        self.note_edit.setMaxLength(limits.MAX_TEXT)
        self._row(_("&Kind:"), self.kind_combo, "kind")
        self._row(_("&Date:"), self.date_edit, "date")
        self._row(_("&Note:"), self.note_edit, "note")
        self.form.addRow(health_warning())
        self._watch(
            self.kind_combo.currentIndexChanged,
            self.date_edit.changed,
            self.note_edit.textChanged,
        )

    def record(self) -> Progression:
        return Progression(
            self.date_edit.last_good(),
            str(self.kind_combo.currentData()),
            self.note_edit.text().strip(),
        )


class MedicalVisitDialog(RecordDialog):
    field = "medical_visits"

    def _titles(self) -> tuple[str, str]:
        return _("Record a medical visit for {name}"), _("Edit a medical visit of {name}")

    current: MedicalVisit | None

    def _build(self) -> None:
        current = self.current
        self.kind_combo = QComboBox()
        for kind in MedicalVisitKind:
            self.kind_combo.addItem(medical_visit_label(kind), kind)
        self.kind_combo.setCurrentIndex(
            self.kind_combo.findData(current.kind if current else MedicalVisitKind.MID_CAREER)
        )
        self.date_edit = make_date_edit(current.date if current else self.today)
        self._row(_("&Kind:"), self.kind_combo, "kind")
        self._row(_("&Date:"), self.date_edit, "date")
        self._watch(self.kind_combo.currentIndexChanged, self.date_edit.changed)

    def record(self) -> MedicalVisit:
        return MedicalVisit(
            MedicalVisitKind(self.kind_combo.currentData()), self.date_edit.last_good()
        )
