"""The periodic professional interview (entretien professionnel, then de parcours
professionnel): every 2 years from 7 March 2014, every 4 years from 26 Oct 2025 with the
transition of Q&A n° 2, the first within a year for hires since 26 Oct 2025, and an
agreement's periodicity while it applies (domain.md 3.1 to 3.3, interpretation 1).

The clock starts at the seniority start: the hire date, or the seniority date a transferred
contract carries over (L1224-1; the Q&A of 12 Feb 2026 says the cycle continues), or the
2014 law's entry into force if later. It restarts at each held interview of the
professional family. An obligation left unsatisfied ends the chain:
a missed deadline stays missed until an interview is held.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from datetime import date
from functools import lru_cache

from entretien_desktop.domain import InterviewKind
from entretien_desktop.rules import regimes as law
from entretien_desktop.rules.calendar import add_months, add_years
from entretien_desktop.rules.model import (
    PROFESSIONAL_FAMILY,
    Facts,
    Obligation,
    ObligationKind,
    Status,
    build,
    met_by,
)
from entretien_desktop.rules.suspension import extend
from entretien_desktop.rules.wording import Sentence, say

_MAX_CYCLES = 200


def _agreement_deadline(facts: Facts, anchor: date, legal: date) -> date | None:
    """The deadline an interview agreement sets for the cycle from ``anchor``, if any.

    The agreement governs a cycle it is in force for (signed by the legal deadline, not
    ended before the cycle began, its own deadline not before its signature; one longer
    than 4 years only if signed before 26 Oct 2025). When it stops during the cycle (its
    end, or 1 Oct 2026 for one longer than 4 years), the deadline is the later of the legal
    one and that end; for one whose deadline was still running on 26 Oct 2025, the later of
    the day it stops and 4 years after the cycle's start (``_once_stopped``).
    """
    agreement = facts.company.interview_agreement
    if agreement is None or agreement.since > legal:
        return None
    too_long = agreement.periodicity_months > law.AGREEMENT_MAX_MONTHS_2025
    if too_long and agreement.since >= law.LAW_2025_IN_FORCE:
        return None  # the 2025 law allows no period longer than 4 years
    if agreement.until is not None and agreement.until < anchor:
        return None
    ends = agreement.until or date.max
    if too_long:
        ends = min(ends, law.AGREEMENT_LONGER_THAN_4_YEARS_ENDS)
    if ends < anchor:
        return None
    candidate = add_months(anchor, agreement.periodicity_months)
    if candidate < agreement.since:
        return None  # an agreement does not make a deadline fall before it was signed
    if candidate > ends:
        candidate = _once_stopped(anchor, legal, candidate, ends)
    return candidate


def _once_stopped(anchor: date, legal: date, agreed: date, ends: date) -> date:
    """The deadline of a cycle the agreement stops applying to (on ``ends``), before the
    date it had set (``agreed``). One that still applied on 26 Oct 2025 had its date still
    running then: the 2025 law's period from the same start (Q&A n° 2), never a date before
    the end of what the agreement had pushed back (interpretation 12; for any agreement,
    not only one longer than 4 years: an employee is never overdue on a day the agreement
    had pushed back while it applied). One that stopped before 26 Oct 2025 had given way to
    the law's deadline by then, the later of it and the end: expired, it stays missed."""
    assert agreed > ends
    if ends >= law.LAW_2025_IN_FORCE:
        return max(ends, add_years(anchor, law.LAW_2025_PERIOD_YEARS))
    return max(legal, ends)


def _deadline(facts: Facts, anchor: date, from_hire: bool) -> tuple[date, str, Sentence]:
    """Deadline, legal basis and explanation of the cycle that starts at ``anchor``."""
    hire = facts.employee.seniority_start
    if from_hire and hire >= law.LAW_2025_IN_FORCE:
        deadline = add_years(hire, law.LAW_2025_FIRST_INTERVIEW_YEARS)
        text = say("First career-path interview due within a year of hire ({date}).", date=hire)
        return deadline, law.BASIS_2025, text
    # Whether the 2014 law's entry into force, not the hire, starts the first cycle.
    hired_before_2014 = hire < law.LAW_2014_IN_FORCE
    legal, basis, text = _legal_deadline(anchor, from_hire, hired_before_2014)
    if facts.company.interview_agreement is None:
        return legal, basis, text  # the usual case, without the call below
    agreed = _agreement_deadline(facts, anchor, legal)
    if agreed is None or agreed == legal:
        return legal, basis, text
    months = facts.company.interview_agreement.periodicity_months
    set_by_agreement = add_months(anchor, months)
    if agreed != set_by_agreement:  # the agreement stopped before the date it had set
        text = say(
            "Interview due by {deadline}: the interview agreement ({months} months) stops "
            "applying before the date it set ({agreed}); the law's period from {date} applies "
            "instead, never ending before the agreement does.",
            deadline=agreed,
            months=months,
            agreed=set_by_agreement,
            date=anchor,
        )
    elif from_hire:
        text = say(
            "Interview due by {deadline}: the interview agreement sets {months} months from "
            "hire ({date}), within the law's limits.",
            deadline=agreed,
            months=months,
            date=anchor,
        )
    else:
        text = say(
            "Interview due by {deadline}: the interview agreement sets {months} months from "
            "the last one ({date}), within the law's limits.",
            deadline=agreed,
            months=months,
            date=anchor,
        )
    return agreed, law.basis_for(agreed), text


