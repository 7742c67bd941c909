"""The one date editor of the application, used by every date field and table cell.

A line to type in, as people type dates in the interface's language (what is accepted, and
why, is domain/date_entry.py), a button opening a calendar, and under the line what was
read: the date in full (``mardi 2 mars 2027``) while it is a date, the reason in red while
it is not. An impossible date is never turned into another one: the field keeps the text
as typed, says why it is no date, and a dialog refuses to close on it (``dates_valid``,
checked by every dialog's OK button, widgets/buttons.py).

QDateEdit is not used: its sections turned ``02/09/2019`` typed from the first section
into another date, and a double click off the day changed the month.

``OptionalDateField`` adds a checkbox saying plainly whether a date is known (birth date,
exit date), the date editor greyed while it is not.
"""

from __future__ import annotations

from datetime import date

from babel import Locale
from PySide6.QtCore import QDate, QEvent, QLocale, QRect, QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from entretien_desktop.domain.date_entry import (
    DateReading,
    full_text,
    read_date,
    short_pattern,
    short_text,
)
from entretien_desktop.domain.limits import EARLIEST_DATE as EARLIEST
from entretien_desktop.domain.limits import LATEST_DATE as LATEST
from entretien_desktop.i18n import _, current_language
from entretien_desktop.ui import theme
from entretien_desktop.ui.widgets.problems import fit_dialog

_HINT_STYLE = "color: palette(mid);"


def to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def to_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def first_day_of_week() -> Qt.DayOfWeek:
    """The first day of the week where the interface's language is spoken (babel counts
    from Monday = 0, Qt from Monday = 1)."""
    return Qt.DayOfWeek(Locale.parse(current_language()).first_week_day + 1)


class _Reading(QLabel):
    """What the field reads, wrapped to the width it is given, asking for the height of
    all its lines: a form row holding a field in a widget of its own gives a wrapped label
    the height of one line otherwise, and the reason is cut."""

    def __init__(self) -> None:
        super().__init__()
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)

    def setText(self, text: str) -> None:
        super().setText(text)
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def sizeHint(self) -> QSize:
        # QLabel guesses a width for wrapped text; the height wanted is at the width given.
        hint = super().sizeHint()
        if self.width() > 0:
            hint.setHeight(self._lines_height())
        return hint

    def _lines_height(self) -> int:
        """The height of the text wrapped at the label's width (not ``heightForWidth``,
        which never answers less than the minimum height set before)."""
        if not self.text():
            return 0
        box = QRect(0, 0, max(1, self.contentsRect().width()), 0)
        flags = int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft)
        margins = self.contentsMargins()
        text_height = self.fontMetrics().boundingRect(box, flags, self.text()).height()
        return text_height + margins.top() + margins.bottom()

    def _fit(self) -> None:
        needed = self._lines_height() if self.width() > 0 else 0
        if needed != self.minimumHeight():
            self.setMinimumHeight(needed)
            fit_dialog(self)


