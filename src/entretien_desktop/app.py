"""The composition root: the one place where the interface is wired to a data file.

``run_gui`` chooses the language, starts the log file and the crash handler, creates the Qt
application and opens the data file in a ``Session``. A session builds, for one open file,
the workspace, its obligations feed, the pages and the main window (``build_window``);
opening or creating another file replaces all of them with a new window and releases the
old file's lock. Environment problems with a file (locked, read-only, newer version...)
end in a message box, not a traceback.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import (
    QEvent,
    QLibraryInfo,
    QLocale,
    QObject,
    QSettings,
    Qt,
    QThreadPool,
    QTimer,
    QTranslator,
)
from PySide6.QtGui import QFileOpenEvent, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from entretien_desktop import __version__, paths
from entretien_desktop.i18n import (
    _,
    current_language,
    normalise_language,
    set_language,
    system_language,
)
from entretien_desktop.logs import LOG_FILE_NAME, log_to_file
from entretien_desktop.services.backups import automatic_backup, backup_due
from entretien_desktop.services.errors import StorageError, UserError
from entretien_desktop.services.protection import (
    change_passphrase,
    is_protected,
    passphrase_matches,
)
from entretien_desktop.services.register import register_summary
from entretien_desktop.services.server_login import ServerAddress
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.storage import (
    Database,
    NotADatabaseError,
    open_database,
)
from entretien_desktop.storage.cipher import FileKey
from entretien_desktop.storage.errors import EncryptedFileError, WrongPassphraseError
from entretien_desktop.ui.crash import install_crash_handler
from entretien_desktop.ui.dialogs.connect_dialog import ConnectDialog, prefilled, remember_server
from entretien_desktop.ui.dialogs.damaged_file_dialog import offer_recovery
from entretien_desktop.ui.dialogs.passphrase_dialog import AskPassphraseDialog
from entretien_desktop.ui.dialogs.restore_dialog import backup_folder
from entretien_desktop.ui.feed import ObligationsFeed
from entretien_desktop.ui.file_menu import FileActions
from entretien_desktop.ui.live_updates import watch_others
from entretien_desktop.ui.main_window import APPLICATION_TITLE, MainWindow, Pages
from entretien_desktop.ui.pages.campaigns_page import CampaignsPage
from entretien_desktop.ui.pages.dashboard_page import DashboardPage
from entretien_desktop.ui.pages.employee_page import EmployeePage
from entretien_desktop.ui.pages.employees_page import EmployeesPage
from entretien_desktop.ui.pages.interviews_page import InterviewsPage
from entretien_desktop.ui.pages.settings_page import LANGUAGE_KEY, SettingsPage, journal_name
from entretien_desktop.ui.pages.skills_page import SkillsPage
from entretien_desktop.ui.pages.training_page import TrainingPlanPage
from entretien_desktop.ui.pages.welcome import WelcomePage
from entretien_desktop.ui.single_instance import InstanceServer, hand_over

APPLICATION_NAME = "Entretien Desktop"
ORGANIZATION_NAME = "EntretienDesktop"
SETTINGS_FILE_NAME = "interface.ini"
BACKUP_CHECK_MS = 60 * 60 * 1000
"""How often the window looks whether the open file's daily backup is due."""
USER_ERRORS: tuple[type[Exception], ...] = (UserError,)

# Qt ships no Bokmål catalog for its standard dialogs; Nynorsk, then Danish, read closest.
_QT_CATALOG_LANGUAGES: dict[str, tuple[str, ...]] = {"nb": ("nb", "nn", "da")}

log = logging.getLogger(__name__)


