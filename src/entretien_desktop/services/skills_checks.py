"""The checks of the skills map (domain/skills.py), what the company file's reader refuses
too: the catalogue, the jobs' needs and the staffing needs of a company, and an employee's
levels and gap training requests. Each problem names its field as the company file does
(``skills[0].id``, ``skill_levels[1].level``...). Called by ``company_problems`` and
``employee_problems`` (services/employee_checks.py), whose bounds and wording they share.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from entretien_desktop.domain import Company, Employee, limits
from entretien_desktop.domain.limits import MAX_NAME, MAX_TEXT
from entretien_desktop.domain.skills import HIGHEST, LOWEST
from entretien_desktop.i18n import _, ngettext
from entretien_desktop.services.employee_checks import (
    FieldProblem,
    _out_of_bounds,
    _out_of_range,
    _too_long,
)


def _level_problems(field: str, level: int) -> Iterator[FieldProblem]:
    if isinstance(level, bool) or not isinstance(level, int) or not LOWEST <= level <= HIGHEST:
        message = _("{value} is not a level ({low} to {high}).")
        yield FieldProblem(field, message.format(value=level, low=int(LOWEST), high=int(HIGHEST)))


def _unknown_skill(field: str, skill: str, catalogue: set[str]) -> Iterator[FieldProblem]:
    if skill not in catalogue:
        message = _("No skill of the catalogue has the id {id}.")
        yield FieldProblem(field, message.format(id=skill))


def skills_map_problems(company: Company) -> list[FieldProblem]:
    """The catalogue, the jobs' needs and the staffing needs (fields ``skills[0].id``,
    ``jobs[1].needs[0].level``, ``staffing[0].count``...), and a skill taken out of the
    catalogue while an employee's levels or requests still name it."""
    problems: list[FieldProblem] = []
    catalogue: set[str] = set()
    for index, skill in enumerate(company.skills):
        field = f"skills[{index}]"
        if not skill.id.strip():
            problems.append(FieldProblem(f"{field}.id", _("The skill's id is required.")))
        elif skill.id in catalogue:
            message = _("Another skill already has the id {id}.")
            problems.append(FieldProblem(f"{field}.id", message.format(id=skill.id)))
        catalogue.add(skill.id)
        if not skill.name.strip():
            problems.append(FieldProblem(f"{field}.name", _("The skill's name is required.")))
        problems += _too_long(f"{field}.id", skill.id, limits.MAX_SKILL_CODE)
        problems += _too_long(f"{field}.name", skill.name, MAX_NAME)
        problems += _too_long(f"{field}.family", skill.family, MAX_NAME)
        if skill.expires_after_months is not None:
            problems += _out_of_bounds(
                f"{field}.expires_after_months",
                skill.expires_after_months,
                limits.EXPIRES_AFTER_MONTHS,
            )
    titles: set[str] = set()
    for index, job in enumerate(company.jobs):
        field = f"jobs[{index}]"
        if not job.title.strip():
            problems.append(FieldProblem(f"{field}.title", _("The job's title is required.")))
        elif job.title in titles:
            message = _("The job {title} is already listed.")
            problems.append(FieldProblem(f"{field}.title", message.format(title=job.title)))
        titles.add(job.title)
        problems += _too_long(f"{field}.title", job.title, MAX_NAME)
        for number, need in enumerate(job.needs):
            problems += _unknown_skill(f"{field}.needs[{number}].skill", need.skill, catalogue)
            problems += _level_problems(f"{field}.needs[{number}].level", need.level)
    for index, staffing in enumerate(company.staffing):
        field = f"staffing[{index}]"
        problems += _unknown_skill(f"{field}.skill", staffing.skill, catalogue)
        problems += _level_problems(f"{field}.level", staffing.level)
        problems += _out_of_bounds(f"{field}.count", staffing.count, limits.STAFFING_COUNT)
        problems += _too_long(f"{field}.site", staffing.site, MAX_NAME)
        problems += _too_long(f"{field}.department", staffing.department, MAX_NAME)
    holders: dict[str, int] = {}
    for employee in company.employees:
        named_skills = {x.skill for x in employee.skill_levels} | {
            x.skill for x in employee.skill_requests
        }
        for named in named_skills:
            holders[named] = holders.get(named, 0) + 1
    for named, count in sorted(holders.items()):
        if named not in catalogue:
            message = ngettext(
                "The skill {id} is still in the record of {count} employee.",
                "The skill {id} is still in the records of {count} employees.",
                count,
            )
            problems.append(FieldProblem("skills", message.format(id=named, count=count)))
    return problems


def employee_skill_problems(
    employee: Employee, company: Company, others: Iterable[Employee]
) -> list[FieldProblem]:
    """An employee's levels and gap training requests (fields ``skill_levels[0].level``,
    ``skill_requests[1].id``...): skills of the catalogue, levels of the scale, dates and
    texts within the company file's bounds, requests' ids used once in the company."""
    problems: list[FieldProblem] = []
    catalogue = {skill.id for skill in company.skills}
    for index, entry in enumerate(employee.skill_levels):
        field = f"skill_levels[{index}]"
        problems += _unknown_skill(f"{field}.skill", entry.skill, catalogue)
        problems += _level_problems(f"{field}.level", entry.level)
        problems += _out_of_range(f"{field}.date", entry.date)
        problems += _too_long(f"{field}.reference", entry.reference, limits.MAX_SKILL_CODE)
        problems += _too_long(f"{field}.note", entry.note, MAX_TEXT)
    taken = {r.id for e in others for r in e.skill_requests}
    for index, request in enumerate(employee.skill_requests):
        field = f"skill_requests[{index}]"
        if not request.id.strip():
            problems.append(FieldProblem(f"{field}.id", _("The request's id is required.")))
        elif request.id in taken:
            problems.append(
                FieldProblem(f"{field}.id", _("This training request number is already used."))
            )
        taken.add(request.id)
        problems += _too_long(f"{field}.id", request.id, limits.MAX_SKILL_CODE)
        problems += _unknown_skill(f"{field}.skill", request.skill, catalogue)
        if not request.title.strip():
            problems.append(FieldProblem(f"{field}.title", _("The title is required.")))
        problems += _too_long(f"{field}.title", request.title, MAX_NAME)
        problems += _out_of_range(f"{field}.requested_on", request.requested_on)
        problems += _too_long(f"{field}.reason", request.reason, MAX_TEXT)
    return problems
