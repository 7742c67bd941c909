"""The skills map in the interviews (issue 21): the table of the professional interview
and the annual review (the field with the role ``skills_review``), prefilled from the
matrix, and the levels agreed in it recorded in the employee's level history when the
interview is signed.

A row is one skill: one the employee's job needs (``Company.jobs``, matched on the
employee's ``job_title``), then one they hold a level in (a level above 0 now, or a
certification that lapsed), each with its name, its family, the current level (or
"certification lapsed"), the day a certification is valid until and the level the job
needs, as the form was opened; the form asks the agreed level and a comment. The rows
keep the skill's id (``skill_id``, a key no column shows), so that a skill renamed later
is still the one recorded. Until the interview is held, opening its form reads the
matrix again (what was typed kept); from then on the rows are a snapshot: a held or
signed interview reads and prints what was agreed against what was known that day.

Signing records each row whose agreed level was chosen as ``SkillLevel(skill, level,
date=the interview's day, source=interview, reference=the interview's id, note=the
comment)``, appended to the history (earlier entries are kept). The same level as the
current one is recorded too, as a dated confirmation, except for a certification still
valid at that level: an interview does not renew a certificate, and recording it would
move its expiry. An amendment signed in turn does not record again a level its amended
interview recorded (same skill, level and day); a level it corrects is recorded as the
amendment's, after the earlier one, and is the current one.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from entretien_desktop.domain import Company, Employee, Interview
from entretien_desktop.domain.skills import (
    LEVELS,
    LOWEST,
    Skill,
    SkillLevel,
    SkillSource,
    current_levels,
    expiry,
    level_on,
    needs_by_job,
    needs_of,
)
from entretien_desktop.domain.templates import Field, Role, Template
from entretien_desktop.i18n import _
from entretien_desktop.services.workspace import Change, Workspace

SKILL_ID = "skill_id"
"""The key of a row that names its skill in the catalogue (not a column: never shown)."""
LAPSED = "lapsed"
"""The current level of a certification whose validity ran out."""
AGREED = "agreed"
COMMENT = "comment"

Row = dict[str, str]


def skills_field(template: Template) -> Field | None:
    """The template's skills table, if it has one."""
    return template.with_role(Role.SKILLS_REVIEW)


def _job_needs(company: Company, employee: Employee) -> dict[str, int]:
    return needs_of(needs_by_job(company.jobs), employee.job_title)


def skill_rows(company: Company, employee: Employee, day: date) -> list[Row]:
    """The rows of the skills table for ``employee`` on ``day``: the skills their job
    needs, in the job's order, then the others they hold, by family and name. Empty when
    the job needs none and they hold none (or the catalogue is empty)."""
    catalogue = {skill.id: skill for skill in company.skills}
    needs = _job_needs(company, employee)
    newest = current_levels(e for e in employee.skill_levels if e.date <= day)
    held = [
        catalogue[skill_id]
        for skill_id, entry in newest.items()
        if skill_id in catalogue and skill_id not in needs and entry.level > LOWEST
    ]
    held.sort(key=lambda s: (s.family.casefold(), s.name.casefold()))
    needed = [catalogue[skill_id] for skill_id in needs if skill_id in catalogue]
    return [
        _row(skill, newest.get(skill.id), needs.get(skill.id), day) for skill in (*needed, *held)
    ]


def _row(skill: Skill, entry: SkillLevel | None, needed: int | None, day: date) -> Row:
    """A skill's row, ``entry`` the newest level recorded up to ``day``."""
    current, valid_until = str(int(LOWEST)), ""
    if entry is not None:
        lapses = expiry(skill, entry)
        valid_until = lapses.isoformat() if lapses is not None else ""
        lapsed = lapses is not None and lapses <= day  # as domain.skills.level_on reads it
        current = LAPSED if entry.level > LOWEST and lapsed else str(entry.level)
    return {
        SKILL_ID: skill.id,
        "skill": skill.name,
        "family": skill.family,
        "current": current,
        "valid_until": valid_until,
        "needed": "" if needed is None else str(needed),
        AGREED: "",
        COMMENT: "",
    }


