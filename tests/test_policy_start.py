"""Company policies start the day the company adopted them (``policies[].since``): through
the company file and the command line, and in a data file made before policies had a start."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from entretien_desktop.cli import EXIT_OK, EXIT_REFUSED, main
from entretien_desktop.domain import Policy, PolicyKind
from entretien_desktop.services.company_file import import_company, load_company
from entretien_desktop.services.company_reader import read_company_document
from entretien_desktop.storage.migrate import HEAD_REVISION, alembic_config, read_revision
from tests.helpers import db_arg, example_document, open_data, write_json

AS_OF = "2026-11-22"


def _with_policy(**policy: Any) -> dict[str, Any]:
    """The shared example with an annual review every 12 months: six of its employees were
    hired between 2001 and 2020 (and a temporary worker, out of scope), none of them ever
    had an annual review."""
    document = example_document()
    document["company"]["policies"] = [{"kind": "annual_review", "every_months": 12, **policy}]
    return document


def _check(tmp_path: Path, document: dict[str, Any], capsys: pytest.CaptureFixture[str]) -> Any:
    db = tmp_path / "c.sqlite"
    source = write_json(tmp_path / "in.json", document)
    assert main(["import", "--db", db_arg(db), str(source)]) == EXIT_OK
    capsys.readouterr()
    assert (
        main(["check", "--db", db_arg(db), "--as-of", AS_OF, "--json", "--lang", "en"]) == EXIT_OK
    )
    return json.loads(capsys.readouterr().out)


def test_a_policy_adopted_this_year_owes_nothing_for_earlier_years(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    checked = _check(tmp_path, _with_policy(since="2026-03-02"), capsys)
    reviews = [o for o in checked["obligations"] if o["kind"] == "annual_review"]
    hired_before = [
        e["ref"]
        for e in example_document()["employees"]
        if e["hire_date"] < "2026-03-02" and e["contract"] != "temp_agency"
    ]
    assert len(hired_before) == 6
    for ref in hired_before:
        (review,) = [o for o in reviews if o["employee_ref"] == ref]
        assert (review["window_start"], review["deadline"]) == ("2026-03-02", "2027-03-02")
        assert review["status"] in {"upcoming", "due_soon", "not_applicable"}
        assert "policy's start" in review["explanation"]
    assert not [o for o in reviews if o["status"] == "overdue"]


def test_without_a_start_the_same_policy_would_have_made_everyone_late(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The same document with the policy adopted before every hire: the reviews count from
    each hire, years late (what every policy did before they had a start date)."""
    checked = _check(tmp_path, _with_policy(since="2000-01-03"), capsys)
    overdue = [
        o
        for o in checked["obligations"]
        if o["kind"] == "annual_review" and o["status"] == "overdue"
    ]
    assert overdue and min(o["deadline"] for o in overdue) < "2020-01-01"


def test_a_file_without_a_start_imports_and_says_what_it_assumed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, out = tmp_path / "c.sqlite", tmp_path / "out.json"
    source = write_json(tmp_path / "in.json", _with_policy())
    today = date.today()
    assert main(["import", "--db", db_arg(db), str(source), "--lang", "en"]) == EXIT_OK
    said = capsys.readouterr()
    assert "Imported Atelier Exemple SAS" in said.out
    (notice,) = said.err.splitlines()
    assert notice.startswith("note: company.policies[0].since: no start date")
    assert today.isoformat() in notice and "day of this import" in notice
    assert main(["export", "--db", db_arg(db), "--out", str(out)]) == EXIT_OK
    (policy,) = json.loads(out.read_text(encoding="utf-8"))["company"]["policies"]
    assert policy == {"kind": "annual_review", "every_months": 12, "since": today.isoformat()}


def test_a_null_start_is_read_as_an_absent_one() -> None:
    notices: list[Any] = []
    document = json.dumps(_with_policy(since=None)).encode("utf-8")
    company = read_company_document(document, today=date(2026, 12, 4), notices=notices)
    assert company.policies == (Policy(PolicyKind.ANNUAL_REVIEW, 12, date(2026, 12, 4)),)
    assert [n.path for n in notices] == ["company.policies[0].since"]


def test_a_file_with_a_start_says_nothing_and_exports_it_identically(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = _with_policy(since="2019-09-02")
    document["company"]["policies"].append(
        {"kind": "career_conversation", "every_months": 24, "since": "2027-01-04"}
    )
    db, out = tmp_path / "c.sqlite", tmp_path / "out.json"
    source = write_json(tmp_path / "in.json", document)
    assert main(["import", "--db", db_arg(db), str(source)]) == EXIT_OK
    assert capsys.readouterr().err == ""
    assert main(["export", "--db", db_arg(db), "--out", str(out)]) == EXIT_OK
    assert json.loads(out.read_text(encoding="utf-8")) == document


@pytest.mark.parametrize(
    ("since", "reason"),
    [("2026-02-30", "impossible date"), ("1899-12-31", "out of range"), (20260302, "YYYY-MM-DD")],
)
def test_a_start_that_is_not_a_date_is_refused_with_its_place(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], since: object, reason: str
) -> None:
    source = write_json(tmp_path / "in.json", _with_policy(since=since))
    db = tmp_path / "c.sqlite"
    assert main(["import", "--db", db_arg(db), str(source), "--lang", "en"]) == EXIT_REFUSED
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith("company.policies[0].since: ") and reason in line
    assert not db.exists()


@pytest.mark.file_only("a file of an old schema")
def test_a_file_made_before_policies_had_a_start_keeps_its_obligations(tmp_path: Path) -> None:
    """Revision 0008 starts the policies of an earlier file on its first hire: every review
    still counts from each hire, as before the upgrade, and the settings show that day."""
    from alembic import command  # noqa: PLC0415

    path = tmp_path / "old.sqlite"
    document = json.dumps(_with_policy(since="2026-03-02")).encode("utf-8")
    company = read_company_document(document)
    with open_data(path) as db:
        import_company(db, company)
        config = alembic_config()
        with db.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "0007")
    assert read_revision(path) == "0007"
    with sqlite3.connect(path) as raw:
        columns = {row[1] for row in raw.execute("PRAGMA table_info(policy)")}
    raw.close()
    assert "since" not in columns

    with open_data(path) as db:
        loaded = load_company(db)
    assert read_revision(path) == HEAD_REVISION
    assert loaded is not None
    first_hire = min(e.hire_date for e in company.employees)
    assert loaded.policies == (Policy(PolicyKind.ANNUAL_REVIEW, 12, first_hire),)
