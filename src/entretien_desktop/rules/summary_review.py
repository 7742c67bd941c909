"""The summary review (état des lieux récapitulatif) and the CPF top-up (abondement
correctif) it may cost (domain.md 3.1 to 3.3, interpretation 3).

Periods follow one another from the hire date (or 7 March 2014): 6 years while the 6-year
deadline expired before 26 Oct 2025, otherwise 8 years from the same start; for hires since
26 Oct 2025 the first review comes 7 years after the first interview. Each period starts at the
previous one's deadline (periods follow seniority, interpretation 13): a review held early
or late closes its own period and moves nothing.

The top-up is owed by a company of 50 or more when, over the period, the employee both
missed interviews due **and** followed no non-mandatory training (2018 criteria, read
cumulatively: Ministry FAQ 30 Sept 2022, Cass. soc. 21 Jan 2026). For a review held by
30 Sept 2021 the employer could use the 2014 criteria instead (the interviews, or 2 of:
training, certification, progression): the more favourable reading is taken; a review not
held by then is judged by the 2018 test (interpretation 14). Under the 2025
regime mid-career and end-of-career interviews count among the interviews due (Q&A Q11).
The amount is computed on the facts known at the as-of date.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from functools import lru_cache
from typing import NamedTuple

from entretien_desktop.domain import InterviewKind
from entretien_desktop.rules import regimes as law
from entretien_desktop.rules.calendar import add_years
from entretien_desktop.rules.model import (
    PROFESSIONAL_FAMILY,
    Facts,
    Obligation,
    ObligationKind,
    build,
)
from entretien_desktop.rules.statuses import NOT_APPLICABLE
from entretien_desktop.rules.suspension import extend
from entretien_desktop.rules.wording import Money, Sentence, say

_MAX_CYCLES = 50
SUMMARY_REVIEW = ObligationKind.SUMMARY_REVIEW
_REVIEW = frozenset({InterviewKind.SUMMARY_REVIEW})
_ONE_DAY = timedelta(days=1)


class Criteria(NamedTuple):
    """What the review checks over ``[start, end]`` (end: the deadline, or the as-of date).

    A named tuple: cheaper to build than a frozen dataclass, at every review of everyone."""

    start: date
    end: date
    missed_interviews: bool
    training: bool
    non_mandatory_training: bool
    certification: bool
    progression: bool

    @property
    def met_2018(self) -> bool:
        return not self.missed_interviews or self.non_mandatory_training

    @property
    def met_2014(self) -> bool:
        measures = self.training + self.certification + self.progression
        return not self.missed_interviews or measures >= 2


Overdue = tuple[date, date | None]
"""An obligation's first overdue day and the day it was satisfied, if it was."""


def overdue_spans(obligations: Sequence[Obligation], *, late_missed: bool = True) -> list[Overdue]:
    """When each obligation was overdue, computed once for all the review periods: a
    missed interview counts for every period it stayed missed in, and a late one is a
    missed one, even held the day after its deadline (unless ``late_missed`` is off, the
    company setting ``late_interview_counts_as_missed``: then only interviews never held
    are missed). Obligations not applicable are never
    overdue, nor are those held by their deadline: both are left out."""
    spans = []
    for o in obligations:
        if o.status is NOT_APPLICABLE:
            continue
        overdue_from = o.deadline + _ONE_DAY
        satisfied_on = o.satisfied_on
        # Held the day after its deadline is late too: a late interview is a missed one
        # (interpretation 15), whatever the number of days.
        if satisfied_on is None or (late_missed and overdue_from <= satisfied_on):
            spans.append((overdue_from, satisfied_on))
    return spans


def _missed(start: date, end: date, deadline: date, due: Sequence[Overdue]) -> bool:
    """Whether an interview due was overdue on some day of ``[start, end]``."""
    held_in_time = (
        law.REVIEW_TRANSITION_LAST_DAY if deadline <= law.REVIEW_TRANSITION_LAST_DAY else None
    )
    # A plain loop rather than any() over a generator: this runs at every review of everyone.
    after_end = end + _ONE_DAY
    for overdue_from, satisfied_on in due:
        # The day it is held late still counts: it was not held by its deadline.
        overdue_until = satisfied_on + _ONE_DAY if satisfied_on is not None else after_end
        overdue = overdue_from < overdue_until and overdue_from <= end and overdue_until > start
        # Before the transition's end, an interview held by then does not count as missed.
        excused = held_in_time is not None and satisfied_on is not None
        if overdue and not (excused and satisfied_on <= held_in_time):  # type: ignore[operator]
            return True
    return False


