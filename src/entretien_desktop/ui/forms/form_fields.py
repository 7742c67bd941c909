"""One editor per kind of template field, all with the same small interface: ``value()``,
``set_value()`` and a ``changed`` signal, so that the interview wizard can save every change
the moment it is made.

Values are what the answers keep (domain/templates.py ``Answers``): text, ISO dates, choice
ids, ``bool`` for yes/no, lists of ids for tick boxes, lists of row dicts for tables.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from entretien_desktop.domain.date_entry import read_date, short_pattern, short_text
from entretien_desktop.domain.templates import (
    Choice,
    Column,
    Field,
    FieldType,
    Role,
    offered_choices,
)
from entretien_desktop.i18n import _
from entretien_desktop.services.information_given import information_item
from entretien_desktop.services.interview_forms import choice_dates_text
from entretien_desktop.ui import theme
from entretien_desktop.ui.widgets.date_fields import DateEdit

_LONG_TEXT_LINES = 4


class FieldEditor(QWidget):
    changed = Signal()

    def value(self) -> Any:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        raise NotImplementedError


class TextEditor(FieldEditor):
    def __init__(self, long: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit: QLineEdit | QPlainTextEdit
        if long:
            self.edit = QPlainTextEdit()
            self.edit.setTabChangesFocus(True)
            lines = self.edit.fontMetrics().lineSpacing() * _LONG_TEXT_LINES
            self.edit.setMinimumHeight(lines + 12)
        else:
            self.edit = QLineEdit()
        self.edit.textChanged.connect(self.changed)
        layout.addWidget(self.edit)
        self.setFocusProxy(self.edit)

    def value(self) -> str:
        if isinstance(self.edit, QPlainTextEdit):
            return self.edit.toPlainText()
        return self.edit.text()

    def set_value(self, value: Any) -> None:
        text = "" if value is None else str(value)
        if isinstance(self.edit, QPlainTextEdit):
            self.edit.setPlainText(text)
        else:
            self.edit.setText(text)


class DateEditor(FieldEditor):
    """A date of the form: empty until known. Kept as ISO when it is a date; what is typed
    that is no date is kept as typed (``invalid_dates`` in services/interview_forms.py
    stops the form from being finished on it, and the field says why)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = DateEdit(None, required=False)
        self.edit.changed.connect(self.changed)
        layout.addWidget(self.edit)
        layout.addStretch(1)
        self.setFocusProxy(self.edit)

    def value(self) -> str | None:
        return stored_date(self.edit)

    def set_value(self, value: Any) -> None:
        show_stored_date(self.edit, value)


def stored_date(edit: DateEdit) -> str | None:
    """What the answers keep of a date editor: ISO for a date, the text for anything else,
    ``None`` when empty."""
    found = edit.value()
    if found is not None:
        return found.isoformat()
    return edit.text().strip() or None


def show_stored_date(edit: DateEdit, value: Any) -> None:
    """Show what the answers keep: an ISO date as the language writes it, anything else as
    it was typed (an answer saved before dates were read shows as the text it is)."""
    text = "" if value is None else str(value).strip()
    try:
        edit.set_value(date.fromisoformat(text))
    except ValueError:
        edit.set_text(text)


def option_text(choice: Choice, day: date | None) -> str:
    """An option as a list shows it: its label, with its dates when it is not offered on
    ``day`` (an answer given with it before, kept)."""
    if day is None or choice.offered_on(day):
        return _(choice.label)
    return _("{option} ({dates})").format(option=_(choice.label), dates=choice_dates_text(choice))


def fill_choices(
    combo: QComboBox, choices: Sequence[Choice], day: date | None, value: Any, empty: str
) -> None:
    """Put in ``combo`` the options offered on ``day`` (every option without one) and
    choose ``value``. An answer not offered on that day is listed all the same, with its
    dates, and one the template does not know as it is stored: opening a form never
    changes an answer."""
    chosen = str(value or "")
    offered = choices if day is None else offered_choices(choices, day, {chosen})
    combo.blockSignals(True)
    combo.clear()
    combo.addItem(empty, "")
    for choice in offered:
        combo.addItem(option_text(choice, day), choice.id)
        if day is not None and not choice.offered_on(day):
            tip = choice_dates_text(choice)
            combo.setItemData(combo.count() - 1, tip, Qt.ItemDataRole.ToolTipRole)
    if chosen and combo.findData(chosen) < 0:
        combo.addItem(chosen, chosen)
    combo.setCurrentIndex(max(combo.findData(chosen), 0))
    combo.blockSignals(False)


