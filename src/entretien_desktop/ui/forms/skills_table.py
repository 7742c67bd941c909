"""The skills map's table in an interview form (the field with the role ``skills_review``,
services/interview_skills.py): one row per skill, prefilled from the matrix when the form
was opened. The skill, its family, the current level, the day a certification is valid
until and the level the job needs are shown, not typed; the agreed level (the scale's
words) and the comment are what the interview fills. No row is added or removed. Without
a row (the job needs no skill, the employee holds none), one line says so and nothing is
asked.

The agreed level is typed as the rest of a table is: move to its cell, type the level's
digit (or F2, or a double click, and choose), Enter.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from entretien_desktop.domain.date_entry import short_text
from entretien_desktop.domain.templates import Column, Field, FieldType
from entretien_desktop.i18n import _
from entretien_desktop.services import skill_words
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


LEVEL_ROLE = Qt.ItemDataRole.UserRole + 2
"""An agreed level's cell: the level as the answers keep it (``"2"``; ``""`` none)."""


def level_text(value: str) -> str:
    """An agreed level as its cell shows it: the digit and the scale's words."""
    if value in _LEVELS:
        return skill_words.level_text(int(value))
    return value or _("(not agreed)")


class LevelDelegate(QStyledItemDelegate):
    """The agreed level's cells: a list of the scale, opened by typing a digit."""

    def createEditor(
        self,
        parent: QWidget,
        _option: QStyleOptionViewItem,
        _index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        combo = QComboBox(parent)
        combo.addItem(_("(not agreed)"), "")
        for level in _LEVELS:
            combo.addItem(level_text(level), level)
        return combo

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        if isinstance(editor, QComboBox):
            value = str(index.data(LEVEL_ROLE) or "")
            if value and editor.findData(value) < 0:
                editor.addItem(value, value)  # as stored: opening never changes an answer
            editor.setCurrentIndex(max(editor.findData(value), 0))

    def setModelData(
        self,
        editor: QWidget,
        model: QAbstractItemModel,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        if isinstance(editor, QComboBox):
            value = str(editor.currentData() or "")
            model.setData(index, value, LEVEL_ROLE)
            model.setData(index, level_text(value))


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
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        self.table.setMinimumHeight(180)
        self.level_delegate = LevelDelegate(self.table)
        for index, column in enumerate(self.columns):
            if column.id == AGREED:
                self.table.setItemDelegateForColumn(index, self.level_delegate)
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

    def column_of(self, column_id: str) -> int | None:
        """The table's column showing ``column_id`` (None when the template has none)."""
        return next((i for i, c in enumerate(self.columns) if c.id == column_id), None)

    def _show_rows(self) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for number, values in enumerate(self.rows):
            self.table.insertRow(number)
            for index, column in enumerate(self.columns):
                text = str(values.get(column.id, "") or "")
                if column.id == AGREED:
                    item = QTableWidgetItem(level_text(text))
                    item.setData(LEVEL_ROLE, text)
                    item.setToolTip(_("Type the level's digit, or F2 to choose it"))
                else:
                    shown = text if column.id in _TYPED else _shown(column, text)
                    item = QTableWidgetItem(shown)
                if column.id not in _TYPED:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                    item.setToolTip(item.text())
                if column.id == "current":
                    self._mark_gap(item, text, str(values.get("needed") or ""))
                self.table.setItem(number, index, item)
        self.table.blockSignals(False)
        self.table.resizeColumnsToContents()
        self.table.resizeRowsToContents()
        character = self.table.fontMetrics().averageCharWidth()
        for index, column in enumerate(self.columns):
            wanted = {COMMENT: 24, AGREED: 22}.get(column.id)  # room to type in, to choose
            if wanted is not None:
                width = max(self.table.columnWidth(index), wanted * character)
                self.table.setColumnWidth(index, width)
        self.fitter.user_sized = False  # sized to new rows here, not by the user's hand
        self.fitter.remember_natural_widths()
        agreed = self.column_of(AGREED)
        if self.rows and agreed is not None:
            self.table.setCurrentCell(0, agreed)  # where the interview starts typing
        has_rows = bool(self.rows)
        self.table.setVisible(has_rows)
        self.empty.setVisible(not has_rows)

    @staticmethod
    def _mark_gap(item: QTableWidgetItem, current: str, needed: str) -> None:
        """A current level below the one the job needs (a lapsed certification is none),
        in the warning colour, said in the tooltip."""
        held = 0 if current == LAPSED else int(current) if current in _LEVELS else None
        if current == LAPSED:
            item.setForeground(QBrush(QColor(theme.ERROR)))
        if held is not None and needed in _LEVELS and held < int(needed):
            if current != LAPSED:
                item.setForeground(QBrush(QColor(theme.WARNING)))
            item.setToolTip(
                _("{level}: below the level the job needs ({needed})").format(
                    level=item.text(), needed=level_label(int(needed))
                )
            )

    def value(self) -> list[dict[str, Any]]:
        found = []
        for number, stored in enumerate(self.rows):
            row = dict(stored)
            for index, column in enumerate(self.columns):
                item = self.table.item(number, index)
                if column.id == AGREED:
                    row[AGREED] = str(item.data(LEVEL_ROLE) or "") if item is not None else ""
                elif column.id in _TYPED:
                    row[column.id] = item.text() if item is not None else ""
            found.append(row)
        return found

    def set_value(self, value: Any) -> None:
        rows = value if isinstance(value, list) else []
        self.rows = [dict(row) for row in rows if isinstance(row, dict)]
        self._show_rows()
