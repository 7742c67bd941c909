"""File › Restore a backup…: the backups of a folder by date with what they hold, and the one
chosen restored into a new file (the open file is never overwritten), which then opens."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from entretien_desktop.domain.errors import UserError
from entretien_desktop.i18n import _, format_date, format_number
from entretien_desktop.services.backups import (
    BackupKey,
    BackupListing,
    key_for_backup,
    list_backups,
    passphrase_key,
    restore,
)
from entretien_desktop.ui.dialogs.passphrase_dialog import AskPassphraseDialog

BACKUP_FOLDER_KEY = "backups/folder"
"""Where the automatic backups go (this computer's setting, a USB key or a synced folder);
when unset, ``backups`` in the data file's own folder."""


def backup_folder(settings: QSettings, data_file: Path) -> Path:
    value = settings.value(BACKUP_FOLDER_KEY)
    if isinstance(value, str) and value:
        return Path(value)
    return Path(data_file).parent / "backups"


def _moment(text: str | None) -> str:
    """A journal's time (UTC, ISO 8601) as the user reads it, in this computer's time."""
    if not text:
        return ""
    try:
        moment = datetime.fromisoformat(text).astimezone()
    except ValueError:
        return ""
    return f"{format_date(moment.date())} {moment:%H:%M}"


def _state(listing: BackupListing) -> str:
    if listing.damaged:
        return _("Damaged: cannot be restored")
    if listing.locked:
        return _("Encrypted with another passphrase")
    return _("Checked")


class RestoreDialog(QDialog):
    """Lists the backups of ``folder``; Restore… asks for a new file, restores into it and
    emits ``restored`` with its path."""

    restored = Signal(Path)

    def __init__(
        self,
        folder: Path,
        data_file: Path,
        parent: QWidget | None = None,
        key: BackupKey | None = None,
    ) -> None:
        super().__init__(parent)
        self.key = key  # the open file's: its backups are read with it
        self.setWindowTitle(_("Restore a backup"))
        self.folder, self.data_file = folder, data_file
        self.listings: list[BackupListing] = []
        self.folder_label = QLabel()
        self.folder_label.setWordWrap(True)
        other = QPushButton(_("Other &folder…"))
        other.clicked.connect(self._choose_folder)
        top = QHBoxLayout()
        top.addWidget(self.folder_label, 1)
        top.addWidget(other)
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels(
            [
                _("Taken"),
                _("Company"),
                _("Employees"),
                _("Interviews"),
                _("Last change"),
                _("State"),
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_button)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.restore_button = self.buttons.addButton(
            _("&Restore into a new file…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.restore_button.clicked.connect(self.restore_selected)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self.resize(880, 420)  # six columns: the company name readable beside them
        self.show_folder(folder)

    def show_folder(self, folder: Path) -> None:
        self.folder = folder
        self.listings = list_backups(folder, self.key)
        if self.listings:
            self.folder_label.setText(_("Backups in {folder}:").format(folder=folder))
        else:
            self.folder_label.setText(_("No backup in {folder}.").format(folder=folder))
        self.table.setRowCount(len(self.listings))
        for row, listing in enumerate(self.listings):
            taken = listing.backup.taken
            cells = (
                f"{format_date(taken.date())} {taken:%H:%M}",
                listing.company_name or "",
                "" if listing.employees is None else format_number(listing.employees),
                "" if listing.interviews is None else format_number(listing.interviews),
                _moment(listing.last_change),
                _state(listing),
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        good = next((row for row, li in enumerate(self.listings) if not li.damaged), None)
        if good is not None:  # the newest backup that can be restored
            self.table.selectRow(good)
        self._update_button()

    def _update_button(self) -> None:
        chosen = self.chosen()
        self.restore_button.setEnabled(chosen is not None and not chosen.damaged)

    def chosen(self) -> BackupListing | None:
        rows = self.table.selectionModel().selectedRows()
        return self.listings[rows[0].row()] if rows else None

    def _choose_folder(self) -> None:
        name = QFileDialog.getExistingDirectory(self, _("Folder of the backups"), str(self.folder))
        if name:
            self.show_folder(Path(name))

    def restore_selected(self) -> None:
        chosen = self.chosen()
        if chosen is None or chosen.damaged:
            return
        day = chosen.backup.taken.date().isoformat()
        suggestion = self.data_file.with_name(
            _("{name} (restored {date})").format(name=self.data_file.stem, date=day) + ".entretien"
        )
        name, _selected = QFileDialog.getSaveFileName(
            self,
            _("Restore into a new file"),
            str(suggestion),
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if not name:
            return
        target = Path(name)
        try:
            given, key = self._key_of(chosen)
            if not given:
                return
            restore(chosen.backup.path, target, key)
        except UserError as refused:
            QMessageBox.warning(self, _("Restore a backup"), refused.user_message)
            return
        self.restored.emit(target)
        self.accept()

    def _key_of(self, chosen: BackupListing) -> tuple[bool, BackupKey | None]:
        """The key that reads ``chosen``: the open file's, or, for a backup encrypted with
        another passphrase, the one typed (first ``False``: none was given)."""
        path = chosen.backup.path
        if not chosen.locked:
            return True, key_for_backup(path, self.key)
        found: list[BackupKey] = []

        def attempt(passphrase: str) -> str | None:
            key = passphrase_key(path, passphrase)
            if key is None:
                return _("This passphrase does not open the backup.")
            found.append(key)
            return None

        AskPassphraseDialog(path.name, attempt, self).exec()
        return (True, found[0]) if found else (False, None)
