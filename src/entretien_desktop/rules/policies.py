"""Interviews a company holds by its own policy (annual review, career conversation), in any
country: the same clock as the periodic interview, every ``every_months`` months from hire,
restarted by each held interview of that kind, with a ``policy`` basis."""

from __future__ import annotations

from bisect import bisect_right
from datetime import date
from functools import lru_cache

from entretien_desktop.domain import InterviewKind, Policy, PolicyKind
from entretien_desktop.rules import regimes as law
from entretien_desktop.rules.calendar import add_months
from entretien_desktop.rules.model import Facts, Obligation, ObligationKind, build
from entretien_desktop.rules.wording import Sentence, outcome, say_n

_MAX_CYCLES = 400


@lru_cache(maxsize=16384)
def _describe(annual_review: bool, months: int, anchor: date, from_hire: bool) -> Sentence:
    """How one cycle of a policy (annual review or career conversation, every ``months``)
    is explained. Cached: the same for every employee whose cycle starts that day, and
    never mutated; the key holds no enum, whose hash is computed in Python."""
    if annual_review:
        if from_hire:
            return say_n(
                "Annual review due within {months} month of hire ({date}), by company policy.",
                "Annual review due within {months} months of hire ({date}), by company policy.",
                months,
                months=months,
                date=anchor,
            )
        return say_n(
            "Annual review due within {months} month of the last one ({date}), by company policy.",
            "Annual review due within {months} months of the last one ({date}), by company policy.",
            months,
            months=months,
            date=anchor,
        )
    if from_hire:
        return say_n(
            "Career conversation due within {months} month of hire ({date}), by company policy.",
            "Career conversation due within {months} months of hire ({date}), by company policy.",
            months,
            months=months,
            date=anchor,
        )
    return say_n(
        "Career conversation due within {months} month of the last one ({date}), by "
        "company policy.",
        "Career conversation due within {months} months of the last one ({date}), by "
        "company policy.",
        months,
        months=months,
        date=anchor,
    )


def policy_obligations(facts: Facts, policy: Policy) -> list[Obligation]:
    kinds = frozenset({InterviewKind(policy.kind.value)})
    kind = ObligationKind(policy.kind.value)
    months = policy.every_months
    annual_review = policy.kind is PolicyKind.ANNUAL_REVIEW
    ref, exit_date = facts.employee.ref, facts.employee.exit_date
    anchor, from_hire = facts.employee.hire_date, True
    # Facts.first_held inlined: the next interview by bisection from the anchor.
    dates, interviews = facts.held_of(kinds)
    obligations: list[Obligation] = []
    for _cycle in range(_MAX_CYCLES):
        deadline = add_months(anchor, months)
        # Strictly after the anchor, the hire date included: an interview held the day of
        # hire would otherwise satisfy one cycle and open the next with the same deadline.
        index = bisect_right(dates, anchor)
        interview = interviews[index] if index < len(interviews) else None
        status = facts.status_of(deadline, interview is not None)
        held_on = interview.date if interview is not None else None
        obligations.append(
            build(  # every field, in order (see model.build)
                (
                    ref,
                    kind,
                    anchor,
                    deadline,
                    status,
                    interview.id if interview is not None else None,
                    law.BASIS_POLICY,
                    (
                        _describe(annual_review, months, anchor, from_hire),
                        *outcome(status, held_on, deadline, exit_date),
                    ),
                    0,
                    held_on,
                )
            )
        )
        if held_on is None:
            break
        anchor, from_hire = held_on, False
    return obligations
