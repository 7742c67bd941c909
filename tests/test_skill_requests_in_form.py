"""The employee's next interview form shows the trainings requested for them from the
skills map and still to come, under its training-requests table (read-only); a signed
form, or an employee with none pending, shows nothing of the kind."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from entretien_desktop.domain import Interview, InterviewKind, InterviewStatus
from entretien_desktop.services.skill_requests import request_training
from entretien_desktop.services.skills_gaps import GapKind, skill_gaps
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.ui.forms.interview_wizard import InterviewWizard
from tests.helpers import open_workspace
from tests.skills_company import TODAY, joinery

pytestmark = pytest.mark.gui


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    with open_workspace(tmp_path / "joinery.sqlite", joinery()) as space:
        yield space


def plan(workspace: Workspace, ref: str, kind: InterviewKind) -> Interview:
    interview = Interview(f"{ref}-{kind.value}", kind, InterviewStatus.PLANNED, TODAY)
    workspace.put_interview(ref, interview)
    return interview


def note_of(qtbot: QtBot, workspace: Workspace, ref: str, interview: Interview) -> QLabel | None:
    wizard = InterviewWizard(workspace, ref, interview.id)
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard.findChild(QLabel, "pending_skill_requests")


@pytest.mark.parametrize("kind", [InterviewKind.PROFESSIONAL, InterviewKind.ANNUAL_REVIEW])
def test_the_next_form_lists_the_pending_requests_from_the_skills_map(
    qtbot: QtBot, workspace: Workspace, kind: InterviewKind
) -> None:
    gaps = skill_gaps(workspace.require_company(), TODAY)
    under = next(g for g in gaps if g.kind is GapKind.UNDER_LEVEL)
    request_training(workspace, under, title="CNC 5 axes - perfectionnement")
    note = note_of(qtbot, workspace, "M2", plan(workspace, "M2", kind))
    assert note is not None
    assert note.text() == (
        "Requested from the skills map:\n• CNC 5 axes - perfectionnement (requested, Nov 22, 2026)"
    )
    assert "Camille Roux is at “In training” in CNC 5 axes" in note.toolTip()


def test_nothing_is_shown_without_a_pending_request(qtbot: QtBot, workspace: Workspace) -> None:
    interview = plan(workspace, "M3", InterviewKind.PROFESSIONAL)
    assert note_of(qtbot, workspace, "M3", interview) is None
