"""Interviews a company holds by its own policy (annual review, career conversation), in any
country: the same clock as the periodic interview, every ``every_months`` months from hire,
restarted by each held interview of that kind, with a ``policy`` basis."""

from __future__ import annotations

from datetime import date

from entretien_desktop.domain import InterviewKind, Policy, PolicyKind
from entretien_desktop.rules import regimes as law
from entretien_desktop.rules.calendar import add_months
from entretien_desktop.rules.model import Facts, Obligation, ObligationKind
from entretien_desktop.rules.wording import Sentence, outcome, say_n

_MAX_CYCLES = 400


def _describe(policy: Policy, anchor: date, from_hire: bool) -> Sentence:
    """How one cycle of the policy is explained."""
    months = policy.every_months
    if policy.kind is PolicyKind.ANNUAL_REVIEW:
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
    anchor, from_hire = facts.employee.hire_date, True
    obligations: list[Obligation] = []
    for _cycle in range(_MAX_CYCLES):
        deadline = add_months(anchor, policy.every_months)
        interview = facts.first_held(kinds, anchor, inclusive=from_hire)
        status = facts.status_of(deadline, interview is not None)
        held_on = interview.date if interview is not None else None
        obligations.append(
            Obligation(
                employee_ref=facts.employee.ref,
                kind=kind,
                window_start=anchor,
                deadline=deadline,
                status=status,
                satisfied_by=interview.id if interview is not None else None,
                basis=law.BASIS_POLICY,
                reasons=(
                    _describe(policy, anchor, from_hire),
                    *outcome(status, held_on, deadline, facts.employee.exit_date),
                ),
                satisfied_on=held_on,
            )
        )
        if held_on is None:
            break
        anchor, from_hire = held_on, False
    return obligations
