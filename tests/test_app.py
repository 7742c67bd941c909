"""The composition root (app.py): ``run_gui``, and the ``Session`` that builds the real
workspace, feed, pages and window for a file and replaces them when another is opened."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from entretien_desktop import app, paths
from entretien_desktop.i18n import current_language
from entretien_desktop.services.company_file import import_company, load_company
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.storage import open_database
from entretien_desktop.ui.file_menu import recent_files
from entretien_desktop.ui.pages.settings_page import LANGUAGE_KEY
from tests.helpers import small_company

pytestmark = pytest.mark.gui


@pytest.fixture
def user_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(paths, "log_dir", lambda: tmp_path / "log")
    monkeypatch.setattr(paths, "config_dir", lambda: tmp_path / "config")
    return tmp_path


def test_run_gui_explains_a_file_it_cannot_open(
    qtbot: QtBot, user_folders: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown_texts: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text: shown_texts.append(text))
    garbage = user_folders / "notes.sqlite"
    garbage.write_bytes(b"not a database at all" * 100)

    assert app.run_gui(garbage, "en") == 1

    assert shown_texts == [
        f"{garbage} is not an Entretien Desktop data file; it was left untouched."
    ]
    assert "Cannot open" in (user_folders / "log" / app.LOG_FILE_NAME).read_text("utf-8")


def test_run_gui_shows_the_window_and_releases_the_file(qtbot: QtBot, user_folders: Path) -> None:
    db_path = user_folders / "data" / "x.sqlite"
    seen: list[str] = []
    # Windows an earlier test left open (in a random order, some do) are not this one's.
    earlier = {id(w) for w in QApplication.topLevelWidgets() if w.isVisible()}

    def look_then_close() -> None:
        seen.extend(
            w.windowTitle()
            for w in QApplication.topLevelWidgets()
            if w.isVisible() and id(w) not in earlier
        )
        QApplication.closeAllWindows()

    QTimer.singleShot(0, look_then_close)

    assert app.run_gui(db_path, "en") == 0

    assert seen == ["Entretien Desktop"]
    with open_database(db_path) as reopened:
        assert load_company(reopened) is None
    assert (user_folders / "config" / app.SETTINGS_FILE_NAME).exists()


def test_run_gui_speaks_the_language_chosen_in_the_settings(
    qtbot: QtBot, user_folders: Path
) -> None:
    app.interface_settings().setValue(LANGUAGE_KEY, "fr")
    spoken: list[str] = []

    def look_then_close() -> None:
        spoken.append(current_language())
        QApplication.closeAllWindows()

    QTimer.singleShot(0, look_then_close)
    assert app.run_gui(user_folders / "x.sqlite", None) == 0
    assert spoken == ["fr"]


def test_create_demo_fills_the_file_with_the_demo_company(tmp_path: Path) -> None:
    with open_database(tmp_path / "demo.sqlite") as database:
        workspace = Workspace(database)
        app.create_demo(workspace)
        company = workspace.require_company()
    assert company.name == "Menuiserie Duval SARL"
    assert len(company.employees) > 0
    with open_database(tmp_path / "demo.sqlite") as reopened:
        assert load_company(reopened) == company


def test_activating_an_employee_in_the_real_window_shows_their_page(
    qtbot: QtBot, tmp_path: Path, session: app.Session
) -> None:
    window = session.open(tmp_path / "demo.sqlite")
    qtbot.waitExposed(window)
    with qtbot.waitSignal(window.feed.report_ready, timeout=20_000):
        window.pages.welcome.demo_button.click()
    assert window.windowTitle() == "Entretien Desktop \u2014 Menuiserie Duval SARL"
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    table = window.pages.employees.table
    assert window.current_page() is window.pages.employees
    qtbot.waitUntil(lambda: table.model().rowCount() > 0, timeout=10_000)
    index = table.model().index(0, 0)
    table.scrollTo(index)

    centre = table.visualRect(index).center()
    # A double click, as the view sees one: a press on the row, then the second click.
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=centre)

    assert window.current_page() is window.pages.employee
    window.pages.employee.back_requested.emit()
    assert window.current_page() is window.pages.employees


def test_opening_another_file_replaces_the_window_and_frees_the_first(
    qtbot: QtBot, tmp_path: Path, session: app.Session
) -> None:
    first_path, second_path = tmp_path / "one.sqlite", tmp_path / "two.sqlite"
    with open_database(second_path) as second:
        Workspace(second).create_company(small_company("Second SARL"))
    first = session.open(first_path)
    qtbot.waitExposed(first)

    first.file_menu.open_file(second_path)

    assert session.window is not None
    assert session.window is not first
    assert session.window.windowTitle() == "Entretien Desktop \u2014 Second SARL"
    assert not first.isVisible()
    with open_database(first_path):  # the first file's lock was released
        pass
    assert recent_files(session.settings)[:2] == [second_path.resolve(), first_path.resolve()]


def test_a_file_that_cannot_be_opened_keeps_the_current_one(
    qtbot: QtBot, tmp_path: Path, session: app.Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    garbage = tmp_path / "garbage.sqlite"
    garbage.write_bytes(b"not a database at all" * 100)
    window = session.open(tmp_path / "kept.sqlite")

    window.file_menu.open_file(garbage)

    assert session.window is window
    assert window.isVisible()
    assert warnings == [f"{garbage} is not an Entretien Desktop data file; it was left untouched."]


def test_a_copy_of_the_open_file_is_saved(
    qtbot: QtBot, tmp_path: Path, session: app.Session
) -> None:
    window = session.open(tmp_path / "live.sqlite")
    window.workspace.create_company(small_company())
    window.file_menu.save_copy(tmp_path / "copy.sqlite")
    with open_database(tmp_path / "copy.sqlite") as copy:
        assert load_company(copy) == small_company()


def test_saving_another_language_switches_the_window_at_once(
    qtbot: QtBot, tmp_path: Path, session: app.Session
) -> None:
    window = session.open(tmp_path / "demo.sqlite")
    qtbot.waitExposed(window)
    with qtbot.waitSignal(window.feed.report_ready, timeout=20_000):
        window.pages.welcome.demo_button.click()
    settings_index = window.nav_pages.index(window.pages.settings)
    window.show_page(settings_index)
    page = window.pages.settings
    page.language.setCurrentIndex(page.language.findData("fr"))
    database = session.database
    page.save()
    qtbot.waitUntil(lambda: session.window is not window, timeout=10_000)
    switched = session.window
    assert switched is not None
    assert current_language() == "fr"
    assert switched.navigation.item(0).text() == "Tableau de bord"
    assert switched.current_page() is switched.pages.settings  # where the user was
    assert session.database is database  # the same open file, still locked by us
    assert switched.windowTitle().endswith("Menuiserie Duval SARL")
    qtbot.waitUntil(lambda: switched.feed.latest is not None, timeout=20_000)
    assert switched.workspace.require_company().name == "Menuiserie Duval SARL"


def test_undo_survives_a_language_switch(
    qtbot: QtBot, tmp_path: Path, session: app.Session
) -> None:
    window = session.open(tmp_path / "c.sqlite")
    workspace = window.workspace
    workspace.create_company(small_company())
    employee = workspace.employee("G1")
    workspace.save_employee(replace(employee, job_title="Cheffe d'atelier"), replacing="G1")
    assert window.undo_action.isEnabled()
    window.pages.settings.revert()
    page = window.pages.settings
    page.language.setCurrentIndex(page.language.findData("nl"))
    page.save()
    qtbot.waitUntil(lambda: session.window is not window, timeout=10_000)
    switched = session.window
    assert switched is not None
    assert switched.workspace is workspace  # the same company in memory, the same history
    assert switched.undo_action.isEnabled()
    assert "Éloïse Lefèvre" in switched.undo_action.text()  # described in Dutch now
    switched.undo()
    assert switched.workspace.employee("G1").job_title == employee.job_title
    assert session.database is not None
    stored = load_company(session.database)
    assert stored is not None
    assert stored.employees[0].job_title == employee.job_title


def _damaged_with_copy(db_path: Path) -> Path:
    """A data file of the small company, its copy beside it, then the file damaged."""
    with open_database(db_path) as database:
        import_company(database, small_company())
    copy = db_path.with_name(f"{db_path.name}.before-0006.bak")
    copy.write_bytes(db_path.read_bytes())
    connection = sqlite3.connect(db_path)
    with connection:
        connection.execute("UPDATE employee SET hire_date = 'someday'")
    connection.close()
    return copy


def _kept_damaged(db_path: Path) -> list[Path]:
    damaged = db_path.parent.glob(f"{db_path.name}.damaged-*")
    return [p for p in damaged if not p.name.endswith(("-wal", "-shm"))]


@pytest.mark.parametrize("answer", ["restore_copy", "close"])
def test_a_damaged_file_opened_from_the_file_menu_can_be_replaced_by_its_copy(
    qtbot: QtBot,
    tmp_path: Path,
    session: app.Session,
    monkeypatch: pytest.MonkeyPatch,
    answer: str,
) -> None:
    damaged = tmp_path / "damaged.sqlite"
    copy = _damaged_with_copy(damaged)
    asked: list[str] = []

    def click(box: QMessageBox) -> int:
        asked.append(box.text())
        if answer == "restore_copy":
            box.findChild(QPushButton, "restore_copy").click()
        else:
            box.button(QMessageBox.StandardButton.Close).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", click)
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    window = session.open(tmp_path / "kept.sqlite")

    window.file_menu.open_file(damaged)

    assert len(asked) == 1 and str(copy) in asked[0]
    assert warnings == []  # said once, in the offer
    if answer == "restore_copy":
        assert session.window is not window
        assert session.window is not None and "Garage" in session.window.windowTitle()
        assert len(_kept_damaged(damaged)) == 1
    else:
        assert session.window is window and window.isVisible()
        assert _kept_damaged(damaged) == []


def test_a_damaged_file_with_a_copy_beside_it_can_be_replaced_by_the_copy(
    qtbot: QtBot, user_folders: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db_path = user_folders / "data" / "x.sqlite"
    db_path.parent.mkdir()
    copy = _damaged_with_copy(db_path)
    asked: list[str] = []

    def click_restore(box: QMessageBox) -> int:
        asked.append(box.text())
        box.findChild(QPushButton, "restore_copy").click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", click_restore)
    seen: list[str] = []

    def look_then_close() -> None:
        seen.extend(w.windowTitle() for w in QApplication.topLevelWidgets() if w.isVisible())
        QApplication.closeAllWindows()

    QTimer.singleShot(0, look_then_close)
    assert app.run_gui(db_path, "en") == 0
    assert len(asked) == 1 and "is damaged" in asked[0] and str(copy) in asked[0]
    assert any("Garage" in title for title in seen)
    kept = [
        p
        for p in db_path.parent.glob("x.sqlite.damaged-*")
        if not p.name.endswith(("-wal", "-shm"))
    ]
    assert len(kept) == 1 and b"someday" in kept[0].read_bytes()


@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_a_file_the_system_asks_to_open_is_opened_as_from_the_file_menu(
    qtbot: QtBot, tmp_path: Path, session: app.Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    """macOS hands a file opened from the Finder to the running program as an event."""
    asked = tmp_path / "asked.entretien"
    with open_database(asked) as database:
        import_company(database, small_company())
    first = session.open(tmp_path / "first.entretien")
    application = QApplication.instance()
    assert application is not None

    QApplication.sendEvent(application, QFileOpenEvent(str(asked)))
    opened = session.window
    assert opened is not None and opened is not first and "Garage" in opened.windowTitle()
    assert session.database is not None and session.database.path == asked

    QApplication.sendEvent(application, QFileOpenEvent(str(asked)))  # open already
    assert session.window is opened

    refused: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: refused.append(text))
    garbage = tmp_path / "notes.entretien"
    garbage.write_bytes(b"not a database at all" * 100)
    QApplication.sendEvent(application, QFileOpenEvent(str(garbage)))
    assert session.window is opened
    assert len(refused) == 1 and str(garbage) in refused[0]


@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_a_file_asked_for_before_the_first_window_is_opened_after_it(
    qtbot: QtBot, tmp_path: Path, session: app.Session
) -> None:
    asked = tmp_path / "asked.entretien"
    application = QApplication.instance()
    assert application is not None
    QApplication.sendEvent(application, QFileOpenEvent(str(asked)))
    assert session.window is None
    session.open(tmp_path / "default.entretien")
    qtbot.waitUntil(lambda: session.database is not None and session.database.path == asked)
