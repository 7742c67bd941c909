"""The dashboard shows what the obligations report says: the counts and the money in its
tiles, twelve months in its chart, the open obligations most urgent first; a row leads to
the employee or to planning the interview."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from entretien_desktop.domain import Company, Contract, Employee, InterviewStatus
from entretien_desktop.i18n import format_money, format_number
from entretien_desktop.rules import Status
from entretien_desktop.rules.statuses import STATUS_URGENCY
from entretien_desktop.services.board import Stage
from entretien_desktop.services.dashboard import dashboard
from entretien_desktop.services.demo import build_demo_company
from entretien_desktop.services.labels import obligation_kind_label
from entretien_desktop.services.obligations import ObligationsReport
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.storage import open_database
from entretien_desktop.ui.dialogs.plan_dialog import PlanInterviewDialog, interview_kind_for
from entretien_desktop.ui.feed import ObligationsFeed
from entretien_desktop.ui.pages.dashboard_page import (
    STATUS_COLOURS,
    DashboardPage,
    UrgentModel,
    format_rate,
)
from entretien_desktop.ui.widgets.board_view import CARD_ROLE

pytestmark = pytest.mark.gui

TODAY = date(2026, 11, 22)
WAIT = 10_000


def _workspace(path: Path, company: Company) -> Workspace:
    space = Workspace(open_database(path), today=lambda: TODAY)
    space.create_company(company)
    return space


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    space = _workspace(tmp_path / "demo.sqlite", build_demo_company(TODAY))
    yield space
    space.database.close()


@pytest.fixture
def feed(workspace: Workspace) -> ObligationsFeed:
    return ObligationsFeed(workspace)


def _report(qtbot: QtBot, feed: ObligationsFeed) -> ObligationsReport:
    with qtbot.waitSignal(feed.report_ready, timeout=WAIT) as ready:
        feed.refresh()
    report = ready.args[0]
    assert isinstance(report, ObligationsReport)
    return report


@pytest.fixture
def page(qtbot: QtBot, workspace: Workspace, feed: ObligationsFeed) -> DashboardPage:
    shown = DashboardPage(workspace, feed)
    qtbot.addWidget(shown)
    shown.resize(1000, 700)
    shown.show()
    return shown


def test_tiles_show_the_counts_and_the_money(
    qtbot: QtBot, page: DashboardPage, feed: ObligationsFeed
) -> None:
    board = dashboard(_report(qtbot, feed))
    assert page.tiles["overdue"].text() == format_number(board.overdue)
    assert page.tiles["due_soon"].text() == format_number(board.due_soon)
    assert page.tiles["upcoming"].text() == format_number(board.upcoming)
    report = _report(qtbot, feed)
    # The tile shows what is owed; what reviews to come would owe is said apart, never added.
    assert page.tiles["amount"].text() == format_money(board.owed_eur, cents=False)
    assert board.owed_eur > 0
    assert board.owed_eur + board.possible_eur == report.amount_at_stake_eur
    detail = page.tiles["amount"].detail_label.text()
    if board.possible_eur:
        assert (
            detail
            == f"{format_money(board.possible_eur, cents=False)} more possible if nothing changes"
        )
    else:
        assert detail == ""
    assert page.tiles["amount"].text().startswith("€")
    assert "." not in page.tiles["amount"].text()
    assert page.tiles["compliance"].text() == format_rate(board.compliance_rate)
    assert page.tiles["compliance"].text().endswith("%")
    assert "November 22, 2026" in page.as_of_label.text()


def test_a_page_built_after_a_report_shows_it_at_once(
    qtbot: QtBot, workspace: Workspace, feed: ObligationsFeed
) -> None:
    board = dashboard(_report(qtbot, feed))
    later = DashboardPage(workspace, feed)
    qtbot.addWidget(later)
    assert later.tiles["overdue"].text() == format_number(board.overdue)
    assert later.model.rowCount() == len(board.urgent)


def test_the_chart_shows_the_next_twelve_months(
    qtbot: QtBot, page: DashboardPage, feed: ObligationsFeed
) -> None:
    board = dashboard(_report(qtbot, feed))
    labels = page.chart.month_labels()
    assert len(labels) == 12
    assert labels[:3] == ["Nov", "Dec", "Jan"]
    assert "January 2027" in page.chart.describe(board.months[2])
    assert not page.chart.grab().isNull()


def test_the_rate_reads_as_a_percentage_or_a_dash() -> None:
    assert format_rate(0.5) == "50%"
    assert format_rate(None) == "—"


def test_open_obligations_come_most_urgent_first(
    qtbot: QtBot, page: DashboardPage, feed: ObligationsFeed, qtmodeltester: ModelTester
) -> None:
    board = dashboard(_report(qtbot, feed))
    model = page.model
    qtmodeltester.check(model)
    assert model.rowCount() == len(board.urgent) > 0
    shown = [model.obligation(row) for row in range(model.rowCount())]
    assert shown == list(board.urgent)
    keys = [(STATUS_URGENCY[o.status], o.deadline) for o in shown]
    assert keys == sorted(keys)
    first = shown[0]
    assert first.status is Status.OVERDUE
    assert model.index(0, UrgentModel.KIND).data() == obligation_kind_label(first.kind)
    assert model.index(0, UrgentModel.STATUS).data() == "Overdue"
    colour = model.index(0, UrgentModel.STATUS).data(Qt.ItemDataRole.ForegroundRole)
    assert isinstance(colour, QBrush)
    assert colour.color() == QColor(STATUS_COLOURS[Status.OVERDUE])
    assert model.index(0, UrgentModel.EXPLANATION).data() == first.explanation
    assert page.urgent_stack.currentWidget() is page.table


def test_double_click_or_enter_opens_the_employee(
    qtbot: QtBot, page: DashboardPage, feed: ObligationsFeed
) -> None:
    board = dashboard(_report(qtbot, feed))
    table = page.table
    cell = table.visualRect(page.model.index(2, 0)).center()
    activated: list[str] = []
    page.employee_activated.connect(activated.append)
    # A real double-click: the first click selects, the second one (a double-click) opens.
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    assert activated == []
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    assert activated == [board.urgent[2].employee_ref]

    table.setFocus()
    table.setCurrentIndex(page.model.index(4, 1))
    with qtbot.waitSignal(page.employee_activated, timeout=WAIT) as entered:
        qtbot.keyClick(table, Qt.Key.Key_Return)
    assert entered.args == [board.urgent[4].employee_ref]


def test_planning_from_a_row_adds_a_planned_interview(
    qtbot: QtBot, page: DashboardPage, feed: ObligationsFeed, workspace: Workspace
) -> None:
    board = dashboard(_report(qtbot, feed))
    assert not page.plan_button.isEnabled()
    # A row past the first, of someone still employed (one who left cannot be planned).
    row = next(
        index
        for index, o in enumerate(board.urgent)
        if index and workspace.employee(o.employee_ref).exit_date is None
    )
    page.table.selectRow(row)
    assert page.plan_button.isEnabled()
    obligation = board.urgent[row]

    page.plan_button.click()
    dialog = page.findChild(PlanInterviewDialog)
    assert isinstance(dialog, PlanInterviewDialog)
    assert dialog.isVisible()
    assert dialog.interview_kind() is interview_kind_for(obligation.kind)
    before = len(workspace.employee(obligation.employee_ref).interviews)
    with qtbot.waitSignal(feed.report_ready, timeout=WAIT) as ready:
        dialog.ok_button.click()

    interviews = workspace.employee(obligation.employee_ref).interviews
    assert len(interviews) == before + 1
    planned = interviews[-1]
    assert planned.status is InterviewStatus.PLANNED
    assert planned.kind is interview_kind_for(obligation.kind)
    reported = {e.ref: e for e in ready.args[0].company.employees}[obligation.employee_ref]
    assert planned in reported.interviews
    # The obligation stays open until the interview is held, and stays selected.
    assert page.selected_obligation() == obligation


def test_updating_shows_while_the_feed_works(
    qtbot: QtBot, page: DashboardPage, feed: ObligationsFeed
) -> None:
    assert not page.busy_label.isVisible()
    with qtbot.waitSignal(feed.report_ready, timeout=WAIT):
        feed.refresh()
        assert page.busy_label.isVisible()
        assert page.busy_label.text() == "Updating…"
    assert not page.busy_label.isVisible()


def test_nothing_open_shows_the_empty_state(qtbot: QtBot, tmp_path: Path) -> None:
    space = _workspace(tmp_path / "empty.sqlite", Company("Atelier vide", "FR", headcount=3))
    try:
        feed = ObligationsFeed(space)
        page = DashboardPage(space, feed)
        qtbot.addWidget(page)
        assert page.urgent_stack.currentWidget() is page.empty_label
        assert page.tiles["overdue"].text() == "—"
        _report(qtbot, feed)
        assert page.model.rowCount() == 0
        assert page.urgent_stack.currentWidget() is page.empty_label
        # A new company: invited to add its employees, not told there is nothing to do.
        assert "No employee yet" in page.empty_label.text()
        assert "Ctrl+N" in page.empty_label.text()
        assert page.tiles["overdue"].text() == "0"
        assert page.tiles["compliance"].text() == "—"
        assert page.plan_button.isEnabled() is False
        assert page.model.index(0, 0) == QModelIndex()
    finally:
        space.database.close()


def test_law_and_company_policy_are_told_apart(
    qtbot: QtBot, page: DashboardPage, feed: ObligationsFeed
) -> None:
    """The demo's annual reviews are its own rule: each count says how many of its figure
    they make, and each row of the list says whether the law or a company policy asks."""
    board = dashboard(_report(qtbot, feed))
    assert 0 < board.policy_overdue < board.overdue
    overdue = page.tiles["overdue"].detail_label
    assert overdue.isVisibleTo(page)
    assert overdue.text() == f"of which {board.policy_overdue} by company policy"
    # The money tile's line is about money to come, not about policies.
    assert "policy" not in page.tiles["amount"].detail_label.text()
    model = page.model
    assert model.headerData(UrgentModel.BASIS, Qt.Orientation.Horizontal) == "Basis"
    policy_kinds = {"annual_review", "career_conversation"}
    bases = [
        (
            model.obligation(row).kind.value in policy_kinds,
            model.index(row, UrgentModel.BASIS).data(),
        )
        for row in range(model.rowCount())
    ]
    assert {basis for _policy, basis in bases} == {"Law", "Company policy"}
    assert all((basis == "Company policy") is policy for policy, basis in bases)


def test_a_company_whose_people_owe_nothing_says_there_is_nothing_to_do(
    qtbot: QtBot, tmp_path: Path
) -> None:
    gone = Employee(
        "X1", "Ana", "Lopes", date(2001, 3, 5), Contract.PERMANENT, exit_date=date(2005, 1, 31)
    )
    space = _workspace(
        tmp_path / "quiet.sqlite", Company("Atelier", "FR", headcount=3, employees=(gone,))
    )
    try:
        feed = ObligationsFeed(space)
        page = DashboardPage(space, feed)
        qtbot.addWidget(page)
        _report(qtbot, feed)
        assert page.model.rowCount() == 0
        assert "Nothing to do" in page.empty_label.text()
    finally:
        space.database.close()


def test_the_board_takes_an_obligation_from_to_do_to_in_progress(
    qtbot: QtBot, page: DashboardPage, feed: ObligationsFeed, workspace: Workspace
) -> None:
    _report(qtbot, feed)
    view = page.board_view
    assert page.views.currentWidget() is view  # the board is what the dashboard shows
    to_do, in_progress = view.lists[Stage.TO_DO], view.lists[Stage.IN_PROGRESS]
    counts = to_do.count(), in_progress.count()
    to_do.setCurrentRow(0)
    card = view.selected_card()
    assert card is not None and page.plan_button.isEnabled()
    dialog = page.plan_selected()
    assert dialog is not None and dialog.existing is None
    with qtbot.waitSignal(feed.report_ready, timeout=WAIT):
        dialog.ok_button.click()
    moved = [
        in_progress.item(i).data(CARD_ROLE)
        for i in range(in_progress.count())
        if in_progress.item(i).data(CARD_ROLE).obligation == card.obligation
    ]
    assert len(moved) == 1 and moved[0].interview is not None
    assert (to_do.count(), in_progress.count()) == (counts[0] - 1, counts[1] + 1)
    # A card in progress opens the interview planned for it.
    row = next(
        i
        for i in range(in_progress.count())
        if in_progress.item(i).data(CARD_ROLE).obligation == card.obligation
    )
    in_progress.setCurrentRow(row)
    in_progress.itemActivated.emit(in_progress.item(row))
    reopened = [d for d in page.findChildren(PlanInterviewDialog) if d.isVisible()]
    assert reopened and reopened[-1].existing == moved[0].interview
