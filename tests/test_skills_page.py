"""The skills matrix page: the model and its filter pass Qt's model tester; each cell says a
level as a person reads it (digit, colour, a lapsed certification struck with the day it
expired, the job's need marked); filters and sorting; keys record levels appended to the
history and Ctrl+Z takes them back; the cell's dialog and history; the catalogue editor;
the page in the main window's navigation."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import QSettings, Qt, QThreadPool
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QComboBox, QLabel, QMessageBox, QTableWidgetItem
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from entretien_desktop.domain import Skill, SkillLevel, SkillSource
from entretien_desktop.domain.skills import current_levels, level_on
from entretien_desktop.services.permissions import Access
from entretien_desktop.services.skills_edit import (
    catalogue_problems,
    history_of,
    record_level,
    references,
)
from entretien_desktop.services.skills_gaps import gap_concerns
from entretien_desktop.services.skills_grid import MatrixFilter
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.ui.dialogs.skills_catalogue_dialog import CODE, FAMILY, MONTHS, NAME
from entretien_desktop.ui.feed import ObligationsFeed
from entretien_desktop.ui.main_window import MainWindow, Pages
from entretien_desktop.ui.pages.settings_page import SettingsPage
from entretien_desktop.ui.pages.skills_model import (
    LEVEL_COLOURS,
    LEVEL_ROLE,
    NAME_COLUMN,
    NEED_ROLE,
    REF_ROLE,
    SKILL_ROLE,
    SkillsMatrixModel,
)
from entretien_desktop.ui.pages.skills_page import SkillsPage
from entretien_desktop.ui.pages.welcome import WelcomePage
from entretien_desktop.ui.role_window import follow_role
from tests.helpers import TODAY, open_workspace
from tests.skills_helpers import joinery
from tests.test_main_window import FakeFiles, StandInEmployee, StandInList
from tests.test_write_failures import fail_writes

pytestmark = pytest.mark.gui


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    with open_workspace(tmp_path / "joinery.sqlite", joinery(TODAY)) as space:
        yield space


@pytest.fixture
def page(qtbot: QtBot, workspace: Workspace) -> SkillsPage:
    page = SkillsPage(workspace)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    qtbot.waitExposed(page)
    return page


def names_shown(page: SkillsPage) -> list[str]:
    proxy = page.proxy
    return [proxy.index(row, NAME_COLUMN).data() for row in range(proxy.rowCount())]


def skills_shown(page: SkillsPage) -> list[str]:
    proxy = page.proxy
    return [
        proxy.headerData(column, Qt.Orientation.Horizontal, SKILL_ROLE)
        for column in range(1, proxy.columnCount())
    ]


def cell_of(page: SkillsPage, ref: str, skill: str) -> object:
    row, column = page.model.row_of(ref), page.model.column_of(skill)
    assert row is not None and column is not None
    return page.model.index(row, column)


def choose(combo: QComboBox, value: object) -> None:
    index = combo.findData(value)
    assert index >= 0, value
    combo.setCurrentIndex(index)


def test_the_models_pass_the_model_tester(qtmodeltester: ModelTester, page: SkillsPage) -> None:
    qtmodeltester.check(page.model)
    qtmodeltester.check(page.proxy)


def test_every_present_employee_and_every_skill_grouped_by_family(page: SkillsPage) -> None:
    assert page.count_label.text() == "20 employees shown"
    assert names_shown(page)[:2] == ["Karim Benali", "Sarah Blanc"]  # by last name
    assert skills_shown(page)[:3] == ["cnc", "scie", "toupie"]
    tooltip = page.proxy.headerData(1, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert "Family: Machines" in tooltip
    sst = page.model.column_of("sst")
    assert sst is not None
    assert "Valid for 24 months" in page.model.headerData(
        sst, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole
    )


def test_a_cell_shows_its_level_as_a_digit_and_a_colour(
    page: SkillsPage, workspace: Workspace
) -> None:
    levels = current_levels(workspace.employee("J02").skill_levels)
    skill, entry = next((s, e) for s, e in levels.items() if s not in ("caces", "sst", "hab-elec"))
    index = cell_of(page, "J02", skill)
    assert index.data() == str(entry.level)  # type: ignore[attr-defined]
    background = index.data(Qt.ItemDataRole.BackgroundRole)  # type: ignore[attr-defined]
    assert background == QColor(LEVEL_COLOURS[entry.level][0])


def test_a_lapsed_certification_is_struck_and_says_when_it_expired(page: SkillsPage) -> None:
    index = cell_of(page, "J04", "caces")  # CACES reached six years ago, valid five
    assert index.data() == "2"  # type: ignore[attr-defined]
    font = index.data(Qt.ItemDataRole.FontRole)  # type: ignore[attr-defined]
    assert isinstance(font, QFont) and font.strikeOut()
    assert "Expired on" in index.data(Qt.ItemDataRole.ToolTipRole)  # type: ignore[attr-defined]


def test_a_level_under_the_jobs_need_is_marked_and_says_so(
    page: SkillsPage, workspace: Workspace
) -> None:
    # Marc Petit, workshop joiner: the job needs the CNC autonomous.
    employee = workspace.employee("J02")
    record_level(workspace, "J02", SkillLevel("cnc", 1, TODAY))
    index = cell_of(page, "J02", "cnc")
    assert index.data() == "1"  # type: ignore[attr-defined]
    assert index.data(NEED_ROLE) == 2  # type: ignore[attr-defined]
    tooltip = index.data(Qt.ItemDataRole.ToolTipRole)  # type: ignore[attr-defined]
    assert "Job needs: autonomous" in tooltip
    record_level(workspace, "J02", SkillLevel("cnc", 3, TODAY))
    assert cell_of(page, "J02", "cnc").data(NEED_ROLE) is None  # type: ignore[attr-defined]
    assert employee.job_title == "Menuisier d'atelier"


def test_the_filters_narrow_rows_and_families_narrow_columns(
    qtbot: QtBot, page: SkillsPage
) -> None:
    choose(page.site_combo, "Vénissieux")
    assert len(names_shown(page)) == 9
    choose(page.job_combo, "Poseur")
    assert set(names_shown(page)) == {
        "Karim Benali",
        "Thomas Lefebvre",
        "Emma Lambert",
        "Chloé Morel",
    }
    assert page.count_label.text() == "4 employees shown"
    choose(page.site_combo, None)
    choose(page.job_combo, None)
    choose(page.family_combo, "Sécurité")
    assert skills_shown(page) == ["caces", "sst", "hab-elec"]
    qtbot.keyClicks(page.search, "helene")  # no accent typed: Hélène found
    assert names_shown(page) == ["Hélène Martin"]
    page.search.clear()
    choose(page.family_combo, None)
    assert len(skills_shown(page)) == 12
    assert len(names_shown(page)) == 20


def test_sorting_by_a_skill_puts_the_highest_levels_first(page: SkillsPage) -> None:
    column = page.proxy.mapFromSource(cell_of(page, "J01", "vernis")).column()  # type: ignore[arg-type]
    page.grid.sortByColumn(column, Qt.SortOrder.DescendingOrder)
    levels = [page.proxy.index(row, column).data() for row in range(page.proxy.rowCount())]
    digits = [int(x) for x in levels if x]
    assert digits == sorted(digits, reverse=True)
    assert levels[-1] == ""  # nothing recorded: last
    page.names.sortByColumn(NAME_COLUMN, Qt.SortOrder.DescendingOrder)
    assert names_shown(page)[:2] == ["Pierre Roux", "Hugo Robin"]  # by last name
    assert page.grid.horizontalHeader().sortIndicatorSection() == NAME_COLUMN


def test_typing_a_digit_records_that_level_and_keeps_the_history(
    qtbot: QtBot, page: SkillsPage, workspace: Workspace
) -> None:
    before = workspace.employee("J03").skill_levels
    assert page.go_to("J03", "vernis")
    page.grid.setFocus()
    qtbot.keyClick(page.grid, Qt.Key.Key_3)
    after = workspace.employee("J03").skill_levels
    assert after[: len(before)] == before  # nothing earlier overwritten
    assert after[-1] == SkillLevel("vernis", 3, TODAY, SkillSource.ASSESSMENT)
    assert cell_of(page, "J03", "vernis").data() == "3"  # type: ignore[attr-defined]
    assert page.current_cell() == ("J03", "vernis")  # the cursor stays on the cell
    assert "Recorded: 3 · Can train others" in page.message_label.text()
    # The arrows move, and the next digit goes to the next cell.
    qtbot.keyClick(page.grid, Qt.Key.Key_Right)
    assert page.current_cell() == ("J03", "teinte")
    qtbot.keyClick(page.grid, Qt.Key.Key_1)
    assert cell_of(page, "J03", "teinte").data() == "1"  # type: ignore[attr-defined]
    assert len(workspace.employee("J03").skill_levels) == len(before) + 2


def test_delete_records_not_trained_and_undo_takes_it_back(
    qtbot: QtBot, page: SkillsPage, workspace: Workspace
) -> None:
    assert page.go_to("J01", "cnc")
    shown = cell_of(page, "J01", "cnc").data()  # type: ignore[attr-defined]
    assert shown not in ("", "0")
    count = len(workspace.employee("J01").skill_levels)
    page.grid.setFocus()
    qtbot.keyClick(page.grid, Qt.Key.Key_Delete)
    assert cell_of(page, "J01", "cnc").data() == "0"  # type: ignore[attr-defined]
    assert len(workspace.employee("J01").skill_levels) == count + 1
    assert workspace.history.next_undo is not None
    assert (
        workspace.history.next_undo.describe()
        == "level of Commande numérique 5 axes for Hélène Martin"
    )
    workspace.undo()
    assert cell_of(page, "J01", "cnc").data() == shown  # type: ignore[attr-defined]
    assert len(workspace.employee("J01").skill_levels) == count


def test_the_cells_dialog_records_a_level_with_its_day_source_and_note(
    qtbot: QtBot, page: SkillsPage, workspace: Workspace
) -> None:
    assert page.go_to("J06", "caces")
    page.grid.setFocus()
    qtbot.keyClick(page.grid, Qt.Key.Key_F2)
    dialog = page.level_dialog
    qtbot.waitExposed(dialog)
    choose(dialog.level_combo, 2)
    dialog.date_edit.set_value(date(2026, 10, 2))
    choose(dialog.source_combo, SkillSource.TRAINING)
    qtbot.keyClicks(dialog.note_edit, "Session AFPA")
    dialog.ok_button.click()
    newest = workspace.employee("J06").skill_levels[-1]
    assert newest == SkillLevel(
        "caces", 2, date(2026, 10, 2), SkillSource.TRAINING, note="Session AFPA"
    )
    tooltip = cell_of(page, "J06", "caces").data(Qt.ItemDataRole.ToolTipRole)  # type: ignore[attr-defined]
    assert "Training" in tooltip and "Valid until" in tooltip and "Session AFPA" in tooltip


def test_the_history_of_a_cell_lists_its_entries_newest_first(
    qtbot: QtBot, page: SkillsPage, workspace: Workspace
) -> None:
    record_level(workspace, "J05", SkillLevel("placage", 1, TODAY - timedelta(days=300)))
    record_level(workspace, "J05", SkillLevel("placage", 2, TODAY))
    assert page.go_to("J05", "placage")
    page.grid.setFocus()
    qtbot.keyClick(page.grid, Qt.Key.Key_H)
    dialog = page.history_dialog
    qtbot.waitExposed(dialog)
    view = dialog.history
    first = view.topLevelItem(0)
    assert first is not None and first.text(1) == "2 · Autonomous"
    entries = history_of(workspace.require_company(), "J05", "placage")
    assert view.topLevelItemCount() == len(entries) >= 2
    dialog.close()


def test_the_catalogue_editor_adds_and_renames_a_skill_in_one_undoable_change(
    qtbot: QtBot, page: SkillsPage, workspace: Workspace
) -> None:
    page.edit_catalogue()
    dialog = page.catalogue_dialog
    qtbot.waitExposed(dialog)
    table = dialog.skills_table
    table.item(0, NAME).setText("CN 5 axes")
    dialog.add_skill()
    row = table.rowCount() - 1
    for column, text in ((CODE, "plan"), (NAME, "Lecture de plans"), (FAMILY, "Pose")):
        table.setItem(row, column, QTableWidgetItem(text))
    dialog.ok_button.click()
    company = workspace.require_company()
    assert company.skills[0] == Skill("cnc", "CN 5 axes", "Machines")
    assert company.skills[-1] == Skill("plan", "Lecture de plans", "Pose")
    assert company.jobs and company.staffing  # the needs kept
    assert "plan" in skills_shown(page)
    header = page.model.headerData(1, Qt.Orientation.Horizontal)
    assert header == "CN 5 axes"
    workspace.undo()
    assert [s.id for s in workspace.require_company().skills] == [
        s.id for s in joinery(TODAY).skills
    ]


def test_the_catalogue_editor_refuses_a_code_twice_and_an_empty_name(
    qtbot: QtBot, page: SkillsPage, workspace: Workspace
) -> None:
    page.edit_catalogue()
    dialog = page.catalogue_dialog
    qtbot.waitExposed(dialog)
    dialog.add_skill()
    row = dialog.skills_table.rowCount() - 1
    dialog.skills_table.setItem(row, CODE, QTableWidgetItem("cnc"))
    dialog.skills_table.setItem(row, MONTHS, QTableWidgetItem("12"))
    dialog.ok_button.click()
    assert dialog.isVisible()
    text = dialog.error.text()
    assert "the code cnc is already used" in text and "the name is empty" in text
    assert len(workspace.require_company().skills) == 12


def test_a_skill_people_hold_is_kept_and_an_unused_one_goes_with_its_needs(
    qtbot: QtBot, page: SkillsPage, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _parent, _title, text: told.append(text))
    monkeypatch.setattr(QMessageBox, "question", lambda *_args: QMessageBox.StandardButton.Yes)
    page.edit_catalogue()
    dialog = page.catalogue_dialog
    qtbot.waitExposed(dialog)
    held = references(workspace.require_company(), "cnc")
    dialog.skills_table.setCurrentCell(0, NAME)
    dialog.remove_skill()
    assert dialog.skills_table.rowCount() == 12
    assert f"{held.entries} levels recorded for {held.employees} employees" in told[0]
    # Nobody holds a new skill: it goes, and so does a job's need naming it.
    dialog.add_skill()
    row = dialog.skills_table.rowCount() - 1
    for column, text in ((CODE, "colle"), (NAME, "Collage")):
        dialog.skills_table.setItem(row, column, QTableWidgetItem(text))
    dialog.tabs.setCurrentIndex(1)
    dialog.add_job_need()
    need_row = dialog.jobs_table.rowCount() - 1
    choose(dialog._combo(dialog.jobs_table, need_row, 1), "colle")
    dialog.tabs.setCurrentIndex(0)
    dialog.skills_table.setCurrentCell(row, NAME)
    dialog.remove_skill()
    assert dialog.skills_table.rowCount() == 12
    assert dialog.jobs_table.rowCount() == need_row


def test_the_page_is_in_the_navigation_with_its_shortcut(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    pool = QThreadPool()
    feed = ObligationsFeed(workspace, pool)
    skills = SkillsPage(workspace)
    pages = Pages(
        welcome=WelcomePage(workspace),
        dashboard=StandInList("dashboard"),  # type: ignore[arg-type]
        employees=StandInList("employees"),  # type: ignore[arg-type]
        interviews=StandInList("interviews"),  # type: ignore[arg-type]
        campaigns=StandInList("campaigns"),  # type: ignore[arg-type]
        training=StandInList("training"),  # type: ignore[arg-type]
        settings=SettingsPage(workspace, settings),
        employee=StandInEmployee(),  # type: ignore[arg-type]
        skills=skills,
    )
    window = MainWindow(workspace, feed, pages, settings, FakeFiles().actions())
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    action = window.page_actions[-1]
    assert action.text() == "Skills" and action.shortcut().toString() == "Ctrl+7"
    qtbot.keyClick(window, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page() is skills
    assert window.navigation.currentItem().text() == "Skills"
    # A level typed, then Ctrl+Z in the window: the cell as it was.
    assert skills.go_to("J08", "metre")
    shown = cell_of(skills, "J08", "metre").data()  # type: ignore[attr-defined]
    skills.grid.setFocus()
    qtbot.keyClick(skills.grid, Qt.Key.Key_3)
    assert cell_of(skills, "J08", "metre").data() == "3"  # type: ignore[attr-defined]
    assert window.undo_action.text() == "&Undo level of Métré sur chantier for Pierre Roux"
    qtbot.keyClick(skills.grid, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert cell_of(skills, "J08", "metre").data() == shown  # type: ignore[attr-defined]
    assert skills.current_cell() == ("J08", "metre")
    window.close()
    pool.waitForDone()


@given(
    st.lists(
        st.tuples(st.integers(0, 3), st.integers(0, 400)),
        min_size=1,
        max_size=12,
    )
)
def test_the_history_newest_first_starts_with_the_current_level(
    entries: list[tuple[int, int]],
) -> None:
    """Whatever the order levels were recorded in, the history's first entry is the
    current level (the latest day, and of one day the one recorded last)."""
    history = tuple(
        SkillLevel("cnc", level, TODAY - timedelta(days=days)) for level, days in entries
    )
    company = replace(
        joinery(TODAY), employees=(replace(joinery(TODAY).employees[0], skill_levels=history),)
    )
    listed = history_of(company, "J01", "cnc")
    assert len(listed) == len(history)
    assert listed[0] == current_levels(history)["cnc"]
    assert [e.date for e in listed] == sorted((e.date for e in history), reverse=True)


def test_catalogue_problems_name_the_skill() -> None:
    assert catalogue_problems([Skill("a", "A"), Skill("a", ""), Skill("", "B", "", 0)]) == [
        "Skill 2: the code a is already used.",
        "Skill 2: the name is empty.",
        "Skill 3: the code is empty.",
        "Skill 3: a validity is at least one month.",
    ]


def test_rows_carry_the_employee_and_the_skill(page: SkillsPage) -> None:
    index = cell_of(page, "J07", "sst")
    assert index.data(REF_ROLE) == "J07"  # type: ignore[attr-defined]
    assert index.data(SKILL_ROLE) == "sst"  # type: ignore[attr-defined]


def test_a_read_only_role_records_nothing_and_is_told_why(
    qtbot: QtBot, page: SkillsPage, workspace: Workspace
) -> None:
    workspace.__dict__["access"] = Access(on_server=True, role="accountant")
    before = workspace.employee("J03").skill_levels
    assert page.go_to("J03", "vernis")
    page.grid.setFocus()
    qtbot.keyClick(page.grid, Qt.Key.Key_2)
    assert workspace.employee("J03").skill_levels == before
    assert page.message_label.text() == "Your role (accountant) cannot change the register"
    page.edit_catalogue()
    assert page.catalogue_dialog is None


def test_the_role_window_greys_the_levels_and_the_catalogue(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    pool = QThreadPool()
    feed = ObligationsFeed(workspace, pool)
    skills = SkillsPage(workspace)
    pages = Pages(
        welcome=WelcomePage(workspace),
        dashboard=StandInList("dashboard"),  # type: ignore[arg-type]
        employees=StandInList("employees"),  # type: ignore[arg-type]
        interviews=StandInList("interviews"),  # type: ignore[arg-type]
        campaigns=StandInList("campaigns"),  # type: ignore[arg-type]
        training=StandInList("training"),  # type: ignore[arg-type]
        settings=SettingsPage(workspace, settings),
        employee=StandInEmployee(),  # type: ignore[arg-type]
        skills=skills,
    )
    window = MainWindow(workspace, feed, pages, settings, FakeFiles().actions())
    qtbot.addWidget(window)
    workspace.__dict__["access"] = Access(on_server=True, role="accountant")
    follow_role(window)
    window.show()
    window.page_actions[-1].trigger()
    qtbot.waitUntil(lambda: skills.current_cell() is not None)
    reason = "Your role (accountant) cannot change the register"
    for button in (skills.edit_button, skills.catalogue_button):
        assert not button.isEnabled() and button.toolTip() == reason
    assert skills.history_button.isEnabled()  # reading stays
    pool.waitForDone()


@pytest.mark.parametrize(
    "failure", ["attempt to write a readonly database", "database or disk is full"]
)
def test_a_level_or_a_catalogue_the_file_refuses_says_why_and_changes_nothing(
    qtbot: QtBot,
    page: SkillsPage,
    workspace: Workspace,
    monkeypatch: pytest.MonkeyPatch,
    failure: str,
) -> None:
    told: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", lambda _parent, _title, text, *_args: told.append(text)
    )
    before = workspace.require_company()
    fail_writes(monkeypatch, failure)
    assert page.go_to("J03", "vernis")
    page.grid.setFocus()
    qtbot.keyClick(page.grid, Qt.Key.Key_3)
    assert told and ("nothing was saved" in told[-1].lower() or "cannot be written" in told[-1])
    assert "Recorded" not in page.message_label.text()
    page.edit_catalogue()
    dialog = page.catalogue_dialog
    qtbot.waitExposed(dialog)
    dialog.skills_table.item(0, NAME).setText("CN 5 axes")
    dialog.ok_button.click()
    assert len(told) == 2 and dialog.isVisible()  # the typing stays on screen
    assert workspace.require_company() == before
    dialog.reject()


@given(
    st.lists(
        st.tuples(st.integers(0, 3), st.integers(0, 2000), st.sampled_from(["caces", "cnc"])),
        max_size=10,
    )
)
def test_a_cell_holds_the_level_the_domain_says_is_held_today(
    entries: list[tuple[int, int, str]],
) -> None:
    """The matrix agrees with ``level_on``: the newest entry's level, 0 once a
    certification has lapsed, nothing shown when nothing was recorded."""
    history = tuple(
        SkillLevel(skill, level, TODAY - timedelta(days=days)) for level, days, skill in entries
    )
    company = joinery(TODAY)
    employee = replace(company.employees[0], skill_levels=history)
    model = SkillsMatrixModel()
    model.set_company(replace(company, employees=(employee,)), TODAY)
    for skill in company.skills:
        column = model.column_of(skill.id)
        assert column is not None
        index = model.index(0, column)
        held = [e for e in history if e.skill == skill.id]
        if not held:
            assert index.data() == "" and index.data(LEVEL_ROLE) is None
        else:
            assert index.data(LEVEL_ROLE) == level_on(skill, history, TODAY)
            assert index.data() == str(current_levels(held)[skill.id].level)


def test_a_gap_chosen_in_the_risks_panel_brings_its_skill_into_view(
    qtbot: QtBot, page: SkillsPage
) -> None:
    """The page holds the risks panel beside the matrix; a gap's sentence clicked there
    makes its skill's cell current, even when the family filter hid the column."""
    assert page.risks.isVisible()
    # The gaps are listed once the matrix is painted (the matrix shows at once).
    qtbot.waitUntil(lambda: bool(page.risks.rows), timeout=2000)
    row = page.risks.rows[-1]
    skill = row.gap.skill.id
    others = [
        i
        for i in range(1, page.family_combo.count())
        if page.family_combo.itemData(i) != row.gap.skill.family.strip()
    ]
    if others:
        page.family_combo.setCurrentIndex(others[0])
    qtbot.mouseClick(row.sentence, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.current_cell() is not None, timeout=2000)
    current = page.current_cell()
    assert current is not None and current[1] == skill
    assert skill in skills_shown(page)


