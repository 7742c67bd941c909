"""The first-run page: its three choices and the form that creates the company."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QThreadPool
from pytestqt.qtbot import QtBot

from entretien_desktop.domain import Company, InterviewAgreement, Policy, PolicyKind
from entretien_desktop.i18n import set_language
from entretien_desktop.services.workspace import Workspace
from entretien_desktop.storage import open_database
from entretien_desktop.ui.feed import ObligationsFeed
from entretien_desktop.ui.pages.welcome import WelcomePage
from entretien_desktop.ui.widgets.company_form import country_names
from tests.helpers import small_company
from tests.test_main_window import FakeFiles, make_window

pytestmark = pytest.mark.gui

TODAY = date(2026, 11, 22)


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    with open_database(tmp_path / "new.sqlite") as database:
        yield Workspace(database, today=lambda: TODAY)


@pytest.fixture
def page(qtbot: QtBot, workspace: Workspace) -> WelcomePage:
    welcome = WelcomePage(workspace)
    qtbot.addWidget(welcome)
    welcome.show()
    qtbot.waitExposed(welcome)
    return welcome


def open_form(qtbot: QtBot, page: WelcomePage) -> None:
    qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
    assert page.stack.currentWidget() is page.create_page


def test_three_choices(page: WelcomePage) -> None:
    assert [b.text() for b in (page.create_button, page.open_button, page.demo_button)] == [
        "Create my company",
        "Open an existing file…",
        "Explore the demo company",
    ]


def test_the_open_and_demo_choices_are_asked_of_the_window(qtbot: QtBot, page: WelcomePage) -> None:
    with qtbot.waitSignal(page.open_requested):
        qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(page.demo_requested):
        qtbot.mouseClick(page.demo_button, Qt.MouseButton.LeftButton)


def test_the_form_creates_the_company_with_agreement_and_policies(
    qtbot: QtBot, page: WelcomePage, workspace: Workspace
) -> None:
    open_form(qtbot, page)
    form = page.form
    assert form.country.currentData() == "FR"
    qtbot.keyClicks(form.name, "  Boulangerie Martin ")
    form.country.setCurrentIndex(form.country.findData("BE"))
    form.headcount.setValue(14)
    form.headcount_date.set_value(date(2026, 1, 1))
    form.agreement.setChecked(True)
    form.agreement_months.setValue(36)
    form.agreement_since.set_value(date(2024, 5, 2))
    form.policy_checks[PolicyKind.ANNUAL_REVIEW].setChecked(True)

    qtbot.mouseClick(page.submit_button, Qt.MouseButton.LeftButton)

    assert workspace.company == Company(
        name="Boulangerie Martin",
        country="BE",
        headcount=14,
        headcount_date=date(2026, 1, 1),
        interview_agreement=InterviewAgreement(36, date(2024, 5, 2)),
        policies=(Policy(PolicyKind.ANNUAL_REVIEW, 12, TODAY),),
    )


def test_a_missing_name_is_refused_at_the_field(
    qtbot: QtBot, page: WelcomePage, workspace: Workspace
) -> None:
    open_form(qtbot, page)
    qtbot.mouseClick(page.submit_button, Qt.MouseButton.LeftButton)
    problem = page.form.problems["name"]
    assert problem.isVisible()
    assert problem.text() == "The company name is required."
    assert workspace.company is None
    assert page.form.name.hasFocus()


def test_an_agreement_ending_before_it_starts_is_refused(
    qtbot: QtBot, page: WelcomePage, workspace: Workspace
) -> None:
    open_form(qtbot, page)
    form = page.form
    form.name.setText("Garage")
    form.agreement.setChecked(True)
    form.agreement_since.set_value(date(2024, 5, 2))
    form.agreement_until.set_value(date(2023, 1, 1))
    qtbot.mouseClick(page.submit_button, Qt.MouseButton.LeftButton)
    assert form.problems["interview_agreement"].isVisible()
    assert workspace.company is None


def test_a_refusal_of_the_workspace_is_shown_on_the_page(
    qtbot: QtBot, page: WelcomePage, workspace: Workspace
) -> None:
    open_form(qtbot, page)
    workspace.create_company(small_company())
    page.form.name.setText("Another")
    qtbot.mouseClick(page.submit_button, Qt.MouseButton.LeftButton)
    assert page.form.problems["name"].text() == "This file already holds a company."


def test_back_returns_to_the_choices(qtbot: QtBot, page: WelcomePage) -> None:
    open_form(qtbot, page)
    qtbot.mouseClick(page.create_page.back_button, Qt.MouseButton.LeftButton)
    assert page.stack.currentWidget() is page.choices


def test_countries_in_the_interface_language_france_first() -> None:
    set_language("fr")
    names = dict(country_names())
    codes = [code for code, _name in country_names()]
    assert codes[0] == "FR"
    assert names["BE"] == "Belgique"
    assert names["DE"] == "Allemagne"
    assert "EU" not in names
    assert "001" not in names
    assert codes.index("DE") < codes.index("BE")


def test_creating_the_company_in_the_window_shows_its_name_and_navigation(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    pool = QThreadPool()
    feed = ObligationsFeed(workspace, pool)
    settings = QSettings(str(tmp_path / "interface.ini"), QSettings.Format.IniFormat)
    window = make_window(qtbot, workspace, feed, settings, FakeFiles())
    window.show()
    qtbot.waitExposed(window)
    welcome = window.pages.welcome
    assert window.windowTitle() == "Entretien Desktop"
    assert not window.navigation.isVisible()

    qtbot.mouseClick(welcome.create_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(welcome.form.name, "Atelier Dupont")
    welcome.form.headcount.setValue(8)
    qtbot.mouseClick(welcome.submit_button, Qt.MouseButton.LeftButton)

    assert window.windowTitle() == "Entretien Desktop \u2014 Atelier Dupont"
    assert window.navigation.isVisible()
    assert window.current_page() is window.pages.dashboard
    pool.waitForDone()
