"""Companies to compare the engine and the oracle on, reproducibly.

One generator, two sources of choices: hypothesis's ``draw`` (``companies()``, a strategy
that shrinks a failure to a small company) and a seeded ``random.Random`` (``RandomSource``,
for bench/oracle.py's tens of thousands of employees). Dates are drawn uniformly or close to
the days where the law changes its answer (the regimes' start, a deadline's day before, day
of and day after), so that every boundary is crossed often.

Every company is one the program would accept (services/employee_checks.py): birth before
hire and before seniority, seniority on or before hire, exit on or after hire, forfait
jours from the seniority start to the exit, held interviews dated, nothing dated before the
birth.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date, timedelta
from typing import Protocol, TypeVar

from hypothesis import strategies as st

from entretien_desktop.domain import (
    Certification,
    Company,
    Contract,
    Employee,
    Interview,
    InterviewAgreement,
    InterviewKind,
    InterviewStatus,
    Leave,
    LeaveKind,
    MedicalVisit,
    MedicalVisitKind,
    Policy,
    PolicyKind,
    Progression,
    Settings,
    Training,
    WorkingTime,
)
from tests.oracle.days import months_later, years_later

T = TypeVar("T")

AS_OF_FIRST = date(2019, 1, 1)
AS_OF_LAST = date(2030, 12, 31)
HIRE_FIRST = date(2005, 1, 1)
HIRE_LAST = date(2030, 12, 31)

# Days where an answer changes: the 2014 law; the last day of the criteria's choice; the
# 2025 law, and the days 2, 4, 6 and 8 years before it (a deadline counted from them falls
# on it); the end of agreements over 4 years.
LAW_DAYS = (
    date(2014, 3, 7),
    date(2021, 9, 30),
    date(2021, 10, 1),
    date(2025, 10, 26),
    date(2026, 10, 1),
)
HIRE_ANCHORS = (
    date(2014, 3, 7),
    date(2015, 10, 26),
    date(2017, 10, 26),
    date(2019, 10, 26),
    date(2021, 10, 26),
    date(2023, 10, 26),
    date(2024, 10, 26),
    date(2025, 10, 26),
    date(2012, 3, 7),
    date(2008, 3, 7),
)
LEAP_BIRTH_YEARS = (1964, 1968, 1972, 1976, 1980, 1984, 1988)
OTHER_COUNTRIES = ("NL", "NO", "BE", "DE")


class Source(Protocol):
    """Where the generator's choices come from."""

    def integer(self, low: int, high: int) -> int: ...


class RandomSource:
    """Choices from a seeded generator: the same seed gives the same companies."""

    def __init__(self, seed: int) -> None:
        self._random = random.Random(seed)

    def integer(self, low: int, high: int) -> int:
        return self._random.randint(low, high)


class DrawSource:
    """Choices drawn by hypothesis, which can shrink them."""

    def __init__(self, draw: st.DrawFn) -> None:
        self._draw = draw

    def integer(self, low: int, high: int) -> int:
        return self._draw(st.integers(low, high))


# -- Choosing -----------------------------------------------------------------------------------


def pick(source: Source, options: Sequence[T]) -> T:
    return options[source.integer(0, len(options) - 1)]


def chance(source: Source, percent: int) -> bool:
    return source.integer(0, 99) < percent


def day_between(source: Source, first: date, last: date) -> date:
    if last <= first:
        return first
    return first + timedelta(days=source.integer(0, (last - first).days))


def near(source: Source, anchors: Sequence[date], spread: int = 2) -> date:
    """A day at most ``spread`` days from one of ``anchors``."""
    return pick(source, anchors) + timedelta(days=source.integer(-spread, spread))


def one_of(source: Source, weighted: Sequence[tuple[int, Callable[[], T]]]) -> T:
    """Call one of the makers, chosen by weight."""
    roll = source.integer(0, sum(weight for weight, _ in weighted) - 1)
    for weight, make in weighted:
        if roll < weight:
            return make()
        roll -= weight
    raise AssertionError("unreachable")


def subset(source: Source, values: Sequence[str]) -> tuple[str, ...]:
    return tuple(value for value in values if chance(source, 50))


# -- The company --------------------------------------------------------------------------------


def as_of_date(source: Source) -> date:
    return one_of(
        source,
        [
            (5, lambda: day_between(source, AS_OF_FIRST, AS_OF_LAST)),
            (3, lambda: near(source, (*LAW_DAYS[1:], date(2026, 11, 22)), 3)),
            (2, lambda: day_between(source, date(2025, 6, 1), date(2027, 12, 31))),
        ],
    )


