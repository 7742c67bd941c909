"""Entry points: every obligation of one employee, or of a whole company, as of a date.

French law applies to companies in France; company policies apply everywhere. Temporary
agency workers (the agency's employees) and interns (not employees) are out of scope.
Listed for each employee: every obligation whose deadline falls in the 9 years before the
as-of date, and the next one of each kind after it (docs/company-file.md).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from operator import attrgetter

from entretien_desktop.domain import Company, Contract, Employee
from entretien_desktop.domain.enums import FRANCE
from entretien_desktop.rules.age import end_of_career_obligations, mid_career_obligations
from entretien_desktop.rules.calendar import add_years
from entretien_desktop.rules.forfait_jours import forfait_jours_obligations
from entretien_desktop.rules.model import Facts, Obligation, ObligationKind
from entretien_desktop.rules.periodic import periodic_obligations
from entretien_desktop.rules.policies import policy_obligations
from entretien_desktop.rules.return_interview import return_obligations
from entretien_desktop.rules.summary_review import summary_review_obligations

OUT_OF_SCOPE = frozenset({Contract.TEMP_AGENCY, Contract.INTERN})
LOOK_BACK_YEARS = 9
_KIND_ORDER = {kind: index for index, kind in enumerate(ObligationKind)}
_BY_DATES = attrgetter("deadline", "window_start")
_BY_DEADLINE = attrgetter("deadline")


def _list(result: list[Obligation], family: list[Obligation], horizon: date, chained: bool) -> None:
    """Add to ``result`` the obligations of ``family`` (all of one kind) to list: those due
    since ``horizon`` and, for a chain, its last (current) obligation however old it is; by
    deadline then window start (a stable sort, so ties keep the family's order)."""
    if len(family) < 2:  # most families: no sorting, and a chain's one is its current one
        if family and (chained or family[0].deadline >= horizon):
            result.append(family[0])
        return
    listed = [obligation for obligation in family if obligation.deadline >= horizon]
    if chained and (not listed or listed[-1] is not family[-1]):
        listed.append(family[-1])
    if len(listed) > 1:
        # By deadline alone, which is by (deadline, window start): the sort is stable and
        # within a family window starts never go down (a chain's cycles start later and
        # later, return interviews come by leave start), so ties are already in order.
        listed.sort(key=_BY_DEADLINE)
    result.extend(listed)


def evaluate_employee(company: Company, employee: Employee, as_of: date) -> list[Obligation]:
    """The employee's obligations as of ``as_of``, by kind then deadline."""
    return _evaluate(company, employee, as_of, add_years(as_of, -LOOK_BACK_YEARS))


def _evaluate(company: Company, employee: Employee, as_of: date, horizon: date) -> list[Obligation]:
    """``evaluate_employee``, listing the obligations due since ``horizon`` (and each
    chain's current one): the company's evaluation computes it once for everyone."""
    if employee.contract in OUT_OF_SCOPE or employee.hire_date > as_of:
        return []
    facts = Facts.of(company, employee, as_of)
    result: list[Obligation] = []
    # Families are listed in the order of ObligationKind: the French ones first, each of
    # its own kind (the forfait-jours review last of them), then the policies (annual
    # review, career conversation).
    if company.country == FRANCE:
        periodic = periodic_obligations(facts)
        mid_career = mid_career_obligations(facts)
        end_of_career = end_of_career_obligations(facts)
        summary = summary_review_obligations(facts, periodic, mid_career + end_of_career)
        _list(result, periodic, horizon, True)
        _list(result, summary, horizon, True)
        _list(result, return_obligations(facts), horizon, False)
        _list(result, mid_career, horizon, False)
        _list(result, end_of_career, horizon, False)
        if employee.forfait_jours_since is not None:  # most employees: nothing to do
            _list(result, forfait_jours_obligations(facts), horizon, True)
    policies = company.policies
    if len(policies) == 1:
        _list(result, policy_obligations(facts, policies[0]), horizon, True)
    elif policies:
        # Several policies: gathered by kind, those of one kind merged by their dates.
        for order in sorted({_KIND_ORDER[ObligationKind(p.kind.value)] for p in policies}):
            listed: list[Obligation] = []
            for policy in policies:
                if _KIND_ORDER[ObligationKind(policy.kind.value)] == order:
                    _list(listed, policy_obligations(facts, policy), horizon, True)
            listed.sort(key=_BY_DATES)
            result.extend(listed)
    return result


@contextmanager
def _automatic_collection_paused() -> Iterator[None]:
    """Pause automatic cyclic garbage collection for the duration, if it is on.

    Evaluating a company allocates hundreds of thousands of tuples that all stay alive;
    each burst of allocations triggers collections that walk every young object and find
    nothing, as the engine makes no reference cycles (reference counting frees everything
    transient): they cost nearly half the time. The desktop interface turns automatic
    collection off itself and collects on its own thread (ui/collector.py), so there this
    does nothing; it only acts in single-threaded callers such as the command line."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        # The objects made meanwhile would all be walked by the first collection after
        # collection is back on (a sixth of the evaluation's time). Freezing then
        # unfreezing moves every tracked object to the oldest generation in constant time
        # and sets the young generation's count back to zero: they are looked at in the
        # next full collection instead. The program freezes nothing else.
        gc.freeze()
        gc.unfreeze()
        gc.enable()


def evaluate_company(company: Company, as_of: date) -> list[Obligation]:
    """Every employee's obligations, in the order of the register."""
    result: list[Obligation] = []
    extend = result.extend  # rather than a comprehension that walks every obligation again
    horizon = add_years(as_of, -LOOK_BACK_YEARS)
    with _automatic_collection_paused():
        for employee in company.employees:
            extend(_evaluate(company, employee, as_of, horizon))
    return result
