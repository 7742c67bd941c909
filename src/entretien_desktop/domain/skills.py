"""The skills map's vocabulary: the company's catalogue of skills, what each job needs,
how many people a site or team needs at each level, and each employee's levels over time.

A level is a whole number on one scale for every skill (``LEVELS``): 0 not trained,
1 in training, 2 autonomous, 3 can train others. An employee's levels are a history: each
``SkillLevel`` is a level reached (or assessed) on a day, from a source; the current level
of a skill is the newest entry's (the later one in the history when two share a day).
A skill with ``expires_after_months`` is a certification or licence (CACES, habilitation
électrique, SST...): a level reached on a day holds for that many months, then lapses.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import IntEnum, StrEnum


class Level(IntEnum):
    NOT_TRAINED = 0
    IN_TRAINING = 1
    AUTONOMOUS = 2
    CAN_TRAIN = 3


LEVELS: tuple[Level, ...] = tuple(Level)
LOWEST, HIGHEST = Level.NOT_TRAINED, Level.CAN_TRAIN


class SkillSource(StrEnum):
    """Where a level comes from."""

    INTERVIEW = "interview"
    TRAINING = "training"
    ASSESSMENT = "assessment"


@dataclass(frozen=True, slots=True)
class Skill:
    """One entry of the company's catalogue. ``id`` is the company's own short code
    (``"cnc-5axes"``), unique in the catalogue and never shown in place of the name."""

    id: str
    name: str
    family: str = ""
    expires_after_months: int | None = None

    @property
    def expires(self) -> bool:
        return self.expires_after_months is not None


@dataclass(frozen=True, slots=True)
class SkillNeed:
    """A skill a job needs, at least at ``level``."""

    skill: str
    level: int


@dataclass(frozen=True, slots=True)
class Job:
    """A job title (or workstation) as the employees' ``job_title`` names it, and the
    skills it needs."""

    title: str
    needs: tuple[SkillNeed, ...] = ()


@dataclass(frozen=True, slots=True)
class StaffingNeed:
    """How many people a site or a team needs at ``level`` or above in a skill. An empty
    ``site`` or ``department`` is any: ``StaffingNeed("sst", 2, 2)`` is two autonomous
    first-aiders in the whole company."""

    skill: str
    level: int
    count: int
    site: str = ""
    department: str = ""


@dataclass(frozen=True, slots=True)
class SkillLevel:
    """An employee's level in a skill from ``date`` on, and where it comes from (an
    interview's public id in ``reference`` when the source is an interview)."""

    skill: str
    level: int
    date: dt.date
    source: SkillSource = SkillSource.ASSESSMENT
    reference: str = ""
    note: str = ""


class RequestState(StrEnum):
    REQUESTED = "requested"
    APPROVED = "approved"
    REFUSED = "refused"
    DONE = "done"


@dataclass(frozen=True, slots=True)
class SkillRequest:
    """A training requested to close a gap of the skills map, on the training plan beside
    the requests made in interviews (and shown in the employee's next interview form)."""

    id: str
    skill: str
    title: str
    requested_on: dt.date
    reason: str = ""
    status: RequestState = RequestState.REQUESTED


def job_key(title: str) -> str:
    """A job title as it is matched: case and spacing left aside ("Menuisier " is
    "menuisier")."""
    return " ".join(title.split()).casefold()


def needs_by_job(jobs: Iterable[Job]) -> dict[str, dict[str, int]]:
    """Each job's needed level by skill, in the job's order, keyed by ``job_key``; a title
    listed twice keeps the higher level of a skill."""
    found: dict[str, dict[str, int]] = {}
    for job in jobs:
        needs = found.setdefault(job_key(job.title), {})
        for need in job.needs:
            needs[need.skill] = max(need.level, needs.get(need.skill, need.level))
    return found


def needs_of(needs: dict[str, dict[str, int]], title: str) -> dict[str, int]:
    """What the job titled ``title`` needs (``needs`` from ``needs_by_job``): every screen
    and output reads an employee's job this one way."""
    return needs.get(job_key(title), {}) if title.strip() else {}


def current_levels(history: Iterable[SkillLevel]) -> dict[str, SkillLevel]:
    """Each skill's newest entry: the latest date wins, and of two on one day, the later
    one in ``history``."""
    newest: dict[str, SkillLevel] = {}
    for entry in history:
        held = newest.get(entry.skill)
        if held is None or entry.date >= held.date:
            newest[entry.skill] = entry
    return newest


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus ``months``, on the month's last day when it has no such day."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def expiry(skill: Skill, entry: SkillLevel) -> dt.date | None:
    """The day a certified level lapses (``None`` for a skill that does not expire, or a
    level 0 that certifies nothing)."""
    if skill.expires_after_months is None or entry.level <= LOWEST:
        return None
    return add_months(entry.date, skill.expires_after_months)


def level_on(skill: Skill, history: Iterable[SkillLevel], day: dt.date) -> int:
    """The level an employee holds in ``skill`` on ``day``: the newest entry dated on or
    before it, 0 when there is none or when a certification has lapsed by then."""
    dated = [e for e in history if e.skill == skill.id and e.date <= day]
    entry = current_levels(dated).get(skill.id)
    if entry is None:
        return int(LOWEST)
    lapses = expiry(skill, entry)
    if lapses is not None and lapses <= day:
        return int(LOWEST)
    return entry.level
