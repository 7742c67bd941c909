"""The tables of a data file, as SQLAlchemy 2 declarative mappings.

Every change here needs an Alembic revision in ``migrations/versions``; a test compares
this metadata with the schema the migrations build. Child rows keep their order through
their integer primary key, which follows insertion order.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_name)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class CompanyRow(Base):
    """The one company a file holds (id 1)."""

    __tablename__ = "company"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    country: Mapped[str] = mapped_column(String(2))
    headcount: Mapped[int] = mapped_column(Integer)
    headcount_date: Mapped[dt.date | None] = mapped_column(Date)
    agreement_periodicity_months: Mapped[int | None] = mapped_column(Integer)
    agreement_since: Mapped[dt.date | None] = mapped_column(Date)
    agreement_until: Mapped[dt.date | None] = mapped_column(Date)
    settings: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    templates: Mapped[list[Any] | None] = mapped_column(JSON)
    """The company's own interview templates, as template documents (since 0002)."""
    campaigns: Mapped[list[Any] | None] = mapped_column(JSON)
    currency: Mapped[str] = mapped_column(String(3), server_default="EUR")
    """The company's own money, an ISO 4217 code (since 0006)."""
    address: Mapped[str | None] = mapped_column(Text)
    siret: Mapped[str | None] = mapped_column(String(14))
    signatory_name: Mapped[str | None] = mapped_column(String(200))
    signatory_title: Mapped[str | None] = mapped_column(String(200))
    """The postal address, SIRET and signatory of the letters (since 0009)."""
    privacy: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    """What the company tells employees about their data, the parts it chose (0009)."""
    skills: Mapped[list[Any] | None] = mapped_column(JSON)
    jobs: Mapped[list[Any] | None] = mapped_column(JSON)
    staffing: Mapped[list[Any] | None] = mapped_column(JSON)
    """The skills map: the catalogue of skills, the skills each job needs, the staffing
    needs of sites and teams, as the company file writes them (since 0016)."""
    version: Mapped[int] = mapped_column(Integer, server_default="1")
    changed_by: Mapped[str | None] = mapped_column(String(200))
    changed_at: Mapped[str | None] = mapped_column(String(32))
    """The record's version, bumped by each checked write, and who made it and when, an
    ISO time in UTC (since 0012, storage/versions.py: a stale copy is refused)."""


class PolicyRow(Base):
    __tablename__ = "policy"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    every_months: Mapped[int] = mapped_column(Integer)
    since: Mapped[dt.date | None] = mapped_column(Date)
    """The day the company adopted the policy (since 0008, which set it for earlier files:
    never empty once written)."""


class EmployeeRow(Base):
    __tablename__ = "employee"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ref: Mapped[str] = mapped_column(String(60), unique=True)
    first_name: Mapped[str] = mapped_column(String(200))
    last_name: Mapped[str] = mapped_column(String(200))
    birth_date: Mapped[dt.date | None] = mapped_column(Date)
    hire_date: Mapped[dt.date] = mapped_column(Date)
    exit_date: Mapped[dt.date | None] = mapped_column(Date)
    contract: Mapped[str] = mapped_column(String(40))
    working_time: Mapped[str] = mapped_column(String(40))
    job_title: Mapped[str] = mapped_column(String(200), default="")
    department: Mapped[str] = mapped_column(String(200), default="")
    site: Mapped[str] = mapped_column(String(200), default="")
    manager_id: Mapped[int | None] = mapped_column(
        # Deferred: a bulk import may name a manager whose row comes later.
        ForeignKey("employee.id", ondelete="SET NULL", deferrable=True, initially="DEFERRED"),
        index=True,
    )
    language: Mapped[str] = mapped_column(String(10), default="fr")
    address: Mapped[str | None] = mapped_column(Text)
    """The postal address, lines (since 0009)."""
    seniority_date: Mapped[dt.date | None] = mapped_column(Date)
    """The start of seniority when it is not the hire date: a contract transferred from
    another employer (since 0010)."""
    forfait_jours_since: Mapped[dt.date | None] = mapped_column(Date)
    """The start of an annual days-based working-time agreement (since 0010)."""
    version: Mapped[int] = mapped_column(Integer, server_default="1")
    changed_by: Mapped[str | None] = mapped_column(String(200))
    changed_at: Mapped[str | None] = mapped_column(String(32))
    """The record's version, bumped by each checked write, and who made it and when, an
    ISO time in UTC (since 0012, storage/versions.py: a stale copy is refused)."""


