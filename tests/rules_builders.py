"""Short builders for rule cases: a company, an employee and their history in one line."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from entretien_desktop.domain import (
    Certification,
    Company,
    Contract,
    Employee,
    Interview,
    InterviewAgreement,
    InterviewKind,
    InterviewStatus,
    Leave,
    LeaveKind,
    MedicalVisit,
    MedicalVisitKind,
    Policy,
    PolicyKind,
    Progression,
    Settings,
    Training,
)
from entretien_desktop.rules import Obligation, evaluate_employee

AS_OF = date(2026, 11, 22)


def d(text: str) -> date:
    return date.fromisoformat(text)


def company(
    headcount: int = 62,
    country: str = "FR",
    agreement: tuple[int, str, str | None] | None = None,
    policies: tuple[tuple[str, int] | tuple[str, int, str], ...] = (),
    **settings: Any,
) -> Company:
    return Company(
        name="Cas d'école",
        country=country,
        headcount=headcount,
        interview_agreement=None
        if agreement is None
        else InterviewAgreement(
            agreement[0], d(agreement[1]), d(agreement[2]) if agreement[2] else None
        ),
        policies=tuple(_policy(*p) for p in policies),
        settings=Settings(
            **{k: tuple(v) if isinstance(v, list) else v for k, v in settings.items()}
        ),
    )


POLICY_OF_OLD = "1900-01-01"
"""The start of a policy given without one: older than every hire, so that it counts from
each hire (what every policy did before policies had a start date)."""


def _policy(kind: str, months: int, since: str = POLICY_OF_OLD) -> Policy:
    return Policy(PolicyKind(kind), months, d(since))


def iv(
    when: str, kind: str = "professional", status: str = "held", ident: str | None = None
) -> Interview:
    return Interview(
        id=ident or f"{kind}-{when}",
        kind=InterviewKind(kind),
        status=InterviewStatus(status),
        date=d(when),
    )


def leave(kind: str, start: str, end: str | None) -> Leave:
    return Leave(LeaveKind(kind), d(start), d(end) if end else None)


def training(start: str, mandatory: bool = False, certification: bool = False) -> Training:
    return Training("Formation", d(start), d(start), 7, mandatory, certification)


def certification(when: str) -> Certification:
    return Certification("Titre", d(when), "vae")


def progression(when: str) -> Progression:
    return Progression(d(when), "salary")


def visit(when: str) -> MedicalVisit:
    return MedicalVisit(MedicalVisitKind.MID_CAREER, d(when))


def employee(hire: str, **history: Any) -> Employee:
    base = Employee(
        ref="E1",
        first_name="Camille",
        last_name="Martin",
        hire_date=d(hire),
        contract=Contract.PERMANENT,
    )
    values = {}
    for key, value in history.items():
        if key in {"birth_date", "exit_date", "seniority_date", "forfait_jours_since"}:
            values[key] = d(value) if value else None
        elif key == "contract":
            values[key] = Contract(value)
        elif isinstance(value, list):
            values[key] = tuple(value)
        else:
            values[key] = value
    return replace(base, **values)


def obligations(
    employee_: Employee, as_of: date = AS_OF, company_: Company | None = None
) -> list[Obligation]:
    return evaluate_employee(company_ or company(), employee_, as_of)


def find(found: list[Obligation], kind: str, deadline: str) -> Obligation | None:
    for obligation in found:
        if obligation.kind.value == kind and obligation.deadline == d(deadline):
            return obligation
    return None
