"""Repositories: the domain's ``Company`` in and out of the tables.

A whole company is written and read in bulk (one statement per table), which keeps a
10,000-employee import and export within seconds; screens use their own read queries.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

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
    WorkingTime,
)
from entretien_desktop.storage.schema import (
    Base,
    CertificationRow,
    CompanyRow,
    EmployeeRow,
    InterviewRow,
    LeaveRow,
    MedicalVisitRow,
    PolicyRow,
    ProgressionRow,
    TrainingRow,
)

COMPANY_ID = 1


class CompanyRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def exists(self) -> bool:
        return self.session.get(CompanyRow, COMPANY_ID) is not None

    def name(self) -> str | None:
        row = self.session.get(CompanyRow, COMPANY_ID)
        return None if row is None else row.name

    def employee_count(self) -> int:
        return int(self.session.scalar(select(func.count()).select_from(EmployeeRow)) or 0)

    def add(self, company: Company) -> None:
        """Write a whole company into an empty file."""
        if self.exists() or self.employee_count():
            raise ValueError("the file already holds a company")
        agreement = company.interview_agreement
        self.session.add(
            CompanyRow(
                id=COMPANY_ID,
                name=company.name,
                country=company.country,
                headcount=company.headcount,
                headcount_date=company.headcount_date,
                agreement_periodicity_months=agreement.periodicity_months if agreement else None,
                agreement_since=agreement.since if agreement else None,
                agreement_until=agreement.until if agreement else None,
                settings=dict(company.settings.chosen()),
            )
        )
        self.session.flush()
        self._insert(
            PolicyRow,
            [{"kind": p.kind.value, "every_months": p.every_months} for p in company.policies],
        )
        ids = {employee.ref: index for index, employee in enumerate(company.employees, start=1)}
        self._insert(EmployeeRow, [_employee_row(e, ids[e.ref], ids) for e in company.employees])
        history: dict[type[Base], list[dict[str, Any]]] = defaultdict(list)
        for employee in company.employees:
            _collect_history(employee, ids[employee.ref], history)
        for table, rows in history.items():
            self._insert(table, rows)

    def _insert(self, table: type[Base], rows: list[dict[str, Any]]) -> None:
        if rows:
            self.session.execute(insert(table), rows)

    def load(self) -> Company | None:
        """The whole company, or ``None`` when the file holds none yet."""
        row = self.session.get(CompanyRow, COMPANY_ID)
        if row is None:
            return None
        policies = tuple(
            Policy(PolicyKind(kind), every_months)
            for kind, every_months in self.session.execute(
                select(PolicyRow.kind, PolicyRow.every_months).order_by(PolicyRow.id)
            )
        )
        agreement = None
        if row.agreement_periodicity_months is not None and row.agreement_since is not None:
            agreement = InterviewAgreement(
                row.agreement_periodicity_months, row.agreement_since, row.agreement_until
            )
        return Company(
            name=row.name,
            country=row.country,
            headcount=row.headcount,
            headcount_date=row.headcount_date,
            interview_agreement=agreement,
            policies=policies,
            settings=Settings(**(row.settings or {})),
            employees=tuple(self._load_employees()),
        )

    def _load_employees(self) -> Iterable[Employee]:
        session = self.session
        leaves = _grouped(
            session,
            LeaveRow,
            lambda r: Leave(LeaveKind(r.kind), r.start, r.end),
        )
        interviews = _grouped(
            session,
            InterviewRow,
            lambda r: Interview(
                id=r.public_id,
                kind=InterviewKind(r.kind),
                status=InterviewStatus(r.status),
                date=r.date,
                invited_on=r.invited_on,
                answers=r.answers,
                signed_on=r.signed_on,
                fingerprint=r.fingerprint,
            ),
        )
        trainings = _grouped(
            session,
            TrainingRow,
            lambda r: Training(
                r.title, r.start, r.end, _number(r.hours), bool(r.mandatory), bool(r.certification)
            ),
        )
        certifications = _grouped(
            session, CertificationRow, lambda r: Certification(r.title, r.date, r.via)
        )
        progressions = _grouped(
            session, ProgressionRow, lambda r: Progression(r.date, r.kind, r.note)
        )
        visits = _grouped(
            session, MedicalVisitRow, lambda r: MedicalVisit(MedicalVisitKind(r.kind), r.date)
        )
        rows = session.execute(select(EmployeeRow.__table__).order_by(EmployeeRow.id)).all()
        refs = {r.id: r.ref for r in rows}
        for r in rows:
            yield Employee(
                ref=r.ref,
                first_name=r.first_name,
                last_name=r.last_name,
                hire_date=r.hire_date,
                contract=Contract(r.contract),
                working_time=WorkingTime(r.working_time),
                birth_date=r.birth_date,
                exit_date=r.exit_date,
                job_title=r.job_title,
                department=r.department,
                site=r.site,
                manager_ref=refs.get(r.manager_id) if r.manager_id is not None else None,
                language=r.language,
                leaves=tuple(leaves.get(r.id, ())),
                interviews=tuple(interviews.get(r.id, ())),
                trainings=tuple(trainings.get(r.id, ())),
                certifications=tuple(certifications.get(r.id, ())),
                progressions=tuple(progressions.get(r.id, ())),
                medical_visits=tuple(visits.get(r.id, ())),
            )


def _number(value: float) -> float:
    """Hours come back as floats; whole numbers are given back as ints, as they were typed."""
    return int(value) if float(value).is_integer() else value


def _grouped(session: Session, table: type[Base], build: Any) -> dict[int, list[Any]]:
    grouped: dict[int, list[Any]] = defaultdict(list)
    columns = table.__table__
    for row in session.execute(select(columns).order_by(columns.c.id)):
        grouped[row.employee_id].append(build(row))
    return grouped


def _employee_row(employee: Employee, employee_id: int, ids: dict[str, int]) -> dict[str, Any]:
    return {
        "id": employee_id,
        "ref": employee.ref,
        "first_name": employee.first_name,
        "last_name": employee.last_name,
        "birth_date": employee.birth_date,
        "hire_date": employee.hire_date,
        "exit_date": employee.exit_date,
        "contract": employee.contract.value,
        "working_time": employee.working_time.value,
        "job_title": employee.job_title,
        "department": employee.department,
        "site": employee.site,
        "manager_id": ids[employee.manager_ref] if employee.manager_ref else None,
        "language": employee.language,
    }


def _collect_history(
    employee: Employee, employee_id: int, history: dict[type[Base], list[dict[str, Any]]]
) -> None:
    eid = {"employee_id": employee_id}
    history[LeaveRow].extend(
        {**eid, "kind": x.kind.value, "start": x.start, "end": x.end} for x in employee.leaves
    )
    history[InterviewRow].extend(
        {
            **eid,
            "public_id": x.id,
            "kind": x.kind.value,
            "status": x.status.value,
            "date": x.date,
            "invited_on": x.invited_on,
            "answers": x.answers,
            "signed_on": x.signed_on,
            "fingerprint": x.fingerprint,
        }
        for x in employee.interviews
    )
    history[TrainingRow].extend(
        {
            **eid,
            "title": x.title,
            "start": x.start,
            "end": x.end,
            "hours": x.hours,
            "mandatory": x.mandatory,
            "certification": x.certification,
        }
        for x in employee.trainings
    )
    history[CertificationRow].extend(
        {**eid, "title": x.title, "date": x.date, "via": x.via} for x in employee.certifications
    )
    history[ProgressionRow].extend(
        {**eid, "date": x.date, "kind": x.kind, "note": x.note} for x in employee.progressions
    )
    history[MedicalVisitRow].extend(
        {**eid, "kind": x.kind.value, "date": x.date} for x in employee.medical_visits
    )
