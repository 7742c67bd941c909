"""The engine against the oracle: the differences, each told with the facts behind it."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, fields
from datetime import date

from entretien_desktop.domain import Company, Employee, Settings
from entretien_desktop.rules import Obligation, ObligationKind, evaluate_company
from tests.oracle.evaluate import Expected, oracle_employee

FORFAIT_JOURS_IN_ENGINE = any(kind.value == "forfait_jours_review" for kind in ObligationKind)
"""Interpretation 18's review is compared once the engine has its kind."""


def as_expected(obligation: Obligation) -> Expected:
    return Expected(
        obligation.employee_ref,
        obligation.kind.value,
        obligation.window_start,
        obligation.deadline,
        obligation.status.value,
        obligation.satisfied_by,
        obligation.amount_at_stake_eur,
    )


@dataclass
class Difference:
    """One employee on whom the engine and the oracle disagree."""

    company: Company
    employee: Employee
    as_of: date
    engine_only: list[Expected]
    oracle_only: list[Expected]

    def describe(self) -> str:
        lines = [f"--- employee {self.employee.ref}, as of {self.as_of}"]
        lines += ["    " + line for line in company_facts(self.company)]
        lines += ["    " + line for line in employee_facts(self.employee)]
        for title, records in (("engine", self.engine_only), ("oracle", self.oracle_only)):
            for record in sorted(records, key=_order):
                lines.append(f"  {title} only: {_record(record)}")
        return "\n".join(lines)


def _order(record: Expected) -> tuple[str, date, date]:
    return record.kind, record.window_start, record.deadline


def _record(record: Expected) -> str:
    text = (
        f"{record.kind} {record.window_start} -> {record.deadline} {record.status}"
        f" by={record.satisfied_by}"
    )
    if record.amount_at_stake_eur:
        text += f" EUR {record.amount_at_stake_eur}"
    return text


def company_facts(company: Company) -> list[str]:
    facts = [f"company {company.country}, headcount {company.headcount}"]
    if company.interview_agreement is not None:
        a = company.interview_agreement
        facts.append(f"agreement {a.periodicity_months} months, {a.since} to {a.until}")
    for policy in company.policies:
        facts.append(f"policy {policy.kind.value} every {policy.every_months} since {policy.since}")
    chosen = {
        f.name: getattr(company.settings, f.name)
        for f in fields(Settings)
        if getattr(company.settings, f.name) is not None
    }
    if chosen:
        facts.append(f"settings {chosen}")
    return facts


def employee_facts(employee: Employee) -> list[str]:
    e = employee
    facts = [
        f"hired {e.hire_date}, seniority {e.seniority_date}, born {e.birth_date}, "
        f"exit {e.exit_date}, {e.contract.value}, {e.working_time.value}, "
        f"forfait jours {e.forfait_jours_since}"
    ]
    facts += [f"leave {x.kind.value} {x.start} to {x.end}" for x in e.leaves]
    facts += [f"interview {i.id} {i.kind.value} {i.status.value} {i.date}" for i in e.interviews]
    facts += [
        f"training {t.start} mandatory={t.mandatory} certification={t.certification}"
        for t in e.trainings
    ]
    facts += [f"certification {c.date}" for c in e.certifications]
    facts += [f"progression {p.date}" for p in e.progressions]
    facts += [f"visit {v.kind.value} {v.date}" for v in e.medical_visits]
    return facts


@dataclass
class Tally:
    """What one comparison looked at."""

    employees: int = 0
    obligations: int = 0


def compare_company(company: Company, as_of: date, tally: Tally | None = None) -> list[Difference]:
    """Every employee of ``company`` on whom the engine (``evaluate_company``) and the
    oracle disagree as of ``as_of``; ``tally`` counts what was compared."""
    by_employee: dict[str, list[Expected]] = defaultdict(list)
    for obligation in evaluate_company(company, as_of):
        by_employee[obligation.employee_ref].append(as_expected(obligation))
    differences = []
    for employee in company.employees:
        engine = by_employee.get(employee.ref, [])
        oracle = oracle_employee(company, employee, as_of, forfait_jours=FORFAIT_JOURS_IN_ENGINE)
        if tally is not None:
            tally.employees += 1
            tally.obligations += max(len(engine), len(oracle))
        engine_count, oracle_count = Counter(engine), Counter(oracle)
        if engine_count != oracle_count:
            differences.append(
                Difference(
                    company,
                    employee,
                    as_of,
                    list((engine_count - oracle_count).elements()),
                    list((oracle_count - engine_count).elements()),
                )
            )
    return differences
