"""The obligations of a whole company as of a date, for ``check`` and the screens: the
rules engine run over the register, and the JSON of docs/company-file.md."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from entretien_desktop.domain import Company
from entretien_desktop.i18n import _
from entretien_desktop.rules import Obligation, ObligationKind, Status, evaluate_company
from entretien_desktop.services.company_file import load_company
from entretien_desktop.storage import Database

_CLOSED = frozenset({Status.OVERDUE, Status.SATISFIED})
_TO_COME = frozenset({Status.DUE_SOON, Status.UPCOMING})


def amount_owed(obligation: Obligation) -> int:
    """The euros owed on ``obligation``: a summary review held, or overdue, found failed."""
    return obligation.amount_at_stake_eur if obligation.status in _CLOSED else 0


def amount_possible(obligation: Obligation) -> int:
    """The euros that would be owed on ``obligation`` if nothing changes by its deadline."""
    return obligation.amount_at_stake_eur if obligation.status in _TO_COME else 0


_AT_RISK = frozenset({Status.OVERDUE, Status.DUE_SOON, Status.UPCOMING})


def at_risk(obligation: Obligation) -> bool:
    """Whether ``obligation`` carries a risk the law puts no amount on: a forfait-jours
    review not held yet (the forfait may be held void, the employee claim overtime). Shown
    as a risk note, never as euros: its ``amount_at_stake_eur`` stays 0."""
    return obligation.kind is ObligationKind.FORFAIT_JOURS_REVIEW and obligation.status in _AT_RISK


@dataclass(frozen=True, slots=True)
class ObligationsReport:
    company: Company
    as_of: date
    obligations: tuple[Obligation, ...]

    @property
    def amount_at_stake_eur(self) -> int:
        """Every amount the engine puts on a review, owed or only possible: the sum the
        company file's check reports per obligation; never shown as one figure."""
        return sum(o.amount_at_stake_eur for o in self.obligations)

    @property
    def owed_eur(self) -> int:
        """The top-ups owed: reviews held, or past their deadline, that failed."""
        return sum(amount_owed(o) for o in self.obligations)

    @property
    def possible_eur(self) -> int:
        """The top-ups that reviews still to come would owe if nothing changes."""
        return sum(amount_possible(o) for o in self.obligations)

    def by_status(self, status: Status) -> list[Obligation]:
        return [o for o in self.obligations if o.status is status]


def company_obligations(company: Company, as_of: date) -> ObligationsReport:
    return ObligationsReport(company, as_of, tuple(evaluate_company(company, as_of)))


def check(database: Database, as_of: date) -> ObligationsReport:
    """Every obligation of the company in ``database`` as of ``as_of``."""
    company = load_company(database)
    if company is None:
        raise LookupError(_("{path} holds no company yet").format(path=database.path))
    return company_obligations(company, as_of)


def obligation_document(obligation: Obligation) -> dict[str, Any]:
    """One obligation as ``check --json`` writes it, keys in the order of docs/company-file.md."""
    return {
        "employee_ref": obligation.employee_ref,
        "kind": obligation.kind.value,
        "window_start": obligation.window_start.isoformat(),
        "deadline": obligation.deadline.isoformat(),
        "status": obligation.status.value,
        "satisfied_by": obligation.satisfied_by,
        "basis": obligation.basis,
        "explanation": obligation.explanation,
        "amount_at_stake_eur": obligation.amount_at_stake_eur,
    }


def report_document(report: ObligationsReport) -> dict[str, Any]:
    return {
        "as_of": report.as_of.isoformat(),
        "obligations": [obligation_document(o) for o in report.obligations],
    }
