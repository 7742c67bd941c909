"""Two users in the window on one server (issue 20 part 3): the second user's form of an
interview being typed in is read-only and says who types since when; a form or an employee
dialog saving over another user's newer save says who and when, offers Reload, and never
loses what was typed nor overwrites silently."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from entretien_desktop.services import signing
from entretien_desktop.services.errors import ChangeRefused, StaleRecordError
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.storage import open_server
from entretien_desktop.ui.changes import run_change
from entretien_desktop.ui.dialogs.employee_dialog import EmployeeDialog
from entretien_desktop.ui.forms.interview_wizard import InterviewWizard
from tests.helpers import TODAY, small_company
from tests.postgres_server import postgres_server, postgres_url  # noqa: F401
from tests.qt_helpers import WAIT_MS

pytestmark = [pytest.mark.gui, pytest.mark.postgres]


@pytest.fixture
def two_users(postgres_url: str) -> Iterator[tuple[Workspace, Workspace]]:  # noqa: F811
    first, second = open_server(postgres_url), open_server(postgres_url)
    try:
        claire = Workspace(first, today=lambda: TODAY)
        claire.user_name = "Claire Martin"
        claire.create_company(small_company())
        paul = Workspace(second, today=lambda: TODAY)
        paul.user_name = "Paul Roux"
        paul.require_company()
        yield claire, paul
    finally:
        first.close()
        second.close()


def _form(qtbot: QtBot, workspace: Workspace) -> InterviewWizard:
    wizard = InterviewWizard(workspace, "G1", "G1-1")
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def _type(qtbot: QtBot, wizard: InterviewWizard, field_id: str, text: str) -> None:
    with qtbot.waitSignal(wizard.saved, timeout=WAIT_MS):
        wizard.editors[field_id].set_value(text)
        wizard.editors[field_id].changed.emit()


def test_the_second_user_sees_who_is_typing_and_gets_the_form_read_only(
    qtbot: QtBot, two_users: tuple[Workspace, Workspace]
) -> None:
    claire, paul = two_users
    hers = _form(qtbot, claire)
    _type(qtbot, hers, "job_missions", "Accueil des clients")
    his = _form(qtbot, paul)
    assert his.read_only
    notice = (
        f"Being edited by Claire Martin since {datetime.now(UTC).astimezone().strftime('%H:%M')}"
    )
    assert his.claim_label.text() == f"{notice}: this form is read-only."
    assert his.claim_label.isVisible()
    assert not his.editors["job_missions"].isEnabled()
    assert his.finish_button.isHidden()
    hers.close()  # released
    again = _form(qtbot, paul)
    assert not again.read_only
    assert again.editors["job_missions"].isEnabled()


def test_a_form_saving_over_a_newer_save_offers_reload_and_keeps_the_typing(
    qtbot: QtBot, two_users: tuple[Workspace, Workspace]
) -> None:
    claire, paul = two_users
    hers = _form(qtbot, claire)
    # Paul changes the same interview elsewhere (not through its form: it is claimed)
    paul.update_interview(
        "G1", "G1-1", lambda s: replace(s, answers={**(s.answers or {}), "skills_used": "Atteints"})
    )
    hers.editors["job_missions"].set_value("Accueil des clients")
    hers.editors["job_missions"].changed.emit()
    qtbot.waitUntil(lambda: not hers.stale_bar.isHidden(), timeout=WAIT_MS)
    assert "changed by Paul Roux at" in hers.stale_message.text()
    assert hers.editors["job_missions"].value() == "Accueil des clients"  # still on screen
    hers.close()  # closing would lose the typing: the form stays
    assert hers.isVisible()
    stored = paul.interview("G1", "G1-1")
    assert (stored.answers or {}).get("job_missions") != "Accueil des clients"  # not overwritten
    with qtbot.waitSignal(hers.saved, timeout=WAIT_MS):
        qtbot.mouseClick(hers.reload_button, Qt.MouseButton.LeftButton)
    assert hers.editors["skills_used"].value() == "Atteints"  # Paul's text shown
    assert hers.editors["job_missions"].value() == "Accueil des clients"  # hers kept
    paul.reload()
    answers = paul.interview("G1", "G1-1").answers or {}
    assert (answers["job_missions"], answers["skills_used"]) == ("Accueil des clients", "Atteints")


def test_the_employee_dialog_says_who_changed_it_and_saves_after_a_reload(
    qtbot: QtBot, two_users: tuple[Workspace, Workspace]
) -> None:
    claire, paul = two_users
    dialog = EmployeeDialog(paul, paul.employee("G1"))
    qtbot.addWidget(dialog)
    dialog.open()
    claire.update_employee("G1", lambda: "site", site="Nantes")
    qtbot.keyClicks(dialog.job_edit, "Owner")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()  # refused, what was typed stays
    assert "Éloïse Lefèvre: changed by Claire Martin at" in dialog.problems_shown()["general"]
    assert dialog.job_edit.text() == "Owner"
    box = dialog.reload_box
    assert isinstance(box, QMessageBox)
    reload_button = next(b for b in box.buttons() if b.text() == "&Reload")
    qtbot.mouseClick(reload_button, Qt.MouseButton.LeftButton)
    assert dialog.job_edit.text() == "Owner"
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    claire.reload()
    employee = claire.employee("G1")
    assert (employee.job_title, employee.site) == ("Owner", "Nantes")


def test_signing_a_stale_copy_is_refused(two_users: tuple[Workspace, Workspace]) -> None:
    claire, paul = two_users
    claire.update_interview("G1", "G1-1", lambda s: replace(s, answers={"job_missions": "Accueil"}))

    with pytest.raises(StaleRecordError, match="changed by Claire Martin"):
        signing.sign(paul, "G1", "G1-1", TODAY)
    assert claire.interview("G1", "G1-1").signed_on is None


def test_no_signature_while_another_user_types_in_the_form(
    qtbot: QtBot, two_users: tuple[Workspace, Workspace]
) -> None:
    claire, paul = two_users
    hers = _form(qtbot, claire)
    _type(qtbot, hers, "job_missions", "Accueil des clients")
    paul.reload()
    with pytest.raises(ChangeRefused) as refused:
        signing.sign(paul, "G1", "G1-1", TODAY)
    since = datetime.now(UTC).astimezone().strftime("%H:%M")
    assert refused.value.user_message == (
        f"Claire Martin has been typing in this interview since {since}: "
        "sign it once they close the form."
    )
    assert paul.interview("G1", "G1-1").signed_on is None
    hers.close()
    paul.reload()
    signed = signing.sign(paul, "G1", "G1-1", TODAY)
    assert signed.signed_on == TODAY
    assert (signed.answers or {}).get("job_missions") == "Accueil des clients"


def test_any_action_of_the_window_refused_as_stale_offers_reload(
    qtbot: QtBot, two_users: tuple[Workspace, Workspace]
) -> None:
    claire, paul = two_users
    page = QWidget()
    page.workspace = paul  # type: ignore[attr-defined]  # as the window's pages hold it
    qtbot.addWidget(page)
    claire.update_employee("G1", lambda: "site", site="Nantes")
    result = run_change(
        page, "Exit", lambda: paul.update_employee("G1", lambda: "exit", exit_date=TODAY)
    )
    assert not result
    box = page.findChild(QMessageBox)
    assert isinstance(box, QMessageBox)
    assert box.text().startswith("Éloïse Lefèvre: changed by Claire Martin at ")
    assert paul.employee("G1").exit_date is None
    reload_button = next(b for b in box.buttons() if b.text() == "&Reload")
    qtbot.mouseClick(reload_button, Qt.MouseButton.LeftButton)
    assert paul.employee("G1").site == "Nantes"  # the other user's change, shown now
    assert run_change(
        page, "Exit", lambda: paul.update_employee("G1", lambda: "exit", exit_date=TODAY)
    )
