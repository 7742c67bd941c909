"""The company record as frozen dataclasses: what the company file carries, nothing more.

Lists are tuples so that a ``Company`` can be compared, hashed and shared between threads
without copies. Dates are ``datetime.date``; a ``None`` date means "not known" or "ongoing".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields
from typing import Any

from entretien_desktop.domain.enums import (
    Contract,
    InterviewKind,
    InterviewStatus,
    LeaveKind,
    MedicalVisitKind,
    PolicyKind,
    WorkingTime,
)
from entretien_desktop.domain.skills import Job, Skill, SkillLevel, SkillRequest, StaffingNeed
from entretien_desktop.domain.templates import Template

SettingValue = int | bool | tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Settings:
    """Rule settings of a company (domain.md section 4).

    A field left at ``None`` was never set by the user and takes its default, so that a
    company file only carries the settings someone actually chose.
    """

    due_soon_days: int | None = None
    return_interview_grace_months: int | None = None
    invitation_notice_days: int | None = None
    long_sickness_months: int | None = None
    apply_seniority_suspension: bool | None = None
    any_interview_restarts_clock: bool | None = None
    late_interview_counts_as_missed: bool | None = None
    return_interview_leaves: tuple[str, ...] | None = None
    seniority_suspending_leaves: tuple[str, ...] | None = None

    def effective(self, name: str) -> SettingValue:
        """The value in force for setting ``name``: the chosen one, else the default."""
        value = getattr(self, name)
        return SETTING_DEFAULTS[name] if value is None else value

    def chosen(self) -> dict[str, SettingValue]:
        """Only the settings the user set, by name, in declaration order."""
        return {
            f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name) is not None
        }


SETTING_DEFAULTS: dict[str, SettingValue] = {
    "due_soon_days": 60,
    "return_interview_grace_months": 1,
    "invitation_notice_days": 30,
    "long_sickness_months": 6,
    "apply_seniority_suspension": False,
    # Interpretation 1: any held interview of the professional family restarts the clock.
    "any_interview_restarts_clock": True,
    # Interpretation 15: an interview held after its deadline counts as missed for the
    # summary review.
    "late_interview_counts_as_missed": True,
    # Domain 3.4: the leaves after which a return interview is proposed (a branch may add).
    "return_interview_leaves": (
        "maternity",
        "adoption",
        "parental_education",
        "parental_part_time",
        "caregiver",
        "sabbatical",
        "secure_mobility",
        "long_sickness",
        "sickness",
        "union_mandate",
    ),
    # Interpretations 4 and 17: leaves not assimilated to effective work for seniority,
    # as listed by the Ministry's Q&A of 12 Feb 2026. Parental education leave counts half
    # since law 2023-171 (L1225-54): left out, the safe side.
    "seniority_suspending_leaves": (
        "parental_presence",
        "family_solidarity",
        "sabbatical",
        "unpaid",
    ),
}


@dataclass(frozen=True, slots=True)
class InterviewAgreement:
    """A company or branch agreement setting the interview periodicity (accord d'entreprise)."""

    periodicity_months: int
    since: dt.date
    until: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Policy:
    """An interview the company holds by its own rule, every ``every_months`` months, from
    ``since``: the day the company adopted it. Nobody owes an interview of a policy for the
    time before it existed, so its first one falls due ``every_months`` after the later of
    the hire and ``since`` (docs/rules.md, 2.6)."""

    kind: PolicyKind
    every_months: int
    since: dt.date


@dataclass(frozen=True, slots=True)
class Leave:
    """A leave; ``end`` is its last day, inclusive, or ``None`` while it goes on."""

    kind: LeaveKind
    start: dt.date
    end: dt.date | None = None

    @property
    def ongoing(self) -> bool:
        return self.end is None


@dataclass(frozen=True, slots=True)
class Interview:
    id: str
    kind: InterviewKind
    status: InterviewStatus
    date: dt.date | None = None
    invited_on: dt.date | None = None
    answers: dict[str, Any] | None = field(default=None, hash=False, compare=True)
    signed_on: dt.date | None = None
    fingerprint: str | None = None
    template: str | None = None
    """The template the form was filled with, as ``id@version``."""
    interviewer: str = ""
    place: str = ""
    """Where it is held: a room, an address, or a video link."""
    refusal_reason: str = ""
    """Why the employee declined, kept as proof with the refusal's date (``date``)."""
    context: str = ""
    """What it follows: the leave for a return interview, the visit for a mid-career one."""
    campaign: str | None = None
    amends: str | None = None
    """The id of the signed interview this one corrects (an amendment, a new version)."""
    follow_up: dict[str, str] | None = field(default=None, hash=False, compare=True)
    """The decision on each training request of the form (row number: status), kept apart
    from the answers so that a signed form never changes."""
    form_step: int | None = None
    """The step of the form last typed in (0 first), where the form opens again; kept in
    the data file only (not in the company file, not covered by a signature)."""
    time: dt.time | None = None
    """The time of the meeting on ``date``, when it is set (the letter and the calendar
    file print it); not covered by a signature."""


@dataclass(frozen=True, slots=True)
class Training:
    title: str
    start: dt.date
    end: dt.date | None = None
    hours: float = 0
    mandatory: bool = False
    certification: bool = False


@dataclass(frozen=True, slots=True)
class Certification:
    """A certification obtained, through training or VAE (``via``)."""

    title: str
    date: dt.date
    via: str = ""


@dataclass(frozen=True, slots=True)
class Progression:
    """A salary or professional progression (``kind``), with a free note."""

    date: dt.date
    kind: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class MedicalVisit:
    kind: MedicalVisitKind
    date: dt.date


@dataclass(frozen=True, slots=True)
class Employee:
    ref: str
    first_name: str
    last_name: str
    hire_date: dt.date
    contract: Contract
    working_time: WorkingTime = WorkingTime.FULL_TIME
    birth_date: dt.date | None = None
    exit_date: dt.date | None = None
    job_title: str = ""
    department: str = ""
    site: str = ""
    manager_ref: str | None = None
    language: str = "fr"
    address: str = ""
    """The postal address the invitation letter is sent to (lines), when known."""
    seniority_date: dt.date | None = None
    """Where seniority starts when it is not the hire date: a contract transferred to this
    employer keeps its seniority and its interview cycle (L1224-1; interpretation 10)."""
    forfait_jours_since: dt.date | None = None
    """The start of an annual days-based working-time agreement (forfait jours), which owes
    a yearly review of workload (L3121-64, L3121-65; interpretation 18)."""
    leaves: tuple[Leave, ...] = ()
    interviews: tuple[Interview, ...] = ()
    trainings: tuple[Training, ...] = ()
    certifications: tuple[Certification, ...] = ()
    progressions: tuple[Progression, ...] = ()
    medical_visits: tuple[MedicalVisit, ...] = ()
    skill_levels: tuple[SkillLevel, ...] = ()
    """The employee's levels in the catalogue's skills, every one recorded (a history:
    domain/skills.py, ``current_levels``)."""
    skill_requests: tuple[SkillRequest, ...] = ()
    """Trainings requested from the skills map's gaps, with their decision."""

    @property
    def seniority_start(self) -> dt.date:
        """Where seniority, and every deadline counted from it, starts: the seniority date
        carried over on a transfer, else the hire date."""
        return self.hire_date if self.seniority_date is None else self.seniority_date

    def present_on(self, day: dt.date) -> bool:
        """Employed on ``day``: hired by then, and not gone before it (the exit day counts)."""
        return self.hire_date <= day and (self.exit_date is None or self.exit_date >= day)

    def employed_during(self, start: dt.date, end: dt.date) -> bool:
        """Employed on at least one day from ``start`` to ``end``."""
        return self.hire_date <= end and (self.exit_date is None or self.exit_date >= start)

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


@dataclass(frozen=True, slots=True)
class Campaign:
    """A round of interviews of one kind for a group (an empty criterion matches all)."""

    id: str
    name: str
    kind: InterviewKind
    start: dt.date
    end: dt.date
    template: str | None = None
    site: str = ""
    department: str = ""
    contract: str = ""

    def includes(self, employee: Employee) -> bool:
        return (
            (not self.site or employee.site == self.site)
            and (not self.department or employee.department == self.department)
            and (not self.contract or employee.contract.value == self.contract)
        )


@dataclass(frozen=True, slots=True)
class Privacy:
    """What the company tells an employee about the processing of their data (GDPR art. 13
    and 15), as the company wrote it. A text left at ``None`` takes the program's default
    wording in the reader's language (services/privacy.py), so that a file carries only
    what someone chose; the rights and the complaint to the authority are the law's, fixed."""

    contact: str = ""
    """The data protection officer or the person to contact, with how to reach them."""
    purposes: str | None = None
    legal_bases: str | None = None
    recipients: str | None = None
    retention: str | None = None
    retention_years: int | None = None
    """Years the interview records are kept after the employee leaves (default wording)."""

    def is_default(self) -> bool:
        return self == Privacy()


PRIVACY_TEXTS = ("purposes", "legal_bases", "recipients", "retention")
"""The parts of ``Privacy`` written by the company or left to the default wording."""


def privacy_document(privacy: Privacy) -> dict[str, Any]:
    """The parts of ``privacy`` someone chose, as JSON values (empty when none is): the
    data file and the company file keep the same shape."""
    document: dict[str, Any] = {}
    if privacy.contact:
        document["contact"] = privacy.contact
    for name in PRIVACY_TEXTS:
        if getattr(privacy, name) is not None:
            document[name] = getattr(privacy, name)
    if privacy.retention_years is not None:
        document["retention_years"] = privacy.retention_years
    return document


def privacy_from_document(document: dict[str, Any]) -> Privacy:
    """``privacy_document`` read back (the data file's own, already checked values)."""
    return Privacy(
        contact=str(document.get("contact", "")),
        retention_years=document.get("retention_years"),
        **{name: document.get(name) for name in PRIVACY_TEXTS},
    )


@dataclass(frozen=True, slots=True)
class Company:
    name: str
    country: str
    headcount: int
    headcount_date: dt.date | None = None
    interview_agreement: InterviewAgreement | None = None
    policies: tuple[Policy, ...] = ()
    settings: Settings = field(default_factory=Settings)
    employees: tuple[Employee, ...] = ()
    templates: tuple[Template, ...] = ()
    """The company's own interview templates (copies of built-in ones, adapted)."""
    campaigns: tuple[Campaign, ...] = ()
    currency: str = "EUR"
    """The company's own money (ISO 4217): training costs; legal amounts stay in euros."""
    address: str = ""
    """The postal address, one line per line of the envelope; its last line holds the
    postcode and the city (where a letter is "made at")."""
    siret: str = ""
    """The French establishment number (14 digits), when given."""
    signatory_name: str = ""
    signatory_title: str = ""
    """Who signs the letters, and as what (e.g. "Managing director")."""
    privacy: Privacy = field(default_factory=Privacy)
    skills: tuple[Skill, ...] = ()
    """The catalogue of the skills map (domain/skills.py)."""
    jobs: tuple[Job, ...] = ()
    """The skills each job title needs."""
    staffing: tuple[StaffingNeed, ...] = ()
    """How many people each site or team needs at a level of a skill."""
