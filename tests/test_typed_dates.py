"""The dates of the user test (issue 14), typed the French way through the real screens: a
training request's date typed in the form reaches the training plan as that day, an
impossible date keeps the form from being finished and marks its step, and the hire date
and leave start that QDateEdit turned into other dates are the days typed."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QMessageBox
from pytestqt.qtbot import QtBot

from entretien_desktop.domain import Interview, InterviewKind, InterviewStatus, LeaveKind
from entretien_desktop.domain.templates import Field, FieldType
from entretien_desktop.i18n import set_language
from entretien_desktop.services.reports.interview_report import value_text
from entretien_desktop.services.templates import built_in_template
from entretien_desktop.services.training_requests import training_requests
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.ui.dialogs.employee_dialog import EmployeeDialog
from entretien_desktop.ui.dialogs.leave_dialog import LeaveDialog
from entretien_desktop.ui.forms.form_fields import TableEditor
from entretien_desktop.ui.forms.interview_wizard import InterviewWizard
from entretien_desktop.ui.pages.training_page import TrainingPlanPage
from entretien_desktop.ui.pages.training_requests import RequestsModel
from entretien_desktop.ui.widgets.date_fields import DateEdit
from tests.helpers import TODAY, open_workspace, small_company
from tests.qt_helpers import WAIT_MS, ready_feed

pytestmark = pytest.mark.gui


def _step_holding(field_id: str) -> int:
    """The step of the professional interview's current template holding ``field_id``
    (steps are added between versions: the skills map's came before these two)."""
    template = built_in_template(InterviewKind.PROFESSIONAL)
    return next(
        index
        for index, section in enumerate(template.sections)
        if any(field.id == field_id for field in section.fields)
    )


TRAINING_STEP = _step_holding("training_requests")
ACTION_PLAN_STEP = _step_holding("action_plan")


@pytest.fixture(autouse=True)
def _french() -> Iterator[None]:
    set_language("fr")
    yield
    set_language("en")


@pytest.fixture(autouse=True)
def _no_message_boxes(monkeypatch: pytest.MonkeyPatch) -> None:
    """A message box would wait for a click that never comes."""
    for name in ("warning", "question", "information", "critical"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(lambda *_a: None))


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "dates.sqlite"


@pytest.fixture
def workspace(path: Path) -> Iterator[Workspace]:
    with open_workspace(path, small_company()) as space:
        yield space


def _wizard(qtbot: QtBot, workspace: Workspace) -> InterviewWizard:
    interview = Interview("G1-pro", InterviewKind.PROFESSIONAL, InterviewStatus.PLANNED, TODAY)
    workspace.put_interview("G1", interview)
    wizard = InterviewWizard(workspace, "G1", interview.id)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    return wizard


def _type_in_cell(qtbot: QtBot, table: TableEditor, row: int, column: int, text: str) -> None:
    """Open the cell as a double click does, type ``text``, press Enter."""
    item = table.table.item(row, column)
    assert item is not None
    table.table.setCurrentCell(row, column)
    table.table.editItem(item)
    editors = [
        w
        for w in table.table.viewport().findChildren(QLineEdit)
        if w.isVisible() and not isinstance(w.parentWidget(), DateEdit)
    ] or [w.line for w in table.table.viewport().findChildren(DateEdit) if w.isVisible()]
    assert len(editors) == 1
    qtbot.keyClicks(editors[0], text)
    qtbot.keyClick(editors[0], Qt.Key.Key_Return)
    _wait_closed(qtbot, table)


def _wait_closed(qtbot: QtBot, table: TableEditor) -> None:
    """Enter commits and closes the cell's editor once back in the event loop."""
    qtbot.waitUntil(lambda: table.table.state() != QAbstractItemView.State.EditingState)


def _column(table: TableEditor, column_id: str) -> int:
    return next(i for i, c in enumerate(table.columns) if c.id == column_id)


def _answer(field: Field) -> Any:
    if field.type is FieldType.DATE:
        return "2026-11-20"
    if field.type is FieldType.CHECKS:
        return [field.choices[0].id]
    if field.type in {FieldType.CHOICE, FieldType.RATING}:
        return field.choices[0].id
    if field.type is FieldType.YES_NO:
        return True
    return "Réponse"


def _step_text(wizard: InterviewWizard, index: int) -> str:
    return wizard.steps.item(index).text()


def test_a_table_date_typed_the_french_way_reaches_the_training_plan(
    qtbot: QtBot, workspace: Workspace, path: Path
) -> None:
    wizard = _wizard(qtbot, workspace)
    wizard.show_section(TRAINING_STEP)
    table = wizard.editors["training_requests"]
    assert isinstance(table, TableEditor)
    qtbot.mouseClick(table.add_button, Qt.MouseButton.LeftButton)
    _type_in_cell(qtbot, table, 0, _column(table, "course"), "CACES R489")
    start = _column(table, "start")
    table.table.setCurrentCell(0, start)
    table.table.editItem(table.table.item(0, start))
    editor = table.table.viewport().findChildren(DateEdit)[0]
    qtbot.keyClicks(editor.line, "02/03/2027")
    assert editor.reading.text() == "mardi 2 mars 2027"  # shown in full while typing
    with qtbot.waitSignal(wizard.saved, timeout=WAIT_MS):
        qtbot.keyClick(editor.line, Qt.Key.Key_Return)
    _wait_closed(qtbot, table)
    cell = table.table.item(0, start)
    assert cell is not None
    assert cell.text() == "02/03/2027"
    assert _step_text(wizard, TRAINING_STEP).startswith("✓")
    wizard.close()

    stored = workspace.interview("G1", "G1-pro")  # as written to the file
    assert stored.answers is not None
    assert stored.answers["training_requests"][0]["start"] == "2027-03-02"  # ISO, as ever
    request = training_requests(workspace.require_company())[0]
    assert request.day("start") == date(2027, 3, 2)
    assert value_text(FieldType.DATE, (), "2027-03-02") == "2\u00a0mars\u00a02027"  # the report

    page = TrainingPlanPage(workspace, ready_feed(qtbot, workspace))
    qtbot.addWidget(page)
    page.show()
    proxy = page.requests.proxy
    assert proxy.rowCount() == 1
    assert proxy.index(0, RequestsModel.COURSE).data() == "CACES R489"
    assert proxy.index(0, RequestsModel.DATES).data() == "2 mars 2027"


def test_an_impossible_table_date_keeps_the_form_from_being_finished(
    qtbot: QtBot, workspace: Workspace, path: Path
) -> None:
    wizard = _wizard(qtbot, workspace)
    wizard.show_section(ACTION_PLAN_STEP)
    table = wizard.editors["action_plan"]
    assert isinstance(table, TableEditor)
    qtbot.mouseClick(table.add_button, Qt.MouseButton.LeftButton)
    _type_in_cell(qtbot, table, 0, _column(table, "what"), "Former un apprenti")
    with qtbot.waitSignal(wizard.saved, timeout=WAIT_MS):
        _type_in_cell(qtbot, table, 0, _column(table, "by_when"), "31/02/2027")
    cell = table.table.item(0, _column(table, "by_when"))
    assert cell is not None
    assert cell.text() == "31/02/2027"  # as typed, never another day
    assert "28 jours" in cell.toolTip()
    assert _step_text(wizard, ACTION_PLAN_STEP).startswith("⚠")

    assert not wizard.finish()
    assert wizard.current < ACTION_PLAN_STEP  # an earlier step still misses answers
    # Every other step complete, the form still refuses, on the step of the date.
    for field in wizard.template.fields():
        if field.required and not wizard.answers.get(field.id):
            wizard.answers[field.id] = _answer(field)
    assert not wizard.finish()
    assert wizard.current == ACTION_PLAN_STEP
    assert wizard.problem.text() == (
        "Date non valable dans cette étape : Plan d'action. Tapez-la sous la forme jj/mm/aaaa."
    )

    with qtbot.waitSignal(wizard.saved, timeout=WAIT_MS):
        _type_in_cell(qtbot, table, 0, _column(table, "by_when"), "28/02/2027")
    assert _step_text(wizard, ACTION_PLAN_STEP).startswith("✓")
    assert wizard.finish()
    interview = workspace.interview("G1", "G1-pro")
    assert interview.status is InterviewStatus.HELD
    assert interview.answers is not None
    assert interview.answers["action_plan"][0]["by_when"] == "2027-02-28"


def test_the_hire_date_typed_the_french_way_is_that_day(qtbot: QtBot, workspace: Workspace) -> None:
    employee = workspace.employee("G2")
    dialog = EmployeeDialog(workspace, employee)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    line = dialog.hire_edit.line
    line.selectAll()
    qtbot.keyClicks(line, "02/09/2019")
    assert dialog.hire_edit.reading.text() == "lundi 2 septembre 2019"
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == EmployeeDialog.DialogCode.Accepted
    assert workspace.employee("G2").hire_date == date(2019, 9, 2)


def test_an_impossible_hire_date_keeps_the_dialog_open_with_the_reason(
    qtbot: QtBot, workspace: Workspace
) -> None:
    before = workspace.employee("G2")
    dialog = EmployeeDialog(workspace, before)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.hire_edit.line.selectAll()
    qtbot.keyClicks(dialog.hire_edit.line, "31/02/2019")
    assert "28 jours" in dialog.hire_edit.reading.text()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.focusWidget() is dialog.hire_edit.line
    assert workspace.employee("G2") == before


def test_a_leave_start_typed_the_french_way_is_that_day(qtbot: QtBot, workspace: Workspace) -> None:
    employee = replace(workspace.employee("G2"), leaves=())
    dialog = LeaveDialog(employee, workspace.require_company(), TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(LeaveKind.SICKNESS))
    dialog.ongoing_check.setChecked(True)
    dialog.start_edit.line.selectAll()
    qtbot.keyClicks(dialog.start_edit.line, "01/06/2026")
    assert dialog.start_edit.text() == "01/06/2026"
    assert dialog.start_edit.reading.text() == "lundi 1 juin 2026"
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == LeaveDialog.DialogCode.Accepted
    assert dialog.leave().start == date(2026, 6, 1)
