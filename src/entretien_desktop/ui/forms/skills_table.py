"""The skills map's table in an interview form (the field with the role ``skills_review``,
services/interview_skills.py): one row per skill, prefilled from the matrix when the form
was opened. The skill, its family, the current level, the day a certification is valid
until and the level the job needs are shown, not typed; the agreed level (the scale's
words) and the comment are what the interview fills. No row is added or removed. Without
a row (the job needs no skill, the employee holds none), one line says so and nothing is
asked.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from entretien_desktop.domain.date_entry import short_text
from entretien_desktop.domain.templates import Column, Field, FieldType
from entretien_desktop.i18n import _
from entretien_desktop.services.interview_skills import AGREED, COMMENT, LAPSED
from entretien_desktop.services.skill_words import level_label
from entretien_desktop.ui import theme
from entretien_desktop.ui.forms.form_fields import FieldEditor
from entretien_desktop.ui.widgets.column_fit import ColumnFitter

_TYPED = frozenset({AGREED, COMMENT})
"""The columns the interview fills; the others are the matrix's, shown."""
_LEVELS = ("0", "1", "2", "3")
_FLOORS = {"skill": 14, "family": 8, "current": 10, "valid_until": 9, "needed": 9}
"""The shown columns give up width down to these many characters (then elided, in full
in the tooltip) before the agreed level and the comment would leave the window."""


def _shown(column: Column, value: str) -> str:
    """A cell of a column the form does not ask, as people read it."""
    if not value:
        return ""
    if column.type is FieldType.CHOICE and value in _LEVELS:
        return level_label(int(value))
    if column.type is FieldType.CHOICE:
        choice = next((c for c in column.choices if c.id == value), None)
        return _(choice.label) if choice is not None else value
    if column.type is FieldType.DATE:
        try:
            return short_text(date.fromisoformat(value))
        except ValueError:
            return value
    return value


class SkillsTableEditor(FieldEditor):
    def __init__(self, field: Field, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.columns: tuple[Column, ...] = field.columns
        self.rows: list[dict[str, Any]] = []
        """The rows as the answers keep them (the skill's id with them)."""
        self.empty = QLabel(
            _(
                "The skills map lists no skill for this employee's job and no level they"
                " hold: there is nothing to agree on here."
            )
        )
        self.empty.setWordWrap(True)
        self.table = QTableWidget(0, len(self.columns))
        self.table.setHorizontalHeaderLabels([_(c.label) for c in self.columns])
        for index, column in enumerate(self.columns):
            title = self.table.horizontalHeaderItem(index)
            if title is not None:
                title.setToolTip(_(column.label))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        self.table.setMinimumHeight(180)
        self.fitter = ColumnFitter(
            self.table,
            {i: _FLOORS[c.id] for i, c in enumerate(self.columns) if c.id in _FLOORS},
        )
        self.table.itemChanged.connect(self._item_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.empty)
        layout.addWidget(self.table)
        self.setFocusProxy(self.table)
        self._show_rows()

    def _item_changed(self, _item: QTableWidgetItem) -> None:
        self.changed.emit()

    def agreed_combo(self, row: int) -> QComboBox | None:
        """The list of the agreed level of ``row`` (None when the template has no such
        column)."""
        for index, column in enumerate(self.columns):
            if column.id == AGREED:
                widget = self.table.cellWidget(row, index)
                return widget if isinstance(widget, QComboBox) else None
        return None

    def _show_rows(self) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for number, values in enumerate(self.rows):
            self.table.insertRow(number)
            for index, column in enumerate(self.columns):
                text = str(values.get(column.id, "") or "")
                if column.id == AGREED:
                    self.table.setCellWidget(number, index, self._levels_combo(text))
                    continue
                item = QTableWidgetItem(text if column.id in _TYPED else _shown(column, text))
                if column.id not in _TYPED:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                    item.setToolTip(item.text())
                if column.id == "current" and text == LAPSED:
                    item.setForeground(QBrush(QColor(theme.ERROR)))
                self.table.setItem(number, index, item)
        self.table.blockSignals(False)
        self.table.resizeColumnsToContents()
        self.table.resizeRowsToContents()
        for index, column in enumerate(self.columns):
            if column.id == COMMENT:  # room to type in
                wide = self.table.fontMetrics().averageCharWidth() * 24
                self.table.setColumnWidth(index, max(self.table.columnWidth(index), wide))
        self.fitter.user_sized = False  # sized to new rows here, not by the user's hand
        self.fitter.remember_natural_widths()
        has_rows = bool(self.rows)
        self.table.setVisible(has_rows)
        self.empty.setVisible(not has_rows)

    def _levels_combo(self, value: str) -> QComboBox:
        combo = QComboBox()
        combo.addItem(_("(not agreed)"), "")
        for level in _LEVELS:
            combo.addItem(f"{level} · {level_label(int(level))}", level)
        if value and combo.findData(value) < 0:
            combo.addItem(value, value)  # kept as stored: opening never changes an answer
        combo.setCurrentIndex(max(combo.findData(value), 0))
        combo.currentIndexChanged.connect(self.changed)
        return combo

    def value(self) -> list[dict[str, Any]]:
        found = []
        for number, stored in enumerate(self.rows):
            row = dict(stored)
            for index, column in enumerate(self.columns):
                if column.id == AGREED:
                    combo = self.table.cellWidget(number, index)
                    if isinstance(combo, QComboBox):
                        row[AGREED] = str(combo.currentData() or "")
                elif column.id in _TYPED:
                    item = self.table.item(number, index)
                    row[column.id] = item.text() if item is not None else ""
            found.append(row)
        return found

    def set_value(self, value: Any) -> None:
        rows = value if isinstance(value, list) else []
        self.rows = [dict(row) for row in rows if isinstance(row, dict)]
        self._show_rows()
