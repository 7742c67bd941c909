"""The skills map in the company file (docs/company-file.md, "The skills map"): its keys
read and written, absent keys read as an empty map, and every refusal with its place."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from entretien_desktop.cli import EXIT_REFUSED, main
from entretien_desktop.domain import (
    Job,
    Level,
    RequestState,
    SkillLevel,
    SkillNeed,
    SkillRequest,
    SkillSource,
    StaffingNeed,
)
from entretien_desktop.services.company_file import company_document
from entretien_desktop.services.company_reader import read_company_document
from entretien_desktop.services.employee_checks import company_problems, employee_problems
from entretien_desktop.services.json_reader import DocumentRefused
from entretien_desktop.services.skills_checks import employee_skill_problems
from tests.helpers import db_arg, example_document, file_digest, write_json


def skills_document() -> dict[str, Any]:
    """The shared example with a small joinery's skills map."""
    document = example_document()
    document["company"]["skills"] = [
        {"id": "toupie", "name": "Toupie", "family": "Machines", "expires_after_months": None},
        {"id": "sst", "name": "SST", "family": "Sécurité", "expires_after_months": 24},
    ]
    document["company"]["jobs"] = [
        {"title": "Menuisier", "needs": [{"skill": "toupie", "level": 2}]},
    ]
    document["company"]["staffing"] = [
        {"skill": "sst", "level": 2, "count": 2, "site": "Lyon", "department": ""},
    ]
    document["employees"][0]["skill_levels"] = [
        {
            "skill": "toupie",
            "level": 1,
            "date": "2022-03-01",
            "source": "training",
            "reference": "",
            "note": "",
        },
        {
            "skill": "toupie",
            "level": 2,
            "date": "2024-03-01",
            "source": "interview",
            "reference": "V1-a",
            "note": "autonome sur les profils courants",
        },
    ]
    document["employees"][1]["skill_requests"] = [
        {
            "id": "SR-1",
            "skill": "sst",
            "title": "Formation SST",
            "requested_on": "2026-10-01",
            "reason": "",
            "status": "approved",
        },
    ]
    return document


def _read(document: dict[str, Any]) -> Any:
    return read_company_document(json.dumps(document, ensure_ascii=False).encode("utf-8"))


def test_the_map_is_read_with_the_whole_history_and_written_back() -> None:
    document = skills_document()
    company = _read(document)
    assert [s.id for s in company.skills] == ["toupie", "sst"]
    assert company.skills[1].expires_after_months == 24
    assert company.jobs[0].needs[0].level == Level.AUTONOMOUS
    assert company.staffing[0].count == 2
    levels = company.employees[0].skill_levels
    assert [(x.level, x.date, x.source) for x in levels] == [
        (1, date(2022, 3, 1), SkillSource.TRAINING),
        (2, date(2024, 3, 1), SkillSource.INTERVIEW),
    ]
    assert levels[1].reference == "V1-a"
    assert company.employees[1].skill_requests[0].status is RequestState.APPROVED
    assert company_document(company) == document


def test_a_file_without_the_map_reads_an_empty_one_and_writes_none() -> None:
    document = example_document()
    company = _read(document)
    assert company.skills == company.jobs == company.staffing == ()
    assert all(not e.skill_levels and not e.skill_requests for e in company.employees)
    exported = company_document(company)
    assert exported == document
    assert "skills" not in exported["company"]


def test_optional_fields_take_their_defaults() -> None:
    document = skills_document()
    document["company"]["skills"][0] = {"id": "toupie", "name": "Toupie"}
    document["employees"][0]["skill_levels"] = [
        {"skill": "toupie", "level": 3, "date": "2025-01-06"}
    ]
    document["employees"][1]["skill_requests"] = [
        {"id": "SR-1", "skill": "sst", "title": "SST", "requested_on": "2026-10-01"}
    ]
    company = _read(document)
    assert company.skills[0].family == "" and company.skills[0].expires_after_months is None
    assert company.employees[0].skill_levels[0].source is SkillSource.ASSESSMENT
    assert company.employees[1].skill_requests[0].status is RequestState.REQUESTED


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(document: dict[str, Any]) -> None:
        target: Any = document
        keys = path.replace("]", "").replace("[", ".").split(".")
        for key in keys[:-1]:
            target = target[int(key)] if key.isdigit() else target[key]
        last = keys[-1]
        target[int(last) if last.isdigit() else last] = value

    return change