def _non_mandatory_training(facts: Facts, start: date, end: date) -> bool:
    """Whether a training not mandatory began in ``[start, end]`` (the 2018 criterion)."""
    # A plain loop rather than any() over a generator, as above.
    for t in facts.employee.trainings:  # noqa: SIM110
        if not t.mandatory and start <= t.start <= end:
            return True
    return False


def criteria(facts: Facts, start: date, deadline: date, due: Sequence[Overdue]) -> Criteria:
    """The review's criteria over ``[start, deadline]``, on the facts known at ``as_of``;
    ``due``: the overdue spans of the interviews due (``overdue_spans``)."""
    end = min(deadline, facts.as_of)
    missed = _missed(start, end, deadline, due)
    employee = facts.employee
    training = non_mandatory = certification = False
    for t in employee.trainings:
        if start <= t.start <= end:
            training = True
            non_mandatory = non_mandatory or not t.mandatory
            certification = certification or t.certification
    if not certification:
        for c in employee.certifications:
            if start <= c.date <= end:
                certification = True
                break
    progression = False
    for p in employee.progressions:
        if start <= p.date <= end:
            progression = True
            break
    return Criteria(start, end, missed, training, non_mandatory, certification, progression)


def _deadline(facts: Facts, start: date, first: bool) -> tuple[date, str, Sentence]:
    hire = facts.employee.seniority_start
    if first and hire >= law.LAW_2025_IN_FORCE:
        interview = facts.first_held(PROFESSIONAL_FAMILY, hire, inclusive=True)
        if interview is not None and interview.date is not None:
            first_interview = interview.date
            text = say(
                "Summary review due 7 years after the first interview ({date}).",
                date=first_interview,
            )
        else:
            first_interview = add_years(hire, law.LAW_2025_FIRST_INTERVIEW_YEARS)
            text = say(
                "Summary review due 7 years after the first interview, itself due by {date}.",
                date=first_interview,
            )
        deadline = add_years(
            first_interview, law.SUMMARY_REVIEW_2025_FIRST_AFTER_FIRST_INTERVIEW_YEARS
        )
        return deadline, law.BASIS_2025, text
    return _law_deadline(start, first, first and start == law.LAW_2014_IN_FORCE and hire < start)


@lru_cache(maxsize=16384)
def _law_deadline(start: date, first: bool, from_2014_law: bool) -> tuple[date, str, Sentence]:
    """The deadline of a review period from ``start`` without a first interview to wait
    for. Cached: many employees share these facts, and the sentence is never mutated."""
    six_years = add_years(start, law.SUMMARY_REVIEW_2014_YEARS)
    if six_years < law.LAW_2025_IN_FORCE:
        if not first:
            text = say("Summary review due 6 years after the previous one ({date}).", date=start)
        elif from_2014_law:
            text = say(
                "Summary review due 6 years after the 2014 law came into force ({date}).",
                date=start,
            )
        else:
            text = say("Summary review due 6 years after hire ({date}).", date=start)
        return six_years, law.BASIS_2018, text
    eight_years = add_years(start, law.SUMMARY_REVIEW_2025_YEARS)
    if start >= law.LAW_2025_IN_FORCE:
        text = say("Summary review due 8 years after the previous one ({date}).", date=start)
        return eight_years, law.BASIS_2025, text
    if first:
        text = say(
            "Summary review due 8 years after hire ({date}): the 6-year deadline ({old}) was "
            "still running on 26 Oct 2025, when the law moved it to 8 years.",
            date=start,
            old=six_years,
        )
    else:
        text = say(
            "Summary review due 8 years after the previous one ({date}): the 6-year deadline "
            "({old}) was still running on 26 Oct 2025, when the law moved it to 8 years.",
            date=start,
            old=six_years,
        )
    return eight_years, law.BASIS_2025, text


