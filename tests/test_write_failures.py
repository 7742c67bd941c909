"""Every action of the interface, with the data file made read-only or its disk full at the
moment of writing: the user gets a message saying so, the crash dialog never opens (no
exception escapes into Qt), nothing is half-written, and what was typed stays on screen.

The failure is made where it really happens: the commit of the unit of work raises what
SQLite raises ("attempt to write a readonly database", "database or disk is full"), which
storage turns into its message.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from entretien_desktop.domain import Campaign, Interview, InterviewKind, InterviewStatus
from entretien_desktop.domain.templates import Field, FieldType
from entretien_desktop.rules import Obligation, ObligationKind, Status
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.storage.errors import environment_errors
from entretien_desktop.storage.uow import UnitOfWork
from entretien_desktop.ui.dialogs.plan_dialog import PlanInterviewDialog
from entretien_desktop.ui.forms.interview_wizard import InterviewWizard
from entretien_desktop.ui.main_window import MainWindow
from entretien_desktop.ui.pages.interview_actions import DateAndReasonDialog
from tests.helpers import TODAY, file_digest, open_workspace, small_company
from tests.qt_helpers import real_window

FAILURES = {
    "read-only": ("attempt to write a readonly database", "read-only"),
    "disk full": ("database or disk is full", "is full"),
}
HELD = Interview(
    "G1-2",
    InterviewKind.PROFESSIONAL,
    InterviewStatus.HELD,
    date(2026, 11, 2),
    answers={"training_requests": [{"course": "CACES R489", "hours": "21"}]},
)
PLANNED = Interview("G2-2", InterviewKind.ANNUAL_REVIEW, InterviewStatus.PLANNED, TODAY)
CAMPAIGN = Campaign(
    "C1", "Entretiens 2027", InterviewKind.ANNUAL_REVIEW, date(2026, 12, 1), date(2027, 1, 31)
)


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    with open_workspace(tmp_path / "c.sqlite", small_company()) as workspace:
        workspace.put_interview("G1", HELD)
        workspace.put_interview("G2", PLANNED)
        workspace.save_campaigns([CAMPAIGN])
        yield workspace


@pytest.fixture
def window(qtbot: QtBot, workspace: Workspace) -> Iterator[MainWindow]:
    with real_window(qtbot, workspace) as window:
        yield window


@pytest.fixture
def said(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What message boxes said; questions are answered Yes."""
    texts: list[str] = []

    def box(answer: object) -> Callable[..., object]:
        def shown(_parent: object, _title: str, text: str, *_args: object) -> object:
            texts.append(text)
            return answer

        return shown

    monkeypatch.setattr(QMessageBox, "warning", box(QMessageBox.StandardButton.Ok))
    monkeypatch.setattr(QMessageBox, "information", box(QMessageBox.StandardButton.Ok))
    monkeypatch.setattr(QMessageBox, "question", box(QMessageBox.StandardButton.Yes))
    return texts


def fail_writes(monkeypatch: pytest.MonkeyPatch, message: str) -> None:
    def commit(self: UnitOfWork) -> None:
        with environment_errors(self._path):
            raise sqlite3.OperationalError(message)

    monkeypatch.setattr(UnitOfWork, "commit", commit)


# -- the actions, each through its page or dialog; each returns what the user was told ----
Action = Callable[[QtBot, MainWindow, list[str]], str]


def add_employee(qtbot: QtBot, window: MainWindow, said: list[str]) -> str:
    page = window.pages.employees
    page.new_employee()
    dialog = page.employee_dialog
    qtbot.keyClicks(dialog.first_name_edit, "Ines")
    qtbot.keyClicks(dialog.last_name_edit, "Roux")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()  # the form stays open with what was typed
    assert dialog.first_name_edit.text() == "Ines"
    return dialog.problems_shown().get("general", "")


def record_exit(qtbot: QtBot, window: MainWindow, said: list[str]) -> str:
    page = window.pages.employees
    page.show()
    qtbot.waitUntil(lambda: page.select("G2"), timeout=10_000)
    page.record_exit()
    page.exit_dialog.accept()
    return "\n".join(said)


def remove_a_leave(qtbot: QtBot, window: MainWindow, said: list[str]) -> str:
    page = window.pages.employee
    page.show_employee("G1")
    page.timeline.setCurrentItem(page.timeline.record_items("leaves")[0])
    page.remove_leave()
    return "\n".join(said)


def plan_an_interview(qtbot: QtBot, window: MainWindow, said: list[str]) -> str:
    dialog = PlanInterviewDialog(window.workspace, "G1", InterviewKind.PROFESSIONAL)
    qtbot.addWidget(dialog)
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    return dialog.error_label.text()


def change_a_planned_interview(qtbot: QtBot, window: MainWindow, said: list[str]) -> str:
    """Planning an obligation that has an interview planned for it changes that one."""
    obligation = Obligation(
        "G2", ObligationKind.ANNUAL_REVIEW, date(2026, 1, 1), TODAY, Status.DUE_SOON, None, "", ()
    )
    dialog = PlanInterviewDialog(
        window.workspace, "G2", InterviewKind.ANNUAL_REVIEW, obligation=obligation
    )
    qtbot.addWidget(dialog)
    assert dialog.existing == PLANNED
    dialog.place_edit.setText("Salle B")
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    return dialog.error_label.text()


