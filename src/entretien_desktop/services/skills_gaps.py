"""The skills map's risks and gaps: what the matrix says the company lacks, or will lack,
on a day, each as a sentence people read and the employees it is about.

Only the employees present on the day count (``Employee.present_on``). A skill is *held*
at the autonomous level or above (``HOLDING``), a lapsed certification not counting
(``domain.skills.level_on``). The gaps, in the order the risks panel shows them:

- nobody holds a skill a job of someone present, or a staffing need, asks for;
- one person only holds a skill;
- a holder leaves (exit date) or reaches the end-of-career age (the rules' own age,
  ``rules.age.end_of_career_day``) within ``LEAVING_YEARS``, and is then the only holder,
  or the holders left fall below a staffing need met today;
- a site or team has fewer people at a staffing need's level than it needs;
- someone is below the level their job (``job_title`` -> ``Job.needs``) needs, one gap
  per person and skill (a lapsed certification is the next kind's, not this one's);
- a certification someone's job needs lapses within the company's due-soon horizon
  (``due_soon_days``, as the obligations read it) or has lapsed;
- a certification someone holds without their job needing it lapses within that
  horizon: a notice.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from entretien_desktop.domain import Company, Employee, Job, Level, Skill, SkillLevel, StaffingNeed
from entretien_desktop.domain.skills import (
    current_levels,
    expiry,
    job_key,
    needs_by_job,
    needs_of,
)
from entretien_desktop.i18n import _, ngettext, prose_date
from entretien_desktop.rules import regimes as law
from entretien_desktop.rules.age import end_of_career_day
from entretien_desktop.rules.calendar import add_months
from entretien_desktop.services.skill_words import level_label

HOLDING = Level.AUTONOMOUS
"""The level from which someone holds a skill (can do the work alone)."""
LEAVING_YEARS = 2
"""How far ahead a holder's exit or end of career is a risk."""


class GapKind(StrEnum):
    NO_HOLDER = "no_holder"
    SINGLE_HOLDER = "single_holder"
    HOLDER_LEAVING = "holder_leaving"
    STAFFING = "staffing"
    UNDER_LEVEL = "under_level"
    CERTIFICATION = "certification"
    EXPIRY_NOTICE = "expiry_notice"


KIND_ORDER = tuple(GapKind)

PERSONAL_KINDS = frozenset({GapKind.UNDER_LEVEL, GapKind.CERTIFICATION, GapKind.EXPIRY_NOTICE})
"""The gaps closed by training the one employee they name; for the others, whoever should
be trained is chosen (``training_candidates``)."""


def gap_kind_label(kind: GapKind) -> str:
    """A kind of gap as the risks panel titles it."""
    labels = {
        GapKind.NO_HOLDER: _("Skills nobody holds"),
        GapKind.SINGLE_HOLDER: _("Skills held by one person only"),
        GapKind.HOLDER_LEAVING: _("Holders leaving within two years"),
        GapKind.STAFFING: _("Staffing needs not met"),
        GapKind.UNDER_LEVEL: _("Below the level of their job"),
        GapKind.CERTIFICATION: _("Certifications lapsing or lapsed"),
        GapKind.EXPIRY_NOTICE: _("Certifications expiring soon"),
    }
    return labels[kind]


@dataclass(frozen=True, slots=True)
class Gap:
    """One risk or gap of the skills map."""

    kind: GapKind
    skill: Skill
    level: int
    """The level wanted: the job's, the staffing need's, or ``HOLDING``."""
    employees: tuple[Employee, ...]
    """Who it is about: the person below their level or whose certification lapses, the
    single or leaving holder, a place's holders (none when nobody holds the skill)."""
    day: dt.date | None
    """The day that matters: a lapse, an exit, the end-of-career birthday."""
    sentence: str
    site: str = ""
    department: str = ""

    @property
    def trainee(self) -> Employee | None:
        """The employee to train, when the gap names them (``None``: to be chosen)."""
        return self.employees[0] if self.kind in PERSONAL_KINDS and self.employees else None

    @property
    def key(self) -> tuple[str, str, tuple[str, ...], str, str]:
        """What names the gap across changes (the panel keeps a choice on it)."""
        refs = tuple(e.ref for e in self.employees)
        return (self.kind.value, self.skill.id, refs, self.site, self.department)


def place_text(site: str, department: str) -> str:
    """Where a staffing need applies, as people read it."""
    parts = [part for part in (site, department) if part]
    return " · ".join(parts) if parts else _("The whole company")


def at_place(employee: Employee, site: str, department: str) -> bool:
    """Whether ``employee`` works at ``site`` and in ``department`` (empty: any)."""
    return (not site or employee.site == site) and (
        not department or employee.department == department
    )


