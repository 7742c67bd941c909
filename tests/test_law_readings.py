"""Readings of domain.md section 4 settled in December 2026 (issue 16), day before, day of
and day after each boundary: nothing owed before the hire (interpretation 10), the return
exemption decided on the return date (11), the 2014 criteria only for a review held by
30 Sept 2021 (14)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from entretien_desktop.rules import ObligationKind, Status, seniority_years
from tests.rules_builders import (
    certification,
    company,
    d,
    employee,
    iv,
    leave,
    obligations,
    progression,
    training,
)

MID, END = ObligationKind.MID_CAREER, ObligationKind.END_OF_CAREER
PERIODIC = ObligationKind.PERIODIC


def _kinds(found: list, kind: ObligationKind) -> list:
    return [o for o in found if o.kind is kind]


# -- 10. Nothing owed before the hire ----------------------------------------------------------
# Born 1980-09-15: the mid-career deadline without a visit is the end of February after the
# year of the 45th birthday, 28 Feb 2026.
@pytest.mark.parametrize(
    ("hire", "owed"),
    [
        ("2026-02-27", True),  # the day before the deadline
        ("2026-02-28", True),  # the deadline's own day: not before it
        ("2026-03-01", False),  # the day after: the deadline fell before the hire
        ("2026-05-04", False),  # the case
    ],
)
def test_no_mid_career_interview_falls_due_before_the_hire(hire: str, owed: bool) -> None:
    person = employee(hire, birth_date="1980-09-15")
    found = _kinds(obligations(person, date(2026, 11, 22)), MID)
    assert bool(found) is owed
    if owed:
        assert found[0].deadline == date(2026, 2, 28)


@pytest.mark.parametrize(
    ("hire", "owed"),
    [
        ("2026-05-09", True),  # the day before the 60th birthday
        ("2026-05-10", True),  # the birthday itself
        ("2026-05-11", False),  # hired at 60: nothing owed before the hire
        ("2027-01-04", False),
    ],
)
def test_no_end_of_career_interview_for_someone_hired_at_60(hire: str, owed: bool) -> None:
    person = employee(hire, birth_date="1966-05-10")
    found = _kinds(obligations(person, date(2027, 6, 1)), END)
    assert bool(found) is owed


@pytest.mark.parametrize(
    ("last_day", "owed"),
    [
        ("2023-12-03", False),  # back 2023-12-04, due 2024-01-04: the day before the hire
        ("2023-12-04", True),  # due 2024-01-05, the hire's own day
        ("2023-12-05", True),
    ],
)
def test_no_return_interview_falls_due_before_the_hire(last_day: str, owed: bool) -> None:
    """Hired 2024-01-05 with a maternity leave recorded from before the hire: its return
    interview is owed only when due on or after the hire (interpretation 10); with a
    seniority start carried over from 2019, it is owed whenever it fell due."""
    maternity = leave("maternity", "2023-09-01", last_day)
    hired = employee("2024-01-05", leaves=[maternity])
    assert bool(_kinds(obligations(hired), ObligationKind.RETURN)) is owed
    transferred = employee("2024-01-05", seniority_date="2019-01-07", leaves=[maternity])
    assert _kinds(obligations(transferred), ObligationKind.RETURN)


def test_an_interview_before_the_hire_puts_nothing_on_the_summary_review() -> None:
    """Hired at 60 in a company of 80: the end-of-career interview that would have been due
    before the hire puts no top-up at stake on the summary review."""
    person = employee("2026-06-01", birth_date="1966-05-10")
    found = obligations(person, date(2033, 1, 1), company(headcount=80))
    assert not _kinds(found, END)
    reviews = _kinds(found, ObligationKind.SUMMARY_REVIEW)
    assert reviews
    assert all("end-of-career" not in r.explanation.lower() for r in reviews)


@given(
    st.dates(min_value=date(1960, 1, 1), max_value=date(1995, 12, 31)),
    st.dates(min_value=date(2015, 1, 1), max_value=date(2040, 12, 31)),
)
def test_no_age_interview_is_ever_due_before_the_hire(birth: date, hire: date) -> None:
    person = employee(hire.isoformat(), birth_date=birth.isoformat())
    for o in obligations(person, hire + timedelta(days=400)):
        if o.kind in (MID, END):
            assert o.deadline >= hire


# -- 11. The return exemption is decided on the return date -----------------------------------
@pytest.mark.parametrize("later", [None, "2026-05-10", "2026-09-01"])
def test_the_twelve_month_exemption_is_not_undone_by_a_later_interview(later: str | None) -> None:
    """An interview ten months before a return from maternity leave: no return interview
    is owed, and one held later does not turn the exemption into "satisfied"."""
    interviews = [iv("2025-06-02")] + ([iv(later)] if later else [])
    person = employee(
        "2018-01-08",
        leaves=[leave("maternity", "2025-11-03", "2026-03-31")],
        interviews=interviews,
    )
    (back,) = _kinds(obligations(person, date(2026, 11, 22)), ObligationKind.RETURN)
    assert back.status is Status.NOT_APPLICABLE
    assert back.satisfied_by is None
    assert "12 months before the return" in back.explanation


@pytest.mark.parametrize(
    ("held", "exempt"),
    [
        ("2025-03-31", False),  # 12 months and a day before the return of 2026-04-01
        ("2025-04-01", True),  # exactly 12 months before
        ("2025-04-02", True),
    ],
)
def test_the_exemption_counts_twelve_months_back_from_the_return(held: str, exempt: bool) -> None:
    person = employee(
        "2018-01-08",
        leaves=[leave("maternity", "2025-11-03", "2026-03-31")],
        interviews=[iv(held)],
    )
    (back,) = _kinds(obligations(person, date(2026, 11, 22)), ObligationKind.RETURN)
    assert (back.status is Status.NOT_APPLICABLE) is exempt


# -- 14. The 2014 criteria only for a review held by 30 Sept 2021 -----------------------------
# Hired 2015-01-05, no interview ever: the first review is due 2021-01-05. Two of the 2014
# measures (a mandatory training and a certification) but no non-mandatory training.
def _late_review(held: str | None) -> list:
    person = employee(
        "2015-01-05",
        trainings=[training("2017-03-01", mandatory=True)],
        certifications=[certification("2018-06-01")],
        progressions=[progression("2019-01-01")],
        interviews=[iv(held, kind="summary_review")] if held else [],
    )
    return _kinds(
        obligations(person, date(2022, 6, 1), company(headcount=80)), ObligationKind.SUMMARY_REVIEW
    )


@pytest.mark.parametrize(
    ("held", "amount"),
    [
        ("2021-09-29", 0),  # held in the transition: the 2014 criteria may be used
        ("2021-09-30", 0),  # its last day
        ("2021-10-01", 3000),  # held after it: the 2018 test only
        (None, 3000),  # never held: the 2018 test
    ],
)
def test_the_2014_criteria_only_for_a_review_held_by_30_september_2021(
    held: str | None, amount: int
) -> None:
    first = _late_review(held)[0]
    assert first.deadline == d("2021-01-05")
    assert first.amount_at_stake_eur == amount


# -- 13. The summary review's periods follow seniority ----------------------------------------
# Hired 2019-12-07: the 6-year deadline 2025-12-07 was running on 26 Oct 2025, so the first
# review is due 2027-12-07 (8 years), the next 2035-12-07.
def _reviews(held: list[str], as_of: date = date(2026, 11, 22)) -> list:
    person = employee("2019-12-07", interviews=[iv(day, kind="summary_review") for day in held])
    found = obligations(person, as_of, company(headcount=80))
    return _kinds(found, ObligationKind.SUMMARY_REVIEW)


@pytest.mark.parametrize(
    "held",
    ["2025-11-05", "2027-12-06", "2027-12-07"],
    ids=["two years early", "day before", "day of"],
)
def test_an_early_review_does_not_pull_the_next_one(held: str) -> None:
    first, following = _reviews([held], date(2028, 1, 10))[:2]
    assert first.deadline == d("2027-12-07") and first.satisfied_on == d(held)
    assert following.window_start == d("2027-12-07")
    assert following.deadline == d("2035-12-07")  # from the period's end, not the review's day


def test_the_next_review_is_listed_after_one_held_early() -> None:
    """Held two years early: the next review still shows, due at the end of the next
    period (it used to vanish until the first period's deadline had passed)."""
    deadlines = [r.deadline for r in _reviews(["2025-11-05"])]
    assert deadlines == [d("2027-12-07"), d("2035-12-07")]


def test_a_late_review_does_not_push_the_next_one_nor_close_two_periods() -> None:
    """Hired 2015-01-05: review due 2021-01-05, held late on 2023-03-01. The next period
    runs from 2021-01-05 (6-year deadline 2027-01-05 still running on 26 Oct 2025: 8 years,
    to 2029-01-05); the late review closes the first period only."""
    person = employee("2015-01-05", interviews=[iv("2023-03-01", kind="summary_review")])
    reviews = _kinds(obligations(person, date(2026, 11, 22)), ObligationKind.SUMMARY_REVIEW)
    first, second = reviews[:2]
    assert first.deadline == d("2021-01-05") and first.satisfied_by == "summary_review-2023-03-01"
    assert second.window_start == d("2021-01-05") and second.deadline == d("2029-01-05")
    assert second.satisfied_by is None


# -- 12. An agreement over 4 years stops on 1 Oct 2026 ----------------------------------------
@pytest.mark.parametrize(
    ("last", "due"),
    [
        ("2023-03-15", "2027-03-15"),  # the case: 4 years after the last, not overdue
        ("2022-09-30", "2026-10-01"),  # 4 years after ends 2026-09-30: 1 Oct 2026 is later
        ("2022-10-01", "2026-10-01"),  # the day 4 years reach 1 Oct 2026
        ("2022-10-02", "2026-10-02"),  # the day after
    ],
)
def test_an_agreement_of_five_years_gives_way_to_the_law_on_1_october_2026(
    last: str, due: str
) -> None:
    """A 5-year agreement signed in 2020: its deadline (last + 5 years) was still running on
    26 Oct 2025; on 1 Oct 2026 the law takes over with the later of that day and last + 4
    years, never a day before the agreement stopped."""
    person = employee("2012-01-09", interviews=[iv(last)])
    with_agreement = company(agreement=(60, "2020-01-06", None))
    found = obligations(person, date(2026, 11, 22), with_agreement)
    periodic = [o for o in found if o.kind is ObligationKind.PERIODIC and o.satisfied_by is None]
    assert periodic[-1].deadline == d(due)
    assert periodic[-1].deadline >= d("2026-10-01")


@pytest.mark.parametrize(
    ("until", "due"),
    [
        ("2025-10-25", "2025-10-25"),  # ended the day before the 2025 law: stays missed
        ("2025-10-26", "2025-10-30"),  # still applied on 26 Oct 2025: 4 years from the hire
        ("2025-10-27", "2025-10-30"),
    ],
)
def test_a_long_agreement_that_ended_before_the_2025_law_leaves_the_old_deadline(
    until: str, due: str
) -> None:
    """A 6-year agreement signed in 2019, hired 2021-10-30, nothing held: the agreement ends
    during the first cycle. Ended before 26 Oct 2025, it gave way to the 2014 law, whose
    deadline (2023-10-30) had passed: due the day it ended, expired before the 2025 law, so
    missed (interpretation 12 recomputes only a deadline still running on 26 Oct 2025).
    Still in force that day, its deadline was running: 4 years from the hire."""
    person = employee("2021-10-30")
    with_agreement = company(agreement=(72, "2019-02-13", until))
    (periodic,) = _kinds(obligations(person, date(2026, 11, 22), with_agreement), PERIODIC)
    assert periodic.deadline == d(due)
    assert periodic.status is Status.OVERDUE


# -- 15 and 16. One reading of a late interview and of one held on the hire day -----------------
@pytest.mark.parametrize(
    ("held", "amount"),
    [
        ("2020-11-04", 0),  # the day before the deadline: on time
        ("2020-11-05", 0),  # the deadline's own day: on time
        ("2020-11-06", 3000),  # the day after: late, so missed (interpretation 15)
    ],
)
def test_an_interview_held_the_day_after_its_deadline_is_missed(held: str, amount: int) -> None:
    """Hired 2018-11-05: interview due 2020-11-05; the review due 2024-11-05, no
    non-mandatory training, company of 62."""
    person = employee("2018-11-05", interviews=[iv(held), iv("2022-11-02"), iv("2024-10-01")])
    reviews = _kinds(obligations(person, date(2026, 11, 22)), ObligationKind.SUMMARY_REVIEW)
    assert reviews[0].deadline == d("2024-11-05")
    assert reviews[0].amount_at_stake_eur == amount


def test_an_interview_on_the_hire_day_is_one_reading_everywhere() -> None:
    """Held on the hire day: the periodic chain counts it (it satisfies the first cycle and
    restarts the clock from that day), as the 7-year review does for a hire since 2025."""
    person = employee("2026-01-05", interviews=[iv("2026-01-05")])
    found = obligations(person, date(2026, 11, 22))
    periodic = [o for o in found if o.kind is ObligationKind.PERIODIC]
    assert periodic[0].satisfied_by == "professional-2026-01-05"
    (review,) = _kinds(found, ObligationKind.SUMMARY_REVIEW)
    assert review.deadline == d("2033-01-05")  # 7 years after that first interview


@pytest.mark.parametrize(("setting", "amount"), [(None, 3000), (True, 3000), (False, 0)])
def test_a_company_may_not_count_a_late_interview_as_missed(
    setting: bool | None, amount: int
) -> None:
    """The setting ``late_interview_counts_as_missed`` (default on): off, an interview held
    a day late is not a missed one for the summary review; one never held still is."""
    person = employee(
        "2018-11-05", interviews=[iv("2020-11-06"), iv("2022-11-02"), iv("2024-10-01")]
    )
    firm = company() if setting is None else company(late_interview_counts_as_missed=setting)
    reviews = _kinds(obligations(person, date(2026, 11, 22), firm), ObligationKind.SUMMARY_REVIEW)
    assert reviews[0].amount_at_stake_eur == amount
    never = employee("2018-11-05")
    firm_off = company(late_interview_counts_as_missed=False)
    missed = _kinds(obligations(never, date(2026, 11, 22), firm_off), ObligationKind.SUMMARY_REVIEW)
    assert missed[0].amount_at_stake_eur == 3000


# -- 10 and 17. A transfer keeps the seniority and the cycle -------------------------------------
@pytest.mark.parametrize(
    ("seniority", "deadline", "late"),
    [
        ("2021-05-09", "2023-05-09", True),  # the interview came a day after the deadline
        ("2021-05-10", "2023-05-10", False),  # on the deadline's own day
        ("2021-05-11", "2023-05-11", False),
    ],
)
def test_a_transferred_contract_counts_the_cycle_from_its_seniority_date(
    seniority: str, deadline: str, late: bool
) -> None:
    """Hired by transfer on 2026-03-02 with seniority from 2021; the interview the previous
    employer held on 2023-05-10 satisfies the first 2-year cycle, counted from seniority."""
    person = employee("2026-03-02", seniority_date=seniority, interviews=[iv("2023-05-10")])
    periodic = _kinds(obligations(person, date(2026, 11, 22)), ObligationKind.PERIODIC)
    first = periodic[0]
    assert (first.window_start, first.deadline) == (d(seniority), d(deadline))
    assert first.satisfied_by == "professional-2023-05-10"
    assert first.late is late
    assert "start of seniority" in first.explanation
    # The next cycle runs from that interview: 2 years, expired before 26 Oct 2025.
    assert periodic[1].deadline == d("2025-05-10")
    assert periodic[1].status is Status.OVERDUE


def test_without_the_seniority_date_the_same_transfer_starts_at_the_hire() -> None:
    person = employee("2026-03-02", interviews=[iv("2023-05-10")])
    periodic = _kinds(obligations(person, date(2026, 11, 22)), ObligationKind.PERIODIC)
    assert [(o.window_start, o.deadline) for o in periodic] == [
        (d("2026-03-02"), d("2027-03-02"))  # the 2025 law's first year
    ]
    same = employee("2026-03-02", seniority_date="2026-03-02", interviews=[iv("2023-05-10")])
    assert obligations(same, date(2026, 11, 22)) == obligations(person, date(2026, 11, 22))


@pytest.mark.parametrize(
    ("seniority", "deadline"),
    [
        ("2019-10-25", "2025-10-25"),  # 6 years, expired the day before the 2025 law
        ("2019-10-26", "2027-10-26"),  # still running on 26 Oct 2025: 8 years
        ("2019-10-27", "2027-10-27"),
    ],
)
def test_a_transfer_s_summary_review_follows_the_seniority_date(
    seniority: str, deadline: str
) -> None:
    person = employee("2026-03-02", seniority_date=seniority)
    review = _kinds(obligations(person, date(2026, 11, 22)), ObligationKind.SUMMARY_REVIEW)[0]
    assert review.window_start == d(seniority)
    assert review.deadline == d(deadline)
    assert "start of seniority" in review.explanation


def test_an_age_interview_due_between_the_seniority_date_and_the_hire_is_owed() -> None:
    """Born 1980-09-15 (mid-career due 2026-02-28), hired by transfer on 2026-05-04: the
    seniority from 2015 makes it owed, overdue (interpretation 10 reads the seniority
    start, not the hire)."""
    transferred = employee("2026-05-04", birth_date="1980-09-15", seniority_date="2015-01-05")
    (mid,) = _kinds(obligations(transferred, date(2026, 11, 22)), MID)
    assert mid.deadline == d("2026-02-28")
    assert mid.status is Status.OVERDUE
    hired = employee("2026-05-04", birth_date="1980-09-15")
    assert not _kinds(obligations(hired, date(2026, 11, 22)), MID)


@pytest.mark.parametrize(
    ("kind", "moved"),
    [
        ("unpaid", True),
        ("parental_presence", True),
        ("family_solidarity", True),
        ("sabbatical", True),
        ("sickness", False),  # counts as effective work by default (not on the Q&A's list)
        ("maternity", False),
    ],
)
def test_the_q_and_a_suspensions_push_seniority_deadlines_when_the_setting_is_on(
    kind: str, moved: bool
) -> None:
    """Hired 2020-01-06, a 100-day leave in 2021: the summary review (8 years, due
    2028-01-06) moves by those 100 days only for the Q&A's list, and only when the company
    applies the seniority rule (interpretations 4 and 17)."""
    person = employee("2020-01-06", leaves=[leave(kind, "2021-03-01", "2021-06-08")])
    on = company(apply_seniority_suspension=True)
    (review,) = _kinds(obligations(person, date(2026, 11, 22), on), ObligationKind.SUMMARY_REVIEW)
    assert review.deadline == d("2028-01-06") + timedelta(days=100 if moved else 0)
    (plain,) = _kinds(obligations(person, date(2026, 11, 22)), ObligationKind.SUMMARY_REVIEW)
    assert plain.deadline == d("2028-01-06")


@pytest.mark.parametrize(
    ("on", "years"),
    [
        ("2026-03-03", 5),  # the day before the 6th anniversary of the seniority start
        ("2026-03-04", 6),  # the anniversary: a sixth completed year
        ("2026-03-05", 6),
        ("2020-03-03", 0),  # before the start
    ],
)
def test_seniority_is_counted_in_completed_years_from_the_seniority_start(
    on: str, years: int
) -> None:
    person = employee("2024-09-02", seniority_date="2020-03-04")
    assert seniority_years(company(), person, d(on)) == years


def test_completed_years_leave_out_the_suspending_leaves_when_the_setting_is_on() -> None:
    """Hired 2020-03-04, 10 days of unpaid leave: the sixth year completes 10 days later
    with the seniority rule on; sick leave does not suspend seniority by default."""
    unpaid = employee("2020-03-04", leaves=[leave("unpaid", "2021-05-03", "2021-05-12")])
    on = company(apply_seniority_suspension=True)
    assert seniority_years(on, unpaid, d("2026-03-13")) == 5
    assert seniority_years(on, unpaid, d("2026-03-14")) == 6
    assert seniority_years(company(), unpaid, d("2026-03-04")) == 6
    sick = employee("2020-03-04", leaves=[leave("sickness", "2021-05-03", "2021-05-12")])
    assert seniority_years(on, sick, d("2026-03-04")) == 6


@given(
    start=st.dates(date(1990, 1, 1), date(2030, 12, 31)),
    days=st.integers(0, 20_000),
    extra=st.integers(1, 800),
)
def test_completed_years_never_go_down_and_never_exceed_the_calendar(
    start: date, days: int, extra: int
) -> None:
    person = employee(start.isoformat(), leaves=[leave("unpaid", "2000-01-03", "2000-03-01")])
    on = company(apply_seniority_suspension=True)
    first, later = start + timedelta(days=days), start + timedelta(days=days + extra)
    assert seniority_years(on, person, first) <= seniority_years(on, person, later)
    assert seniority_years(on, person, later) <= seniority_years(company(), person, later)
    assert seniority_years(company(), person, later) <= (later - start).days // 365


# -- 4 and 17. The push-back goes on until the deadline no longer moves ------------------------
@pytest.mark.parametrize(
    ("starts", "moved"),
    [
        ("2028-01-05", True),  # the day before the deadline: the whole leave pushes it
        ("2028-01-06", False),  # the deadline's own day: seniority was complete that day
        ("2028-01-07", False),
    ],
)
def test_a_leave_running_over_the_deadline_pushes_it_past_the_whole_leave(
    starts: str, moved: bool
) -> None:
    """Hired 2020-01-06 (summary review due 2028-01-06), 100 days of unpaid leave from around
    the deadline: each day of it before the deadline pushes the deadline a day further, into
    more of the leave, until the whole leave is behind it (it stopped 20 days in)."""
    last_day = (d(starts) + timedelta(days=99)).isoformat()
    person = employee("2020-01-06", leaves=[leave("unpaid", starts, last_day)])
    on = company(apply_seniority_suspension=True)
    (review,) = _kinds(obligations(person, date(2026, 11, 22), on), ObligationKind.SUMMARY_REVIEW)
    assert review.deadline == d("2028-01-06") + timedelta(days=100 if moved else 0)


def test_a_day_on_two_suspending_leaves_at_once_is_one_day() -> None:
    """100 days of unpaid leave with a sabbatical month recorded inside them: 100 days
    (130 before)."""
    unpaid = leave("unpaid", "2021-03-01", "2021-06-08")
    person = employee(
        "2020-01-06", leaves=[unpaid, leave("sabbatical", "2021-04-01", "2021-04-30")]
    )
    on = company(apply_seniority_suspension=True)
    (review,) = _kinds(obligations(person, date(2026, 11, 22), on), ObligationKind.SUMMARY_REVIEW)
    assert review.deadline == d("2028-01-06") + timedelta(days=100)
    # 7 years are complete 100 days after 2027-01-06, on 2027-04-16 (2027-05-16 before).
    assert seniority_years(on, person, date(2027, 4, 16)) == 7
    assert seniority_years(on, person, date(2027, 4, 15)) == 6


@pytest.mark.parametrize(
    ("until", "deadline", "status"),
    [
        ("2025-10-25", "2025-10-25", Status.OVERDUE),  # ended before the 2025 law: missed
        ("2025-10-26", "2027-06-01", Status.UPCOMING),  # still applied on 26 Oct 2025
        ("2026-03-01", "2027-06-01", Status.UPCOMING),  # ends after: 4 years from the start
    ],
)
def test_an_agreement_of_3_years_that_stops_gives_the_2025_law_s_4_years(
    until: str, deadline: str, status: Status
) -> None:
    """Interpretation 12 for any agreement: a 36-month agreement since 2020, hired
    2023-06-01, nothing held: its date (2026-06-01) was running on 26 Oct 2025; once it
    stops, the law's 4 years from the same start, never a day it had pushed back."""
    firm = company(agreement=(36, "2020-01-06", until))
    (first,) = _kinds(
        obligations(employee("2023-06-01"), date(2026, 11, 22), firm), ObligationKind.PERIODIC
    )
    assert (first.deadline, first.status) == (d(deadline), status)


def test_an_agreement_that_stops_says_so_in_the_explanation() -> None:
    """The deadline of a cycle the agreement stopped in is the law's, and the explanation
    says so rather than 'the agreement sets N months'."""
    firm = company(agreement=(36, "2020-01-06", "2026-03-01"))
    found = obligations(employee("2023-06-01"), date(2026, 11, 22), firm)
    (first,) = _kinds(found, ObligationKind.PERIODIC)
    text = first.explanation.replace("\xa0", " ")
    assert "stops applying before the date it set (June 1, 2026)" in text
    assert "the law's period from June 1, 2023 applies instead" in text
    running = obligations(
        employee("2023-06-01"), date(2026, 11, 22), company(agreement=(36, "2020-01-06", None))
    )
    (kept,) = _kinds(running, ObligationKind.PERIODIC)
    assert kept.deadline == d("2026-06-01")
    assert "the interview agreement sets 36 months from hire" in kept.explanation
