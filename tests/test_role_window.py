"""The window follows the connected user's role on a server (docs/server.md, "Users and
roles"; services/permissions.py, ui/role_window.py): the accountant's window greys every
change with the reason and still prints and exports; a site manager cannot change the
company's settings, templates or seal but edits their site's employees, only within their
sites; HR's window and a file's are as before."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QWidget
from pytestqt.qtbot import QtBot

from entretien_desktop.services.demo import build_demo_company
from entretien_desktop.services.permissions import Access, Permission
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.storage import Database, open_database, open_server
from entretien_desktop.ui.dialogs.employee_dialog import EmployeeDialog
from entretien_desktop.ui.main_window import MainWindow
from entretien_desktop.ui.role_window import REASON
from tests.postgres_server import postgres_server, postgres_url  # noqa: F401
from tests.qt_helpers import window_on
from tests.test_server_roles import TODAY, USERS, _as, company_url  # noqa: F401

REGISTER = "Your role (accountant) cannot change the register"
COMPANY = (
    "Your role (site manager) cannot change the company's profile, rules, templates, "
    "campaigns, seal or users"
)


def test_each_role_may_change_what_the_server_lets_it() -> None:
    file, hr = Access(), Access(on_server=True, role="hr")
    manager = Access(on_server=True, role="site_manager", sites=("Lyon",))
    accountant = Access(on_server=True, role="accountant")
    for access in (file, hr):
        assert access.allows(Permission.REGISTER) and access.allows(Permission.COMPANY)
        assert access.refusal(Permission.COMPANY) == ""
    assert manager.allows(Permission.REGISTER) and not manager.allows(Permission.COMPANY)
    assert manager.refusal(Permission.COMPANY) == COMPANY
    assert accountant.read_only
    assert accountant.refusal(Permission.REGISTER) == REGISTER
    assert accountant.refusal(Permission.COMPANY) == REGISTER
    unlisted = Access(on_server=True, role=None)
    assert unlisted.read_only and "not one of the company's users" in unlisted.refusal(
        Permission.REGISTER
    )


def _window(qtbot: QtBot, database: Database, folder: Path, name: str) -> MainWindow:
    workspace = Workspace(database, today=lambda: TODAY)
    workspace.user_name = name
    window = window_on(qtbot, workspace, folder / f"{name}.ini")
    window.show()
    return window


@pytest.fixture
def as_login(
    qtbot: QtBot,
    company_url: str,  # noqa: F811
    tmp_path: Path,
) -> Iterator[object]:
    """Opens a window on the demo company as one of ``USERS``."""
    opened: list[tuple[MainWindow, Database]] = []

    def open_as(login: str) -> MainWindow:
        database = open_server(_as(company_url, login))
        window = _window(qtbot, database, tmp_path, login)
        opened.append((window, database))
        return window

    yield open_as
    for window, database in opened:
        window.close()
        window.feed.pool.waitForDone()
        database.close()


def _greyed(target: QWidget | QAction, reason: str) -> bool:
    return not target.isEnabled() and target.toolTip() == reason


def _edit_actions(window: MainWindow) -> list[QWidget | QAction]:
    pages = window.pages
    actions = pages.interviews.interview_actions
    return [
        window.new_employee_action,
        window.file_menu.import_sheet_action,
        window.file_menu.dsn_import_action,
        window.file_menu.purge_action,
        pages.employees.new_button,
        pages.employee.edit_button,
        pages.employee.add_button,
        actions.invite_button,
        actions.sign_button,
        pages.campaigns.new_button,
        pages.campaigns.plan_button,
        pages.settings.form,
        pages.settings.templates_button,
        pages.settings.seal_button,
    ]


@pytest.mark.gui
@pytest.mark.postgres
def test_the_accountants_window_is_read_only_and_still_prints_and_exports(
    qtbot: QtBot, as_login: object
) -> None:
    assert callable(as_login)
    window: MainWindow = as_login("compta_anne")
    assert window.path_label.text().endswith("— Anne Roy (accountant)")
    read_only = window.findChild(QLabel, "role_state")
    assert isinstance(read_only, QLabel) and read_only.text() == "Read only"
    assert read_only.toolTip() == REGISTER
    ref = window.workspace.require_company().employees[0].ref
    window.show_employee(ref)  # the page enables its buttons for the employee shown…
    window.show_page(2)  # …and the interviews' as one is chosen
    window.pages.interviews.table.selectRow(0)
    for target in _edit_actions(window):
        assert _greyed(target, REGISTER), target
    # A double-click on a row of the history opens nothing to change either.
    window.show_employee(ref)
    timeline = window.pages.employee.timeline
    rows = [timeline.topLevelItem(i) for i in range(timeline.topLevelItemCount())]
    for row in rows:
        timeline.setCurrentItem(row)
        if timeline.selected_record() is not None:
            break
    assert timeline.selected_record() is not None
    timeline.itemActivated.emit(timeline.currentItem(), 0)
    assert not [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()
    ]
    # What changes nothing stays: printing, verifying, exporting, the journal.
    assert window.file_menu.print_action.isEnabled()
    assert window.file_menu.verify_action.isEnabled()
    assert window.file_menu.journal_action.isEnabled()
    assert window.pages.dashboard.excel_button.isEnabled()
    assert window.pages.interviews.interview_actions.year_button.isEnabled()
    # A refresh of the window (another user's change arriving) keeps them greyed.
    window.refresh()
    assert _greyed(window.new_employee_action, REGISTER)


@pytest.mark.gui
@pytest.mark.postgres
def test_a_site_managers_company_settings_are_greyed_and_sites_are_theirs(
    qtbot: QtBot, as_login: object
) -> None:
    assert callable(as_login)
    window: MainWindow = as_login("lyon_marc")
    settings = window.pages.settings
    window.show_page(5)
    for target in (
        settings.form,
        settings.privacy,
        settings.templates_button,
        settings.seal_button,
        window.pages.campaigns.new_button,
    ):
        assert _greyed(target, COMPANY), target
    # The rules are greyed with their box; this computer's settings are not.
    assert not settings.numbers["due_soon_days"].isEnabled()
    assert settings.language.isEnabled() and settings.journal_name.isEnabled()
    # The register of his site he changes (a campaign's planning too), within his sites only.
    assert window.pages.campaigns.plan_button.property(REASON) is None
    assert window.new_employee_action.isEnabled()
    assert window.pages.employees.new_button.isEnabled()
    ref = window.workspace.require_company().employees[0].ref
    window.show_employee(ref)
    assert window.pages.employee.edit_button.isEnabled()
    window.pages.employee.edit_employee()
    dialog = window.pages.employee.edit_dialog
    assert isinstance(dialog, EmployeeDialog)
    combo = dialog.site_combo
    assert not combo.isEditable()
    assert [combo.itemText(i) for i in range(combo.count())] == ["Lyon"]
    assert combo.currentText() == "Lyon"
    dialog.reject()
    # Saving the settings keeps his language and name, and writes nothing of the company.
    settings.journal_name.setText("Marc G.")
    settings.save()
    assert window.workspace.user_name == "Marc G."


@pytest.mark.gui
@pytest.mark.postgres
def test_the_hr_window_is_as_before(qtbot: QtBot, as_login: object) -> None:
    assert callable(as_login)
    window: MainWindow = as_login("rh_claire")
    ref = window.workspace.require_company().employees[0].ref
    window.show_employee(ref)
    for target in _edit_actions(window):
        assert target.property(REASON) is None, target
    assert window.new_employee_action.isEnabled()
    assert window.pages.employee.edit_button.isEnabled()
    assert window.pages.settings.form.isEnabled()
    assert window.pages.settings.templates_button.isEnabled()
    assert window.findChild(QLabel, "role_state") is None
    window.pages.employee.edit_employee()
    dialog = window.pages.employee.edit_dialog
    assert isinstance(dialog, EmployeeDialog)
    assert dialog.site_combo.isEditable() and dialog.site_combo.count() == 2
    dialog.reject()


@pytest.mark.gui
def test_a_files_window_is_as_before(qtbot: QtBot, tmp_path: Path) -> None:
    database = open_database(tmp_path / "atelier.entretien")
    with database.unit_of_work() as uow:
        uow.company.add(build_demo_company(TODAY))
        uow.commit()
    window = _window(qtbot, database, tmp_path, "Claire")
    try:
        assert window.workspace.access == Access()
        ref = window.workspace.require_company().employees[0].ref
        window.show_employee(ref)
        for target in _edit_actions(window):
            assert target.property(REASON) is None, target
        assert window.new_employee_action.isEnabled()
        assert window.pages.employee.edit_button.isEnabled()
        assert window.pages.settings.form.isEnabled()
    finally:
        window.close()
        window.feed.pool.waitForDone()
        database.close()
