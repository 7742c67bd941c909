"""The composition root: the one place where the interface is wired to a data file.

``run_gui`` chooses the language, starts the log file, creates the Qt application, opens the
data file and hands the main window the service calls it needs. Environment problems with
the file (locked, read-only, newer version...) end in a message box, not a traceback.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from functools import partial
from logging.handlers import RotatingFileHandler
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QSettings, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox

from entretien_desktop import __version__, paths
from entretien_desktop.i18n import set_language, system_language
from entretien_desktop.services.company_file import DocumentRefused, import_company
from entretien_desktop.services.demo import build_demo_company
from entretien_desktop.services.register import register_summary
from entretien_desktop.storage import Database, StorageError, open_database
from entretien_desktop.ui.main_window import APPLICATION_TITLE, MainWindow

APPLICATION_NAME = "Entretien Desktop"
ORGANIZATION_NAME = "EntretienDesktop"
LOG_FILE_NAME = "entretien-desktop.log"
SETTINGS_FILE_NAME = "interface.ini"

# Qt ships no Bokmål catalog for its standard dialogs; Nynorsk, then Danish, read closest.
_QT_CATALOG_LANGUAGES: dict[str, tuple[str, ...]] = {"nb": ("nb", "nn", "da")}

log = logging.getLogger(__name__)


def run_gui(db_path: Path, language: str | None) -> int:
    """Open ``db_path`` in the main window and run until it closes; returns the exit code.

    ``language`` is one of the supported codes, or ``None`` for the system's language.
    Returns 1 without a window when the file cannot be opened, after telling the user why.
    """
    language = set_language(language or system_language())
    with _log_file(paths.log_dir()):
        log.info("Entretien Desktop %s starting on %s (%s)", __version__, db_path, language)
        application = _application()
        with _qt_translations(application, language):
            return _run_window(application, Path(db_path))


def _application() -> QApplication:
    existing = QApplication.instance()
    application = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    application.setApplicationName(APPLICATION_NAME)
    application.setOrganizationName(ORGANIZATION_NAME)
    application.setApplicationVersion(__version__)
    return application


def _run_window(application: QApplication, db_path: Path) -> int:
    try:
        database = open_database(db_path)
    except StorageError as error:
        log.warning("Cannot open %s: %s", db_path, error)
        QMessageBox.critical(None, APPLICATION_TITLE, str(error))
        return 1
    try:
        window = MainWindow(
            database.path,
            partial(register_summary, database),
            partial(create_demo, database),
            settings=QSettings(
                str(paths.config_dir() / SETTINGS_FILE_NAME), QSettings.Format.IniFormat
            ),
            user_errors=(StorageError, DocumentRefused),
        )
        window.show()
        exit_code = application.exec()
        log.info("Entretien Desktop closing with exit code %s", exit_code)
        return exit_code
    finally:
        database.close()


def create_demo(database: Database) -> None:
    """Fill the empty ``database`` with the demo company, dated from today."""
    company = build_demo_company(date.today())
    summary = import_company(database, company)
    log.info("Demo company %s written (%s employees)", summary.company_name, summary.employees)


@contextmanager
def _log_file(directory: Path) -> Iterator[None]:
    """Log to a rotating file in ``directory`` while the window runs; stderr if impossible."""
    root = logging.getLogger()
    try:
        directory.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(
            directory / LOG_FILE_NAME, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError as error:
        log.warning("Cannot write the log in %s: %s", directory, error)
        yield
        return
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    previous_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    try:
        yield
    finally:
        root.removeHandler(handler)
        root.setLevel(previous_level)
        handler.close()


@contextmanager
def _qt_translations(application: QApplication, language: str) -> Iterator[None]:
    """Translate Qt's own standard dialogs and buttons (Cancel, Yes...) into ``language``."""
    directory = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    translator = QTranslator(application)
    for code in _QT_CATALOG_LANGUAGES.get(language, (language,)):
        if translator.load(f"qtbase_{code}", directory):
            application.installTranslator(translator)
            break
    try:
        yield
    finally:
        application.removeTranslator(translator)
        translator.deleteLater()


__all__ = ["create_demo", "run_gui"]
