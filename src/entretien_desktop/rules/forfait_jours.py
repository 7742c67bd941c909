"""The yearly review of an employee on a forfait jours (entretien annuel de suivi du forfait
jours: art. L3121-64 and L3121-65 C. trav.; domain.md interpretation 18).

An employee on an annual days-based working-time agreement (``forfait_jours_since``) has an
interview every 12 months on workload, the organisation of work, the balance between work
and private life, pay and the right to disconnect. The first is due 12 months after the
forfait's start (never counted from before the seniority start); each next one 12 months
after the review that satisfied the previous one, as the periodic chain restarts from the
interview held: never more than a year between two reviews. Only an interview recorded as a
forfait-jours review held after the cycle's start counts (the topics are not a career-path
interview's; one held on the forfait's first day reviews no year of it), and none counts
for the career-path clock. Leaves move nothing, whatever the seniority setting: the review
is about the year's workload, not counted in seniority, and the earlier date is the safe one
(interpretation 4). Obligations falling due after an exit do not apply (interpretation 7).

Missing it costs no fixed amount: the forfait may be held void and the employee claim
overtime. The obligation says so in a risk note while it is open, and puts no euros on it.
"""

from __future__ import annotations

from bisect import bisect_right
from datetime import date
from functools import lru_cache

from entretien_desktop.domain import InterviewKind
from entretien_desktop.rules import regimes as law
from entretien_desktop.rules.calendar import add_months
from entretien_desktop.rules.model import Facts, Obligation, ObligationKind, build, met_by
from entretien_desktop.rules.statuses import NOT_APPLICABLE
from entretien_desktop.rules.wording import Sentence, say

FORFAIT_JOURS_REVIEW = ObligationKind.FORFAIT_JOURS_REVIEW
_REVIEW = frozenset({InterviewKind.FORFAIT_JOURS_REVIEW})
_MAX_CYCLES = 400

RISK = say(
    "Without this yearly review, the forfait-jours agreement may be held void and the employee "
    "may claim overtime."
)
"""The risk note of an open review: no fixed amount is at stake, so no euros are put on it."""


@lru_cache(maxsize=16384)
def _cycle(anchor: date, first: bool) -> tuple[date, Sentence]:
    """The deadline of the cycle from ``anchor`` and why. Cached: the same for every
    employee whose cycle starts that day, and the sentence is never mutated."""
    deadline = add_months(anchor, law.FORFAIT_JOURS_REVIEW_MONTHS)
    if first:
        text = say(
            "Forfait-jours review due within 12 months of the start of the forfait jours ({date}).",
            date=anchor,
        )
    else:
        text = say(
            "Next forfait-jours review due within 12 months of the last one ({date}).",
            date=anchor,
        )
    return deadline, text


def forfait_jours_obligations(facts: Facts) -> list[Obligation]:
    """The chain of yearly reviews of an employee on a forfait jours; none without one."""
    employee = facts.employee
    since = employee.forfait_jours_since
    if since is None:
        return []
    ref = employee.ref
    # The checks refuse a forfait starting before seniority; should one come through,
    # nothing is owed for the time before the seniority start (interpretation 10).
    anchor = max(since, employee.seniority_start)
    first = True
    dates, interviews = facts.held_of(_REVIEW)
    held_count = len(interviews)
    basis = law.BASIS_FORFAIT_JOURS
    obligations: list[Obligation] = []
    for _cycle_number in range(_MAX_CYCLES):
        deadline, text = _cycle(anchor, first)
        # Strictly after the cycle's start: a review held on the forfait's first day looks
        # back on no year of it, and one held later opens the next cycle without closing it
        # too (it would otherwise close two years with the same deadline).
        index = bisect_right(dates, anchor)
        if index < held_count:  # satisfied, as every cycle of the chain but the last
            met = met_by(
                ref,
                FORFAIT_JOURS_REVIEW,
                anchor,
                deadline,
                interviews[index],
                basis=basis,
                text=text,
            )
            obligations.append(met)
            assert met.satisfied_on is not None
            anchor, first = met.satisfied_on, False
            continue
        status, after = facts.standing(deadline, None)
        reasons = (text, *after) if status is NOT_APPLICABLE else (text, RISK)
        obligations.append(
            build(
                (
                    ref,
                    FORFAIT_JOURS_REVIEW,
                    anchor,
                    deadline,
                    status,
                    None,
                    basis,
                    reasons,
                    0,
                    None,
                )
            )
        )
        break
    return obligations
