"""Planning from the dashboard knows the calendar and what is already planned: the day
proposed keeps the notice and the deadline (or says it is late), a line under the date
warns as the day changes (after the deadline, a weekend, a public holiday, too soon for the
notice) without refusing it, and planning an obligation again opens the interview already
planned for it instead of adding a second one."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from entretien_desktop.domain import (
    Company,
    Contract,
    Employee,
    Interview,
    InterviewKind,
    InterviewStatus,
    Leave,
    LeaveKind,
)
from entretien_desktop.i18n import set_language
from entretien_desktop.rules import Obligation, ObligationKind
from entretien_desktop.services import interview_life
from entretien_desktop.services.errors import ChangeRefused
from entretien_desktop.services.planning import late_proposal
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.storage import open_database
from entretien_desktop.ui.dialogs.plan_dialog import PlanInterviewDialog
from entretien_desktop.ui.pages.dashboard_page import DashboardPage
from entretien_desktop.ui.pages.employee_page import EmployeePage
from tests.qt_helpers import WAIT_MS, real_window

TODAY = date(2026, 12, 4)  # a Friday
DEADLINE = date(2026, 12, 12)  # the return interview's: a month after the leave


def _company() -> Company:
    return Company(
        "Menuiserie Durand",
        "FR",
        headcount=20,
        employees=(
            Employee(
                ref="M1",
                first_name="Paul",
                last_name="Martin",
                hire_date=date(2020, 1, 6),
                contract=Contract.PERMANENT,
                leaves=(Leave(LeaveKind.MATERNITY, date(2026, 6, 1), date(2026, 11, 11)),),
                interviews=(
                    Interview(
                        "M1-1", InterviewKind.PROFESSIONAL, InterviewStatus.HELD, date(2024, 6, 3)
                    ),
                ),
            ),
        ),
    )


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    database = open_database(tmp_path / "durand.sqlite")
    space = Workspace(database, today=lambda: TODAY)
    space.create_company(_company())
    yield space
    database.close()


@pytest.fixture
def no_message_box(monkeypatch: pytest.MonkeyPatch) -> None:
    """A message box would wait for a click that never comes: fail instead."""

    def refuse(*args: object, **kwargs: object) -> None:
        pytest.fail(f"unexpected message box: {args[1:3]}")

    for name in ("critical", "warning", "information", "question"):
        monkeypatch.setattr(QMessageBox, name, refuse)


def _plan_the_return(page: DashboardPage) -> PlanInterviewDialog:
    """Select the return interview's row on the dashboard and press Plan."""
    for row in range(page.model.rowCount()):
        if page.model.obligation(row).kind is ObligationKind.RETURN:
            page.table.selectRow(row)
            break
    else:
        pytest.fail("no return interview on the dashboard")
    page.plan_button.click()
    return next(d for d in page.findChildren(PlanInterviewDialog) if d.isVisible())


def _return_interviews(workspace: Workspace) -> list[Interview]:
    return [i for i in workspace.employee("M1").interviews if i.kind is InterviewKind.RETURN]


@pytest.mark.usefixtures("no_message_box")
def test_warnings_under_the_date_then_the_planned_interview_reopens(
    qtbot: QtBot, workspace: Workspace
) -> None:
    with real_window(qtbot, workspace) as window:
        page = window.pages.dashboard
        dialog = _plan_the_return(page)

        # No working day from today + 30 days' notice to the deadline: the earliest, late.
        assert dialog.existing is None
        assert dialog.interview_date() == date(2027, 1, 4)
        assert dialog.warnings() == "\n".join(
            (
                "⚠ " + late_proposal(),
                "⚠ After the deadline of Dec 12, 2026: the interview will be late.",
            )
        )

        dialog.date_edit.set_value(date(2026, 12, 25))
        assert dialog.warnings() == "\n".join(
            (
                "⚠ After the deadline of Dec 12, 2026: the interview will be late.",
                "⚠ Friday, December 25, 2026 is a public holiday: Christmas Day.",
                "⚠ Too soon to invite 30 days ahead: the earliest day that keeps the notice "
                "is Jan 3, 2027.",
            )
        )
        dialog.date_edit.set_value(date(2026, 12, 11))
        assert "After the deadline" not in dialog.warnings()
        assert "Too soon to invite 30 days ahead" in dialog.warnings()
        dialog.date_edit.set_value(date(2027, 1, 9))
        assert "Saturday, January 9, 2027 is a weekend day." in dialog.warnings()

        # A warning does not refuse the day: planned on the Friday before the deadline.
        dialog.date_edit.set_value(date(2026, 12, 11))
        qtbot.keyClicks(dialog.interviewer_edit, "Claire Martin")
        qtbot.keyClicks(dialog.place_edit, "Salle B")
        with qtbot.waitSignal(window.feed.report_ready, timeout=WAIT_MS):
            dialog.ok_button.click()
        (planned,) = _return_interviews(workspace)
        assert (planned.date, planned.interviewer, planned.place) == (
            date(2026, 12, 11),
            "Claire Martin",
            "Salle B",
        )

        # Planning it again opens that interview, saying so; saving changes it.
        again = _plan_the_return(page)
        assert again.existing == planned
        assert again.already_label.isVisible()
        assert again.already_label.text() == (
            "Already planned for Dec 11, 2026: change it here; no other interview is added."
        )
        assert again.interview_date() == date(2026, 12, 11)
        assert again.interviewer_edit.text() == "Claire Martin"
        assert again.place_edit.text() == "Salle B"
        assert not again.kind_combo.isEnabled()
        assert again.ok_button.text() == "Save"
        again.place_edit.clear()
        qtbot.keyClicks(again.place_edit, "Salle C")
        with qtbot.waitSignal(window.feed.report_ready, timeout=WAIT_MS):
            again.ok_button.click()
        (changed,) = _return_interviews(workspace)
        assert changed.id == planned.id
        assert changed.place == "Salle C"