def run_gui(db_path: Path | str, language: str | None) -> int:
    """Open ``db_path`` in the main window and run until it closes; returns the exit code.

    ``language`` is one of the supported codes, or ``None`` for the one chosen on the
    settings page, else the system's. Returns 1 without a window when the file cannot be
    opened, after telling the user why.
    """
    settings = interface_settings()
    language = set_language(language or saved_language(settings) or system_language())
    with log_to_file(paths.log_dir()):
        log.info("Entretien Desktop %s starting on %s (%s)", __version__, db_path, language)
        application = _application()
        if isinstance(db_path, str):  # a server's URL (docs/server.md)
            QLocale.setDefault(QLocale(language))
            with _qt_translations(application, language):
                return _run_server_session(application, db_path, settings)
        if hand_over(Path(db_path)):
            # A window of this program already has the file: it came to the front.
            log.info("%s is open in another window: handed over to it", db_path)
            print(
                _("{path} is already open in another window; it was brought to the front.").format(
                    path=db_path
                )
            )
            return 0
        QLocale.setDefault(QLocale(language))
        crash_handler = install_crash_handler(paths.log_dir() / LOG_FILE_NAME)
        try:
            with _qt_translations(application, language):
                return _run_session(application, Path(db_path), settings)
        finally:
            crash_handler.uninstall()


def interface_settings() -> QSettings:
    """The preferences of this computer (window place, recent files, language)."""
    return QSettings(str(paths.config_dir() / SETTINGS_FILE_NAME), QSettings.Format.IniFormat)


def saved_language(settings: QSettings) -> str | None:
    value = settings.value(LANGUAGE_KEY)
    return normalise_language(value) if isinstance(value, str) else None


def _application() -> QApplication:
    existing = QApplication.instance()
    application = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    application.setApplicationName(APPLICATION_NAME)
    application.setOrganizationName(ORGANIZATION_NAME)
    application.setApplicationVersion(__version__)
    application.setWindowIcon(program_icon())
    return application


def program_icon() -> QIcon:
    """The program's icon at every size it ships (the window's title bar, the task bar)."""
    icon = QIcon()
    for path in sorted((paths.resources_dir() / "icons").glob("entretien-desktop-*.png")):
        icon.addFile(str(path))
    return icon


QUIT_WHEN_INTERACTIVE = "ENTRETIEN_DESKTOP_QUIT_WHEN_INTERACTIVE"
"""Set (to anything), the window prints ``interactive`` and closes as soon as it is shown and
its event loop turns: how a benchmark times the start-up of an installed program."""


def _run_session(application: QApplication, db_path: Path, settings: QSettings) -> int:
    session = Session(settings)
    try:
        session.open(db_path)
    except OpenCancelled:
        log.info("%s not opened: its passphrase was not given", db_path)
        return 1
    except StorageError as error:
        log.warning("Cannot open %s: %s", db_path, error)
        offered = _put_copy_in_place(db_path, error, folder=backup_folder(settings, db_path))
        if offered is None:
            QMessageBox.critical(None, APPLICATION_TITLE, str(error))
        if not isinstance(offered, Path):
            return 1
        try:
            session.open(offered)
        except StorageError as again:
            QMessageBox.critical(None, APPLICATION_TITLE, str(again))
            return 1
    if os.environ.get(QUIT_WHEN_INTERACTIVE):
        # For measuring start-up (bench/bundle.py): once the event loop turns, say so and go.
        QTimer.singleShot(0, lambda: (print("interactive", flush=True), application.quit()))
    return _event_loop(application, session)


def _run_server_session(application: QApplication, url: str, settings: QSettings) -> int:
    """The window on the server's database at ``url``, once connected: the password from
    the keychain, else asked in the connection dialog (which says any refusal)."""
    session = Session(settings)
    if not session.connect_server(url, at_start=True):
        log.info("Not connected to the server: the connection was cancelled")
        session.close()
        return 1
    return _event_loop(application, session)


def _event_loop(application: QApplication, session: Session) -> int:
    """Run the window until it quits; the session closed whatever happens."""
    try:
        exit_code = application.exec()
        log.info("Entretien Desktop closing with exit code %s", exit_code)
        return exit_code
    finally:
        session.close()


