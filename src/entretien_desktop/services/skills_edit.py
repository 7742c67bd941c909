"""Changes to the skills map from the matrix page: an employee's level in a skill recorded
(one undoable change, appended to their history, never overwriting an earlier entry), and
the catalogue, the jobs' needs and the staffing needs saved together (one undoable change
of the company's data).

The checks a dialog runs before saving are here too (``catalogue_problems``,
``jobs_problems``, ``staffing_problems``): an empty name, a code used twice, a need naming
no skill of the catalogue. What a skill's removal would leave behind is counted by
``references``: a skill employees hold levels in is not removed (their history names it:
the levels stay meaningful only with the skill), the needs naming it go with it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from entretien_desktop.domain import Company, Job, Skill, SkillLevel, StaffingNeed
from entretien_desktop.domain.skills import LEVELS
from entretien_desktop.i18n import _
from entretien_desktop.services.errors import ChangeRefused, FieldProblem
from entretien_desktop.services.workspace import Workspace


def record_level(workspace: Workspace, ref: str, entry: SkillLevel) -> None:
    """Append ``entry`` to the level history of the employee numbered ``ref``: one change,
    one undo step ("level of CACES R489 for Marc Petit"). Earlier entries are kept as they
    are, the new one is the newest of its day."""
    company = workspace.require_company()
    skill = next((s for s in company.skills if s.id == entry.skill), None)
    if skill is None:
        raise ChangeRefused([FieldProblem("skill", _("This skill is no longer in the catalogue."))])
    if entry.level not in LEVELS:
        raise ChangeRefused([FieldProblem("level", _("A level is a whole number from 0 to 3."))])
    before = workspace.employee(ref)
    name, skill_name = before.full_name, skill.name

    def describe() -> str:
        return _("level of {skill} for {name}").format(skill=skill_name, name=name)

    with workspace.change(describe):
        current = workspace.employee(ref)
        after = replace(current, skill_levels=(*current.skill_levels, entry))
        workspace.save_employee(after, replacing=ref, based_on=current)


def already_newest(company: Company, ref: str, entry: SkillLevel) -> bool:
    """Whether ``entry`` (level, day, source, reference and note alike) is the employee's
    newest of its skill already: recording it again would add nothing."""
    history = history_of(company, ref, entry.skill)
    return bool(history) and history[0] == entry


def history_of(company: Company, ref: str, skill: str) -> list[SkillLevel]:
    """The employee's entries for ``skill``, newest first (of two on one day, the one
    recorded later first)."""
    employee = next(e for e in company.employees if e.ref == ref)
    entries = [(i, e) for i, e in enumerate(employee.skill_levels) if e.skill == skill]
    entries.sort(key=lambda pair: (pair[1].date, pair[0]), reverse=True)
    return [e for _i, e in entries]


@dataclass(frozen=True, slots=True)
class References:
    """What names a skill: employees' levels (entries and people), jobs' and staffing needs."""

    entries: int = 0
    employees: int = 0
    jobs: int = 0
    staffing: int = 0


def references(company: Company, skill: str) -> References:
    entries = people = 0
    for employee in company.employees:
        held = sum(1 for e in employee.skill_levels if e.skill == skill)
        entries += held
        people += 1 if held else 0
    jobs = sum(1 for job in company.jobs if any(n.skill == skill for n in job.needs))
    staffing = sum(1 for need in company.staffing if need.skill == skill)
    return References(entries, people, jobs, staffing)


def catalogue_problems(skills: Sequence[Skill]) -> list[str]:
    """Why the catalogue cannot be saved: a skill without code or name, a code used twice,
    a validity that is no number of months."""
    problems: list[str] = []
    seen: set[str] = set()
    for position, skill in enumerate(skills, start=1):
        if not skill.id.strip():
            problems.append(_("Skill {n}: the code is empty.").format(n=position))
        elif skill.id in seen:
            problems.append(
                _("Skill {n}: the code {code} is already used.").format(n=position, code=skill.id)
            )
        seen.add(skill.id)
        if not skill.name.strip():
            problems.append(_("Skill {n}: the name is empty.").format(n=position))
        if skill.expires_after_months is not None and skill.expires_after_months < 1:
            problems.append(_("Skill {n}: a validity is at least one month.").format(n=position))
    return problems


def jobs_problems(jobs: Sequence[Job], skills: Sequence[Skill]) -> list[str]:
    """Why the jobs' needs cannot be saved: a job without title, a title twice, a need
    naming no skill of the catalogue or twice the same skill."""
    known = {s.id for s in skills}
    problems: list[str] = []
    titles: set[str] = set()
    for job in jobs:
        if not job.title.strip():
            problems.append(_("A job needs a title."))
            continue
        if job.title in titles:
            problems.append(_("The job {title} is given twice.").format(title=job.title))
        titles.add(job.title)
        needed: set[str] = set()
        for need in job.needs:
            if need.skill not in known:
                problems.append(
                    _("The job {title} needs a skill that is not in the catalogue.").format(
                        title=job.title
                    )
                )
            elif need.skill in needed:
                problems.append(
                    _("The job {title} needs the same skill twice.").format(title=job.title)
                )
            needed.add(need.skill)
            if need.level not in LEVELS:
                problems.append(_("A level is a whole number from 0 to 3."))
    return problems


def staffing_problems(staffing: Sequence[StaffingNeed], skills: Sequence[Skill]) -> list[str]:
    """Why the staffing needs cannot be saved: an unknown skill, a count under one."""
    known = {s.id for s in skills}
    problems: list[str] = []
    for position, need in enumerate(staffing, start=1):
        if need.skill not in known:
            problems.append(
                _("Staffing need {n}: the skill is not in the catalogue.").format(n=position)
            )
        if need.count < 1:
            problems.append(
                _("Staffing need {n}: at least one person is needed.").format(n=position)
            )
        if need.level not in LEVELS:
            problems.append(_("A level is a whole number from 0 to 3."))
    return problems


def save_skills_map(
    workspace: Workspace,
    skills: Sequence[Skill],
    jobs: Sequence[Job],
    staffing: Sequence[StaffingNeed],
) -> None:
    """Save the catalogue, the jobs' needs and the staffing needs: one change, one undo
    step. Refused (``ChangeRefused``) when a check fails, or when a skill employees hold
    levels in would leave the catalogue."""
    company = workspace.require_company()
    problems = [
        *catalogue_problems(skills),
        *jobs_problems(jobs, skills),
        *staffing_problems(staffing, skills),
    ]
    kept = {s.id for s in skills}
    for old in company.skills:
        if old.id not in kept and references(company, old.id).entries:
            problems.append(
                _("{skill}: employees hold levels in it; it stays in the catalogue.").format(
                    skill=old.name
                )
            )
    if problems:
        raise ChangeRefused([FieldProblem("skills", message) for message in problems])
    with workspace.change(lambda: _("the skills catalogue and needs")):
        current = workspace.require_company()
        workspace.update_company(
            replace(current, skills=tuple(skills), jobs=tuple(jobs), staffing=tuple(staffing))
        )
