"""Interviews a company holds by its own policy (annual review, career conversation), in any
country: the same clock as the periodic interview, every ``every_months`` months from the
later of the hire and the day the company adopted the policy (``since``), restarted by each
held interview of that kind, with a ``policy`` basis."""

from __future__ import annotations

from bisect import bisect_right
from datetime import date
from functools import lru_cache
from typing import Literal

from entretien_desktop.domain import InterviewKind, Policy, PolicyKind
from entretien_desktop.rules import regimes as law
from entretien_desktop.rules.calendar import add_months
from entretien_desktop.rules.model import Facts, Obligation, ObligationKind, build, met_by
from entretien_desktop.rules.wording import (
    Sentence,
    say_n,
)

_MAX_CYCLES = 400


Anchor = Literal["hire", "since", "last"]
"""What a cycle counts from: the hire, the policy's start (for someone hired before it),
or the last interview of the policy."""


@lru_cache(maxsize=16384)
def _deadline_and_reason(
    annual_review: bool, months: int, anchor: date, counted_from: Anchor
) -> tuple[date, Sentence]:
    """The deadline of one cycle of a policy (annual review or career conversation, every
    ``months``) and how it is explained. Cached: the same for every employee whose cycle
    starts that day, and the sentence is never mutated."""
    return add_months(anchor, months), _describe(annual_review, months, anchor, counted_from)


def _describe(annual_review: bool, months: int, anchor: date, counted_from: Anchor) -> Sentence:
    if annual_review:
        return _describe_annual_review(months, anchor, counted_from)
    if counted_from == "hire":
        return say_n(
            "Career conversation due within {months} month of hire ({date}), by company policy.",
            "Career conversation due within {months} months of hire ({date}), by company policy.",
            months,
            months=months,
            date=anchor,
        )
    if counted_from == "since":
        return say_n(
            "Career conversation due within {months} month of the policy's start ({date}), "
            "by company policy.",
            "Career conversation due within {months} months of the policy's start ({date}), "
            "by company policy.",
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


def _describe_annual_review(months: int, anchor: date, counted_from: Anchor) -> Sentence:
    if counted_from == "hire":
        return say_n(
            "Annual review due within {months} month of hire ({date}), by company policy.",
            "Annual review due within {months} months of hire ({date}), by company policy.",
            months,
            months=months,
            date=anchor,
        )
    if counted_from == "since":
        return say_n(
            "Annual review due within {months} month of the policy's start ({date}), by "
            "company policy.",
            "Annual review due within {months} months of the policy's start ({date}), by "
            "company policy.",
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


@lru_cache(maxsize=16)
def _policy_kinds(kind: str) -> tuple[frozenset[InterviewKind], ObligationKind, bool]:
    """The interviews that satisfy a policy of ``kind``, its obligations' kind, and whether
    it is the annual review. Cached: looking an enum member up by value runs Python code,
    and this is asked for every employee."""
    return (
        frozenset({InterviewKind(kind)}),
        ObligationKind(kind),
        kind == PolicyKind.ANNUAL_REVIEW.value,
    )


def policy_obligations(facts: Facts, policy: Policy) -> list[Obligation]:
    kinds, kind, annual_review = _policy_kinds(policy.kind.value)
    months = policy.every_months
    ref = facts.employee.ref
    # Nothing is owed for the time before the company adopted the policy: someone hired
    # earlier counts from its start.
    hire = facts.employee.hire_date
    since = policy.since
    anchor: date
    counted_from: Anchor
    anchor, counted_from = (hire, "hire") if hire >= since else (since, "since")
    # Facts.first_held inlined: the next interview by bisection from the anchor.
    dates, interviews = facts.held_of(kinds)
    obligations: list[Obligation] = []
    held_count = len(interviews)
    basis = law.BASIS_POLICY
    for _cycle in range(_MAX_CYCLES):
        deadline, describe = _deadline_and_reason(annual_review, months, anchor, counted_from)
        # Strictly after the anchor, the hire date (or the policy's start) included: an
        # interview held that day would otherwise satisfy one cycle and open the next with
        # the same deadline. An interview held before the policy's start never counts.
        index = bisect_right(dates, anchor)
        if index < held_count:  # satisfied, as every cycle of a chain but the last
            met = met_by(ref, kind, anchor, deadline, interviews[index], basis=basis, text=describe)
            obligations.append(met)
            assert met.satisfied_on is not None
            anchor, counted_from = met.satisfied_on, "last"
            continue
        status, after = facts.standing(deadline, None)
        obligations.append(
            build(
                (
                    ref,
                    kind,
                    anchor,
                    deadline,
                    status,
                    None,
                    basis,
                    (describe, *after),
                    0,
                    None,
                )
            )
        )
        break
    return obligations