class OpenCancelled(UserError):
    """The passphrase of a protected file was not given: the file was not opened."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            _("{path} was not opened: its passphrase was not given.").format(path=path)
        )


def open_protected(path: Path, key: FileKey | None, parent: QWidget | None = None) -> Database:
    """``open_database``, asking the passphrase of a protected file (its name shown) until
    it opens the file or the user cancels (``OpenCancelled``); a wrong one is said in the
    dialog. Any other refusal of the file is raised as it is."""
    try:
        return open_database(path, key)
    except EncryptedFileError:
        pass
    opened: list[Database] = []
    failed: list[StorageError] = []

    def attempt(passphrase: str) -> str | None:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            opened.append(open_database(path, FileKey.of_file(path, passphrase)))
        except WrongPassphraseError as wrong:
            return str(wrong)
        except StorageError as error:
            failed.append(error)  # damaged, locked...: said by the caller, as for any file
        finally:
            QApplication.restoreOverrideCursor()
        return None

    dialog = AskPassphraseDialog(Path(path).name, attempt, parent)
    QApplication.setOverrideCursor(Qt.CursorShape.ArrowCursor)  # over a wait cursor, if any
    try:
        dialog.exec()
    finally:
        QApplication.restoreOverrideCursor()
        dialog.deleteLater()
    if failed:
        raise failed[0]
    if not opened:
        raise OpenCancelled(path)
    return opened[0]


def _put_copy_in_place(
    db_path: Path, error: StorageError, parent: QWidget | None = None, folder: Path | None = None
) -> Path | bool | None:
    """For a file refused as damaged (or not ours), say so and offer the good copy beside it
    and the latest good backup in ``folder`` (ui/dialogs/damaged_file_dialog.py): the file
    to open when one was taken (``db_path`` with the copy in its place, or a new file
    restored from the backup), False when the user declined or it failed (they were told),
    None when there is nothing to offer (nothing shown)."""
    return offer_recovery(db_path, error, folder or db_path.parent / "backups", parent)


class Session:
    """The open data file and its window; opening another file replaces both.

    The other file is opened (and locked) first, so that a refused file leaves the current
    one open as it was; only then does the old window close and the old file's lock go.
    """

    def __init__(self, settings: QSettings) -> None:
        self.settings = settings
        self.database: Database | None = None
        self.window: MainWindow | None = None
        self._pool: QThreadPool | None = None
        self._instances = InstanceServer(self.bring_forward)
        self._backup_timer = QTimer()
        self._backup_timer.setInterval(BACKUP_CHECK_MS)
        self._backup_timer.timeout.connect(self.backup_if_due)
        self._opened_files = OpenedFiles(self.open_asked)
        self._asked: Path | None = None
        application = QApplication.instance()
        if application is not None:
            application.installEventFilter(self._opened_files)

    def open(
        self, path: Path, key: FileKey | None = None, *, database: Database | None = None
    ) -> MainWindow:
        """Open ``path`` (creating it if needed, encrypted with ``key`` if given) in a new
        window, asking the passphrase of a protected file; raises ``StorageError``, or
        ``OpenCancelled`` when the passphrase was not given. ``database``: one already
        open (a server's, connected by File › Connect to a server…) shown instead."""
        database = database or open_protected(path, key, self.window)
        old_database, old_window, old_pool = self.database, self.window, self._pool
        if old_window is not None:
            old_window.remember_geometry()
        pool = QThreadPool()
        try:
            window = build_window(database, self.settings, self._file_actions(database), pool)
        except BaseException:
            database.close()
            raise
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._connect(window)
        self.database, self.window, self._pool = database, window, pool
        window.show()
        window.feed.refresh()
        self._instances.listen_for(database.path)
        log.info("Opened %s", database.path)
        if old_window is not None:
            old_window.close()
        if old_database is not None:
            self.back_up(old_database, leaving=True)
        _release(old_database, old_pool)
        QTimer.singleShot(0, self.backup_if_due)
        self._backup_timer.start()
        if self._asked is not None:
            asked, self._asked = self._asked, None
            QTimer.singleShot(0, lambda: self.open_asked(asked))
        return window

    def switch_language(self, language: str) -> None:
        """Show the interface in ``language`` now: everything is already saved, so the
        window is built again on the same open file, on the same page."""
        set_language(language)
        QLocale.setDefault(QLocale(language))
        application = QApplication.instance()
        if isinstance(application, QApplication):
            install_qt_translations(application, language)
        # After the settings page's own slot has returned: it belongs to the old window.
        QTimer.singleShot(0, self._rebuild_window)

    def _rebuild_window(self) -> None:
        old_window, old_pool, database = self.window, self._pool, self.database
        if old_window is None or database is None:
            return
        old_window.remember_geometry()
        current = old_window.current_page()
        page = old_window.nav_pages.index(current) if current in old_window.nav_pages else 0
        pool = QThreadPool()
        # The same workspace: the company in memory and the undo history go on as they were.
        workspace = old_window.workspace
        workspace.clear_listeners()
        window = build_window(
            database, self.settings, self._file_actions(database), pool, workspace=workspace
        )
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._connect(window)
        self.window, self._pool = window, pool
        window.show()
        window.show_page(page)
        window.feed.refresh()
        old_window.close()
        _release(None, old_pool)
        log.info("Interface switched to %s", current_language())

    def _connect(self, window: MainWindow) -> None:
        window.pages.settings.language_changed.connect(self.switch_language)
        window.pages.settings.protection.change_requested.connect(self.change_passphrase)
        _unlock_with_passphrase(window)

    def change_passphrase(self, passphrase: object) -> None:
        """Settings › Passphrase: the open file (and its backups) encrypted with
        ``passphrase``, or no longer (``None``), once running work has finished."""
        window, database, pool = self.window, self.database, self._pool
        if window is None or database is None:
            return
        if pool is not None:
            pool.waitForDone()
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            rewritten = change_passphrase(
                window.workspace,
                passphrase if isinstance(passphrase, str) else None,
                self.backup_folder(database),
            )
        except UserError as error:
            QApplication.restoreOverrideCursor()
            QMessageBox.warning(window, APPLICATION_TITLE, error.user_message)
            return
        QApplication.restoreOverrideCursor()
        log.info("Protection of the data file changed (%s backups rewritten)", rewritten)
        window.pages.settings.protection.refresh()
        _unlock_with_passphrase(window)
        if isinstance(passphrase, str):
            done = _("{file} is now encrypted with its passphrase.")
        else:
            done = _("{file} is no longer encrypted.")
        window.statusBar().showMessage(done.format(file=database.path.name))

    def new_file(self, path: Path, passphrase: str | None = None) -> MainWindow:
        """Create the data file ``path`` (encrypted with ``passphrase``, if given) and open
        it; an existing file is never touched."""
        if Path(path).exists():
            raise FileExistsError(path)
        return self.open(path, None if passphrase is None else FileKey.new(passphrase))

    def bring_forward(self) -> None:
        """Show the window in front of the others (a second launch asked for this file)."""
        window = self.window
        if window is None:
            return
        if window.isMinimized():
            window.showNormal()
        window.show()
        window.raise_()
        window.activateWindow()

    def open_asked(self, path: Path) -> None:
        """Open ``path`` as the File menu does (the file already open comes to the front;
        a refusal is a message), asked for by the system rather than the user's menu."""
        if self.window is None:
            self._asked = path  # before the first window: opened once it is up
            return
        self.window.file_menu.open_file(path)
        self.bring_forward()

    def backup_folder(self, database: Database) -> Path:
        return backup_folder(self.settings, database.path)

    def backup_if_due(self) -> None:
        """The daily backup of the open file, when its last one is a day old or more."""
        database = self.database
        if database is not None and database.url is not None:
            return  # a server is backed up by its administrator (pg_dump)
        if database is not None and backup_due(
            database.path, self.backup_folder(database), datetime.now().astimezone()
        ):
            self.back_up(database, leaving=False)

    def back_up(self, database: Database, *, leaving: bool) -> Path | None:
        """A checked backup of ``database`` (if it holds a company) in the backup folder,
        then its rotation. A failure is logged and told: in a message when leaving the file
        (on closing it, or opening another), on the status bar otherwise."""
        if database.url is not None:
            return None  # a server is backed up by its administrator (pg_dump)
        if register_summary(database).empty:
            return None
        folder = self.backup_folder(database)
        try:
            made, removed = automatic_backup(database, folder, datetime.now().astimezone())
        except (StorageError, OSError) as error:
            log.warning("Automatic backup into %s failed: %s", folder, type(error).__name__)
            message = _(
                "The backup of {file} could not be written in {folder}: {error} The data "
                "file itself is untouched."
            ).format(file=database.path.name, folder=folder, error=error)
            if leaving or self.window is None:
                QMessageBox.warning(self.window, APPLICATION_TITLE, message)
            else:
                self.window.statusBar().showMessage(message)
            return None
        log.info("Backed up to %s (%s old backups removed)", made, len(removed))
        return made

    def close(self) -> None:
        application = QApplication.instance()
        if application is not None:
            application.removeEventFilter(self._opened_files)
        self._backup_timer.stop()
        self._instances.close()
        if self.database is not None:
            self.back_up(self.database, leaving=True)
        _release(self.database, self._pool)
        self.database, self.window, self._pool = None, None, None

    def open_offering_copy(self, path: Path) -> MainWindow | None:
        """Open ``path`` from the File menu; a damaged file with a good copy beside it is
        offered to be replaced by the copy (``None``: declined, the window stays as it was)."""
        try:
            return self.open(path)
        except NotADatabaseError as error:  # damaged, or not ours: a copy or backup offered
            offered = _put_copy_in_place(
                path, error, self.window, backup_folder(self.settings, path)
            )
            if offered is None:
                raise
            return self.open(offered) if isinstance(offered, Path) else None

    def _file_actions(self, database: Database) -> FileActions:
        return FileActions(
            open_file=self.open_offering_copy,
            new_file=self.new_file,
            save_copy=database.backup_to,
            create_demo=lambda: create_demo(self._workspace()),
            user_errors=USER_ERRORS,
            connect_server=self.connect_server,
        )

    # -- a PostgreSQL server instead of a file (docs/server.md) ---------------------------
    def connect_server(self, url: str | None = None, *, at_start: bool = False) -> bool:
        """File › Connect to a server…: the dialog, filled from ``url`` (a recent server,
        ``--db``) or the last server; with an address given, connecting starts at once
        (the keychain's password, else the server's refusal asks for it). At start (no
        window yet) it is modal: ``False`` when it was cancelled."""
        address = prefilled(self.settings, url)
        dialog = ConnectDialog(_connect_to_server, address, self.window)
        dialog.connected.connect(lambda opened: self._connected(opened, dialog.address()))
        self.connect_window = dialog
        given = _given_password(url)
        if given is not None:
            dialog.password.setText(given)
        if url is not None and address is not None:
            QTimer.singleShot(0, dialog.try_connect)
        if at_start:
            return dialog.exec() == ConnectDialog.DialogCode.Accepted
        dialog.open()
        return True

    def _connected(self, opened: object, address: ServerAddress) -> None:
        """The server's database ``opened`` shown in a new window, remembered as recent."""
        assert isinstance(opened, Database)
        remember_server(self.settings, address)
        try:
            self.open(opened.path, database=opened)
        except StorageError as error:
            QMessageBox.warning(self.window, APPLICATION_TITLE, str(error))

    def _workspace(self) -> Workspace:
        assert self.window is not None
        return self.window.workspace


def _given_password(url: str | None) -> str | None:
    """The password written in ``url`` itself, if any (``--db postgresql://u:p@h/d``)."""
    from entretien_desktop.services.server_login import parse_address  # noqa: PLC0415

    if url is None:
        return None
    try:
        return parse_address(url)[1]
    except ValueError:
        return None


def _connect_to_server(address: ServerAddress, password: str | None) -> Database:
    from entretien_desktop.services.server_login import connect  # noqa: PLC0415

    opened = connect(address, password)
    assert isinstance(opened, Database)
    return opened


def _unlock_with_passphrase(window: MainWindow) -> None:
    """The idle lock of ``window`` asks the file's passphrase, or a click for a plain file."""
    workspace = window.workspace
    if is_protected(workspace):
        window.set_passphrase_check(lambda typed: passphrase_matches(workspace, typed))
    else:
        window.set_passphrase_check(None)


class OpenedFiles(QObject):
    """The files the system asks the program to open once it runs. macOS gives the program
    a file opened from the Finder (a double click, Open With, a drop on the Dock icon) as an
    event, never on its command line, and to the program already running if there is one;
    Linux and Windows start a program with the file as its argument instead."""

    def __init__(self, open_file: Callable[[Path], None]) -> None:
        super().__init__()
        self._open_file = open_file

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent):
            self._open_file(Path(event.file()))
            return True
        return super().eventFilter(watched, event)


