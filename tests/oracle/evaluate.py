"""The oracle's entry points: an employee's (or a company's) obligations as of a date, as
records comparable with the engine's, listed as the interchange format says."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from entretien_desktop.domain import Company, Employee
from tests.oracle import law
from tests.oracle.days import years_later
from tests.oracle.readings import (
    Case,
    Item,
    company_policy_interviews,
    interpretation_5_mid_career,
    interpretation_6_end_of_career,
    interpretation_13_summary_review_periods,
    interpretation_18_forfait_jours_reviews,
    law_3_4_return_interviews,
    law_3_6_covered,
    law_periodic_interviews,
)

FRANCE = "FR"


class Expected(NamedTuple):
    """What the oracle expects of one obligation: the fields the engine must agree on."""

    employee_ref: str
    kind: str
    window_start: date
    deadline: date
    status: str
    satisfied_by: str | None
    amount_at_stake_eur: int


def listed(case: Case, family: list[Item], chained: bool) -> list[Item]:
    """interchange.md: "every obligation whose deadline falls in the 9 years before the
    as-of date, up to it, and the next one of each kind after it." A chain's last
    obligation is its current one, listed however old it is (docs/rules.md 1)."""
    horizon = years_later(case.as_of, -law.LOOK_BACK_YEARS)
    chosen = [item for item in family if item.deadline >= horizon]
    if chained and family and all(item is not family[-1] for item in chosen):
        chosen.append(family[-1])
    return chosen


def oracle_employee(
    company: Company, employee: Employee, as_of: date, forfait_jours: bool = False
) -> list[Expected]:
    """Every obligation of ``employee`` listed as of ``as_of``, in no particular order.
    ``forfait_jours``: include interpretation 18's reviews (once the engine has them)."""
    case = Case(company, employee, as_of)
    if not law_3_6_covered(case):
        return []
    found: list[Item] = []
    if company.country == FRANCE:
        periodic = law_periodic_interviews(case)
        age_based = [
            item
            for item in (interpretation_5_mid_career(case), interpretation_6_end_of_career(case))
            if item is not None
        ]
        found += listed(case, periodic, True)
        found += listed(
            case, interpretation_13_summary_review_periods(case, periodic, age_based), True
        )
        found += listed(case, law_3_4_return_interviews(case), False)
        found += listed(case, age_based, False)
        if forfait_jours:
            found += listed(case, interpretation_18_forfait_jours_reviews(case), True)
    for policy in company.policies:
        found += listed(case, company_policy_interviews(case, policy), True)
    return [
        Expected(
            employee.ref,
            item.kind,
            item.window_start,
            item.deadline,
            item.status,
            item.satisfied_by,
            item.amount_at_stake_eur,
        )
        for item in found
    ]