class ChoiceEditor(FieldEditor):
    """One option from a list: those the template offers on ``day`` (the interview's)."""

    def __init__(
        self, field: Field, day: date | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.choices, self.day = field.choices, day
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.combo = QComboBox()
        fill_choices(self.combo, self.choices, day, "", _("(not chosen)"))
        self.combo.currentIndexChanged.connect(self.changed)
        layout.addWidget(self.combo)
        layout.addStretch(1)
        self.setFocusProxy(self.combo)

    def value(self) -> str:
        return str(self.combo.currentData() or "")

    def set_value(self, value: Any) -> None:
        fill_choices(self.combo, self.choices, self.day, value, _("(not chosen)"))


class ButtonsEditor(FieldEditor):
    """Tick boxes (several answers) or radio buttons (one: yes/no, rating)."""

    def __init__(
        self,
        options: list[tuple[Any, str]],
        exclusive: bool,
        parent: QWidget | None = None,
        helps: dict[Any, str] | None = None,
        unoffered: Collection[Any] = (),
    ) -> None:
        """``helps``: a sentence said under an option (the information a tick records as
        given); options with one take a row of their own. ``unoffered``: options hidden
        unless the answer shown chose them (not offered on the interview's day)."""
        super().__init__(parent)
        self.exclusive = exclusive
        self.unoffered = frozenset(unoffered)
        self.hidden: dict[int, list[QWidget]] = {}
        """The widgets of each option not offered, hidden until an answer chose it."""
        self.group = QButtonGroup(self)
        self.group.setExclusive(exclusive)
        self.options = options
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        helps = helps or {}
        per_row = 1 if helps else 4 if exclusive else 2
        row = 0
        for index, (value, label) in enumerate(options):
            button = QRadioButton(label) if exclusive else QCheckBox(label)
            self.group.addButton(button, index)
            layout.addWidget(button, row, index % per_row)
            parts: list[QWidget] = [button]
            if value in helps:
                button.setToolTip(helps[value])
                hint = QLabel(helps[value])
                hint.setWordWrap(True)
                hint.setStyleSheet("color: palette(mid); margin-left: 22px;")
                layout.addWidget(hint, row + 1, 0)
                parts.append(hint)
                row += 1
            if value in self.unoffered:
                self.hidden[index] = parts
                for part in parts:
                    part.hide()
            if index % per_row == per_row - 1:
                row += 1
        layout.setColumnStretch(per_row, 0 if helps else 1)
        self.group.buttonToggled.connect(self._toggled)
        if options:
            self.setFocusProxy(self.group.button(0))

    def _toggled(self, _button: object, checked: bool) -> None:
        if checked or not self.exclusive:
            self.changed.emit()

    def value(self) -> Any:
        chosen = [
            self.options[i][0] for i in range(len(self.options)) if self.group.button(i).isChecked()
        ]
        if self.exclusive:
            return chosen[0] if chosen else None
        return chosen

    def set_value(self, value: Any) -> None:
        wanted = value if isinstance(value, list) else [value]
        self.group.blockSignals(True)
        for index, (option, _label) in enumerate(self.options):
            chosen = option in wanted and value is not None
            self.group.button(index).setChecked(chosen)
            if chosen and index in self.hidden:  # an answer given with it: shown, kept
                for part in self.hidden.pop(index):
                    part.show()
        self.group.blockSignals(False)


ISO_ROLE = Qt.ItemDataRole.UserRole + 1
"""A date cell's date as the answers keep it (ISO), set only when the cell holds a date."""


def _fit_cell_editor(editor: QWidget) -> None:
    """Room for what the date reads as, however long, without leaving the table."""
    hint = editor.sizeHint()
    width = max(editor.width(), hint.width())
    viewport = editor.parentWidget()
    x = editor.x()
    if viewport is not None:
        x = max(0, min(x, viewport.width() - width))
    editor.setGeometry(x, editor.y(), width, hint.height())


class _CellDateEdit(DateEdit):
    """The date editor of a table cell, told when its delegate closed it."""

    closed = False


class DateCellDelegate(QStyledItemDelegate):
    """Date cells are edited with the application's date editor: typed as the language
    writes dates, the date read shown in full under the cell while typing. The cell shows
    the date as the language writes it and keeps it as ISO (``ISO_ROLE``); what is no date
    stays as typed, in red, with the reason in its tooltip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.closeEditor.connect(self._closed)

    def createEditor(
        self,
        parent: QWidget,
        _option: QStyleOptionViewItem,
        _index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        editor = _CellDateEdit(None, required=False, parent=parent)
        editor.setAutoFillBackground(True)
        editor.setMinimumWidth(260)
        editor.changed.connect(lambda: _fit_cell_editor(editor))
        # The line, not the editor, loses the focus: commit what it holds then too.
        editor.line.editingFinished.connect(lambda: self._commit(editor))
        return editor

    def _commit(self, editor: _CellDateEdit) -> None:
        # Not once the view closed it (hidden, the line loses the focus once more).
        if not editor.closed and editor.isVisible():
            self.commitData.emit(editor)

    def _closed(self, editor: QWidget, _hint: QStyledItemDelegate.EndEditHint) -> None:
        if isinstance(editor, _CellDateEdit):
            editor.closed = True

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        if isinstance(editor, DateEdit):
            show_stored_date(editor, index.data(ISO_ROLE) or index.data())

    def setModelData(
        self,
        editor: QWidget,
        model: QAbstractItemModel,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        if not isinstance(editor, DateEdit):
            return
        # Read before writing: each write refreshes the open editor from the cell.
        found, typed = editor.value(), editor.text().strip()
        model.setData(index, found.isoformat() if found else None, ISO_ROLE)
        model.setData(index, short_text(found) if found else typed)

    def updateEditorGeometry(
        self,
        editor: QWidget,
        option: QStyleOptionViewItem,
        _index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        # Wider and taller than the cell when need be: the date read shows under the line.
        rect = option.rect
        width = max(rect.width(), editor.minimumWidth(), editor.sizeHint().width())
        viewport = editor.parentWidget()
        room = viewport.width() if viewport is not None else rect.right()
        x = max(0, min(rect.x(), room - width))  # a cell at the right edge opens leftwards
        editor.setGeometry(x, rect.y(), width, editor.sizeHint().height())


class TableEditor(FieldEditor):
    """Rows of the field's columns, with buttons to add and remove rows. Dates are typed in
    the application's date editor (``DateCellDelegate``) and shown in red, with the reason,
    while they are not a date; choices come from a list."""

    def __init__(
        self, field: Field, day: date | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.columns: tuple[Column, ...] = field.columns
        self.day = day
        """The interview's: a choice column offers the options of that day."""
        self.table = QTableWidget(0, len(self.columns))
        self.table.setHorizontalHeaderLabels([_(c.label) for c in self.columns])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(True)
        self.table.setMinimumHeight(140)
        self.table.resizeColumnsToContents()  # at least as wide as their titles
        for column in range(len(self.columns)):
            self.table.setColumnWidth(column, max(self.table.columnWidth(column), 110))
        self.table.itemChanged.connect(self._item_changed)
        self.date_delegate = DateCellDelegate(self.table)
        for number, kind in enumerate(c.type for c in self.columns):
            if kind is FieldType.DATE:
                self.table.setItemDelegateForColumn(number, self.date_delegate)
        self.add_button = QPushButton(_("Add a row"))
        self.remove_button = QPushButton(_("Remove the row"))
        self.add_button.clicked.connect(self.add_row)
        self.remove_button.clicked.connect(self.remove_row)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.setFocusProxy(self.table)

    def add_row(self) -> None:
        self._append({})
        self.table.setCurrentCell(self.table.rowCount() - 1, 0)
        self.changed.emit()

    def remove_row(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            self.changed.emit()

    def _append(self, values: dict[str, Any]) -> None:
        row = self.table.rowCount()
        self.table.blockSignals(True)
        self.table.insertRow(row)
        for index, column in enumerate(self.columns):
            text = str(values.get(column.id, "") or "")
            if column.type is FieldType.CHOICE:
                combo = QComboBox()
                fill_choices(combo, column.choices, self.day, text, "")
                combo.currentIndexChanged.connect(self.changed)
                self.table.setCellWidget(row, index, combo)
            else:
                item = date_item(text) if column.type is FieldType.DATE else QTableWidgetItem(text)
                self.table.setItem(row, index, item)
                self._mark(item, column)
        self.table.blockSignals(False)

    def _mark(self, item: QTableWidgetItem, column: Column) -> None:
        text = item.text().strip()
        wrong = False
        if column.type is FieldType.DATE:
            problem = date_cell_problem(item)
            wrong = problem is not None
            item.setToolTip(problem or _("A date, as {pattern}").format(pattern=short_pattern()))
        elif text and column.type is FieldType.NUMBER:
            try:
                float(text.replace(",", "."))
            except ValueError:
                wrong = True
        item.setForeground(QBrush(QColor(theme.ERROR)) if wrong else QBrush())
        item.setData(Qt.ItemDataRole.UserRole, wrong)

    def _item_changed(self, item: QTableWidgetItem) -> None:
        self._mark(item, self.columns[item.column()])
        self.changed.emit()

    def value(self) -> list[dict[str, str]]:
        rows = []
        for row in range(self.table.rowCount()):
            values: dict[str, str] = {}
            for index, column in enumerate(self.columns):
                widget = self.table.cellWidget(row, index)
                if isinstance(widget, QComboBox):
                    values[column.id] = str(widget.currentData() or "")
                else:
                    item = self.table.item(row, index)
                    values[column.id] = cell_value(item, column)
            rows.append(values)
        return rows

    def set_value(self, value: Any) -> None:
        self.table.setRowCount(0)
        for row in value if isinstance(value, list) else []:
            if isinstance(row, dict):
                self._append(row)
        self.table.resizeRowsToContents()


def date_item(stored: str) -> QTableWidgetItem:
    """A date cell for what the answers keep: an ISO date shown as the language writes it;
    anything else shown as the text it is (and marked wrong)."""
    item = QTableWidgetItem(stored)
    try:
        day = date.fromisoformat(stored.strip())
    except ValueError:
        return item
    item.setData(ISO_ROLE, day.isoformat())
    item.setText(short_text(day))
    return item


def date_cell_problem(item: QTableWidgetItem) -> str | None:
    """Why a date cell holds no date (``None`` when it does, or is empty)."""
    text = item.text().strip()
    if not text or item.data(ISO_ROLE):
        return None
    problem = read_date(text, date.today()).problem
    return problem or _("Not saved as a date: open the cell and press Enter to confirm it.")


def cell_value(item: QTableWidgetItem | None, column: Column) -> str:
    """What the answers keep of a cell: a date cell's ISO date, else its text."""
    if item is None:
        return ""
    if column.type is FieldType.DATE:
        return str(item.data(ISO_ROLE) or item.text())
    return item.text()


def editor_for(field: Field, day: date | None = None) -> FieldEditor:
    """The editor of ``field`` for an interview held on ``day``: its lists offer the
    options of that day (every option without a day)."""
    if field.type is FieldType.TABLE and field.role is Role.SKILLS_REVIEW:  # issue 21
        from entretien_desktop.ui.forms.skills_table import SkillsTableEditor  # noqa: PLC0415

        return SkillsTableEditor(field)
    simple: dict[FieldType, Callable[[], FieldEditor]] = {
        FieldType.SHORT_TEXT: lambda: TextEditor(long=False),
        FieldType.NUMBER: lambda: TextEditor(long=False),
        FieldType.LONG_TEXT: lambda: TextEditor(long=True),
        FieldType.DATE: DateEditor,
        FieldType.CHOICE: lambda: ChoiceEditor(field, day),
        FieldType.TABLE: lambda: TableEditor(field, day),
        FieldType.YES_NO: lambda: ButtonsEditor(
            [(True, _("Yes")), (False, _("No"))], exclusive=True
        ),
    }
    if field.type in simple:
        return simple[field.type]()
    options = [(choice.id, option_text(choice, day)) for choice in field.choices]
    unoffered = {c.id for c in field.choices if day is not None and not c.offered_on(day)}
    if field.type is FieldType.CHECKS:
        items = [information_item(choice.id) for choice in field.choices]
        helps = {item.id: item.sentence for item in items if item is not None}
        return ButtonsEditor(options, exclusive=False, helps=helps, unoffered=unoffered)
    return ButtonsEditor(options, exclusive=field.type is FieldType.RATING, unoffered=unoffered)
