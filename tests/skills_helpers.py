"""A joinery's skills map for the matrix page's tests and screenshots: 20 people on two
sites, a catalogue of four families (Machines, Finition, Pose, Sécurité) with two
certifications, three jobs' needs and two staffing needs."""

from __future__ import annotations

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
    StaffingNeed,
)

SKILLS = (
    Skill("cnc", "Commande numérique 5 axes", "Machines"),
    Skill("scie", "Scie à format", "Machines"),
    Skill("toupie", "Toupie", "Machines"),
    Skill("placage", "Placage", "Finition"),
    Skill("vernis", "Vernissage en cabine", "Finition"),
    Skill("teinte", "Teinte et patine", "Finition"),
    Skill("pose-int", "Pose intérieure", "Pose"),
    Skill("pose-ext", "Pose de menuiseries extérieures", "Pose"),
    Skill("metre", "Métré sur chantier", "Pose"),
    Skill("caces", "CACES R489 chariot", "Sécurité", 60),
    Skill("sst", "Sauveteur secouriste du travail", "Sécurité", 24),
    Skill("hab-elec", "Habilitation électrique B0", "Sécurité", 36),
)

JOBS = (
    Job("Menuisier d'atelier", (SkillNeed("cnc", 2), SkillNeed("scie", 2), SkillNeed("toupie", 1))),
    Job("Finisseur", (SkillNeed("vernis", 2), SkillNeed("teinte", 2), SkillNeed("placage", 1))),
    Job("Poseur", (SkillNeed("pose-int", 2), SkillNeed("pose-ext", 2), SkillNeed("metre", 1))),
)

STAFFING = (
    StaffingNeed("sst", 2, 2, site="Villeurbanne"),
    StaffingNeed("caces", 2, 1, site="Vénissieux"),
)

PEOPLE = (
    ("J01", "Hélène", "Martin", "Menuisier d'atelier", "Atelier", "Villeurbanne"),
    ("J02", "Marc", "Petit", "Menuisier d'atelier", "Atelier", "Villeurbanne"),
    ("J03", "Sophie", "Durand", "Finisseur", "Finition", "Villeurbanne"),
    ("J04", "Karim", "Benali", "Poseur", "Chantiers", "Vénissieux"),
    ("J05", "Julie", "Moreau", "Finisseur", "Finition", "Villeurbanne"),
    ("J06", "Thomas", "Lefebvre", "Poseur", "Chantiers", "Vénissieux"),
    ("J07", "Nadia", "Girard", "Menuisier d'atelier", "Atelier", "Vénissieux"),
    ("J08", "Pierre", "Roux", "Poseur", "Chantiers", "Villeurbanne"),
    ("J09", "Camille", "Fournier", "Finisseur", "Finition", "Vénissieux"),
    ("J10", "Lucas", "Bonnet", "Menuisier d'atelier", "Atelier", "Villeurbanne"),
    ("J11", "Emma", "Lambert", "Poseur", "Chantiers", "Vénissieux"),
    ("J12", "Antoine", "Fontaine", "Menuisier d'atelier", "Atelier", "Vénissieux"),
    ("J13", "Léa", "Chevalier", "Finisseur", "Finition", "Villeurbanne"),
    ("J14", "Hugo", "Robin", "Poseur", "Chantiers", "Villeurbanne"),
    ("J15", "Manon", "Gauthier", "Menuisier d'atelier", "Atelier", "Villeurbanne"),
    ("J16", "Nicolas", "Perrin", "Chef d'atelier", "Atelier", "Villeurbanne"),
    ("J17", "Chloé", "Morel", "Poseur", "Chantiers", "Vénissieux"),
    ("J18", "Julien", "Mercier", "Finisseur", "Finition", "Vénissieux"),
    ("J19", "Sarah", "Blanc", "Menuisier d'atelier", "Atelier", "Vénissieux"),
    ("J20", "Maxime", "Guérin", "Poseur", "Chantiers", "Villeurbanne"),
)


def _levels(number: int, today: date) -> tuple[SkillLevel, ...]:
    """A believable history: each person knows some skills, a few at a lower level first."""
    entries: list[SkillLevel] = []
    for position, skill in enumerate(SKILLS):
        seed = (number * 7 + position * 5) % 11
        if seed > 7 or (number == 4 and skill.id == "caces"):
            continue
        level = seed % 4
        day = today - timedelta(days=30 * (seed + 1) + number)
        if level >= 2 and seed % 2:
            entries.append(SkillLevel(skill.id, level - 1, day - timedelta(days=400)))
        source = (SkillSource.TRAINING, SkillSource.INTERVIEW, SkillSource.ASSESSMENT)[seed % 3]
        entries.append(SkillLevel(skill.id, level, day, source))
    if number == 4:  # a lapsed CACES
        entries.append(SkillLevel("caces", 2, today - timedelta(days=6 * 366)))
    return tuple(entries)


def joinery(today: date) -> Company:
    employees = tuple(
        Employee(
            ref=ref,
            first_name=first,
            last_name=last,
            hire_date=date(2012 + int(ref[1:]) % 10, 3, 1),
            contract=Contract.PERMANENT,
            job_title=job,
            department=department,
            site=site,
            skill_levels=_levels(int(ref[1:]), today),
        )
        for ref, first, last, job, department, site in PEOPLE
    )
    return Company(
        name="Menuiserie Rhône Bois",
        country="FR",
        headcount=20,
        headcount_date=date(2026, 1, 1),
        employees=employees,
        skills=SKILLS,
        jobs=JOBS,
        staffing=STAFFING,
    )
