"""An obligation met by an interview held after its deadline reads "Satisfied late"
wherever people read it: the employee's timeline, the command line's table and the
compliance register (beside the last interview held, "Held late"). Its status in the
interchange format stays ``satisfied``."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from entretien_desktop.cli import EXIT_OK, main
from entretien_desktop.domain import (
    Company,
    Contract,
    Employee,
    Interview,
    InterviewKind,
    InterviewStatus,
)
from entretien_desktop.i18n import set_language
from entretien_desktop.rules import Obligation, ObligationKind, Status, evaluate_employee
from entretien_desktop.services.company_file import dumps_company
from entretien_desktop.services.reports import compliance_register
from entretien_desktop.ui import theme
from entretien_desktop.ui.widgets.timeline import STATUS, Timeline, timeline_entries

AS_OF = date(2026, 11, 22)
FIVE_YEARS_LATE = Interview(
    "LATE-1", InterviewKind.PROFESSIONAL, InterviewStatus.HELD, date(2022, 11, 7)
)
ON_TIME = Interview("ONTIME-1", InterviewKind.PROFESSIONAL, InterviewStatus.HELD, date(2024, 10, 1))


def late_company() -> Company:
    """Hired on 1 Dec 2015: the first interview was due on 1 Dec 2017 and held five years
    late, on 7 Nov 2022; the next one, due on 7 Nov 2024, was held on time."""
    employee = Employee(
        ref="L1",
        first_name="Luc",
        last_name="Tardif",
        hire_date=date(2015, 12, 1),
        contract=Contract.PERMANENT,
        interviews=(FIVE_YEARS_LATE, ON_TIME),
    )
    return Company(name="Scierie Tardif", country="FR", headcount=12, employees=(employee,))


def periodic(found: list[Obligation], deadline: date) -> Obligation:
    (obligation,) = [
        o for o in found if o.kind is ObligationKind.PERIODIC and o.deadline == deadline
    ]
    return obligation


def test_the_rules_know_the_interview_came_late() -> None:
    company = late_company()
    found = evaluate_employee(company, company.employees[0], AS_OF)
    late = periodic(found, date(2017, 12, 1))
    assert (late.status, late.satisfied_by, late.late) == (Status.SATISFIED, "LATE-1", True)
    on_time = periodic(found, date(2024, 11, 7))
    assert (on_time.status, on_time.satisfied_by, on_time.late) == (
        Status.SATISFIED,
        "ONTIME-1",
        False,
    )


def _due_rows(company: Company) -> dict[date | None, str]:
    employee = company.employees[0]
    entries = timeline_entries(employee, evaluate_employee(company, employee, AS_OF), AS_OF)
    return {e.day: e.status for e in entries if e.obligation_status is not None}


def test_the_timeline_marks_an_interview_held_five_years_late_as_late() -> None:
    rows = _due_rows(late_company())
    assert rows[date(2017, 12, 1)] == "Satisfied late"
    assert rows[date(2024, 11, 7)] == "Satisfied"


def test_the_timeline_says_it_in_french_too() -> None:
    set_language("fr")
    rows = _due_rows(late_company())
    assert rows[date(2017, 12, 1)] == "Respecté en retard"
    assert rows[date(2024, 11, 7)] == "Respecté"


def test_the_timeline_row_of_a_late_one_is_in_the_warning_colour(qtbot: QtBot) -> None:
    company = late_company()
    employee = company.employees[0]
    timeline = Timeline()
    qtbot.addWidget(timeline)
    timeline.show_entries(
        timeline_entries(employee, evaluate_employee(company, employee, AS_OF), AS_OF), set()
    )
    items = [timeline.topLevelItem(i) for i in range(timeline.topLevelItemCount())]
    late = [i for i in items if i is not None and i.text(STATUS) == "Satisfied late"]
    assert len(late) == 1
    assert late[0].foreground(STATUS).color() == QColor(theme.WARNING)


def test_the_command_line_table_lists_them_apart(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source, db = tmp_path / "late.json", tmp_path / "late.sqlite"
    source.write_text(dumps_company(late_company()), encoding="utf-8")
    assert main(["import", "--db", str(db), str(source)]) == EXIT_OK
    capsys.readouterr()
    assert main(["check", "--db", str(db), "--as-of", AS_OF.isoformat(), "--lang", "en"]) == EXIT_OK
    text = capsys.readouterr().out
    late, on_time = text.index("Satisfied late (1)"), text.index("Satisfied (")
    assert late < on_time
    assert late < text.index("12/1/17  L1 Luc Tardif — Professional interview") < on_time
    assert text.index("11/7/24  L1 Luc Tardif — Professional interview") > on_time


def _register_text(company: Company, language: str) -> str:
    reader = PdfReader(io.BytesIO(compliance_register(company, AS_OF, language)))
    text = " ".join(page.extract_text() for page in reader.pages)
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ").replace("\u202f", " "))


def test_the_register_says_the_last_interview_came_late() -> None:
    """The last interview held met the first obligation five years after its deadline:
    the register says so beside it, in each language."""
    company = late_company()
    only_late = replace(company.employees[0], interviews=(FIVE_YEARS_LATE,))
    company = replace(company, employees=(only_late,))
    english = _register_text(company, "en")
    assert (
        "Last professional interview: Professional interview, Nov 7, 2022 Held late "
        "(due Dec 1, 2017)"
    ) in english
    french = _register_text(company, "fr")
    assert "Entretien professionnel, 7 nov. 2022 Réalisé en retard (échéance : 1er déc. 2017)" in (
        french
    )


def test_the_register_says_nothing_of_an_interview_held_on_time() -> None:
    text = _register_text(late_company(), "en")
    assert "Last professional interview: Professional interview, Oct 1, 2024" in text
    assert "Held late" not in text
