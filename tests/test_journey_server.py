"""The journey of issue 20 through the real windows: two users with different roles work
on one company on a PostgreSQL server, each in their own window and connection (their own
program's client id, as two processes are). The HR user sees every site, the Lyon
manager only Lyon; each sees the other's saves arrive; a save over the other's newer one
is refused with who and when, and after Reload the manager's typing is kept and saved;
the company then goes back to a file that works as before."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from entretien_desktop.cli import EXIT_OK, main
from entretien_desktop.domain import Employee
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.storage import open_database, open_server
from entretien_desktop.ui.dialogs.employee_dialog import EmployeeDialog
from entretien_desktop.ui.live_updates import LiveUpdates
from tests.postgres_server import postgres_server, postgres_url  # noqa: F401
from tests.qt_helpers import WAIT_MS, window_on
from tests.test_server_roles import TODAY, USERS, _as, company_url  # noqa: F401

pytestmark = [pytest.mark.gui, pytest.mark.postgres]


class Desk:
    """One user's window on the server."""

    def __init__(self, qtbot: QtBot, url: str, login: str, folder: Path) -> None:
        self.database = open_server(_as(url, login))
        workspace = Workspace(self.database, today=lambda: TODAY)
        workspace.user_name = USERS[login][2]
        self.window = window_on(qtbot, workspace, folder / f"{login}.ini")
        self.window.show()
        live = self.window.findChild(LiveUpdates)
        assert live is not None and live.watching
        self.live = live

    @property
    def workspace(self) -> Workspace:
        return self.window.workspace

    def edit(self, ref: str) -> EmployeeDialog:
        """Employees › the employee › Edit, as the user opens it."""
        self.window.show_employee(ref)
        self.window.pages.employee.edit_employee()
        dialog = self.window.pages.employee.edit_dialog
        assert isinstance(dialog, EmployeeDialog)
        return dialog

    def close(self) -> None:
        self.window.close()
        self.window.feed.pool.waitForDone()
        self.database.close()


@pytest.fixture
def desks(qtbot: QtBot, company_url: str, tmp_path: Path) -> Iterator[tuple[Desk, Desk]]:  # noqa: F811
    claire = Desk(qtbot, company_url, "rh_claire", tmp_path)
    marc = Desk(qtbot, company_url, "lyon_marc", tmp_path)
    yield claire, marc
    marc.close()
    claire.close()


def _type(qtbot: QtBot, dialog: EmployeeDialog, job: str) -> None:
    dialog.job_edit.clear()
    qtbot.keyClicks(dialog.job_edit, job)


def test_two_users_with_two_roles_on_one_server(
    qtbot: QtBot,
    desks: tuple[Desk, Desk],
    company_url: str,  # noqa: F811
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    claire, marc = desks
    everyone = claire.workspace.require_company().employees
    lyon = [e for e in everyone if e.site == "Lyon"]
    assert {e.site for e in everyone} == {"Lyon", "Villeurbanne"}
    # The Lyon manager's register holds Lyon only: the server gave him no other row.
    assert {e.ref for e in marc.workspace.require_company().employees} == {e.ref for e in lyon}

    def shown(company: tuple[Employee, ...]) -> int:  # the register lists those not gone
        return sum(1 for e in company if e.exit_date is None or e.exit_date >= TODAY)

    assert marc.window.pages.employees.proxy.rowCount() == shown(tuple(lyon))
    assert claire.window.pages.employees.proxy.rowCount() == shown(everyone) > shown(tuple(lyon))

    # Each window says who is connected, with their role.
    assert claire.window.path_label.text().endswith("— Claire Fabre (human resources)")
    assert marc.window.path_label.text().endswith("— Marc Girard (site manager)")

    ref = lyon[0].ref
    # Marc starts changing the job title; Claire saves another one first.
    his = marc.edit(ref)
    _type(qtbot, his, "Chef d'atelier")
    hers = claire.edit(ref)
    _type(qtbot, hers, "Menuisiere confirmee")
    with qtbot.waitSignal(marc.live.refreshed, timeout=WAIT_MS):  # Claire's save arrives
        qtbot.mouseClick(hers.ok_button, Qt.MouseButton.LeftButton)
    assert not hers.isVisible()
    assert marc.workspace.employee(ref).job_title == "Menuisiere confirmee"

    # Marc's save is refused, naming Claire; what he typed stays; nothing is overwritten.
    qtbot.mouseClick(his.ok_button, Qt.MouseButton.LeftButton)
    assert his.isVisible()
    assert "changed by Claire Fabre at" in his.problems_shown()["general"]
    assert his.job_edit.text() == "Chef d'atelier"
    claire.workspace.reload()
    assert claire.workspace.employee(ref).job_title == "Menuisiere confirmee"

    # He chooses Reload, then OK: his title is saved over hers, and she sees it arrive.
    box = his.reload_box
    assert isinstance(box, QMessageBox)
    reload_button = next(b for b in box.buttons() if b.text() == "&Reload")
    qtbot.mouseClick(reload_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(claire.live.refreshed, timeout=WAIT_MS):
        qtbot.mouseClick(his.ok_button, Qt.MouseButton.LeftButton)
    assert not his.isVisible()
    assert claire.workspace.employee(ref).job_title == "Chef d'atelier"

    # The company goes back to a file, which works on one laptop as before.
    file = tmp_path / "atelier.entretien"
    assert main(["copy", "--from", company_url, "--to", str(file)]) == EXIT_OK
    capsys.readouterr()
    with open_database(file) as database:
        alone = Workspace(database, today=lambda: TODAY)
        assert alone.employee(ref).job_title == "Chef d'atelier"
        assert len(alone.require_company().employees) == len(everyone)
        alone.save_employee(replace(alone.employee(ref), job_title="Ébéniste"), replacing=ref)
        assert alone.employee(ref).job_title == "Ébéniste"
        assert alone.undo()
        assert alone.employee(ref).job_title == "Chef d'atelier"
    assert main(["check", "--db", str(file), "--as-of", TODAY.isoformat(), "--json"]) == EXIT_OK
