"""A greyed button says why: the interview actions, for no interview, a planned one, a held
one and a signed one."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pytestqt.qtbot import QtBot

from entretien_desktop.domain import Interview, InterviewKind, InterviewStatus
from entretien_desktop.ui.pages.interview_actions import InterviewActions
from tests.helpers import open_workspace, small_company


def _why(actions: InterviewActions) -> dict[str, str]:
    return {b.text().replace("&", ""): b.toolTip() for b in actions.buttons() if not b.isEnabled()}


def test_each_greyed_interview_action_says_why(qtbot: QtBot, tmp_path: Path) -> None:
    with open_workspace(tmp_path / "c.sqlite", small_company()) as workspace:
        actions = InterviewActions(workspace)
        qtbot.addWidget(actions)

        actions.set_current(None, None)
        nothing = _why(actions)
        assert nothing["Fill the form…"].endswith("Choose an interview in the list first.")

        planned = Interview(
            "G1-9", InterviewKind.PROFESSIONAL, InterviewStatus.PLANNED, date(2026, 12, 10)
        )
        actions.set_current("G1", planned)
        why = _why(actions)
        assert "Fill the form…" not in why and "Invited today" not in why
        assert "Only an interview held" in why["Signed on paper…"]
        assert "Only a signed interview" in why["Amend…"]

        held = Interview("G1-1", InterviewKind.PROFESSIONAL, InterviewStatus.HELD, date(2023, 2, 1))
        actions.set_current("G1", held)
        why = _why(actions)
        assert "Signed on paper…" not in why
        assert "Only a planned or invited interview" in why["Invited today"]
        for button in actions.buttons():
            if button.isEnabled():
                assert button.toolTip() == "" or button is actions.year_button
