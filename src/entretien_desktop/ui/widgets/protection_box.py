"""Settings › Passphrase: whether the open file is encrypted (and so the seal's private key
inside it), and the buttons that protect it, change its passphrase or take it away.

The box asks; the composition root does the rewriting (``change_requested``), after letting
running work finish, then calls ``refresh``."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from entretien_desktop.i18n import _
from entretien_desktop.services.protection import is_protected, passphrase_matches
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.ui.dialogs.passphrase_dialog import ChoosePassphraseDialog


class ProtectionBox(QGroupBox):
    change_requested = Signal(object)
    """The new passphrase (a ``str``), or ``None`` to take the protection away."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(_("Passphrase and encryption"), parent)
        self.setObjectName("protection_box")
        self.workspace = workspace
        self.state = QLabel()
        self.state.setObjectName("protection_state")
        self.state.setWordWrap(True)
        self.protect_button = QPushButton(_("&Protect with a passphrase…"))
        self.protect_button.setObjectName("protect_file")
        self.protect_button.clicked.connect(self.protect)
        self.change_button = QPushButton(_("C&hange the passphrase…"))
        self.change_button.setObjectName("change_passphrase")
        self.change_button.clicked.connect(self.change)
        self.remove_button = QPushButton(_("&Remove the passphrase…"))
        self.remove_button.setObjectName("remove_passphrase")
        self.remove_button.clicked.connect(self.remove)
        buttons = QHBoxLayout()
        for button in (self.protect_button, self.change_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.state)
        layout.addLayout(buttons)
        self.refresh()

    def refresh(self) -> None:
        protected = is_protected(self.workspace)
        if protected:
            self.state.setText(
                _(
                    "This file is encrypted with a passphrase: without it nobody can read it, "
                    "nor its backups. The seal's private key is kept inside it, encrypted too."
                )
            )
        else:
            self.state.setText(
                _(
                    "This file is not encrypted: whoever gets hold of it (a lost laptop, a "
                    "copied file) can read every name and answer in it, and the seal's private "
                    "key is stored in it unencrypted. Protect it with a passphrase."
                )
            )
        self.protect_button.setVisible(not protected)
        self.change_button.setVisible(protected)
        self.remove_button.setVisible(protected)

    def _matches(self, passphrase: str) -> bool:
        return passphrase_matches(self.workspace, passphrase)

    def protect(self) -> None:
        dialog = ChoosePassphraseDialog(
            _("Protect with a passphrase"),
            _(
                "{file} and its backups will be encrypted: the passphrase is asked each time "
                "the file is opened."
            ).format(file=self.workspace.path.name),
            parent=self,
        )
        if dialog.exec() == ChoosePassphraseDialog.DialogCode.Accepted:
            self.change_requested.emit(dialog.passphrase())

    def change(self) -> None:
        dialog = ChoosePassphraseDialog(
            _("Change the passphrase"),
            _("{file} and its backups will be encrypted with the new passphrase.").format(
                file=self.workspace.path.name
            ),
            current_matches=self._matches,
            parent=self,
        )
        if dialog.exec() == ChoosePassphraseDialog.DialogCode.Accepted:
            self.change_requested.emit(dialog.passphrase())

    def remove(self) -> None:
        dialog = ChoosePassphraseDialog(
            _("Remove the passphrase"),
            _(
                "{file} and its backups will no longer be encrypted: whoever gets hold of "
                "them will read them. Type the passphrase to confirm."
            ).format(file=self.workspace.path.name),
            current_matches=self._matches,
            choose_new=False,
            parent=self,
        )
        if dialog.exec() == ChoosePassphraseDialog.DialogCode.Accepted:
            self.change_requested.emit(None)
