"""The skills map's risks and gaps (services/skills_gaps.py): one table of the joinery's
gaps, each kind's edges, and properties that hold for any matrix."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from entretien_desktop.domain import (
    Company,
    Job,
    Settings,
    Skill,
    SkillLevel,
    SkillNeed,
    StaffingNeed,
)
from entretien_desktop.domain.skills import level_on
from entretien_desktop.services.skills_gaps import (
    Gap,
    GapKind,
    SkillsMap,
    gaps_by_kind,
    leaving_day,
    skill_gaps,
    training_candidates,
)
from tests.skills_company import TODAY, joinery, level, person


def summary(gaps: list[Gap]) -> set[tuple[str, str, tuple[str, ...], date | None]]:
    return {(g.kind.value, g.skill.id, tuple(e.ref for e in g.employees), g.day) for g in gaps}


def with_employee(company: Company, ref: str, **fields: object) -> Company:
    employees = tuple(replace(e, **fields) if e.ref == ref else e for e in company.employees)
    return replace(company, employees=employees)


def test_the_joinery_gaps_on_the_day() -> None:
    gaps = skill_gaps(joinery(), TODAY)
    assert summary(gaps) == {
        ("single_holder", "cnc", ("M1",), None),
        ("single_holder", "veneer", ("M4",), None),
        ("single_holder", "caces", ("M3",), None),
        ("single_holder", "sst", ("M1",), None),
        ("single_holder", "elec", ("M6",), None),
        ("holder_leaving", "cnc", ("M1",), date(2027, 5, 10)),
        ("holder_leaving", "sst", ("M1",), date(2027, 5, 10)),
        ("staffing", "sst", ("M1",), None),
        ("staffing", "cnc", ("M1",), None),
        ("under_level", "cnc", ("M2",), None),
        ("certification", "caces", ("M3",), date(2026, 12, 20)),
        ("certification", "elec", ("M5",), date(2026, 6, 1)),
    }
    # The panel's order: by kind, then skill.
    kinds = [g.kind for g in gaps]
    assert kinds == sorted(kinds, key=list(GapKind).index)
    assert list(gaps_by_kind(gaps)) == [
        GapKind.SINGLE_HOLDER,
        GapKind.HOLDER_LEAVING,
        GapKind.STAFFING,
        GapKind.UNDER_LEVEL,
        GapKind.CERTIFICATION,
    ]


def sentence(gaps: list[Gap], kind: GapKind, skill: str) -> str:
    return next(g.sentence for g in gaps if g.kind is kind and g.skill.id == skill)


def test_each_gap_says_what_it_is_in_a_sentence() -> None:
    gaps = skill_gaps(joinery(), TODAY)
    assert sentence(gaps, GapKind.SINGLE_HOLDER, "veneer") == (
        "Only Sophie Marchand holds Placage et marqueterie at the autonomous level or above."
    )
    assert sentence(gaps, GapKind.HOLDER_LEAVING, "cnc") == (
        "Bernard Arnaud reaches the end-of-career age (60) on May\u00a010,\u00a02027 and is "
        "the only one holding CNC 5 axes at the autonomous level or above."
    )
    assert sentence(gaps, GapKind.STAFFING, "sst") == (
        "Atelier de Lyon has 1 of the 2 people needed at “Autonomous” or above in "
        "Sauveteur secouriste du travail."
    )
    assert sentence(gaps, GapKind.UNDER_LEVEL, "cnc") == (
        "Camille Roux is at “In training” in CNC 5 axes; the job Menuisier d'atelier needs "
        "“Autonomous”."
    )
    assert sentence(gaps, GapKind.CERTIFICATION, "elec") == (
        "Hugo Lambert's Habilitation electrique B1V lapsed on June\u00a01,\u00a02026; the job "
        "Poseur needs it."
    )


def test_nobody_holding_a_needed_skill_is_a_gap_and_an_unneeded_one_is_not() -> None:
    company = with_employee(joinery(), "M4", skill_levels=())
    gaps = skill_gaps(company, TODAY)
    nobody = [g for g in gaps if g.kind is GapKind.NO_HOLDER]
    assert [(g.skill.id, g.employees) for g in nobody] == [("veneer", ())]
    assert nobody[0].sentence.endswith("needed by: Ebeniste.")
    # Nobody is an Ebeniste any more: nothing asks for veneering, nothing is missing.
    company = with_employee(company, "M4", job_title="Menuisier d'atelier")
    assert not [g for g in skill_gaps(company, TODAY) if g.kind is GapKind.NO_HOLDER]


def test_a_second_holder_ends_the_single_holder_gap() -> None:
    company = with_employee(joinery(), "M2", skill_levels=(level("veneer", 2, date(2026, 1, 5)),))
    assert "veneer" not in {
        g.skill.id for g in skill_gaps(company, TODAY) if g.kind is GapKind.SINGLE_HOLDER
    }


def test_employees_gone_or_not_yet_hired_count_for_nothing() -> None:
    company = with_employee(joinery(), "M4", exit_date=date(2026, 10, 31))
    gaps = skill_gaps(company, TODAY)
    assert all(e.ref != "M4" for g in gaps for e in g.employees)
    hired_later = with_employee(joinery(), "M4", hire_date=date(2027, 1, 4))
    assert all(e.ref != "M4" for g in skill_gaps(hired_later, TODAY) for e in g.employees)


def test_a_holder_leaving_with_others_left_is_no_gap_unless_a_need_falls_short() -> None:
    # Two fitters; Hugo leaves on 31 Mar 2027, Lea stays: no gap.
    gaps = skill_gaps(joinery(), TODAY)
    assert not [g for g in gaps if g.kind is GapKind.HOLDER_LEAVING and g.skill.id == "fitting"]
    # The sites need two fitters: they have them today, not after Hugo leaves.
    need = StaffingNeed("fitting", 2, 2, site="Chantiers")
    company = replace(joinery(), staffing=(*joinery().staffing, need))
    leaving = [
        g
        for g in skill_gaps(company, TODAY)
        if g.kind is GapKind.HOLDER_LEAVING and g.skill.id == "fitting"
    ]
    assert [(g.employees[0].ref, g.day) for g in leaving] == [("M5", date(2027, 3, 31))]
    assert leaving[0].sentence == (
        "Hugo Lambert leaves on March\u00a031,\u00a02027: Chantiers would then have 1 of the 2 "
        "people needed at “Autonomous” or above in Pose en chantier."
    )


@pytest.mark.parametrize(
    ("birth", "exit_date", "expected"),
    [
        (date(1967, 5, 10), None, (date(2027, 5, 10), False)),  # 60 within two years
        (date(1966, 11, 21), None, None),  # 60 yesterday: reached, not reaching
        (date(1968, 11, 22), None, (date(2028, 11, 22), False)),  # 60 in exactly two years
        (date(1968, 11, 23), None, None),  # a day too late
        (date(1985, 1, 1), date(2026, 11, 22), (date(2026, 11, 22), True)),  # leaves today
        (date(1967, 5, 10), date(2027, 1, 31), (date(2027, 1, 31), True)),  # earlier of two
    ],
)
def test_leaving_day_reads_the_exit_and_the_rules_end_of_career_age(
    birth: date, exit_date: date | None, expected: tuple[date, bool] | None
) -> None:
    employee = person("X", "Ana", "Test", "", birth=birth, exit_date=exit_date)
    assert leaving_day(employee, TODAY) == expected


def test_certifications_lapsing_within_the_due_soon_horizon() -> None:
    # Julien's CACES lapses on 20 Dec 2026: 28 days ahead, within the default 60.
    narrow = replace(joinery(), settings=Settings(due_soon_days=20))
    assert not [
        g
        for g in skill_gaps(narrow, TODAY)
        if g.skill.id == "caces" and g.kind is GapKind.CERTIFICATION
    ]
    # After the lapse, Julien no longer holds it: nobody does, and his job needs it.
    later = skill_gaps(joinery(), date(2026, 12, 20))
    assert ("certification", "caces", ("M3",), date(2026, 12, 20)) in summary(later)
    assert ("no_holder", "caces", (), None) in summary(later)
    # Renewed: no gap left about it.
    renewed = with_employee(
        joinery(),
        "M3",
        skill_levels=(level("caces", 2, date(2021, 12, 20)), level("caces", 2, date(2026, 11, 2))),
    )
    assert not [
        g
        for g in skill_gaps(renewed, TODAY)
        if g.skill.id == "caces" and g.kind is GapKind.CERTIFICATION
    ]


def test_a_certification_nobody_s_job_needs_is_a_notice_while_valid_only() -> None:
    company = with_employee(
        joinery(),
        "M4",
        skill_levels=(
            level("veneer", 3, date(2012, 5, 1)),
            level("sst", 2, date(2025, 1, 5)),
        ),
    )
    notices = [g for g in skill_gaps(company, TODAY) if g.kind is GapKind.EXPIRY_NOTICE]
    assert [(g.employees[0].ref, g.day) for g in notices] == [("M4", date(2027, 1, 5))]
    assert notices[0].sentence == (
        "Sophie Marchand's Sauveteur secouriste du travail expires on January\u00a05,\u00a02027."
    )
    lapsed = skill_gaps(company, date(2027, 1, 6))
    assert not [g for g in lapsed if g.kind is GapKind.EXPIRY_NOTICE and g.employees[0].ref == "M4"]


def test_training_candidates_are_those_below_the_level_whose_job_needs_it_first() -> None:
    company = joinery()
    gaps = skill_gaps(company, TODAY)
    single_cnc = next(g for g in gaps if g.kind is GapKind.SINGLE_HOLDER and g.skill.id == "cnc")
    candidates = [e.ref for e in training_candidates(SkillsMap(company, TODAY), single_cnc)]
    assert candidates[0] == "M2"  # a joiner in training: the job needs it, level 1
    assert "M1" not in candidates
    staffing = next(g for g in gaps if g.kind is GapKind.STAFFING and g.skill.id == "cnc")
    # Only the workshop's people count for the workshop's need.
    assert [e.ref for e in training_candidates(SkillsMap(company, TODAY), staffing)] == [
        "M2",
        "M3",
        "M4",
    ]
    under = next(g for g in gaps if g.kind is GapKind.UNDER_LEVEL)
    assert [e.ref for e in training_candidates(SkillsMap(company, TODAY), under)] == ["M2"]


# -- properties ---------------------------------------------------------------------------

SKILL_IDS = ("a", "b", "c")
CATALOGUE = (Skill("a", "Alpha"), Skill("b", "Beta"), Skill("c", "Gamma", expires_after_months=12))
days = st.dates(min_value=date(2020, 1, 1), max_value=date(2026, 11, 22))
entries = st.builds(SkillLevel, st.sampled_from(SKILL_IDS), st.integers(0, 3), days)
employees = st.builds(
    lambda index, levels, job, site, gone: person(
        f"E{index}",
        "Emp",
        f"N{index}",
        job,
        *levels,
        site=site,
        exit_date=TODAY - timedelta(days=1) if gone else None,
    ),
    st.integers(0, 0),
    st.lists(entries, max_size=5).map(tuple),
    st.sampled_from(["Menuisier d'atelier", "Cariste", "Poseur", ""]),
    st.sampled_from(["Atelier de Lyon", "Chantiers"]),
    st.booleans(),
)


@st.composite
def companies(draw: st.DrawFn) -> Company:
    people = draw(st.lists(employees, min_size=1, max_size=6))
    numbered = tuple(replace(e, ref=f"E{i}", last_name=f"N{i}") for i, e in enumerate(people))
    jobs = (
        Job("Menuisier d'atelier", (SkillNeed("a", draw(st.integers(1, 3))),)),
        Job("Cariste", (SkillNeed("c", 2),)),
        Job("Poseur", (SkillNeed("b", 2), SkillNeed("c", 1))),
    )
    staffing = (StaffingNeed("b", 2, draw(st.integers(0, 3)), site="Chantiers"),)
    return Company(
        "Test",
        "FR",
        len(numbered),
        employees=numbered,
        skills=CATALOGUE,
        jobs=jobs,
        staffing=staffing,
    )


PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(companies())
def test_every_gap_is_about_present_employees(company: Company) -> None:
    for gap in skill_gaps(company, TODAY):
        assert all(e.present_on(TODAY) for e in gap.employees)
        assert gap.sentence


@PROPERTY
@given(companies(), st.sampled_from(SKILL_IDS), st.integers(0, 5))
def test_adding_a_holder_never_adds_a_single_holder_gap(
    company: Company, skill: str, who: int
) -> None:
    employee = company.employees[who % len(company.employees)]
    holders_before = {e.ref for e in SkillsMap(company, TODAY).holders(skill)}
    before = {g.skill.id for g in skill_gaps(company, TODAY) if g.kind is GapKind.SINGLE_HOLDER}
    raised = (*employee.skill_levels, level(skill, 3, TODAY))
    after_company = with_employee(company, employee.ref, skill_levels=raised)
    after = {
        g.skill.id for g in skill_gaps(after_company, TODAY) if g.kind is GapKind.SINGLE_HOLDER
    }
    assert after - {skill} == before - {skill}  # the other skills are untouched
    if holders_before - {employee.ref} and employee.present_on(TODAY):
        assert skill not in after  # someone else held it: two holders now


@PROPERTY
@given(companies())
def test_no_under_level_gap_once_the_level_is_raised(company: Company) -> None:
    under = [g for g in skill_gaps(company, TODAY) if g.kind is GapKind.UNDER_LEVEL]
    for gap in under:
        employee = gap.employees[0]
        raised = (*employee.skill_levels, level(gap.skill.id, gap.level, TODAY))
        after = skill_gaps(with_employee(company, employee.ref, skill_levels=raised), TODAY)
        assert not [
            g
            for g in after
            if g.kind is GapKind.UNDER_LEVEL
            and g.skill.id == gap.skill.id
            and g.employees[0].ref == employee.ref
        ]


@PROPERTY
@given(companies())
def test_a_staffing_gap_names_fewer_holders_than_needed(company: Company) -> None:
    for gap in skill_gaps(company, TODAY):
        if gap.kind is GapKind.STAFFING:
            need = next(n for n in company.staffing if n.skill == gap.skill.id)
            assert len(gap.employees) < need.count
            assert all(e.site == need.site for e in gap.employees)


@PROPERTY
@given(companies(), days)
def test_the_map_reads_each_level_as_the_domain_does(company: Company, day: date) -> None:
    matrix = SkillsMap(company, day)
    for employee in matrix.present:
        for skill in CATALOGUE:
            assert matrix.level(employee, skill.id) == level_on(skill, employee.skill_levels, day)
