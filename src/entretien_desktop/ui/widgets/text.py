"""Text of the interface's own weight: a figure or a heading drawn larger and in bold; the
warning against health details in free text."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QWidget

from entretien_desktop.i18n import _


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


def health_warning() -> QLabel:
    """The line shown above free text a person types about an employee: health details
    (docs/privacy.md) are sensitive data the program has no need of."""
    label = QLabel(
        _(
            "Do not write health details here (illness, diagnosis, treatment, disability): "
            "they are sensitive data that these records do not need."
        )
    )
    label.setObjectName("health_warning")
    label.setWordWrap(True)
    font = label.font()
    font.setItalic(True)
    label.setFont(font)
    return label
