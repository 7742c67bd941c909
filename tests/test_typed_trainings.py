"""Trainings typed in a form's "trainings followed" are offered to the history once the
form is held, listed, and recorded only if the user says so."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from entretien_desktop.domain import Interview, InterviewKind, InterviewStatus, Training
from entretien_desktop.services.typed_trainings import typed_trainings
from entretien_desktop.ui.forms.interview_wizard import InterviewWizard
from tests.helpers import TODAY, open_workspace, small_company
from tests.qt_helpers import WAIT_MS

KNOWN = Training("CACES R489", date(2024, 5, 6), None, 21)


def _company(text: str):
    company = small_company()
    interview = Interview(
        "G1-9",
        InterviewKind.PROFESSIONAL,
        InterviewStatus.HELD,
        date(2026, 11, 2),
        template="professional@1",
        answers={"trainings_followed": text},
    )
    employee = replace(company.employees[0], trainings=(KNOWN,), interviews=(interview,))
    return replace(company, employees=(employee, *company.employees[1:]))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", []),
        ("CACES R489, 6 May 2024, 21 h, not mandatory", []),
        (
            "CACES R489, 6 May 2024, 21 h\n- Habilitation électrique, 2026-03-02, 14 h",
            [Training("Habilitation électrique", date(2026, 3, 2), None, 14)],
        ),
        (
            "Sauveteur secouriste du travail",
            [Training("Sauveteur secouriste du travail", date(2026, 11, 2), None, 0)],
        ),
        (
            "Excel avancé, 3,5 h\nExcel avancé",
            [Training("Excel avancé", date(2026, 11, 2), None, 3.5)],
        ),
        ("Gestes et postures, 7h", [Training("Gestes et postures", date(2026, 11, 2), None, 7)]),
    ],
)
def test_the_lines_the_history_lacks_are_trainings(text: str, expected: list[Training]) -> None:
    company = _company(text)
    employee = company.employees[0]
    assert typed_trainings(company, employee, employee.interviews[0], TODAY) == expected


@pytest.mark.parametrize("answer", [QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No])
def test_the_held_form_offers_them_and_records_them_if_told(
    qtbot: QtBot, tmp_path: Path, answer: QMessageBox.StandardButton
) -> None:
    with open_workspace(tmp_path / "c.sqlite", small_company()) as workspace:
        planned = Interview("G1-P", InterviewKind.PROFESSIONAL, InterviewStatus.PLANNED, TODAY)
        workspace.put_interview("G1", planned)
        wizard = InterviewWizard(workspace, "G1", planned.id)
        qtbot.addWidget(wizard)
        wizard.show()
        from tests.test_interview_wizard import _fill_required  # noqa: PLC0415

        _fill_required(qtbot, wizard)
        editor = wizard.editors["trainings_followed"]
        with qtbot.waitSignal(wizard.saved, timeout=WAIT_MS):
            editor.set_value("Habilitation electrique, 2026-03-02, 14 h")
            editor.changed.emit()
        before = workspace.employee("G1").trainings
        assert wizard.finish()
        box = wizard.typed_trainings_box
        assert box is not None and box.isVisible()
        assert "Habilitation electrique" in box.text() and "14 h" in box.text()
        box.button(answer).click()
        trainings = workspace.employee("G1").trainings
        if answer is QMessageBox.StandardButton.Yes:
            assert trainings == (
                *before,
                Training("Habilitation electrique", date(2026, 3, 2), None, 14),
            )
        else:
            assert trainings == before