# The sentences on the top-up, built once: they take no argument that varies.
_SMALL_COMPANY = say("Company under 50 employees: no top-up.")
_NONE_MISSED = say("No interview due has been missed: no top-up.")
_TRAINED = say("A non-mandatory training was followed: no top-up.")
_TOP_UP_OWED = say(
    "Interviews were missed and no non-mandatory training was followed: a top-up of "
    "{amount} to the employee's CPF is owed (company of 50 or more).",
    amount=Money(law.TOP_UP_EUR),
)


def _amount(
    facts: Facts, start: date, deadline: date, due: Sequence[Overdue], held_on: date | None
) -> tuple[int, Sentence]:
    """The top-up at stake and the sentence that says why (criteria looked at only when
    the company is large enough for a top-up). The 2014 criteria are an employer's choice
    for a review held by 30 Sept 2021 only; one not held by then is judged by the 2018 test
    (interpretation 14)."""
    if facts.company.headcount < law.TOP_UP_HEADCOUNT:
        return 0, _SMALL_COMPANY
    end = min(deadline, facts.as_of)
    if not _missed(start, end, deadline, due):
        return 0, _NONE_MISSED
    # Interviews were missed: the training is looked at now, and only then. The 2018 test
    # (a non-mandatory training) first; until the transition's end, the 2014 one too.
    trained = _non_mandatory_training(facts, start, end)
    if not trained and held_on is not None and held_on <= law.REVIEW_TRANSITION_LAST_DAY:
        trained = criteria(facts, start, deadline, due).met_2014
    if trained:
        return 0, _TRAINED
    return law.TOP_UP_EUR, _TOP_UP_OWED


def summary_review_obligations(
    facts: Facts, periodic: Sequence[Obligation], age: Sequence[Obligation]
) -> list[Obligation]:
    employee = facts.employee
    hire = employee.seniority_start  # the hire, or the seniority a transfer carried over
    transferred = hire < employee.hire_date
    start = max(hire, law.LAW_2014_IN_FORCE)
    late_missed = facts.settings.late_interview_counts_as_missed
    periodic_spans = overdue_spans(periodic, late_missed=late_missed)
    all_spans = periodic_spans + overdue_spans(age, late_missed=late_missed)
    suspending = facts.settings.apply_seniority_suspension
    first_interview_rule = hire >= law.LAW_2025_IN_FORCE
    obligations: list[Obligation] = []
    used: date | None = None  # the day of the last review that closed a period
    for cycle in range(_MAX_CYCLES):
        first = cycle == 0
        if first and first_interview_rule:
            deadline, basis, text = _deadline(facts, start, first)
        else:  # the usual case, straight from the cache
            from_2014_law = first and start == law.LAW_2014_IN_FORCE and hire < start
            deadline, basis, text = _law_deadline(start, first, from_2014_law)
        if suspending:
            deadline = extend(facts, start, deadline)
        if first and transferred and start == hire and not first_interview_rule:
            text = say(
                "Summary review due by {deadline}, counted from the start of seniority "
                "({date}) that the contract carried over from the previous employer (L1224-1).",
                deadline=deadline,
                date=hire,
            )
        review = facts.first_held(_REVIEW, start, inclusive=first)
        if review is not None and used is not None and (review.date or start) <= used:
            # Each review closes one period: one held early for the previous period is
            # not this one's too.
            review = facts.first_held(_REVIEW, used)
        held_on = review.date if review is not None else None
        status, after = facts.standing(deadline, held_on)
        reasons = (text, *after)
        if status is NOT_APPLICABLE:
            amount = 0  # nothing at stake, and nothing to say about it
        else:
            due = all_spans if deadline >= law.LAW_2025_IN_FORCE else periodic_spans
            amount, why = _amount(facts, start, deadline, due, held_on)
            reasons = (*reasons, why)
        obligations.append(
            build(  # every field, in order (see model.build)
                (
                    employee.ref,
                    SUMMARY_REVIEW,
                    start,
                    deadline,
                    status,
                    review.id if review is not None else None,
                    basis,
                    reasons,
                    amount,
                    held_on,
                )
            )
        )
        if status is NOT_APPLICABLE or (deadline > facts.as_of and held_on is None):
            break
        # The periods follow seniority (interpretation 13): the next one starts at this
        # one's deadline, however early or late its review was held.
        used = held_on or used
        start = deadline
    return obligations
