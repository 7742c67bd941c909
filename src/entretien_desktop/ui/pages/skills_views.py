"""The views of the skills matrix: the grid of levels (keys of a spreadsheet: arrows move,
a digit from 0 to 3 records that level, Enter or F2 opens the cell's dialog, Delete
records "not trained", H its history), the skills' header written upwards so that 150
columns stay narrow, and the cell's drawing (its level's colour kept under the selection,
a red corner when the level is under the job's need).
"""

from __future__ import annotations

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QKeyEvent, QPainter, QPalette, QPen, QPolygon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionHeader,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from entretien_desktop.ui.pages.skills_model import (
    CELL_ROLE,
    FAMILY_ROLE,
    LAPSED_COLOURS,
    LEVEL_COLOURS,
    NEED_MARK,
    Cell,
)

AnyIndex = QModelIndex | QPersistentModelIndex

CELL_WIDTH = 30
HEADER_MAX = 130
"""The tallest the skills' header grows (longer names are cut, whole in the tooltip)."""

_DIGITS = {Qt.Key.Key_0: 0, Qt.Key.Key_1: 1, Qt.Key.Key_2: 2, Qt.Key.Key_3: 3}


class LevelDelegate(QStyledItemDelegate):
    """A level's cell drawn from its ``Cell`` in one call (thousands are drawn at each
    scroll): the level's colour and digit (struck and grey once lapsed), a red corner
    when the level is under the job's need, a frame on the current cell (the colour stays
    visible under the selection)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fills = [(QColor(b), QColor(t)) for b, t in LEVEL_COLOURS]
        self.lapsed = (QColor(LAPSED_COLOURS[0]), QColor(LAPSED_COLOURS[1]))
        self.mark = QColor(NEED_MARK)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        cell = index.data(CELL_ROLE)
        rect: QRect = option.rect
        painter.save()
        if isinstance(cell, Cell) and cell.entry is not None:
            background, ink = self.lapsed if cell.lapsed_on else self.fills[cell.entry.level]
            painter.fillRect(rect, background)
            if cell.lapsed_on is not None:
                struck = QFont(option.font)
                struck.setStrikeOut(True)
                painter.setFont(struck)
            painter.setPen(ink)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(cell.entry.level))
        if isinstance(cell, Cell) and cell.need is not None:
            size = max(6, rect.height() // 3)
            corner = QPolygon(
                [
                    QPoint(rect.right() - size, rect.top()),
                    QPoint(rect.right(), rect.top()),
                    QPoint(rect.right(), rect.top() + size),
                ]
            )
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(self.mark)
            painter.drawPolygon(corner)
        if option.state & QStyle.StateFlag.State_Selected:
            pen = QPen(option.palette.color(QPalette.ColorRole.Highlight), 2)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(rect.adjusted(1, 1, -1, -1))
        painter.restore()


class SkillHeader(QHeaderView):
    """The skills' names written upwards; a thicker line where a family starts."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setSectionsClickable(True)
        self.setHighlightSections(True)
        self.setSortIndicatorShown(True)
        self.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom)
        self._height: int | None = None

    def forget_height(self) -> None:
        """Measure the names again (the catalogue changed)."""
        self._height = None

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        model = self.model()
        if self._height is None:
            widest = 0
            metrics = self.fontMetrics()
            for section in range(model.columnCount() if model is not None else 0):
                text = str(model.headerData(section, Qt.Orientation.Horizontal) or "")
                widest = max(widest, metrics.horizontalAdvance(text))
            self._height = min(widest, HEADER_MAX) + 24
        hint.setHeight(self._height)
        return hint

    def paintSection(self, painter: QPainter, rect: QRect, logical: int) -> None:
        model = self.model()
        if model is None or not rect.isValid():
            return
        option = QStyleOptionHeader()
        self.initStyleOption(option)
        option.rect = rect
        option.section = logical
        option.text = ""
        if self.isSortIndicatorShown() and self.sortIndicatorSection() == logical:
            option.sortIndicator = (
                QStyleOptionHeader.SortIndicator.SortDown
                if self.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
                else QStyleOptionHeader.SortIndicator.SortUp
            )
        painter.save()
        self.style().drawControl(QStyle.ControlElement.CE_Header, option, painter, self)
        painter.restore()
        text = str(model.headerData(logical, Qt.Orientation.Horizontal) or "")
        painter.save()
        length = rect.height() - 20
        text = self.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, length)
        painter.translate(rect.left(), rect.bottom() - 4)
        painter.rotate(-90)
        painter.setPen(self.palette().color(QPalette.ColorRole.ButtonText))
        painter.drawText(
            QRect(0, 0, length, rect.width()),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            text,
        )
        painter.restore()
        visual = self.visualIndex(logical)
        previous = self.logicalIndex(visual - 1) if visual > 0 else -1
        family = model.headerData(logical, Qt.Orientation.Horizontal, FAMILY_ROLE)
        if (
            previous >= 0
            and model.headerData(previous, Qt.Orientation.Horizontal, FAMILY_ROLE) != family
        ):
            painter.save()
            painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Dark), 3))
            painter.drawLine(rect.left() + 1, rect.top(), rect.left() + 1, rect.bottom())
            painter.restore()


class MatrixGrid(QTableView):
    """The levels' grid: arrows move; 0 to 3 record that level; Enter or F2 edit the cell;
    Delete records "not trained"; H shows the cell's history."""

    level_typed = Signal(int)
    edit_requested = Signal()
    clear_requested = Signal()
    history_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHorizontalHeader(SkillHeader(self))
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setItemDelegate(LevelDelegate(self))
        self.setWordWrap(False)
        self.setTabKeyNavigation(False)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.horizontalHeader().setDefaultSectionSize(CELL_WIDTH)
        self.horizontalHeader().setMinimumSectionSize(CELL_WIDTH)
        self.doubleClicked.connect(self._double_clicked)

    def _double_clicked(self, _index: QModelIndex) -> None:
        self.edit_requested.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        plain = not (
            event.modifiers()
            & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
        )
        if plain and key in _DIGITS:
            self.level_typed.emit(_DIGITS[key])
        elif plain and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2):
            self.edit_requested.emit()
        elif plain and key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.clear_requested.emit()
        elif plain and key == Qt.Key.Key_H:
            self.history_requested.emit()
        else:
            super().keyPressEvent(event)
            return
        event.accept()
