"""The interview wizard: one step per section, required fields refused with their names,
every keystroke saved (even a killed process loses nothing), and a flow per kind of
interview from planning to a signed record."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from entretien_desktop.domain import Interview, InterviewKind, InterviewStatus
from entretien_desktop.domain.templates import Field, FieldType
from entretien_desktop.services import interview_life
from entretien_desktop.services.company_file import load_company
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.storage import open_database
from entretien_desktop.ui.forms.interview_wizard import InterviewWizard
from entretien_desktop.ui.pages.interviews_page import InterviewsPage
from tests.helpers import TODAY, open_workspace, small_company
from tests.qt_helpers import WAIT_MS, ready_feed


def _answer_for(field: Field) -> Any:
    kind = field.type
    if kind is FieldType.DATE:
        return "2026-11-20"
    if kind is FieldType.YES_NO:
        return True
    if kind is FieldType.CHECKS:
        return [field.choices[0].id]
    if kind in {FieldType.CHOICE, FieldType.RATING}:
        return field.choices[0].id
    if kind is FieldType.TABLE:
        return [{field.columns[0].id: "x"}]
    return "Réponse"


def _plan(
    workspace: Workspace, kind: InterviewKind, ref: str = "G1", day: date = TODAY
) -> Interview:
    interview = Interview(f"{ref}-{kind.value}", kind, InterviewStatus.PLANNED, day)
    workspace.put_interview(ref, interview)
    return interview


def _wizard(qtbot: QtBot, workspace: Workspace, interview: Interview) -> InterviewWizard:
    wizard = InterviewWizard(workspace, "G1", interview.id)
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def _fill_required(qtbot: QtBot, wizard: InterviewWizard) -> None:
    for field in wizard.template.fields():
        editor = wizard.editors[field.id]
        if field.required and not wizard.answers.get(field.id):
            with qtbot.waitSignal(wizard.saved, timeout=WAIT_MS):
                editor.set_value(_answer_for(field))
                editor.changed.emit()


def _stored(path: Path, interview_id: str) -> Interview:
    with open_database(path) as database:
        company = load_company(database)
    assert company is not None
    return next(i for e in company.employees for i in e.interviews if i.id == interview_id)


def test_the_form_starts_prefilled_and_refuses_a_step_with_missing_answers(
    qtbot: QtBot, tmp_path: Path
) -> None:
    company = small_company()
    employee = replace(company.employees[0], job_title="Mécanicienne")
    company = replace(company, employees=(employee, *company.employees[1:]))
    with open_workspace(tmp_path / "c.sqlite", company) as workspace:
        interview = _plan(workspace, InterviewKind.PROFESSIONAL)
        wizard = _wizard(qtbot, workspace, interview)
        assert wizard.editors["job_title"].value() == "Mécanicienne"
        assert wizard.editors["previous_interview_date"].value() == "2023-02-01"
        assert wizard.heading.text().startswith("Step 1 of")
        wizard.go_next()  # the context is complete: its date came from the plan
        assert wizard.current == 1
        wizard.go_next()  # current job: the missions are missing
        assert wizard.current == 1
        assert wizard.problem.isVisible()
        assert "missions" in wizard.problem.text().lower()
        with qtbot.waitSignal(wizard.saved, timeout=WAIT_MS):
            qtbot.keyClicks(
                wizard.editors["job_missions"].focusProxy(), "Entretien des poids lourds"
            )
        wizard.go_next()
        assert wizard.current == 2
        assert not wizard.finish()  # other steps still miss answers
        assert wizard.problem.isVisible()
    stored = _stored(tmp_path / "c.sqlite", interview.id)
    assert stored.answers is not None
    assert stored.answers["job_missions"] == "Entretien des poids lourds"
    assert stored.template == "professional@2"
    assert stored.status is InterviewStatus.PLANNED


def test_reopening_brings_the_draft_back(qtbot: QtBot, tmp_path: Path) -> None:
    with open_workspace(tmp_path / "c.sqlite", small_company()) as workspace:
        interview = _plan(workspace, InterviewKind.ANNUAL_REVIEW)
        wizard = _wizard(qtbot, workspace, interview)
        with qtbot.waitSignal(wizard.saved, timeout=WAIT_MS):
            wizard.editors["results"].set_value("Objectifs atteints")
            wizard.editors["results"].changed.emit()
        wizard.close()
    with open_workspace(tmp_path / "c.sqlite", small_company(), create=False) as workspace:
        again = InterviewWizard(workspace, "G1", interview.id)
        qtbot.addWidget(again)
        assert again.editors["results"].value() == "Objectifs atteints"


@pytest.mark.parametrize("kind", list(InterviewKind))
def test_each_kind_goes_from_planning_to_a_signed_record(
    qtbot: QtBot, tmp_path: Path, kind: InterviewKind
) -> None:
    with open_workspace(tmp_path / "c.sqlite", small_company()) as workspace:
        ready_feed(qtbot, workspace)
        page = InterviewsPage(workspace, ready_feed(qtbot, workspace))
        qtbot.addWidget(page)
        interview = _plan(workspace, kind)
        page.show()
        page.reload()
        assert page.select_interview(interview.id)
        assert page.interview_actions.invite_button.isEnabled()
        qtbot.mouseClick(page.interview_actions.invite_button, Qt.MouseButton.LeftButton)
        assert workspace.employee("G1").interviews[-1].status is InterviewStatus.INVITED
        with qtbot.waitSignal(page.interview_actions.form_opened, timeout=WAIT_MS) as opened:
            qtbot.mouseClick(page.interview_actions.form_button, Qt.MouseButton.LeftButton)
        wizard = opened.args[0]
        assert isinstance(wizard, InterviewWizard)
        _fill_required(qtbot, wizard)
        assert wizard.finish()
        held = workspace.employee("G1").interviews[-1]
        assert held.status is InterviewStatus.HELD
        assert held.date == interview.date
        signed = interview_life.mark_signed(held, TODAY, TODAY)
        workspace.put_interview("G1", signed)
    stored = _stored(tmp_path / "c.sqlite", interview.id)
    assert stored.signed_on == TODAY
    assert stored.invited_on == TODAY
    assert interview_life.stage(stored) is interview_life.Stage.SIGNED


KILLED = """
import os, signal, sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.storage import open_database
from entretien_desktop.ui.forms.interview_wizard import InterviewWizard
app = QApplication([])
database = open_database(Path(sys.argv[1]))
workspace = Workspace(database)
from entretien_desktop.ui.forms.interview_wizard import SAVE_DELAY_MS
from PySide6.QtCore import QTimer
wizard = InterviewWizard(workspace, "G1", sys.argv[2])
wizard.show()

