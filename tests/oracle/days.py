"""Date arithmetic as the law counts it, written out plainly for the oracle.

"N months from a date" ends on the same day number N months later, or on the last day of
that month when it is shorter (docs/rules.md, "Date arithmetic"). Nothing is cached.
"""

from __future__ import annotations

from datetime import date, timedelta

ONE_DAY = timedelta(days=1)


def last_day_of_month(year: int, month: int) -> date:
    """The last day of ``month`` in ``year``: the day before the first of the next month."""
    if month == 12:
        return date(year, 12, 31)
    return date(year, month + 1, 1) - ONE_DAY


def months_later(day: date, months: int) -> date:
    """``day`` + ``months`` calendar months (negative: earlier), clamped to the month's end."""
    year = day.year
    month = day.month + months
    while month > 12:
        month -= 12
        year += 1
    while month < 1:
        month += 12
        year -= 1
    last = last_day_of_month(year, month)
    return date(year, month, min(day.day, last.day))


def years_later(day: date, years: int) -> date:
    """``day`` + ``years`` years: 29 February becomes 28 February in a common year."""
    return months_later(day, 12 * years)


def end_of_february(year: int) -> date:
    """28 or 29 February of ``year``."""
    return date(year, 3, 1) - ONE_DAY


def days_in_common(first: date, last: date, other_first: date, other_last: date) -> int:
    """How many days the two inclusive ranges share (0 when they do not meet)."""
    start = max(first, other_first)
    end = min(last, other_last)
    if end < start:
        return 0
    return (end - start).days + 1