def settings(source: Source) -> Settings:
    leaves = [kind.value for kind in LeaveKind]

    def maybe(percent: int, make: Callable[[], T]) -> T | None:
        return make() if chance(source, percent) else None

    return Settings(
        due_soon_days=maybe(
            40,
            lambda: one_of(
                source,
                [
                    (1, lambda: pick(source, (1, 30, 59, 60, 61, 90, 365))),
                    (1, lambda: source.integer(1, 365)),
                ],
            ),
        ),
        return_interview_grace_months=maybe(40, lambda: pick(source, (0, 0, 1, 2, 3, 6, 12))),
        invitation_notice_days=maybe(20, lambda: source.integer(0, 180)),
        long_sickness_months=maybe(40, lambda: pick(source, (1, 2, 3, 4, 6, 6, 9, 12, 36))),
        apply_seniority_suspension=maybe(60, lambda: chance(source, 60)),
        any_interview_restarts_clock=maybe(50, lambda: chance(source, 40)),
        late_interview_counts_as_missed=maybe(50, lambda: chance(source, 40)),
        return_interview_leaves=maybe(25, lambda: subset(source, leaves)),
        seniority_suspending_leaves=maybe(30, lambda: subset(source, leaves)),
    )


def agreement(source: Source) -> InterviewAgreement | None:
    if not chance(source, 35):
        return None
    months = one_of(
        source,
        [
            (3, lambda: pick(source, (12, 18, 24, 30, 36, 47, 48, 49, 60, 72))),
            (1, lambda: source.integer(12, 72)),
        ],
    )
    since = one_of(
        source,
        [
            (3, lambda: day_between(source, date(2012, 1, 1), date(2028, 12, 31))),
            (1, lambda: near(source, (date(2025, 10, 26), date(2018, 9, 6), date(2014, 3, 7)))),
            (1, lambda: near(source, hire_anchors_later(source))),
        ],
    )
    until = one_of(
        source,
        [
            (4, lambda: None),
            (3, lambda: since + timedelta(days=source.integer(0, 4000))),
            (2, lambda: max(since, near(source, (date(2026, 10, 1), date(2025, 10, 26))))),
            (1, lambda: max(since, near(source, hire_anchors_later(source)))),
        ],
    )
    return InterviewAgreement(months, since, until)


def hire_anchors_later(source: Source) -> list[date]:
    """The days a cycle counted from a hire close to an anchor starts or ends: an
    agreement signed or ending about then meets the cycle's boundaries."""
    years = pick(source, (0, 1, 2, 4))
    return [years_later(anchor, years) for anchor in HIRE_ANCHORS]


def policies(source: Source) -> tuple[Policy, ...]:
    count = pick(source, (0, 0, 0, 1, 1, 2))
    return tuple(
        Policy(
            pick(source, list(PolicyKind)),
            one_of(
                source,
                [
                    (2, lambda: pick(source, (6, 12, 12, 24, 36))),
                    (1, lambda: source.integer(1, 60)),
                ],
            ),
            one_of(
                source,
                [
                    (3, lambda: day_between(source, date(2005, 1, 1), date(2029, 12, 31))),
                    (1, lambda: date(1900, 1, 1)),
                ],
            ),
        )
        for _ in range(count)
    )


def company_frame(source: Source) -> Company:
    """A company without its employees."""
    return Company(
        name="Oracle SAS",
        country="FR" if chance(source, 80) else pick(source, OTHER_COUNTRIES),
        headcount=one_of(
            source,
            [
                (3, lambda: pick(source, (0, 10, 49, 50, 51, 120, 299, 300, 301, 900))),
                (1, lambda: source.integer(0, 1000)),
            ],
        ),
        interview_agreement=agreement(source),
        policies=policies(source),
        settings=settings(source),
    )


# -- An employee --------------------------------------------------------------------------------


