"""The skills map in the company file (docs/company-file.md, "The skills map"): the
company's ``skills``, ``jobs`` and ``staffing``, each employee's ``skill_levels`` (the
whole history) and ``skill_requests``, written and read.

The keys were added to the format: a file without them reads an empty map, and a
company without a map writes none of them, so that its file is as before. The reader
collects every problem with its place, as the rest of the company file's: a skill's id
unknown to the catalogue (in a job, a staffing need, a level, a request), a skill id or
a job title listed twice, a level outside the scale, an unknown source or decision, a
count under one, a period of validity outside its bounds.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from entretien_desktop.domain import limits
from entretien_desktop.domain.limits import MAX_SKILL_CODE, MAX_TEXT
from entretien_desktop.domain.model import Company, Employee
from entretien_desktop.domain.skills import (
    HIGHEST,
    LOWEST,
    Job,
    RequestState,
    Skill,
    SkillLevel,
    SkillNeed,
    SkillRequest,
    SkillSource,
    StaffingNeed,
)
from entretien_desktop.domain.skills_codec import skills_map_documents
from entretien_desktop.i18n import _
from entretien_desktop.services.json_reader import MISSING, FieldReader, join_path, show

# -- writing ---------------------------------------------------------------------------------


def skills_map_document(company: Company) -> dict[str, Any]:
    """The company's ``skills``, ``jobs`` and ``staffing``, those it has."""
    documents = skills_map_documents(company.skills, company.jobs, company.staffing)
    return {key: document for key, document in documents.items() if document}


def employee_skills_document(employee: Employee) -> dict[str, Any]:
    """The employee's ``skill_levels`` (every entry, oldest first as kept) and
    ``skill_requests``, those they have."""
    document: dict[str, Any] = {}
    if employee.skill_levels:
        document["skill_levels"] = [
            {
                "skill": x.skill,
                "level": x.level,
                "date": x.date.isoformat(),
                "source": x.source.value,
                "reference": x.reference,
                "note": x.note,
            }
            for x in employee.skill_levels
        ]
    if employee.skill_requests:
        document["skill_requests"] = [
            {
                "id": x.id,
                "skill": x.skill,
                "title": x.title,
                "requested_on": x.requested_on.isoformat(),
                "reason": x.reason,
                "status": x.status.value,
            }
            for x in employee.skill_requests
        ]
    return document


# -- reading ---------------------------------------------------------------------------------


def _level(r: FieldReader, obj: dict[str, Any], path: str) -> int | None:
    """A level of the scale: a whole number from 0 to 3."""
    raw = r.value(obj, "level", path, required=True)
    if raw is MISSING:  # said by the reader
        return None
    if isinstance(raw, bool) or not isinstance(raw, int):
        r.problem(
            join_path(path, "level"),
            _("expected a whole number, found {found}").format(found=show(raw)),
        )
        return None
    if not LOWEST <= raw <= HIGHEST:
        r.problem(
            join_path(path, "level"),
            _("{value} is not a level ({low} to {high})").format(
                value=raw, low=int(LOWEST), high=int(HIGHEST)
            ),
        )
        return None
    return raw


def _read_skill(r: FieldReader, obj: dict[str, Any], path: str) -> Skill | None:
    skill_id = r.text(obj, "id", path, required=True, limit=MAX_SKILL_CODE)
    name = r.text(obj, "name", path, required=True)
    family = r.text(obj, "family", path)
    months = r.integer(
        obj, "expires_after_months", path, limits.EXPIRES_AFTER_MONTHS, required=False
    )
    if not skill_id.strip() or not name.strip():
        return None
    return Skill(skill_id, name, family, months)


def _read_need(r: FieldReader, obj: dict[str, Any], path: str) -> SkillNeed | None:
    skill = r.text(obj, "skill", path, required=True, limit=MAX_SKILL_CODE)
    level = _level(r, obj, path)
    return None if not skill or level is None else SkillNeed(skill, level)


def _read_job(r: FieldReader, obj: dict[str, Any], path: str) -> Job | None:
    title = r.text(obj, "title", path, required=True)
    needs = r.items(obj, "needs", path, lambda o, p: _read_need(r, o, p))
    return None if not title.strip() else Job(title, needs)


def _read_staffing(r: FieldReader, obj: dict[str, Any], path: str) -> StaffingNeed | None:
    skill = r.text(obj, "skill", path, required=True, limit=MAX_SKILL_CODE)
    level = _level(r, obj, path)
    count = r.integer(obj, "count", path, limits.STAFFING_COUNT, required=True)
    site = r.text(obj, "site", path)
    department = r.text(obj, "department", path)
    if not skill or level is None or count is None:
        return None
    return StaffingNeed(skill, level, count, site, department)