def test_the_printed_matrix_holds_what_the_filters_choose(page: SkillsPage) -> None:
    assert page.matrix_filter() == MatrixFilter()
    site = page.site_combo.itemData(1)
    page.site_combo.setCurrentIndex(1)
    assert page.matrix_filter() == MatrixFilter(site=site)


def test_the_risks_panel_follows_the_site_chosen(qtbot: QtBot, page: SkillsPage) -> None:
    """Filtered to a site, the panel lists that site's risks (and those of a skill nobody
    holds), the summary counting them; back to every site, all of them again. The panel
    fills once the matrix is painted, and again on the next turn after a filter."""
    qtbot.waitUntil(lambda: bool(page.risks.rows), timeout=2000)
    everything = list(page.risks.gaps)
    assert page.risks.shown == everything
    site = page.site_combo.itemData(1)
    page.site_combo.setCurrentIndex(1)
    qtbot.waitUntil(lambda: page.risks.shown != everything, timeout=2000)
    shown = page.risks.shown
    assert shown == [g for g in everything if gap_concerns(g, site, "")]
    assert len(shown) < len(everything), "the joinery has risks on more than one site"
    for gap in shown:
        assert gap.site == site or not gap.employees or any(e.site == site for e in gap.employees)
    assert page.risks.summary.text().startswith(str(len(shown)))
    assert len(page.risks.rows) == len(shown)
    page.site_combo.setCurrentIndex(0)
    qtbot.waitUntil(lambda: page.risks.shown == everything, timeout=2000)
    assert len(page.risks.rows) == len(everything)