class DateEdit(QWidget):
    """A date typed or chosen on a calendar; ``required`` says whether empty is a problem.

    ``value()`` is the date typed, ``None`` while the line is empty or holds no date;
    ``problem()`` says why it is no date; ``last_good()`` the last date it held.
    ``changed`` follows every keystroke and choice. ``today`` anchors two-digit years
    (domain/date_entry.py)."""

    changed = Signal()

    def __init__(
        self,
        value: date | None,
        *,
        required: bool = True,
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.required = required
        self.today = today or date.today()
        self.line = QLineEdit()
        self.line.setPlaceholderText(short_pattern())
        self.line.setMaxLength(60)
        self.line.setMinimumWidth(self.line.fontMetrics().horizontalAdvance("00/00/0000") + 12)
        self.calendar_button = self._calendar_button()
        self.reading = _Reading()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        row.addWidget(self.line, 1)
        row.addWidget(self.calendar_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        layout.addLayout(row)
        layout.addWidget(self.reading)
        self.setFocusProxy(self.line)
        self._last_good = value or self.today
        self.calendar_menu: QMenu | None = None
        self.calendar: QCalendarWidget | None = None
        self.line.textChanged.connect(self._typed)
        self.set_value(value)

    def _calendar_button(self) -> QToolButton:
        button = QToolButton()
        button.setArrowType(Qt.ArrowType.DownArrow)
        button.setToolTip(_("Choose on a calendar"))
        button.setAccessibleName(_("Choose on a calendar"))
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.clicked.connect(self.open_calendar)
        return button

    # -- reading -----------------------------------------------------------------------
    def text(self) -> str:
        return self.line.text()

    def reading_now(self) -> DateReading:
        found = read_date(self.line.text(), self.today)
        if found.empty and self.required:
            return DateReading(
                problem=_("A date is needed, as {pattern}.").format(pattern=short_pattern())
            )
        return found

    def value(self) -> date | None:
        return self.reading_now().value

    def problem(self) -> str | None:
        return self.reading_now().problem

    def is_valid(self) -> bool:
        return self.problem() is None

    def last_good(self) -> date:
        """The date typed, else the last one the field held: what a dialog's live checks
        run on while the line holds no date (the dialog will not close on it)."""
        return self._last_good

    # -- writing -----------------------------------------------------------------------
    def set_value(self, value: date | None) -> None:
        """Show ``value`` as the language writes it (empty for ``None``)."""
        self.set_text("" if value is None else short_text(value))

    def set_text(self, text: str) -> None:
        """Put ``text`` in the line as if it had been typed or pasted."""
        self.line.setText(text)
        self._show()

    def _typed(self, _text: str) -> None:
        self._show()
        self.changed.emit()

    def _show(self) -> None:
        found = self.reading_now()
        if found.value is not None:
            self._last_good = found.value
            self.reading.setText(full_text(found.value))
            self.reading.setStyleSheet(_HINT_STYLE)
        else:
            self.reading.setText(found.problem or "")
            self.reading.setStyleSheet(theme.ERROR_STYLE)
        # A greyed field (a date not known) says nothing of the date it keeps aside.
        shown = self.isEnabled() and bool(self.reading.text())
        self.reading.setVisible(shown)
        self.line.setToolTip(self.reading.text())
        fit_dialog(self.reading)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.EnabledChange:
            self._show()

    # -- the calendar ------------------------------------------------------------------
    def open_calendar(self) -> None:
        """The calendar under the line, on the date typed (else today); a day clicked or
        chosen with Enter becomes the field's date."""
        if self.calendar_menu is None or self.calendar is None:
            self.calendar_menu, self.calendar = self._make_calendar()
        calendar = self.calendar
        calendar.setLocale(QLocale(current_language()))  # the language may have changed
        calendar.setFirstDayOfWeek(first_day_of_week())
        calendar.setSelectedDate(to_qdate(self.value() or self.today))
        self.calendar_menu.popup(self.line.mapToGlobal(self.line.rect().bottomLeft()))
        calendar.setFocus()

    def _make_calendar(self) -> tuple[QMenu, QCalendarWidget]:
        menu = QMenu(self)
        calendar = QCalendarWidget()
        calendar.setDateRange(to_qdate(EARLIEST), to_qdate(LATEST))
        calendar.setGridVisible(True)
        action = QWidgetAction(menu)
        action.setDefaultWidget(calendar)  # the action owns it from now on
        menu.addAction(action)
        calendar.clicked.connect(self._chosen)
        calendar.activated.connect(self._chosen)
        return menu, calendar

    def _chosen(self, day: QDate) -> None:
        self.set_value(to_date(day))
        if self.calendar_menu is not None:
            self.calendar_menu.close()
        self.line.setFocus()


def make_date_edit(value: date, parent: QWidget | None = None) -> DateEdit:
    """A required date field showing ``value``."""
    return DateEdit(value, parent=parent)


def dates_valid(window: QWidget) -> bool:
    """Whether every date field of ``window`` that can be typed in holds a date; if not,
    the first that does not gets the focus (its reason is shown under it)."""
    for field in window.findChildren(DateEdit):
        if field.isEnabled() and field.isVisibleTo(window) and not field.is_valid():
            field.setFocus()
            field.line.selectAll()
            return False
    return True


def accept_if_dates_valid(dialog: QDialog) -> None:
    """A dialog's OK: accepted only when its dates are dates."""
    if dates_valid(dialog):
        dialog.accept()


class OptionalDateField(QWidget):
    """A checkbox saying whether the date is known, then the date itself."""

    changed = Signal()

    def __init__(
        self, check_text: str, value: date | None, default: date, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.check = QCheckBox(check_text)
        self.edit = DateEdit(value or default)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.check)
        row.addWidget(self.edit, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        layout.addLayout(row)
        # What the date reads as, under the checkbox and the date both: the whole width.
        layout.addWidget(self.edit.reading)
        self.check.setChecked(value is not None)
        self.edit.setEnabled(value is not None)
        self.check.toggled.connect(self._toggled)
        self.edit.changed.connect(self.changed)
        self.setFocusProxy(self.check)

    def _toggled(self, checked: bool) -> None:
        self.edit.setEnabled(checked)
        if checked:
            self.edit.setFocus()
        self.changed.emit()

    def value(self) -> date | None:
        """The date when one is known (the last one the editor held while what is typed
        is no date: ``is_valid`` says so, and a dialog will not close on it)."""
        return self.edit.last_good() if self.check.isChecked() else None

    def is_valid(self) -> bool:
        return not self.check.isChecked() or self.edit.is_valid()

    def set_value(self, value: date | None) -> None:
        if value is not None:
            self.edit.set_value(value)
        self.check.setChecked(value is not None)
