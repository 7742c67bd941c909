"""The buttons at the foot of a dialog: OK, named for what it does, and Cancel; and a
button that, when it cannot be used, says why."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QAbstractButton, QDialog, QDialogButtonBox, QPushButton

from entretien_desktop.i18n import _
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


def enable_or_say_why(button: QAbstractButton, reasons: Sequence[str]) -> None:
    """Enable ``button`` when there is no reason against it; else disable it and let its
    tooltip (and what a screen reader says of it) give the reasons, one a line: a greyed
    button with nothing said is a dead end."""
    button.setEnabled(not reasons)
    why = "\n".join([_("Not available yet:"), *reasons]) if reasons else ""
    button.setToolTip(why)
    button.setAccessibleDescription(why)
