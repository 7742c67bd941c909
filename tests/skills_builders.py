"""Companies with a skills map, for the printed and exported matrix's tests and bench: a
joinery of ``people`` employees and ``skills`` skills in families, levels recorded over
the years, certifications (some lapsed, some lapsing soon), jobs that need skills."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta

from entretien_desktop.domain import (
    Company,
    Contract,
    Employee,
    Job,
    Skill,
    SkillLevel,
    SkillNeed,
    SkillSource,
)

AS_OF = date(2026, 6, 15)

FAMILIES = (
    (
        "Usinage",
        (
            "Scie a format",
            "Toupie",
            "Degauchisseuse",
            "Raboteuse",
            "Mortaiseuse",
            "Centre d'usinage CN 5 axes - programmation FAO",
            "Tenonneuse",
        ),
    ),
    ("Assemblage", ("Collage", "Assemblage tenon-mortaise", "Quincaillerie", "Montage")),
    ("Finition", ("Poncage", "Vernis au pistolet", "Teinte", "Laque polyurethane")),
    ("Securite", ("CACES R489 chariot", "Habilitation electrique B0", "SST sauveteur secouriste")),
    ("Pose", ("Pose de menuiseries exterieures", "Pose d'escaliers", "Metre sur chantier")),
)
CERTIFICATIONS = {
    "CACES R489 chariot": 60,
    "Habilitation electrique B0": 36,
    "SST sauveteur secouriste": 24,
}
FIRST = (
    "Alice",
    "Bruno",
    "Chloe",
    "David",
    "Emma",
    "Farid",
    "Gaelle",
    "Hugo",
    "Ines",
    "Jules",
    "Karim",
    "Lea",
    "Marc",
    "Nina",
    "Olivier",
    "Pauline",
    "Quentin",
    "Rose",
    "Sami",
    "Theo",
)
LAST = (
    "Martin",
    "Bernard",
    "Dubois",
    "Thomas",
    "Robert",
    "Richard",
    "Petit",
    "Durand",
    "Leroy",
    "Moreau",
    "Simon",
    "Laurent",
    "Lefebvre",
    "Michel",
    "Garcia",
    "David",
    "Bertrand",
    "Roux",
    "Vincent",
    "Fournier",
)
SITES = ("Lyon", "Villeurbanne")
DEPARTMENTS = ("Atelier", "Chantier")
JOBS = ("Menuisier", "Poseur", "Vernisseur", "Chef d'atelier")


def skill_catalogue(count: int) -> tuple[Skill, ...]:
    """``count`` skills: the joinery's own, then numbered ones in the same families."""
    skills: list[Skill] = []
    number = 0
    while len(skills) < count:
        for family, names in FAMILIES:
            for name in names:
                if len(skills) >= count:
                    break
                label = name if number == 0 else f"{name} {number + 1}"
                skills.append(Skill(f"s{len(skills) + 1}", label, family, CERTIFICATIONS.get(name)))
        number += 1
    return tuple(sorted(skills, key=lambda s: [f for f, _n in FAMILIES].index(s.family)))


def skills_company(people: int = 20, skills: int = 30, seed: int = 21) -> Company:
    """A joinery with a skills map on ``AS_OF``."""
    chance = random.Random(seed)
    catalogue = skill_catalogue(skills)
    jobs = tuple(
        Job(
            title,
            tuple(
                SkillNeed(s.id, chance.choice((1, 2, 2, 3)))
                for s in chance.sample(catalogue, min(6, len(catalogue)))
            ),
        )
        for title in JOBS
    )
    employees = []
    for index in range(people):
        levels = []
        for skill in catalogue:
            roll = chance.random()
            if roll < 0.45:
                continue
            day = AS_OF - timedelta(days=chance.randint(10, 2000))
            levels.append(SkillLevel(skill.id, chance.randint(0, 3), day, SkillSource.ASSESSMENT))
            if roll > 0.9:  # a later entry: the history keeps both
                later = day + timedelta(days=chance.randint(1, 300))
                if later <= AS_OF:
                    levels.append(
                        SkillLevel(
                            skill.id,
                            chance.randint(1, 3),
                            later,
                            SkillSource.TRAINING,
                            note="stage",
                        )
                    )
        employees.append(
            Employee(
                ref=f"E{index + 1}",
                first_name=FIRST[index % len(FIRST)],
                last_name=f"{LAST[(index // len(FIRST)) % len(LAST)]}"
                + (f"-{index // (len(FIRST) * len(LAST))}" if index >= 400 else ""),
                hire_date=date(2015, 1, 5) + timedelta(days=index * 7),
                contract=Contract.PERMANENT,
                job_title=JOBS[index % len(JOBS)],
                site=SITES[index % 2],
                department=DEPARTMENTS[(index // 2) % 2],
                skill_levels=tuple(levels),
            )
        )
    return Company(
        name="Menuiserie Lefèvre & Fils",
        country="FR",
        headcount=people,
        headcount_date=date(2026, 1, 1),
        employees=tuple(employees),
        skills=catalogue,
        jobs=jobs,
    )


def with_levels(company: Company, ref: str, *levels: SkillLevel) -> Company:
    """``company`` with employee ``ref``'s history replaced by ``levels``."""
    employees = tuple(
        replace(e, skill_levels=tuple(levels)) if e.ref == ref else e for e in company.employees
    )
    return replace(company, employees=employees)
