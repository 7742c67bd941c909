"""The File menu of the main window: new, open, open recent, save a copy, restore a
backup, check the file, print, verify a report, the journal of changes, the records past
retention, lock now, quit.

It asks for names with the standard file dialogs and hands them to the file operations of
the composition root (``FileActions``); a user error (a locked or full file...) is shown
in a dialog. Print… is the window's to answer (``print_requested``): what it prints
depends on the page shown. The files opened lately are kept, newest first, in the
interface's ``QSettings``: at most five, a file gone from the disk forgotten when the list
is read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QFileDialog, QMainWindow, QMessageBox, QWidget

from entretien_desktop.i18n import _
from entretien_desktop.services.backups import BackupKey
from entretien_desktop.services.errors import UserError
from entretien_desktop.ui.dialogs.passphrase_dialog import ChoosePassphraseDialog

FILE_SUFFIX = ".entretien"
"""The extension of a new data file, which the installed program is registered to open."""
OPENED_SUFFIXES = (FILE_SUFFIX, ".sqlite")
"""What the file dialogs show: files made by earlier versions end in ``.sqlite``."""
RECENT_KEY = "files/recent"
MAX_RECENT = 5


@dataclass(frozen=True, slots=True)
class FileActions:
    """What the window can ask of the composition root about files.

    ``open_file`` and ``new_file`` replace the window with one on the other file;
    ``save_copy`` writes a copy of the open file; ``create_demo`` fills the empty file with
    the demo company. An exception of a type in ``user_errors`` carries a message for the
    user (a locked or full file...) and is shown in a dialog; any other propagates.
    """

    open_file: Callable[[Path], object]
    new_file: Callable[[Path, str | None], object]
    """Creates the file (encrypted with the passphrase, if one) and opens it."""
    save_copy: Callable[[Path], object]
    create_demo: Callable[[], object]
    user_errors: tuple[type[Exception], ...] = ()
    connect_server: Callable[[str | None], object] | None = None
    """File › Connect to a server…: the dialog, filled from a recent server's URL (or
    blank, ``None``); opens the window on the server once connected (docs/server.md)."""


def run_file_action(
    parent: QWidget, files: FileActions, failure_title: str, action: Callable[[], object]
) -> bool:
    """Run a file operation under a wait cursor; a user error is shown, ``False`` returned."""
    problem: str | None = None
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        action()
    except files.user_errors as error:
        problem = error.user_message if isinstance(error, UserError) else str(error)
    finally:
        QApplication.restoreOverrideCursor()
    if problem is not None:
        QMessageBox.warning(parent, failure_title, problem)
    return problem is None


# -- recent files ---------------------------------------------------------------------------
def _stored(settings: QSettings) -> list[str]:
    value = settings.value(RECENT_KEY)
    # An INI file gives back a one-item list as a plain string.
    if isinstance(value, str):
        return [value] if value else []
    if isinstance(value, list):
        return [str(item) for item in value if item]
    return []


def _store(settings: QSettings, paths: list[str]) -> None:
    settings.setValue(RECENT_KEY, paths)
    settings.sync()


def recent_files(settings: QSettings) -> list[Path]:
    """The recent files that still exist, newest first."""
    stored = _stored(settings)
    existing = [name for name in stored if Path(name).is_file()]
    if existing != stored:
        _store(settings, existing)
    return [Path(name) for name in existing]


def remember_file(settings: QSettings, path: Path) -> None:
    """Put ``path`` at the top of the recent files."""
    name = str(Path(path).resolve())
    others = [item for item in _stored(settings) if item != name]
    _store(settings, [name, *others][:MAX_RECENT])


# -- the menu -------------------------------------------------------------------------------
def _file_filter() -> str:
    patterns = " ".join(f"*{suffix}" for suffix in OPENED_SUFFIXES)
    data_files = _("Entretien Desktop data files ({patterns})").format(patterns=patterns)
    return f"{data_files};;{_('All files (*)')}"


class FileMenu(QObject):
    """The File menu of ``window``, for the data file at ``path``."""

    copy_saved = Signal(Path)
    print_requested = Signal()
    """File › Print… (Ctrl+P): the window prints what its current page is about."""
    verify_requested = Signal(Path)
    """File › Verify a report…: the PDF chosen, to check against this file's records."""
    journal_requested = Signal()
    """File › Journal of changes…: who changed what, when."""
    purge_requested = Signal()
    """File › Records past retention…: the employees whose records may be deleted."""
    check_requested = Signal()
    """File › Check the file…: the full check of the open file (the window runs it)."""
    import_sheet_requested = Signal(Path)
    """File › Import employees…: the spreadsheet chosen, to map and check before writing."""
    lock_requested = Signal()
    """File › Lock now (Ctrl+L): the window hides its data behind the lock screen."""
    dsn_import_requested = Signal()
    """File › Import a DSN…: the window opens the DSN import on its workspace."""

    def __init__(
        self, window: QMainWindow, path: Path, settings: QSettings, files: FileActions
    ) -> None:
        super().__init__(window)
        self.window, self.path, self.settings, self.files = window, path, settings, files
        self.file_key: Callable[[], BackupKey | None] = lambda: None
        """The open file's key, to read its encrypted backups (the window sets it)."""
        remember_file(settings, path)

        self.new_file_action = self._action(_("&New…"), self.new_file_dialog)
        self.open_file_action = self._action(_("&Open…"), self.open_file_dialog, "Ctrl+O")
        self.save_copy_action = self._action(_("Save a &copy…"), self.save_copy_dialog)
        self.print_action = self._action(_("&Print…"), self.print_requested.emit, "Ctrl+P")
        self.verify_action = self._action(_("&Verify a report…"), self.verify_dialog)
        self.journal_action = self._action(_("&Journal of changes…"), self.journal_requested.emit)
        self.purge_action = self._action(_("Records past re&tention…"), self.purge_requested.emit)
        self.restore_action = self._action(_("Restore a &backup…"), self.restore_dialog)
        self.check_action = self._action(_("C&heck the file…"), self.check_requested.emit)
        self.import_sheet_action = self._action(_("&Import employees…"), self.import_sheet_dialog)
        self.lock_action = self._action(_("&Lock now"), self.lock_requested.emit, "Ctrl+L")
        self.dsn_import_action = self._action(_("Import a &DSN…"), self.dsn_import_requested.emit)
        self.quit_action = self._action(_("&Quit"), window.close, "Ctrl+Q")
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)

        menu = window.menuBar().addMenu(_("&File"))
        menu.addAction(self.new_file_action)
        menu.addAction(self.open_file_action)
        # A shared PostgreSQL server instead of a file (docs/server.md).
        self.connect_action = self._action(_("Connect to a &server…"), self.connect_dialog)
        self.connect_action.setVisible(files.connect_server is not None)
        menu.addAction(self.connect_action)
        self.menu = menu
        self.recent_menu = menu.addMenu(_("Open &Recent"))
        self.recent_menu.aboutToShow.connect(self.fill_recent_menu)
        menu.addSeparator()
        menu.addAction(self.save_copy_action)
        menu.addAction(self.restore_action)
        menu.addAction(self.check_action)
        menu.addAction(self.import_sheet_action)
        menu.addAction(self.dsn_import_action)
        menu.addSeparator()
        menu.addAction(self.print_action)
        menu.addAction(self.verify_action)
        menu.addAction(self.journal_action)
        menu.addAction(self.purge_action)
        menu.addSeparator()
        menu.addAction(self.lock_action)
        menu.addAction(self.quit_action)

    def _action(self, text: str, slot: Callable[[], object], shortcut: str = "") -> QAction:
        action = QAction(text, self.window)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))

        def trigger(_checked: bool = False) -> None:
            slot()  # a slot returns nothing (QWidget.close answers a bool)

        action.triggered.connect(trigger)
        return action

    def _is_current(self, path: Path) -> bool:
        return path.resolve() == self.path.resolve()

    def open_file_dialog(self) -> None:
        name, _chosen = QFileDialog.getOpenFileName(
            self.window, _("Open a data file"), str(self.path.parent), _file_filter()
        )
        if name:
            self.open_file(Path(name))

    def open_file(self, path: Path) -> None:
        if not self._is_current(path):
            run_file_action(
                self.window,
                self.files,
                _("The file could not be opened"),
                lambda: self.files.open_file(path),
            )

    def new_file_dialog(self) -> None:
        name, _chosen = QFileDialog.getSaveFileName(
            self.window,
            _("New data file"),
            str(self.path.parent),
            _file_filter(),
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if not name:
            return
        path = Path(name)
        if not path.suffix:
            path = path.with_suffix(FILE_SUFFIX)
        if path.exists():
            QMessageBox.warning(
                self.window,
                _("The file already exists"),
                _("{path} already exists. Choose another name, or open it with Open….").format(
                    path=path
                ),
            )
            return
        chooser = ChoosePassphraseDialog(
            _("Protect the new file?"),
            _(
                "A passphrase encrypts {file} and its backups: whoever gets hold of them "
                "cannot read them without it. It is asked each time the file is opened."
            ).format(file=path.name),
            without=_("&Without a passphrase"),
            parent=self.window,
        )
        if chooser.exec() != ChoosePassphraseDialog.DialogCode.Accepted:
            return
        passphrase = chooser.passphrase()
        run_file_action(
            self.window,
            self.files,
            _("The file could not be created"),
            lambda: self.files.new_file(path, passphrase),
        )

    def restore_dialog(self) -> None:
        """File › Restore a backup…: a backup restored into a new file, which then opens."""
        from entretien_desktop.ui.dialogs.restore_dialog import (  # noqa: PLC0415
            RestoreDialog,
            backup_folder,
        )

        dialog = RestoreDialog(
            backup_folder(self.settings, self.path), self.path, self.window, self.file_key()
        )
        dialog.restored.connect(self._open_restored)
        self.restore_window = dialog
        dialog.open()

    def _open_restored(self, path: Path) -> None:
        run_file_action(
            self.window,
            self.files,
            _("The file could not be opened"),
            lambda: self.files.open_file(path),
        )

    def import_sheet_dialog(self) -> None:
        from entretien_desktop.services.sheet_import import SUFFIXES  # noqa: PLC0415

        patterns = " ".join(f"*{suffix}" for suffix in SUFFIXES)
        name, _selected = QFileDialog.getOpenFileName(
            self.window,
            _("Import employees"),
            str(self.path.parent),
            _("Spreadsheets ({patterns})").format(patterns=patterns),
        )
        if name:
            self.import_sheet_requested.emit(Path(name))

    def verify_dialog(self) -> None:
        name, _selected = QFileDialog.getOpenFileName(
            self.window, _("Verify a report"), "", _("PDF files (*.pdf)")
        )
        if name:
            self.verify_requested.emit(Path(name))

    def save_copy_dialog(self) -> None:
        suggestion = self.path.with_name(
            _("{name} (copy)").format(name=self.path.stem) + (self.path.suffix or FILE_SUFFIX)
        )
        name, _chosen = QFileDialog.getSaveFileName(
            self.window, _("Save a copy"), str(suggestion), _file_filter()
        )
        if name:
            self.save_copy(Path(name))

    def save_copy(self, path: Path) -> None:
        title = _("The copy could not be saved")
        if self._is_current(path):
            QMessageBox.warning(
                self.window, title, _("A copy needs another name than the open file.")
            )
            return
        if run_file_action(self.window, self.files, title, lambda: self.files.save_copy(path)):
            self.copy_saved.emit(path)

    def fill_recent_menu(self) -> None:
        """List the files opened lately, but the open one."""
        self.recent_menu.clear()
        paths = [p for p in recent_files(self.settings) if not self._is_current(p)]
        for number, path in enumerate(paths, start=1):
            action = self.recent_menu.addAction(f"&{number} {path}")
            action.setData(str(path))
            action.triggered.connect(lambda _checked=False, p=path: self.open_file(p))
        servers = self._recent_servers(len(paths))
        if not paths and not servers:
            self.recent_menu.addAction(_("No recent files")).setEnabled(False)

    # -- servers (docs/server.md) ---------------------------------------------------------
    def connect_dialog(self, url: str | None = None) -> None:
        """File › Connect to a server… (or a recent server: ``url``, without password)."""
        if self.files.connect_server is not None:
            self.files.connect_server(url)

    def _recent_servers(self, first: int) -> list[str]:
        """The servers connected to lately, after the files, as "database @ host"."""
        if self.files.connect_server is None:
            return []
        from entretien_desktop.ui.dialogs.connect_dialog import recent_servers  # noqa: PLC0415

        urls = []
        for number, address in enumerate(recent_servers(self.settings), start=first + 1):
            if number == first + 1:
                self.recent_menu.addSeparator()
            url = address.url()
            action = self.recent_menu.addAction(f"&{number} {address.label}")
            action.setData(url)
            action.triggered.connect(lambda _checked=False, u=url: self.connect_dialog(u))
            urls.append(url)
        return urls