def birth_date(source: Source, as_of: date) -> date | None:
    """None, or a birth giving one of the age cases: the 45th birthday's year near the
    as-of date or the 2025 law, the 60th birthday near the 2025 law or the as-of date, a
    29 February, or any day."""
    return one_of(
        source,
        [
            (1, lambda: None),
            (
                3,
                lambda: day_between(
                    source,
                    date(as_of.year - 48, 1, 1),
                    date(as_of.year - 43, 12, 31),
                ),
            ),
            (2, lambda: day_between(source, date(1978, 6, 1), date(1982, 6, 1))),
            (2, lambda: years_later(near(source, (date(2025, 10, 26),), 3), -60)),
            (2, lambda: years_later(as_of, -60) + timedelta(days=source.integer(-900, 900))),
            (1, lambda: date(pick(source, LEAP_BIRTH_YEARS), 2, 29)),
            (1, lambda: pick(source, (date(1981, 1, 1), date(1980, 12, 31), date(1966, 1, 1)))),
            (3, lambda: day_between(source, date(1950, 1, 1), date(2004, 12, 31))),
        ],
    )


def hire_date(source: Source, as_of: date) -> date:
    """Any day; close to a day a deadline counted from it changes regime; or a whole number
    of years before the as-of date, so that a deadline falls about on it or about 60 days
    after it (overdue, due soon, upcoming: the day before, of and after)."""
    return one_of(
        source,
        [
            (4, lambda: day_between(source, HIRE_FIRST, HIRE_LAST)),
            (3, lambda: near(source, HIRE_ANCHORS)),
            (3, lambda: as_of - timedelta(days=source.integer(0, 12 * 366))),
            (
                2,
                lambda: (
                    years_later(as_of, -pick(source, (1, 2, 4, 6, 7, 8)))
                    + timedelta(days=pick(source, (-1, 0, 1, 59, 60, 61)))
                ),
            ),
        ],
    )


def seniority_date(source: Source, hire: date) -> date | None:
    if not chance(source, 20):
        return None
    return one_of(
        source,
        [
            (3, lambda: hire - timedelta(days=source.integer(0, 4000))),
            (2, lambda: min(hire, near(source, HIRE_ANCHORS))),
            (1, lambda: hire),
        ],
    )


def exit_date(source: Source, hire: date, as_of: date) -> date | None:
    if not chance(source, 15):
        return None
    return one_of(
        source,
        [
            (2, lambda: hire + timedelta(days=source.integer(0, 4000))),
            (
                2,
                lambda: (
                    years_later(hire, pick(source, (1, 2, 4, 6, 8)))
                    + timedelta(days=source.integer(-1, 1))
                ),
            ),
            (1, lambda: max(hire, as_of + timedelta(days=source.integer(-400, 400)))),
        ],
    )


def leave_end(source: Source, start: date) -> date | None:
    """A few days; some months, back the day before, of or after the months' end (the
    long-sickness threshold); long; or still going on."""
    return one_of(
        source,
        [
            (2, lambda: start + timedelta(days=source.integer(0, 60))),
            (
                3,
                lambda: (
                    months_later(start, pick(source, (1, 2, 3, 4, 6, 9, 12)))
                    + timedelta(days=source.integer(-2, 0))
                ),
            ),
            (2, lambda: start + timedelta(days=source.integer(150, 900))),
            (1, lambda: None),
        ],
    )


def leaves(source: Source, hire: date, seniority: date, as_of: date) -> tuple[Leave, ...]:
    """Mostly from the hire on; now and then from the seniority start (a transfer) or from
    before it (recorded from before the hire)."""
    found = []
    for _ in range(pick(source, (0, 0, 0, 1, 1, 2, 3))):
        kind = pick(source, list(LeaveKind))
        first = one_of(
            source,
            [(8, lambda: hire), (1, lambda: seniority), (1, lambda: seniority - timedelta(400))],
        )
        start = one_of(
            source,
            [
                (
                    5,
                    lambda first=first: (
                        first
                        + timedelta(days=source.integer(0, max(0, (as_of - first).days + 365)))
                    ),
                ),
                (
                    1,
                    lambda: (
                        years_later(seniority, pick(source, (1, 2, 4, 6, 8)))
                        + timedelta(days=source.integer(-1, 1))
                    ),
                ),
            ],
        )
        found.append(Leave(kind, start, leave_end(source, start)))
    return tuple(found)


INTERVIEW_KINDS = (
    (45, InterviewKind.PROFESSIONAL),
    (12, InterviewKind.SUMMARY_REVIEW),
    (10, InterviewKind.RETURN),
    (8, InterviewKind.MID_CAREER),
    (8, InterviewKind.END_OF_CAREER),
    (9, InterviewKind.ANNUAL_REVIEW),
    (8, InterviewKind.CAREER_CONVERSATION),
)
STATUSES = (
    (70, InterviewStatus.HELD),
    (10, InterviewStatus.REFUSED),
    (8, InterviewStatus.PLANNED),
    (5, InterviewStatus.INVITED),
    (7, InterviewStatus.CANCELLED),
)


