"""The form that records or corrects one leave of an employee.

A leave ending before it starts is refused at the end date, with the save button disabled;
a leave overlapping another is allowed (two leaves can run together) but said, so that a
typing mistake in a year does not go unnoticed.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from entretien_desktop.domain import Company, Employee, Leave, LeaveKind
from entretien_desktop.i18n import _, format_date
from entretien_desktop.services.employee_checks import employee_problems, employee_warnings
from entretien_desktop.ui import theme
from entretien_desktop.ui.labels import leave_label
from entretien_desktop.ui.widgets.buttons import enable_or_say_why, ok_cancel
from entretien_desktop.ui.widgets.date_fields import make_date_edit
from entretien_desktop.ui.widgets.problems import error_label, show_messages

WARNING_STYLE = theme.WARNING_STYLE


class LeaveDialog(QDialog):
    """Adds a leave to ``employee`` (``index`` ``None``) or corrects their leave ``index``."""

    def __init__(
        self,
        employee: Employee,
        company: Company,
        today: date,
        index: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.employee, self.company, self.index = employee, company, index
        current = employee.leaves[index] if index is not None else None
        title = _("Record a leave for {name}") if current is None else _("Edit a leave of {name}")
        self.setWindowTitle(title.format(name=employee.full_name))

        self.kind_combo = QComboBox()
        for kind in LeaveKind:
            self.kind_combo.addItem(leave_label(kind), kind)
        self.kind_combo.setCurrentIndex(
            self.kind_combo.findData(current.kind if current else LeaveKind.SICKNESS)
        )
        self.start_edit = make_date_edit(current.start if current else today)
        self.ongoing_check = QCheckBox(_("&Ongoing (no end date yet)"))
        self.ongoing_check.setChecked(current is not None and current.end is None)
        end = current.end if current is not None and current.end is not None else None
        self.end_edit = make_date_edit(end or (current.start if current else today))
        self.end_edit.setEnabled(not self.ongoing_check.isChecked())
        self.end_error = error_label()
        self.general_error = error_label()
        self.warning = QLabel()
        self.warning.setStyleSheet(WARNING_STYLE)
        self.warning.setWordWrap(True)
        self.warning.setTextFormat(Qt.TextFormat.PlainText)
        self.warning.hide()
        self.buttons, self.ok_button = ok_cancel(
            self, _("Record leave") if current is None else _("Save")
        )
        self._lay_out()
        for signal in (
            self.kind_combo.currentIndexChanged,
            self.start_edit.changed,
            self.end_edit.changed,
            self.ongoing_check.toggled,
        ):
            signal.connect(self._recheck)
        self.ongoing_check.toggled.connect(lambda on: self.end_edit.setEnabled(not on))
        self._check()

    def _lay_out(self) -> None:
        form = QFormLayout()
        for text, field in (
            (_("&Kind:"), self.kind_combo),
            (_("&First day:"), self.start_edit),
        ):
            label = QLabel(text)
            label.setBuddy(field)
            form.addRow(label, field)
        form.addRow("", self.ongoing_check)
        end_label = QLabel(_("&Last day:"))
        end_label.setBuddy(self.end_edit)
        end_cell = QVBoxLayout()
        end_cell.setSpacing(2)
        end_cell.addWidget(self.end_edit)
        end_cell.addWidget(self.end_error)
        form.addRow(end_label, end_cell)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.warning)
        layout.addWidget(self.general_error)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(440)

    def leave(self) -> Leave:
        end = None if self.ongoing_check.isChecked() else self.end_edit.last_good()
        return Leave(LeaveKind(self.kind_combo.currentData()), self.start_edit.last_good(), end)

    def leaves(self) -> tuple[Leave, ...]:
        """The employee's leaves with this one added or put in place of the one edited."""
        leaves = list(self.employee.leaves)
        if self.index is None:
            leaves.append(self.leave())
        else:
            leaves[self.index] = self.leave()
        return tuple(leaves)

    def _recheck(self, *_args: object) -> None:
        """Slot form of ``_check``: a slot connected to a signal returns nothing."""
        self._check()

    def _check(self) -> bool:
        leaves = self.leaves()
        position = len(leaves) - 1 if self.index is None else self.index
        problems = employee_problems(
            replace(self.employee, leaves=leaves), self.company, self.employee.ref
        )
        mine = f"leaves[{position}]."
        show_messages(self.end_error, [p.message for p in problems if p.field.startswith(mine)])
        show_messages(
            self.general_error, [p.message for p in problems if not p.field.startswith(mine)]
        )
        self._show_overlaps(leaves, position)
        enable_or_say_why(self.ok_button, [p.message for p in problems])
        return not problems

    def _show_overlaps(self, leaves: tuple[Leave, ...], position: int) -> None:
        leave = leaves[position]
        overlapped = [
            other
            for number, other in enumerate(leaves)
            if number != position
            and employee_warnings(replace(self.employee, leaves=(other, leave)))
        ]
        messages = [
            _(
                "This leave overlaps another one ({leave}, from {date}). "
                "It can be saved all the same."
            ).format(leave=leave_label(other.kind), date=format_date(other.start))
            for other in overlapped
        ]
        show_messages(self.warning, messages)

    def accept(self) -> None:
        if self._check():
            super().accept()
