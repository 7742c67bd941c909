"""The main window: title, welcome or navigation, shortcuts, employee page, status bar, menus.

The pages of the other screens are stand-ins here (constructor injection); the real
composition (``app.Session``) is tested in ``test_app.py``.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QSize, Qt, QThreadPool, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from entretien_desktop.domain import Company, Interview, InterviewKind, InterviewStatus
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.storage import Database, StorageError, open_database
from entretien_desktop.ui.crash import install_crash_handler
from entretien_desktop.ui.dialogs.passphrase_dialog import ChoosePassphraseDialog
from entretien_desktop.ui.feed import ObligationsFeed, _Evaluation
from entretien_desktop.ui.file_menu import FileActions, recent_files, remember_file
from entretien_desktop.ui.main_window import DEFAULT_SIZE, MainWindow, Pages, default_size
from entretien_desktop.ui.pages.settings_page import SettingsPage
from entretien_desktop.ui.pages.welcome import WelcomePage
from tests.helpers import small_company

pytestmark = pytest.mark.gui

TODAY = date(2026, 11, 22)


class StandInList(QWidget):
    """Stands for the dashboard, employees, interviews, campaigns and training pages."""

    employee_activated = Signal(str)

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.calls: list[str] = []

    def new_employee(self) -> None:
        self.calls.append("new_employee")

    def focus_search(self) -> None:
        self.calls.append("focus_search")


class StandInEmployee(QWidget):
    back_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.shown: list[str] = []

    def show_employee(self, ref: str) -> None:
        self.shown.append(ref)


@dataclass
class FakeFiles:
    calls: list[tuple[str, object]] = field(default_factory=list)
    error: Exception | None = None

    def _record(self, name: str, argument: object = None) -> None:
        self.calls.append((name, argument))
        if self.error is not None:
            raise self.error

    def actions(self) -> FileActions:
        return FileActions(
            open_file=lambda path: self._record("open", path),
            new_file=lambda path, passphrase: self._record("new", (path, passphrase)),
            save_copy=lambda path: self._record("copy", path),
            create_demo=lambda: self._record("demo"),
            user_errors=(StorageError,),
        )


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    with open_database(tmp_path / "x.sqlite") as db:
        yield db


@pytest.fixture
def workspace(database: Database) -> Workspace:
    return Workspace(database, today=lambda: TODAY)


@pytest.fixture
def feed(workspace: Workspace) -> Iterator[ObligationsFeed]:
    pool = QThreadPool()
    yield ObligationsFeed(workspace, pool)
    pool.waitForDone()


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "interface.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def files() -> FakeFiles:
    return FakeFiles()


def make_window(
    qtbot: QtBot,
    workspace: Workspace,
    feed: ObligationsFeed,
    settings: QSettings,
    files: FakeFiles,
) -> MainWindow:
    pages = Pages(
        welcome=WelcomePage(workspace),
        dashboard=StandInList("dashboard"),  # type: ignore[arg-type]
        employees=StandInList("employees"),  # type: ignore[arg-type]
        interviews=StandInList("interviews"),  # type: ignore[arg-type]
        campaigns=StandInList("campaigns"),  # type: ignore[arg-type]
        training=StandInList("training"),  # type: ignore[arg-type]
        settings=SettingsPage(workspace, settings),
        employee=StandInEmployee(),  # type: ignore[arg-type]
    )
    window = MainWindow(workspace, feed, pages, settings, files.actions())
    qtbot.addWidget(window)
    return window


@pytest.fixture
def window(
    qtbot: QtBot,
    workspace: Workspace,
    feed: ObligationsFeed,
    settings: QSettings,
    files: FakeFiles,
) -> MainWindow:
    return make_window(qtbot, workspace, feed, settings, files)


@pytest.fixture
def company_window(window: MainWindow, workspace: Workspace) -> MainWindow:
    workspace.create_company(small_company())
    return window


def shown(qtbot: QtBot, window: MainWindow) -> MainWindow:
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    qtbot.waitUntil(window.isActiveWindow)
    return window


# -- title and central area -------------------------------------------------------------------
def test_an_empty_file_shows_the_welcome_page_without_navigation(window: MainWindow) -> None:
    assert window.windowTitle() == "Entretien Desktop"
    assert window.central.currentWidget() is window.pages.welcome
    assert not window.new_employee_action.isEnabled()
    assert not window.edit_menu.menuAction().isVisible()


def test_title_names_the_company_and_the_navigation_appears(
    qtbot: QtBot, company_window: MainWindow
) -> None:
    window = shown(qtbot, company_window)
    assert window.windowTitle() == "Entretien Desktop \u2014 Garage Lefèvre"
    assert window.central.currentWidget() is window.workbench
    assert window.navigation.isVisible()
    assert window.current_page() is window.pages.dashboard
    assert [window.navigation.item(i).text() for i in range(window.navigation.count())] == [
        "Dashboard",
        "Employees",
        "Interviews",
        "Campaigns",
        "Training plan",
        "Settings",
    ]


def test_a_renamed_company_renames_the_window(
    company_window: MainWindow, workspace: Workspace
) -> None:
    workspace.update_company(replace(workspace.require_company(), name="Garage Neuf"))
    assert company_window.windowTitle() == "Entretien Desktop \u2014 Garage Neuf"


# -- navigation ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("key", "page"),
    [
        (Qt.Key.Key_2, "employees"),
        (Qt.Key.Key_3, "interviews"),
        (Qt.Key.Key_4, "campaigns"),
        (Qt.Key.Key_5, "training"),
        (Qt.Key.Key_6, "settings"),
        (Qt.Key.Key_1, "dashboard"),
    ],
)
def test_shortcuts_switch_pages(
    qtbot: QtBot, company_window: MainWindow, key: Qt.Key, page: str
) -> None:
    window = shown(qtbot, company_window)
    if page == "dashboard":
        qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, key, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page() is getattr(window.pages, page)


def test_ctrl_n_and_ctrl_f_go_to_the_employees(qtbot: QtBot, company_window: MainWindow) -> None:
    window = shown(qtbot, company_window)
    employees = window.pages.employees
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page() is employees
    window.show_page(0)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page() is employees
    assert employees.calls == ["new_employee", "focus_search"]  # type: ignore[attr-defined]


def test_any_page_opens_an_employee_and_back_returns_there(company_window: MainWindow) -> None:
    window = company_window
    window.show_page(2)
    window.pages.interviews.employee_activated.emit("G2")
    assert window.current_page() is window.pages.employee
    assert window.pages.employee.shown == ["G2"]  # type: ignore[attr-defined]
    window.pages.employee.back_requested.emit()
    assert window.current_page() is window.pages.interviews
    assert window.navigation.currentRow() == 2


def test_a_page_can_be_chosen_again_from_the_employee_page(company_window: MainWindow) -> None:
    window = company_window
    window.pages.dashboard.employee_activated.emit("G1")
    window.navigation.setCurrentRow(0)
    assert window.current_page() is window.pages.dashboard


# -- status bar ---------------------------------------------------------------------------
def test_status_bar_shows_the_file_and_its_state(
    qtbot: QtBot, window: MainWindow, workspace: Workspace, feed: ObligationsFeed
) -> None:
    assert str(workspace.path) in window.path_label.text()
    assert window.statusBar().isAncestorOf(window.path_label)
    assert window.state_label.text() == ""
    with qtbot.waitSignal(feed.busy_changed, check_params_cb=lambda busy: busy):
        workspace.create_company(small_company())
    assert window.state_label.text() == "Updating obligations…"
    qtbot.waitUntil(lambda: window.state_label.text() == "Saved", timeout=10_000)


def test_window_geometry_is_remembered(
    qtbot: QtBot,
    workspace: Workspace,
    feed: ObligationsFeed,
    settings: QSettings,
    files: FakeFiles,
) -> None:
    first = make_window(qtbot, workspace, feed, settings, files)
    first.resize(700, 500)
    first.close()
    second = make_window(qtbot, workspace, feed, settings, files)
    assert (second.width(), second.height()) == (700, 500)


# -- files --------------------------------------------------------------------------------
def test_recent_files_keep_five_existing_ones_newest_first(
    tmp_path: Path, settings: QSettings
) -> None:
    only = tmp_path / "only.sqlite"
    only.write_bytes(b"")
    remember_file(settings, only)
    assert recent_files(settings) == [only]
    made = []
    for number in range(7):
        path = tmp_path / f"f{number}.sqlite"
        path.write_bytes(b"")
        remember_file(settings, path)
        made.append(path)
    made[5].unlink()
    assert recent_files(settings) == [made[6], made[4], made[3], made[2]]


def test_open_recent_lists_the_other_files_and_opens_one(
    tmp_path: Path, window: MainWindow, settings: QSettings, files: FakeFiles
) -> None:
    other = tmp_path / "other.sqlite"
    other.write_bytes(b"")
    gone = tmp_path / "gone.sqlite"
    remember_file(settings, gone)
    remember_file(settings, other)
    remember_file(settings, window.workspace.path)

    window.file_menu.fill_recent_menu()

    actions = window.file_menu.recent_menu.actions()
    assert [a.data() for a in actions] == [str(other)]
    actions[0].trigger()
    assert files.calls == [("open", other)]


def test_an_empty_recent_menu_says_so(window: MainWindow) -> None:
    window.file_menu.fill_recent_menu()
    assert [a.text() for a in window.file_menu.recent_menu.actions()] == ["No recent files"]


def _without_passphrase(dialog: ChoosePassphraseDialog) -> int:
    """The new file's passphrase dialog, answered "Without a passphrase"."""
    dialog.findChild(QPushButton, "without_passphrase").click()
    return int(dialog.result())


