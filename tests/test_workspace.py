"""The interface's view of an open file: changes checked, written, kept in memory and
announced; the dashboard and register figures computed from the obligations."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from entretien_desktop.domain import Company, Contract, Employee, Leave, LeaveKind
from entretien_desktop.rules import Status
from entretien_desktop.services.company_file import load_company
from entretien_desktop.services.dashboard import dashboard, register_rows
from entretien_desktop.services.demo import build_demo_company
from entretien_desktop.services.employee_checks import ChangeRefused, employee_warnings
from entretien_desktop.services.workspace import Workspace
from tests.helpers import open_data, small_company

TODAY = date(2026, 11, 22)


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    database = open_data(tmp_path / "c.sqlite")
    space = Workspace(database, today=lambda: TODAY)
    space.create_company(small_company())
    yield space
    database.close()


def _reopened(space: Workspace) -> Company | None:
    space.database.close()
    with open_data(space.path) as database:
        return load_company(database)


def test_a_new_employee_is_written_and_announced(workspace: Workspace) -> None:
    heard: list[int] = []
    workspace.add_listener(lambda: heard.append(workspace.version))
    newcomer = Employee("G3", "Inès", "Roux", date(2026, 9, 1), Contract.FIXED_TERM)
    workspace.save_employee(newcomer)
    assert heard == [2]
    assert workspace.employee("G3") == newcomer
    reopened = _reopened(workspace)
    assert reopened is not None and reopened.employees[-1] == newcomer


def test_a_refused_employee_names_every_field_and_writes_nothing(workspace: Workspace) -> None:
    bad = Employee("G1", " ", "", date(2020, 1, 1), Contract.PERMANENT, exit_date=date(2019, 1, 1))
    with pytest.raises(ChangeRefused) as refused:
        workspace.save_employee(bad)
    fields = {p.field for p in refused.value.problems}
    assert fields == {"ref", "first_name", "last_name", "exit_date"}
    assert _reopened(workspace) == small_company()


def test_a_leave_ending_before_it_starts_is_refused(workspace: Workspace) -> None:
    employee = workspace.employee("G2")
    wrong = replace(
        employee, leaves=(Leave(LeaveKind.SICKNESS, date(2026, 5, 4), date(2026, 5, 1)),)
    )
    with pytest.raises(ChangeRefused) as refused:
        workspace.save_employee(wrong, replacing="G2")
    assert [p.field for p in refused.value.problems] == ["leaves[0].end"]


def test_overlapping_leaves_are_flagged_not_refused() -> None:
    employee = Employee(
        "X",
        "A",
        "B",
        date(2020, 1, 1),
        Contract.PERMANENT,
        leaves=(
            Leave(LeaveKind.MATERNITY, date(2024, 1, 1), date(2024, 5, 1)),
            Leave(LeaveKind.PARENTAL_EDUCATION, date(2024, 4, 1), None),
        ),
    )
    assert [w.field for w in employee_warnings(employee)] == ["leaves[1].start"]


def test_renumbering_an_employee_keeps_their_team(workspace: Workspace) -> None:
    workspace.save_employee(replace(workspace.employee("G1"), ref="G100"), replacing="G1")
    assert workspace.employee("G2").manager_ref == "G100"
    reopened = _reopened(workspace)
    assert reopened is not None
    assert {e.ref: e.manager_ref for e in reopened.employees} == {"G100": None, "G2": "G100"}


def test_an_exit_is_recorded_and_obligations_after_it_lapse(workspace: Workspace) -> None:
    before = {o.status for o in workspace.obligations().obligations if o.employee_ref == "G2"}
    assert Status.OVERDUE in before
    workspace.record_exit("G2", date(2022, 6, 30))
    after = [o for o in workspace.obligations().obligations if o.employee_ref == "G2"]
    assert all(o.deadline <= date(2022, 6, 30) or o.status is Status.NOT_APPLICABLE for o in after)
    assert workspace.employee("G2").exit_date == date(2022, 6, 30)


def test_a_recorded_leave_brings_its_return_interview(workspace: Workspace) -> None:
    employee = workspace.employee("G2")
    back = replace(
        employee, leaves=(Leave(LeaveKind.SABBATICAL, date(2026, 3, 2), date(2026, 10, 31)),)
    )
    workspace.save_employee(back, replacing="G2")
    returns = [
        o
        for o in workspace.obligations().obligations
        if o.kind.value == "return" and o.employee_ref == "G2"
    ]
    assert [(o.employee_ref, o.deadline, o.status) for o in returns] == [
        ("G2", date(2026, 12, 1), Status.DUE_SOON)
    ]


def test_the_company_profile_is_saved_without_touching_employees(workspace: Workspace) -> None:
    profile = replace(workspace.require_company(), name="Garage Lefèvre & Fils", headcount=55)
    workspace.update_company(profile)
    reopened = _reopened(workspace)
    assert reopened is not None
    assert (reopened.name, reopened.headcount) == ("Garage Lefèvre & Fils", 55)
    assert reopened.employees == small_company().employees


def test_the_dashboard_counts_match_the_obligations(tmp_path: Path) -> None:
    with open_data(tmp_path / "d.sqlite") as database:
        space = Workspace(database, today=lambda: TODAY)
        space.create_company(build_demo_company(TODAY))
        report = space.obligations()
        board = dashboard(report)
        statuses = [o.status for o in report.obligations]
        assert board.overdue == statuses.count(Status.OVERDUE) > 0
        assert board.due_soon == statuses.count(Status.DUE_SOON) > 0
        assert len(board.months) == 12 and board.months[0].month == date(2026, 11, 1)
        assert board.urgent[0].status is Status.OVERDUE
        assert [o.status for o in board.urgent] == sorted(
            (o.status for o in board.urgent),
            key=[Status.OVERDUE, Status.DUE_SOON, Status.UPCOMING].index,
        )
        assert board.compliance_rate is not None and 0 < board.compliance_rate < 1
        rows = register_rows(report)
        assert len(rows) == len(report.company.employees)
        assert sum(not row.present for row in rows) >= 1