def _read_skill_level(r: FieldReader, obj: dict[str, Any], path: str) -> SkillLevel | None:
    skill = r.text(obj, "skill", path, required=True, limit=MAX_SKILL_CODE)
    level = _level(r, obj, path)
    day = r.date(obj, "date", path, required=True)
    source = r.choice(obj, "source", path, SkillSource, default=SkillSource.ASSESSMENT)
    reference = r.text(obj, "reference", path, limit=MAX_SKILL_CODE)
    note = r.text(obj, "note", path, limit=MAX_TEXT)
    if not skill or level is None or day is None or source is None:
        return None
    return SkillLevel(skill, level, day, source, reference, note)


def _read_skill_request(r: FieldReader, obj: dict[str, Any], path: str) -> SkillRequest | None:
    request_id = r.text(obj, "id", path, required=True, limit=MAX_SKILL_CODE)
    skill = r.text(obj, "skill", path, required=True, limit=MAX_SKILL_CODE)
    title = r.text(obj, "title", path, required=True)
    requested_on = r.date(obj, "requested_on", path, required=True)
    reason = r.text(obj, "reason", path, limit=MAX_TEXT)
    status = r.choice(obj, "status", path, RequestState, default=RequestState.REQUESTED)
    if not request_id.strip() or not skill or not title.strip() or requested_on is None:
        return None
    if status is None:
        return None
    return SkillRequest(request_id, skill, title, requested_on, reason, status)


def read_skills_map(r: FieldReader, company: dict[str, Any], path: str) -> dict[str, Any]:
    """The ``Company`` fields of the map: ``skills``, ``jobs``, ``staffing`` (absent: empty)."""
    return {
        "skills": r.items(company, "skills", path, lambda o, p: _read_skill(r, o, p)),
        "jobs": r.items(company, "jobs", path, lambda o, p: _read_job(r, o, p)),
        "staffing": r.items(company, "staffing", path, lambda o, p: _read_staffing(r, o, p)),
    }


def read_employee_skills(r: FieldReader, employee: dict[str, Any], path: str) -> dict[str, Any]:
    """The ``Employee`` fields of the map: ``skill_levels``, ``skill_requests``."""
    return {
        "skill_levels": r.items(
            employee, "skill_levels", path, lambda o, p: _read_skill_level(r, o, p)
        ),
        "skill_requests": r.items(
            employee, "skill_requests", path, lambda o, p: _read_skill_request(r, o, p)
        ),
    }


def _listed(raw: Any) -> Iterable[tuple[int, dict[str, Any]]]:
    """The objects of a raw list (anything else: none; its own reader says why)."""
    if isinstance(raw, list):
        for index, item in enumerate(raw):
            if isinstance(item, dict):
                yield index, item


def _first_use(r: FieldReader, seen: dict[str, str], value: Any, path: str, message: str) -> None:
    """Remember where the text ``value`` is first used; a second use is a problem."""
    if not isinstance(value, str) or not value.strip():
        return
    if value in seen:
        r.problem(path, message.format(value=show(value), other=seen[value]))
    else:
        seen[value] = path


def check_skill_references(
    r: FieldReader, company: dict[str, Any] | None, employees: list[Any]
) -> None:
    """Skill ids unique in the catalogue and known wherever they are named, job titles
    and training requests' ids listed once. Works on the raw objects, as the employee
    numbers' check, so that an entry refused for another reason is still checked."""
    raw_company = company or {}
    catalogue: dict[str, str] = {}
    for index, skill in _listed(raw_company.get("skills")):
        message = _("skill id {value} is already used by {other}")
        _first_use(r, catalogue, skill.get("id"), f"company.skills[{index}].id", message)

    def known(obj: dict[str, Any], path: str) -> None:
        skill = obj.get("skill")
        if isinstance(skill, str) and skill and skill not in catalogue:
            r.problem(
                join_path(path, "skill"),
                _("no skill of the catalogue (company.skills) has the id {id}").format(
                    id=show(skill)
                ),
            )

    titles: dict[str, str] = {}
    for index, job in _listed(raw_company.get("jobs")):
        path = f"company.jobs[{index}]"
        message = _("job {value} is already listed by {other}")
        _first_use(r, titles, job.get("title"), join_path(path, "title"), message)
        for number, need in _listed(job.get("needs")):
            known(need, f"{path}.needs[{number}]")
    for index, need in _listed(raw_company.get("staffing")):
        known(need, f"company.staffing[{index}]")
    requests: dict[str, str] = {}
    for index, employee in _listed(employees):
        path = f"employees[{index}]"
        for number, entry in _listed(employee.get("skill_levels")):
            known(entry, f"{path}.skill_levels[{number}]")
        for number, request in _listed(employee.get("skill_requests")):
            place = f"{path}.skill_requests[{number}]"
            known(request, place)
            message = _("training request id {value} is already used by {other}")
            _first_use(r, requests, request.get("id"), join_path(place, "id"), message)


__all__ = [
    "check_skill_references",
    "employee_skills_document",
    "read_employee_skills",
    "read_skills_map",
    "skills_map_document",
]