def _employee_fk() -> Mapped[int]:
    return mapped_column(ForeignKey("employee.id", ondelete="CASCADE"), index=True)


class LeaveRow(Base):
    __tablename__ = "leave"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    employee_id: Mapped[int] = _employee_fk()
    kind: Mapped[str] = mapped_column(String(40))
    start: Mapped[dt.date] = mapped_column(Date)
    end: Mapped[dt.date | None] = mapped_column(Date)


class InterviewRow(Base):
    __tablename__ = "interview"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    public_id: Mapped[str] = mapped_column(String(80), unique=True)
    employee_id: Mapped[int] = _employee_fk()
    kind: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(20))
    date: Mapped[dt.date | None] = mapped_column(Date)
    invited_on: Mapped[dt.date | None] = mapped_column(Date)
    answers: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True))
    signed_on: Mapped[dt.date | None] = mapped_column(Date)
    fingerprint: Mapped[str | None] = mapped_column(String(128))
    template: Mapped[str | None] = mapped_column(String(120))
    details: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True))
    """Interviewer, place, refusal reason, context, campaign, amended id (since 0002)."""
    follow_up: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True))
    """Decisions on the form's training requests: not covered by a signature (0003)."""
    signed_identity: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True))
    """Who signed, as the employee was then (ref, first and last name): part of the signed
    content, kept when the employee is renamed later; set once, with the signature (0007)."""
    time: Mapped[str | None] = mapped_column(String(5))
    """The meeting's time on ``date``, ``HH:MM`` (since 0009)."""
    version: Mapped[int] = mapped_column(Integer, server_default="1")
    changed_by: Mapped[str | None] = mapped_column(String(200))
    changed_at: Mapped[str | None] = mapped_column(String(32))
    """The record's version, bumped by each checked write, and who made it and when, an
    ISO time in UTC (since 0012, storage/versions.py: a stale copy is refused)."""


class TrainingRow(Base):
    __tablename__ = "training"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    employee_id: Mapped[int] = _employee_fk()
    title: Mapped[str] = mapped_column(Text)
    start: Mapped[dt.date] = mapped_column(Date)
    end: Mapped[dt.date | None] = mapped_column(Date)
    hours: Mapped[float] = mapped_column(default=0)
    mandatory: Mapped[bool] = mapped_column(default=False)
    certification: Mapped[bool] = mapped_column(default=False)


class CertificationRow(Base):
    __tablename__ = "certification"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    employee_id: Mapped[int] = _employee_fk()
    title: Mapped[str] = mapped_column(Text)
    date: Mapped[dt.date] = mapped_column(Date)
    via: Mapped[str] = mapped_column(String(40), default="")


class ProgressionRow(Base):
    __tablename__ = "progression"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    employee_id: Mapped[int] = _employee_fk()
    date: Mapped[dt.date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(40))
    note: Mapped[str] = mapped_column(Text, default="")


class MedicalVisitRow(Base):
    __tablename__ = "medical_visit"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    employee_id: Mapped[int] = _employee_fk()
    kind: Mapped[str] = mapped_column(String(40))
    date: Mapped[dt.date] = mapped_column(Date)


class SkillLevelRow(Base):
    """An employee's level in a skill from a day on, and where it comes from: the whole
    history is kept, the newest entry of a skill is its current level (since 0016)."""

    __tablename__ = "skill_level"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    employee_id: Mapped[int] = _employee_fk()
    skill: Mapped[str] = mapped_column(String(100))
    level: Mapped[int] = mapped_column(Integer)
    date: Mapped[dt.date] = mapped_column(Date)
    source: Mapped[str] = mapped_column(String(20))
    reference: Mapped[str | None] = mapped_column(String(100))
    note: Mapped[str | None] = mapped_column(Text)


class SkillRequestRow(Base):
    """A training requested to close a gap of the skills map, with its decision (since
    0016)."""

    __tablename__ = "skill_request"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    employee_id: Mapped[int] = _employee_fk()
    public_id: Mapped[str] = mapped_column(String(100), unique=True)
    skill: Mapped[str] = mapped_column(String(100))
    title: Mapped[str] = mapped_column(String(300))
    requested_on: Mapped[dt.date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20))


