"""A file refused as damaged, or as not ours, and what can be done about it.

``offer_recovery`` tells why the file was refused and offers what there is: the good copy
that an upgrade left beside a damaged file (put in its place, the damaged file kept beside
it under another name), and the latest good backup of a file of that name in the folder of
the automatic backups (restored into a new file next to it, never over it). A file that is
not ours is not called damaged: the backup of that name is offered as such. The refused
file itself is never written.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from entretien_desktop.i18n import _
from entretien_desktop.services.backups import BackupListing
from entretien_desktop.services.errors import UserError
from entretien_desktop.services.recovery import (
    holding_text,
    is_damage,
    is_refusal,
    key_of,
    latest_good_backup,
    pre_upgrade_copy,
    put_copy_in_place,
    restore_beside,
    taken_text,
)
from entretien_desktop.ui.main_window import APPLICATION_TITLE

DIALOG_NAME = "damaged_file_dialog"
RESTORE_COPY = "restore_copy"
RESTORE_BACKUP = "restore_backup"


def restore_button_text(listing: BackupListing) -> str:
    return _("Restore the backup of {taken} into a new file").format(
        taken=taken_text(listing.backup.taken)
    )


def backup_offer_text(listing: BackupListing, *, damaged: bool) -> str:
    """What the offer of the latest good backup says."""
    if damaged:
        found = _("The latest good backup of this file was taken on {taken}; it holds {held}.")
    else:
        found = _(
            "There is a checked backup of a data file of this name, taken on {taken}; it "
            "holds {held}."
        )
    return (
        found.format(taken=taken_text(listing.backup.taken), held=holding_text(listing))
        + " "
        + _(
            "It can be restored into a new file next to this one, which then opens; this "
            "file stays as it is. The changes made since the backup are not in it."
        )
    )


def recovery_box(
    error: Exception,
    listing: BackupListing | None,
    parent: QWidget | None = None,
) -> QMessageBox:
    """The message about the refused ``path``, with a button for each way out there is."""
    copy = pre_upgrade_copy(error)
    box = QMessageBox(QMessageBox.Icon.Critical, APPLICATION_TITLE, str(error), parent=parent)
    box.setObjectName(DIALOG_NAME)
    offers: list[str] = []
    if copy is not None:
        offers.append(
            _(
                "Put the copy in its place? The damaged file is kept beside it under another "
                "name; the changes made since the copy are not in the copy."
            )
        )
        button = box.addButton(_("Put the copy in its place"), QMessageBox.ButtonRole.AcceptRole)
        button.setObjectName(RESTORE_COPY)
    if listing is not None:
        offers.append(backup_offer_text(listing, damaged=is_damage(error)))
        button = box.addButton(restore_button_text(listing), QMessageBox.ButtonRole.AcceptRole)
        button.setObjectName(RESTORE_BACKUP)
    box.setInformativeText("\n\n".join(offers))
    box.addButton(QMessageBox.StandardButton.Close)
    return box


def offer_recovery(
    path: Path, error: Exception, folder: Path, parent: QWidget | None = None
) -> Path | bool | None:
    """For ``path`` refused with ``error``, say why and offer the copy beside it and the
    latest good backup in ``folder``. Returns the file to open now (``path`` with the copy
    in its place, or the new file restored from the backup); ``False`` when the user
    declined or it failed (they were told); ``None`` when there is nothing to offer
    (nothing was shown)."""
    if not is_refusal(error):
        return None
    key = key_of(error)  # an encrypted file's: its copy and backups are read with it
    listing = latest_good_backup(path, folder, key)
    copy = pre_upgrade_copy(error)
    if copy is None and listing is None:
        return None
    box = recovery_box(error, listing, parent)
    QApplication.setOverrideCursor(Qt.CursorShape.ArrowCursor)  # over a wait cursor, if any
    try:
        box.exec()
    finally:
        QApplication.restoreOverrideCursor()
    clicked = box.clickedButton()
    chosen = clicked.objectName() if clicked is not None else ""
    try:
        if chosen == RESTORE_COPY and copy is not None:
            put_copy_in_place(path, copy, key)
            return path
        if chosen == RESTORE_BACKUP and listing is not None:
            return restore_beside(path, listing, key)
    except UserError as failed:
        QMessageBox.critical(parent, APPLICATION_TITLE, failed.user_message)
    return False