@lru_cache(maxsize=16384)
def _legal_deadline(
    anchor: date, from_hire: bool, hired_before_2014: bool
) -> tuple[date, str, Sentence]:
    """The law's deadline for the cycle from ``anchor``, without any agreement.

    Cached: it depends on these three facts only, which many employees share, and the
    (never mutated) sentence can be shared too."""
    two_years = add_years(anchor, law.LAW_2014_PERIOD_YEARS)
    if two_years < law.LAW_2025_IN_FORCE:
        if anchor == law.LAW_2014_IN_FORCE and hired_before_2014:
            text = say(
                "Professional interview due within 2 years of the 2014 law coming into force "
                "({date}).",
                date=anchor,
            )
        elif from_hire:
            text = say("Professional interview due within 2 years of hire ({date}).", date=anchor)
        else:
            text = say(
                "Professional interview due within 2 years of the last one ({date}).", date=anchor
            )
        return two_years, law.BASIS_2014, text
    four_years = add_years(anchor, law.LAW_2025_PERIOD_YEARS)
    if anchor >= law.LAW_2025_IN_FORCE:
        text = say(
            "Next career-path interview due within 4 years of the last one ({date}).", date=anchor
        )
        return four_years, law.BASIS_2025, text
    if from_hire:
        text = say(
            "Career-path interview due within 4 years of hire ({date}): the 2-year deadline "
            "({old}) was still running on 26 Oct 2025, when the law moved it to 4 years.",
            date=anchor,
            old=two_years,
        )
    else:
        text = say(
            "Next career-path interview due within 4 years of the last one ({date}): the "
            "2-year deadline ({old}) was still running on 26 Oct 2025, when the law moved it "
            "to 4 years.",
            date=anchor,
            old=two_years,
        )
    return four_years, law.BASIS_2025, text


PERIODIC = ObligationKind.PERIODIC


def _from_seniority(deadline: date, start: date) -> Sentence:
    """The first cycle of a contract transferred with its seniority (interpretation 10)."""
    return say(
        "Interview due by {deadline}, counted from the start of seniority ({date}) that the "
        "contract carried over from the previous employer (L1224-1).",
        deadline=deadline,
        date=start,
    )


_STAYS_MISSED = say("It expired before 26 Oct 2025 and stays missed until an interview is held.")


def periodic_obligations(facts: Facts) -> list[Obligation]:
    employee = facts.employee
    ref = employee.ref
    restarting = (
        PROFESSIONAL_FAMILY
        if facts.settings.any_interview_restarts_clock
        else frozenset({InterviewKind.PROFESSIONAL})
    )
    hire = employee.seniority_start
    anchor = max(hire, law.LAW_2014_IN_FORCE)
    from_hire = True
    suspending = facts.settings.apply_seniority_suspension
    # Facts.first_held inlined: the next interview by bisection from the anchor.
    dates, interviews = facts.held_of(restarting)
    held_count = len(interviews)
    # The usual case, no agreement and no first year under the 2025 law, asks the cache
    # directly rather than through _deadline.
    plain = facts.company.interview_agreement is None
    transferred = hire < employee.hire_date
    hired_before_2014 = hire < law.LAW_2014_IN_FORCE
    first_year_rule = hire >= law.LAW_2025_IN_FORCE
    obligations: list[Obligation] = []
    for _cycle in range(_MAX_CYCLES):
        if plain and not (from_hire and first_year_rule):
            deadline, basis, text = _legal_deadline(anchor, from_hire, hired_before_2014)
        else:
            deadline, basis, text = _deadline(facts, anchor, from_hire)
        if suspending:
            deadline = extend(facts, anchor, deadline)
        if from_hire and transferred and anchor == hire:
            text = _from_seniority(deadline, hire)
        # The first cycle counts an interview held on the hire day itself (interpretation
        # 16, as the summary review does); later cycles start strictly after the interview
        # that opened them, so that one interview never satisfies two cycles.
        index = bisect_left(dates, anchor) if from_hire else bisect_right(dates, anchor)
        if index < held_count:  # satisfied, as every cycle of a chain but the last
            met = met_by(ref, PERIODIC, anchor, deadline, interviews[index], basis=basis, text=text)
            obligations.append(met)
            assert met.satisfied_on is not None
            anchor, from_hire = met.satisfied_on, False
            continue
        status, after = facts.standing(deadline, None)
        if status is Status.OVERDUE and deadline < law.LAW_2025_IN_FORCE:
            reasons: tuple[Sentence, ...] = (text, _STAYS_MISSED)
        else:
            reasons = (text,)
        obligations.append(
            build(
                (
                    ref,
                    PERIODIC,
                    anchor,
                    deadline,
                    status,
                    None,
                    basis,
                    reasons + after,
                    0,
                    None,
                )
            )
        )
        break
    return obligations
