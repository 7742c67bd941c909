"""The application shell: main window title, pages, demo button, status bar, and ``run_gui``."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from functools import partial
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from entretien_desktop import app, paths
from entretien_desktop.domain import Company, Contract, Employee
from entretien_desktop.i18n import current_language, set_language
from entretien_desktop.services.company_file import import_company
from entretien_desktop.services.register import RegisterSummary, register_summary
from entretien_desktop.storage import Database, StorageError, open_database
from entretien_desktop.ui.main_window import MainWindow

pytestmark = pytest.mark.gui

TINY_COMPANY = Company(
    name="Atelier Dupont",
    country="FR",
    headcount=1,
    employees=(
        Employee(
            ref="E1",
            first_name="Anne",
            last_name="Martin",
            hire_date=date(2020, 1, 6),
            contract=Contract.PERMANENT,
        ),
    ),
)


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    previous = current_language()
    set_language("en")
    yield
    set_language(previous)


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    with open_database(tmp_path / "x.sqlite") as db:
        yield db


def _no_demo() -> None:
    raise AssertionError("create_demo must not be called")


class FakeFile:
    """An empty file whose summary names a company once the demo was created."""

    def __init__(self) -> None:
        self.demo_calls = 0

    def summary(self) -> RegisterSummary:
        if self.demo_calls:
            return RegisterSummary("Demo SARL", 12)
        return RegisterSummary(None, 0)

    def create_demo(self) -> None:
        self.demo_calls += 1


def test_title_names_the_company_of_the_file(qtbot: QtBot, database: Database) -> None:
    import_company(database, TINY_COMPANY)
    window = MainWindow(database.path, partial(register_summary, database), _no_demo)
    qtbot.addWidget(window)

    assert window.windowTitle() == "Entretien Desktop \u2014 Atelier Dupont"
    assert window.pages.currentWidget() is window.company_page
    assert window.company_page.name_label.text() == "Atelier Dupont"
    assert window.company_page.employees_label.text() == "1 employee"


def test_empty_file_offers_the_demo_and_shows_the_company_after(qtbot: QtBot) -> None:
    fake = FakeFile()
    window = MainWindow(Path("/tmp/empty.sqlite"), fake.summary, fake.create_demo)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)

    assert window.windowTitle() == "Entretien Desktop"
    assert window.pages.currentWidget() is window.welcome_page
    assert window.welcome_page.demo_button.text() == "Explore the demo company"

    qtbot.mouseClick(window.welcome_page.demo_button, Qt.MouseButton.LeftButton)

    assert fake.demo_calls == 1
    assert window.windowTitle() == "Entretien Desktop \u2014 Demo SARL"
    assert window.pages.currentWidget() is window.company_page
    assert window.company_page.employees_label.text() == "12 employees"


def test_demo_button_fills_a_real_empty_file(qtbot: QtBot, database: Database) -> None:
    window = MainWindow(
        database.path,
        partial(register_summary, database),
        partial(import_company, database, TINY_COMPANY),
    )
    qtbot.addWidget(window)

    qtbot.mouseClick(window.welcome_page.demo_button, Qt.MouseButton.LeftButton)

    assert window.windowTitle() == "Entretien Desktop \u2014 Atelier Dupont"
    assert register_summary(database) == RegisterSummary("Atelier Dupont", 1)


def test_a_user_error_while_creating_the_demo_is_shown(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: shown.append(text))

    def disk_full() -> None:
        raise StorageError("The disk is full.")

    window = MainWindow(
        Path("/tmp/full.sqlite"),
        lambda: RegisterSummary(None, 0),
        disk_full,
        user_errors=(StorageError,),
    )
    qtbot.addWidget(window)

    qtbot.mouseClick(window.welcome_page.demo_button, Qt.MouseButton.LeftButton)

    assert shown == ["The disk is full."]
    assert window.pages.currentWidget() is window.welcome_page
    assert QApplication.overrideCursor() is None


def test_status_bar_shows_the_file_path(qtbot: QtBot, database: Database) -> None:
    window = MainWindow(database.path, partial(register_summary, database), _no_demo)
    qtbot.addWidget(window)

    assert str(database.path) in window.path_label.text()
    assert window.statusBar().isAncestorOf(window.path_label)


def test_quit_closes_the_window(qtbot: QtBot) -> None:
    window = MainWindow(Path("/tmp/x.sqlite"), lambda: RegisterSummary(None, 0), _no_demo)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)

    window.quit_action.trigger()

    assert not window.isVisible()


def test_window_geometry_is_remembered(qtbot: QtBot, tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "interface.ini"), QSettings.Format.IniFormat)
    empty = RegisterSummary(None, 0)
    first = MainWindow(Path("/tmp/x.sqlite"), lambda: empty, _no_demo, settings=settings)
    qtbot.addWidget(first)
    first.resize(700, 500)
    first.close()

    second = MainWindow(Path("/tmp/x.sqlite"), lambda: empty, _no_demo, settings=settings)
    qtbot.addWidget(second)

    assert (second.width(), second.height()) == (700, 500)


@pytest.fixture
def user_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(paths, "log_dir", lambda: tmp_path / "log")
    monkeypatch.setattr(paths, "config_dir", lambda: tmp_path / "config")
    return tmp_path


def test_run_gui_explains_a_file_it_cannot_open(
    qtbot: QtBot, user_folders: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, _title, text: shown.append(text))
    garbage = user_folders / "notes.sqlite"
    garbage.write_bytes(b"not a database at all" * 100)

    assert app.run_gui(garbage, "en") == 1

    assert shown == [f"{garbage} is not an Entretien Desktop data file; it was left untouched."]
    assert "Cannot open" in (user_folders / "log" / app.LOG_FILE_NAME).read_text("utf-8")


def test_run_gui_shows_the_window_and_releases_the_file(qtbot: QtBot, user_folders: Path) -> None:
    db_path = user_folders / "data" / "x.sqlite"
    seen: list[str] = []

    def look_then_close() -> None:
        seen.extend(w.windowTitle() for w in QApplication.topLevelWidgets() if w.isVisible())
        QApplication.closeAllWindows()

    QTimer.singleShot(0, look_then_close)

    assert app.run_gui(db_path, "en") == 0

    assert seen == ["Entretien Desktop"]
    with open_database(db_path) as reopened:
        assert register_summary(reopened).empty
    assert (user_folders / "config" / app.SETTINGS_FILE_NAME).exists()


def test_create_demo_fills_the_file_with_the_demo_company(database: Database) -> None:
    app.create_demo(database)

    summary = register_summary(database)
    assert summary.company_name == "Menuiserie Duval SARL"
    assert summary.employees > 0
