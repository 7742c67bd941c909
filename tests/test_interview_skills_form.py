"""The skills map's table in the real interview form (issue 21): the employee's skills as
the matrix holds them, the agreed level chosen from the scale's words, and once the
interview is signed on paper, the agreed level is the employee's current one."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from entretien_desktop.domain import Company, Interview, InterviewKind, InterviewStatus
from entretien_desktop.domain.skills import Job, Skill, SkillLevel, SkillNeed, current_levels
from entretien_desktop.domain.templates import FieldType
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.ui.forms.interview_wizard import InterviewWizard
from entretien_desktop.ui.forms.skills_table import SkillsTableEditor
from entretien_desktop.ui.pages import interview_actions
from entretien_desktop.ui.pages.interviews_page import InterviewsPage
from tests.helpers import TODAY, open_workspace, small_company
from tests.qt_helpers import WAIT_MS, ready_feed

CATALOGUE = (
    Skill("cnc", "Usinage CN 5 axes", "Usinage"),
    Skill("caces", "CACES R489 cat. 3", "Conduite", expires_after_months=60),
)


def _company(job_title: str = "Usineuse") -> Company:
    company = small_company()
    first = replace(
        company.employees[0],
        job_title=job_title,
        skill_levels=(
            SkillLevel("cnc", 1, date(2024, 1, 10)),
            SkillLevel("caces", 2, date(2020, 3, 2)),  # lapsed in 2025
        ),
    )
    job = Job("Usineuse", (SkillNeed("cnc", 2), SkillNeed("caces", 2)))
    return replace(
        company, skills=CATALOGUE, jobs=(job,), employees=(first, *company.employees[1:])
    )


def _plan(workspace: Workspace, kind: InterviewKind) -> Interview:
    interview = Interview(f"G1-{kind.value}", kind, InterviewStatus.PLANNED, TODAY)
    workspace.put_interview("G1", interview)
    return interview


def _cell(editor: SkillsTableEditor, row: int, column_id: str) -> str:
    index = next(i for i, c in enumerate(editor.columns) if c.id == column_id)
    item = editor.table.item(row, index)
    assert item is not None
    return item.text()


def _skills_step(wizard: InterviewWizard) -> SkillsTableEditor:
    wizard.show_section(wizard.template.section_index("skills_map"))
    editor = wizard.editors["skills_map"]
    assert isinstance(editor, SkillsTableEditor)
    return editor


def _fill_required(qtbot: QtBot, wizard: InterviewWizard) -> None:
    for field in wizard.template.fields():
        if not field.required or wizard.answers.get(field.id):
            continue
        editor = wizard.editors[field.id]
        with qtbot.waitSignal(wizard.saved, timeout=WAIT_MS):
            if field.type in {FieldType.LONG_TEXT, FieldType.SHORT_TEXT}:
                qtbot.keyClicks(editor.focusProxy(), "Vu ensemble")
            else:  # the information given: every item ticked
                editor.set_value([choice.id for choice in field.choices])
                editor.changed.emit()


def test_the_form_shows_the_matrix_and_signing_on_paper_makes_the_agreed_level_current(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_workspace(tmp_path / "c.sqlite", _company()) as workspace:
        page = InterviewsPage(workspace, ready_feed(qtbot, workspace))
        qtbot.addWidget(page)
        interview = _plan(workspace, InterviewKind.PROFESSIONAL)
        page.show()
        page.reload()
        assert page.select_interview(interview.id)
        with qtbot.waitSignal(page.interview_actions.form_opened, timeout=WAIT_MS) as opened:
            qtbot.mouseClick(page.interview_actions.form_button, Qt.MouseButton.LeftButton)
        wizard = opened.args[0]
        assert isinstance(wizard, InterviewWizard)
        editor = _skills_step(wizard)
        assert wizard.heading.text().endswith("Skills map")
        assert editor.table.isVisible() and not editor.empty.isVisible()
        # What the matrix holds, shown and not typed.
        assert [_cell(editor, row, "skill") for row in range(2)] == [
            "Usinage CN 5 axes",
            "CACES R489 cat. 3",
        ]
        assert _cell(editor, 0, "current") == "In training"
        assert _cell(editor, 0, "needed") == "Autonomous"
        assert _cell(editor, 1, "current") == "Certification lapsed"
        current = editor.table.item(0, editor.column_of("current") or 0)
        assert current is not None
        assert current.toolTip() == "In training: below the level the job needs (Autonomous)"
        skill_item = editor.table.item(0, 0)
        assert skill_item is not None
        assert not skill_item.flags() & Qt.ItemFlag.ItemIsEditable
        # The agreed level, typed as its digit where the form puts the cursor.
        agreed = editor.column_of("agreed")
        assert agreed is not None
        assert (editor.table.currentRow(), editor.table.currentColumn()) == (0, agreed)
        assert _cell(editor, 0, "agreed") == "(not agreed)"
        editor.table.setFocus()
        with qtbot.waitSignal(wizard.saved, timeout=WAIT_MS):
            qtbot.keyClicks(editor.table, "2")
            (choosing,) = editor.table.viewport().findChildren(QComboBox)
            assert [choosing.itemText(i) for i in range(choosing.count())] == [
                "(not agreed)",
                "0 · Not trained",
                "1 · In training",
                "2 · Autonomous",
                "3 · Can train others",
            ]
            qtbot.keyClick(choosing, Qt.Key.Key_Return)
        assert _cell(editor, 0, "agreed") == "2 · Autonomous"
        assert wizard.answers["skills_map"][0]["agreed"] == "2"
        _fill_required(qtbot, wizard)
        assert wizard.finish()
        held = workspace.interview("G1", interview.id)
        assert held.status is InterviewStatus.HELD
        # Signed on paper: the date dialog and the confirmation answered as the user would.
        monkeypatch.setattr(
            interview_actions.DateAndReasonDialog,
            "exec",
            lambda _self: QDialog.DialogCode.Accepted,
        )
        monkeypatch.setattr(QMessageBox, "question", lambda *_args: QMessageBox.StandardButton.Yes)
        page.reload()
        assert page.select_interview(interview.id)
        qtbot.mouseClick(page.interview_actions.sign_button, Qt.MouseButton.LeftButton)
        employee = workspace.employee("G1")
        assert workspace.interview("G1", interview.id).signed_on == TODAY
        now = current_levels(employee.skill_levels)
        assert now["cnc"].level == 2
        assert now["cnc"].reference == interview.id
        assert now["caces"].level == 2  # left without an agreed level: as it was
        assert len(employee.skill_levels) == 3
        # Opened again, the signed form shows what was agreed, read-only.
        again = InterviewWizard(workspace, "G1", interview.id)
        qtbot.addWidget(again)
        shown = _skills_step(again)
        assert _cell(shown, 0, "agreed") == "2 · Autonomous"
        assert not shown.isEnabled()


def test_a_job_without_skills_says_so_in_one_line_and_asks_nothing(
    qtbot: QtBot, tmp_path: Path
) -> None:
    company = replace(_company(job_title="Comptable"), employees=small_company().employees)
    with open_workspace(tmp_path / "c.sqlite", company) as workspace:
        interview = _plan(workspace, InterviewKind.ANNUAL_REVIEW)
        wizard = InterviewWizard(workspace, "G1", interview.id)
        qtbot.addWidget(wizard)
        wizard.show()
        editor = _skills_step(wizard)
        assert not editor.table.isVisible()
        assert editor.empty.isVisible()
        assert "nothing to agree" in editor.empty.text()
        assert editor.value() == []
        wizard.go_next()  # nothing is required there
        assert not wizard.problem.isVisible()


def test_an_interview_of_the_earlier_form_opens_without_the_table(
    qtbot: QtBot, tmp_path: Path
) -> None:
    with open_workspace(tmp_path / "c.sqlite", _company()) as workspace:
        interview = replace(_plan(workspace, InterviewKind.PROFESSIONAL), template="professional@1")
        workspace.put_interview("G1", interview)
        wizard = InterviewWizard(workspace, "G1", interview.id)
        qtbot.addWidget(wizard)
        assert wizard.template.key == "professional@1"
        assert "skills_map" not in wizard.editors
        assert "skills_map" not in wizard.answers
