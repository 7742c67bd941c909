"""Checks on one employee's record as typed in a form: every refused field with its reason,
and the warnings that do not block saving (overlapping leaves); the bounds of the company's
own data and of an interview (domain/limits.py, the same as the company file's), so that
whatever the window saves, the company file exports and imports again."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from entretien_desktop.domain import (
    Campaign,
    Company,
    Employee,
    Interview,
    InterviewStatus,
    limits,
)
from entretien_desktop.domain.errors import UserError
from entretien_desktop.domain.limits import MAX_ANY_TEXT, MAX_NAME, MAX_TEXT, Bounds
from entretien_desktop.domain.model import PRIVACY_TEXTS
from entretien_desktop.domain.siret import siret_problem
from entretien_desktop.domain.template_codec import template_document
from entretien_desktop.domain.templates import Template
from entretien_desktop.i18n import _, format_date


@dataclass(frozen=True, slots=True)
class FieldProblem:
    """A field of a form (``ref``, ``exit_date``, ``leaves[1].end``) and why it is refused."""

    field: str
    message: str


class ChangeRefused(UserError):
    """A change the data cannot take; ``problems`` says where and why."""

    def __init__(self, problems: list[FieldProblem]) -> None:
        self.problems = problems
        super().__init__("\n".join(f"{p.field}: {p.message}" for p in problems))

    @property
    def user_message(self) -> str:
        return "\n".join(p.message for p in self.problems)


def refusal(message: str, field: str = "") -> ChangeRefused:
    """A refusal of one change, for one reason (raise it)."""
    return ChangeRefused([FieldProblem(field, message)])


def employee_problems(
    employee: Employee, company: Company, replacing: str | None = None
) -> list[FieldProblem]:
    """Why ``employee`` cannot be saved into ``company`` (in place of ``replacing``)."""
    problems: list[FieldProblem] = []

    def refuse(field: str, message: str) -> None:
        problems.append(FieldProblem(field, message))

    others = [e for e in company.employees if e.ref != replacing]
    if not employee.ref.strip():
        refuse("ref", _("The employee number is required."))
    elif any(e.ref == employee.ref for e in others):
        refuse("ref", _("Another employee already has the number {ref}.").format(ref=employee.ref))
    if not employee.first_name.strip():
        refuse("first_name", _("The first name is required."))
    if not employee.last_name.strip():
        refuse("last_name", _("The last name is required."))
    problems.extend(_date_problems(employee))
    if employee.manager_ref is not None:
        if employee.manager_ref == employee.ref:
            refuse("manager_ref", _("An employee cannot be their own manager."))
        elif not any(e.ref == employee.manager_ref for e in others):
            refuse(
                "manager_ref",
                _("No employee has the number {ref}.").format(ref=employee.manager_ref),
            )
    for index, leave in enumerate(employee.leaves):
        if leave.end is not None and leave.end < leave.start:
            refuse(f"leaves[{index}].end", _("A leave cannot end before it starts."))
    taken = {i.id for e in others for i in e.interviews}
    for index, interview in enumerate(employee.interviews):
        if interview.id in taken:
            refuse(f"interviews[{index}].id", _("This interview number is already used."))
        taken.add(interview.id)
    problems.extend(_history_problems(employee))
    problems.extend(_bound_problems(employee))
    from entretien_desktop.services.skills_checks import employee_skill_problems  # noqa: PLC0415

    problems.extend(employee_skill_problems(employee, company, others))
    return problems


def _date_problems(employee: Employee) -> Iterator[FieldProblem]:
    """The record's dates out of order: hire, exit, seniority, forfait jours."""
    if employee.birth_date is not None and employee.birth_date >= employee.hire_date:
        yield FieldProblem("hire_date", _("The hire date must come after the birth date."))
    if employee.exit_date is not None and employee.exit_date < employee.hire_date:
        yield FieldProblem("exit_date", _("The exit date cannot be before the hire date."))
    if employee.seniority_date is not None:
        if employee.seniority_date > employee.hire_date:
            yield FieldProblem(
                "seniority_date",
                _(
                    "The seniority date cannot be after the hire date: leave it empty when "
                    "seniority starts at the hire."
                ),
            )
        elif employee.birth_date is not None and employee.seniority_date <= employee.birth_date:
            yield FieldProblem(
                "seniority_date", _("The seniority date must come after the birth date.")
            )
    since = employee.forfait_jours_since
    if since is not None:
        if since < employee.seniority_start:
            yield FieldProblem(
                "forfait_jours_since",
                _("The forfait jours cannot start before seniority starts."),
            )
        elif employee.exit_date is not None and since > employee.exit_date:
            yield FieldProblem(
                "forfait_jours_since", _("The forfait jours cannot start after the exit date.")
            )


def _too_long(field: str, text: str, limit: int) -> Iterator[FieldProblem]:
    if len(text) > limit:
        message = _("At most {limit} characters ({length} typed).")
        yield FieldProblem(field, message.format(limit=limit, length=len(text)))