def _release(database: Database | None, pool: QThreadPool | None) -> None:
    # A computation still running reports to the feed; let it finish before the feed goes.
    if pool is not None:
        pool.clear()
        pool.waitForDone()
    if database is not None:
        database.close()
        log.info("Closed %s", database.path)


def build_window(
    database: Database,
    settings: QSettings,
    files: FileActions,
    pool: QThreadPool | None = None,
    *,
    workspace: Workspace | None = None,
) -> MainWindow:
    """The workspace (a new one unless given), feed, pages and main window of the open
    ``database``."""
    workspace = workspace or Workspace(database)
    # On a server, the server says who is connected; in a file, the name the settings give.
    workspace.user_name = database.user_name() or journal_name(settings)
    feed = ObligationsFeed(workspace, pool)
    pages = Pages(
        welcome=WelcomePage(workspace),
        dashboard=DashboardPage(workspace, feed),
        employees=EmployeesPage(workspace, feed),
        interviews=InterviewsPage(workspace, feed),
        campaigns=CampaignsPage(workspace, feed),
        training=TrainingPlanPage(workspace, feed),
        settings=SettingsPage(workspace, settings),
        employee=EmployeePage(workspace, feed),
        skills=SkillsPage(workspace),
    )
    window = MainWindow(workspace, feed, pages, settings, files)
    feed.setParent(window)
    watch_others(window, pool)  # on a server: other users' changes come in (a child of it)
    return window