def test_file_menu_actions_call_the_file_operations(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, company_window: MainWindow, files: FakeFiles
) -> None:
    def save_name(*_args: object, **_kwargs: object) -> tuple[str, str]:
        return str(tmp_path / "new one"), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_name)
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(tmp_path / "b.sqlite"), "")
    )
    monkeypatch.setattr(ChoosePassphraseDialog, "exec", _without_passphrase)
    company_window.file_menu.new_file_action.trigger()
    company_window.file_menu.open_file_action.trigger()
    company_window.file_menu.save_copy_action.trigger()
    assert files.calls == [
        ("new", (tmp_path / "new one.entretien", None)),  # gets the program's extension
        ("open", tmp_path / "b.sqlite"),  # an earlier version's file still opens
        ("copy", tmp_path / "new one"),
    ]


def test_new_never_takes_an_existing_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, window: MainWindow, files: FakeFiles
) -> None:
    existing = tmp_path / "kept.sqlite"
    existing.write_bytes(b"precious")
    warnings: list[str] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(existing), ""))
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    window.file_menu.new_file_action.trigger()
    assert files.calls == []
    assert str(existing) in warnings[0]
    assert existing.read_bytes() == b"precious"


def test_a_user_error_of_a_file_operation_is_shown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, window: MainWindow, files: FakeFiles
) -> None:
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    files.error = StorageError("The disk is full.")
    window.file_menu.open_file(tmp_path / "elsewhere.sqlite")
    window.pages.welcome.demo_button.click()
    assert warnings == ["The disk is full.", "The disk is full."]
    assert QApplication.overrideCursor() is None
    assert window.central.currentWidget() is window.pages.welcome