def test_the_page_fits_a_small_screen_beside_the_navigation(page: SkillsPage) -> None:
    """Its least width leaves room for the navigation on a 1,024-pixel screen: the legend
    wraps, the filters shrink, the risks panel narrows (its width once made the window
    need 1,342 pixels in Dutch)."""
    assert page.minimumSizeHint().width() <= 860
    page.resize(860, 600)
    legend = page.findChild(QLabel, "skills_legend")
    assert legend is not None and legend.wordWrap()
    assert "Under&nbsp;the&nbsp;job" in legend.text()  # each item kept on one line


def test_the_same_level_with_a_new_note_is_recorded_and_a_repeat_is_not(
    page: SkillsPage, workspace: Workspace
) -> None:
    """Saving the cell's dialog again with only a note added keeps the note (a new entry);
    the very same entry again adds nothing and says so."""
    first = SkillLevel("cnc", 2, TODAY, SkillSource.ASSESSMENT)
    page._record("J02", first)
    count = len(history_of(workspace.require_company(), "J02", "cnc"))
    page._record("J02", first)
    assert page.message_label.text() == "Already recorded today."
    assert len(history_of(workspace.require_company(), "J02", "cnc")) == count
    page._record("J02", replace(first, note="seen on the new machine"))
    newest = history_of(workspace.require_company(), "J02", "cnc")[0]
    assert newest.note == "seen on the new machine"
    assert len(history_of(workspace.require_company(), "J02", "cnc")) == count + 1
