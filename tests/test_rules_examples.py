"""The shared examples as a golden test, through the command line: import, then
``check --json``, then every expected obligation found with its status and amount, and
nothing open for the employees the examples say are out of scope."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path
from typing import Any

import pytest

from entretien_desktop.cli import EXIT_OK, main
from tests.helpers import EXAMPLE_COMPANY, EXAMPLE_EXPECTED

EXPECTED: dict[str, Any] = json.loads(EXAMPLE_EXPECTED.read_text(encoding="utf-8"))
INTERCHANGE_KEYS = [
    "employee_ref",
    "kind",
    "window_start",
    "deadline",
    "status",
    "satisfied_by",
    "basis",
    "explanation",
    "amount_at_stake_eur",
]


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    db = tmp_path_factory.mktemp("golden") / "company.sqlite"
    assert main(["import", "--db", str(db), str(EXAMPLE_COMPANY)]) == EXIT_OK
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        assert main(["check", "--db", str(db), "--as-of", EXPECTED["as_of"], "--json"]) == EXIT_OK
    result: dict[str, Any] = json.loads(buffer.getvalue())
    return result


def test_the_output_has_the_shape_of_interchange(checked: dict[str, Any]) -> None:
    assert list(checked) == ["as_of", "obligations"]
    assert checked["as_of"] == EXPECTED["as_of"]
    assert checked["obligations"]
    for obligation in checked["obligations"]:
        assert list(obligation) == INTERCHANGE_KEYS
        assert isinstance(obligation["amount_at_stake_eur"], int)
        assert obligation["explanation"]


@pytest.mark.parametrize(
    "expected",
    EXPECTED["expect"],
    ids=[f"{e['employee_ref']}-{e['kind']}-{e['deadline']}" for e in EXPECTED["expect"]],
)
def test_expected_obligation(checked: dict[str, Any], expected: dict[str, Any]) -> None:
    matches = [
        o
        for o in checked["obligations"]
        if (o["employee_ref"], o["kind"], o["deadline"])
        == (expected["employee_ref"], expected["kind"], expected["deadline"])
    ]
    assert len(matches) == 1, expected["why"]
    found = matches[0]
    assert found["status"] == expected["status"], (expected["why"], found["explanation"])
    if "amount_at_stake_eur" in expected:
        assert found["amount_at_stake_eur"] == expected["amount_at_stake_eur"], expected["why"]


@pytest.mark.parametrize(
    "absent", EXPECTED["absent"], ids=[a["employee_ref"] for a in EXPECTED["absent"]]
)
def test_out_of_scope_employees_have_nothing_open(
    checked: dict[str, Any], absent: dict[str, Any]
) -> None:
    statuses = {
        o["status"] for o in checked["obligations"] if o["employee_ref"] == absent["employee_ref"]
    }
    assert statuses.isdisjoint(absent["statuses"]), absent["why"]


def test_the_readable_table_groups_by_status_with_the_total(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "company.sqlite"
    assert main(["import", "--db", str(db), str(EXAMPLE_COMPANY)]) == EXIT_OK
    capsys.readouterr()
    assert main(["check", "--db", str(db), "--as-of", EXPECTED["as_of"], "--lang", "en"]) == EXIT_OK
    text = capsys.readouterr().out
    overdue, due_soon, upcoming = (text.index(h) for h in ("Overdue (", "Due soon (", "Upcoming ("))
    assert overdue < due_soon < upcoming
    assert "Top-ups owed: €" in text and "possible if nothing changes: €" in text
    assert "Karim Benali" in text


def test_an_invalid_as_of_date_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as refused:
        main(["check", "--db", str(tmp_path / "x.sqlite"), "--as-of", "2026-02-30"])
    assert refused.value.code == 2
    assert "2026-02-30" in capsys.readouterr().err
