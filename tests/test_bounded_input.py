"""The bounds of the company file (docs/company-file.md, "Bounds") through the real command
line: the documents fuzzing found breaking the program are refused with their place (exit 2)
and leave no file behind; values at the very bounds import, export identically and are
evaluated; the window's checks refuse what the file would."""

from __future__ import annotations

import copy
import json
import math
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from entretien_desktop.cli import EXIT_FAILURE, EXIT_OK, EXIT_REFUSED, main
from entretien_desktop.domain import Campaign, InterviewKind, Settings, Training, limits
from entretien_desktop.services import company_file
from entretien_desktop.services.company_file import dumps_company, import_company
from entretien_desktop.services.errors import ChangeRefused
from entretien_desktop.services.templates import built_in_template
from tests.helpers import (
    TODAY,
    db_arg,
    example_document,
    file_digest,
    open_data,
    open_workspace,
    small_company,
)

COMPANIONS = ("", "-wal", "-shm", ".lock")


def _files(db: Path) -> list[str]:
    """The data file and its companions that exist."""
    return [db.name + end for end in COMPANIONS if db.with_name(db.name + end).exists()]


def _document(change: Callable[[dict[str, Any]], None]) -> str:
    document = copy.deepcopy(example_document())
    change(document)
    return json.dumps(document, ensure_ascii=False, indent=2)


def _training(**fields: Any) -> Callable[[dict[str, Any]], None]:
    def change(document: dict[str, Any]) -> None:
        document["employees"][0]["trainings"] = [
            {"title": "Forklift", "start": "2024-03-04", "hours": 7} | fields
        ]

    return change


def _company(**fields: Any) -> Callable[[dict[str, Any]], None]:
    return lambda document: document["company"].update(fields)


def _answers(value: Any) -> Callable[[dict[str, Any]], None]:
    return lambda document: document["employees"][1]["interviews"][0].update(answers=value)


def _placeholder(text: str, key: str, raw: str) -> str:
    """``text`` with the JSON string ``"<key>"`` replaced by ``raw``, written as is: what
    ``json.dumps`` cannot write (a lone surrogate escaped, NaN in a form that reads back)."""
    marked = json.dumps(key)
    assert marked in text
    return text.replace(marked, raw)


def _nested(depth: int) -> str:
    return "[" * depth + "]" * depth


