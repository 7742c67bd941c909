"""What the dashboard and the employee register show, shaped from one obligations report:
counts by status (and how many of them a company policy makes, not the law), the money at
stake, the forfait-jours reviews overdue (a risk with no amount), the next twelve months,
the compliance rate, the obligations most urgent first, and each employee's most urgent
obligation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from entretien_desktop.domain import Employee
from entretien_desktop.rules import Obligation, ObligationKind, Status
from entretien_desktop.rules.calendar import add_months
from entretien_desktop.rules.statuses import POLICY_KINDS, STATUS_URGENCY
from entretien_desktop.services.obligations import ObligationsReport

OPEN = frozenset({Status.OVERDUE, Status.DUE_SOON, Status.UPCOMING})
MONTHS_AHEAD = 12
_FORFAIT_JOURS_REVIEW = ObligationKind.FORFAIT_JOURS_REVIEW


@dataclass(frozen=True, slots=True)
class MonthLoad:
    """Obligations falling due in one month of the next twelve, by status."""

    month: date
    overdue: int
    due_soon: int
    upcoming: int
    satisfied: int
    """Met on time."""
    satisfied_late: int = 0
    """Met, by an interview held after the deadline."""


@dataclass(frozen=True, slots=True)
class Dashboard:
    as_of: date
    overdue: int
    due_soon: int
    upcoming: int
    owed_eur: int
    """Top-ups owed: summary reviews held or past due that failed."""
    possible_eur: int
    """Top-ups reviews still to come would owe if nothing changes: never added to the owed."""
    compliance_rate: float | None
    """Share of the obligations due by now, or met already, that were met on time; ``None``
    with none."""
    months: tuple[MonthLoad, ...]
    urgent: tuple[Obligation, ...]
    """Open obligations, overdue first, then by deadline."""
    policy_overdue: int = 0
    policy_due_soon: int = 0
    policy_upcoming: int = 0
    """Of the counts above, those owed under the company's own policies, not the law."""
    forfait_overdue: int = 0
    """Of the overdue, the forfait-jours reviews: no amount is owed on them, but the
    forfait may be held void (a risk note, never euros)."""


def urgency(obligation: Obligation) -> tuple[int, date, str]:
    return (STATUS_URGENCY[obligation.status], obligation.deadline, obligation.employee_ref)


def dashboard(report: ObligationsReport) -> Dashboard:
    obligations = report.obligations
    as_of = report.as_of
    counts = dict.fromkeys(Status, 0)
    by_policy = dict.fromkeys(Status, 0)
    forfait = dict.fromkeys(Status, 0)
    for obligation in obligations:
        counts[obligation.status] += 1
        if obligation.kind in POLICY_KINDS:  # Obligation.by_policy, without a call
            by_policy[obligation.status] += 1
        elif obligation.kind is _FORFAIT_JOURS_REVIEW:
            forfait[obligation.status] += 1
    # Due by now, or already met: an interview held before its deadline counts at once.
    due = [
        o
        for o in obligations
        if (o.deadline <= as_of and o.status in {Status.OVERDUE, Status.SATISFIED})
        or (o.status is Status.SATISFIED and (o.satisfied_on or o.deadline) <= as_of)
    ]
    on_time = sum(1 for o in due if o.status is Status.SATISFIED and not o.late)
    first_month = as_of.replace(day=1)
    months = []
    for offset in range(MONTHS_AHEAD):
        start = add_months(first_month, offset)
        end = add_months(first_month, offset + 1)
        falling = [o for o in obligations if start <= o.deadline < end]
        months.append(
            MonthLoad(
                month=start,
                overdue=sum(1 for o in falling if o.status is Status.OVERDUE),
                due_soon=sum(1 for o in falling if o.status is Status.DUE_SOON),
                upcoming=sum(1 for o in falling if o.status is Status.UPCOMING),
                satisfied=sum(1 for o in falling if o.status is Status.SATISFIED and not o.late),
                satisfied_late=sum(1 for o in falling if o.status is Status.SATISFIED and o.late),
            )
        )
    return Dashboard(
        as_of=as_of,
        overdue=counts[Status.OVERDUE],
        due_soon=counts[Status.DUE_SOON],
        upcoming=counts[Status.UPCOMING],
        owed_eur=report.owed_eur,
        possible_eur=report.possible_eur,
        compliance_rate=on_time / len(due) if due else None,
        months=tuple(months),
        urgent=tuple(sorted((o for o in obligations if o.status in OPEN), key=urgency)),
        policy_overdue=by_policy[Status.OVERDUE],
        policy_due_soon=by_policy[Status.DUE_SOON],
        policy_upcoming=by_policy[Status.UPCOMING],
        forfait_overdue=forfait[Status.OVERDUE],
    )


@dataclass(frozen=True, slots=True)
class RegisterRow:
    """One line of the employee register."""

    employee: Employee
    most_urgent: Obligation | None
    present: bool
    """Still employed on the report's date (no exit date, or one not yet reached)."""


def register_rows(report: ObligationsReport) -> list[RegisterRow]:
    """Every employee with their most urgent open obligation, in register order."""
    most_urgent: dict[str, Obligation] = {}
    for obligation in report.obligations:
        if obligation.status not in OPEN:
            continue
        best = most_urgent.get(obligation.employee_ref)
        if best is None or urgency(obligation) < urgency(best):
            most_urgent[obligation.employee_ref] = obligation
    return [
        RegisterRow(e, most_urgent.get(e.ref), e.employed_during(report.as_of, date.max))
        for e in report.company.employees
    ]
