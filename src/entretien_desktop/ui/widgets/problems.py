"""Refusals shown where they belong: a red message under a field, hidden while the field
is fine, and the dialog grown to show it whole."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QWidget

from entretien_desktop.ui import theme


def error_label() -> QLabel:
    """A red message under a field, hidden while the field is fine."""
    label = QLabel()
    label.setStyleSheet(theme.ERROR_STYLE)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.hide()
    return label


def show_messages(label: QLabel, messages: list[str]) -> None:
    label.setText("\n".join(messages))
    label.setVisible(bool(messages))
    fit_dialog(label)


def fit_dialog(widget: QWidget) -> None:
    """Grow the open dialog of ``widget`` to the height its contents need now.

    A message shown in a dialog already open (a refusal under a field) takes room that the
    dialog does not give by itself: its wrapped lines would be cut or squeeze the fields.
    """
    dialog = widget.window()
    layout = dialog.layout()
    if not (isinstance(dialog, QDialog) and dialog.isVisible()) or layout is None:
        return
    layout.activate()
    width = dialog.width()
    needed = (
        layout.totalHeightForWidth(width)
        if layout.hasHeightForWidth()
        else layout.totalSizeHint().height()
    )
    needed = max(needed, layout.totalMinimumSize().height())
    if needed > dialog.height():
        dialog.resize(width, needed)
