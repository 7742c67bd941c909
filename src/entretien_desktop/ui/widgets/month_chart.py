"""The picture of the next twelve months: obligations falling due each month, stacked by
status, with a legend, totals on the bars and a tooltip per bar; painted with QPainter."""

from __future__ import annotations

import math

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QHelpEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import (
    QSizePolicy,
    QToolTip,
    QWidget,
)

from entretien_desktop.i18n import _, format_date, format_number
from entretien_desktop.rules import Status
from entretien_desktop.services.dashboard import MonthLoad
from entretien_desktop.services.labels import obligation_status_label
from entretien_desktop.ui import theme

AnyIndex = QModelIndex | QPersistentModelIndex
STATUS_COLOURS = {
    Status.OVERDUE: theme.OVERDUE,
    Status.DUE_SOON: theme.DUE_SOON,
    Status.UPCOMING: theme.UPCOMING,
    Status.SATISFIED: theme.SATISFIED,
}
LATE = "satisfied_late"
"""The chart's fifth series: obligations met, but late (their status stays satisfied)."""
_STACKED: tuple[Status | str, ...] = (
    Status.OVERDUE,
    Status.DUE_SOON,
    Status.UPCOMING,
    Status.SATISFIED,
    LATE,
)
_COLOURS: dict[Status | str, str] = dict(STATUS_COLOURS.items())
_COLOURS[LATE] = theme.WARNING
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_TOP_CENTRE = int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
_BOTTOM_CENTRE = int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom)
_ROOT = QModelIndex()


def _count(load: MonthLoad, series: Status | str) -> int:
    counts: dict[Status | str, int] = {
        Status.OVERDUE: load.overdue,
        Status.DUE_SOON: load.due_soon,
        Status.UPCOMING: load.upcoming,
        Status.SATISFIED: load.satisfied,
        LATE: load.satisfied_late,
    }
    return counts[series]


def _label(series: Status | str) -> str:
    return _("Satisfied late") if series == LATE else obligation_status_label(Status(series))


def _total(load: MonthLoad) -> int:
    return sum(_count(load, status) for status in _STACKED)


def _tick_step(maximum: int) -> int:
    """1, 2 or 5 times a power of ten: the smallest step giving at most five gridlines."""
    magnitude = 1
    while True:
        for factor in (1, 2, 5):
            if math.ceil(maximum / (factor * magnitude)) <= 5:
                return factor * magnitude
        magnitude *= 10


class MonthChart(QWidget):
    """Obligations falling due in each of the next twelve months, stacked by status."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._months: tuple[MonthLoad, ...] = ()
        self._slots: list[tuple[float, float]] = []
        self.setMinimumSize(320, 150)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(_("Obligations falling due in the next twelve months"))

    def sizeHint(self) -> QSize:
        return QSize(640, 220)

    def set_months(self, months: tuple[MonthLoad, ...]) -> None:
        self._months = months
        self.setAccessibleDescription("\n".join(self.describe(m) for m in months))
        self.update()

    def month_labels(self) -> list[str]:
        return [format_date(load.month, "LLL") for load in self._months]

    def describe(self, load: MonthLoad) -> str:
        counts = ", ".join(f"{_label(s)}: {format_number(_count(load, s))}" for s in _STACKED)
        return f"{format_date(load.month, 'LLLL y')} — {counts}"

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            x = event.pos().x()
            under = [
                m
                for m, (left, right) in zip(self._months, self._slots, strict=False)
                if left <= x < right
            ]
            if under:
                QToolTip.showText(event.globalPos(), self.describe(under[0]), self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        ink = self.palette().color(QPalette.ColorRole.WindowText)
        line = painter.fontMetrics().height()
        area = QRectF(self.rect()).adjusted(2, 2, -2, -2)
        plot_top = self._paint_legend(painter, area, ink) + line + 6
        maximum = max((_total(m) for m in self._months), default=0)
        step = _tick_step(maximum)
        top = max(step * math.ceil(maximum / step), step)
        axis = painter.fontMetrics().horizontalAdvance(format_number(top)) + 10
        plot = QRectF(area.left() + axis, plot_top, area.width() - axis, 0)
        plot.setBottom(area.bottom() - 2 * line - 4)
        if plot.height() <= 0:
            return
        grid = QColor(ink)
        grid.setAlpha(45)
        for tick in range(0, top + 1, step):
            y = plot.bottom() - plot.height() * tick / top
            painter.setPen(QPen(grid, 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(ink)
            label = QRectF(area.left(), y - line / 2, axis - 6, line)
            painter.drawText(label, _RIGHT, format_number(tick))
        self._slots = []
        slot = plot.width() / max(len(self._months), 1)
        bar = min(slot * 0.62, 44.0)
        for index, load in enumerate(self._months):
            left = plot.left() + slot * index
            self._slots.append((left, left + slot))
            column = QRectF(left + (slot - bar) / 2, plot.top(), bar, plot.height())
            self._paint_bar(painter, load, column, plot, top)
            cell = QRectF(left, plot.bottom() + 4, slot, line)
            name = format_date(load.month, "LLL")
            painter.setPen(ink)
            painter.drawText(cell, _TOP_CENTRE, _elided(painter, name, cell.width()))
            if index == 0 or load.month.month == 1:
                faint = QColor(ink)
                faint.setAlpha(150)
                painter.setPen(faint)
                year = cell.translated(0, line)
                painter.drawText(year, _TOP_CENTRE, format_date(load.month, "y"))
        if maximum == 0 and self._months:
            painter.setPen(ink)
            empty = _("Nothing falls due in the next twelve months.")
            painter.drawText(plot, int(Qt.AlignmentFlag.AlignCenter), empty)

    def _paint_legend(self, painter: QPainter, area: QRectF, ink: QColor) -> float:
        """The colour of each status, wrapped onto a second line in a narrow chart."""
        metrics = painter.fontMetrics()
        line = metrics.height()
        x, y = area.left(), area.top()
        for status in _STACKED:
            text = _label(status)
            width = 16 + metrics.horizontalAdvance(text)
            if x > area.left() and x + width > area.right():
                x, y = area.left(), y + line + 2
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(_COLOURS[status]))
            painter.drawRoundedRect(QRectF(x, y + (line - 10) / 2, 10, 10), 2, 2)
            painter.setPen(ink)
            painter.drawText(QPointF(x + 16, y + metrics.ascent()), text)
            x += width + 18
        return y + line

    def _paint_bar(
        self, painter: QPainter, load: MonthLoad, column: QRectF, plot: QRectF, top: int
    ) -> None:
        left, width = column.left(), column.width()
        y = plot.bottom()
        for status in _STACKED:
            height = plot.height() * _count(load, status) / top
            painter.fillRect(QRectF(left, y - height, width, height), QColor(_COLOURS[status]))
            y -= height
        if _total(load):
            painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
            line = painter.fontMetrics().height()
            above = QRectF(left - 12, y - line - 1, width + 24, line)
            painter.drawText(above, _BOTTOM_CENTRE, format_number(_total(load)))


def _elided(painter: QPainter, text: str, width: float) -> str:
    return painter.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, int(width))
