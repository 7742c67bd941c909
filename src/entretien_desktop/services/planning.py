"""Planning that knows the calendar: the day proposed for an interview, and what is wrong
with a day proposed or typed.

An interview is planned on a working day of the company's country (not a weekend, not a
public holiday), late enough that the invitation can still go out with the company's
notice, and by the obligation's deadline. The proposal is the *latest* such day: the
employee is not called in earlier than the law asks, and the office has the most time to
prepare. When no day keeps both the notice and the deadline, the earliest working day that
keeps the notice is proposed, and the proposal says it is late.

Public holidays come from the ``holidays`` package (computed offline, no network), for the
company's ``country``; a country it does not know has weekends only. A warning never
refuses a day: the dialog shows it and the user decides (the day the employee is not with
the company is refused elsewhere, by ``interview_life.plan``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from entretien_desktop.domain import Company
from entretien_desktop.domain.limits import LATEST_DATE
from entretien_desktop.i18n import _, current_language, format_date, format_number, ngettext

if TYPE_CHECKING:
    from holidays import HolidayBase

_SATURDAY_SUNDAY = frozenset({5, 6})
_SEARCH_DAYS = 366
"""How far the search for a working day looks: a year holds many in every country."""

_HOLIDAY_LANGUAGES = {"en": ("en_US", "en_GB", "en"), "nb": ("nb", "no"), "nl": ("nl",)}
"""The ``holidays`` package's names of the interface's languages, most wanted first."""


@dataclass(frozen=True, slots=True)
class WorkCalendar:
    """The weekends and public holidays of one country; ``holiday`` names a day off (in the
    interface's language when the library has it, else the country's own)."""

    weekend: frozenset[int]
    holiday: Callable[[date], str | None]

    def is_working_day(self, day: date) -> bool:
        return day.weekday() not in self.weekend and self.holiday(day) is None


def _no_holiday(_day: date) -> None:
    return None


WEEKENDS_ONLY = WorkCalendar(_SATURDAY_SUNDAY, _no_holiday)
"""The calendar of a country the holidays library does not know."""


def work_calendar(country: str, language: str | None = None) -> WorkCalendar:
    """The working calendar of ``country`` (ISO 3166 code), holidays named in ``language``
    (the interface's by default)."""
    return _calendar(country.upper(), language or current_language())


@lru_cache(maxsize=16)
def _calendar(country: str, language: str) -> WorkCalendar:
    # Imported on first use: some 80 ms that the start-up does not need.
    import holidays  # noqa: PLC0415

    try:
        days: HolidayBase = holidays.country_holidays(country)
    except NotImplementedError:  # a country the library does not know
        return WEEKENDS_ONLY
    # Named in the country's own language when the library cannot say them in the
    # interface's, whatever the process's locale (the library reads it otherwise).
    wanted = _library_language(language, days.supported_languages) or days.default_language
    days = holidays.country_holidays(country, language=wanted)
    weekend = frozenset(days.weekend) or _SATURDAY_SUNDAY

    def holiday(day: date) -> str | None:
        # The library fills a year when it is first asked about it.
        name = days.get(day)
        return None if name is None else str(name)

    return WorkCalendar(weekend, holiday)


def _library_language(language: str, supported: tuple[str, ...]) -> str | None:
    """The library's name for the interface's ``language``, if it translates this
    country's holidays into it; ``None``: the country's own language."""
    for candidate in _HOLIDAY_LANGUAGES.get(language, (language,)):
        if candidate in supported:
            return candidate
    return None


def company_calendar(company: Company) -> WorkCalendar:
    return work_calendar(company.country)


def notice_days(company: Company) -> int:
    """How many days ahead the company invites employees (its settings)."""
    value = company.settings.effective("invitation_notice_days")
    assert isinstance(value, int)
    return value


class Proposal(NamedTuple):
    """The day proposed for an interview; ``late``: it is after the deadline, as no working
    day keeps both the invitation notice and the deadline."""

    day: date
    late: bool


def propose_date(
    *, deadline: date | None, today: date, notice: int, calendar: WorkCalendar
) -> Proposal:
    """The latest working day from ``today + notice`` to ``deadline``; when there is none
    (or no deadline), the earliest working day from ``today + notice``."""
    earliest = min(today + timedelta(days=notice), LATEST_DATE)
    if deadline is not None and deadline >= earliest:
        day = deadline
        while day >= earliest:
            if calendar.is_working_day(day):
                return Proposal(day, late=False)
            day -= timedelta(days=1)
    day = _first_working_day(earliest, calendar)
    return Proposal(day, late=deadline is not None and day > deadline)


def _first_working_day(start: date, calendar: WorkCalendar) -> date:
    """The first working day on or after ``start`` (``start`` itself if a year holds none)."""
    day = start
    for _step in range(_SEARCH_DAYS):
        if calendar.is_working_day(day):
            return day
        if day >= LATEST_DATE:
            break
        day += timedelta(days=1)
    return start


class WarningKind(StrEnum):
    AFTER_DEADLINE = "after_deadline"
    WEEKEND = "weekend"
    HOLIDAY = "holiday"
    NOTICE = "notice"


class DateWarning(NamedTuple):
    kind: WarningKind
    message: str


def date_warnings(
    day: date,
    *,
    deadline: date | None,
    today: date,
    notice: int,
    calendar: WorkCalendar,
    invited_on: date | None = None,
) -> list[DateWarning]:
    """What is wrong with planning an interview on ``day``, one sentence each: after the
    deadline, on a weekend, on a public holiday, too soon for the invitation notice
    (counted from ``invited_on`` when the invitation went out already, else from today)."""
    warnings = []
    if deadline is not None and day > deadline:
        warnings.append(
            DateWarning(
                WarningKind.AFTER_DEADLINE,
                _("After the deadline of {deadline}: the interview will be late.").format(
                    deadline=format_date(deadline)
                ),
            )
        )
    if day.weekday() in calendar.weekend:
        warnings.append(
            DateWarning(
                WarningKind.WEEKEND,
                _("{day} is a weekend day.").format(day=format_date(day, "full")),
            )
        )
    name = calendar.holiday(day)
    if name is not None:
        warnings.append(
            DateWarning(
                WarningKind.HOLIDAY,
                _("{day} is a public holiday: {name}.").format(
                    day=format_date(day, "full"), name=name
                ),
            )
        )
    warnings += _notice_warning(day, today, notice, invited_on)
    return warnings


def _notice_warning(
    day: date, today: date, notice: int, invited_on: date | None
) -> list[DateWarning]:
    if invited_on is not None:
        if (day - invited_on).days >= notice:
            return []
        message = ngettext(
            "The invitation went out on {date}, less than {count} day before this one.",
            "The invitation went out on {date}, less than {count} days before this one.",
            notice,
        ).format(date=format_date(invited_on), count=format_number(notice))
        return [DateWarning(WarningKind.NOTICE, message)]
    earliest = today + timedelta(days=notice)
    if day >= earliest:
        return []
    message = ngettext(
        "Too soon to invite {count} day ahead: the earliest day that keeps the notice is {date}.",
        "Too soon to invite {count} days ahead: the earliest day that keeps the notice is {date}.",
        notice,
    ).format(count=format_number(notice), date=format_date(earliest))
    return [DateWarning(WarningKind.NOTICE, message)]


def late_proposal() -> str:
    """What the dialog says of a day proposed after the deadline."""
    return _(
        "No working day before the deadline leaves time for the invitation: the earliest "
        "possible day is proposed."
    )
