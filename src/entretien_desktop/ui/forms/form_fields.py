"""One editor per kind of template field, all with the same small interface: ``value()``,
``set_value()`` and a ``changed`` signal, so that the interview wizard can save every change
the moment it is made.

Values are what the answers keep (domain/templates.py ``Answers``): text, ISO dates, choice
ids, ``bool`` for yes/no, lists of ids for tick boxes, lists of row dicts for tables.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from entretien_desktop.domain.templates import Column, Field, FieldType
from entretien_desktop.i18n import _
from entretien_desktop.ui import theme
from entretien_desktop.ui.widgets.date_fields import OptionalDateField

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
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.field = OptionalDateField(_("Known"), None, date.today())
        self.field.changed.connect(self.changed)
        layout.addWidget(self.field)
        layout.addStretch(1)
        self.setFocusProxy(self.field)

    def value(self) -> str | None:
        found = self.field.value()
        return None if found is None else found.isoformat()

    def set_value(self, value: Any) -> None:
        try:
            self.field.set_value(date.fromisoformat(str(value)) if value else None)
        except ValueError:
            self.field.set_value(None)


class ChoiceEditor(FieldEditor):
    def __init__(self, field: Field, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.combo = QComboBox()
        self.combo.addItem(_("(not chosen)"), "")
        for choice in field.choices:
            self.combo.addItem(_(choice.label), choice.id)
        self.combo.currentIndexChanged.connect(self.changed)
        layout.addWidget(self.combo)
        layout.addStretch(1)
        self.setFocusProxy(self.combo)

    def value(self) -> str:
        return str(self.combo.currentData() or "")

    def set_value(self, value: Any) -> None:
        index = self.combo.findData(value or "")
        self.combo.setCurrentIndex(max(index, 0))


class ButtonsEditor(FieldEditor):
    """Tick boxes (several answers) or radio buttons (one: yes/no, rating)."""

    def __init__(
        self, options: list[tuple[Any, str]], exclusive: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.exclusive = exclusive
        self.group = QButtonGroup(self)
        self.group.setExclusive(exclusive)
        self.options = options
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        per_row = 4 if exclusive else 2
        for index, (_value, label) in enumerate(options):
            button = QRadioButton(label) if exclusive else QCheckBox(label)
            self.group.addButton(button, index)
            layout.addWidget(button, index // per_row, index % per_row)
        layout.setColumnStretch(per_row, 1)
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
            self.group.button(index).setChecked(option in wanted and value is not None)
        self.group.blockSignals(False)


class TableEditor(FieldEditor):
    """Rows of the field's columns, with buttons to add and remove rows. Dates are typed as
    YYYY-MM-DD and shown in red while they are not a date; choices come from a list."""

    def __init__(self, field: Field, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.columns: tuple[Column, ...] = field.columns
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
                combo.addItem("", "")
                for choice in column.choices:
                    combo.addItem(_(choice.label), choice.id)
                combo.setCurrentIndex(max(combo.findData(text), 0))
                combo.currentIndexChanged.connect(self.changed)
                self.table.setCellWidget(row, index, combo)
            else:
                item = QTableWidgetItem(text)
                if column.type is FieldType.DATE:
                    item.setToolTip(_("A date, as YYYY-MM-DD"))
                self.table.setItem(row, index, item)
                self._mark(item, column)
        self.table.blockSignals(False)

    def _mark(self, item: QTableWidgetItem, column: Column) -> None:
        text = item.text().strip()
        wrong = False
        if text and column.type is FieldType.DATE:
            try:
                date.fromisoformat(text)
            except ValueError:
                wrong = True
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
                    values[column.id] = item.text() if item is not None else ""
            rows.append(values)
        return rows

    def set_value(self, value: Any) -> None:
        self.table.setRowCount(0)
        for row in value if isinstance(value, list) else []:
            if isinstance(row, dict):
                self._append(row)
        self.table.resizeRowsToContents()


def editor_for(field: Field) -> FieldEditor:
    simple: dict[FieldType, Callable[[], FieldEditor]] = {
        FieldType.SHORT_TEXT: lambda: TextEditor(long=False),
        FieldType.NUMBER: lambda: TextEditor(long=False),
        FieldType.LONG_TEXT: lambda: TextEditor(long=True),
        FieldType.DATE: DateEditor,
        FieldType.CHOICE: lambda: ChoiceEditor(field),
        FieldType.TABLE: lambda: TableEditor(field),
        FieldType.YES_NO: lambda: ButtonsEditor(
            [(True, _("Yes")), (False, _("No"))], exclusive=True
        ),
    }
    if field.type in simple:
        return simple[field.type]()
    options = [(choice.id, _(choice.label)) for choice in field.choices]
    return ButtonsEditor(options, exclusive=field.type is FieldType.RATING)
