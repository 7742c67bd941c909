"""Date entry shared by the forms: a date edit in the interface's language with a four-digit
year and a calendar, and an optional date that a checkbox turns on (birth date, exit date).

A ``None`` date is never a special value hidden in the date edit: the checkbox says plainly
whether a date is known, and the date edit is greyed while it is not.
"""

from __future__ import annotations

from datetime import date

from babel import Locale
from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtWidgets import QCheckBox, QDateEdit, QHBoxLayout, QWidget

from entretien_desktop.domain.limits import EARLIEST_DATE as EARLIEST
from entretien_desktop.domain.limits import LATEST_DATE as LATEST
from entretien_desktop.i18n import current_language


def to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def to_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def date_format() -> str:
    """The short date format of the current language, with the year in four digits."""
    pattern = QLocale(current_language()).dateFormat(QLocale.FormatType.ShortFormat)
    if "yyyy" not in pattern:
        pattern = pattern.replace("yy", "yyyy")
    return pattern


def first_day_of_week() -> Qt.DayOfWeek:
    """The first day of the week where the interface's language is spoken (babel counts
    from Monday = 0, Qt from Monday = 1)."""
    return Qt.DayOfWeek(Locale.parse(current_language()).first_week_day + 1)


def make_date_edit(value: date, parent: QWidget | None = None) -> QDateEdit:
    edit = QDateEdit(parent)
    edit.setLocale(QLocale(current_language()))
    edit.setDisplayFormat(date_format())
    edit.setCalendarPopup(True)
    edit.calendarWidget().setFirstDayOfWeek(first_day_of_week())
    edit.setDateRange(to_qdate(EARLIEST), to_qdate(LATEST))
    edit.setDate(to_qdate(value))
    return edit


class OptionalDateField(QWidget):
    """A checkbox saying whether the date is known, then the date itself."""

    changed = Signal()

    def __init__(
        self, check_text: str, value: date | None, default: date, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.check = QCheckBox(check_text)
        self.edit = make_date_edit(value or default)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.check)
        layout.addWidget(self.edit, 1)
        self.check.setChecked(value is not None)
        self.edit.setEnabled(value is not None)
        self.check.toggled.connect(self._toggled)
        self.edit.dateChanged.connect(self.changed)
        self.setFocusProxy(self.check)

    def _toggled(self, checked: bool) -> None:
        self.edit.setEnabled(checked)
        if checked:
            self.edit.setFocus()
        self.changed.emit()

    def value(self) -> date | None:
        return to_date(self.edit.date()) if self.check.isChecked() else None

    def set_value(self, value: date | None) -> None:
        if value is not None:
            self.edit.setDate(to_qdate(value))
        self.check.setChecked(value is not None)
