"""The offer to reload after another user changed a record (services: ``StaleRecordError``,
storage/versions.py): their name and time, a Reload button; what the user typed stays
where it is until they choose."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget

from entretien_desktop.i18n import _
from entretien_desktop.services.errors import StaleRecordError
from entretien_desktop.services.workspace import Workspace


def offer_reload(
    parent: QWidget,
    workspace: Workspace,
    error: StaleRecordError,
    reloaded: Callable[[], None] | None = None,
) -> QMessageBox:
    """A window-modal box saying ``error``: Reload reads the company again (then
    ``reloaded``), Cancel leaves everything as it is on screen."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(_("Changed by another user"))
    box.setText(error.user_message)
    box.setInformativeText(
        _("Reload shows their changes; what you typed here stays, to save again.")
    )
    reload_button = box.addButton(_("&Reload"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)

    def chosen(button: QAbstractButton) -> None:
        if button is reload_button:
            workspace.reload()
            if reloaded is not None:
                reloaded()

    box.buttonClicked.connect(chosen)
    box.open()
    return box