def in_scope(employee: Employee, need: StaffingNeed) -> bool:
    """Whether ``employee`` counts for ``need`` (an empty site or department is any)."""
    return at_place(employee, need.site, need.department)


def gap_concerns(gap: Gap, site: str, department: str) -> bool:
    """Whether ``gap`` concerns ``site`` and ``department`` (empty: any): a place's need
    by its place, the others by the employees they name; a skill nobody holds concerns
    every place."""
    if gap.site or gap.department:
        return (not site or gap.site in ("", site)) and (
            not department or gap.department in ("", department)
        )
    return not gap.employees or any(at_place(e, site, department) for e in gap.employees)


class SkillsMap:
    """The matrix on one day: who is present, each one's level in each skill, each one's
    job; read once, asked many times."""

    def __init__(self, company: Company, day: dt.date) -> None:
        self.company, self.day = company, day
        self.skills = {skill.id: skill for skill in company.skills}
        self.present = [e for e in company.employees if e.present_on(day)]
        self._jobs = {job_key(job.title): job for job in company.jobs}
        self._job_needs = needs_by_job(company.jobs)
        self._newest: dict[str, dict[str, SkillLevel]] = {}
        self._levels: dict[str, dict[str, int]] = {}
        self._by_skill: dict[str, list[tuple[Employee, int]]] = defaultdict(list)
        for employee in self.present:
            by_skill: dict[str, list[SkillLevel]] = defaultdict(list)
            for assessed in employee.skill_levels:
                by_skill[assessed.skill].append(assessed)
            newest = self._newest.setdefault(employee.ref, {})
            levels = self._levels.setdefault(employee.ref, {})
            for skill_id, entries in by_skill.items():
                skill = self.skills.get(skill_id)
                entry = current_levels(e for e in entries if e.date <= day).get(skill_id)
                if skill is None or entry is None:
                    continue
                newest[skill_id] = entry
                lapses = expiry(skill, entry)
                # As domain.skills.level_on reads it: 0 once a certification has lapsed.
                lapsed = lapses is not None and lapses <= day
                levels[skill_id] = int(Level.NOT_TRAINED) if lapsed else entry.level
            for skill_id, held in self._levels[employee.ref].items():
                self._by_skill[skill_id].append((employee, held))

    def level(self, employee: Employee, skill_id: str) -> int:
        """The level held on the day (0 when never assessed or lapsed)."""
        return self._levels.get(employee.ref, {}).get(skill_id, int(Level.NOT_TRAINED))

    def newest(self, employee: Employee, skill_id: str) -> SkillLevel | None:
        """The newest entry dated on or before the day (lapsed or not)."""
        return self._newest.get(employee.ref, {}).get(skill_id)

    def job(self, employee: Employee) -> Job | None:
        return self._jobs.get(job_key(employee.job_title)) if employee.job_title else None

    def holders(self, skill_id: str, level: int = HOLDING) -> list[Employee]:
        """The present employees at ``level`` or above, in the company's order."""
        return [e for e, held in self._by_skill.get(skill_id, ()) if held >= level]

    def job_needs(self, employee: Employee) -> dict[str, int]:
        """Skill id -> the level ``employee``'s job needs (empty without a known job)."""
        return needs_of(self._job_needs, employee.job_title)

    def needs(self, employee: Employee, skill_id: str) -> int | None:
        """The level ``employee``'s job needs in the skill (``None``: it does not)."""
        return self.job_needs(employee).get(skill_id)

    def assessed(self, employee: Employee) -> Collection[str]:
        """The ids of the skills of the catalogue ``employee`` has a level in."""
        return self._levels.get(employee.ref, {}).keys()


def leaving_day(employee: Employee, day: dt.date) -> tuple[dt.date, bool] | None:
    """The day ``employee`` leaves (``True``) or reaches the end-of-career age (``False``)
    within ``LEAVING_YEARS`` of ``day``, the earlier of the two; ``None`` when neither."""
    horizon = add_months(day, 12 * LEAVING_YEARS)
    found: list[tuple[dt.date, bool]] = []
    if employee.exit_date is not None and day <= employee.exit_date <= horizon:
        found.append((employee.exit_date, True))
    if employee.birth_date is not None:
        end = end_of_career_day(employee.birth_date)
        if day <= end <= horizon:
            found.append((end, False))
    return min(found) if found else None


def skill_gaps(company: Company, day: dt.date) -> list[Gap]:
    """Every risk and gap of ``company``'s skills map on ``day``, in the panel's order:
    by kind, then skill, then day, then employee."""
    matrix = SkillsMap(company, day)
    due_soon = company.settings.effective("due_soon_days")
    assert isinstance(due_soon, int)
    found = [
        *_holder_gaps(matrix),
        *_leaving_gaps(matrix),
        *_staffing_gaps(matrix),
        *_personal_gaps(matrix, day + dt.timedelta(days=due_soon)),
    ]
    return sorted(found, key=_order)


