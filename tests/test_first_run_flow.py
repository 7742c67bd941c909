"""A first-time user's whole path through the real window (``app.Session``): create the
company on the welcome page, add three employees in the register, record a leave for each
on their page, then find the three return-from-leave interviews on the dashboard.

``build_window`` gives the workspace the real calendar (no ``today`` to inject), so the
dates typed are counted back from ``date.today()``.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from entretien_desktop import app
from entretien_desktop.domain import LeaveKind
from entretien_desktop.services.board import Stage
from entretien_desktop.ui.main_window import MainWindow
from entretien_desktop.ui.pages.dashboard_page import UrgentModel
from entretien_desktop.ui.pages.employees_model import Column
from entretien_desktop.ui.widgets.timeline import EVENT

pytestmark = pytest.mark.gui

REPORT_TIMEOUT = 20_000


@pytest.fixture
def session(tmp_path: Path) -> Iterator[app.Session]:
    settings = QSettings(str(tmp_path / "interface.ini"), QSettings.Format.IniFormat)
    opened = app.Session(settings)
    yield opened
    if opened.window is not None:
        opened.window.close()
    opened.close()


def days_ago(days: int) -> date:
    return date.today() - timedelta(days=days)


# Number, first name, last name (ASCII: QTest types no accents), the leave, its first and
# last day (days before today) and how the explanation names it.
PEOPLE = (
    ("S1", "Camille", "Bernard", LeaveKind.MATERNITY, 130, 12, "maternity leave"),
    ("S2", "Hugo", "Garnier", LeaveKind.SABBATICAL, 200, 20, "sabbatical leave"),
    ("S3", "Lea", "Moreau", LeaveKind.LONG_SICKNESS, 250, 8, "long-term sick leave"),
)


def create_company(qtbot: QtBot, window: MainWindow) -> None:
    welcome = window.pages.welcome
    assert welcome.isVisible()
    qtbot.mouseClick(welcome.create_button, Qt.MouseButton.LeftButton)
    form = welcome.form
    assert form.name.isVisible()
    qtbot.keyClicks(form.name, "Atelier Bernard")
    assert form.country.currentText() == "France"
    form.headcount.selectAll()
    qtbot.keyClicks(form.headcount, "12")
    assert form.headcount.value() == 12
    with qtbot.waitSignal(window.feed.report_ready, timeout=REPORT_TIMEOUT):
        qtbot.mouseClick(welcome.submit_button, Qt.MouseButton.LeftButton)


def add_employee(qtbot: QtBot, window: MainWindow, ref: str, first: str, last: str) -> None:
    page = window.pages.employees
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    dialog = page.employee_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    dialog.ref_edit.selectAll()
    qtbot.keyClicks(dialog.ref_edit, ref)
    qtbot.keyClicks(dialog.first_name_edit, first)
    qtbot.keyClicks(dialog.last_name_edit, last)
    dialog.hire_edit.set_value(days_ago(4 * 365))
    assert dialog.problems_shown() == {}
    with qtbot.waitSignal(window.feed.report_ready, timeout=REPORT_TIMEOUT):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert page.selected_ref() == ref


def register_names(window: MainWindow) -> list[str]:
    proxy = window.pages.employees.proxy
    return [proxy.index(row, Column.NAME).data() for row in range(proxy.rowCount())]


def record_leave(
    qtbot: QtBot, window: MainWindow, kind: LeaveKind, first_day: int, last_day: int
) -> None:
    page = window.pages.employee
    qtbot.mouseClick(page.add_leave_button, Qt.MouseButton.LeftButton)
    dialog = page.leave_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(kind))
    dialog.start_edit.set_value(days_ago(first_day))
    dialog.end_edit.set_value(days_ago(last_day))
    assert dialog.end_error.isHidden()
    with qtbot.waitSignal(window.feed.report_ready, timeout=REPORT_TIMEOUT):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()


def shown_rows(model: UrgentModel) -> list[list[str]]:
    return [
        [model.index(row, column).data() for column in range(model.columnCount())]
        for row in range(model.rowCount())
    ]


def test_a_new_company_its_employees_and_their_leaves_reach_the_dashboard(
    qtbot: QtBot, tmp_path: Path, session: app.Session
) -> None:
    window = session.open(tmp_path / "first.sqlite")
    qtbot.waitExposed(window)
    assert window.windowTitle() == "Entretien Desktop"
    assert not window.navigation.isVisible()

    create_company(qtbot, window)
    assert window.windowTitle() == "Entretien Desktop \u2014 Atelier Bernard"
    assert window.navigation.isVisible()
    assert window.state_label.text() == "Saved"
    titles = [window.navigation.item(i).text() for i in range(window.navigation.count())]
    assert titles == [
        "Dashboard",
        "Employees",
        "Interviews",
        "Campaigns",
        "Training plan",
        "Settings",
        "Skills",
    ]

    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page() is window.pages.employees
    for ref, first, last, *_leave in PEOPLE:
        add_employee(qtbot, window, ref, first, last)
    assert sorted(register_names(window)) == ["Camille Bernard", "Hugo Garnier", "Lea Moreau"]
    assert window.pages.employees.count_label.text() == "3 employees shown"

    employee_page = window.pages.employee
    for ref, first, last, kind, first_day, last_day, _name in PEOPLE:
        assert window.pages.employees.select(ref)
        qtbot.keyClick(window.pages.employees.table, Qt.Key.Key_Return)
        assert window.current_page() is employee_page
        assert employee_page.name_label.text() == f"{first} {last}"
        record_leave(qtbot, window, kind, first_day, last_day)
        timeline = employee_page.timeline
        events = [timeline.topLevelItem(i).text(EVENT) for i in range(timeline.topLevelItemCount())]
        assert "Due: Return from leave" in events
        qtbot.mouseClick(employee_page.back_button, Qt.MouseButton.LeftButton)
        assert window.current_page() is window.pages.employees

    navigation = window.navigation
    dashboard_item = navigation.visualItemRect(navigation.item(0)).center()
    qtbot.mouseClick(navigation.viewport(), Qt.MouseButton.LeftButton, pos=dashboard_item)
    dashboard = window.pages.dashboard
    assert window.current_page() is dashboard
    # The board first: each return interview to do, under its employee's name.
    assert dashboard.board_view.isVisible()
    to_do = dashboard.board_view.lists[Stage.TO_DO]
    cards = [to_do.item(i).text() for i in range(to_do.count())]
    for _ref, first, last, *_rest in PEOPLE:
        assert any(c.startswith(f"{first} {last} — Return from leave") for c in cards), cards
    # Then the list, most urgent first, with the rule's explanation.
    tabs = dashboard.views.tabBar()
    qtbot.mouseClick(tabs, Qt.MouseButton.LeftButton, pos=tabs.tabRect(1).center())
    assert dashboard.table.isVisible()
    rows = shown_rows(dashboard.model)
    status, why = UrgentModel.STATUS, UrgentModel.EXPLANATION
    for _ref, first, last, _kind, _first_day, _last_day, leave_name in PEOPLE:
        returns = [
            row
            for row in rows
            if row[UrgentModel.EMPLOYEE] == f"{first} {last}"
            and row[UrgentModel.KIND] == "Return from leave"
        ]
        assert len(returns) == 1, rows
        (row,) = returns
        assert row[status] == "Due soon"
        assert row[why].startswith(f"Back from {leave_name} on "), row[why]

    def counted(label: str) -> str:
        return str(sum(1 for row in rows if row[status] == label))

    tiles = dashboard.tiles
    assert int(tiles["due_soon"].text()) >= 3
    assert tiles["due_soon"].text() == counted("Due soon")
    assert tiles["overdue"].text() == counted("Overdue")
    assert tiles["upcoming"].text() == counted("Upcoming")
    assert window.state_label.text() == "Saved"
