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

_ONE_DAY = timedelta(days=1)


def suspended_periods(facts: Facts, start: date) -> list[tuple[date, date]]:
    """The days from ``start`` on spent on leaves that suspend seniority, as periods
    ``[first, end)`` in order, none overlapping another: a day on two leaves at once is
    one day. An ongoing leave is known to last up to the as-of date, no further."""
    periods = sorted(
        (max(start, leave.start), (leave.end or facts.as_of) + _ONE_DAY)
        for leave in facts.employee.leaves
        if leave.kind in facts.settings.suspending_leaves
    )
    merged: list[tuple[date, date]] = []
    for first, end in periods:
        if first >= end:
            continue  # over before ``start``
        if merged and first <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((first, end))
    return merged


def suspended_days(facts: Facts, start: date, end: date) -> int:
    """Days in ``[start, end)`` spent on leaves that suspend seniority (a day on two leaves
    at once counts once)."""
    total = 0
    for first, stop in suspended_periods(facts, start):
        if first >= end:
            break
        total += (min(stop, end) - first).days
    return total


def extend(facts: Facts, start: date, deadline: date) -> date:
    """``deadline`` pushed back by the suspended days from ``start`` to the day before it,
    until it no longer moves (a later deadline may take in more leave), if the setting is
    on: the first day ``D`` such that ``D`` is ``deadline`` plus the suspended days in
    ``[start, D)``. Each period that begins before the deadline as pushed so far lies
    wholly before the deadline once pushed by its length, so the periods are taken in
    order until one begins on or after it."""
    if not facts.settings.apply_seniority_suspension:
        return deadline
    extended = deadline
    for first, end in suspended_periods(facts, start):
        if first >= extended:
            break
        extended += end - first
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