def _order(gap: Gap) -> tuple[int, str, str, str]:
    first = gap.employees[0].full_name.casefold() if gap.employees else ""
    day = gap.day.isoformat() if gap.day is not None else ""
    return (KIND_ORDER.index(gap.kind), gap.skill.name.casefold() + "\0" + gap.skill.id, day, first)


def _asked_for(matrix: SkillsMap) -> dict[str, list[str]]:
    """Skill id -> what asks for it: the jobs of present employees, the staffing needs."""
    asked: dict[str, list[str]] = defaultdict(list)
    for employee in matrix.present:
        job = matrix.job(employee)
        for need in job.needs if job is not None else ():
            if (
                need.level > Level.NOT_TRAINED
                and job is not None
                and job.title not in asked[need.skill]
            ):
                asked[need.skill].append(job.title)
    for staffing in matrix.company.staffing:
        place = place_text(staffing.site, staffing.department)
        wanted = staffing.count > 0 and staffing.level > Level.NOT_TRAINED
        if wanted and place not in asked[staffing.skill]:
            asked[staffing.skill].append(place)
    return asked


def _holder_gaps(matrix: SkillsMap) -> Iterable[Gap]:
    asked = _asked_for(matrix)
    for skill in matrix.company.skills:
        holders = matrix.holders(skill.id)
        if not holders and asked.get(skill.id):
            sentence = _(
                "Nobody holds {skill} at the autonomous level or above; needed by: {needs}."
            ).format(skill=skill.name, needs=", ".join(asked[skill.id]))
            yield Gap(GapKind.NO_HOLDER, skill, HOLDING, (), None, sentence)
        elif len(holders) == 1:
            sentence = _("Only {name} holds {skill} at the autonomous level or above.").format(
                name=holders[0].full_name, skill=skill.name
            )
            yield Gap(GapKind.SINGLE_HOLDER, skill, HOLDING, (holders[0],), None, sentence)


def _leaving_gaps(matrix: SkillsMap) -> Iterable[Gap]:
    day = matrix.day
    leaving = {e.ref: leaving_day(e, day) for e in matrix.present}

    def stays_after(other: Employee, until: dt.date) -> bool:
        gone = leaving[other.ref]
        return gone is None or gone[0] > until

    for skill in matrix.company.skills:
        holders = matrix.holders(skill.id)
        for holder in holders:
            gone = leaving[holder.ref]
            if gone is None:
                continue
            when, exits = gone
            others = [h for h in holders if h is not holder and stays_after(h, when)]
            if not others:
                yield Gap(
                    GapKind.HOLDER_LEAVING,
                    skill,
                    HOLDING,
                    (holder,),
                    when,
                    _alone_sentence(holder, skill, when, exits),
                )
                continue
            for need in matrix.company.staffing:
                if need.skill != skill.id or not in_scope(holder, need):
                    continue
                if matrix.level(holder, skill.id) < need.level:
                    continue
                counted = [e for e in matrix.holders(skill.id, need.level) if in_scope(e, need)]
                left = [e for e in counted if e is not holder and stays_after(e, when)]
                if len(counted) >= need.count > len(left):
                    sentence = _short_sentence(holder, skill, gone, need, len(left))
                    yield Gap(
                        GapKind.HOLDER_LEAVING,
                        skill,
                        need.level,
                        (holder,),
                        when,
                        sentence,
                        need.site,
                        need.department,
                    )
                    break


def _alone_sentence(holder: Employee, skill: Skill, when: dt.date, exits: bool) -> str:
    if exits:
        text = _(
            "{name} leaves on {date} and is the only one holding {skill} at the autonomous "
            "level or above."
        )
    else:
        text = _(
            "{name} reaches the end-of-career age ({age}) on {date} and is the only one "
            "holding {skill} at the autonomous level or above."
        )
    return text.format(
        name=holder.full_name,
        date=prose_date(when),
        skill=skill.name,
        age=law.END_OF_CAREER_AGE,
    )


def _short_sentence(
    holder: Employee, skill: Skill, gone: tuple[dt.date, bool], need: StaffingNeed, left: int
) -> str:
    when, exits = gone
    if exits:
        text = ngettext(
            "{name} leaves on {date}: {place} would then have {left} of the {count} person "
            "needed at “{level}” or above in {skill}.",
            "{name} leaves on {date}: {place} would then have {left} of the {count} people "
            "needed at “{level}” or above in {skill}.",
            need.count,
        )
    else:
        text = ngettext(
            "{name} reaches the end-of-career age ({age}) on {date}: {place} would then "
            "have {left} of the {count} person needed at “{level}” or above in {skill}.",
            "{name} reaches the end-of-career age ({age}) on {date}: {place} would then "
            "have {left} of the {count} people needed at “{level}” or above in {skill}.",
            need.count,
        )
    return text.format(
        name=holder.full_name,
        date=prose_date(when),
        age=law.END_OF_CAREER_AGE,
        place=place_text(need.site, need.department),
        left=left,
        count=need.count,
        level=level_label(need.level),
        skill=skill.name,
    )


