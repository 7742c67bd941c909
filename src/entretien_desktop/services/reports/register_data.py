"""What the compliance register says of each employee, read from one obligations report
(no PDF here): the last interview of the professional family and those held in the current
summary-review period, the last summary review and its result, the last forfait-jours
review, the obligations of the law
and those of the company's policies apart, split at a horizon of twelve months, and the
money owed apart from the money that may become owed.

Money owed: a summary review held, or whose deadline has passed, that the rules engine finds
failed (the CPF top-up, art. L6323-13). Money possible: a review still to come that would
fail on the facts known today; it is never added to what is owed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from entretien_desktop.domain import Employee, Interview, InterviewKind, InterviewStatus
from entretien_desktop.rules import Obligation, ObligationKind, Status
from entretien_desktop.rules.calendar import add_months
from entretien_desktop.rules.model import PROFESSIONAL_FAMILY
from entretien_desktop.rules.scope import OutOfScope, legal_scope
from entretien_desktop.services.dashboard import OPEN, register_rows, urgency
from entretien_desktop.services.obligations import ObligationsReport, amount_owed, amount_possible

HORIZON_MONTHS = 12
"""The main table lists what is overdue and what falls due within this many months."""


@dataclass(frozen=True, slots=True)
class EmployeeEntry:
    """One employee's part of the register."""

    employee: Employee
    present: bool
    out_of_scope: OutOfScope | None
    """Why the law's obligations do not apply, when they do not."""
    last_professional: Interview | None
    """The last interview of the professional family held (never an annual review)."""
    period_start: date | None
    """Where the current summary-review period began: the last review held, else the
    start of the period the next review will close."""
    held_in_period: tuple[Interview, ...]
    """Interviews of the professional family held in that period, oldest first."""
    last_review: Interview | None
    last_review_outcome: Obligation | None
    """The summary review obligation the last review held satisfied, with its result."""
    law: tuple[Obligation, ...]
    """Obligations of the law for the main table: open and due by the horizon, or with
    money owed; most urgent first."""
    law_later: tuple[Obligation, ...]
    """Open obligations of the law falling due after the horizon."""
    policy: tuple[Obligation, ...]
    policy_later: tuple[Obligation, ...]
    last_forfait_review: Interview | None = None
    """The last forfait-jours review held, for an employee on a forfait jours."""


@dataclass(frozen=True, slots=True)
class RegisterData:
    as_of: date
    horizon: date
    entries: tuple[EmployeeEntry, ...]

    def law_obligations(self, *, later: bool = False) -> list[Obligation]:
        return [o for e in self.entries for o in (e.law_later if later else e.law)]

    def policy_obligations(self, *, later: bool = False) -> list[Obligation]:
        return [o for e in self.entries for o in (e.policy_later if later else e.policy)]

    @property
    def owed_eur(self) -> int:
        return sum(amount_owed(o) for o in self.law_obligations())

    @property
    def possible_eur(self) -> int:
        """Reviews to come, in the main table and in the annex alike."""
        every = self.law_obligations() + self.law_obligations(later=True)
        return sum(amount_possible(o) for o in every)


def _held(employee: Employee, as_of: date) -> list[Interview]:
    held = [
        i
        for i in employee.interviews
        if i.status is InterviewStatus.HELD and i.date is not None and i.date <= as_of
    ]
    held.sort(key=lambda i: (i.date or date.min, i.id))
    return held


def _entry(
    employee: Employee,
    present: bool,
    obligations: Sequence[Obligation],
    report: ObligationsReport,
    horizon: date,
) -> EmployeeEntry:
    as_of = report.as_of
    held = _held(employee, as_of)
    professional = [i for i in held if i.kind in PROFESSIONAL_FAMILY]
    reviews = [o for o in obligations if o.kind is ObligationKind.SUMMARY_REVIEW]
    period = max(reviews, key=lambda o: o.window_start, default=None)
    start = None
    if period is not None:
        start = period.window_start
        if period.status is Status.SATISFIED and period.satisfied_on is not None:
            start = max(start, period.satisfied_on)
    in_period = (
        tuple(i for i in professional if i.date is not None and i.date >= start)
        if start is not None
        else ()
    )
    last_review = next((i for i in reversed(held) if i.kind is InterviewKind.SUMMARY_REVIEW), None)
    last_forfait = next(
        (i for i in reversed(held) if i.kind is InterviewKind.FORFAIT_JOURS_REVIEW), None
    )
    outcome = (
        next((o for o in reviews if o.satisfied_by == last_review.id), None)
        if last_review is not None
        else None
    )
    law: list[Obligation] = []
    law_later: list[Obligation] = []
    policy: list[Obligation] = []
    policy_later: list[Obligation] = []
    for o in sorted(obligations, key=urgency):
        if o.status in OPEN:
            soon = o.deadline <= horizon
            if o.by_policy:
                (policy if soon else policy_later).append(o)
            else:
                (law if soon else law_later).append(o)
        elif not o.by_policy and amount_owed(o):
            law.append(o)
    return EmployeeEntry(
        employee=employee,
        present=present,
        out_of_scope=legal_scope(report.company, employee, as_of),
        last_professional=professional[-1] if professional else None,
        period_start=start,
        held_in_period=in_period,
        last_review=last_review,
        last_review_outcome=outcome,
        law=tuple(law),
        law_later=tuple(law_later),
        policy=tuple(policy),
        policy_later=tuple(policy_later),
        last_forfait_review=last_forfait,
    )


def register_data(report: ObligationsReport) -> RegisterData:
    """The register's content for every employee of ``report``, in register order."""
    horizon = add_months(report.as_of, HORIZON_MONTHS)
    by_employee: dict[str, list[Obligation]] = {}
    for o in report.obligations:
        by_employee.setdefault(o.employee_ref, []).append(o)
    entries = tuple(
        _entry(row.employee, row.present, by_employee.get(row.employee.ref, []), report, horizon)
        for row in register_rows(report)
    )
    return RegisterData(report.as_of, horizon, entries)