def weighted(source: Source, options: Sequence[tuple[int, T]]) -> T:
    return one_of(source, [(weight, lambda value=value: value) for weight, value in options])


def interview_dates(source: Source, start: date, birth: date | None, count: int) -> list[date]:
    """A timeline from ``start`` (the seniority start): each interview after the previous
    one by a gap the law counts (1, 2, 4, 6, 7 or 8 years, a day either side) or any gap;
    now and then on the start day, on another interview's day, or at an age interview's
    time."""
    days: list[date] = []
    previous = start
    for _ in range(count):

        def after(years: int, previous: date = previous) -> date:
            return years_later(previous, years) + timedelta(days=source.integer(-1, 1))

        def around_age(years: int) -> date:
            assert birth is not None
            return years_later(birth, years) + timedelta(days=source.integer(-400, 400))

        makers: list[tuple[int, Callable[[], date]]] = [
            (6, lambda: after(pick(source, (1, 2, 2, 4, 4, 6, 7, 8)))),
            (5, lambda previous=previous: previous + timedelta(days=source.integer(20, 1600))),
            (1, lambda: start),
            (1, lambda previous=previous: previous),
            (1, lambda: start - timedelta(days=source.integer(1, 400))),
            (1, lambda: near(source, LAW_DAYS, 1)),
        ]
        if birth is not None:
            makers.append((2, lambda: around_age(pick(source, (45, 46, 58, 59, 60)))))
        day = one_of(source, makers)
        days.append(day)
        previous = max(previous, day)
    return days


OTHER_INTERVIEW_KINDS = tuple(
    (6, kind) for kind in InterviewKind if kind not in {k for _, k in INTERVIEW_KINDS}
)
"""Kinds the domain gained since these weights were set (the forfait-jours review)."""


def forfait_jours_dates(source: Source, since: date | None) -> list[date]:
    """Reviews a year apart from the forfait's start, a day either side, now and then."""
    if since is None or not OTHER_INTERVIEW_KINDS or not chance(source, 70):
        return []
    days = []
    previous = since
    for _ in range(source.integer(1, 4)):
        previous = months_later(previous, 12) + timedelta(days=source.integer(-2, 1))
        days.append(previous)
    return days


def interviews(
    source: Source, ref: str, start: date, birth: date | None, forfait: date | None
) -> tuple[Interview, ...]:
    count = pick(source, (0, 1, 2, 3, 4, 5, 6, 8))
    found = []
    timeline = [(day, None) for day in interview_dates(source, start, birth, count)]
    timeline += [(day, OTHER_INTERVIEW_KINDS[0][1]) for day in forfait_jours_dates(source, forfait)]
    for number, (day, kind) in enumerate(timeline):
        status = weighted(source, STATUSES)
        dated = status is InterviewStatus.HELD or chance(source, 80)
        found.append(
            Interview(
                id=f"{ref}-{number}",
                kind=kind or weighted(source, INTERVIEW_KINDS + OTHER_INTERVIEW_KINDS),
                status=status,
                date=day if dated else None,
            )
        )
    if found and chance(source, 30):
        random_order = [found[i] for i in _shuffled(source, len(found))]
        return tuple(random_order)
    return tuple(found)


def _shuffled(source: Source, count: int) -> list[int]:
    order = list(range(count))
    for index in range(count - 1, 0, -1):
        other = source.integer(0, index)
        order[index], order[other] = order[other], order[index]
    return order


def history_day(source: Source, start: date, as_of: date) -> date:
    """A day of the employee's history from about ``start`` (the seniority start) to about
    the as-of date; or a day either side of a review period's start or end, of the 2014
    law's and of the end of the criteria's choice."""
    return one_of(
        source,
        [
            (
                5,
                lambda: (
                    start
                    + timedelta(days=source.integer(-200, max(-200, (as_of - start).days + 200)))
                ),
            ),
            (
                2,
                lambda: (
                    years_later(start, pick(source, (0, 6, 7, 8, 14)))
                    + timedelta(days=source.integer(-1, 1))
                ),
            ),
            (1, lambda: near(source, (*LAW_DAYS, as_of), 1)),
        ],
    )