def create_demo(workspace: Workspace) -> None:
    """Fill the empty file of ``workspace`` with the demo company, dated from today."""
    from entretien_desktop.services.demo import build_demo_company  # noqa: PLC0415

    company = build_demo_company(workspace.today())
    workspace.create_company(company)
    log.info("Demo company %s written (%s employees)", company.name, len(company.employees))


_QT_TRANSLATORS: list[QTranslator] = []
"""The Qt catalog installed for the interface's language (one at most)."""


def install_qt_translations(application: QApplication, language: str) -> None:
    """Translate Qt's own standard dialogs and buttons (Cancel, Yes...) into ``language``,
    replacing the catalog of the language before."""
    remove_qt_translations(application)
    directory = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    translator = QTranslator(application)
    for code in _QT_CATALOG_LANGUAGES.get(language, (language,)):
        if translator.load(f"qtbase_{code}", directory):
            application.installTranslator(translator)
            _QT_TRANSLATORS.append(translator)
            return
    translator.deleteLater()


def remove_qt_translations(application: QApplication) -> None:
    while _QT_TRANSLATORS:
        translator = _QT_TRANSLATORS.pop()
        application.removeTranslator(translator)
        translator.deleteLater()


@contextmanager
def _qt_translations(application: QApplication, language: str) -> Iterator[None]:
    install_qt_translations(application, language)
    try:
        yield
    finally:
        remove_qt_translations(application)


__all__ = ["Session", "build_window", "create_demo", "run_gui"]
