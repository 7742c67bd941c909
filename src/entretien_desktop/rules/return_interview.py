"""The interview on return from leave (domain.md 3.4, interpretation 2).

Proposed after each leave of the company's list: secure mobility only in companies of 300
or more, ordinary sickness only when it lasted at least the long-sickness setting. Due one
month (setting) after the return date, the day after the leave's last day. Since 26 Oct 2025
not required when an interview was held in the 12 months before the return. Satisfied by an
interview of the professional family held, or proposed and refused, from the start of the
leave (the employee may ask for it before coming back) to the deadline or later.
"""

from __future__ import annotations

from datetime import date, timedelta

from entretien_desktop.domain import InterviewStatus, Leave, LeaveKind
from entretien_desktop.rules import regimes as law
from entretien_desktop.rules.calendar import add_months
from entretien_desktop.rules.model import (
    PROFESSIONAL_FAMILY,
    Facts,
    Obligation,
    ObligationKind,
    Status,
)
from entretien_desktop.rules.wording import outcome, say, say_n, term

LEAVE_NAMES = {
    LeaveKind.MATERNITY: term("maternity leave"),
    LeaveKind.ADOPTION: term("adoption leave"),
    LeaveKind.PARENTAL_EDUCATION: term("parental education leave"),
    LeaveKind.PARENTAL_PART_TIME: term("part-time parental leave"),
    LeaveKind.CAREGIVER: term("caregiver leave"),
    LeaveKind.SABBATICAL: term("sabbatical leave"),
    LeaveKind.SECURE_MOBILITY: term("secure voluntary mobility"),
    LeaveKind.LONG_SICKNESS: term("long-term sick leave"),
    LeaveKind.SICKNESS: term("sick leave"),
    LeaveKind.UNION_MANDATE: term("union mandate"),
    LeaveKind.OTHER: term("leave"),
}


def _calls_for_interview(facts: Facts, leave: Leave) -> bool:
    if leave.end is None or leave.kind not in facts.settings.return_leaves:
        return False
    if leave.kind is LeaveKind.SECURE_MOBILITY:
        return facts.company.headcount >= law.SECURE_MOBILITY_HEADCOUNT
    if leave.kind is LeaveKind.SICKNESS:
        long_enough = add_months(leave.start, facts.settings.long_sickness_months)
        return leave.end + timedelta(days=1) >= long_enough
    return True


def _answer(facts: Facts, start: date) -> tuple[str, date] | None:
    """The earliest interview held, or proposed and refused, from ``start`` to ``as_of``."""
    answers = sorted(
        (interview.date, interview.id)
        for interview in facts.employee.interviews
        if interview.date is not None
        and start <= interview.date <= facts.as_of
        and interview.kind in PROFESSIONAL_FAMILY
        and interview.status in {InterviewStatus.HELD, InterviewStatus.REFUSED}
    )
    return (answers[0][1], answers[0][0]) if answers else None


def _recent_interview(facts: Facts, returned: date) -> date | None:
    """An interview held in the 12 months before ``returned``, if any (latest)."""
    since = add_months(returned, -law.RETURN_EXEMPTION_MONTHS)
    dates = [
        i.date
        for i in facts.held
        if i.kind in PROFESSIONAL_FAMILY and i.date is not None and since <= i.date < returned
    ]
    return max(dates) if dates else None


def return_obligations(facts: Facts) -> list[Obligation]:
    obligations = []
    employee = facts.employee
    for leave in sorted(employee.leaves, key=lambda x: (x.start, x.end or date.max, x.kind)):
        if not _calls_for_interview(facts, leave) or leave.end is None:
            continue
        returned = leave.end + timedelta(days=1)
        if returned < law.LAW_2014_IN_FORCE:
            continue
        deadline = add_months(returned, facts.settings.return_grace_months)
        basis = law.basis_for(returned)
        reasons = [
            say_n(
                "Back from {leave} on {date}: interview due within {months} month.",
                "Back from {leave} on {date}: interview due within {months} months.",
                facts.settings.return_grace_months,
                leave=LEAVE_NAMES[leave.kind],
                date=returned,
                months=facts.settings.return_grace_months,
            )
        ]
        recent = _recent_interview(facts, returned) if returned >= law.LAW_2025_IN_FORCE else None
        answer = _answer(facts, leave.start)
        if recent is not None and answer is None:
            status = Status.NOT_APPLICABLE
            reasons.append(
                say(
                    "Not required: an interview was held on {date}, in the 12 months before the "
                    "return.",
                    date=recent,
                )
            )
        else:
            status = facts.status_of(deadline, answer is not None)
            reasons += outcome(status, answer[1] if answer else None, deadline, employee.exit_date)
        obligations.append(
            Obligation(
                employee_ref=employee.ref,
                kind=ObligationKind.RETURN,
                window_start=leave.start,
                deadline=deadline,
                status=status,
                satisfied_by=answer[0] if answer else None,
                basis=basis,
                reasons=tuple(reasons),
                satisfied_on=answer[1] if answer else None,
            )
        )
    return obligations
