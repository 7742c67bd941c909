"""The buttons at the foot of a dialog: OK, named for what it does, and Cancel."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPushButton

from entretien_desktop.ui.widgets.date_fields import accept_if_dates_valid


def ok_cancel(dialog: QDialog, ok_text: str) -> tuple[QDialogButtonBox, QPushButton]:
    """OK (saying ``ok_text``) and Cancel, wired to ``dialog``'s accept and reject; returns
    the box and its OK button. OK does nothing while a date field of the dialog holds no
    date but puts the focus there, where the reason is shown."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
    ok.setText(ok_text)
    buttons.accepted.connect(lambda: accept_if_dates_valid(dialog))
    buttons.rejected.connect(dialog.reject)
    return buttons, ok
