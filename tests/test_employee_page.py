"""One employee's page: identity, the timeline of their record and obligations, and leaves
recorded, corrected and removed in place, with the return interview they bring."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QTreeWidgetItem
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from entretien_desktop.domain import Interview, InterviewKind, InterviewStatus, Leave, LeaveKind
from entretien_desktop.i18n import set_language
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.ui import theme
from entretien_desktop.ui.dialogs.leave_dialog import LeaveDialog
from entretien_desktop.ui.feed import ObligationsFeed
from entretien_desktop.ui.pages.action_plan_view import BY_WHEN, FROM, INDICATOR, WHAT, WHO
from entretien_desktop.ui.pages.employee_page import EmployeePage
from entretien_desktop.ui.widgets.timeline import DATE, DETAILS, EVENT, STATUS
from tests.helpers import open_workspace, small_company
from tests.qt_helpers import ready_feed

pytestmark = pytest.mark.gui


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    with open_workspace(tmp_path / "c.sqlite", small_company()) as space:
        yield space


@pytest.fixture
def feed(qtbot: QtBot, workspace: Workspace) -> ObligationsFeed:
    return ready_feed(qtbot, workspace)


@pytest.fixture
def page(qtbot: QtBot, workspace: Workspace, feed: ObligationsFeed) -> EmployeePage:
    page = EmployeePage(workspace, feed)
    qtbot.addWidget(page)
    page.resize(1100, 750)
    page.show()
    return page


def rows(page: EmployeePage) -> list[tuple[str, str, str]]:
    """Each timeline row as (date, event, status)."""
    items = [page.timeline.topLevelItem(i) for i in range(page.timeline.topLevelItemCount())]
    return [(i.text(DATE), i.text(EVENT), i.text(STATUS)) for i in items if i is not None]


def add_leave(qtbot: QtBot, page: EmployeePage) -> LeaveDialog:
    qtbot.mouseClick(page.add_leave_button, Qt.MouseButton.LeftButton)
    dialog = page.leave_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def fill(dialog: LeaveDialog, kind: LeaveKind, start: date, end: date | None) -> None:
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(kind))
    dialog.start_edit.set_value(start)
    dialog.ongoing_check.setChecked(end is None)
    if end is not None:
        dialog.end_edit.set_value(end)


def select_leave(page: EmployeePage, index: int) -> QTreeWidgetItem:
    item = page.timeline.leave_items()[index]
    page.timeline.setCurrentItem(item)
    return item


def test_the_page_shows_identity_and_a_newest_first_timeline(page: EmployeePage) -> None:
    page.show_employee("G1")
    assert page.name_label.text() == "Éloïse Lefèvre"
    assert page.fields["hired"].text() == "Mar 4, 2019"
    assert page.fields["contract"].text() == "Permanent (CDI) · Full time"
    assert page.fields["left"].text() == "—"
    assert page.fields["seniority"].text() == "7 completed years"  # on 22 Nov 2026
    timeline = rows(page)
    assert timeline[-1] == ("Mar 4, 2019", "Hired", "")
    assert ("Jan 8, 2024", "Maternity leave", "") in timeline
    assert ("Feb 1, 2023", "Professional interview", "Held") in timeline
    assert ("Nov 22, 2026", "Today", "") in timeline
    assert any(event.startswith("Due: ") for _day, event, _status in timeline)
    page.show_employee("G2")
    assert page.fields["manager"].text() == "Éloïse Lefèvre (G1)"


def test_the_timeline_model_passes_the_model_tester(
    qtmodeltester: ModelTester, page: EmployeePage
) -> None:
    page.show_employee("G1")
    qtmodeltester.check(page.timeline.model())


def test_a_recorded_leave_brings_its_return_interview(
    qtbot: QtBot, page: EmployeePage, feed: ObligationsFeed, workspace: Workspace
) -> None:
    page.show_employee("G2")
    assert not any(event == "Due: Return from leave" for _d, event, _s in rows(page))
    dialog = add_leave(qtbot, page)
    fill(dialog, LeaveKind.SABBATICAL, date(2026, 3, 2), date(2026, 10, 31))
    assert dialog.ok_button.isEnabled()
    with qtbot.waitSignal(feed.report_ready, timeout=10_000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert workspace.employee("G2").leaves == (
        Leave(LeaveKind.SABBATICAL, date(2026, 3, 2), date(2026, 10, 31)),
    )
    timeline = rows(page)
    assert ("Mar 2, 2026", "Sabbatical leave", "") in timeline
    assert ("Dec 1, 2026", "Due: Return from leave", "Due soon") in timeline
    item = next(
        page.timeline.topLevelItem(i)
        for i in range(page.timeline.topLevelItemCount())
        if page.timeline.topLevelItem(i).text(EVENT) == "Due: Return from leave"
    )
    assert "sabbatical" in item.toolTip(DETAILS)


def test_a_leave_ending_before_it_starts_is_refused(qtbot: QtBot, page: EmployeePage) -> None:
    page.show_employee("G2")
    dialog = add_leave(qtbot, page)
    fill(dialog, LeaveKind.SICKNESS, date(2026, 5, 4), date(2026, 5, 1))
    assert not dialog.end_error.isHidden()
    assert dialog.end_error.text() == "A leave cannot end before it starts."
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClick(dialog.kind_combo, Qt.Key.Key_Return)
    assert dialog.isVisible()
    dialog.ongoing_check.setChecked(True)
    assert dialog.end_error.isHidden() and dialog.ok_button.isEnabled()
    assert not dialog.end_edit.isEnabled()


def test_a_leave_is_corrected_in_place(
    qtbot: QtBot, page: EmployeePage, feed: ObligationsFeed, workspace: Workspace
) -> None:
    page.show_employee("G1")
    assert not page.edit_entry_button.isEnabled()
    select_leave(page, 0)
    assert page.edit_entry_button.isEnabled()
    qtbot.mouseClick(page.edit_entry_button, Qt.MouseButton.LeftButton)
    dialog = page.leave_dialog
    assert dialog is not None
    assert dialog.start_edit.value() == date(2024, 1, 8)
    assert dialog.end_edit.value() == date(2024, 5, 26)
    dialog.end_edit.set_value(date(2024, 6, 30))
    with qtbot.waitSignal(feed.report_ready, timeout=10_000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert workspace.employee("G1").leaves == (
        Leave(LeaveKind.MATERNITY, date(2024, 1, 8), date(2024, 6, 30)),
    )
    assert page.timeline.selected_leave() == 0


def test_a_leave_is_removed_after_confirmation(
    qtbot: QtBot,
    page: EmployeePage,
    feed: ObligationsFeed,
    workspace: Workspace,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    page.show_employee("G1")
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    questions: list[str] = []

    def answer(_parent: object, _title: str, text: str, *_args: object) -> object:
        questions.append(text)
        return answers.pop(0)

    monkeypatch.setattr(QMessageBox, "question", answer)
    select_leave(page, 0)
    qtbot.mouseClick(page.remove_entry_button, Qt.MouseButton.LeftButton)
    assert len(workspace.employee("G1").leaves) == 1
    with qtbot.waitSignal(feed.report_ready, timeout=10_000):
        qtbot.mouseClick(page.remove_entry_button, Qt.MouseButton.LeftButton)
    assert workspace.employee("G1").leaves == ()
    assert questions[0] == (
        "Remove the Maternity leave starting on Jan 8, 2024 from Éloïse Lefèvre's record?"
    )
    assert page.timeline.leave_items() == {}


def test_overlapping_leaves_are_flagged_but_allowed(
    qtbot: QtBot, page: EmployeePage, feed: ObligationsFeed, workspace: Workspace
) -> None:
    page.show_employee("G1")
    assert page.warning_label.isHidden()
    dialog = add_leave(qtbot, page)
    fill(dialog, LeaveKind.PARENTAL_EDUCATION, date(2024, 5, 1), None)
    assert not dialog.warning.isHidden()
    assert "Maternity leave, from Jan 8, 2024" in dialog.warning.text()
    assert dialog.ok_button.isEnabled()
    with qtbot.waitSignal(feed.report_ready, timeout=10_000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert len(workspace.employee("G1").leaves) == 2
    assert page.warning_label.text() == "1 leave overlaps the one before it."
    assert not page.warning_label.isHidden()
    flagged = page.timeline.leave_items()[1]
    assert not flagged.icon(EVENT).isNull()
    assert ("May 1, 2024", "Parental education leave", "Ongoing") in rows(page)


def test_edit_opens_the_form_and_follows_a_new_number(
    qtbot: QtBot, page: EmployeePage, feed: ObligationsFeed
) -> None:
    page.show_employee("G2")
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    dialog = page.edit_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.ref_edit.text() == "G2"
    dialog.ref_edit.clear()
    qtbot.keyClicks(dialog.ref_edit, "G20")
    with qtbot.waitSignal(feed.report_ready, timeout=10_000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert page.ref == "G20"
    assert page.summary_label.text().startswith("G20")


def test_the_back_button_asks_for_the_register(qtbot: QtBot, page: EmployeePage) -> None:
    page.show_employee("G1")
    with qtbot.waitSignal(page.back_requested):
        qtbot.mouseClick(page.back_button, Qt.MouseButton.LeftButton)


def test_a_refusal_on_two_lines_gets_room_in_the_open_dialog(
    qtbot: QtBot, page: EmployeePage
) -> None:
    set_language("fr")  # a longer message, that wraps
    page.show_employee("G2")
    dialog = add_leave(qtbot, page)
    qtbot.waitExposed(dialog)
    fill(dialog, LeaveKind.SICKNESS, date(2026, 5, 4), date(2026, 5, 1))
    error = dialog.end_error
    assert not error.isHidden()
    qtbot.waitUntil(lambda: error.height() >= error.heightForWidth(error.width()))
    assert error.geometry().bottom() < dialog.buttons.geometry().top()


def test_the_action_plan_shows_the_agreements_of_the_interviews(
    qtbot: QtBot, page: EmployeePage, feed: ObligationsFeed, workspace: Workspace
) -> None:
    held = workspace.employee("G1").interviews[0]
    agreed = replace(
        held,
        template="professional@1",
        answers={
            "action_plan": [
                {
                    "what": "Suivre la formation CACES",
                    "who": "Marc",
                    "by_when": "2027-03-31",
                    "indicator": "Certificat obtenu",
                }
            ]
        },
    )
    later = Interview(
        "G1-2",
        InterviewKind.PROFESSIONAL,
        InterviewStatus.HELD,
        date(2025, 2, 3),
        template="professional@1",
        answers={"action_plan": [{"what": "Former un apprenti", "by_when": "2025-12-31"}]},
    )
    with qtbot.waitSignal(feed.report_ready, timeout=10_000):
        workspace.put_interview("G1", agreed)
    with qtbot.waitSignal(feed.report_ready, timeout=10_000):
        workspace.put_interview("G1", later)
    page.show_employee("G1")
    plan = page.action_plan
    assert page.tabs.tabText(page.tabs.indexOf(plan)) == "Action &plan (2)"
    page.tabs.setCurrentWidget(plan)
    assert plan.table.isVisible()
    assert plan.stack.currentWidget() is plan.table
    rows = [
        tuple(plan.text(row, column) for column in (WHAT, WHO, BY_WHEN, INDICATOR, FROM))
        for row in range(plan.count())
    ]
    assert rows == [  # newest interview first
        ("Former un apprenti", "", "Dec 31, 2025", "", "Professional interview, Feb 3, 2025"),
        (
            "Suivre la formation CACES",
            "Marc",
            "Mar 31, 2027",
            "Certificat obtenu",
            "Professional interview, Feb 1, 2023",
        ),
    ]
    past, ahead = (plan.table.item(row, BY_WHEN) for row in range(2))
    assert past is not None and ahead is not None
    assert past.foreground().color().name() == theme.ERROR  # before Nov 22, 2026
    assert past.font().bold()
    assert ahead.foreground().style() == Qt.BrushStyle.NoBrush


def test_the_action_plan_says_when_there_is_no_agreement(page: EmployeePage) -> None:
    page.show_employee("G2")
    plan = page.action_plan
    assert page.tabs.tabText(page.tabs.indexOf(plan)) == "Action &plan"
    page.tabs.setCurrentWidget(plan)
    assert plan.stack.currentWidget() is plan.empty_label
    assert plan.empty_label.isVisible()
    assert plan.empty_label.text() == "No agreement recorded yet."
    assert plan.count() == 0


def test_a_transfer_and_a_forfait_jours_show_on_the_page(
    page: EmployeePage, workspace: Workspace
) -> None:
    """The seniority a transferred contract carried over shows beside the hire date and
    counts in the completed years; the forfait jours beside the contract."""
    workspace.update_employee(
        "G1",
        lambda: "transfer",
        seniority_date=date(2012, 12, 1),
        forfait_jours_since=date(2020, 1, 6),
    )
    page.show_employee("G1")
    assert page.fields["hired"].text() == "Mar 4, 2019 (seniority from Dec 1, 2012)"
    assert page.fields["seniority"].text() == "13 completed years"
    assert page.fields["contract"].text() == (
        "Permanent (CDI) · Full time · forfait jours since Jan 6, 2020"
    )
