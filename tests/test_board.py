"""The board: each obligation to do, in progress or done, following planning, invitation,
holding and cancelling; the horizon and basis filters; one meeting for a periodic
interview due with a summary review; the on-time rate counting interviews held early."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from pytestqt.qtbot import QtBot

from entretien_desktop.domain import (
    Company,
    Contract,
    Employee,
    Interview,
    InterviewKind,
    InterviewStatus,
    Policy,
    PolicyKind,
)
from entretien_desktop.rules import Obligation, ObligationKind, Status
from entretien_desktop.rules.calendar import add_months
from entretien_desktop.services.board import (
    INTERVIEW_KIND_FOR,
    Basis,
    Stage,
    basis_of,
    build_board,
    by_employee,
    meetings,
)
from entretien_desktop.services.dashboard import dashboard
from entretien_desktop.services.obligations import company_obligations

AS_OF = date(2026, 11, 22)


def _company(*interviews: Interview, policies: tuple[Policy, ...] = ()) -> Company:
    return Company(
        name="Menuiserie",
        country="FR",
        headcount=20,
        headcount_date=date(2026, 1, 1),
        policies=policies,
        employees=(
            Employee(
                ref="E1",
                first_name="Ana",
                last_name="Lopes",
                hire_date=date(2018, 3, 5),
                contract=Contract.PERMANENT,
                interviews=interviews,
            ),
        ),
    )


def _stage_of(company: Company, kind: ObligationKind) -> tuple[Stage, Interview | None]:
    board = build_board(company_obligations(company, AS_OF))
    found = [c for c in board.cards if c.obligation.kind is kind and c.stage is not Stage.DONE]
    found = found or [c for c in board.cards if c.obligation.kind is kind]
    assert found, f"no {kind} obligation"
    return found[0].stage, found[0].interview


def _first_open() -> Obligation:
    report = company_obligations(_company(), AS_OF)
    return min(
        (o for o in report.obligations if o.status is Status.OVERDUE), key=lambda o: o.deadline
    )


def test_an_open_obligation_without_an_interview_is_to_do() -> None:
    obligation = _first_open()
    assert _stage_of(_company(), obligation.kind) == (Stage.TO_DO, None)


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (InterviewStatus.PLANNED, Stage.IN_PROGRESS),
        (InterviewStatus.INVITED, Stage.IN_PROGRESS),
        (InterviewStatus.CANCELLED, Stage.TO_DO),
        (InterviewStatus.REFUSED, Stage.TO_DO),
    ],
)
def test_the_stage_follows_the_interview_planned_for_the_obligation(
    status: InterviewStatus, expected: Stage
) -> None:
    obligation = _first_open()
    interview = Interview("E1-1", INTERVIEW_KIND_FOR[obligation.kind], status, date(2026, 12, 10))
    stage, under_way = _stage_of(_company(interview), obligation.kind)
    assert stage is expected
    assert under_way == (interview if expected is Stage.IN_PROGRESS else None)


def test_holding_the_planned_interview_moves_the_obligation_to_done() -> None:
    obligation = _first_open()
    planned = Interview(
        "E1-1", INTERVIEW_KIND_FOR[obligation.kind], InterviewStatus.PLANNED, date(2026, 11, 2)
    )
    held = replace(planned, status=InterviewStatus.HELD)
    board = build_board(company_obligations(_company(held), AS_OF))
    done = [c for c in board.done if c.obligation.satisfied_by == held.id]
    assert done and all(c.stage is Stage.DONE for c in done)
    assert not [c for c in board.in_progress if c.interview == planned]


def test_an_interview_of_another_kind_leaves_the_obligation_to_do() -> None:
    obligation = _first_open()
    other = next(k for k in InterviewKind if k is not INTERVIEW_KIND_FOR[obligation.kind])
    other = (
        InterviewKind.ANNUAL_REVIEW
        if obligation.kind is not ObligationKind.ANNUAL_REVIEW
        else other
    )
    planned = Interview("E1-1", other, InterviewStatus.PLANNED, date(2026, 12, 10))
    assert _stage_of(_company(planned), obligation.kind)[0] is Stage.TO_DO


def test_the_horizon_keeps_the_overdue_and_what_falls_due_within_it() -> None:
    report = company_obligations(_company(), AS_OF)
    everything = build_board(report)
    three = build_board(report, months=3)
    limit = add_months(AS_OF, 3)
    open_cards = everything.to_do + everything.in_progress
    expected = [
        c
        for c in open_cards
        if c.obligation.status is Status.OVERDUE or c.obligation.deadline <= limit
    ]
    assert len(three.to_do + three.in_progress) == len(expected)
    assert any(c.obligation.deadline > limit for c in open_cards), "nothing beyond the horizon"


def test_law_and_company_policy_are_told_apart() -> None:
    company = _company(policies=(Policy(PolicyKind.ANNUAL_REVIEW, 12, date(2000, 1, 3)),))
    report = company_obligations(company, AS_OF)
    policy = build_board(report, basis=Basis.POLICY)
    law = build_board(report, basis=Basis.LAW)
    assert policy.cards and all(
        c.obligation.kind is ObligationKind.ANNUAL_REVIEW for c in policy.cards
    )
    assert law.cards and all(basis_of(c.obligation) is Basis.LAW for c in law.cards)
    assert len(policy.cards) + len(law.cards) == len(build_board(report).cards)


def _obligation(kind: ObligationKind, deadline: date) -> Obligation:
    return Obligation("E1", kind, add_months(deadline, -24), deadline, Status.OVERDUE, None, "", ())


@pytest.mark.parametrize(
    ("review_deadline", "count"),
    [(date(2026, 3, 5), 1), (date(2026, 5, 20), 1), (date(2027, 3, 5), 2)],
)
def test_a_periodic_interview_due_with_the_summary_review_is_one_meeting(
    review_deadline: date, count: int
) -> None:
    periodic = _obligation(ObligationKind.PERIODIC, date(2026, 3, 5))
    review = _obligation(ObligationKind.SUMMARY_REVIEW, review_deadline)
    needed = meetings([periodic, review])
    assert len(needed) == count
    if count == 1:
        assert needed[0].kind is InterviewKind.SUMMARY_REVIEW
        assert set(needed[0].covers) == {periodic, review}


def test_grouped_by_employee_the_open_lines_are_counted_as_meetings() -> None:
    company = _company()
    report = company_obligations(company, AS_OF)
    board = build_board(report)
    (group,) = by_employee(board, company.employees)
    to_do = [c for c in group.cards if c.stage is Stage.TO_DO]
    covered = [o for m in group.meetings for o in m.covers]
    assert sorted(map(id, covered)) == sorted(id(c.obligation) for c in to_do)
    assert len(group.meetings) <= len(to_do)


def test_an_interview_held_on_time_before_its_deadline_counts_in_the_on_time_rate() -> None:
    newcomer = Employee(
        ref="E2",
        first_name="Jon",
        last_name="Berg",
        hire_date=date(2025, 6, 2),
        contract=Contract.PERMANENT,
        interviews=(
            Interview("E2-1", InterviewKind.PROFESSIONAL, InterviewStatus.HELD, date(2026, 10, 1)),
        ),
    )
    company = replace(_company(), employees=(newcomer,))
    report = company_obligations(company, AS_OF)
    met = [o for o in report.obligations if o.satisfied_by == "E2-1"]
    assert met and all(o.deadline > AS_OF and not o.late for o in met)
    assert dashboard(report).compliance_rate == 1.0


def test_the_months_tell_an_obligation_met_late_from_one_met_on_time(qtbot: QtBot) -> None:
    from entretien_desktop.services.obligations import ObligationsReport  # noqa: PLC0415
    from entretien_desktop.ui.widgets.month_chart import MonthChart  # noqa: PLC0415

    def met(deadline: date, on: date) -> Obligation:
        return Obligation(
            "E1",
            ObligationKind.RETURN,
            date(2026, 9, 1),
            deadline,
            Status.SATISFIED,
            "E1-1",
            "",
            (),
            satisfied_on=on,
        )

    late, on_time = met(date(2026, 11, 2), date(2026, 11, 10)), met(date(2026, 11, 30), AS_OF)
    board = dashboard(ObligationsReport(_company(), AS_OF, (late, on_time)))
    (first, *_rest) = board.months
    assert (first.satisfied, first.satisfied_late) == (1, 1)
    assert board.compliance_rate == 0.5
    chart = MonthChart()
    qtbot.addWidget(chart)
    assert "Satisfied late: 1" in chart.describe(first)
