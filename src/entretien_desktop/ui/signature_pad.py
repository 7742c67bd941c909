"""Signing on screen: a pad each person signs with the mouse, a pen (tablet) or a finger
(touch screen), and the dialog where the employee and the interviewer both sign.

A pad keeps its strokes as lists of points and draws each as a smooth curve (quadratic
segments through the midpoints). ``png()`` gives the signature alone, cropped to its ink, on
a transparent background, at twice the screen's size. On OK the dialog checks the date the
way ``interview_life`` does, asks for a confirmation (a signed record can no longer be
changed), attaches both signatures to the interview, then signs it (``signing.sign``).
"""

from __future__ import annotations

from datetime import date
from html import escape
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
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from entretien_desktop.domain import Interview
from entretien_desktop.i18n import _, format_date
from entretien_desktop.services import interview_life, signing
from entretien_desktop.services.employee_checks import ChangeRefused
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.storage import StorageError
from entretien_desktop.ui.date_fields import make_date_edit, to_date
from entretien_desktop.ui.labels import interview_kind_label

INK = QColor("#1b2a4a")
PAPER = QColor("#ffffff")
FLAGGED = QColor("#c62828")
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
        guide = QColor("#9aa0a6")
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


class SignOnScreenDialog(QDialog):
    """Both people sign on screen; OK signs the interview (after a confirmation)."""

    signed = Signal(object)
    """The interview as signed."""

    def __init__(
        self, workspace: Workspace, ref: str, interview: Interview, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.workspace, self.ref, self.interview = workspace, ref, interview
        self.signed_interview: Interview | None = None
        employee = workspace.employee(ref)
        self.setWindowTitle(_("Sign on screen"))
        when = format_date(interview.date) if interview.date else ""
        intro = QLabel(
            _(
                "{kind} of {date} with {name}. Each person signs in their box with the mouse, "
                "a pen or a finger."
            ).format(kind=interview_kind_label(interview.kind), date=when, name=employee.full_name)
        )
        intro.setWordWrap(True)
        self.employee_pad = SignaturePad()
        self.employee_pad.setAccessibleName(_("The employee's signature"))
        self.interviewer_pad = SignaturePad()
        self.interviewer_pad.setAccessibleName(_("The interviewer's signature"))
        self.date_edit = make_date_edit(workspace.today())
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.message_label.setStyleSheet(f"color: {FLAGGED.name()};")
        self.message_label.hide()
        self.button_box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.button_box.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("&Sign"))
        self.button_box.accepted.connect(self.accept)
        self.button_box.rejected.connect(self.reject)

        pads = QGridLayout()
        pads.setHorizontalSpacing(16)
        for column, (role, name, pad) in enumerate(
            (
                (_("The employee"), employee.full_name, self.employee_pad),
                (_("The interviewer"), interview.interviewer, self.interviewer_pad),
            )
        ):
            self._add_pad(pads, column, role, name, pad)
        date_row = QHBoxLayout()
        date_label = QLabel(_("&Date of signature:"))
        date_label.setBuddy(self.date_edit)
        date_row.addWidget(date_label)
        date_row.addWidget(self.date_edit)
        date_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(pads, 1)
        layout.addLayout(date_row)
        layout.addWidget(self.message_label)
        layout.addWidget(self.button_box)

    def _add_pad(
        self, grid: QGridLayout, column: int, role: str, name: str, pad: SignaturePad
    ) -> None:
        heading = QLabel(f"<b>{role}</b>" + (f" — {escape(name)}" if name.strip() else ""))
        heading.setWordWrap(True)  # a long name must not make one box wider than the other
        clear = QPushButton(_("Clear"))
        clear.setAutoDefault(False)
        clear.setToolTip(_("Erase this signature to sign again"))
        clear.clicked.connect(pad.clear)
        pad.changed.connect(self._pad_changed)
        row = QHBoxLayout()
        row.addWidget(heading, 1)
        row.addWidget(clear)
        grid.addLayout(row, 0, column)
        grid.addWidget(pad, 1, column)
        grid.setColumnStretch(column, 1)
        grid.setRowStretch(1, 1)

    def _pad_changed(self) -> None:
        if not self.missing():
            self.message_label.hide()

    def missing(self) -> list[SignaturePad]:
        """The pads still empty."""
        return [pad for pad in (self.employee_pad, self.interviewer_pad) if pad.is_empty()]

    @property
    def day(self) -> date:
        return to_date(self.date_edit.date())

    def _say(self, message: str) -> None:
        self.message_label.setText(message)
        self.message_label.show()

    def accept(self) -> None:
        missing = self.missing()
        if missing:
            for pad in missing:
                pad.set_flagged(True)
            self._say(self._missing_text(missing))
            return
        try:
            interview_life.mark_signed(self.interview, self.day, self.workspace.today())
        except ChangeRefused as refusal:
            self._say(str(refusal))
            return
        answer = QMessageBox.question(
            self,
            _("Sign on screen"),
            _("Once signed, the record can no longer be changed. Record the signature?"),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self.signed_interview = self._sign()
        except (ChangeRefused, StorageError) as error:
            self._say(str(error))
            return
        self.signed.emit(self.signed_interview)
        super().accept()

    def _missing_text(self, missing: list[SignaturePad]) -> str:
        if len(missing) == 2:
            return _("Both people sign before the interview is signed: neither has signed yet.")
        if missing[0] is self.employee_pad:
            return _("Both people sign before the interview is signed: the employee has not yet.")
        return _("Both people sign before the interview is signed: the interviewer has not yet.")

    def _sign(self) -> Interview:
        """Keep both drawings with the interview, then sign it."""
        for kind, pad in (
            (signing.SIGNATURE_EMPLOYEE, self.employee_pad),
            (signing.SIGNATURE_INTERVIEWER, self.interviewer_pad),
        ):
            signing.attach(self.workspace, self.interview, kind, "image/png", pad.png())
        return signing.sign(self.workspace, self.ref, self.interview, self.day)
