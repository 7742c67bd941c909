"""The interview on return from leave (domain.md 3.4, interpretation 2).

Proposed after each leave of the company's list: secure mobility only in companies of 300
or more, ordinary sickness only when it lasted at least the long-sickness setting. Due one
month (setting) after the return date, the day after the leave's last day. Since 26 Oct 2025
not required when an interview was held in the 12 months before the return. Satisfied by an
interview of the professional family held, or proposed and refused, from the start of the
leave (the employee may ask for it before coming back) to the deadline or later.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from datetime import date, timedelta
from functools import lru_cache
from operator import attrgetter

from entretien_desktop.domain import Interview, InterviewStatus, Leave, LeaveKind
from entretien_desktop.rules import regimes as law
from entretien_desktop.rules.calendar import add_months
from entretien_desktop.rules.model import (
    PROFESSIONAL_FAMILY,
    Facts,
    Obligation,
    ObligationKind,
    build,
)
from entretien_desktop.rules.statuses import NOT_APPLICABLE
from entretien_desktop.rules.wording import Sentence, say, say_n, term

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
    LeaveKind.PARENTAL_PRESENCE: term("parental presence leave"),
    LeaveKind.FAMILY_SOLIDARITY: term("family solidarity leave"),
    LeaveKind.UNPAID: term("unpaid leave"),
    LeaveKind.OTHER: term("leave"),
}


def _calls_for_interview(facts: Facts, leave: Leave) -> bool:
    if leave.end is None or leave.kind not in facts.settings.return_leaves:
        return False
    if leave.kind is _SECURE_MOBILITY:
        return facts.company.headcount >= law.SECURE_MOBILITY_HEADCOUNT
    if leave.kind is _SICKNESS:
        long_enough = add_months(leave.start, facts.settings.long_sickness_months)
        return leave.end + _ONE_DAY >= long_enough
    return True


_ONE_DAY = timedelta(days=1)
RETURN = ObligationKind.RETURN
_REFUSED = InterviewStatus.REFUSED
_STATUS = attrgetter("status")
_SECURE_MOBILITY = LeaveKind.SECURE_MOBILITY
_SICKNESS = LeaveKind.SICKNESS


def _refusals(facts: Facts) -> list[tuple[date, str]]:
    """Interviews of the professional family proposed and refused up to ``as_of``, as
    (date, id), earliest first (usually none)."""
    interviews = facts.employee.interviews
    if _REFUSED not in map(_STATUS, interviews):  # the usual case, checked without a loop
        return []
    as_of = facts.as_of
    refused = [
        (interview.date, interview.id)
        for interview in interviews
        if interview.status is _REFUSED
        and interview.date is not None
        and interview.date <= as_of
        and interview.kind in PROFESSIONAL_FAMILY
    ]
    refused.sort()
    return refused


def _answer(
    held: tuple[list[date], list[Interview]], refusals: list[tuple[date, str]], start: date
) -> tuple[str, date] | None:
    """The earliest interview of the professional family held (``held``: their dates and
    themselves, sorted by date and id), or proposed and refused, from ``start`` on, as
    (id, date); on the same day, the smaller id."""
    dates, interviews = held
    index = bisect_left(dates, start)
    found = (dates[index], interviews[index].id) if index < len(dates) else None
    if refusals:
        index = bisect_left(refusals, (start,))
        if index < len(refusals) and (found is None or refusals[index] < found):
            found = refusals[index]
    return None if found is None else (found[1], found[0])


def _recent_interview(dates: list[date], returned: date, left: date) -> date | None:
    """The latest of ``dates`` (the professional family's held interviews) in the 12
    months before ``returned`` and before the leave began on ``left``, if any: one held
    during the leave is the return interview held early, at the employee's request, and
    satisfies the obligation rather than exempting it."""
    since = add_months(returned, -law.RETURN_EXEMPTION_MONTHS)
    before = bisect_left(dates, min(returned, left))
    if before and dates[before - 1] >= since:
        return dates[before - 1]
    return None


@lru_cache(maxsize=16384)
def _back_from(kind: LeaveKind, last_day: date, months: int) -> tuple[date, date, Sentence, str]:
    """The return date after a leave ending on ``last_day``, the interview's deadline, the
    sentence and the legal basis. Cached: many employees come back the same day, and the
    sentence is never mutated."""
    returned = last_day + _ONE_DAY
    text = say_n(
        "Back from {leave} on {date}: interview due within {months} month.",
        "Back from {leave} on {date}: interview due within {months} months.",
        months,
        leave=LEAVE_NAMES[kind],
        date=returned,
        months=months,
    )
    return returned, add_months(returned, months), text, law.basis_for(returned)


def _leave_order(leave: Leave) -> tuple[date, date, LeaveKind]:
    return (leave.start, leave.end or date.max, leave.kind)


def return_obligations(facts: Facts) -> list[Obligation]:
    employee = facts.employee
    leaves: Sequence[Leave] = employee.leaves
    if not leaves:
        return []  # the usual case, spared the sorting below
    if len(leaves) > 1:
        leaves = sorted(leaves, key=_leave_order)
    obligations = []
    # Looked up on the first leave that needs them:
    refusals: list[tuple[date, str]] | None = None
    held: tuple[list[date], list[Interview]] = ([], [])
    grace_months = facts.settings.return_grace_months
    seniority_start = employee.seniority_start
    for leave in leaves:
        if leave.end is None or not _calls_for_interview(facts, leave):
            continue
        returned, deadline, back, basis = _back_from(leave.kind, leave.end, grace_months)
        # Nothing is owed before the seniority start (interpretation 10): not for a leave
        # recorded from before the hire, whose interview fell due before it.
        if returned < law.LAW_2014_IN_FORCE or deadline < seniority_start:
            continue
        if refusals is None:
            refusals = _refusals(facts)
            held = facts.held_of(PROFESSIONAL_FAMILY)
        reasons: tuple[Sentence, ...] = (back,)
        recent = (
            _recent_interview(held[0], returned, leave.start)
            if returned >= law.LAW_2025_IN_FORCE
            else None
        )
        answer = _answer(held, refusals, leave.start)
        if recent is not None:
            # Decided on the return date (interpretation 11): what is held or refused
            # later does not change why the past needed no interview.
            answer = None
            status = NOT_APPLICABLE
            reasons += (
                say(
                    "Not required: an interview was held on {date}, in the 12 months before the "
                    "return.",
                    date=recent,
                ),
            )
        else:
            status, after = facts.standing(deadline, answer[1] if answer else None)
            reasons += after
        obligations.append(
            build(  # every field, in order (see model.build)
                (
                    employee.ref,
                    RETURN,
                    leave.start,
                    deadline,
                    status,
                    answer[0] if answer else None,
                    basis,
                    reasons,
                    0,
                    answer[1] if answer else None,
                )
            )
        )
    return obligations
