"""Import then export gives back any valid company document, and the rules evaluate it (a
hypothesis property over the whole space the bounds of domain/limits.py allow, their edges
included)."""

from __future__ import annotations

import json
import tempfile
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from entretien_desktop.domain import (
    Contract,
    InterviewKind,
    InterviewStatus,
    LeaveKind,
    PolicyKind,
    RequestState,
    SkillSource,
    WorkingTime,
    limits,
)
from entretien_desktop.domain.limits import (
    EARLIEST_DATE,
    LATEST_DATE,
    MAX_CODE,
    MAX_NAME,
    MAX_REF,
    MAX_SKILL_CODE,
    MAX_TEMPLATE,
    MAX_TEXT,
    Bounds,
)
from entretien_desktop.services.company_file import (
    company_document,
    dumps_company,
    import_company,
    load_company,
)
from entretien_desktop.services.company_reader import read_company_document
from entretien_desktop.services.obligations import check, report_document
from entretien_desktop.services.skills_checks import employee_skill_problems, skills_map_problems
from tests.helpers import open_data

DAY = st.sampled_from([EARLIEST_DATE, LATEST_DATE]) | st.dates(EARLIEST_DATE, LATEST_DATE)


def _longest(limit: int) -> st.SearchStrategy[str]:
    """A text of exactly ``limit`` characters (one repeated: the length is the point)."""
    return st.characters(exclude_categories=["Cs", "Zs", "Cc"]).map(lambda c: c * limit)


# Any character but NUL, which no text may hold (a server cannot store it).
CHARACTERS = st.characters(exclude_categories=["Cs"], exclude_characters="\x00")
TEXT = st.text(CHARACTERS, max_size=30) | _longest(MAX_NAME)
NAME = st.text(CHARACTERS, min_size=1, max_size=30).filter(str.strip) | _longest(MAX_NAME)
REF = st.text(CHARACTERS, min_size=1, max_size=30).filter(str.strip) | _longest(MAX_REF)
FREE_TEXT = st.text(CHARACTERS, max_size=30) | _longest(MAX_TEXT)
CODE = st.text(CHARACTERS, max_size=30) | _longest(MAX_CODE)
CODE_NAME = st.text(CHARACTERS, min_size=1, max_size=30).filter(str.strip) | _longest(MAX_CODE)
TEMPLATE = st.text(CHARACTERS, min_size=1, max_size=30).filter(str.strip) | _longest(MAX_TEMPLATE)
SKILL_ID = st.text(CHARACTERS, min_size=1, max_size=30).filter(str.strip) | _longest(MAX_SKILL_CODE)
SKILL_CODE = st.text(CHARACTERS, max_size=30) | _longest(MAX_SKILL_CODE)
LEVEL = st.integers(0, 3)


def _within(bounds: Bounds) -> st.SearchStrategy[int]:
    return st.sampled_from(bounds) | st.integers(*bounds)


