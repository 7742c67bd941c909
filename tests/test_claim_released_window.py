"""A form opened read-only because another user types in it becomes editable by itself
when they close theirs, saying so, with the text as they left it (issue 20;
ui/forms/claim_wait.py). On the throwaway server, each user with their own connection."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication
from pytestqt.qtbot import QtBot

from entretien_desktop.services.claims import CLAIMS
from entretien_desktop.services.live import Arrival
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.storage import open_server
from entretien_desktop.ui.forms.interview_wizard import InterviewWizard
from entretien_desktop.ui.live_updates import LiveUpdates
from tests.helpers import TODAY, small_company
from tests.postgres_server import postgres_server, postgres_url  # noqa: F401
from tests.qt_helpers import WAIT_MS

pytestmark = [pytest.mark.gui, pytest.mark.postgres]

NAMES = ("Claire Martin", "Paul Roux", "Ines Blanc")


@pytest.fixture
def users(postgres_url: str) -> Iterator[tuple[Workspace, ...]]:  # noqa: F811
    databases = [open_server(postgres_url) for _name in NAMES]
    try:
        spaces = tuple(Workspace(database, today=lambda: TODAY) for database in databases)
        for space, name in zip(spaces, NAMES, strict=True):
            space.user_name = name
        spaces[0].create_company(small_company())
        for space in spaces[1:]:
            space.require_company()
        yield spaces
    finally:
        for database in databases:
            database.close()


def _form(qtbot: QtBot, workspace: Workspace) -> InterviewWizard:
    wizard = InterviewWizard(workspace, "G1", "G1-1")
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def _type(qtbot: QtBot, wizard: InterviewWizard, field_id: str, text: str) -> None:
    with qtbot.waitSignal(wizard.saved, timeout=WAIT_MS):
        wizard.editors[field_id].set_value(text)
        wizard.editors[field_id].changed.emit()


def test_the_read_only_form_becomes_editable_when_the_other_user_closes_theirs(
    qtbot: QtBot, users: tuple[Workspace, ...]
) -> None:
    claire, paul, _ines = users
    hers = _form(qtbot, claire)
    _type(qtbot, hers, "job_missions", "Accueil des clients")
    his = _form(qtbot, paul)
    assert his.read_only and not his.editors["job_missions"].isEnabled()
    assert "this form is read-only" in his.claim_label.text()
    _type(qtbot, hers, "job_missions", "Accueil et conseil")  # her last words
    hers.close()  # saved, released: Paul's form hears it
    qtbot.waitUntil(lambda: not his.read_only, timeout=WAIT_MS)
    assert his.claim_label.text() == "Claire Martin has finished: you can type now."
    assert his.editors["job_missions"].isEnabled()
    assert his.editors["job_missions"].value() == "Accueil et conseil"  # her text, not the old
    _type(qtbot, his, "skills_used", "Atteints")  # his typing is saved over hers
    stored = paul.interview("G1", "G1-1").answers or {}
    assert (stored["job_missions"], stored["skills_used"]) == ("Accueil et conseil", "Atteints")
    again = _form(qtbot, claire)  # the claim is Paul's now
    assert again.read_only
    assert "Being edited by Paul Roux since" in again.claim_label.text()


def test_of_two_waiting_forms_one_takes_over_and_the_other_names_its_user(
    qtbot: QtBot, users: tuple[Workspace, ...]
) -> None:
    claire, paul, ines = users
    hers = _form(qtbot, claire)
    _type(qtbot, hers, "job_missions", "Accueil")
    his, third = _form(qtbot, paul), _form(qtbot, ines)
    assert his.read_only and third.read_only
    hers.close()
    qtbot.waitUntil(lambda: not (his.read_only and third.read_only), timeout=WAIT_MS)
    editable, waiting = (his, third) if not his.read_only else (third, his)
    qtbot.waitUntil(
        lambda: editable.workspace.user_name in waiting.claim_label.text(), timeout=WAIT_MS
    )
    assert waiting.read_only
    assert not waiting.editors["job_missions"].isEnabled()
    assert "this form is read-only" in waiting.claim_label.text()


def test_a_claim_left_by_a_killed_program_is_taken_at_the_next_look(
    qtbot: QtBot, users: tuple[Workspace, ...]
) -> None:
    claire, paul, _ines = users
    hers = _form(qtbot, claire)
    _type(qtbot, hers, "job_missions", "Accueil")
    his = _form(qtbot, paul)
    assert his.read_only and his.claim_wait is not None
    # Claire's program is killed: no release, and her last save three minutes ago.
    with claire.recording() as store:
        store.session.connection().exec_driver_sql(
            "UPDATE interview_claim SET seen = '2000-01-01T00:00:00+00:00'"
        )
    his.claim_wait.check()  # what its timer does every CHECK_MS
    assert not his.read_only
    assert his.claim_label.text() == "Claire Martin has finished: you can type now."
    assert his.editors["job_missions"].value() == "Accueil"


def test_a_released_claim_does_not_make_the_window_read_the_company_again(
    qtbot: QtBot, users: tuple[Workspace, ...]
) -> None:
    _claire, paul, _ines = users
    live = LiveUpdates(paul)
    try:
        live._hear(Arrival(CLAIMS))  # what the listening thread calls
        QCoreApplication.processEvents()
        assert not live._settle.isActive()
        live._hear(Arrival("employee"))
        qtbot.waitUntil(live._settle.isActive, timeout=WAIT_MS)
    finally:  # nothing read after the test: its databases close
        live._settle.stop()
        live.stop()