def _out_of_bounds(field: str, value: float, bounds: Bounds) -> Iterator[FieldProblem]:
    if value not in bounds:  # NaN is in no bounds
        message = _("Expected a value from {low} to {high}.")
        yield FieldProblem(field, message.format(low=bounds.low, high=bounds.high))


def _out_of_range(field: str, day: date | None) -> Iterator[FieldProblem]:
    if day is not None and not limits.EARLIEST_DATE <= day <= limits.LATEST_DATE:
        message = _("The date must fall between {first} and {last}.")
        yield FieldProblem(
            field,
            message.format(
                first=format_date(limits.EARLIEST_DATE), last=format_date(limits.LATEST_DATE)
            ),
        )


def _bound_problems(employee: Employee) -> Iterator[FieldProblem]:
    """The record's values past the bounds of the company file."""
    for name in ("ref", "first_name", "last_name", "job_title", "department", "site"):
        yield from _too_long(name, getattr(employee, name), MAX_NAME)
    yield from _too_long("manager_ref", employee.manager_ref or "", MAX_NAME)
    yield from _too_long("address", employee.address, MAX_TEXT)
    for name in ("birth_date", "hire_date", "exit_date", "seniority_date", "forfait_jours_since"):
        yield from _out_of_range(name, getattr(employee, name))
    for field, day in _history_dates(employee):
        yield from _out_of_range(field, day)
    for index, leave in enumerate(employee.leaves):
        yield from _out_of_range(f"leaves[{index}].end", leave.end)
    for index, interview in enumerate(employee.interviews):
        for problem in interview_problems(interview):
            yield FieldProblem(f"interviews[{index}].{problem.field}", problem.message)
    for index, training in enumerate(employee.trainings):
        yield from _too_long(f"trainings[{index}].title", training.title, MAX_NAME)
        yield from _out_of_range(f"trainings[{index}].end", training.end)
    for index, certification in enumerate(employee.certifications):
        yield from _too_long(f"certifications[{index}].title", certification.title, MAX_NAME)
        yield from _too_long(f"certifications[{index}].via", certification.via, MAX_NAME)
    for index, progression in enumerate(employee.progressions):
        yield from _too_long(f"progressions[{index}].kind", progression.kind, MAX_NAME)
        yield from _too_long(f"progressions[{index}].note", progression.note, MAX_TEXT)


def interview_problems(interview: Interview) -> list[FieldProblem]:
    """An interview's values past the bounds of the company file (its texts, its dates,
    every text of its answers)."""
    problems = list(_too_long("id", interview.id, MAX_NAME))
    problems += _too_long("interviewer", interview.interviewer, MAX_NAME)
    for name in ("place", "refusal_reason", "context"):
        problems += _too_long(name, getattr(interview, name), MAX_TEXT)
    for name in ("date", "invited_on", "signed_on"):
        problems += _out_of_range(name, getattr(interview, name))
    if any(len(text) > MAX_ANY_TEXT for text in _texts(interview.answers)):
        message = _("An answer is longer than {limit} characters.")
        problems.append(FieldProblem("answers", message.format(limit=MAX_ANY_TEXT)))
    return problems