FOUND_BY_FUZZING: list[tuple[str, str, str, str]] = [
    (
        "escaped lone surrogate",
        _placeholder(_document(_company(name="@S")), "@S", '"Atelier \\ud800"'),
        "company.name",
        "\\ud800",
    ),
    (
        "lone surrogate in a key of the answers",
        _placeholder(_document(_answers({"@K": 1})), "@K", '"\\udfff"'),
        "employees[1].interviews[0].answers",
        "\\udfff",
    ),
    (
        "lone surrogate in a key whose value is refused too",
        _placeholder(_document(_answers({"@K": "@V"})), "@K", '"\\ud83d"').replace('"@V"', "NaN"),
        "employees[1].interviews[0].answers",
        "\\ud83d",
    ),
    (
        "integer of 5,000 digits",
        _placeholder(_document(_company(headcount="@N")), "@N", "9" * 5000),
        "company.headcount",
        str(limits.MAX_NUMBER),
    ),
    (
        "integer of 5,000 digits in the answers",
        _placeholder(_document(_answers({"x": "@N"})), "@N", "-" + "1" * 5000),
        "employees[1].interviews[0].answers.x",
        str(limits.MAX_NUMBER),
    ),
    (
        "JSON nested 1,000 deep",
        _placeholder(_document(_company(crm="@D")), "@D", _nested(1000)),
        "$",
        f"more than {limits.MAX_DEPTH} deep",
    ),
    (
        "lists nested just past the bound",
        _placeholder(_document(_answers({"deep": "@D"})), "@D", _nested(limits.MAX_DEPTH)),
        "employees[1].interviews[0].answers.deep" + "[0]" * (limits.MAX_DEPTH - 6),
        f"more than {limits.MAX_DEPTH} deep",
    ),
    (
        "integer above 2^63",
        _document(_company(headcount=2**63)),
        "company.headcount",
        str(limits.MAX_NUMBER),
    ),
    (
        "NaN hours",
        _placeholder(_document(_training(hours="@H")), "@H", "NaN"),
        "employees[0].trainings[0].hours",
        "NaN",
    ),
    (
        "Infinity hours",
        _placeholder(_document(_training(hours="@H")), "@H", "Infinity"),
        "employees[0].trainings[0].hours",
        "Infinity",
    ),
    (
        "-Infinity in the answers",
        _placeholder(_document(_answers({"x": "@H"})), "@H", "-Infinity"),
        "employees[1].interviews[0].answers.x",
        "-Infinity",
    ),
    (
        "a decimal that reads as infinity",
        _placeholder(_document(_training(hours="@H")), "@H", "1e400"),
        "employees[0].trainings[0].hours",
        "1e400",
    ),
    (
        "hours of 1e308",
        _document(_training(hours=1e308)),
        "employees[0].trainings[0].hours",
        "from 0 to 9999",
    ),
    (
        "a nested list in a setting",
        _document(_company(settings={"return_interview_leaves": [["maternity"]]})),
        "company.settings.return_interview_leaves[0]",
        "maternity",
    ),
    (
        "huge every_months",
        _document(_company(policies=[{"kind": "annual_review", "every_months": 10**15}])),
        "company.policies[0].every_months",
        "from 1 to 120",
    ),
    (
        "huge periodicity_months",
        _document(
            _company(
                interview_agreement={"periodicity_months": 10**12, "since": "2020-01-01"},
            )
        ),
        "company.interview_agreement.periodicity_months",
        "from 1 to 120",
    ),
    (
        "huge due_soon_days",
        _document(_company(settings={"due_soon_days": 10**9})),
        "company.settings.due_soon_days",
        "from 1 to 365",
    ),
    (
        "a date in the year 9999",
        _document(lambda d: d["employees"][2].update(exit_date="9999-12-31")),
        "employees[2].exit_date",
        "1900 to 2199",
    ),
    (
        "a name too long",
        _document(lambda d: d["employees"][3].update(first_name="A" * (limits.MAX_NAME + 1))),
        "employees[3].first_name",
        f"at most {limits.MAX_NAME}",
    ),
    (
        "a text longer than any",
        _document(_answers({"x": "a" * (limits.MAX_ANY_TEXT + 1)})),
        "employees[1].interviews[0].answers.x",
        f"at most {limits.MAX_ANY_TEXT}",
    ),
]


