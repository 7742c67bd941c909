"""The training plan's requests: every request of every interview form listed with its
figures and decision, filtered and searched, approved, refused and marked done; a request
done becomes a training of the employee's history, which the summary review counts."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from entretien_desktop.domain import Company, Interview, InterviewKind, InterviewStatus, Training
from entretien_desktop.rules import ObligationKind, evaluate_employee
from entretien_desktop.services.company_file import load_company
from entretien_desktop.services.training_requests import RequestStatus, training_requests
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.storage import open_database
from entretien_desktop.ui.feed import ObligationsFeed
from entretien_desktop.ui.pages.training_page import TrainingModel, TrainingPlanPage
from entretien_desktop.ui.pages.training_requests import RequestsModel, RequestsView
from tests.helpers import TODAY, open_review_text, open_workspace, small_company
from tests.qt_helpers import WAIT_MS, ready_feed

pytestmark = pytest.mark.gui

CACES = {
    "course": "CACES R489",
    "provider": "AFPA",
    "hours": "21",
    "cost": "950",
    "start": "2026-02-02",
    "end": "2026-02-04",
    "validation": "certificate",
    "funding": "company_plan",
    "priority": "high",
    "working_hours": "inside",
}


def company_with_a_request() -> Company:
    """The small company grown to 60 people; Noé (G2), hired in 2021, missed his first
    interview, held late on 15 Jan 2026, where he asked for a CACES."""
    company = small_company()
    interview = Interview(
        "G2-1",
        InterviewKind.PROFESSIONAL,
        InterviewStatus.HELD,
        date(2026, 1, 15),
        template="professional@1",
        answers={"training_requests": [CACES]},
    )
    noe = replace(company.employees[1], interviews=(interview,))
    return replace(company, headcount=60, employees=(company.employees[0], noe))


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "plan.sqlite"


@pytest.fixture
def workspace(path: Path) -> Iterator[Workspace]:
    with open_workspace(path, company_with_a_request()) as space:
        yield space


@pytest.fixture
def feed(qtbot: QtBot, workspace: Workspace) -> ObligationsFeed:
    return ready_feed(qtbot, workspace)


@pytest.fixture
def page(qtbot: QtBot, workspace: Workspace, feed: ObligationsFeed) -> TrainingPlanPage:
    page = TrainingPlanPage(workspace, feed)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    return page


@pytest.fixture
def requests(page: TrainingPlanPage) -> RequestsView:
    return page.requests


def row_texts(view: RequestsView, row: int = 0) -> dict[int, str]:
    proxy = view.proxy
    return {column: proxy.index(row, column).data() for column in range(proxy.columnCount())}


def select_first(view: RequestsView) -> None:
    view.table.selectRow(0)
    assert view.selected_request() is not None


def amount_at_stake(workspace: Workspace) -> int:
    company = workspace.require_company()
    employee = workspace.employee("G2")
    return sum(
        o.amount_at_stake_eur
        for o in evaluate_employee(company, employee, TODAY)
        if o.kind is ObligationKind.SUMMARY_REVIEW and o.satisfied_by is None
    )


def test_the_request_is_listed_with_its_figures_and_labels(requests: RequestsView) -> None:
    assert requests.isVisible()
    assert requests.proxy.rowCount() == 1
    texts = row_texts(requests)
    assert texts[RequestsModel.EMPLOYEE] == "Noé Garnier"
    assert texts[RequestsModel.COURSE] == "CACES R489"
    assert texts[RequestsModel.PROVIDER] == "AFPA"
    assert texts[RequestsModel.HOURS] == "21"
    assert texts[RequestsModel.COST] == "€950"
    assert texts[RequestsModel.DATES] == "Feb 2, 2026 – Feb 4, 2026"
    assert texts[RequestsModel.FUNDING] == "Company's skills development plan"
    assert texts[RequestsModel.PRIORITY] == "High priority"
    assert texts[RequestsModel.INTERVIEW] == "Jan 15, 2026"
    assert texts[RequestsModel.STATUS] == "Requested"
    tooltip = requests.proxy.index(0, RequestsModel.COURSE).data(Qt.ItemDataRole.ToolTipRole)
    assert "Validation sought: Certificate" in tooltip
    assert requests.count_label.text() == "1 request · approved: 0 hours, €0"


def test_the_requests_model_passes_the_model_tester(
    requests: RequestsView, qtmodeltester: ModelTester
) -> None:
    qtmodeltester.check(requests.model)
    qtmodeltester.check(requests.proxy)


def test_requests_filter_by_status_and_search(requests: RequestsView) -> None:
    requests.set_status(RequestStatus.APPROVED)
    assert requests.proxy.rowCount() == 0
    assert requests.count_label.text() == "0 of 1 request · approved: 0 hours, €0"
    requests.set_status(RequestStatus.REQUESTED)
    assert requests.proxy.rowCount() == 1
    requests.search_edit.setText("afpa")
    assert requests.proxy.rowCount() == 1
    requests.search_edit.setText("excel")
    assert requests.proxy.rowCount() == 0
    requests.search_edit.clear()
    requests.set_status(None)
    assert requests.proxy.rowCount() == 1


def test_buttons_follow_the_selected_request(requests: RequestsView) -> None:
    buttons = (requests.approve_button, requests.refuse_button, requests.done_button)
    assert not any(button.isEnabled() for button in buttons)
    select_first(requests)
    assert all(button.isEnabled() for button in buttons)


def test_an_approval_is_shown_counted_and_kept_in_the_file(
    qtbot: QtBot, requests: RequestsView, feed: ObligationsFeed, workspace: Workspace, path: Path
) -> None:
    select_first(requests)
    with qtbot.waitSignal(feed.report_ready, timeout=WAIT_MS):
        qtbot.mouseClick(requests.approve_button, Qt.MouseButton.LeftButton)
    assert row_texts(requests)[RequestsModel.STATUS] == "Approved"
    assert requests.selected_request() is not None  # still selected after reading again
    assert not requests.approve_button.isEnabled()
    assert requests.refuse_button.isEnabled() and requests.done_button.isEnabled()
    assert requests.count_label.text() == "1 request · approved: 21 hours, €950"
    requests.set_status(RequestStatus.APPROVED)
    assert requests.proxy.rowCount() == 1
    requests.set_status(RequestStatus.REQUESTED)
    assert requests.proxy.rowCount() == 0

    workspace.database.close()
    with open_database(path) as reopened:
        company = load_company(reopened)
    assert company is not None
    assert [r.status for r in training_requests(company)] == [RequestStatus.APPROVED]


def test_a_refused_request_cannot_be_marked_done_until_approved(
    qtbot: QtBot, requests: RequestsView, feed: ObligationsFeed
) -> None:
    select_first(requests)
    with qtbot.waitSignal(feed.report_ready, timeout=WAIT_MS):
        qtbot.mouseClick(requests.refuse_button, Qt.MouseButton.LeftButton)
    assert row_texts(requests)[RequestsModel.STATUS] == "Refused"
    assert requests.approve_button.isEnabled()
    assert not requests.refuse_button.isEnabled()
    assert not requests.done_button.isEnabled()
    assert requests.done_button.toolTip().endswith(
        "A refused request must be approved before it is done."
    )
    assert "already refused" in requests.refuse_button.toolTip()


def test_marking_done_adds_the_training_and_changes_the_summary_review(
    qtbot: QtBot,
    page: TrainingPlanPage,
    requests: RequestsView,
    feed: ObligationsFeed,
    workspace: Workspace,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before = open_review_text(workspace.require_company(), workspace.employee("G2"), TODAY)
    before = before.replace("\u00a0", " ")
    assert "at stake if nothing changes by September 1, 2029: €3,000 (not owed yet)" in before
    assert amount_at_stake(workspace) == 3000
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    questions: list[str] = []

    def answer(_parent: object, _title: str, text: str, *_args: object) -> object:
        questions.append(text)
        return answers.pop(0)

    monkeypatch.setattr(QMessageBox, "question", answer)
    select_first(requests)
    qtbot.mouseClick(requests.done_button, Qt.MouseButton.LeftButton)
    assert workspace.employee("G2").trainings == ()  # declined: nothing changed
    with qtbot.waitSignal(feed.report_ready, timeout=WAIT_MS):
        qtbot.mouseClick(requests.done_button, Qt.MouseButton.LeftButton)
    assert "added to Noé Garnier's history" in questions[0]
    assert "summary review" in questions[0]

    assert workspace.employee("G2").trainings == (
        Training(
            "CACES R489",
            date(2026, 2, 2),
            date(2026, 2, 4),
            21,
            mandatory=False,
            certification=True,
        ),
    )
    assert row_texts(requests)[RequestsModel.STATUS] == "Done"
    assert not any(
        b.isEnabled()
        for b in (requests.approve_button, requests.refuse_button, requests.done_button)
    )
    after = open_review_text(workspace.require_company(), workspace.employee("G2"), TODAY)
    assert "No corrective top-up is owed for this review." in after
    assert "€" not in after
    assert "A non-mandatory training was followed: no top-up." in after
    assert amount_at_stake(workspace) == 0

    # The other tab, not shown, follows too.
    assert not page.followed.isVisible()
    titles = [
        page.proxy.index(row, TrainingModel.TITLE).data() for row in range(page.proxy.rowCount())
    ]
    assert titles == ["CACES R489"]


def test_a_refused_decision_is_shown_with_its_reason(
    qtbot: QtBot,
    requests: RequestsView,
    feed: ObligationsFeed,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Yes)
    warnings: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", lambda _parent, _title, text, *_a: warnings.append(text)
    )
    select_first(requests)
    with qtbot.waitSignal(feed.report_ready, timeout=WAIT_MS):
        requests.mark_done()
    requests.decide_selected(RequestStatus.APPROVED)  # the buttons are off: asked directly
    assert warnings == ["This training is already recorded as done."]
    assert row_texts(requests)[RequestsModel.STATUS] == "Done"


def test_the_requests_come_first_and_a_row_opens_its_employee(
    qtbot: QtBot, page: TrainingPlanPage, requests: RequestsView
) -> None:
    assert page.tabs.currentWidget() is requests
    assert page.tabs.tabText(0) == "Requests"
    assert page.tabs.tabText(1) == "Trainings followed"
    with qtbot.waitSignal(page.employee_activated) as activated:
        requests.table.activated.emit(requests.proxy.index(0, RequestsModel.COURSE))
    assert activated.args == ["G2"]


def test_a_narrow_window_narrows_the_texts_but_never_an_amount(
    qtbot: QtBot, page: TrainingPlanPage, requests: RequestsView
) -> None:
    table = requests.table
    header = table.horizontalHeader()
    scroll = table.horizontalScrollBar()
    contents = sum(
        max(table.sizeHintForColumn(c), header.sectionSizeHint(c)) for c in range(header.count())
    )
    page.resize(860, 600)  # the page of the main window at 1024 px
    qtbot.waitUntil(lambda: table.viewport().width() < contents)
    qtbot.waitUntil(lambda: scroll.maximum() == 0)  # every column shows, none scrolled to
    for column in (RequestsModel.HOURS, RequestsModel.COST):
        assert header.sectionSize(column) >= table.sizeHintForColumn(column)


def test_an_approved_request_shows_on_the_timeline_until_it_is_done(
    qtbot: QtBot, workspace: Workspace
) -> None:
    from entretien_desktop.services.training_requests import decide  # noqa: PLC0415
    from entretien_desktop.ui.widgets.timeline import DETAILS, EVENT  # noqa: PLC0415
    from tests.qt_helpers import real_window  # noqa: PLC0415

    def rows(window: object) -> list[tuple[str, str]]:
        timeline = window.pages.employee.timeline  # type: ignore[attr-defined]
        return [
            (timeline.topLevelItem(i).text(EVENT), timeline.topLevelItem(i).text(DETAILS))
            for i in range(timeline.topLevelItemCount())
        ]

    with real_window(qtbot, workspace) as window:
        (request,) = training_requests(workspace.require_company())
        with qtbot.waitSignal(window.feed.report_ready, timeout=WAIT_MS):
            decide(workspace, request, RequestStatus.APPROVED)
        window.pages.employee.show_employee("G2")
        approved = [r for r in rows(window) if r[0] == "Training approved"]
        assert len(approved) == 1 and approved[0][1].startswith("CACES R489")
        (request,) = training_requests(workspace.require_company())
        with qtbot.waitSignal(window.feed.report_ready, timeout=WAIT_MS):
            decide(workspace, request, RequestStatus.DONE)
        window.pages.employee.show_employee("G2")
        shown = rows(window)
        assert not [r for r in shown if r[0] == "Training approved"]
        assert [r for r in shown if r[0] == "Training" and "CACES R489" in r[1]]


def test_an_approved_request_of_a_signed_form_can_have_its_dates_corrected_until_done(
    qtbot: QtBot, workspace: Workspace, requests: RequestsView, feed: ObligationsFeed
) -> None:
    from entretien_desktop.services.signing import sign  # noqa: PLC0415

    sign(workspace, "G2", "G2-1", date(2026, 1, 20))  # the form can no longer change
    requests.table.selectRow(0)
    requests.decide_selected(RequestStatus.APPROVED)
    requests.table.selectRow(0)
    assert requests.correct_button.isEnabled()
    dialog = requests.correct_selected()
    assert dialog is not None
    dialog.start_edit.set_value(date(2026, 3, 2))
    dialog.end_edit.set_value(date(2026, 3, 1))  # before the start: refused, dialog stays
    dialog.accept()
    assert dialog.isVisible()
    assert "cannot end before it starts" in dialog.problems.text()
    dialog.end_edit.set_value(date(2026, 3, 4))
    dialog.hours_spin.setValue(24)
    with qtbot.waitSignal(feed.report_ready, timeout=WAIT_MS):
        dialog.accept()
    (request,) = training_requests(workspace.require_company())
    assert (request.day("start"), request.day("end"), request.number("hours")) == (
        date(2026, 3, 2),
        date(2026, 3, 4),
        24.0,
    )
    assert request.interview.answers == {"training_requests": [CACES]}  # as signed
    assert request.status is RequestStatus.APPROVED
    requests.table.selectRow(0)
    requests.decide_selected(RequestStatus.DONE)
    training = workspace.employee("G2").trainings[-1]
    assert (training.start, training.end, training.hours) == (
        date(2026, 3, 2),
        date(2026, 3, 4),
        24.0,
    )
    requests.table.selectRow(0)
    assert not requests.correct_button.isEnabled()
    assert "correct it in the history" in requests.correct_button.toolTip()