def trainings(source: Source, seniority: date, as_of: date) -> tuple[Training, ...]:
    found = []
    for _ in range(pick(source, (0, 0, 1, 1, 2, 3))):
        start = history_day(source, seniority, as_of)
        found.append(Training("Formation", start, start, 7, chance(source, 50), chance(source, 20)))
    return tuple(found)


def medical_visits(source: Source, birth: date | None, as_of: date) -> tuple[MedicalVisit, ...]:
    found = []
    for _ in range(pick(source, (0, 0, 1, 1, 2))):
        if birth is not None and chance(source, 80):
            year = birth.year + 45
            day = one_of(
                source,
                [
                    (
                        3,
                        lambda year=year: day_between(
                            source, date(year - 3, 1, 1), date(year + 1, 12, 31)
                        ),
                    ),
                    (1, lambda: near(source, (date(2025, 8, 26), as_of), 3)),
                ],
            )
        else:
            day = day_between(source, date(2015, 1, 1), date(2030, 12, 31))
        found.append(MedicalVisit(MedicalVisitKind.MID_CAREER, day))
    return tuple(found)


def employee(source: Source, ref: str, as_of: date) -> Employee:
    birth = birth_date(source, as_of)
    hire = hire_date(source, as_of)
    if birth is not None and hire < years_later(birth, 16):
        hire = years_later(birth, 16) + timedelta(days=source.integer(0, 3650))
    seniority = seniority_date(source, hire)
    if seniority is not None and birth is not None and seniority <= years_later(birth, 15):
        seniority = None
    start = hire if seniority is None else seniority
    leaving = exit_date(source, hire, as_of)
    forfait = None
    if chance(source, 15):
        forfait = start + timedelta(days=source.integer(0, 3000))
        if leaving is not None and forfait > leaving:
            forfait = leaving
    contract = weighted(
        source,
        (
            (60, Contract.PERMANENT),
            (10, Contract.FIXED_TERM),
            (8, Contract.APPRENTICESHIP),
            (7, Contract.PROFESSIONALISATION),
            (7, Contract.TEMP_AGENCY),
            (8, Contract.INTERN),
        ),
    )
    employee = Employee(
        ref=ref,
        first_name="Camille",
        last_name="Martin",
        hire_date=hire,
        contract=contract,
        working_time=WorkingTime.PART_TIME if chance(source, 30) else WorkingTime.FULL_TIME,
        birth_date=birth,
        exit_date=leaving,
        seniority_date=seniority,
        forfait_jours_since=forfait,
        leaves=leaves(source, hire, start, as_of),
        interviews=interviews(source, ref, start, birth, forfait),
        trainings=trainings(source, start, as_of),
        certifications=tuple(
            Certification("Titre", history_day(source, start, as_of), "vae")
            for _ in range(pick(source, (0, 0, 0, 1, 2)))
        ),
        progressions=tuple(
            Progression(history_day(source, start, as_of), "salary")
            for _ in range(pick(source, (0, 0, 1, 1, 2)))
        ),
        medical_visits=medical_visits(source, birth, as_of),
    )
    return _while_alive_and_employed(employee)


def _while_alive_and_employed(employee: Employee) -> Employee:
    """Drop what the generator dated before the birth (the program refuses it) or after
    the exit (nothing happens to someone who left)."""
    first = employee.birth_date or date.min
    last = employee.exit_date or date.max

    def kept(day: date | None) -> bool:
        return day is None or first <= day <= last

    return replace(
        employee,
        leaves=tuple(x for x in employee.leaves if kept(x.start)),
        interviews=tuple(i for i in employee.interviews if kept(i.date)),
        trainings=tuple(t for t in employee.trainings if kept(t.start)),
        certifications=tuple(c for c in employee.certifications if kept(c.date)),
        progressions=tuple(p for p in employee.progressions if kept(p.date)),
        medical_visits=tuple(v for v in employee.medical_visits if kept(v.date)),
    )


def case(source: Source, employees: int) -> tuple[Company, date]:
    """A company of ``employees`` people, and the day to look at it on."""
    as_of = as_of_date(source)
    frame = company_frame(source)
    people = tuple(employee(source, f"E{n}", as_of) for n in range(employees))
    return replace(frame, employees=people), as_of


@st.composite
def cases(draw: st.DrawFn, most: int = 4) -> tuple[Company, date]:
    """A company of 1 to ``most`` people and its as-of date, drawn by hypothesis."""
    source = DrawSource(draw)
    return case(source, source.integer(1, most))