@pytest.mark.usefixtures("no_message_box")
def test_an_invited_interview_reopens_with_its_invitation(
    qtbot: QtBot, workspace: Workspace
) -> None:
    invited = Interview(
        "M1-20261218-1",
        InterviewKind.RETURN,
        InterviewStatus.INVITED,
        date(2026, 12, 18),
        invited_on=date(2026, 12, 1),
        interviewer="Claire Martin",
    )
    workspace.put_interview("M1", invited)
    with real_window(qtbot, workspace) as window:
        dialog = _plan_the_return(window.pages.dashboard)
        assert dialog.existing == invited
        assert dialog.already_label.text() == (
            "Already invited for Dec 18, 2026: change it here; no other interview is added."
        )
        # The notice counts from the invitation sent, not from today.
        assert dialog.warnings() == "\n".join(
            (
                "⚠ After the deadline of Dec 12, 2026: the interview will be late.",
                "⚠ The invitation went out on Dec 1, 2026, less than 30 days before this one.",
            )
        )


def test_the_french_dialog_names_the_holiday_in_french(qtbot: QtBot, workspace: Workspace) -> None:
    set_language("fr")
    try:
        obligation = next(
            o for o in workspace.obligations().obligations if o.kind is ObligationKind.RETURN
        )
        dialog = PlanInterviewDialog(workspace, "M1", InterviewKind.RETURN, obligation=obligation)
        qtbot.addWidget(dialog)
        dialog.date_edit.set_value(date(2026, 12, 25))
        assert "⚠ Le vendredi 25 décembre 2026 est un jour férié\u00a0: Noël." in dialog.warnings()
    finally:
        set_language("en")


def _open_return(workspace: Workspace) -> Obligation:
    return next(o for o in workspace.obligations().obligations if o.kind is ObligationKind.RETURN)


def test_rescheduling_checks_the_day_and_the_stage(workspace: Workspace) -> None:
    assert _open_return(workspace).deadline == DEADLINE
    invited = Interview(
        "M1-20261218-1",
        InterviewKind.RETURN,
        InterviewStatus.INVITED,
        date(2026, 12, 18),
        invited_on=date(2026, 12, 1),
    )
    workspace.put_interview("M1", invited)

    def reschedule(day: date) -> Interview:
        return interview_life.reschedule(
            workspace, "M1", invited.id, day=day, interviewer="", place="Salle A", context=""
        )

    with pytest.raises(ChangeRefused, match="before the invitation"):
        reschedule(date(2026, 11, 30))
    with pytest.raises(ChangeRefused, match="hired on"):
        reschedule(date(2019, 1, 7))
    moved = reschedule(date(2026, 12, 10))
    assert (moved.date, moved.place, moved.status) == (
        date(2026, 12, 10),
        "Salle A",
        InterviewStatus.INVITED,
    )
    assert workspace.interview("M1", invited.id) == moved
    workspace.put_interview("M1", interview_life.cancel(moved))
    with pytest.raises(ChangeRefused, match="Only a planned or invited interview"):
        reschedule(date(2026, 12, 11))


def _select_row(page: EmployeePage, event: str) -> None:
    timeline = page.timeline
    for row in range(timeline.topLevelItemCount()):
        item = timeline.topLevelItem(row)
        if item is not None and item.text(1) == event:
            timeline.setCurrentItem(item)
            return
    pytest.fail(f"no row {event!r} on the employee's timeline")


@pytest.mark.usefixtures("no_message_box")
def test_the_employee_page_plans_an_obligation_of_the_timeline(
    qtbot: QtBot, workspace: Workspace
) -> None:
    with real_window(qtbot, workspace) as window:
        window.show_employee("M1")
        page = window.pages.employee
        assert not page.plan_button.isEnabled()
        _select_row(page, "Hired")
        assert not page.plan_button.isEnabled()
        _select_row(page, "Due: Return from leave")
        assert page.plan_button.isEnabled()
        qtbot.mouseClick(page.plan_button, Qt.MouseButton.LeftButton)
        dialog = page.plan_dialog
        assert dialog is not None and dialog.isVisible()
        assert dialog.interview_kind() is InterviewKind.RETURN
        assert dialog.interview_date() == date(2027, 1, 4)
        assert "After the deadline of Dec 12, 2026" in dialog.warnings()
        dialog.date_edit.set_value(date(2026, 12, 11))
        assert "After the deadline" not in dialog.warnings()
        with qtbot.waitSignal(window.feed.report_ready, timeout=WAIT_MS):
            dialog.ok_button.click()
        (planned,) = _return_interviews(workspace)

        # Double-clicking the obligation again opens the interview planned for it.
        _select_row(page, "Due: Return from leave")
        page.timeline.itemActivated.emit(page.timeline.currentItem(), 1)
        again = page.plan_dialog
        assert again is not None and again is not dialog
        assert again.existing == planned
        assert again.already_label.isVisible()
        again.reject()
        assert _return_interviews(workspace) == [planned]
