"""Properties of the rules over any history (hypothesis): evaluation never fails, does not
depend on the order of the records, never loses a satisfied obligation when one more
interview is recorded, never puts a deadline before its window opens, and owes nothing of a
company policy for the time before its start."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from entretien_desktop.domain import (
    Certification,
    Company,
    Contract,
    Employee,
    Interview,
    InterviewAgreement,
    InterviewKind,
    InterviewStatus,
    Leave,
    LeaveKind,
    MedicalVisit,
    MedicalVisitKind,
    Policy,
    PolicyKind,
    Progression,
    Settings,
    Training,
    WorkingTime,
)
from entretien_desktop.rules import ObligationKind, Status, evaluate_employee
from entretien_desktop.rules.calendar import add_months

DAY = st.dates(min_value=date(2000, 1, 1), max_value=date(2036, 12, 31))
OPEN = {Status.OVERDUE, Status.DUE_SOON, Status.UPCOMING}


@st.composite
def companies(draw: st.DrawFn) -> Company:
    agreement = None
    if draw(st.booleans()):
        since = draw(DAY)
        until = draw(st.none() | st.just(since + timedelta(days=draw(st.integers(0, 4000)))))
        agreement = InterviewAgreement(draw(st.integers(6, 84)), since, until)
    return Company(
        name="Propriété",
        country=draw(st.sampled_from(["FR", "FR", "FR", "NL", "NO"])),
        headcount=draw(st.integers(1, 600)),
        interview_agreement=agreement,
        policies=tuple(
            Policy(draw(st.sampled_from(PolicyKind)), draw(st.integers(1, 36)), draw(DAY))
            for _ in range(draw(st.integers(0, 2)))
        ),
        settings=Settings(
            due_soon_days=draw(st.none() | st.integers(0, 120)),
            return_interview_grace_months=draw(st.none() | st.integers(0, 6)),
            long_sickness_months=draw(st.none() | st.integers(0, 12)),
            apply_seniority_suspension=draw(st.none() | st.booleans()),
            any_interview_restarts_clock=draw(st.none() | st.booleans()),
            late_interview_counts_as_missed=draw(st.none() | st.booleans()),
        ),
    )


@st.composite
def interviews(draw: st.DrawFn, prefix: str = "I") -> list[Interview]:
    count = draw(st.integers(0, 8))
    return [
        Interview(
            id=f"{prefix}{n}",
            kind=draw(st.sampled_from(InterviewKind)),
            status=draw(st.sampled_from(InterviewStatus)),
            date=draw(DAY),
        )
        for n in range(count)
    ]


@st.composite
def employees(draw: st.DrawFn) -> Employee:
    hire = draw(DAY)
    birth = draw(
        st.none() | st.dates(min_value=date(1940, 1, 1), max_value=hire - timedelta(days=5000))
    )
    exit_date = draw(st.none() | st.just(hire + timedelta(days=draw(st.integers(0, 6000)))))
    leaves = []
    for _ in range(draw(st.integers(0, 3))):
        start = draw(DAY)
        end = draw(st.none() | st.just(start + timedelta(days=draw(st.integers(0, 900)))))
        leaves.append(Leave(draw(st.sampled_from(LeaveKind)), start, end))
    return Employee(
        ref="P1",
        first_name="Alex",
        last_name="Propriété",
        hire_date=hire,
        contract=draw(st.sampled_from(Contract)),
        working_time=draw(st.sampled_from(WorkingTime)),
        birth_date=birth,
        exit_date=exit_date,
        leaves=tuple(leaves),
        interviews=tuple(draw(interviews())),
        trainings=tuple(
            Training("T", draw(DAY), None, 7, draw(st.booleans()), draw(st.booleans()))
            for _ in range(draw(st.integers(0, 3)))
        ),
        certifications=tuple(Certification("C", draw(DAY)) for _ in range(draw(st.integers(0, 1)))),
        progressions=tuple(
            Progression(draw(DAY), "salary") for _ in range(draw(st.integers(0, 2)))
        ),
        medical_visits=tuple(
            MedicalVisit(MedicalVisitKind.MID_CAREER, draw(DAY))
            for _ in range(draw(st.integers(0, 1)))
        ),
    )


@settings(max_examples=300, deadline=None)
@given(companies(), employees(), DAY)
def test_any_history_evaluates_with_consistent_answers(
    company: Company, employee: Employee, as_of: date
) -> None:
    for obligation in evaluate_employee(company, employee, as_of):
        assert obligation.window_start <= obligation.deadline
        assert (obligation.status is Status.SATISFIED) == (obligation.satisfied_by is not None)
        assert obligation.amount_at_stake_eur in {0, 3000}
        assert obligation.amount_at_stake_eur == 0 or obligation.kind.value == "summary_review"
        assert obligation.explanation.strip()
        if obligation.status is Status.OVERDUE:
            assert obligation.deadline < as_of


@settings(max_examples=300, deadline=None)
@given(companies(), employees(), DAY)
def test_obligations_come_by_kind_then_deadline_then_window_start(
    company: Company, employee: Employee, as_of: date
) -> None:
    kinds = list(ObligationKind)
    listed = [
        (kinds.index(o.kind), o.deadline, o.window_start)
        for o in evaluate_employee(company, employee, as_of)
    ]
    assert listed == sorted(listed)


@settings(max_examples=200, deadline=None)
@given(companies(), employees(), DAY, st.randoms(use_true_random=False))
def test_the_order_of_the_records_does_not_matter(
    company: Company, employee: Employee, as_of: date, rng: random.Random
) -> None:
    def shuffled(items: tuple[object, ...]) -> tuple[object, ...]:
        copy = list(items)
        rng.shuffle(copy)
        return tuple(copy)

    reordered = replace(
        employee,
        leaves=shuffled(employee.leaves),  # type: ignore[arg-type]
        interviews=shuffled(employee.interviews),  # type: ignore[arg-type]
        trainings=shuffled(employee.trainings),  # type: ignore[arg-type]
        progressions=shuffled(employee.progressions),  # type: ignore[arg-type]
    )
    assert evaluate_employee(company, reordered, as_of) == evaluate_employee(
        company, employee, as_of
    )


@settings(max_examples=300, deadline=None)
@given(companies(), employees(), DAY, st.sampled_from(InterviewKind), DAY)
def test_one_more_held_interview_never_undoes_a_satisfied_obligation(
    company: Company, employee: Employee, as_of: date, kind: InterviewKind, held_on: date
) -> None:
    before = evaluate_employee(company, employee, as_of)
    more = replace(
        employee,
        interviews=(*employee.interviews, Interview("NEW", kind, InterviewStatus.HELD, held_on)),
    )
    after = evaluate_employee(company, more, as_of)
    satisfied = {(o.kind, o.deadline) for o in before if o.status is Status.SATISFIED}
    reopened = {(o.kind, o.deadline) for o in after if o.status in OPEN}
    assert satisfied & reopened == set()


@settings(max_examples=300, deadline=None)
@given(companies(), employees(), DAY)
def test_no_policy_obligation_falls_due_before_the_policy_has_run_a_cycle(
    company: Company, employee: Employee, as_of: date
) -> None:
    """A policy owes nothing for the time before the company adopted it: every obligation
    of a policy opens on or after its start, falls due a cycle after it at the earliest,
    and is met only by an interview held after it."""
    for obligation in evaluate_employee(company, employee, as_of):
        policies = [p for p in company.policies if p.kind.value == obligation.kind.value]
        if not policies:
            continue
        assert any(
            obligation.window_start >= p.since
            and obligation.deadline >= add_months(p.since, p.every_months)
            and (obligation.satisfied_on is None or obligation.satisfied_on > p.since)
            for p in policies
        ), obligation
