"""One reading of a job's needs and of the levels held, wherever the skills map is shown:
a job title typed with another case or spacing still names its job, and a level dated
after the day is not held yet, in the gaps, the printed matrix, the interview's table and
the matrix page alike."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from entretien_desktop.domain import (
    Company,
    Contract,
    Employee,
    Job,
    Skill,
    SkillLevel,
    SkillNeed,
)
from entretien_desktop.domain.skills import job_key, needs_by_job, needs_of
from entretien_desktop.services.interview_skills import skill_rows
from entretien_desktop.services.skills_gaps import GapKind, skill_gaps
from entretien_desktop.services.skills_grid import skills_grid
from entretien_desktop.ui.pages.skills_model import SkillsMatrixModel

DAY = date(2026, 11, 23)


def _company(title: str, levels: tuple[SkillLevel, ...]) -> Company:
    worker = Employee(
        "W1",
        "Lea",
        "Martin",
        date(2015, 1, 5),
        Contract.PERMANENT,
        job_title=title,
        skill_levels=levels,
    )
    return Company(
        "Atelier",
        "FR",
        1,
        employees=(worker,),
        skills=(Skill("cnc", "CNC 5 axes", "Machines"),),
        jobs=(Job("Menuisier d'atelier", (SkillNeed("cnc", 2),)),),
    )


@pytest.mark.parametrize(
    "title", ["Menuisier d'atelier", "menuisier d'atelier", " Menuisier  d'atelier "]
)
def test_every_view_reads_the_job_whatever_its_case_and_spacing(title: str) -> None:
    company = _company(title, (SkillLevel("cnc", 1, DAY - timedelta(days=30)),))
    employee = company.employees[0]
    under = [g for g in skill_gaps(company, DAY) if g.kind is GapKind.UNDER_LEVEL]
    assert [(g.skill.id, g.level) for g in under] == [("cnc", 2)]
    (cell,) = skills_grid(company, DAY).cells[0]
    assert cell.needed == 2
    (row,) = skill_rows(company, employee, DAY)
    assert row["needed"] == "2"
    model = SkillsMatrixModel()
    model.set_company(company, DAY)
    (shown,) = model.cells_of(model.rows[0])
    assert shown.need == 2


def test_a_level_dated_after_the_day_is_not_held_yet_anywhere() -> None:
    company = _company(
        "Menuisier d'atelier",
        (
            SkillLevel("cnc", 1, DAY - timedelta(days=30)),
            SkillLevel("cnc", 3, DAY + timedelta(days=10)),
        ),
    )
    (cell,) = skills_grid(company, DAY).cells[0]
    assert cell.level == 1
    (row,) = skill_rows(company, company.employees[0], DAY)
    assert row["current"] == "1"
    model = SkillsMatrixModel()
    model.set_company(company, DAY)
    (shown,) = model.cells_of(model.rows[0])
    assert shown.level == 1


@given(st.text(max_size=20), st.text(" \t", max_size=3), st.booleans())
def test_a_title_reads_the_same_needs_whatever_its_case_and_spacing(
    title: str, padding: str, upper: bool
) -> None:
    needs = needs_by_job([Job(title, (SkillNeed("cnc", 2),))])
    typed = padding + (title.upper() if upper else title) + padding
    if title.strip() and job_key(typed) == job_key(title):
        assert needs_of(needs, typed) == {"cnc": 2}
    if not typed.strip():
        assert needs_of(needs, typed) == {}
