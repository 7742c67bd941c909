"""The interviews and training plan pages list every record of every employee, sort, filter
and search them, follow each change, and open the employee of a row."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from entretien_desktop.domain import Interview, InterviewKind, InterviewStatus, Training
from entretien_desktop.i18n import format_number
from entretien_desktop.services.demo import build_demo_company
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.ui.feed import ObligationsFeed
from entretien_desktop.ui.pages.interviews_page import (
    InterviewsModel,
    InterviewsPage,
    interview_labels,
)
from entretien_desktop.ui.pages.training_page import TrainingModel, TrainingPlanPage
from tests.helpers import TODAY, open_workspace

pytestmark = pytest.mark.gui


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    with open_workspace(tmp_path / "demo.sqlite", build_demo_company(TODAY)) as space:
        yield space


@pytest.fixture
def feed(workspace: Workspace) -> ObligationsFeed:
    return ObligationsFeed(workspace)


@pytest.fixture
def interviews(qtbot: QtBot, workspace: Workspace, feed: ObligationsFeed) -> InterviewsPage:
    page = InterviewsPage(workspace, feed)
    qtbot.addWidget(page)
    page.show()
    return page


@pytest.fixture
def training(qtbot: QtBot, workspace: Workspace, feed: ObligationsFeed) -> TrainingPlanPage:
    page = TrainingPlanPage(workspace, feed)
    qtbot.addWidget(page)
    page.show()
    return page


def _plain(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()


def _column(page: InterviewsPage | TrainingPlanPage, column: int) -> list[str]:
    proxy = page.proxy
    return [proxy.index(row, column).data() for row in range(proxy.rowCount())]


def test_every_interview_is_listed(
    interviews: InterviewsPage, workspace: Workspace, qtmodeltester: ModelTester
) -> None:
    company = workspace.require_company()
    every = [i for e in company.employees for i in e.interviews]
    qtmodeltester.check(interviews.model)
    qtmodeltester.check(interviews.proxy)
    assert interviews.proxy.rowCount() == len(every) > 20
    assert interviews.count_label.text() == f"{len(every)} interviews"
    kinds, statuses = interview_labels()
    assert set(_column(interviews, InterviewsModel.KIND)) <= set(kinds.values())
    # The status, then what the form adds: a draft in progress or the day it was signed.
    shown = {text.split(" · ")[0] for text in _column(interviews, InterviewsModel.STATUS)}
    assert shown <= set(statuses.values())
    assert any(" · signed on " in text for text in _column(interviews, InterviewsModel.STATUS))
    assert statuses[InterviewStatus.PLANNED] == "Planned"
    assert kinds[InterviewKind.PROFESSIONAL] == "Professional interview"


def test_the_newest_come_first_and_any_column_sorts(
    interviews: InterviewsPage, workspace: Workspace
) -> None:
    company = workspace.require_company()
    dates = sorted(
        (i.date for e in company.employees for i in e.interviews if i.date), reverse=True
    )
    first = interviews.proxy.index(0, InterviewsModel.DATE).data()
    assert first == f"{dates[0]:%b} {dates[0].day}, {dates[0].year}"
    interviews.table.sortByColumn(InterviewsModel.EMPLOYEE, Qt.SortOrder.AscendingOrder)
    names = _column(interviews, InterviewsModel.EMPLOYEE)
    assert names[0].startswith("Camille")  # accents and case aside, A before Z
    assert names == sorted(names, key=_plain)


def test_the_status_filter_and_the_search_narrow_the_list(
    interviews: InterviewsPage, workspace: Workspace
) -> None:
    company = workspace.require_company()
    planned = [
        i for e in company.employees for i in e.interviews if i.status is InterviewStatus.PLANNED
    ]
    interviews.set_status(InterviewStatus.PLANNED)
    assert interviews.status_combo.currentText() == "Planned"
    assert set(_column(interviews, InterviewsModel.STATUS)) == {"Planned"}
    assert interviews.proxy.rowCount() == len(planned)
    assert interviews.count_label.text().startswith(f"{len(planned)} of ")

    interviews.set_status(None)
    interviews.search_edit.setText("emilie rous")  # no accent, two words
    assert set(_column(interviews, InterviewsModel.EMPLOYEE)) == {"Émilie Rousseau"}
    assert interviews.proxy.rowCount() == len(workspace.employee("E003").interviews)
    interviews.search_edit.setText("nobody by that name")
    assert interviews.proxy.rowCount() == 0


def test_a_change_shows_after_the_next_report(
    qtbot: QtBot, interviews: InterviewsPage, workspace: Workspace, feed: ObligationsFeed
) -> None:
    before = interviews.model.rowCount()
    employee = workspace.employee("E004")
    planned = Interview("E004-new", InterviewKind.ANNUAL_REVIEW, InterviewStatus.PLANNED)
    with qtbot.waitSignal(feed.report_ready, timeout=10_000):
        workspace.save_employee(
            replace(employee, interviews=(*employee.interviews, planned)), replacing="E004"
        )
    assert interviews.model.rowCount() == before + 1


def test_double_click_opens_the_employee(qtbot: QtBot, interviews: InterviewsPage) -> None:
    interviews.show()
    table = interviews.table
    index = interviews.proxy.index(3, InterviewsModel.KIND)
    ref = interviews.proxy.mapToSource(index).row()
    expected = interviews.model.row(ref)[0].ref
    cell = table.visualRect(index).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    with qtbot.waitSignal(interviews.employee_activated) as activated:
        qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    assert activated.args == [expected]


def test_every_training_is_listed(
    training: TrainingPlanPage, workspace: Workspace, qtmodeltester: ModelTester
) -> None:
    every = [t for e in workspace.require_company().employees for t in e.trainings]
    qtmodeltester.check(training.model)
    qtmodeltester.check(training.proxy)
    assert training.proxy.rowCount() == len(every) > 10
    hours = format_number(sum(t.hours for t in every))
    assert training.count_label.text() == f"{len(every)} trainings, {hours} hours in all"
    assert set(_column(training, TrainingModel.MANDATORY)) == {"Yes", "No"}
    assert training.proxy.index(0, TrainingModel.HOURS).data(
        Qt.ItemDataRole.TextAlignmentRole
    ) == int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def test_trainings_sort_by_hours_and_search_by_title(
    qtbot: QtBot, training: TrainingPlanPage, workspace: Workspace, feed: ObligationsFeed
) -> None:
    training.table.sortByColumn(TrainingModel.HOURS, Qt.SortOrder.DescendingOrder)
    longest = max(
        (t for e in workspace.require_company().employees for t in e.trainings),
        key=lambda t: t.hours,
    )
    assert training.proxy.index(0, TrainingModel.TITLE).data() == longest.title

    training.search_edit.setText("excel")
    titles = set(_column(training, TrainingModel.TITLE))
    assert titles == {"Excel avancé"}

    employee = workspace.employee("E004")
    course = Training("Excel expert", date(2026, 10, 5), date(2026, 10, 6), 14, certification=True)
    with qtbot.waitSignal(feed.report_ready, timeout=10_000):
        workspace.save_employee(
            replace(employee, trainings=(*employee.trainings, course)), replacing="E004"
        )
    assert "Excel expert" in _column(training, TrainingModel.TITLE)
    row = _column(training, TrainingModel.TITLE).index("Excel expert")
    assert training.proxy.index(row, TrainingModel.CERTIFICATION).data() == "Yes"
    assert training.proxy.index(row, TrainingModel.START).data() == "Oct 5, 2026"


def test_a_hidden_page_reads_the_records_only_when_shown(
    qtbot: QtBot, workspace: Workspace, feed: ObligationsFeed
) -> None:
    page = InterviewsPage(workspace, feed)
    qtbot.addWidget(page)
    assert page.model.rowCount() == 0
    page.show()
    assert page.model.rowCount() == sum(
        len(e.interviews) for e in workspace.require_company().employees
    )


def test_sorting_by_date_puts_the_newest_first(interviews: InterviewsPage) -> None:
    interviews.table.sortByColumn(InterviewsModel.DATE, Qt.SortOrder.DescendingOrder)
    days = [
        interviews.model.interview(
            interviews.proxy.mapToSource(interviews.proxy.index(row, 0)).row()
        ).date
        for row in range(interviews.proxy.rowCount())
    ]
    known = [day for day in days if day is not None]
    assert known == sorted(known, reverse=True)


def test_a_cell_too_narrow_for_its_text_shows_it_whole_in_a_tooltip(
    training: TrainingPlanPage,
) -> None:
    index = training.proxy.index(0, TrainingModel.TITLE)
    assert index.data(Qt.ItemDataRole.ToolTipRole) == index.data()
