"""Pieces of explanation shared by every family of rules, in the user's language."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from entretien_desktop.i18n import _, current_language, format_date
from entretien_desktop.rules.model import Status


def day(value: date) -> str:
    """A date as in an explanation: ``14 Mar 2023``, ``14 mars 2023``."""
    return _day(value, current_language())


@lru_cache(maxsize=16384)
def _day(value: date, language: str) -> str:
    # Cached: explanations of a whole company name a few thousand distinct days, each many
    # times, and babel's formatting is the slowest step of an evaluation.
    del language  # part of the cache key: the text follows the current language
    return format_date(value, "d MMM y")


def outcome(status: Status, held_on: date | None, deadline: date, exit_date: date | None) -> str:
    """The sentence that follows the rule: held (on time or late), not applicable, or nothing."""
    if status is Status.SATISFIED and held_on is not None:
        if held_on > deadline:
            return " " + _("Held late, on {date}.").format(date=day(held_on))
        return " " + _("Held on {date}.").format(date=day(held_on))
    if status is Status.NOT_APPLICABLE and exit_date is not None:
        return " " + _("Not applicable: the employee left on {date}.").format(date=day(exit_date))
    return ""
