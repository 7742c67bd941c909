"""The employee register: rows from the obligations feed, search and filters, sorting, the
status cell, adding an employee and recording an exit, and opening an employee."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt, QThreadPool
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QLabel
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from entretien_desktop.domain import Company, Contract, Employee
from entretien_desktop.rules import Status
from entretien_desktop.services.demo import build_demo_company
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.storage import open_database
from entretien_desktop.ui.feed import ObligationsFeed
from entretien_desktop.ui.pages.employees_model import SORT_ROLE, Column, Presence
from entretien_desktop.ui.pages.employees_page import EmployeesPage
from tests.helpers import TODAY, open_workspace
from tests.qt_helpers import ready_feed

pytestmark = pytest.mark.gui


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    with open_workspace(tmp_path / "demo.sqlite", build_demo_company(TODAY)) as space:
        yield space


@pytest.fixture
def feed(qtbot: QtBot, workspace: Workspace) -> ObligationsFeed:
    return ready_feed(qtbot, workspace)


@pytest.fixture
def page(qtbot: QtBot, workspace: Workspace, feed: ObligationsFeed) -> EmployeesPage:
    page = EmployeesPage(workspace, feed)
    qtbot.addWidget(page)
    page.resize(1100, 750)
    page.show()
    return page


def shown(page: EmployeesPage, column: Column = Column.NUMBER) -> list[str]:
    proxy = page.proxy
    return [proxy.index(row, column).data() for row in range(proxy.rowCount())]


def choose(combo: QComboBox, value: object) -> None:
    index = combo.findData(value)
    assert index >= 0, value
    combo.setCurrentIndex(index)


def cell(page: EmployeesPage, ref: str, column: Column) -> QModelIndex:
    row = page.model.row_of(ref)
    assert row is not None
    return page.model.index(row, column)


def test_the_models_pass_the_model_tester(qtmodeltester: ModelTester, page: EmployeesPage) -> None:
    qtmodeltester.check(page.model)
    qtmodeltester.check(page.proxy)


def test_present_employees_are_shown_by_default(page: EmployeesPage) -> None:
    assert "E022" not in shown(page)
    assert len(shown(page)) == 25
    assert page.count_label.text() == "25 employees shown"
    choose(page.presence_combo, Presence.LEFT)
    assert shown(page) == ["E022"]
    assert page.count_label.text() == "1 employee shown"
    choose(page.presence_combo, Presence.ALL)
    assert len(shown(page)) == 26


def test_typing_in_the_search_box_narrows_the_rows(qtbot: QtBot, page: EmployeesPage) -> None:
    qtbot.keyClicks(page.search, "emilie")
    assert shown(page) == ["E003"]  # Émilie Rousseau: accents and case do not matter
    page.search.clear()
    qtbot.keyClicks(page.search, "poseur")
    assert set(shown(page)) == {"E018", "E019", "E020", "E025"}
    page.search.clear()
    qtbot.keyClicks(page.search, "E02")
    assert set(shown(page)) == {"E020", "E021", "E023", "E024", "E025", "E026"}
    page.search.clear()
    assert len(shown(page)) == 25


def test_the_filters_combine(page: EmployeesPage) -> None:
    choose(page.site_combo, "Villeurbanne")
    assert set(shown(page, Column.SITE)) == {"Villeurbanne"}
    assert len(shown(page)) == 8
    choose(page.department_combo, "Commercial")
    assert set(shown(page)) == {"E023", "E024"}
    choose(page.department_combo, None)
    choose(page.status_combo, Status.OVERDUE)
    assert shown(page)
    assert all(text.startswith("Overdue · ") for text in shown(page, Column.STATUS))
    choose(page.site_combo, None)
    choose(page.status_combo, None)
    choose(page.contract_combo, Contract.INTERN)
    assert shown(page) == ["E016"]


def test_columns_sort_by_value_not_by_text(page: EmployeesPage, workspace: Workspace) -> None:
    page.table.sortByColumn(Column.HIRED, Qt.SortOrder.AscendingOrder)
    hired = [workspace.employee(ref).hire_date for ref in shown(page)]
    assert hired == sorted(hired)
    page.table.sortByColumn(Column.STATUS, Qt.SortOrder.AscendingOrder)
    statuses = shown(page, Column.STATUS)
    assert statuses[0].startswith("Overdue")
    assert statuses[-1] == "Nothing due"
    keys = [page.proxy.index(row, Column.STATUS).data(SORT_ROLE) for row in range(len(statuses))]
    assert keys == sorted(keys)


def test_the_status_cell_says_and_colours_the_most_urgent_obligation(page: EmployeesPage) -> None:
    overdue = cell(page, "E010", Column.STATUS)
    assert overdue.data().startswith("Overdue · ")
    assert overdue.data(Qt.ItemDataRole.BackgroundRole) == QColor("#f8d7da")
    assert overdue.data(Qt.ItemDataRole.ToolTipRole)
    due_soon = cell(page, "E018", Column.STATUS)
    # The date before the kind: a narrowed column still shows when it is due.
    assert due_soon.data().startswith("Due soon · ")
    assert due_soon.data().endswith(" · Career-path interview")
    assert due_soon.data(Qt.ItemDataRole.BackgroundRole) == QColor("#fff0c2")
    upcoming = cell(page, "E001", Column.STATUS)
    assert upcoming.data().startswith("Upcoming · ")
    assert upcoming.data(Qt.ItemDataRole.BackgroundRole) is None
    assert cell(page, "E022", Column.STATUS).data() == "Left on Sep 30, 2025"
    assert cell(page, "E016", Column.STATUS).data() == "Nothing due"


def test_an_employee_is_added_after_refusals_at_the_fields(
    qtbot: QtBot, page: EmployeesPage, feed: ObligationsFeed, workspace: Workspace
) -> None:
    page.new_employee()
    dialog = page.employee_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.ref_edit.text() == "E027"
    dialog.ref_edit.clear()
    qtbot.keyClicks(dialog.ref_edit, "E001")
    qtbot.keyClicks(dialog.first_name_edit, "X")
    qtbot.keyClick(dialog.first_name_edit, Qt.Key.Key_Backspace)
    assert dialog.problems_shown() == {
        "ref": "Another employee already has the number E001.",
        "first_name": "The first name is required.",
    }
    assert not dialog.ok_button.isEnabled()

    dialog.ref_edit.clear()
    qtbot.keyClicks(dialog.ref_edit, "E027")
    qtbot.keyClicks(dialog.first_name_edit, "Ines")
    qtbot.keyClicks(dialog.last_name_edit, "Roux")
    assert dialog.problems_shown() == {}
    assert dialog.ok_button.isEnabled()
    with qtbot.waitSignal(feed.report_ready, timeout=10_000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert workspace.employee("E027").full_name == "Ines Roux"
    assert "E027" in shown(page)
    assert page.selected_ref() == "E027"


def test_recording_an_exit_moves_the_row_out_of_present(
    qtbot: QtBot, page: EmployeesPage, feed: ObligationsFeed
) -> None:
    assert page.select("E020")
    qtbot.mouseClick(page.exit_button, Qt.MouseButton.LeftButton)
    dialog = page.exit_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.date_edit.set_value(date(2000, 1, 1))
    assert dialog.error.text() == "The exit date cannot be before the hire date."
    assert not dialog.ok_button.isEnabled()
    dialog.date_edit.set_value(date(2026, 10, 31))
    assert dialog.error.isHidden() and dialog.ok_button.isEnabled()
    with qtbot.waitSignal(feed.report_ready, timeout=10_000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert "E020" not in shown(page)
    choose(page.presence_combo, Presence.LEFT)
    assert set(shown(page)) == {"E020", "E022"}
    assert cell(page, "E020", Column.STATUS).data() == "Left on Oct 31, 2026"


def test_an_exit_is_only_offered_for_present_employees(page: EmployeesPage) -> None:
    assert not page.exit_button.isEnabled()
    assert page.select("E010")
    assert page.exit_button.isEnabled()
    choose(page.presence_combo, Presence.LEFT)
    assert page.select("E022")
    assert not page.exit_button.isEnabled()


def test_enter_and_double_click_open_the_employee(qtbot: QtBot, page: EmployeesPage) -> None:
    assert page.select("E010")
    with qtbot.waitSignal(page.employee_activated) as activated:
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert activated.args == ["E010"]
    index = page.proxy.mapFromSource(cell(page, "E005", Column.NAME))
    position = page.table.visualRect(index).center()
    # A click first: the view only opens a row double-clicked after being pressed.
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=position)
    with qtbot.waitSignal(page.employee_activated) as activated:
        qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=position)
    assert activated.args == ["E005"]


def test_the_selection_survives_a_refresh(
    qtbot: QtBot, page: EmployeesPage, feed: ObligationsFeed, workspace: Workspace
) -> None:
    page.table.sortByColumn(Column.NAME, Qt.SortOrder.DescendingOrder)
    assert page.select("E010")
    with qtbot.waitSignal(feed.report_ready, timeout=10_000):
        workspace.record_exit("E020", date(2026, 10, 31))
    assert page.selected_ref() == "E010"
    keys = [page.proxy.index(row, Column.NAME).data(SORT_ROLE) for row in range(23)]
    assert keys == sorted(keys, reverse=True)


def test_every_filter_has_a_label_with_a_mnemonic(page: EmployeesPage) -> None:
    labels = page.findChildren(QLabel)
    for field in (
        page.search,
        page.presence_combo,
        page.site_combo,
        page.department_combo,
        page.contract_combo,
        page.status_combo,
    ):
        assert any(label.buddy() is field and "&" in label.text() for label in labels)


def test_the_columns_fit_the_first_employees_of_a_new_company(qtbot: QtBot, tmp_path: Path) -> None:
    database = open_database(tmp_path / "new.sqlite")
    workspace = Workspace(database, today=lambda: TODAY)
    workspace.create_company(Company("Atelier Neuf", "FR", 3))
    feed = ObligationsFeed(workspace)
    with qtbot.waitSignal(feed.report_ready, timeout=10_000):
        feed.refresh()
    page = EmployeesPage(workspace, feed)
    qtbot.addWidget(page)
    page.resize(1100, 750)
    page.show()
    newcomer = Employee(
        ref="A1",
        first_name="Camille",
        last_name="Bernard",
        hire_date=date(2021, 3, 1),
        contract=Contract.PERMANENT,
    )
    with qtbot.waitSignal(feed.report_ready, timeout=10_000):
        workspace.save_employee(newcomer)
    status = cell(page, "A1", Column.STATUS).data()
    assert status.startswith("Overdue · ")
    needed = page.table.fontMetrics().horizontalAdvance(status)
    assert page.table.columnWidth(Column.STATUS) >= min(needed, 310)
    QThreadPool.globalInstance().waitForDone()
    database.close()


def test_a_narrow_window_shows_every_column_without_scrolling_sideways(
    qtbot: QtBot, page: EmployeesPage
) -> None:
    header = page.table.horizontalHeader()
    wide_status, name = header.sectionSize(Column.STATUS), header.sectionSize(Column.NAME)
    scroll = page.table.horizontalScrollBar()
    page.resize(860, 700)  # the page of the main window at 1024 px
    qtbot.waitUntil(lambda: scroll.maximum() == 0)
    assert header.sectionSize(Column.STATUS) < wide_status
    assert header.sectionSize(Column.NAME) == name  # whose row it is stays readable
    page.resize(1400, 750)
    qtbot.waitUntil(lambda: header.sectionSize(Column.STATUS) == wide_status)


def test_a_column_the_user_resized_keeps_its_width(qtbot: QtBot, page: EmployeesPage) -> None:
    header = page.table.horizontalHeader()
    header.resizeSection(Column.JOB, 260)  # as a drag of the header's edge does
    viewport = page.table.viewport()
    before = viewport.width()
    page.resize(860, 700)
    qtbot.waitUntil(lambda: viewport.width() < before)
    assert header.sectionSize(Column.JOB) == 260
    assert page.table.horizontalScrollBar().maximum() > 0  # the user's choice: it scrolls
