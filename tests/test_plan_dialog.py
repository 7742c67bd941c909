"""Planning an interview adds a planned interview to the employee, under a number no other
interview uses; a refusal is shown in the dialog, which keeps what was typed."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, time, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from entretien_desktop.domain import Interview, InterviewKind, InterviewStatus
from entretien_desktop.rules import ObligationKind
from entretien_desktop.services.employee_checks import ChangeRefused, FieldProblem
from entretien_desktop.services.obligations import ObligationsReport
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.storage import open_database
from entretien_desktop.ui.dialogs.plan_dialog import PlanInterviewDialog, interview_kind_for
from entretien_desktop.ui.feed import ObligationsFeed
from tests.helpers import small_company

pytestmark = pytest.mark.gui

TODAY = date(2026, 11, 22)
NOTICE = timedelta(days=30)  # the default invitation notice


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    database = open_database(tmp_path / "c.sqlite")
    space = Workspace(database, today=lambda: TODAY)
    space.create_company(small_company())
    yield space
    database.close()


def _dialog(qtbot: QtBot, workspace: Workspace, ref: str = "G2") -> PlanInterviewDialog:
    dialog = PlanInterviewDialog(workspace, ref, InterviewKind.RETURN)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_each_obligation_is_met_by_its_interview() -> None:
    assert interview_kind_for(ObligationKind.PERIODIC) is InterviewKind.PROFESSIONAL
    for kind in ObligationKind:
        if kind is not ObligationKind.PERIODIC:
            assert interview_kind_for(kind).value == kind.value


def test_the_form_proposes_the_invitation_notice_and_the_kind(
    qtbot: QtBot, workspace: Workspace
) -> None:
    dialog = _dialog(qtbot, workspace)
    assert dialog.interview_date() == TODAY + NOTICE
    assert dialog.kind_combo.currentText() == "Return interview"
    assert dialog.interview_kind() is InterviewKind.RETURN
    assert dialog.date_edit.calendar_button.isVisibleTo(dialog)  # its calendar: test_date_fields
    assert not dialog.error_label.isVisible()


def test_planning_adds_a_planned_interview_that_the_feed_reports(
    qtbot: QtBot, workspace: Workspace
) -> None:
    feed = ObligationsFeed(workspace)
    dialog = _dialog(qtbot, workspace)
    dialog.date_edit.set_value(date(2027, 1, 15))
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("professional"))
    dialog.interviewer_edit.setText("Éloïse Lefèvre")
    dialog.place_edit.setText("Bureau de l'atelier")
    with qtbot.waitSignal(feed.report_ready, timeout=10_000) as ready:
        dialog.ok_button.click()

    assert dialog.result() == QDialog.DialogCode.Accepted
    expected = Interview(
        "G2-20270115-1",
        InterviewKind.PROFESSIONAL,
        InterviewStatus.PLANNED,
        date(2027, 1, 15),
        template="professional@2",
        interviewer="Éloïse Lefèvre",
        place="Bureau de l'atelier",
        time=time(10, 0),  # the time proposed, kept unless unticked
    )
    assert workspace.employee("G2").interviews == (expected,)
    report = ready.args[0]
    assert isinstance(report, ObligationsReport)
    reported = {e.ref: e for e in report.company.employees}
    assert reported["G2"].interviews == (expected,)


def test_a_second_interview_the_same_day_gets_the_next_number(
    qtbot: QtBot, workspace: Workspace
) -> None:
    for _ in range(2):
        dialog = _dialog(qtbot, workspace, "G1")
        dialog.ok_button.click()
    day = f"{TODAY + NOTICE:%Y%m%d}"
    ids = [i.id for i in workspace.employee("G1").interviews]
    assert ids == ["G1-1", f"G1-{day}-1", f"G1-{day}-2"]


def test_a_date_after_the_exit_is_refused_in_the_dialog(qtbot: QtBot, workspace: Workspace) -> None:
    workspace.record_exit("G2", date(2026, 12, 4))
    dialog = _dialog(qtbot, workspace)
    dialog.ok_button.click()

    assert dialog.isVisible()
    assert dialog.error_label.isVisible()
    assert "leaves on Dec 4, 2026" in dialog.error_label.text()
    assert workspace.employee("G2").interviews == ()
    dialog.date_edit.set_value(date(2026, 12, 1))
    dialog.ok_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert [i.date for i in workspace.employee("G2").interviews] == [date(2026, 12, 1)]


def test_a_refusal_from_the_workspace_keeps_what_was_typed(
    qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    problem = FieldProblem("interviews[0].id", "This interview number is already used.")

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise ChangeRefused([problem])

    monkeypatch.setattr(workspace, "put_interview", refuse)
    dialog = _dialog(qtbot, workspace)
    dialog.date_edit.set_value(date(2027, 2, 3))
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("annual_review"))
    dialog.ok_button.click()

    assert dialog.isVisible()
    assert dialog.error_label.text() == problem.message
    assert dialog.interview_date() == date(2027, 2, 3)
    assert dialog.interview_kind() is InterviewKind.ANNUAL_REVIEW


def test_a_refusal_makes_room_for_itself(qtbot: QtBot, workspace: Workspace) -> None:
    workspace.record_exit("G2", date(2026, 12, 4))
    dialog = _dialog(qtbot, workspace)
    qtbot.waitExposed(dialog)
    fields = (dialog.date_edit, dialog.kind_combo)
    heights = [field.height() for field in fields]
    dialog.ok_button.click()
    assert dialog.error_label.isVisible()
    qtbot.waitUntil(lambda: dialog.error_label.height() >= dialog.error_label.sizeHint().height())
    assert [field.height() for field in fields] == heights  # not squeezed
    assert dialog.error_label.geometry().bottom() < dialog.ok_button.parentWidget().y()


def test_a_return_interview_says_which_leave_it_follows(qtbot: QtBot, workspace: Workspace) -> None:
    dialog = PlanInterviewDialog(workspace, "G1", InterviewKind.RETURN)
    qtbot.addWidget(dialog)
    assert "maternity leave" in dialog.context_edit.text()
    assert dialog.template_combo.currentData() == "return@2"
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("annual_review"))
    assert dialog.context_edit.text() == ""
    assert dialog.template_combo.currentData() == "annual_review@3"
