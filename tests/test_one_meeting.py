"""One meeting, several obligations: when an employee's periodic interview falls due with
their summary review, planning either from the dashboard proposes one summary review, says
that it covers both, and once planned both are in progress on the board."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from entretien_desktop.domain import (
    Company,
    Contract,
    Employee,
    Interview,
    InterviewKind,
    InterviewStatus,
)
from entretien_desktop.rules import ObligationKind
from entretien_desktop.services.board import Stage, build_board
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.ui.dialogs.plan_dialog import PlanInterviewDialog
from tests.helpers import open_data
from tests.qt_helpers import WAIT_MS, real_window

TODAY = date(2026, 11, 22)


def _company() -> Company:
    held = InterviewStatus.HELD
    return Company(
        "Menuiserie Morin",
        "FR",
        headcount=20,
        headcount_date=date(2026, 1, 1),
        employees=(
            Employee(
                "M1",
                "Lea",
                "Morin",
                date(2020, 12, 1),
                Contract.PERMANENT,
                interviews=(
                    Interview("M1-1", InterviewKind.PROFESSIONAL, held, date(2022, 11, 20)),
                    Interview("M1-2", InterviewKind.PROFESSIONAL, held, date(2024, 11, 15)),
                ),
            ),
        ),
    )


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    database = open_data(tmp_path / "morin.sqlite")
    space = Workspace(database, today=lambda: TODAY)
    space.create_company(_company())
    yield space
    database.close()


@pytest.mark.parametrize("kind", [ObligationKind.PERIODIC, ObligationKind.SUMMARY_REVIEW])
def test_a_periodic_interview_due_with_the_summary_review_is_planned_as_one_meeting(
    qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch, kind: ObligationKind
) -> None:
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: pytest.fail(f"{a[1:3]}"))
    with real_window(qtbot, workspace) as window:
        page = window.pages.dashboard
        rows = [r for r in range(page.model.rowCount()) if page.model.obligation(r).kind is kind]
        assert rows, f"no {kind} on the dashboard"
        page.table.selectRow(rows[0])
        page.plan_button.click()
        dialog = next(d for d in page.findChildren(PlanInterviewDialog) if d.isVisible())

        assert dialog.interview_kind() is InterviewKind.SUMMARY_REVIEW
        said = dialog.already_label.text()
        assert said.startswith("One summary review covers these 2 obligations")
        assert "Career-path interview" in said and "Summary review" in said

        with qtbot.waitSignal(window.feed.report_ready, timeout=WAIT_MS) as ready:
            dialog.accept()
        planned = [
            i for i in workspace.employee("M1").interviews if i.status is InterviewStatus.PLANNED
        ]
        assert [i.kind for i in planned] == [InterviewKind.SUMMARY_REVIEW]
        board = build_board(ready.args[0])
        in_progress = {c.obligation.kind for c in board.in_progress}
        assert {ObligationKind.PERIODIC, ObligationKind.SUMMARY_REVIEW} <= in_progress
        assert not [c for c in board.to_do if c.obligation.employee_ref == "M1"]
        assert all(c.stage is Stage.IN_PROGRESS for c in board.in_progress)
