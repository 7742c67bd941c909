"""Text of the interface's own weight: a figure or a heading drawn larger and in bold."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QWidget


def scaled_font(widget: QWidget, scale: float, *, bold: bool = False) -> QFont:
    """``widget``'s font, ``scale`` times as large (bold if asked)."""
    font = QFont(widget.font())
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(bold)
    return font


def heading(text: str, scale: float) -> QLabel:
    """A heading: ``text`` in bold, ``scale`` times the usual size, wrapped."""
    label = QLabel(text)
    label.setFont(scaled_font(label, scale, bold=True))
    label.setWordWrap(True)
    return label
