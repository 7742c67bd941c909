"""The company file through the command line: round trips, and every kind of refusal."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from entretien_desktop.cli import EXIT_OK, EXIT_REFUSED, main
from tests.helpers import (
    EXAMPLE_COMPANY,
    db_arg,
    example_document,
    file_digest,
    open_data,
    write_json,
)


def test_shared_example_imports_and_exports_byte_for_byte(tmp_path: Path) -> None:
    db, out = tmp_path / "company.sqlite", tmp_path / "out.json"
    assert main(["import", "--db", db_arg(db), str(EXAMPLE_COMPANY)]) == EXIT_OK
    assert main(["export", "--db", db_arg(db), "--out", str(out)]) == EXIT_OK
    assert out.read_bytes() == EXAMPLE_COMPANY.read_bytes()


def test_export_keeps_optional_interview_fields(tmp_path: Path) -> None:
    document = example_document()
    interview = document["employees"][1]["interviews"][0]
    interview.update(
        answers={"current_job": "Menuisier poseur", "wishes": ["chef d'équipe"]},
        signed_on="2019-09-03",
        fingerprint="ab" * 32,
    )
    source, db, out = tmp_path / "in.json", tmp_path / "c.sqlite", tmp_path / "out.json"
    write_json(source, document)
    assert main(["import", "--db", db_arg(db), str(source)]) == EXIT_OK
    assert main(["export", "--db", db_arg(db), "--out", str(out)]) == EXIT_OK
    assert json.loads(out.read_text(encoding="utf-8")) == document


def test_unknown_fields_are_ignored(tmp_path: Path) -> None:
    document = example_document()
    document["company"]["crm_id"] = 17
    document["employees"][0]["badge_colour"] = "blue"
    source = write_json(tmp_path / "in.json", document)
    assert main(["import", "--db", db_arg(tmp_path / "c.sqlite"), str(source)]) == EXIT_OK


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(document: dict[str, Any]) -> None:
        target: Any = document
        keys = path.replace("]", "").replace("[", ".").split(".")
        for key in keys[:-1]:
            target = target[int(key)] if key.isdigit() else target[key]
        last = keys[-1]
        target[int(last) if last.isdigit() else last] = value

    return change


def _delete(path: str) -> Callable[[dict[str, Any]], None]:
    def change(document: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        target: Any = document
        for key in parents:
            name, _, index = key.partition("[")
            target = target[name]
            if index:
                target = target[int(index.rstrip("]"))]
        del target[last]

    return change


REFUSALS: list[tuple[str, Callable[[dict[str, Any]], None], str, str]] = [
    (
        "impossible date",
        _set("employees[0].hire_date", "2023-02-30"),
        "employees[0].hire_date",
        "2023-02-30",
    ),
    (
        "date in another shape",
        _set("employees[1].birth_date", "12/03/1980"),
        "employees[1].birth_date",
        "YYYY-MM-DD",
    ),
    ("unknown contract", _set("employees[2].contract", "cdi"), "employees[2].contract", "cdi"),
    (
        "unknown leave kind",
        _set("employees[3].leaves[0].kind", "holiday"),
        "employees[3].leaves[0].kind",
        "holiday",
    ),
    (
        "unknown interview status",
        _set("employees[1].interviews[0].status", "done"),
        "employees[1].interviews[0].status",
        "done",
    ),
    ("missing last name", _delete("employees[2].last_name"), "employees[2].last_name", "missing"),
    ("missing company name", _delete("company.name"), "company.name", "missing"),
    ("duplicate ref", _set("employees[3].ref", "V1"), "employees[3].ref", "V1"),
    ("unknown manager", _set("employees[4].manager_ref", "ZZ9"), "employees[4].manager_ref", "ZZ9"),
    (
        "leave ending before it starts",
        _set("employees[3].leaves[0].end", "2025-08-01"),
        "employees[3].leaves[0].end",
        "2025-08-01",
    ),
    (
        "exit before hire",
        _set("employees[6].exit_date", "2001-01-01"),
        "employees[6].exit_date",
        "2001-01-01",
    ),
    (
        "seniority date after the hire",
        _set("employees[6].seniority_date", "2099-01-01"),
        "employees[6].seniority_date",
        "2099-01-01",
    ),
    (
        "forfait jours before seniority",
        _set("employees[6].forfait_jours_since", "1901-01-01"),
        "employees[6].forfait_jours_since",
        "1901-01-01",
    ),
    ("wrong format tag", _set("format", "entretien-desktop/2"), "format", "entretien-desktop/2"),
    ("headcount not a number", _set("company.headcount", "62"), "company.headcount", "62"),
    ("unknown country", _set("company.country", "XX"), "company.country", "XX"),
    (
        "held interview without date",
        _set("employees[2].interviews[0].date", None),
        "employees[2].interviews[0].date",
        "held",
    ),
    (
        "duplicate interview id",
        _set("employees[2].interviews[0].id", "V2-a"),
        "employees[2].interviews[0].id",
        "V2-a",
    ),
    ("employees not a list", _set("employees", {"V1": 1}), "employees", "list"),
]


@pytest.fixture(params=["new file", "existing empty file"])
def target_db(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    db = tmp_path / "company.sqlite"
    if request.param == "existing empty file":
        open_data(db).close()
    return db


@pytest.mark.parametrize(
    ("label", "change", "path", "detail"), REFUSALS, ids=[r[0] for r in REFUSALS]
)
def test_refused_document_names_the_place_and_writes_nothing(
    label: str,
    change: Callable[[dict[str, Any]], None],
    path: str,
    detail: str,
    target_db: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    document = copy.deepcopy(example_document())
    change(document)
    source = write_json(tmp_path / "bad.json", document)
    before = file_digest(target_db)

    assert main(["import", "--db", db_arg(target_db), str(source)]) == EXIT_REFUSED

    lines = capsys.readouterr().err.strip().splitlines()
    assert any(line.startswith(f"{path}: ") and detail in line for line in lines), lines
    assert file_digest(target_db) == before


def test_every_problem_is_listed_one_a_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = example_document()
    for _label, change, _path, _detail in REFUSALS[:11]:
        change(document)
    source = write_json(tmp_path / "bad.json", document)
    assert main(["import", "--db", db_arg(tmp_path / "c.sqlite"), str(source)]) == EXIT_REFUSED
    lines = capsys.readouterr().err.strip().splitlines()
    for _label, _change, path, _detail in REFUSALS[:11]:
        assert any(line.startswith(f"{path}: ") for line in lines), (path, lines)
    assert not (tmp_path / "c.sqlite").exists()


@pytest.mark.parametrize(
    ("content", "detail"),
    [
        (b'{"format": "entretien-desktop/1", "company": ', "not valid JSON"),
        ('{"format": "é"}'.encode("latin-1"), "not UTF-8"),
        (b"[1, 2, 3]", "expected an object"),
    ],
    ids=["truncated JSON", "Latin-1 bytes", "a list instead of an object"],
)
def test_refused_file_that_is_not_a_company_document(
    content: bytes, detail: str, target_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "bad.json"
    source.write_bytes(content)
    before = file_digest(target_db)
    assert main(["import", "--db", db_arg(target_db), str(source)]) == EXIT_REFUSED
    error = capsys.readouterr().err
    assert error.startswith("$: ") and detail in error
    assert file_digest(target_db) == before


def test_import_into_a_file_that_holds_a_company_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "company.sqlite"
    assert main(["import", "--db", db_arg(db), str(EXAMPLE_COMPANY)]) == EXIT_OK
    before = file_digest(db)
    assert main(["import", "--db", db_arg(db), str(EXAMPLE_COMPANY)]) == EXIT_REFUSED
    assert "already holds the company Atelier Exemple SAS" in capsys.readouterr().err
    assert file_digest(db) == before


def test_a_utf8_file_with_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    source = tmp_path / "bom.json"
    source.write_bytes(b"\xef\xbb\xbf" + EXAMPLE_COMPANY.read_bytes())
    assert main(["import", "--db", db_arg(tmp_path / "c.sqlite"), str(source)]) == EXIT_OK


@pytest.mark.file_only("a missing file")
def test_export_of_a_missing_file_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nowhere.sqlite"
    assert (
        main(["export", "--db", db_arg(missing), "--out", str(tmp_path / "o.json")]) == EXIT_REFUSED
    )
    assert "does not exist" in capsys.readouterr().err
    assert not missing.exists()


def test_export_of_an_empty_file_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:

    db = tmp_path / "empty.sqlite"
    open_data(db).close()
    assert main(["export", "--db", db_arg(db), "--out", str(tmp_path / "o.json")]) == EXIT_REFUSED
    assert "holds no company" in capsys.readouterr().err
    assert not (tmp_path / "o.json").exists()


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    from entretien_desktop import __version__  # noqa: PLC0415

    assert capsys.readouterr().out.strip() == f"entretien-desktop {__version__}"
