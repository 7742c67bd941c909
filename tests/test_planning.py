"""Planning that knows the calendar: the day proposed for an interview (the latest working
day that keeps the invitation notice and meets the deadline, else the earliest, late) and
the warnings on a day proposed or typed. Hand-worked cases, one a line."""

from __future__ import annotations

from datetime import date

import pytest

from entretien_desktop.i18n import language_context
from entretien_desktop.services.planning import (
    WEEKENDS_ONLY,
    Proposal,
    WarningKind,
    date_warnings,
    propose_date,
    work_calendar,
)

# 4 Dec 2026 is a Friday; with 30 days' notice the earliest day is Sunday 3 Jan 2027.
FRIDAY = date(2026, 12, 4)

PROPOSALS = [
    # country, today, notice, deadline, proposed, late, why
    ("FR", FRIDAY, 30, date(2026, 12, 12), date(2027, 1, 4), True, "the user test: late"),
    ("FR", FRIDAY, 30, date(2027, 1, 10), date(2027, 1, 8), False, "Sunday deadline: Friday"),
    ("FR", FRIDAY, 30, date(2027, 1, 4), date(2027, 1, 4), False, "the first possible day"),
    ("FR", FRIDAY, 30, date(2027, 1, 3), date(2027, 1, 4), True, "only a Sunday was left"),
    ("FR", date(2026, 11, 20), 30, date(2026, 12, 25), date(2026, 12, 24), False, "Christmas"),
    ("FR", FRIDAY, 30, date(2030, 5, 1), date(2030, 4, 30), False, "1 May, years ahead"),
    ("FR", FRIDAY, 30, None, date(2027, 1, 4), False, "no deadline: the earliest"),
    ("FR", date(2026, 12, 25), 0, date(2026, 12, 25), date(2026, 12, 28), True, "no notice"),
    ("FR", date(2026, 12, 25), 0, date(2026, 12, 31), date(2026, 12, 31), False, "no notice"),
    ("FR", date(2026, 2, 1), 30, date(2026, 4, 3), date(2026, 4, 3), False, "Good Friday works"),
    ("NO", date(2026, 2, 1), 30, date(2026, 4, 3), date(2026, 4, 1), False, "Norway's Easter"),
    ("NO", date(2026, 2, 1), 30, date(2026, 5, 17), date(2026, 5, 15), False, "17 May, Sunday"),
    ("BE", date(2026, 5, 1), 30, date(2026, 7, 21), date(2026, 7, 20), False, "Belgian day"),
    ("NL", date(2026, 3, 1), 30, date(2026, 4, 27), date(2026, 4, 24), False, "King's Day"),
    ("ZZ", date(2026, 11, 20), 30, date(2026, 12, 25), date(2026, 12, 25), False, "unknown"),
    ("FR", FRIDAY, 180, date(2027, 2, 1), date(2027, 6, 2), True, "six months' notice"),
]


@pytest.mark.parametrize(
    ("country", "today", "notice", "deadline", "proposed", "late", "why"), PROPOSALS
)
def test_the_day_proposed(
    country: str,
    today: date,
    notice: int,
    deadline: date | None,
    proposed: date,
    late: bool,
    why: str,
) -> None:
    calendar = work_calendar(country, "en")
    assert propose_date(deadline=deadline, today=today, notice=notice, calendar=calendar) == (
        Proposal(proposed, late)
    ), why


def test_a_country_the_library_does_not_know_has_weekends_only() -> None:
    assert work_calendar("ZZ") is WEEKENDS_ONLY
    assert work_calendar("zz") is WEEKENDS_ONLY
    assert WEEKENDS_ONLY.is_working_day(date(2026, 12, 25))
    assert not WEEKENDS_ONLY.is_working_day(date(2026, 12, 26))


