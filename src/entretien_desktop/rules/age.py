"""Interviews tied to age under the 2025 regime (domain.md 3.5, interpretations 5 and 6).

Mid-career: within 2 months after the mid-career medical visit, held in the calendar year
of the 45th birthday (a branch may bring it forward by 2 years); with no visit recorded, by
the end of February after that year, and the explanation asks for the visit's date.
End of career: in the 2 years before the 60th birthday. Both apply when their deadline
(the birthday, for the end of career) falls on or after 26 Oct 2025, and neither exists
when its deadline falls before the hire (interpretation 10: nothing is owed before the
employee's seniority start).
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from entretien_desktop.domain import InterviewKind, MedicalVisitKind
from entretien_desktop.rules import regimes as law
from entretien_desktop.rules.calendar import add_months, add_years, birthday, end_of_february
from entretien_desktop.rules.model import Facts, Obligation, ObligationKind, build
from entretien_desktop.rules.wording import Sentence, say

# Only an interview recorded as such satisfies these: the topics differ from a periodic one.
_MID_CAREER_KINDS = frozenset({InterviewKind.MID_CAREER})
_END_OF_CAREER_KINDS = frozenset({InterviewKind.END_OF_CAREER})
_VISIT_EARLIEST_YEARS_BEFORE = 2


def _obligation(
    facts: Facts,
    *,
    kind: ObligationKind,
    window_start: date,
    deadline: date,
    kinds: frozenset[InterviewKind],
    basis: str,
    text: Sentence,
) -> Obligation:
    interview = facts.first_held(kinds, window_start, inclusive=True)
    held_on = interview.date if interview is not None else None
    status, after = facts.standing(deadline, held_on)
    return build(  # every field, in order (see model.build)
        (
            facts.employee.ref,
            kind,
            window_start,
            deadline,
            status,
            interview.id if interview is not None else None,
            basis,
            (text, *after),
            0,
            held_on,
        )
    )


# The dates and sentences below depend on a day or a year that many employees share: they
# are cached, and the (never mutated) sentences shared.


@lru_cache(maxsize=16384)
def _after_visit(visit: date) -> tuple[date, Sentence]:
    deadline = add_months(visit, law.MID_CAREER_AFTER_VISIT_MONTHS)
    text = say(
        "Mid-career interview due within 2 months of the medical visit ({date}).", date=visit
    )
    return deadline, text


@lru_cache(maxsize=1024)
def _without_visit(year: int) -> tuple[date, date, Sentence]:
    text = say(
        "Mid-career interview due after the mid-career medical visit of the year of the "
        "45th birthday ({year}); no visit is recorded, so the deadline is the end of the "
        "following February. Please record the visit's date.",
        year=str(year),
    )
    return date(year, 1, 1), end_of_february(year + 1), text


_MID_CAREER_VISIT = MedicalVisitKind.MID_CAREER


def mid_career_obligations(facts: Facts) -> list[Obligation]:
    birth = facts.employee.birth_date
    if birth is None:
        return []
    year = birth.year + law.MID_CAREER_AGE
    earliest = date(year - _VISIT_EARLIEST_YEARS_BEFORE, 1, 1)
    as_of = facts.as_of
    visits = [
        v.date
        for v in facts.employee.medical_visits
        if v.kind is _MID_CAREER_VISIT and earliest <= v.date <= as_of
    ]
    if visits:
        window_start = min(visits)  # the first visit
        deadline, text = _after_visit(window_start)
    else:
        window_start, deadline, text = _without_visit(year)
    if deadline < law.LAW_2025_IN_FORCE or deadline < facts.employee.seniority_start:
        return []  # nothing is owed before the employee's seniority start (interpretation 10)
    return [
        _obligation(
            facts,
            kind=ObligationKind.MID_CAREER,
            window_start=window_start,
            deadline=deadline,
            kinds=_MID_CAREER_KINDS,
            basis=law.BASIS_MID_CAREER,
            text=text,
        )
    ]


@lru_cache(maxsize=16384)
def _end_of_career(birth: date) -> tuple[date, date, Sentence] | None:
    """The window's start, the 60th birthday and the sentence; ``None`` when that birthday
    came before the 2025 law."""
    sixtieth = birthday(birth, law.END_OF_CAREER_AGE)
    if sixtieth <= law.LAW_2025_IN_FORCE:
        return None
    text = say(
        "End-of-career interview due in the 2 years before the 60th birthday ({date}).",
        date=sixtieth,
    )
    return add_years(sixtieth, -law.END_OF_CAREER_WINDOW_YEARS), sixtieth, text


def end_of_career_obligations(facts: Facts) -> list[Obligation]:
    birth = facts.employee.birth_date
    if birth is None:
        return []
    found = _end_of_career(birth)
    if found is None:
        return []
    window_start, sixtieth, text = found
    if sixtieth < facts.employee.seniority_start:
        return []  # seniority from 60 or later: nothing owed before it (interpretation 10)
    return [
        _obligation(
            facts,
            kind=ObligationKind.END_OF_CAREER,
            window_start=window_start,
            deadline=sixtieth,
            kinds=_END_OF_CAREER_KINDS,
            basis=law.BASIS_2025,
            text=text,
        )
    ]


def end_of_career_day(birth: date) -> date:
    """The birthday the end-of-career interview is due by (the 60th): where the skills
    map reads a holder's end of career, so that it follows the same age as the rules."""
    return birthday(birth, law.END_OF_CAREER_AGE)