def _interview_actions(window: MainWindow, interview_id: str):  # type: ignore[no-untyped-def]
    page = window.pages.interviews
    page.show()
    page.reload()
    assert page.select_interview(interview_id)
    return page.interview_actions


def invite(qtbot: QtBot, window: MainWindow, said: list[str]) -> str:
    actions = _interview_actions(window, "G2-2")
    qtbot.mouseClick(actions.invite_button, Qt.MouseButton.LeftButton)
    return "\n".join(said)


def sign_on_paper(qtbot: QtBot, window: MainWindow, said: list[str]) -> str:
    actions = _interview_actions(window, "G1-2")
    pytest.MonkeyPatch().setattr(DateAndReasonDialog, "exec", lambda _self: 1)
    qtbot.mouseClick(actions.sign_button, Qt.MouseButton.LeftButton)
    return "\n".join(said)


def type_in_the_form(qtbot: QtBot, window: MainWindow, said: list[str]) -> str:
    wizard = InterviewWizard(window.workspace, "G2", "G2-2")
    qtbot.addWidget(wizard)
    editor = wizard.editors["results"]
    editor.set_value("Objectifs atteints")
    editor.changed.emit()
    wizard.flush()
    assert editor.value() == "Objectifs atteints"  # still on screen, saved again later
    assert wizard.pending
    return wizard.status.text()


def finish_the_form(qtbot: QtBot, window: MainWindow, said: list[str]) -> str:
    wizard = InterviewWizard(window.workspace, "G2", "G2-2")
    qtbot.addWidget(wizard)
    for field in wizard.template.fields():
        if field.required and not wizard.answers.get(field.id):
            wizard.editors[field.id].set_value(_an_answer(field))
            wizard.editors[field.id].changed.emit()
    assert not wizard.finish()
    assert wizard.isVisible() or not wizard.result()  # not closed as held
    return wizard.problem.text()


def _an_answer(field: Field) -> object:
    if field.type is FieldType.DATE:
        return "2026-11-20"
    if field.type is FieldType.YES_NO:
        return True
    if field.type is FieldType.CHECKS:
        return [field.choices[0].id]
    if field.type in {FieldType.CHOICE, FieldType.RATING}:
        return field.choices[0].id
    if field.type is FieldType.TABLE:
        return [{field.columns[0].id: "x"}]
    return "Réponse"


def decide_a_training_request(qtbot: QtBot, window: MainWindow, said: list[str]) -> str:
    requests = window.pages.training.requests
    window.pages.training.show()
    requests.reload()
    assert requests.select(("G1", "G1-2", 0))
    requests.approve()
    return "\n".join(said)


def plan_the_campaign(qtbot: QtBot, window: MainWindow, said: list[str]) -> str:
    page = window.pages.campaigns
    page.show()
    page.show_campaign(CAMPAIGN)
    page.plan_everyone()
    return "\n".join(said)


def save_the_settings(qtbot: QtBot, window: MainWindow, said: list[str]) -> str:
    page = window.pages.settings
    page.revert()
    page.save()
    return "\n".join(said)


def undo(qtbot: QtBot, window: MainWindow, said: list[str]) -> str:
    window.undo()
    return "\n".join(said)


ACTIONS: dict[str, Action] = {
    "add an employee": add_employee,
    "record an exit": record_exit,
    "remove a leave": remove_a_leave,
    "plan an interview": plan_an_interview,
    "change a planned interview": change_a_planned_interview,
    "invite": invite,
    "sign on paper": sign_on_paper,
    "type in the form": type_in_the_form,
    "finish the form": finish_the_form,
    "decide on a training request": decide_a_training_request,
    "plan the campaign": plan_the_campaign,
    "save the settings": save_the_settings,
    "undo": undo,
}


@pytest.mark.gui
@pytest.mark.parametrize("failure", list(FAILURES))
@pytest.mark.parametrize("name", list(ACTIONS))
def test_a_write_that_fails_says_why_and_loses_nothing(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    window: MainWindow,
    workspace: Workspace,
    said: list[str],
    name: str,
    failure: str,
) -> None:
    if name == "undo":  # something to undo first
        workspace.save_employee(replace(workspace.employee("G2"), job_title="Apprenti"), "G2")
    before_file = file_digest(workspace.path)
    before = workspace.require_company()
    message, words = FAILURES[failure]
    fail_writes(monkeypatch, message)
    told = ACTIONS[name](qtbot, window, said)
    assert words in told, f"{name}: the user was told {told!r}"
    assert "nothing was saved" in told.lower() or "cannot be written" in told.lower()
    assert file_digest(workspace.path) == before_file  # nothing half-written
    assert workspace.require_company() == before  # the copy in memory as the file