def _staffing_gaps(matrix: SkillsMap) -> Iterable[Gap]:
    for need in matrix.company.staffing:
        skill = matrix.skills.get(need.skill)
        if skill is None or need.count <= 0:
            continue
        held = [e for e in matrix.holders(skill.id, need.level) if in_scope(e, need)]
        if len(held) >= need.count:
            continue
        sentence = ngettext(
            "{place} has {held} of the {count} person needed at “{level}” or above in {skill}.",
            "{place} has {held} of the {count} people needed at “{level}” or above in {skill}.",
            need.count,
        ).format(
            place=place_text(need.site, need.department),
            held=len(held),
            count=need.count,
            level=level_label(need.level),
            skill=skill.name,
        )
        yield Gap(
            GapKind.STAFFING,
            skill,
            need.level,
            tuple(held),
            None,
            sentence,
            need.site,
            need.department,
        )


def _personal_gaps(matrix: SkillsMap, horizon: dt.date) -> Iterable[Gap]:
    """Below the job's level, and certifications lapsing by ``horizon``."""
    for employee in matrix.present:
        job = matrix.job(employee)
        needs = matrix.job_needs(employee)
        mine = set(needs) | {s for s in matrix.assessed(employee) if matrix.skills[s].expires}
        for skill in matrix.company.skills:
            if skill.id not in mine:
                continue
            needed = needs.get(skill.id)
            newest = matrix.newest(employee, skill.id) if skill.expires else None
            lapses = expiry(skill, newest) if newest is not None else None
            if lapses is not None and lapses <= horizon and needed is not None and job:
                text = (
                    _("{name}'s {skill} lapsed on {date}; the job {job} needs it.")
                    if lapses <= matrix.day
                    else _("{name}'s {skill} expires on {date}; the job {job} needs it.")
                )
                sentence = text.format(
                    name=employee.full_name,
                    skill=skill.name,
                    date=prose_date(lapses),
                    job=job.title,
                )
                level = max(needed, int(Level.IN_TRAINING))
                yield Gap(GapKind.CERTIFICATION, skill, level, (employee,), lapses, sentence)
            elif lapses is not None and matrix.day < lapses <= horizon:
                assert newest is not None
                sentence = _("{name}'s {skill} expires on {date}.").format(
                    name=employee.full_name, skill=skill.name, date=prose_date(lapses)
                )
                yield Gap(GapKind.EXPIRY_NOTICE, skill, newest.level, (employee,), lapses, sentence)
            if needed is None or job is None:
                continue
            held = matrix.level(employee, skill.id)
            if held >= needed:
                continue
            lapsed = lapses is not None and lapses <= matrix.day
            if lapsed and newest is not None and newest.level >= needed:
                continue  # held but lapsed: the certification's gap says it
            sentence = _(
                "{name} is at “{held}” in {skill}; the job {job} needs “{needed}”."
            ).format(
                name=employee.full_name,
                held=level_label(held),
                skill=skill.name,
                job=job.title,
                needed=level_label(needed),
            )
            yield Gap(GapKind.UNDER_LEVEL, skill, needed, (employee,), None, sentence)


def training_candidates(matrix: SkillsMap, gap: Gap) -> list[Employee]:
    """Whom to train to close ``gap`` (``matrix``: the company on the day): the employee
    it names, or the present employees below its level (in its place for a staffing
    need's), those whose job needs the skill first, then the nearest to the level, then by
    name."""
    if gap.trainee is not None:
        return [gap.trainee]
    holders = {e.ref for e in gap.employees}
    found = [
        e
        for e in matrix.present
        if e.ref not in holders
        and matrix.level(e, gap.skill.id) < gap.level
        and at_place(e, gap.site, gap.department)
    ]

    def rank(employee: Employee) -> tuple[bool, int, str]:
        needed = matrix.needs(employee, gap.skill.id)
        return (needed is None, -matrix.level(employee, gap.skill.id), employee.full_name)

    return sorted(found, key=rank)


def gaps_by_kind(gaps: Sequence[Gap]) -> dict[GapKind, list[Gap]]:
    """``gaps`` grouped by kind, in the panel's order (kinds without gaps left out)."""
    grouped: dict[GapKind, list[Gap]] = {}
    for gap in gaps:
        grouped.setdefault(gap.kind, []).append(gap)
    return {kind: grouped[kind] for kind in KIND_ORDER if kind in grouped}
