"""What people see of the forfait-jours review's obligation: the compliance register and
the dashboard (its place, a risk note and never euros), planning it from the interface, and
the demo's employee on a forfait jours."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from pytestqt.qtbot import QtBot

from entretien_desktop.domain import (
    Company,
    Contract,
    Employee,
    Interview,
    InterviewKind,
    InterviewStatus,
)
from entretien_desktop.rules import ObligationKind, Status, evaluate_employee
from entretien_desktop.services.dashboard import dashboard
from entretien_desktop.services.demo import build_demo_company
from entretien_desktop.services.obligations import company_obligations
from entretien_desktop.services.reports import compliance_register
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.ui.dialogs.plan_dialog import PlanInterviewDialog
from entretien_desktop.ui.feed import ObligationsFeed
from entretien_desktop.ui.pages.dashboard_page import DashboardPage, UrgentModel
from tests.helpers import open_data

TODAY = date(2026, 11, 23)
DEMO_REVIEW = "DEMO-0091"
RISK_TEXT = (
    "Without this yearly review, the forfait-jours agreement may be held void and the employee "
    "may claim overtime."
)


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ").replace("\u202f", " ")).strip()


def _text(data: bytes) -> str:
    return _flat(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages))


@pytest.fixture(scope="module")
def demo() -> Company:
    return build_demo_company(TODAY)


def _overdue_company() -> Company:
    """A company of 12 (no summary review's top-up) whose only employee, on a forfait jours
    since 2 March 2025, never had the review due on 2 March 2026."""
    return Company(
        name="Bureau d'études Garnier",
        country="FR",
        headcount=12,
        headcount_date=date(2026, 1, 1),
        employees=(
            Employee(
                ref="F1",
                first_name="Inès",
                last_name="Garnier",
                hire_date=date(2024, 9, 2),
                contract=Contract.PERMANENT,
                forfait_jours_since=date(2025, 3, 2),
                interviews=(
                    Interview(
                        "F1-1", InterviewKind.PROFESSIONAL, InterviewStatus.HELD, date(2025, 9, 1)
                    ),
                ),
            ),
        ),
    )


# ---------------------------------------------------------------- register and dashboard


def test_the_dashboard_counts_the_reviews_overdue_apart_from_the_money() -> None:
    report = company_obligations(_overdue_company(), TODAY)
    board = dashboard(report)
    assert board.forfait_overdue == 1
    assert (board.owed_eur, board.possible_eur) == (0, 0)
    assert board.urgent[0].kind is ObligationKind.FORFAIT_JOURS_REVIEW


def test_the_register_lists_it_with_its_risk_and_no_euros() -> None:
    company = _overdue_company()
    text = _text(compliance_register(company, TODAY, "en"))
    row = re.search(r"Forfait-jours review (.*?) Last professional interview", text)
    assert row is not None, text
    assert "Art. L3121-64, L3121-65 Labour Code (law 2016-1088)" in row[1]
    assert "Mar 2, 2026" in row[1] and "Overdue" in row[1] and "Risk" in row[1]
    assert "€" not in row[1]
    assert "Last forfait-jours review: none held" in text
    assert (
        "Risk: a forfait-jours review not held puts no amount at stake, but without the yearly "
        "review the forfait-jours agreement may be held void" in text
    )
    # The summary's tiles say what is owed and possible in all (€0 here): nothing of it
    # comes from the forfait-jours review.


def test_the_register_says_when_the_last_review_was_held(demo: Company) -> None:
    text = _text(compliance_register(demo, TODAY, "en"))
    row = re.search(r"Camille Lemaire E023 .*? Forfait-jours review (.*?) Last professional", text)
    assert row is not None
    assert "Due soon" in row[1] and "Risk" in row[1] and "€" not in row[1]
    held = next(
        i.date for e in demo.employees for i in e.interviews if i.id == DEMO_REVIEW and i.date
    )
    assert f"Last forfait-jours review: {held:%b} {held.day}, {held.year}" in text
    # Without a forfait jours, neither the line nor the legend's risk.
    plain = replace(
        demo,
        employees=tuple(replace(e, forfait_jours_since=None) for e in demo.employees),
    )
    other = _text(compliance_register(plain, TODAY, "en"))
    assert "Last forfait-jours review" not in other
    assert "Risk:" not in other


def test_the_register_in_french_names_it_and_its_risk() -> None:
    text = _text(compliance_register(_overdue_company(), TODAY, "fr"))
    assert "Entretien annuel de suivi du forfait jours" in text
    assert "Art. L3121-64, L3121-65 C. trav." in text
    assert "Risque" in text


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    space = Workspace(open_data(tmp_path / "f.sqlite"), today=lambda: TODAY)
    space.create_company(_overdue_company())
    yield space
    space.database.close()


def test_the_dashboard_shows_its_place_and_risk_never_euros(
    qtbot: QtBot, workspace: Workspace
) -> None:
    feed = ObligationsFeed(workspace)
    page = DashboardPage(workspace, feed)
    qtbot.addWidget(page)
    page.resize(1000, 700)
    page.show()
    with qtbot.waitSignal(feed.report_ready, timeout=10_000):
        feed.refresh()
    model = page.model
    rows = [
        row
        for row in range(model.rowCount())
        if model.obligation(row).kind is ObligationKind.FORFAIT_JOURS_REVIEW
    ]
    assert len(rows) == 1
    (row,) = rows
    assert model.obligation(row).status is Status.OVERDUE
    assert row == 0  # overdue since 2 March 2026: the most urgent
    cells = [model.index(row, column).data() for column in range(model.columnCount())]
    assert cells[UrgentModel.KIND] == "Forfait-jours review"
    assert cells[UrgentModel.BASIS] == "Law"
    assert RISK_TEXT in _flat(cells[UrgentModel.EXPLANATION])
    assert not any("€" in str(cell) for cell in cells)
    amount = page.tiles["amount"]
    assert amount.detail_label.text() == (
        "1 forfait-jours review overdue: the forfait may be held void"
    )
    assert "0" not in amount.detail_label.text().replace("1 ", "", 1)


def test_planning_it_from_the_interface_offers_its_form_and_context(
    qtbot: QtBot, workspace: Workspace
) -> None:
    employee = workspace.employee("F1")
    (current,) = [
        o
        for o in evaluate_employee(workspace.require_company(), employee, TODAY)
        if o.kind is ObligationKind.FORFAIT_JOURS_REVIEW
    ]
    dialog = PlanInterviewDialog(
        workspace, "F1", InterviewKind.FORFAIT_JOURS_REVIEW, obligation=current
    )
    qtbot.addWidget(dialog)
    assert dialog.kind_combo.currentText() == "Forfait-jours review"
    assert dialog.template_combo.currentData() == "forfait_jours_review@1"
    assert dialog.context_edit.text() == "On a forfait jours since Mar 2, 2025"
    feed = ObligationsFeed(workspace)
    with qtbot.waitSignal(feed.report_ready, timeout=10_000):
        dialog.ok_button.click()
    planned = [
        i for i in workspace.employee("F1").interviews if i.status is InterviewStatus.PLANNED
    ]
    assert [(i.kind, i.template) for i in planned] == [
        (InterviewKind.FORFAIT_JOURS_REVIEW, "forfait_jours_review@1")
    ]


# ---------------------------------------------------------------- the demo


@pytest.mark.parametrize("today", [TODAY, date(2027, 3, 31), date(2028, 2, 29)])
def test_the_demo_has_a_review_held_and_the_next_due_soon(today: date) -> None:
    company = build_demo_company(today)
    employee = next(e for e in company.employees if e.forfait_jours_since is not None)
    found = [
        o
        for o in evaluate_employee(company, employee, today)
        if o.kind is ObligationKind.FORFAIT_JOURS_REVIEW
    ]
    assert [o.status for o in found] == [Status.SATISFIED, Status.DUE_SOON]
    assert found[0].satisfied_by == DEMO_REVIEW and not found[0].late