def type_into(field, text):
    editor = wizard.editors[field]
    editor.set_value(text)
    editor.changed.emit()

def kill():
    # Typed just now: within the last half second, this may be lost.
    type_into("skills_used", "Tapé à l'instant")
    print("typed", flush=True)
    os.kill(os.getpid(), signal.SIGKILL)

type_into("job_missions", "Diagnostic électronique, freinage")
QTimer.singleShot(SAVE_DELAY_MS + 100, kill)  # the event loop runs meanwhile: no sleep
app.exec()
"""


def test_a_killed_process_loses_nothing_typed(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    with open_workspace(path, small_company()) as workspace:
        interview = _plan(workspace, InterviewKind.PROFESSIONAL)
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(KILLED), str(path), interview.id],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=60,
        check=False,
    )
    assert result.returncode == -signal.SIGKILL
    assert "typed" in result.stdout
    stored = _stored(path, interview.id)
    assert stored.answers is not None
    # Typed more than SAVE_DELAY_MS before the kill: saved, the form reopens on its step.
    assert stored.answers["job_missions"] == "Diagnostic électronique, freinage"
    assert stored.answers["interview_date"] == TODAY.isoformat()
    assert stored.form_step == 1  # the step of the current job


def test_a_signed_interview_opens_read_only(qtbot: QtBot, tmp_path: Path) -> None:
    with open_workspace(tmp_path / "c.sqlite", small_company()) as workspace:
        planned = _plan(workspace, InterviewKind.CAREER_CONVERSATION)
        held = interview_life.hold(planned, TODAY, TODAY)
        signed = replace(held, answers={"employee_wishes": "Évoluer"}, signed_on=TODAY)
        workspace.put_interview("G1", signed)
        wizard = _wizard(qtbot, workspace, signed)
        assert wizard.read_only
        assert not wizard.editors["employee_wishes"].isEnabled()
        assert not wizard.finish_button.isVisible()


def test_the_interviews_list_shows_drafts_and_signatures(qtbot: QtBot, tmp_path: Path) -> None:
    with open_workspace(tmp_path / "c.sqlite", small_company()) as workspace:
        draft = replace(_plan(workspace, InterviewKind.PROFESSIONAL), answers={"wishes": "x"})
        workspace.put_interview("G1", draft)
        page = InterviewsPage(workspace, ready_feed(qtbot, workspace))
        qtbot.addWidget(page)
        page.show()
        page.reload()
        assert page.select_interview(draft.id)
        index = page.table.currentIndex().siblingAtColumn(2)
        assert index.data() == "Planned · form in progress"


def test_the_progress_counts_the_required_answers_given(qtbot: QtBot, tmp_path: Path) -> None:
    with open_workspace(tmp_path / "c.sqlite", small_company()) as workspace:
        interview = _plan(workspace, InterviewKind.PROFESSIONAL)
        wizard = _wizard(qtbot, workspace, interview)
        required = [f for f in wizard.template.fields() if f.required]
        given = [f for f in required if wizard.answers.get(f.id)]
        assert len(given) < len(required), "the prefill answered everything"
        assert wizard.progress.value() == len(given)
        assert wizard.progress.maximum() == len(required)
        assert wizard.progress.text() == (f"{len(given)} of {len(required)} required answers given")
        with qtbot.waitSignal(wizard.saved, timeout=WAIT_MS):
            qtbot.keyClicks(wizard.editors["job_missions"].focusProxy(), "Accueil")
        assert wizard.progress.value() == len(given) + 1
        _fill_required(qtbot, wizard)
        assert wizard.progress.value() == wizard.progress.maximum() == len(required)


def test_the_place_and_people_given_when_planning_are_in_the_form(
    qtbot: QtBot, tmp_path: Path
) -> None:
    with open_workspace(tmp_path / "c.sqlite", small_company()) as workspace:
        interview = replace(
            _plan(workspace, InterviewKind.PROFESSIONAL),
            place="Salle du conseil",
            interviewer="Marc Duval",
        )
        workspace.put_interview("G1", interview)
        wizard = _wizard(qtbot, workspace, interview)
        assert wizard.editors["place"].value() == "Salle du conseil"
        participants = wizard.editors["participants"].value()
        assert "Marc Duval" in participants and "Lefèvre" in participants


def test_the_form_warns_against_health_details_while_it_can_be_typed_in(
    qtbot: QtBot, tmp_path: Path
) -> None:
    with open_workspace(tmp_path / "c.sqlite", small_company()) as workspace:
        planned = _plan(workspace, InterviewKind.CAREER_CONVERSATION)
        wizard = _wizard(qtbot, workspace, planned)
        warning = wizard.findChild(QLabel, "health_warning")
        assert warning is not None and warning.isVisible()
        assert "health details" in warning.text()
        held = interview_life.hold(planned, TODAY, TODAY)
        workspace.put_interview("G1", replace(held, signed_on=TODAY))
        signed = _wizard(qtbot, workspace, planned)
        assert signed.findChild(QLabel, "health_warning") is None