REFUSALS: list[tuple[str, Callable[[dict[str, Any]], None], str, str]] = [
    (
        "level above the scale",
        _set("employees[0].skill_levels[0].level", 4),
        "employees[0].skill_levels[0].level",
        "4 is not a level (0 to 3)",
    ),
    (
        "negative level of a job's need",
        _set("company.jobs[0].needs[0].level", -1),
        "company.jobs[0].needs[0].level",
        "-1 is not a level (0 to 3)",
    ),
    (
        "level as text",
        _set("company.staffing[0].level", "2"),
        "company.staffing[0].level",
        "whole number",
    ),
    (
        "level missing",
        lambda d: d["employees"][0]["skill_levels"][1].pop("level"),
        "employees[0].skill_levels[1].level",
        "missing",
    ),
    (
        "unknown skill in a level",
        _set("employees[0].skill_levels[1].skill", "cnc"),
        "employees[0].skill_levels[1].skill",
        "cnc",
    ),
    (
        "unknown skill in a job",
        _set("company.jobs[0].needs[0].skill", "cnc"),
        "company.jobs[0].needs[0].skill",
        "cnc",
    ),
    (
        "unknown skill in a staffing need",
        _set("company.staffing[0].skill", "caces"),
        "company.staffing[0].skill",
        "caces",
    ),
    (
        "unknown skill in a request",
        _set("employees[1].skill_requests[0].skill", "caces"),
        "employees[1].skill_requests[0].skill",
        "caces",
    ),
    (
        "duplicate skill id",
        _set("company.skills[1].id", "toupie"),
        "company.skills[1].id",
        "company.skills[0].id",
    ),
    (
        "duplicate job title",
        lambda d: d["company"]["jobs"].append({"title": "Menuisier", "needs": []}),
        "company.jobs[1].title",
        "Menuisier",
    ),
    (
        "duplicate request id",
        _set(
            "employees[2].skill_requests",
            [{"id": "SR-1", "skill": "sst", "title": "SST", "requested_on": "2026-10-02"}],
        ),
        "employees[2].skill_requests[0].id",
        "employees[1].skill_requests[0].id",
    ),
    (
        "unknown source",
        _set("employees[0].skill_levels[0].source", "hearsay"),
        "employees[0].skill_levels[0].source",
        "hearsay",
    ),
    (
        "unknown decision",
        _set("employees[1].skill_requests[0].status", "maybe"),
        "employees[1].skill_requests[0].status",
        "maybe",
    ),
    (
        "impossible date of a level",
        _set("employees[0].skill_levels[0].date", "2023-02-30"),
        "employees[0].skill_levels[0].date",
        "2023-02-30",
    ),
    (
        "request date in another shape",
        _set("employees[1].skill_requests[0].requested_on", "01/10/2026"),
        "employees[1].skill_requests[0].requested_on",
        "YYYY-MM-DD",
    ),
    ("count of none", _set("company.staffing[0].count", 0), "company.staffing[0].count", "0"),
    (
        "validity of no month",
        _set("company.skills[1].expires_after_months", 0),
        "company.skills[1].expires_after_months",
        "0",
    ),
    (
        "validity beyond its bound",
        _set("company.skills[1].expires_after_months", 241),
        "company.skills[1].expires_after_months",
        "241",
    ),
    (
        "skill without a name",
        _set("company.skills[0].name", " "),
        "company.skills[0].name",
        "empty",
    ),
    ("skills not a list", _set("company.skills", {"sst": 1}), "company.skills", "list"),
    (
        "skill id too long",
        _set("company.skills[0].id", "x" * 101),
        "company.skills[0].id",
        "at most 100",
    ),
]


