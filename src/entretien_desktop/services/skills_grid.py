"""The skills matrix as it is printed and exported: who is on it (the employees present on
the day, of the site, department or job chosen), which skills are its columns (grouped by
family) and what each cell says (the level held on the day, the level the person's job
needs, a certification lapsed or about to lapse).

Pure of Qt and of reportlab: the PDF (services/reports/skills_matrix_pdf.py) and the
workbook (services/skills_matrix_xlsx.py) both read it, so they say the same thing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from entretien_desktop.domain import Company, Employee, Skill, SkillLevel
from entretien_desktop.domain.skills import LOWEST, current_levels, expiry, needs_by_job, needs_of
from entretien_desktop.i18n import _

LEVEL_FILLS = {0: "FFFFFF", 1: "FBE3A4", 2: "A9D8AE", 3: "2E7D4F"}
"""Each level's colour on paper and in the workbook (RGB hex): light to dark in the order
of the scale, so that a black and white copy keeps the order in greys; the digit on it
says the level anyway."""
LEVEL_INK = {0: "1F2933", 1: "1F2933", 2: "1F2933", 3: "FFFFFF"}
"""The digit's colour on each level's fill."""


@dataclass(frozen=True, slots=True)
class MatrixFilter:
    """Who the matrix is of: an empty criterion is anyone. ``job`` is a job title as the
    employees' ``job_title`` and the company's jobs spell it."""

    site: str = ""
    department: str = ""
    job: str = ""

    def includes(self, employee: Employee) -> bool:
        return (
            (not self.site or employee.site == self.site)
            and (not self.department or employee.department == self.department)
            and (not self.job or employee.job_title == self.job)
        )

    def words(self) -> str:
        """The filter as a reader reads it ("Site: Lyon · Job: Joiner"); "" for none."""
        parts = []
        if self.site:
            parts.append(_("Site: {site}").format(site=self.site))
        if self.department:
            parts.append(_("Department: {department}").format(department=self.department))
        if self.job:
            parts.append(_("Job: {job}").format(job=self.job))
        return " · ".join(parts)


@dataclass(frozen=True, slots=True)
class MatrixCell:
    """What one employee holds in one skill on the matrix's day."""

    level: int | None
    """The level held (0 for a lapsed certification); ``None`` when nothing was recorded."""
    needed: int | None = None
    """The level the employee's job needs in the skill, if it needs it."""
    expires: date | None = None
    """The day the newest certified level lapses (or lapsed)."""
    lapsed: bool = False
    """A certification held once and lapsed by the day."""
    expiring: bool = False
    """A certification that lapses within the company's due-soon horizon."""
    entry: SkillLevel | None = None
    """The newest entry of the history on or before the day."""

    @property
    def held(self) -> int:
        return int(LOWEST) if self.level is None else self.level

    @property
    def under(self) -> bool:
        """Below the level the employee's job needs."""
        return self.needed is not None and self.held < self.needed


@dataclass(frozen=True, slots=True)
class FamilyGroup:
    """A family of skills: its name ("" for the skills without one) and its columns."""

    name: str
    skills: tuple[Skill, ...]


@dataclass(frozen=True, slots=True)
class SkillsGrid:
    """The matrix to print or export: rows of employees, columns of skills by family."""

    as_of: date
    chosen: MatrixFilter
    employees: tuple[Employee, ...]
    families: tuple[FamilyGroup, ...]
    cells: tuple[tuple[MatrixCell, ...], ...]
    """``cells[row][column]``, the columns in the order of ``skills``."""
    horizon_days: int
    """How far ahead a certification counts as expiring (the due-soon horizon)."""

    @property
    def skills(self) -> tuple[Skill, ...]:
        return tuple(skill for family in self.families for skill in family.skills)


def family_name(family: str) -> str:
    """A family as printed: the skills without one are "Other skills"."""
    return family or _("Other skills")


def grouped(skills: Sequence[Skill]) -> tuple[FamilyGroup, ...]:
    """The skills under their family, families in the order the catalogue first names
    them, the skills without a family last; each family's skills in the catalogue's
    order."""
    order: dict[str, list[Skill]] = {}
    for skill in skills:
        order.setdefault(skill.family.strip(), []).append(skill)
    named = [FamilyGroup(name, tuple(found)) for name, found in order.items() if name]
    if "" in order:
        named.append(FamilyGroup("", tuple(order[""])))
    return tuple(named)


def filter_problems(company: Company, chosen: MatrixFilter) -> list[str]:
    """Why ``chosen`` cannot be printed: a site, department or job nobody in the company
    has (each a sentence naming the ones there are)."""
    problems = []
    checks = (
        (chosen.site, {e.site for e in company.employees if e.site}, _("no site {value}")),
        (
            chosen.department,
            {e.department for e in company.employees if e.department},
            _("no department {value}"),
        ),
        (
            chosen.job,
            {e.job_title for e in company.employees if e.job_title}
            | {job.title for job in company.jobs},
            _("no job {value}"),
        ),
    )
    for value, known, message in checks:
        if value and value not in known:
            listed = ", ".join(sorted(known)) or "-"
            problems.append(
                _("{problem} in the company (there are: {known})").format(
                    problem=message.format(value=value), known=listed
                )
            )
    return problems


def _columns(company: Company, chosen: MatrixFilter) -> tuple[Skill, ...]:
    """Every skill of the catalogue; for a job that names its needs, those skills only."""
    if chosen.job:
        job = next((j for j in company.jobs if j.title == chosen.job), None)
        if job is not None and job.needs:
            wanted = {need.skill for need in job.needs}
            return tuple(skill for skill in company.skills if skill.id in wanted)
    return company.skills


def _row(
    employee: Employee,
    skills: Sequence[Skill],
    needs: dict[str, int],
    as_of: date,
    horizon: date,
) -> tuple[MatrixCell, ...]:
    newest = current_levels(entry for entry in employee.skill_levels if entry.date <= as_of)
    cells = []
    for skill in skills:
        entry = newest.get(skill.id)
        needed = needs.get(skill.id)
        if entry is None:
            cells.append(MatrixCell(None, needed))
            continue
        lapses = expiry(skill, entry)
        lapsed = lapses is not None and lapses <= as_of
        cells.append(
            MatrixCell(
                level=int(LOWEST) if lapsed else entry.level,
                needed=needed,
                expires=lapses,
                lapsed=lapsed,
                expiring=lapses is not None and not lapsed and lapses <= horizon,
                entry=entry,
            )
        )
    return tuple(cells)


def skills_grid(company: Company, as_of: date, chosen: MatrixFilter | None = None) -> SkillsGrid:
    """The matrix of ``company`` on ``as_of``: the employees present that day whom
    ``chosen`` includes, by last then first name; the catalogue's skills by family."""
    chosen = chosen or MatrixFilter()
    employees = tuple(
        sorted(
            (e for e in company.employees if e.present_on(as_of) and chosen.includes(e)),
            key=lambda e: (e.last_name.casefold(), e.first_name.casefold(), e.ref),
        )
    )
    families = grouped(_columns(company, chosen))
    skills = [skill for family in families for skill in family.skills]
    jobs = needs_by_job(company.jobs)
    horizon_days = company.settings.effective("due_soon_days")
    assert isinstance(horizon_days, int)
    horizon = as_of + timedelta(days=horizon_days)
    cells = tuple(
        _row(employee, skills, needs_of(jobs, employee.job_title), as_of, horizon)
        for employee in employees
    )
    return SkillsGrid(as_of, chosen, employees, families, cells, horizon_days)
