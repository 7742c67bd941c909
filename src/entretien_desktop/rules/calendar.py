"""Calendar arithmetic the law speaks in: months and years from a date, clamped at month end.

A period of N months from 31 January ends on the last day of the month N months later; a
29 February plus one year is 28 February, the earlier date being the safe one for a deadline.
"""

from __future__ import annotations

import calendar as _calendar
from datetime import date
from functools import lru_cache

_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def days_in_month(year: int, month: int) -> int:
    if month == 2 and _calendar.isleap(year):
        return 29
    return _DAYS[month - 1]


@lru_cache(maxsize=1 << 16)
def add_months(day: date, months: int) -> date:
    # Cached: a company's chains ask for the same few thousand days over and over, and a
    # cache hit costs a fraction of the arithmetic.
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    if day.day <= 28:
        return date(year, month, day.day)
    return date(year, month, min(day.day, days_in_month(year, month)))


def add_years(day: date, years: int) -> date:
    return add_months(day, 12 * years)


def birthday(birth: date, age: int) -> date:
    """The day a person born on ``birth`` turns ``age`` (28 February for 29 February births)."""
    return add_years(birth, age)


def end_of_february(year: int) -> date:
    return date(year, 2, days_in_month(year, 2))