def refreshed_rows(typed: list[Any], fresh: list[Row]) -> list[dict[str, Any]]:
    """The table of an interview not yet held, opened again: the rows as the matrix reads
    now (``fresh``), each keeping the agreed level and comment already typed for its
    skill; a row typed in for a skill no longer listed is kept as it was (an answer is
    never lost)."""
    by_skill = {str(row.get(SKILL_ID) or ""): row for row in typed if isinstance(row, dict)}
    rows: list[dict[str, Any]] = []
    for row in fresh:
        earlier = by_skill.pop(row[SKILL_ID], None) or {}
        rows.append({**row, AGREED: earlier.get(AGREED, ""), COMMENT: earlier.get(COMMENT, "")})
    rows += [
        row
        for row in by_skill.values()
        if str(row.get(AGREED) or "").strip() or str(row.get(COMMENT) or "").strip()
    ]
    return rows


def _agreed(value: Any) -> int | None:
    text = str(value or "").strip()
    return int(text) if text in {str(int(level)) for level in LEVELS} else None


def _amended_ids(employee: Employee, interview: Interview) -> set[str]:
    """The interviews ``interview`` amends, directly or through earlier amendments."""
    by_id = {i.id: i for i in employee.interviews}
    found: set[str] = set()
    current = interview.amends
    while current is not None and current not in found:
        found.add(current)
        amended = by_id.get(current)
        current = amended.amends if amended is not None else None
    return found


def agreed_levels(
    company: Company, employee: Employee, interview: Interview, template: Template
) -> tuple[SkillLevel, ...]:
    """The entries signing ``interview`` appends to the employee's level history (module
    docstring): one per row with an agreed level, of a skill still in the catalogue."""
    field = skills_field(template)
    rows = (interview.answers or {}).get(field.id) if field is not None else None
    day = interview.date or interview.signed_on
    if not isinstance(rows, list) or day is None:
        return ()
    catalogue = {skill.id: skill for skill in company.skills}
    sources = _amended_ids(employee, interview) | {interview.id}
    recorded = {
        (e.skill, e.level, e.date)
        for e in employee.skill_levels
        if e.source is SkillSource.INTERVIEW and e.reference in sources
    }
    found: list[SkillLevel] = []
    for row in rows:
        if not isinstance(row, dict):
            continue
        skill = catalogue.get(str(row.get(SKILL_ID) or ""))
        level = _agreed(row.get(AGREED))
        if skill is None or level is None or (skill.id, level, day) in recorded:
            continue
        history = (*employee.skill_levels, *found)
        if skill.expires and level > LOWEST and level_on(skill, history, day) == level:
            continue  # an interview does not renew a certification still valid
        note = str(row.get(COMMENT) or "").strip()
        found.append(SkillLevel(skill.id, level, day, SkillSource.INTERVIEW, interview.id, note))
        recorded.add((skill.id, level, day))
    return tuple(found)


def record_agreed_levels(
    workspace: Workspace, change: Change, ref: str, interview: Interview
) -> tuple[SkillLevel, ...]:
    """Append the levels agreed in the signed ``interview`` to the employee's history, in
    ``change``, the signing's (``signing.sign``). The change then makes an undo step,
    which takes these entries back and only them: the signature is final."""
    company = workspace.require_company()
    employee = workspace.employee(ref)
    # The template the form was filled with, read as the form and the training requests
    # read it (one shared path).
    from entretien_desktop.services.interview_forms import template_for  # noqa: PLC0415

    found = agreed_levels(company, employee, interview, template_for(company, employee, interview))
    if not found:
        return ()
    if change.describe is None:
        name = employee.full_name
        change.describe = lambda: _("the skill levels agreed with {name}").format(name=name)
    updated = replace(employee, skill_levels=(*employee.skill_levels, *found))
    workspace.save_employee(updated, replacing=ref, based_on=employee)
    return found