HISTORY_TABLES = (
    LeaveRow,
    InterviewRow,
    TrainingRow,
    CertificationRow,
    ProgressionRow,
    MedicalVisitRow,
    SkillLevelRow,
    SkillRequestRow,
)

__all__ = [
    "HISTORY_TABLES",
    "Base",
    "CertificationRow",
    "CompanyRow",
    "EmployeeRow",
    "InterviewRow",
    "LeaveRow",
    "MedicalVisitRow",
    "PolicyRow",
    "ProgressionRow",
    "SkillLevelRow",
    "SkillRequestRow",
    "TrainingRow",
]


class IssuedReportRow(Base):
    """A PDF this file produced, by the SHA-256 of its bytes: what ``verify`` looks up."""

    __tablename__ = "issued_report"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    interview_public_id: Mapped[str | None] = mapped_column(String(80))
    kind: Mapped[str] = mapped_column(String(40))
    fingerprint: Mapped[str | None] = mapped_column(String(128))
    issued_on: Mapped[str] = mapped_column(String(32))
    sealed_with: Mapped[str | None] = mapped_column(String(64))
    """The SHA-256 of the certificate the report was sealed with, ``None`` when it was not
    sealed (or was issued before 0007, which did not record it)."""


class AttachmentRow(Base):
    """A file attached to an interview: a signature drawn on screen (PNG), a scan of the
    copy signed on paper. Kept out of the company read with everything else: read when
    asked for."""

    __tablename__ = "attachment"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    interview_public_id: Mapped[str] = mapped_column(String(80), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    media_type: Mapped[str] = mapped_column(String(80))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    added_on: Mapped[str] = mapped_column(String(32))


class CompanySealRow(Base):
    """The company's seal (one row, id 1): a self-signed certificate and its private key,
    both PEM, and whether every report is sealed with it (since 0005).

    The private key is stored unencrypted: it is the company's own seal, kept in its own
    data file on its own computer; whoever can copy the file can seal in its name, as
    whoever holds the office stamp can stamp."""

    __tablename__ = "company_seal"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    certificate_pem: Mapped[str] = mapped_column(Text)
    private_key_pem: Mapped[str] = mapped_column(Text)
    subject: Mapped[str] = mapped_column(Text)
    created_on: Mapped[str] = mapped_column(String(32))
    enabled: Mapped[bool] = mapped_column(Boolean, default=False)


class AuditTrailRow(Base):
    """One entry of the journal of changes (domain/audit_trail.py), linked to the entry
    before it (since 0011). The file refuses to change or delete an entry, and to append
    one that does not follow the last."""

    __tablename__ = "audit_trail"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[str] = mapped_column(String(32))
    user: Mapped[str] = mapped_column(String(200))
    name: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(Text)
    employees: Mapped[list[str]] = mapped_column(JSON)
    previous: Mapped[str] = mapped_column(String(64))
    link: Mapped[str] = mapped_column(String(64))


class RecordChainRow(Base):
    """One entry of the chain of signed records (domain/record_chain.py): a signature, a
    report issued or a change to the seal, linked to the entry before it (since 0007).
    The file refuses to change or delete an entry, and to append one that does not follow
    the last."""

    __tablename__ = "record_chain"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    subject: Mapped[str] = mapped_column(String(120))
    digest: Mapped[str] = mapped_column(String(64))
    previous: Mapped[str] = mapped_column(String(64))
    link: Mapped[str] = mapped_column(String(64))
    recorded_on: Mapped[str] = mapped_column(String(32))


class InterviewClaimRow(Base):
    """An interview being typed in by someone (since 0012, storage/versions.py): who,
    since when, and when their form last saved; another user's form opens it read-only
    until the claim is released or stale."""

    __tablename__ = "interview_claim"

    public_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    holder: Mapped[str] = mapped_column(String(200))
    name: Mapped[str] = mapped_column(String(200))
    since: Mapped[str] = mapped_column(String(32))
    seen: Mapped[str] = mapped_column(String(32))


class CompanyUserRow(Base):
    """A user of a company kept on a PostgreSQL server (since 0013): their login role's
    name, the name they go by, their role (``hr``, ``site_manager``, ``accountant``) and,
    for a site manager, the sites they manage. The server's row-level security policies
    read it (docs/server.md, "Users and roles"); in a file it stays empty."""

    __tablename__ = "company_user"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    login: Mapped[str] = mapped_column(String(63), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    sites: Mapped[list[str] | None] = mapped_column(JSON)
