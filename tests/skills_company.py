"""A joinery workshop's skills map for the tests of its risks and gaps (and the panel's
pictures): two sites, a catalogue with three certifications, four jobs, two staffing needs,
and six people whose levels make one gap of each kind on ``TODAY`` (22 Nov 2026)."""

from __future__ import annotations

from datetime import date

from entretien_desktop.domain import (
    Company,
    Contract,
    Employee,
    Job,
    Skill,
    SkillLevel,
    SkillNeed,
    SkillSource,
    StaffingNeed,
)
from tests.helpers import TODAY

__all__ = ["TODAY", "joinery", "person"]

WORKSHOP, SITES = "Atelier de Lyon", "Chantiers"

SKILLS = (
    Skill("cnc", "CNC 5 axes", "Usinage"),
    Skill("veneer", "Placage et marqueterie", "Ebenisterie"),
    Skill("finish", "Finition vernis", "Finition"),
    Skill("fitting", "Pose en chantier", "Pose"),
    Skill("caces", "CACES R489 cat. 3", "Securite", expires_after_months=60),
    Skill("sst", "Sauveteur secouriste du travail", "Securite", expires_after_months=24),
    Skill("elec", "Habilitation electrique B1V", "Securite", expires_after_months=36),
)

JOBS = (
    Job("Menuisier d'atelier", (SkillNeed("cnc", 2), SkillNeed("finish", 1))),
    Job("Cariste", (SkillNeed("caces", 2),)),
    Job("Poseur", (SkillNeed("fitting", 2), SkillNeed("elec", 2))),
    Job("Ebeniste", (SkillNeed("veneer", 3),)),
)

STAFFING = (
    StaffingNeed("sst", 2, 2, site=WORKSHOP),
    StaffingNeed("cnc", 2, 2, site=WORKSHOP),
)


def level(skill: str, value: int, day: date) -> SkillLevel:
    return SkillLevel(skill, value, day, SkillSource.ASSESSMENT)


def person(
    ref: str,
    first: str,
    last: str,
    job: str,
    *levels: SkillLevel,
    site: str = WORKSHOP,
    birth: date | None = None,
    exit_date: date | None = None,
) -> Employee:
    return Employee(
        ref=ref,
        first_name=first,
        last_name=last,
        hire_date=date(2015, 9, 1),
        contract=Contract.PERMANENT,
        birth_date=birth or date(1985, 4, 2),
        exit_date=exit_date,
        job_title=job,
        site=site,
        department="Production",
        skill_levels=levels,
    )


def joinery() -> Company:
    """Bernard (cnc 3, sst) reaches 60 on 10 May 2027; Camille is below her job in CNC;
    Julien's CACES lapses on 20 Dec 2026; Sophie alone holds veneering; Hugo's electrical
    clearance lapsed on 1 Jun 2026 and he leaves on 31 Mar 2027; Lea fits and is cleared."""
    employees = (
        person(
            "M1",
            "Bernard",
            "Arnaud",
            "Menuisier d'atelier",
            level("cnc", 3, date(2015, 10, 1)),
            level("finish", 2, date(2016, 1, 4)),
            level("sst", 2, date(2025, 3, 1)),
            birth=date(1967, 5, 10),
        ),
        person(
            "M2",
            "Camille",
            "Roux",
            "Menuisier d'atelier",
            level("cnc", 1, date(2026, 2, 1)),
            level("finish", 2, date(2024, 6, 3)),
        ),
        person("M3", "Julien", "Petit", "Cariste", level("caces", 2, date(2021, 12, 20))),
        person("M4", "Sophie", "Marchand", "Ebeniste", level("veneer", 3, date(2012, 5, 1))),
        person(
            "M5",
            "Hugo",
            "Lambert",
            "Poseur",
            level("fitting", 2, date(2019, 3, 1)),
            level("elec", 2, date(2023, 6, 1)),
            site=SITES,
            exit_date=date(2027, 3, 31),
        ),
        person(
            "M6",
            "Lea",
            "Fontaine",
            "Poseur",
            level("fitting", 3, date(2018, 3, 1)),
            level("elec", 2, date(2025, 1, 10)),
            site=SITES,
        ),
    )
    return Company(
        name="Menuiserie Arnaud",
        country="FR",
        headcount=6,
        headcount_date=date(2026, 1, 1),
        employees=employees,
        skills=SKILLS,
        jobs=JOBS,
        staffing=STAFFING,
    )
