"""Signing on screen: a pad each person signs with the mouse, a pen (tablet) or a finger
(touch screen). The dialog where both sign is ``sign_dialog``.

A pad keeps its strokes as lists of points and draws each as a smooth curve (quadratic
segments through the midpoints). ``png()`` gives the signature alone, cropped to its ink, on
a transparent background, at twice the screen's size.
"""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QEvent,
    QIODevice,
    QPointF,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QImage,
    QImageWriter,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QTabletEvent,
    QTouchEvent,
)
from PySide6.QtWidgets import (
    QSizePolicy,
    QWidget,
)

from entretien_desktop.i18n import _
from entretien_desktop.ui import theme

INK = QColor(theme.INK)
PAPER = QColor("#ffffff")
FLAGGED = QColor(theme.ERROR)
PEN_WIDTH = 2.4
PNG_SCALE = 2.0
_TOUCH = {QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd}


def stroke_path(points: list[QPointF]) -> QPainterPath:
    """A smooth curve through ``points``: quadratic segments joining their midpoints."""
    path = QPainterPath(points[0])
    if len(points) == 1:
        path.lineTo(points[0] + QPointF(0.01, 0))  # a dot: drawn by the round cap
        return path
    for here, there in pairwise(points[1:]):
        path.quadTo(here, (here + there) / 2)
    path.lineTo(points[-1])
    return path


def _ink_pen() -> QPen:
    pen = QPen(INK, PEN_WIDTH)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return pen


class SignaturePad(QWidget):
    """A box to sign in; ``changed`` after each stroke and when cleared."""

    changed = Signal()

    def __init__(self, placeholder: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.placeholder = placeholder or _("Sign here")
        self._strokes: list[list[QPointF]] = []
        self._drawing = False
        self._flagged = False
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_StaticContents)
        self.setMinimumSize(280, 150)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setCursor(Qt.CursorShape.CrossCursor)

    def sizeHint(self) -> QSize:
        return QSize(400, 190)

    # -- strokes --------------------------------------------------------------------------
    def is_empty(self) -> bool:
        return not self._strokes

    def strokes(self) -> list[list[QPointF]]:
        return [list(stroke) for stroke in self._strokes]

    def clear(self) -> None:
        self._strokes.clear()
        self._drawing = False
        self.update()
        self.changed.emit()

    def set_flagged(self, flagged: bool) -> None:
        """Draw the box in red: it still needs a signature."""
        self._flagged = flagged
        self.update()

    def _begin(self, at: QPointF) -> None:
        self._strokes.append([at])
        self._drawing = True
        self._flagged = False
        self.update()

    def _extend(self, at: QPointF) -> None:
        if not self._drawing:
            return
        stroke = self._strokes[-1]
        moved = at - stroke[-1]
        if abs(moved.x()) + abs(moved.y()) >= 1.0:  # sub-pixel jitter adds nothing
            stroke.append(at)
            self.update()

    def _end(self) -> None:
        if self._drawing:
            self._drawing = False
            self.update()
            self.changed.emit()

    # -- input: mouse, pen, touch ---------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() is Qt.MouseButton.LeftButton:
            self._begin(event.position())
            event.accept()
        else:
            super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self._extend(event.position())
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() is Qt.MouseButton.LeftButton:
            self._extend(event.position())
            self._end()
            event.accept()
        else:
            super().mouseReleaseEvent(event)

    def tabletEvent(self, event: QTabletEvent) -> None:
        # Accepted: Qt then sends no mouse event made up from the pen's.
        kind = event.type()
        if kind is QEvent.Type.TabletPress:
            self._begin(event.position())
        elif kind is QEvent.Type.TabletMove:
            self._extend(event.position())
        elif kind is QEvent.Type.TabletRelease:
            self._extend(event.position())
            self._end()
        event.accept()

    def event(self, event: QEvent) -> bool:
        if event.type() in _TOUCH and isinstance(event, QTouchEvent):
            points = event.points()
            if points:
                at = points[0].position()
                if event.type() is QEvent.Type.TouchBegin:
                    self._begin(at)
                elif event.type() is QEvent.Type.TouchUpdate:
                    self._extend(at)
                else:
                    self._extend(at)
                    self._end()
            event.accept()
            return True
        return super().event(event)

    # -- drawing --------------------------------------------------------------------------
    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        box = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        border = FLAGGED if self._flagged else self.palette().color(QPalette.ColorRole.Mid)
        painter.setPen(QPen(border, 2 if self._flagged else 1))
        painter.setBrush(PAPER)
        painter.drawRoundedRect(box, 6, 6)
        self._draw_guide(painter, box)
        painter.setPen(_ink_pen())
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for stroke in self._strokes:
            painter.drawPath(stroke_path(stroke))
        painter.end()

    def _draw_guide(self, painter: QPainter, box: QRectF) -> None:
        """A line to sign on, and the invitation to sign while the box is empty."""
        guide = QColor(theme.GUIDE)
        baseline = box.top() + box.height() * 0.74
        painter.setPen(QPen(guide, 1))
        painter.drawLine(QPointF(box.left() + 34, baseline), QPointF(box.right() - 16, baseline))
        painter.drawText(QPointF(box.left() + 16, baseline - 3), "×")
        if self.is_empty():
            painter.drawText(
                QRectF(box.left(), baseline + 4, box.width(), box.bottom() - baseline - 4),
                int(Qt.AlignmentFlag.AlignCenter),
                self.placeholder,
            )

    def png(self) -> bytes:
        """The signature as a PNG: the ink alone, cropped, on a transparent background
        (empty bytes for an empty pad)."""
        if self.is_empty():
            return b""
        bounds = QRectF()
        for stroke in self._strokes:
            bounds = bounds.united(stroke_path(stroke).controlPointRect())
        margin = PEN_WIDTH + 4
        bounds.adjust(-margin, -margin, margin, margin)
        size = QSize(round(bounds.width() * PNG_SCALE), round(bounds.height() * PNG_SCALE))
        image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.scale(PNG_SCALE, PNG_SCALE)
        painter.translate(-bounds.topLeft())
        painter.setPen(_ink_pen())
        for stroke in self._strokes:
            painter.drawPath(stroke_path(stroke))
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        QImageWriter(buffer, QByteArray(b"png")).write(image)
        buffer.close()
        return bytes(data.data())