def test_the_open_file_is_not_opened_twice_nor_copied_onto_itself(
    monkeypatch: pytest.MonkeyPatch, window: MainWindow, files: FakeFiles
) -> None:
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    window.file_menu.open_file(window.workspace.path)
    window.file_menu.save_copy(window.workspace.path)
    assert files.calls == []
    assert warnings == ["A copy needs another name than the open file."]


def test_welcome_buttons_ask_the_window(
    monkeypatch: pytest.MonkeyPatch, window: MainWindow, files: FakeFiles
) -> None:
    asked: list[bool] = []

    def cancelled(*_args: object) -> tuple[str, str]:
        asked.append(True)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", cancelled)
    window.pages.welcome.open_button.click()
    window.pages.welcome.demo_button.click()
    assert asked == [True]
    assert files.calls == [("demo", None)]


# -- help, quit, crash --------------------------------------------------------------------
def test_about_says_it_is_not_legal_advice(
    monkeypatch: pytest.MonkeyPatch, window: MainWindow
) -> None:
    texts: list[str] = []
    monkeypatch.setattr(QMessageBox, "about", lambda _p, _t, text: texts.append(text))
    window.about_action.trigger()
    assert "This is not legal advice." in texts[0]
    assert "0.1.0" in texts[0] or "Version" in texts[0]