def _iso(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


@st.composite
def _after(draw: st.DrawFn, start: date, *, optional: bool = True) -> date | None:
    if optional and draw(st.booleans()):
        return None
    return min(start + timedelta(days=draw(st.integers(0, 4000))), LATEST_DATE)


JSON_LEAF = (
    st.none()
    | st.booleans()
    | st.sampled_from([-limits.MAX_NUMBER, limits.MAX_NUMBER])
    | st.integers(-limits.MAX_NUMBER, limits.MAX_NUMBER)
    | st.floats(allow_nan=False, allow_infinity=False)
    | TEXT
)
ANSWER_DEPTH = 6
"""The answers object's own depth: the document, employees, an employee, interviews, an
interview, the answers."""


def _nested(depth: int) -> list[Any]:
    """A list ``depth`` lists deep."""
    value: list[Any] = []
    for _ in range(depth - 1):
        value = [value]
    return value


ANSWERS = st.dictionaries(
    TEXT,
    st.recursive(JSON_LEAF, lambda inner: st.lists(inner, max_size=3), max_leaves=5)
    | st.just(_nested(limits.MAX_DEPTH - ANSWER_DEPTH)),
    max_size=4,
)


@st.composite
def interview_documents(draw: st.DrawFn, interview_id: str) -> dict[str, Any]:
    status = draw(st.sampled_from(InterviewStatus))
    held_on = draw(DAY) if status is InterviewStatus.HELD else draw(st.none() | DAY)
    document: dict[str, Any] = {
        "id": interview_id,
        "kind": draw(st.sampled_from(InterviewKind)).value,
        "status": status.value,
        "date": _iso(held_on),
        "invited_on": _iso(draw(st.none() | DAY)),
    }
    if draw(st.booleans()):
        document["answers"] = draw(ANSWERS)
    if draw(st.booleans()):
        document["signed_on"] = draw(DAY).isoformat()
        document["fingerprint"] = draw(st.text("0123456789abcdef", min_size=64, max_size=64))
    for name, text in (
        ("interviewer", NAME),
        ("place", FREE_TEXT),
        ("refusal_reason", FREE_TEXT),
        ("context", FREE_TEXT),
    ):
        if draw(st.booleans()):
            document[name] = draw(text.filter(bool))
    return document


@st.composite
def employee_documents(
    draw: st.DrawFn, ref: str, refs: list[str], skills: tuple[str, ...] = ()
) -> dict[str, Any]:
    birth = draw(st.none() | DAY)
    hire = draw(DAY) if birth is None else draw(_after(birth, optional=False))
    leaves = []
    for _ in range(draw(st.integers(0, 3))):
        start = draw(DAY)
        leaves.append(
            {
                "kind": draw(st.sampled_from(LeaveKind)).value,
                "start": start.isoformat(),
                "end": _iso(draw(_after(start))),
            }
        )
    trainings = []
    for _ in range(draw(st.integers(0, 3))):
        start = draw(DAY)
        trainings.append(
            {
                "title": draw(NAME),
                "start": start.isoformat(),
                "end": _iso(draw(_after(start))),
                "hours": draw(_within(limits.HOURS) | st.floats(*limits.HOURS)),
                "mandatory": draw(st.booleans()),
                "certification": draw(st.booleans()),
            }
        )
    others = [r for r in refs if r != ref]
    exit_date = draw(_after(hire))
    # A transfer's seniority date: on or before the hire, not before the birth.
    seniority = None
    if draw(st.booleans()):
        floor = max(birth or EARLIEST_DATE, EARLIEST_DATE)
        seniority = max(hire - timedelta(days=draw(st.integers(0, 4000))), floor)
    forfait = draw(_after(seniority or hire))
    if forfait is not None and exit_date is not None:
        forfait = min(forfait, exit_date)
    dated = {
        key: value.isoformat()
        for key, value in (("seniority_date", seniority), ("forfait_jours_since", forfait))
        if value is not None
    }
    return {
        "ref": ref,
        "first_name": draw(NAME),
        "last_name": draw(NAME),
        "birth_date": _iso(birth),
        "hire_date": hire.isoformat(),
        "exit_date": _iso(exit_date),
        "contract": draw(st.sampled_from(Contract)).value,
        "working_time": draw(st.sampled_from(WorkingTime)).value,
        "job_title": draw(TEXT),
        "department": draw(TEXT),
        "site": draw(TEXT),
        "manager_ref": draw(st.none() | st.sampled_from(others)) if others else None,
        "language": draw(st.sampled_from(["fr", "en", "nl", "nb", "de", "pt_BR"])),
        **dated,
        "leaves": leaves,
        "interviews": [
            draw(interview_documents(f"{refs.index(ref)}#{n}"))
            for n in range(draw(st.integers(0, 3)))
        ],
        "trainings": trainings,
        "certifications": [
            {"title": draw(NAME), "date": draw(DAY).isoformat(), "via": draw(CODE)}
            for _ in range(draw(st.integers(0, 2)))
        ],
        "progressions": [
            {"date": draw(DAY).isoformat(), "kind": draw(CODE_NAME), "note": draw(FREE_TEXT)}
            for _ in range(draw(st.integers(0, 2)))
        ],
        "medical_visits": [
            {"kind": "mid_career", "date": draw(DAY).isoformat()}
            for _ in range(draw(st.integers(0, 1)))
        ],
        **_employee_skills(draw, f"{refs.index(ref)}", skills),
    }


def _employee_skills(draw: st.DrawFn, number: str, skills: tuple[str, ...]) -> dict[str, Any]:
    """An employee's levels (a history: a skill may come back) and gap training requests,
    written only when there are some."""
    if not skills:
        return {}
    levels = [
        {
            "skill": draw(st.sampled_from(skills)),
            "level": draw(LEVEL),
            "date": draw(DAY).isoformat(),
            "source": draw(st.sampled_from(SkillSource)).value,
            "reference": draw(SKILL_CODE),
            "note": draw(FREE_TEXT),
        }
        for _ in range(draw(st.integers(0, 4)))
    ]
    requests = [
        {
            "id": f"{number}~{n}",
            "skill": draw(st.sampled_from(skills)),
            "title": draw(NAME),
            "requested_on": draw(DAY).isoformat(),
            "reason": draw(FREE_TEXT),
            "status": draw(st.sampled_from(RequestState)).value,
        }
        for n in range(draw(st.integers(0, 2)))
    ]
    return ({"skill_levels": levels} if levels else {}) | (
        {"skill_requests": requests} if requests else {}
    )


def _skills_map(draw: st.DrawFn, skills: list[str]) -> dict[str, Any]:
    """The company's catalogue, jobs' needs and staffing needs, written only when there
    are some."""
    if not skills:
        return {}
    document: dict[str, Any] = {
        "skills": [
            {
                "id": skill,
                "name": draw(NAME),
                "family": draw(TEXT),
                "expires_after_months": draw(st.none() | _within(limits.EXPIRES_AFTER_MONTHS)),
            }
            for skill in skills
        ]
    }
    jobs = [
        {
            "title": title,
            "needs": [
                {"skill": draw(st.sampled_from(skills)), "level": draw(LEVEL)}
                for _ in range(draw(st.integers(0, 3)))
            ],
        }
        for title in draw(st.lists(NAME, max_size=3, unique=True))
    ]
    staffing = [
        {
            "skill": draw(st.sampled_from(skills)),
            "level": draw(LEVEL),
            "count": draw(_within(limits.STAFFING_COUNT)),
            "site": draw(TEXT),
            "department": draw(TEXT),
        }
        for _ in range(draw(st.integers(0, 2)))
    ]
    return (
        document | ({"jobs": jobs} if jobs else {}) | ({"staffing": staffing} if staffing else {})
    )


@st.composite
def company_documents(draw: st.DrawFn) -> dict[str, Any]:
    refs = draw(st.lists(REF, max_size=6, unique=True))
    skills = draw(st.lists(SKILL_ID, max_size=4, unique=True))
    agreement = None
    if draw(st.booleans()):
        since = draw(DAY)
        agreement = {
            "periodicity_months": draw(_within(limits.PERIOD_MONTHS)),
            "since": since.isoformat(),
            "until": _iso(draw(_after(since))),
        }
    setting_values: dict[str, st.SearchStrategy[Any]] = {
        name: _within(bounds) for name, bounds in limits.SETTINGS.items()
    } | {
        "apply_seniority_suspension": st.booleans(),
        "any_interview_restarts_clock": st.booleans(),
        "late_interview_counts_as_missed": st.booleans(),
        "return_interview_leaves": st.lists(st.sampled_from([k.value for k in LeaveKind])),
        "seniority_suspending_leaves": st.lists(st.sampled_from([k.value for k in LeaveKind])),
    }
    chosen = draw(st.lists(st.sampled_from(list(setting_values)), unique=True))
    # The euro is the currency of a file that names none: only another one is written.
    currency = draw(st.sampled_from(["EUR", "NOK", "SEK", "CHF", "USD"]))
    return {
        "format": "entretien-desktop/1",
        "company": {
            "name": draw(NAME),
            "country": draw(st.sampled_from(["FR", "NL", "NO", "BE", "DE"])),
            "headcount": draw(_within(limits.HEADCOUNT)),
            "headcount_date": _iso(draw(st.none() | DAY)),
            "interview_agreement": agreement,
            "policies": [
                {
                    "kind": draw(st.sampled_from(PolicyKind)).value,
                    "every_months": draw(_within(limits.PERIOD_MONTHS)),
                    "since": draw(DAY).isoformat(),
                }
                for _ in range(draw(st.integers(0, 2)))
            ],
            "settings": {
                name: draw(setting_values[name])
                for name in sorted(chosen, key=list(setting_values).index)
            },
        }
        | _campaigns(draw)
        | ({"currency": currency} if currency != "EUR" else {})
        | _skills_map(draw, skills),
        "employees": [draw(employee_documents(ref, refs, tuple(skills))) for ref in refs],
    }


def _campaigns(draw: st.DrawFn) -> dict[str, Any]:
    """The company's campaigns, written only when there are some."""
    campaigns = []
    for number in range(draw(st.integers(0, 2))):
        start = draw(DAY)
        campaigns.append(
            {
                "id": f"C{number}",
                "name": draw(NAME),
                "kind": draw(st.sampled_from(InterviewKind)).value,
                "start": start.isoformat(),
                "end": _iso(draw(_after(start, optional=False))),
                "template": draw(st.none() | TEMPLATE),
                "site": draw(TEXT),
                "department": draw(TEXT),
                "contract": draw(st.sampled_from(["", *(c.value for c in Contract)])),
            }
        )
    return {"campaigns": campaigns} if campaigns else {}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(company_documents(), DAY)
def test_import_then_export_gives_the_document_back(document: dict[str, Any], as_of: date) -> None:
    company = read_company_document(json.dumps(document, ensure_ascii=False).encode("utf-8"))
    with tempfile.TemporaryDirectory() as folder, open_data(Path(folder) / "c.sqlite") as db:
        import_company(db, company)
        stored = load_company(db) or company
        exported = company_document(stored)
        report = check(db, as_of)
    assert exported == document
    assert read_company_document(dumps_company(stored).encode("utf-8")) == stored
    assert {o.employee_ref for o in report.obligations} <= {e["ref"] for e in document["employees"]}
    json.dumps(report_document(report), allow_nan=False)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(company_documents())
def test_the_skills_map_reads_and_writes_back_whole(document: dict[str, Any]) -> None:
    """The company file alone (no data file): read, then written, gives the document back,
    the skills map and every level's history included."""
    company = read_company_document(json.dumps(document, ensure_ascii=False).encode("utf-8"))
    assert company_document(company) == document
    # What the file takes, the window's checks take too (services/employee_checks.py).
    assert skills_map_problems(company) == []
    for employee in company.employees:
        others = [e for e in company.employees if e.ref != employee.ref]
        assert employee_skill_problems(employee, company, others) == []