def _warnings(
    day: date,
    *,
    deadline: date | None = date(2027, 3, 31),
    country: str = "FR",
    language: str = "en",
    invited_on: date | None = None,
) -> dict[WarningKind, str]:
    with language_context(language):
        found = date_warnings(
            day,
            deadline=deadline,
            today=FRIDAY,
            notice=30,
            calendar=work_calendar(country),
            invited_on=invited_on,
        )
    return {w.kind: w.message for w in found}


def test_a_good_day_has_no_warning() -> None:
    assert _warnings(date(2027, 1, 12)) == {}
    assert _warnings(date(2027, 1, 12), deadline=None) == {}


def test_after_the_deadline() -> None:
    assert _warnings(date(2027, 1, 12), deadline=date(2026, 12, 12)) == {
        WarningKind.AFTER_DEADLINE: "After the deadline of Dec 12, 2026: the interview will "
        "be late."
    }
    assert _warnings(date(2026, 12, 11), deadline=date(2026, 12, 11)) == {
        WarningKind.NOTICE: "Too soon to invite 30 days ahead: the earliest day that keeps "
        "the notice is Jan 3, 2027."
    }


def test_on_a_weekend() -> None:
    assert _warnings(date(2027, 1, 16)) == {
        WarningKind.WEEKEND: "Saturday, January 16, 2027 is a weekend day."
    }
    assert _warnings(date(2027, 1, 17), country="ZZ") == {
        WarningKind.WEEKEND: "Sunday, January 17, 2027 is a weekend day."
    }


def test_on_a_public_holiday_named_in_the_interface_language() -> None:
    christmas = date(2027, 12, 24)  # a Friday; the 25th is a Saturday
    assert _warnings(christmas, deadline=None) == {}
    assert _warnings(date(2027, 12, 25), deadline=None) == {
        WarningKind.WEEKEND: "Saturday, December 25, 2027 is a weekend day.",
        WarningKind.HOLIDAY: "Saturday, December 25, 2027 is a public holiday: Christmas Day.",
    }
    assert _warnings(date(2027, 5, 6), deadline=None, language="fr") == {
        WarningKind.HOLIDAY: "Le jeudi 6 mai 2027 est un jour férié\u00a0: Ascension."
    }
    assert _warnings(date(2027, 5, 17), deadline=None, country="NO", language="nb")[
        WarningKind.HOLIDAY
    ] == ("mandag 17. mai 2027 er en helligdag: Andre pinsedag; Grunnlovsdag.")
    assert _warnings(date(2027, 7, 21), deadline=None, country="BE", language="nl")[
        WarningKind.HOLIDAY
    ] == ("woensdag 21 juli 2027 is een feestdag: Nationale feestdag.")
    # Not translated by the library for this country: the country's own name.
    assert _warnings(date(2027, 7, 14), deadline=None, country="FR", language="nb")[
        WarningKind.HOLIDAY
    ] == ("onsdag 14. juli 2027 er en helligdag: Fête nationale.")


def test_the_invitation_notice_can_no_longer_be_given() -> None:
    assert _warnings(date(2026, 12, 21)) == {
        WarningKind.NOTICE: "Too soon to invite 30 days ahead: the earliest day that keeps "
        "the notice is Jan 3, 2027."
    }
    assert _warnings(date(2027, 1, 4)) == {}


def test_an_invitation_already_sent_is_the_notice_that_counts() -> None:
    assert _warnings(date(2026, 12, 21), invited_on=date(2026, 11, 20)) == {}
    assert _warnings(date(2027, 1, 12), invited_on=date(2026, 12, 20)) == {
        WarningKind.NOTICE: "The invitation went out on Dec 20, 2026, less than 30 days "
        "before this one."
    }


def test_every_warning_at_once() -> None:
    day = date(2026, 12, 25)
    assert set(_warnings(day, deadline=date(2026, 12, 12))) == {
        WarningKind.AFTER_DEADLINE,
        WarningKind.HOLIDAY,
        WarningKind.NOTICE,
    }
