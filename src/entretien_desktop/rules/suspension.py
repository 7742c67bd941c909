"""Seniority without suspensions (domain.md 3.3, Q&A n° 1; interpretation 4).

When the company setting asks for it, a deadline counted in years of seniority moves back by
the days of leaves that do not count as effective work. By default it does not: the earlier
date is the safe one.
"""

from __future__ import annotations

from datetime import date, timedelta

from entretien_desktop.domain import Company, Employee
from entretien_desktop.rules.calendar import add_years
from entretien_desktop.rules.model import Facts

_MAX_ROUNDS = 20


def suspended_days(facts: Facts, start: date, end: date) -> int:
    """Days in ``[start, end)`` spent on leaves that suspend seniority."""
    total = 0
    for leave in facts.employee.leaves:
        if leave.kind not in facts.settings.suspending_leaves:
            continue
        # An ongoing leave is known to last up to the as-of date, no further.
        leave_end = (leave.end or facts.as_of) + timedelta(days=1)
        overlap = (min(end, leave_end) - max(start, leave.start)).days
        total += max(0, overlap)
    return total


def extend(facts: Facts, start: date, deadline: date) -> date:
    """``deadline`` pushed back by the suspended days between ``start`` and it, if set."""
    if not facts.settings.apply_seniority_suspension:
        return deadline
    extended = deadline
    for _round in range(_MAX_ROUNDS):
        moved = deadline + timedelta(days=suspended_days(facts, start, extended))
        if moved == extended:
            break
        extended = moved
    return extended


def seniority_years(company: Company, employee: Employee, on: date) -> int:
    """The employee's seniority on ``on`` in completed years (Q&A n° 1; interpretation 17):
    from the seniority start (the hire, or the seniority a transferred contract carried
    over), less the days of leaves that suspend seniority when the company applies that
    rule. Zero before the start."""
    start = employee.seniority_start
    if on < start:
        return 0
    facts = Facts.of(company, employee, on)
    end = on
    if facts.settings.apply_seniority_suspension:
        end = on - timedelta(days=suspended_days(facts, start, on + timedelta(days=1)))
    years = end.year - start.year
    while years > 0 and add_years(start, years) > end:
        years -= 1
    return max(years, 0)
