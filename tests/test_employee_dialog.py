"""The employee form: refusals shown at their fields while typing, the save button disabled
meanwhile (Enter too), what is typed kept when the file refuses, history kept on edit."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QLabel
from pytestqt.qtbot import QtBot

from entretien_desktop.domain import Contract, Employee, WorkingTime, limits
from entretien_desktop.services.employee_checks import ChangeRefused, FieldProblem
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.storage import open_database
from entretien_desktop.ui.dialogs.employee_dialog import EmployeeDialog, next_number
from tests.helpers import small_company

pytestmark = pytest.mark.gui


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    database = open_database(tmp_path / "c.sqlite")
    space = Workspace(database, today=lambda: date(2026, 11, 22))
    space.create_company(small_company())
    yield space
    database.close()


def open_dialog(
    qtbot: QtBot, workspace: Workspace, employee: Employee | None = None
) -> EmployeeDialog:
    dialog = EmployeeDialog(workspace, employee)
    qtbot.addWidget(dialog)
    dialog.open()
    return dialog


def test_a_new_employee_is_refused_then_saved(qtbot: QtBot, workspace: Workspace) -> None:
    dialog = open_dialog(qtbot, workspace)
    assert dialog.windowTitle() == "New employee"
    assert dialog.ref_edit.text() == "G3"
    # Nothing reproached before anyone typed, but nothing to save either.
    assert dialog.problems_shown() == {}
    assert not dialog.ok_button.isEnabled()

    dialog.ref_edit.clear()
    qtbot.keyClicks(dialog.ref_edit, "G1")
    qtbot.keyClicks(dialog.last_name_edit, "R")
    qtbot.keyClick(dialog.last_name_edit, Qt.Key.Key_Backspace)
    dialog.exit_field.check.setChecked(True)
    dialog.exit_field.edit.set_value(date(2020, 1, 1))
    assert dialog.problems_shown() == {
        "ref": "Another employee already has the number G1.",
        "last_name": "The last name is required.",
        "exit_date": "The exit date cannot be before the hire date.",
    }
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClick(dialog.last_name_edit, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert workspace.require_company().employees == small_company().employees

    dialog.ref_edit.clear()
    qtbot.keyClicks(dialog.ref_edit, "G3")
    qtbot.keyClicks(dialog.first_name_edit, "Ines")
    qtbot.keyClicks(dialog.last_name_edit, "Roux")
    dialog.exit_field.check.setChecked(False)
    dialog.hire_edit.set_value(date(2026, 9, 1))
    dialog.contract_combo.setCurrentIndex(dialog.contract_combo.findData(Contract.FIXED_TERM))
    dialog.working_time_combo.setCurrentIndex(1)
    qtbot.keyClicks(dialog.job_edit, "Mechanic")
    dialog.department_combo.setCurrentText("Workshop")
    dialog.site_combo.setCurrentText("Lyon")
    dialog.manager_combo.setCurrentIndex(dialog.manager_combo.findData("G1"))
    assert dialog.problems_shown() == {}
    assert dialog.ok_button.isEnabled()
    qtbot.keyClick(dialog.last_name_edit, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.saved_ref == "G3"
    assert workspace.employee("G3") == Employee(
        ref="G3",
        first_name="Ines",
        last_name="Roux",
        hire_date=date(2026, 9, 1),
        contract=Contract.FIXED_TERM,
        working_time=WorkingTime.PART_TIME,
        job_title="Mechanic",
        department="Workshop",
        site="Lyon",
        manager_ref="G1",
        language="fr",
    )


def test_an_edit_keeps_the_history(qtbot: QtBot, workspace: Workspace) -> None:
    before = workspace.employee("G1")
    dialog = open_dialog(qtbot, workspace, before)
    assert dialog.windowTitle() == "Edit Éloïse Lefèvre"
    assert dialog.ok_button.isEnabled()
    assert dialog.manager_combo.findData("G1") == -1  # nobody manages themselves
    qtbot.keyClicks(dialog.job_edit, "Owner")
    dialog.birth_field.check.setChecked(True)
    dialog.birth_field.edit.set_value(date(1985, 6, 2))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    after = workspace.employee("G1")
    assert (after.job_title, after.birth_date) == ("Owner", date(1985, 6, 2))
    assert after.leaves == before.leaves and after.interviews == before.interviews


def test_a_birth_after_the_hire_is_refused_at_the_hire_date(
    qtbot: QtBot, workspace: Workspace
) -> None:
    dialog = open_dialog(qtbot, workspace, workspace.employee("G2"))
    dialog.birth_field.check.setChecked(True)
    dialog.birth_field.edit.set_value(date(2022, 1, 1))
    assert dialog.problems_shown() == {"hire_date": "The hire date must come after the birth date."}
    assert not dialog.ok_button.isEnabled()
    dialog.birth_field.check.setChecked(False)
    assert dialog.problems_shown() == {}
    assert dialog.ok_button.isEnabled()


def test_a_transfer_s_seniority_and_a_forfait_jours_are_checked_then_saved(
    qtbot: QtBot, workspace: Workspace
) -> None:
    """The seniority date must not come after the hire, the forfait jours not before the
    seniority; once right, both are kept and the rules count from the seniority date."""
    g2 = workspace.employee("G2")
    dialog = open_dialog(qtbot, workspace, g2)
    dialog.seniority_field.check.setChecked(True)
    dialog.seniority_field.edit.set_value(g2.hire_date.replace(year=g2.hire_date.year + 1))
    dialog.forfait_field.check.setChecked(True)
    dialog.forfait_field.edit.set_value(date(2000, 1, 3))
    assert dialog.problems_shown() == {
        "seniority_date": "The seniority date cannot be after the hire date: leave it empty "
        "when seniority starts at the hire.",
        "forfait_jours_since": "The forfait jours cannot start before seniority starts.",
    }
    assert not dialog.ok_button.isEnabled()
    dialog.seniority_field.edit.set_value(date(2016, 4, 4))
    dialog.forfait_field.edit.set_value(date(2018, 1, 2))
    assert dialog.problems_shown() == {}
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    after = workspace.employee("G2")
    assert (after.seniority_date, after.forfait_jours_since) == (date(2016, 4, 4), date(2018, 1, 2))
    assert after.interviews == g2.interviews
    periodic = [
        o
        for o in workspace.obligations().obligations
        if o.employee_ref == "G2" and o.kind.value == "periodic"
    ]
    assert periodic[0].window_start == date(2016, 4, 4)


def test_a_refusal_at_save_time_keeps_what_was_typed(
    qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = open_dialog(qtbot, workspace)
    qtbot.keyClicks(dialog.first_name_edit, "Ines")
    qtbot.keyClicks(dialog.last_name_edit, "Roux")

    def taken(
        employee: Employee,
        replacing: str | None = None,
        based_on: Employee | None = None,
        over_theirs: bool = False,
    ) -> None:
        raise ChangeRefused([FieldProblem("ref", "Someone took this number meanwhile.")])

    monkeypatch.setattr(workspace, "save_employee", taken)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.problems_shown() == {"ref": "Someone took this number meanwhile."}
    assert (dialog.ref_edit.text(), dialog.first_name_edit.text()) == ("G3", "Ines")
    assert dialog.saved_ref is None


def test_every_field_has_a_label_with_a_mnemonic(qtbot: QtBot, workspace: Workspace) -> None:
    dialog = open_dialog(qtbot, workspace)
    buddies = {label.buddy() for label in dialog.findChildren(QLabel) if "&" in label.text()}
    fields = [
        dialog.ref_edit,
        dialog.first_name_edit,
        dialog.last_name_edit,
        dialog.birth_field,
        dialog.language_combo,
        dialog.address_edit,
        dialog.hire_edit,
        dialog.exit_field,
        dialog.contract_combo,
        dialog.working_time_combo,
        dialog.job_edit,
        dialog.department_combo,
        dialog.site_combo,
        dialog.manager_combo,
    ]
    assert all(field in buddies for field in fields)


def test_tab_walks_the_fields_in_reading_order(qtbot: QtBot, workspace: Workspace) -> None:
    dialog = open_dialog(qtbot, workspace)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.ref_edit)
    expected = [
        dialog.first_name_edit,
        dialog.last_name_edit,
        dialog.birth_field.check,
        dialog.language_combo,  # the birth date is greyed while not known
        dialog.address_edit,
        dialog.hire_edit,
    ]
    for widget in expected:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        focused = QApplication.focusWidget()
        assert focused is widget or widget.isAncestorOf(focused)


def test_the_next_number_follows_the_usual_pattern() -> None:
    company = small_company()
    assert next_number(company) == "G3"
    assert next_number(company.__class__("X", "FR", 1)) == ""


def test_the_names_stop_at_the_length_the_company_file_takes(
    qtbot: QtBot, workspace: Workspace
) -> None:
    dialog = open_dialog(qtbot, workspace)
    for edit in (dialog.ref_edit, dialog.first_name_edit, dialog.last_name_edit, dialog.job_edit):
        edit.setText("x" * (limits.MAX_NAME + 1))
        assert len(edit.text()) == limits.MAX_NAME
    dialog.department_combo.setEditText("d" * (limits.MAX_NAME + 1))
    assert len(dialog.department_combo.currentText()) == limits.MAX_NAME


def test_the_greyed_save_button_says_why(qtbot: QtBot, workspace: Workspace) -> None:
    dialog = open_dialog(qtbot, workspace)
    # Nothing typed yet, so nothing reproached under the fields, but the button tells.
    assert dialog.problems_shown() == {}
    assert not dialog.ok_button.isEnabled()
    why = dialog.ok_button.toolTip()
    assert "The first name is required." in why
    assert "The last name is required." in why
    qtbot.keyClicks(dialog.first_name_edit, "Ana")
    qtbot.keyClicks(dialog.last_name_edit, "Lopes")
    assert dialog.ok_button.isEnabled()
    assert dialog.ok_button.toolTip() == ""