def test_quit_closes_the_window(qtbot: QtBot, window: MainWindow) -> None:
    shown(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert not window.isVisible()


def test_the_crash_dialog_shows_the_traceback_and_the_log(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[tuple[str, str, str]] = []

    def record(box: QMessageBox) -> int:
        seen.append((box.text(), box.informativeText(), box.detailedText()))
        return 0

    monkeypatch.setattr(QMessageBox, "exec", record)
    handler = install_crash_handler(tmp_path / "app.log")
    try:
        try:
            raise ZeroDivisionError("boom")
        except ZeroDivisionError as error:
            handler.handle(ZeroDivisionError, error, error.__traceback__)
    finally:
        handler.uninstall()
    title, information, details = seen[0]
    assert title == "Something went wrong"
    assert str(tmp_path / "app.log") in information
    assert "ZeroDivisionError: boom" in details


# -- undo -----------------------------------------------------------------------------------
def test_edit_undo_names_the_change_and_takes_it_back(
    qtbot: QtBot, company_window: MainWindow, workspace: Workspace
) -> None:
    window = company_window
    assert window.edit_menu.menuAction().isVisible()
    assert not window.undo_action.isEnabled()
    before = workspace.employee("G1")
    workspace.save_employee(replace(before, job_title="Cheffe d'atelier"), replacing="G1")
    assert window.undo_action.isEnabled()
    assert window.undo_action.text() == "&Undo changes to Éloïse Lefèvre"
    assert window.undo_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Undo)
    qtbot.keyClick(shown(qtbot, window), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert workspace.employee("G1") == before
    assert window.statusBar().currentMessage() == "Undone: changes to Éloïse Lefèvre"
    assert window.redo_action.text() == "&Redo changes to Éloïse Lefèvre"
    assert not window.undo_action.isEnabled()
    window.redo_action.trigger()
    assert workspace.employee("G1").job_title == "Cheffe d'atelier"


def test_an_undo_that_cannot_be_done_says_why(
    monkeypatch: pytest.MonkeyPatch, company_window: MainWindow, workspace: Workspace
) -> None:
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    planned = Interview("G1-2", InterviewKind.PROFESSIONAL, InterviewStatus.PLANNED, TODAY)
    workspace.put_interview("G1", planned)
    with workspace.change():  # a change that makes no undo step of its own
        workspace.put_interview("G1", replace(planned, place="Bureau"), announce=False)
    company_window.undo_action.trigger()
    assert warnings == ["Éloïse Lefèvre has changed since: this can no longer be undone."]
    assert workspace.employee("G1").interviews[-1].place == "Bureau"
    assert not company_window.undo_action.isEnabled()


def test_closing_the_window_waits_for_a_running_evaluation(
    company_window: MainWindow, workspace: Workspace, feed: ObligationsFeed
) -> None:
    # A slow evaluation, still running when the window closes: its result goes through an
    # object Qt deletes with the window, so the window must not go before it is done.
    started, release, finished = threading.Event(), threading.Event(), threading.Event()
    company = workspace.require_company()

    def slow_company() -> Company:
        started.set()
        release.wait(timeout=5)
        finished.set()
        return company

    feed.pool.start(_Evaluation(workspace.version, slow_company, TODAY, feed._relay))
    assert started.wait(timeout=5)
    threading.Timer(0.3, release.set).start()  # the evaluation ends a moment later
    company_window.close()
    assert finished.is_set()


def test_the_first_window_fits_a_small_screen() -> None:
    assert default_size(QSize(1920, 1080)) == DEFAULT_SIZE
    assert default_size(QSize(1024, 740)) == (1024, min(DEFAULT_SIZE[1], 740))
    assert default_size(QSize(1024, 600)) == (1024, 600)


def test_the_file_dialogs_show_new_and_earlier_data_files(
    monkeypatch: pytest.MonkeyPatch, company_window: MainWindow
) -> None:
    filters: list[str] = []

    def open_name(_parent: object, _title: str, _folder: str, chosen: str) -> tuple[str, str]:
        filters.append(chosen)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", open_name)
    company_window.file_menu.open_file_action.trigger()
    assert filters[0].startswith("Entretien Desktop data files (*.entretien *.sqlite)")


def test_file_restore_opens_the_backups_of_the_file_and_then_the_restored_file(
    company_window: MainWindow, files: FakeFiles, tmp_path: Path
) -> None:
    company_window.file_menu.restore_action.trigger()
    dialog = company_window.file_menu.restore_window
    assert dialog is not None and dialog.isVisible()
    assert dialog.folder == company_window.file_menu.path.parent / "backups"
    dialog.restored.emit(tmp_path / "restored.entretien")
    assert files.calls[-1] == ("open", tmp_path / "restored.entretien")


def test_file_records_past_retention_purges_and_nothing_can_be_undone(
    qtbot: QtBot, window: MainWindow, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert not window.file_menu.purge_action.isEnabled()  # no company yet
    company = small_company()
    leaver = replace(company.employees[1], ref="G9", exit_date=date(2019, 1, 31))
    workspace.create_company(replace(company, employees=(*company.employees, leaver)))
    workspace.update_employee("G2", lambda: "changes to G2", job_title="Mechanic")
    assert window.undo_action.isEnabled()
    monkeypatch.setattr(QMessageBox, "question", lambda *_args: QMessageBox.StandardButton.Yes)
    window.file_menu.purge_action.trigger()
    dialog = window.purge_dialog
    assert dialog.isVisible() and dialog.table.rowCount() == 1
    dialog.delete_button.click()
    assert [e.ref for e in workspace.require_company().employees] == ["G1", "G2"]
    assert "deleted for good" in window.statusBar().currentMessage()
    assert not window.undo_action.isEnabled()