def _texts(value: Any) -> Iterator[str]:
    """Every text in the answers of a form (nested in tables and lists)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from _texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item)


def company_problems(company: Company) -> list[FieldProblem]:
    """The company's own data and settings past the bounds of the company file (the
    fields of the form that edits them: ``headcount``, ``interview_agreement``...)."""
    problems = list(_too_long("name", company.name, MAX_NAME))
    problems += _too_long("address", company.address, MAX_TEXT)
    siret = siret_problem(company.siret)
    if siret is not None:
        problems.append(FieldProblem("siret", siret))
    problems += _too_long("signatory_name", company.signatory_name, MAX_NAME)
    problems += _too_long("signatory_title", company.signatory_title, MAX_NAME)
    problems += _too_long("privacy", company.privacy.contact, MAX_TEXT)
    for text in (getattr(company.privacy, name) for name in PRIVACY_TEXTS):
        problems += _too_long("privacy", text or "", MAX_TEXT)
    if company.privacy.retention_years is not None:
        problems += _out_of_bounds(
            "privacy", company.privacy.retention_years, limits.RETENTION_YEARS
        )
    problems += _out_of_bounds("headcount", company.headcount, limits.HEADCOUNT)
    problems += _out_of_range("headcount_date", company.headcount_date)
    agreement = company.interview_agreement
    if agreement is not None:
        problems += _out_of_bounds(
            "interview_agreement", agreement.periodicity_months, limits.PERIOD_MONTHS
        )
        problems += _out_of_range("interview_agreement", agreement.since)
        problems += _out_of_range("interview_agreement.until", agreement.until)
    for policy in company.policies:
        problems += _out_of_bounds("policies", policy.every_months, limits.PERIOD_MONTHS)
        problems += _out_of_range("policies", policy.since)
    for name, bounds in limits.SETTINGS.items():
        value = getattr(company.settings, name)
        if value is not None:
            problems += _out_of_bounds(name, value, bounds)
    from entretien_desktop.services.skills_checks import skills_map_problems  # noqa: PLC0415

    problems += skills_map_problems(company)
    return problems


def _history_problems(employee: Employee) -> Iterator[FieldProblem]:
    """Why the dated facts of the record (interviews, trainings...) cannot be saved."""
    for index, interview in enumerate(employee.interviews):
        if interview.status is InterviewStatus.HELD and interview.date is None:
            yield FieldProblem(f"interviews[{index}].date", _("A held interview needs a date."))
        if (
            interview.invited_on is not None
            and interview.date is not None
            and interview.invited_on > interview.date
        ):
            yield FieldProblem(
                f"interviews[{index}].invited_on",
                _("The invitation cannot come after the interview."),
            )
    for index, training in enumerate(employee.trainings):
        if not training.title.strip():
            yield FieldProblem(f"trainings[{index}].title", _("The title is required."))
        if training.end is not None and training.end < training.start:
            yield FieldProblem(
                f"trainings[{index}].end", _("A training cannot end before it starts.")
            )
        yield from _out_of_bounds(f"trainings[{index}].hours", training.hours, limits.HOURS)
    for index, certification in enumerate(employee.certifications):
        if not certification.title.strip():
            yield FieldProblem(f"certifications[{index}].title", _("The title is required."))
    for field, day in _history_dates(employee):
        if employee.birth_date is not None and day < employee.birth_date:
            yield FieldProblem(
                field,
                _("This date is before the birth date ({date}).").format(
                    date=format_date(employee.birth_date)
                ),
            )


def _history_dates(employee: Employee) -> Iterator[tuple[str, date]]:
    """Every date of the employee's history, with its field (``trainings[1].start``)."""
    for index, leave in enumerate(employee.leaves):
        yield f"leaves[{index}].start", leave.start
    for index, interview in enumerate(employee.interviews):
        if interview.invited_on is not None:
            yield f"interviews[{index}].invited_on", interview.invited_on
        if interview.date is not None:
            yield f"interviews[{index}].date", interview.date
    for index, training in enumerate(employee.trainings):
        yield f"trainings[{index}].start", training.start
    for index, certification in enumerate(employee.certifications):
        yield f"certifications[{index}].date", certification.date
    for index, progression in enumerate(employee.progressions):
        yield f"progressions[{index}].date", progression.date
    for index, visit in enumerate(employee.medical_visits):
        yield f"medical_visits[{index}].date", visit.date


def employee_warnings(employee: Employee) -> list[FieldProblem]:
    """What deserves a second look without blocking the save."""
    warnings = []
    ordered = sorted(enumerate(employee.leaves), key=lambda item: item[1].start)
    for (_first, earlier), (index, later) in itertools.pairwise(ordered):
        if earlier.end is None or later.start <= earlier.end:
            warnings.append(
                FieldProblem(f"leaves[{index}].start", _("This leave overlaps the one before it."))
            )
    return warnings


def planning_problem(employee: Employee, day: date) -> FieldProblem | None:
    """Why an interview cannot be planned on ``day``: it falls while the employee works
    for the company, or not at all."""
    if employee.present_on(day):
        return None
    if day < employee.hire_date:
        message = _("{name} is hired on {date}: plan the interview from that day on.")
        return FieldProblem(
            "date", message.format(name=employee.full_name, date=format_date(employee.hire_date))
        )
    if employee.exit_date is not None and day > employee.exit_date:
        message = _("{name} leaves on {date}: plan the interview by that day.")
        return FieldProblem(
            "date", message.format(name=employee.full_name, date=format_date(employee.exit_date))
        )
    return None


def campaign_problems(campaigns: Iterable[Campaign]) -> list[FieldProblem]:
    """The campaigns' texts and dates past the bounds of the company file."""
    problems: list[FieldProblem] = []
    for campaign in campaigns:
        for name in ("id", "name", "site", "department", "contract"):
            problems += _too_long(name, getattr(campaign, name), MAX_NAME)
        problems += _too_long("template", campaign.template or "", MAX_NAME)
        problems += _out_of_range("start", campaign.start)
        problems += _out_of_range("end", campaign.end)
    return problems


def template_problems(templates: Iterable[Template]) -> list[FieldProblem]:
    """A template's texts (title, help, labels, options) past the bounds of any text."""
    problems: list[FieldProblem] = []
    for template in templates:
        if any(len(text) > MAX_ANY_TEXT for text in _texts(template_document(template))):
            message = _("A text of the template is longer than {limit} characters.")
            problems.append(FieldProblem("", message.format(limit=MAX_ANY_TEXT)))
        problems += _out_of_bounds("version", template.version, Bounds(1, limits.MAX_NUMBER))
    return problems