@pytest.fixture(params=["new file", "existing empty file"])
def target_db(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    db = tmp_path / "company.sqlite"
    if request.param == "existing empty file":
        open_data(db).close()
    return db


@pytest.mark.parametrize(
    ("label", "text", "path", "detail"), FOUND_BY_FUZZING, ids=[c[0] for c in FOUND_BY_FUZZING]
)
def test_a_document_past_the_bounds_is_refused_with_its_place(
    label: str,
    text: str,
    path: str,
    detail: str,
    target_db: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    source = tmp_path / "in.json"
    source.write_text(text, encoding="utf-8")
    existed = _files(target_db)
    before = file_digest(target_db)

    assert main(["import", "--db", db_arg(target_db), str(source)]) == EXIT_REFUSED

    lines = capsys.readouterr().err.strip().splitlines()
    assert any(line.startswith(f"{path}: ") and detail in line for line in lines), lines
    assert "Traceback" not in "\n".join(lines)
    assert file_digest(target_db) == before
    assert _files(target_db) == existed


def test_every_value_past_its_bound_is_listed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def change(document: dict[str, Any]) -> None:
        _company(headcount=limits.HEADCOUNT.high + 1)(document)
        _training(hours=limits.HOURS.high + 0.5)(document)
        document["employees"][4]["hire_date"] = "1899-12-31"
        document["employees"][5]["job_title"] = "x" * (limits.MAX_NAME + 1)

    source = tmp_path / "in.json"
    source.write_text(_document(change), encoding="utf-8")
    assert main(["import", "--db", db_arg(tmp_path / "c.sqlite"), str(source)]) == EXIT_REFUSED
    places = [line.partition(": ")[0] for line in capsys.readouterr().err.splitlines()]
    assert places == [
        "company.headcount",
        "employees[0].trainings[0].hours",
        "employees[4].hire_date",
        "employees[5].job_title",
    ]
    assert _files(tmp_path / "c.sqlite") == []


def test_a_file_larger_than_the_bound_is_refused_unread(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("entretien_desktop.services.json_reader.MAX_DOCUMENT_BYTES", 2**20)
    source = tmp_path / "in.json"
    source.write_text(_document(_company(notes="n" * 2**20)), encoding="utf-8")
    assert main(["import", "--db", db_arg(tmp_path / "c.sqlite"), str(source)]) == EXIT_REFUSED
    assert capsys.readouterr().err.startswith("$: the file is too large: 1 MiB, at most 1 MiB")


def _at_the_bounds(document: dict[str, Any]) -> None:
    """Every bound reached: what the property test draws now and then, here every time."""
    company = document["company"]
    company["headcount"] = limits.HEADCOUNT.high
    company["headcount_date"] = limits.LATEST_DATE.isoformat()
    company["name"] = "N" * limits.MAX_NAME
    company["interview_agreement"] = {
        "periodicity_months": limits.PERIOD_MONTHS.high,
        "since": limits.EARLIEST_DATE.isoformat(),
        "until": limits.LATEST_DATE.isoformat(),
    }
    company["policies"] = [
        {
            "kind": "annual_review",
            "every_months": limits.PERIOD_MONTHS.low,
            "since": limits.EARLIEST_DATE.isoformat(),
        },
        {
            "kind": "career_conversation",
            "every_months": limits.PERIOD_MONTHS.high,
            "since": limits.LATEST_DATE.isoformat(),
        },
    ]
    company["settings"] = {name: bounds.high for name, bounds in limits.SETTINGS.items()}
    first = document["employees"][0]
    first["birth_date"] = limits.EARLIEST_DATE.isoformat()
    first["job_title"] = "J" * limits.MAX_NAME
    first["trainings"] = [
        {
            "title": "T" * limits.MAX_NAME,
            "start": limits.EARLIEST_DATE.isoformat(),
            "end": limits.LATEST_DATE.isoformat(),
            "hours": limits.HOURS.high,
            "mandatory": False,
            "certification": False,
        }
    ]
    first["progressions"] = [
        {"date": limits.LATEST_DATE.isoformat(), "kind": "salary", "note": "n" * limits.MAX_TEXT}
    ]
    interview = document["employees"][1]["interviews"][0]
    deep: list[Any] = [limits.MAX_NUMBER, -limits.MAX_NUMBER, 1.7976931348623157e308]
    for _ in range(limits.MAX_DEPTH - 7):  # the answers are 6 deep: 7 with this list
        deep = [deep]
    interview["answers"] = {"deep": deep, "long": "a" * limits.MAX_ANY_TEXT}


def test_a_document_at_every_bound_exports_identically_and_is_evaluated(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = copy.deepcopy(example_document())
    _at_the_bounds(document)
    source, db, out = tmp_path / "in.json", tmp_path / "c.sqlite", tmp_path / "out.json"
    source.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    assert main(["import", "--db", db_arg(db), str(source)]) == EXIT_OK
    assert main(["export", "--db", db_arg(db), "--out", str(out)]) == EXIT_OK
    assert json.loads(out.read_text(encoding="utf-8")) == document
    capsys.readouterr()
    for as_of in ("2026-11-22", limits.LATEST_DATE.isoformat()):
        assert main(["check", "--db", db_arg(db), "--as-of", as_of, "--json"]) == EXIT_OK
        report = json.loads(capsys.readouterr().out)
        assert {o["employee_ref"] for o in report["obligations"]} >= {"V1"}
    again = tmp_path / "again.sqlite"
    assert main(["import", "--db", db_arg(again), str(out)]) == EXIT_OK


def test_a_failed_import_into_a_new_path_leaves_no_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(*_args: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(company_file, "import_company", fail)
    db = tmp_path / "new.sqlite"
    source = tmp_path / "in.json"
    source.write_text(_document(lambda _d: None), encoding="utf-8")
    assert main(["import", "--db", db_arg(db), str(source)]) == EXIT_FAILURE
    error = capsys.readouterr().err
    assert "OSError" in error and "Traceback" not in error
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.json"]


def test_a_failed_import_into_an_existing_file_keeps_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "empty.sqlite"
    open_data(db).close()
    existed, before = _files(db), file_digest(db)

    def fail(*_args: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(company_file, "import_company", fail)
    source = tmp_path / "in.json"
    source.write_text(_document(lambda _d: None), encoding="utf-8")
    assert main(["import", "--db", db_arg(db), str(source)]) == EXIT_FAILURE
    assert _files(db) == existed and file_digest(db) == before


def test_export_never_writes_infinity(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Values past the bounds cannot come in; one that slipped into the data file by another
    road stops the export rather than be written as a token no JSON reader takes."""
    company = small_company()
    first = company.employees[0]
    broken = replace(first, trainings=(Training("Forklift", date(2024, 3, 4), hours=math.inf),))
    company = replace(company, employees=(broken, *company.employees[1:]))
    with pytest.raises(ValueError, match="JSON compliant"):
        dumps_company(company)
    db, out = tmp_path / "c.sqlite", tmp_path / "out.json"
    with open_data(db) as database:
        import_company(database, company)
    assert main(["export", "--db", db_arg(db), "--out", str(out)]) == EXIT_FAILURE
    assert not out.exists()
    assert "Infinity" not in capsys.readouterr().out


# -- the same bounds where the window saves ---------------------------------------------------


def test_the_window_cannot_save_settings_the_file_would_refuse(tmp_path: Path) -> None:
    with open_workspace(tmp_path / "c.sqlite", small_company()) as workspace:
        company = workspace.require_company()
        huge = replace(company, settings=Settings(due_soon_days=10**9))
        with pytest.raises(ChangeRefused) as refused:
            workspace.update_company(huge)
        assert [p.field for p in refused.value.problems] == ["due_soon_days"]
        assert workspace.require_company().settings == company.settings
        workspace.update_company(replace(company, headcount=limits.HEADCOUNT.high))
        assert workspace.require_company().headcount == limits.HEADCOUNT.high


@pytest.mark.parametrize("hours", [math.nan, math.inf, -1.0, limits.HOURS.high + 1])
def test_the_window_cannot_save_hours_the_file_would_refuse(tmp_path: Path, hours: float) -> None:
    with open_workspace(tmp_path / "c.sqlite", small_company()) as workspace:
        employee = workspace.require_company().employees[0]
        training = Training("Forklift", date(2024, 3, 4), hours=hours)
        with pytest.raises(ChangeRefused) as refused:
            workspace.save_employee(replace(employee, trainings=(training,)), employee.ref)
        assert [p.field for p in refused.value.problems] == ["trainings[0].hours"]
        assert workspace.employee(employee.ref).trainings == ()


def test_the_window_cannot_save_an_interview_text_the_file_would_refuse(tmp_path: Path) -> None:
    with open_workspace(tmp_path / "c.sqlite", small_company()) as workspace:
        employee = workspace.require_company().employees[0]
        interview = employee.interviews[0]
        long_place = replace(interview, place="p" * (limits.MAX_TEXT + 1))
        with pytest.raises(ChangeRefused) as refused:
            workspace.put_interview(employee.ref, long_place)
        assert [p.field for p in refused.value.problems] == ["place"]
        assert workspace.employee(employee.ref).interviews[0] == interview


@pytest.mark.parametrize("as_of", ["9999-12-31", "0001-01-01"])
@pytest.mark.parametrize("command", ["check", "register"])
def test_an_as_of_date_past_the_bounds_is_refused(
    command: str, as_of: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The rules add years to the date asked: 9999-12-31 overflowed into a traceback."""
    argv = [command, "--db", db_arg(tmp_path / "c.sqlite"), "--as-of", as_of]
    if command == "register":
        argv += ["--out", str(tmp_path / "r.pdf")]
    with pytest.raises(SystemExit) as refused:
        main(argv)
    assert refused.value.code == EXIT_REFUSED
    assert f'date "{as_of}" out of range: expected a year from 1900 to 2199' in (
        capsys.readouterr().err
    )


def test_the_window_cannot_save_a_template_or_campaign_the_file_would_refuse(
    tmp_path: Path,
) -> None:
    with open_workspace(tmp_path / "c.sqlite", small_company()) as workspace:
        copy_of = replace(
            built_in_template(InterviewKind.PROFESSIONAL),
            id="ours",
            built_in=False,
            notice="n" * (limits.MAX_ANY_TEXT + 1),
        )
        with pytest.raises(ChangeRefused):
            workspace.save_templates([copy_of])
        campaign = Campaign(
            "C1", "x" * (limits.MAX_NAME + 1), InterviewKind.PROFESSIONAL, TODAY, TODAY
        )
        with pytest.raises(ChangeRefused) as refused:
            workspace.save_campaigns([campaign])
        assert [p.field for p in refused.value.problems] == ["name"]
        company = workspace.require_company()
        assert company.templates == () and company.campaigns == ()
        workspace.save_campaigns([replace(campaign, name="x" * limits.MAX_NAME)])
        assert len(workspace.require_company().campaigns) == 1