@pytest.mark.parametrize(
    ("label", "change", "path", "detail"), REFUSALS, ids=[r[0] for r in REFUSALS]
)
def test_each_refusal_names_its_place(
    label: str, change: Callable[[dict[str, Any]], None], path: str, detail: str
) -> None:
    document = copy.deepcopy(skills_document())
    change(document)
    with pytest.raises(DocumentRefused) as refused:
        _read(document)
    lines = [str(p) for p in refused.value.problems]
    assert any(line.startswith(f"{path}: ") and detail in line for line in lines), lines


def test_every_problem_of_the_map_is_listed_and_nothing_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = skills_document()
    for _label, change, _path, _detail in REFUSALS[:9]:
        change(document)
    source = write_json(tmp_path / "bad.json", document)
    target = tmp_path / "c.sqlite"
    before = file_digest(target)
    assert main(["import", "--db", db_arg(target), str(source)]) == EXIT_REFUSED
    lines = capsys.readouterr().err.strip().splitlines()
    for _label, _change, path, _detail in REFUSALS[:9]:
        assert any(line.startswith(f"{path}: ") for line in lines), (path, lines)
    assert file_digest(target) == before


# -- the same checks on a change made in the window (services/employee_checks.py) -------------


def test_what_the_file_refuses_the_window_refuses_too() -> None:
    company = _read(skills_document())
    assert company_problems(company) == []
    employee = company.employees[0]
    others = [e for e in company.employees if e.ref != employee.ref]
    assert employee_problems(employee, company, employee.ref) == []
    cases = [
        (
            replace(
                employee,
                skill_levels=(SkillLevel("toupie", 4, date(2025, 1, 6)),),
            ),
            "skill_levels[0].level",
        ),
        (
            replace(employee, skill_levels=(SkillLevel("cnc", 2, date(2025, 1, 6)),)),
            "skill_levels[0].skill",
        ),
        (
            replace(employee, skill_levels=(SkillLevel("toupie", 2, date(1800, 1, 6)),)),
            "skill_levels[0].date",
        ),
        (
            replace(
                employee,
                skill_requests=(SkillRequest("SR-1", "sst", "SST", date(2026, 10, 1)),),
            ),
            "skill_requests[0].id",
        ),
        (
            replace(
                employee,
                skill_requests=(SkillRequest("SR-2", "sst", " ", date(2026, 10, 1)),),
            ),
            "skill_requests[0].title",
        ),
    ]
    for changed, field in cases:
        problems = employee_problems(changed, company, employee.ref)
        assert [p.field for p in problems] == [field], (field, problems)
        assert employee_skill_problems(changed, company, others) == problems


def test_the_catalogue_keeps_what_records_name_and_its_bounds() -> None:
    company = _read(skills_document())
    toupie, sst = company.skills
    cases = [
        (replace(company, skills=(sst,)), "skills"),  # still in a level and a job
        (replace(company, skills=(toupie, replace(sst, id="toupie"))), "skills[1].id"),
        (replace(company, skills=(toupie, replace(sst, expires_after_months=0))), None),
        (replace(company, staffing=(StaffingNeed("sst", 2, 0),)), "staffing[0].count"),
        (replace(company, jobs=(Job("Menuisier", (SkillNeed("toupie", 5),)),)), None),
        (replace(company, jobs=(Job("Menuisier"), Job("Menuisier"))), "jobs[1].title"),
    ]
    for changed, field in cases:
        fields = [p.field for p in company_problems(changed)]
        assert fields, changed
        if field is not None:
            assert field in fields, (field, fields)
    words = [p.message for p in company_problems(replace(company, skills=(sst,)))]
    assert any("toupie" in w and "1 employee" in w for w in words), words
