"""The interview templates dialog: copies of built-in templates, edited, saved as versions."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QComboBox, QListWidget, QMessageBox, QTreeWidgetItem, QWidget
from pytestqt.qtbot import QtBot

from entretien_desktop.domain import Interview, InterviewKind, InterviewStatus
from entretien_desktop.domain.templates import Choice, Column, FieldType
from entretien_desktop.services.company_file import load_company
from entretien_desktop.services.templates import choose_template, find_template
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.storage import open_database
from entretien_desktop.ui.dialogs.template_editor import TemplateEditor
from entretien_desktop.ui.pages.settings_page import SettingsPage
from tests.helpers import TODAY, open_workspace, small_company

pytestmark = pytest.mark.gui
Answer = QMessageBox.StandardButton


@pytest.fixture
def data_file(tmp_path: Path) -> Path:
    return tmp_path / "company.sqlite"


@pytest.fixture
def workspace(data_file: Path) -> Iterator[Workspace]:
    employees = small_company().employees
    company = replace(
        small_company(),
        employees=(
            replace(employees[0], department="Atelier"),
            replace(employees[1], department="Magasin"),
        ),
    )
    with open_workspace(data_file, company) as space:
        yield space


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> list[QMessageBox.StandardButton]:
    """What the user answers to the next questions, in order; asking more fails the test."""
    given: list[QMessageBox.StandardButton] = []
    monkeypatch.setattr(QMessageBox, "question", lambda *_args: given.pop(0))
    return given


@pytest.fixture
def dialog(
    qtbot: QtBot, workspace: Workspace, answers: list[QMessageBox.StandardButton]
) -> TemplateEditor:
    editor = TemplateEditor(workspace)
    # Closed by the test's end, not by someone who would be asked to save.
    qtbot.addWidget(editor, before_close_func=lambda w: setattr(w, "dirty", False))
    editor.show()
    qtbot.waitExposed(editor)
    return editor


def list_texts(dialog: TemplateEditor) -> list[str]:
    items = dialog.template_list
    return [items.item(row).text() for row in range(items.count())]


def choose(dialog: TemplateEditor, first_line: str, state: str) -> None:
    for row, text in enumerate(list_texts(dialog)):
        lines = text.splitlines()
        if lines[0] == first_line and state in lines[1]:
            dialog.template_list.setCurrentRow(row)
            return
    raise AssertionError(f"{first_line} ({state}) is not listed")


def copy_of(qtbot: QtBot, dialog: TemplateEditor, title: str) -> None:
    choose(dialog, title, "built in")
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)


def tree_texts(dialog: TemplateEditor) -> list[str]:
    tree = dialog.structure.tree
    texts = []
    for row in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(row)
        assert top is not None
        texts.append(top.text(0))
        texts.extend(f"  {top.child(n).text(0)}" for n in range(top.childCount()))
    return texts


def tree_item(dialog: TemplateEditor, text: str) -> QTreeWidgetItem:
    found = dialog.structure.tree.findItems(
        text, Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive
    )
    assert found, f"{text} is not in the tree"
    return found[0]


def click(qtbot: QtBot, button: QWidget) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def structure_button(dialog: TemplateEditor, text: str) -> QWidget:
    return next(b for b in dialog.structure.buttons if b.text().replace("&", "") == text)


def tick(values: QListWidget, text: str) -> None:
    values.findItems(text, Qt.MatchFlag.MatchExactly)[0].setCheckState(Qt.CheckState.Checked)


def test_a_copy_with_a_new_section_is_saved_and_read_back(
    qtbot: QtBot, dialog: TemplateEditor, workspace: Workspace, data_file: Path
) -> None:
    copy_of(qtbot, dialog, "Annual review")
    assert list_texts(dialog)[0].splitlines()[:2] == [
        "Copy of Annual review",
        "Annual review · not saved yet",
    ]
    dialog.title_edit.clear()
    qtbot.keyClicks(dialog.title_edit, "Workshop annual review")
    qtbot.keyClick(dialog.title_edit, Qt.Key.Key_Return)
    assert "not saved yet" in list_texts(dialog)[0]
    form = dialog.structure.part_form
    click(qtbot, structure_button(dialog, "Add section"))
    qtbot.keyClicks(form.title_edit, "Safety")
    click(qtbot, structure_button(dialog, "Add field"))
    qtbot.keyClicks(form.label_edit, "Incidents")
    click(qtbot, structure_button(dialog, "Add field"))
    qtbot.keyClicks(form.label_edit, "Protective gear")
    click(qtbot, form.required_check)
    click(qtbot, structure_button(dialog, "Move up"))
    assert tree_texts(dialog)[5:8] == ["Safety", "  Protective gear *", "  Incidents"]

    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    assert dialog.message.text() == "Saved as version 1."
    assert not dialog.save_button.isEnabled()
    assert list_texts(dialog)[0].splitlines()[:2] == [
        "Workshop annual review",
        "Annual review · version 1",
    ]
    workspace.database.close()
    with open_database(data_file) as reopened:
        company = load_company(reopened)
    assert company is not None
    (saved,) = company.templates
    assert (saved.key, saved.title) == ("annual_review-copy-1@1", "Workshop annual review")
    section = saved.sections[1]
    assert section.title == "Safety"
    assert [(f.id, f.label, f.required) for f in section.fields] == [
        ("protective_gear", "Protective gear", True),
        ("incidents", "Incidents", False),
    ]


def test_a_field_with_a_role_cannot_be_removed(
    qtbot: QtBot, dialog: TemplateEditor, answers: list[QMessageBox.StandardButton]
) -> None:
    copy_of(qtbot, dialog, "Annual review")
    dialog.structure.tree.setCurrentItem(tree_item(dialog, "Training requests"))
    assert not dialog.structure.part_form.type_combo.isEnabled()

    click(qtbot, structure_button(dialog, "Remove…"))

    assert dialog.message.text() == (
        "“Training requests” cannot be removed: its rows feed the training plan."
    )
    assert "  Training requests" in tree_texts(dialog)


def test_a_field_is_removed_after_confirmation(
    qtbot: QtBot, dialog: TemplateEditor, answers: list[QMessageBox.StandardButton]
) -> None:
    copy_of(qtbot, dialog, "Annual review")
    dialog.structure.tree.setCurrentItem(tree_item(dialog, "Difficulties"))
    answers.extend([Answer.No, Answer.Yes])
    click(qtbot, structure_button(dialog, "Remove…"))
    assert "  Difficulties" in tree_texts(dialog)
    click(qtbot, structure_button(dialog, "Remove…"))
    assert "  Difficulties" not in tree_texts(dialog)
    assert answers == []


def test_a_field_without_a_label_is_refused_and_nothing_is_saved(
    qtbot: QtBot, dialog: TemplateEditor, workspace: Workspace
) -> None:
    copy_of(qtbot, dialog, "Professional interview on return from leave")
    click(qtbot, structure_button(dialog, "Add field"))

    click(qtbot, dialog.save_button)

    assert dialog.message.text() == (
        "Section 1 “Context”, field 6 (no label) — label: a non-empty text is required"
    )
    assert workspace.require_company().templates == ()
    assert dialog.dirty
    assert dialog.structure.tree.currentItem().text(0) == "(no label)"
    assert "not saved yet" in list_texts(dialog)[0]


def test_a_changed_template_is_saved_as_a_new_version_and_the_old_one_is_kept(
    qtbot: QtBot, dialog: TemplateEditor, workspace: Workspace
) -> None:
    copy_of(qtbot, dialog, "Annual review")
    click(qtbot, dialog.save_button)
    ref = workspace.require_company().employees[0].ref
    workspace.put_interview(
        ref,
        Interview(
            "G1-2",
            InterviewKind.ANNUAL_REVIEW,
            InterviewStatus.HELD,
            TODAY,
            template="annual_review-copy-1@1",
        ),
    )
    dialog.structure.tree.setCurrentItem(tree_item(dialog, "Successes"))
    dialog.structure.part_form.label_edit.setText("Successes and pride")

    click(qtbot, dialog.save_button)

    assert dialog.message.text() == "Saved as version 2."
    templates = workspace.require_company().templates
    assert [t.key for t in templates] == ["annual_review-copy-1@2", "annual_review-copy-1@1"]
    old = find_template("annual_review-copy-1@1", templates)
    assert old is not None
    assert old.field("successes").label == "Successes"
    employee = workspace.require_company().employees[0]
    chosen = choose_template(InterviewKind.ANNUAL_REVIEW, employee, templates)
    assert chosen.field("successes").label == "Successes and pride"
    assert [t.splitlines()[1] for t in list_texts(dialog)[:2]] == [
        "Annual review · version 2",
        "Annual review · version 1, superseded",
    ]

    click(qtbot, dialog.delete_button)

    assert dialog.message.text() == (
        "“Copy of Annual review” cannot be deleted: 1 interview was filled with it and is"
        " read with it."
    )
    assert len(workspace.require_company().templates) == 2


def test_saving_without_a_change_makes_no_new_version(
    qtbot: QtBot, dialog: TemplateEditor, workspace: Workspace
) -> None:
    copy_of(qtbot, dialog, "Mid-career interview")
    click(qtbot, dialog.save_button)
    qtbot.keyClicks(dialog.title_edit, " ")
    click(qtbot, dialog.save_button)
    assert dialog.message.text() == "Nothing has changed since the last save."
    assert [t.version for t in workspace.require_company().templates] == [1]


def test_a_template_for_one_department_is_chosen_for_its_employees_only(
    qtbot: QtBot, dialog: TemplateEditor, workspace: Workspace
) -> None:
    copy_of(qtbot, dialog, "Professional interview")
    dialog.tabs.setCurrentIndex(1)
    assert [
        dialog.applies["departments"].item(row).text()
        for row in range(dialog.applies["departments"].count())
    ] == ["Atelier", "Magasin"]
    tick(dialog.applies["departments"], "Atelier")

    click(qtbot, dialog.save_button)

    assert list_texts(dialog)[0].splitlines()[2] == "For: Atelier"
    company = workspace.require_company()
    atelier, magasin = company.employees
    kind = InterviewKind.PROFESSIONAL
    assert choose_template(kind, atelier, company.templates).key == "professional-copy-1@1"
    assert choose_template(kind, magasin, company.templates).built_in


def test_an_unused_template_is_deleted_after_confirmation(
    qtbot: QtBot,
    dialog: TemplateEditor,
    workspace: Workspace,
    answers: list[QMessageBox.StandardButton],
) -> None:
    copy_of(qtbot, dialog, "Career conversation")
    click(qtbot, dialog.save_button)
    answers.extend([Answer.No, Answer.Yes])
    click(qtbot, dialog.delete_button)
    assert len(workspace.require_company().templates) == 1
    click(qtbot, dialog.delete_button)
    assert workspace.require_company().templates == ()
    assert all("Copy of" not in text for text in list_texts(dialog))


def test_built_in_templates_cannot_be_changed(qtbot: QtBot, dialog: TemplateEditor) -> None:
    choose(dialog, "Summary review of the professional path", "built in")
    assert dialog.notice.text() == "Built in: it cannot be changed. Make a copy to adapt it."
    assert dialog.title_edit.isReadOnly()
    assert not dialog.delete_button.isEnabled()
    assert not dialog.save_button.isEnabled()
    assert not any(button.isEnabled() for button in dialog.structure.buttons)


def test_escape_asks_before_unsaved_changes_are_dropped(
    qtbot: QtBot,
    dialog: TemplateEditor,
    workspace: Workspace,
    answers: list[QMessageBox.StandardButton],
) -> None:
    copy_of(qtbot, dialog, "Annual review")
    answers.extend([Answer.Cancel, Answer.Discard])
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert workspace.require_company().templates == ()


def test_every_control_is_reached_with_tab(qtbot: QtBot, dialog: TemplateEditor) -> None:
    copy_of(qtbot, dialog, "Annual review")
    dialog.structure.tree.setCurrentItem(tree_item(dialog, "Objectives evaluated"))
    form = dialog.structure.part_form
    wanted = [
        dialog.template_list,
        dialog.copy_button,
        dialog.delete_button,
        dialog.title_edit,
        dialog.structure.tree,
        *dialog.structure.buttons,
        form.label_edit,
        form.help_edit,
        form.required_check,
        form.columns,
        form.add_column_button,
        form.remove_column_button,
        dialog.save_button,
        dialog.close_button,
    ]
    reached = []
    widget = dialog.nextInFocusChain()
    while widget is not dialog:
        if (
            widget.isVisible()
            and widget.isEnabled()
            and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        ):
            reached.append(widget)
        widget = widget.nextInFocusChain()
    assert [w for w in wanted if w not in reached] == []


def test_the_settings_page_opens_the_dialog(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    settings = QSettings(str(tmp_path / "interface.ini"), QSettings.Format.IniFormat)
    page = SettingsPage(workspace, settings)
    qtbot.addWidget(page)
    page.show()
    click(qtbot, page.templates_button)
    opened = page.findChild(TemplateEditor)
    assert opened is not None
    qtbot.waitUntil(opened.isVisible)
    assert opened.windowTitle() == "Interview templates"
    opened.close()


def test_options_and_table_columns_are_saved_with_keys_made_from_their_labels(
    qtbot: QtBot, dialog: TemplateEditor, workspace: Workspace
) -> None:
    copy_of(qtbot, dialog, "Career conversation")
    form = dialog.structure.part_form
    dialog.structure.tree.setCurrentItem(dialog.structure.tree.topLevelItem(0))
    click(qtbot, structure_button(dialog, "Add field"))
    qtbot.keyClicks(form.label_edit, "Mood")
    form.type_combo.setCurrentIndex(form.type_combo.findText("One choice"))
    qtbot.keyClicks(form.choices_edit, "Good")
    qtbot.keyClick(form.choices_edit, Qt.Key.Key_Return)
    qtbot.keyClicks(form.choices_edit, "Could be better")
    click(qtbot, structure_button(dialog, "Add field"))
    qtbot.keyClicks(form.label_edit, "Next steps")
    form.type_combo.setCurrentIndex(form.type_combo.findText("Table"))
    click(qtbot, dialog.save_button)
    assert dialog.message.text().endswith("— columns: a table needs at least one column")

    click(qtbot, form.add_column_button)
    click(qtbot, dialog.save_button)
    assert dialog.message.text().endswith("— column 1 › label: a non-empty text is required")
    form.columns.item(0, 0).setText("Due date")
    kind = form.columns.cellWidget(0, 1)
    assert isinstance(kind, QComboBox)
    kind.setCurrentIndex(kind.findText("Date"))
    click(qtbot, dialog.save_button)

    assert dialog.message.text() == "Saved as version 1."
    (saved,) = workspace.require_company().templates
    assert saved.field("mood").choices == (
        Choice("good", "Good"),
        Choice("could_be_better", "Could be better"),
    )
    assert saved.field("next_steps").columns == (Column("due_date", "Due date", FieldType.DATE),)
